"""The package as a user installs it: a wheel, installed away from the checkout, renders a quarterly report.

Builds a wheel from a copy of the sources (so the shared work tree gets no build/ or egg-info), installs it with
`pip install --no-deps --target SITE`, and runs `python -m merit_lib.cli synth` and `report` from a folder outside the
repository with PYTHONPATH=SITE, so the installed copy shadows the editable checkout. A notebook, template or roles
file that is not package data, or code that finds files relative to the checkout, fails here and not at a user's.
"""

from __future__ import annotations

import csv
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "merit_lib"
PERIOD = "2026Q1"
pytestmark = pytest.mark.slow     # the package tier: `make quick` leaves it out, `make test` (and CI) runs it


def _run(args: list, cwd: Path, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def _said(p: subprocess.CompletedProcess) -> str:
    return f"exit {p.returncode}\n--- stdout\n{p.stdout[-4000:]}\n--- stderr\n{p.stderr[-4000:]}"


def _build_backend_here() -> bool:
    """Whether this environment satisfies [build-system].requires (then the wheel is built offline, without isolation)."""
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    for spec in requires:
        req = Requirement(spec)
        try:
            if not req.specifier.contains(importlib.metadata.version(req.name), prereleases=True):
                return False
        except importlib.metadata.PackageNotFoundError:
            return False
    try:        # setuptools < 70.1 builds wheels only with the `wheel` package beside it
        import setuptools.command.bdist_wheel  # noqa: F401
    except ImportError:
        try:
            import wheel.bdist_wheel  # noqa: F401
        except ImportError:
            return False
    return True


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel of the package, built from a copy of what the build reads."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(PACKAGE, src / "merit_lib", ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints"))
    out = tmp_path_factory.mktemp("dist")
    base = [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--quiet", "-w", out]
    tried = []
    if _build_backend_here():
        p = _run([*base, "--no-build-isolation"], cwd=src)
        tried.append(("--no-build-isolation", p))
    if not tried or tried[-1][1].returncode:
        # this venv lacks a setuptools that satisfies pyproject's build-system: pip fetches one from the index
        tried.append(("build isolation", _run(base, cwd=src)))
    made = sorted(out.glob("merit_lib-*.whl"))
    assert tried[-1][1].returncode == 0 and len(made) == 1, "\n".join(f"[{how}] {_said(p)}" for how, p in tried)
    return made[0]


@pytest.fixture(scope="module")
def site(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    p = _run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", target, wheel], cwd=target)
    assert p.returncode == 0, _said(p)
    return target


def _outside_env(site: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JUPYTER", "IPYTHON"))}
    env.update(PYTHONPATH=str(site), PYTHONNOUSERSITE="1", MPLBACKEND="Agg")
    return env


def _outside(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("outside")
    assert not where.resolve().is_relative_to(ROOT), f"{where} is inside the repository"
    return where


def test_wheel_ships_the_package_data(wheel):
    """Every notebook, template and example roles file of the checkout is in the wheel."""
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = [*PACKAGE.glob("notebooks/*.ipynb"), *(p for p in PACKAGE.glob("report/templates/**/*") if p.is_file()),
              *PACKAGE.glob("data/roles/*.yaml")]
    assert any(p.suffix == ".ipynb" for p in wanted) and any("templates" in p.parts for p in wanted)
    missing = [p.relative_to(ROOT).as_posix() for p in wanted if p.relative_to(ROOT).as_posix() not in names]
    assert not missing, f"not in the wheel (pyproject.toml [tool.setuptools.package-data]): {missing}"


def test_installed_copy_finds_its_files_in_itself(site, tmp_path_factory):
    """Imported from SITE (not the checkout), and the folders the code reads from are SITE's own."""
    code = ("import json, merit_lib, merit_lib.report.pipeline as p, merit_lib.report.html as h, merit_lib.data.flat as f\n"
            "print(json.dumps({'package': merit_lib.__file__, 'notebooks': str(p.NOTEBOOKS), 'templates': str(h.TEMPLATES),"
            " 'roles': str(f.EXAMPLE_ROLES)}))")
    p = _run([sys.executable, "-c", code], cwd=_outside(tmp_path_factory), env=_outside_env(site))
    assert p.returncode == 0, _said(p)
    paths = {k: Path(v) for k, v in json.loads(p.stdout.strip().splitlines()[-1]).items()}
    for what, path in paths.items():
        assert path.resolve().is_relative_to(site.resolve()), f"{what}: {path} is not the installed copy under {site}"
        assert path.exists(), f"{what}: {path} missing from the installed copy"
    assert sorted(x.name for x in paths["notebooks"].glob("*.ipynb")) == sorted(x.name for x in PACKAGE.glob("notebooks/*.ipynb"))


def test_installed_copy_renders_a_quarterly_report(site, tmp_path_factory):
    """`merit synth` and `merit report` from the installed copy, in a folder outside the repository."""
    env = _outside_env(site)
    work = _outside(tmp_path_factory)
    p = _run([sys.executable, "-m", "merit_lib.cli", "synth", "--out", "D", "--n", "300", "--period", PERIOD], cwd=work, env=env)
    assert p.returncode == 0, _said(p)
    with open(work / "D" / "pegawai.csv", newline="", encoding="utf-8-sig") as fh:
        sizes = Counter(row["opd_kode"] for row in csv.DictReader(fh))
    opds = [code for code, _ in sizes.most_common(2)]
    assert len(opds) == 2, sizes

    out = work / "rep" / PERIOD
    p = _run([sys.executable, "-m", "merit_lib.cli", "report", "--data", "D", "--period", PERIOD, "--out", out, "--opd", *opds],
             cwd=work, env=env, timeout=900)
    assert p.returncode == 0, _said(p)
    pages = ["index.html", "provinsi.html", "audit_keadilan.html", *(f"opd/{c}.html" for c in opds),
             "manifest.json", "ringkasan.xlsx", "tables/compliance.csv", "tables/findings.csv"]
    missing = [page for page in pages if not (out / page).is_file() or (out / page).stat().st_size == 0]
    assert not missing, f"missing or empty in {out}: {missing}\n{_said(p)}"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    failed = [nb for nb in manifest["notebooks"] if nb["status"] != "ok"]
    assert not failed, failed
    assert len(manifest["notebooks"]) == 2 + len(opds)
    leftovers = [x.name for x in out.parent.iterdir() if x.name.startswith(".")]     # staging folder, lock
    assert not leftovers, leftovers
