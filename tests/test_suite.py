"""The suite itself: `make test` runs ruff, the fast tier and the notebooks (`TIER=all`: every tier); `make test-slow`
runs exactly the slow tiers it leaves out; CI runs every tier in one `make test TIER=all`; the markers that split them
are registered and used."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _recipe(target: str) -> str:
    """The command lines of one Makefile target."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(rf"^{target}:[^\n]*\n((?:\t[^\n]*\n)+)", text, re.M)
    assert found, target
    return found.group(1)


FAST, SLOW = '-m "not slow and not browser"', '-m "slow or browser"'


def _make_n(*args: str) -> str:
    """What make would run (`make -n`), without running it."""
    # not what the make this suite runs under was given (`make test TIER=all` passes TIER to every make below it)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "TIER", "WORKERS")}
    done = subprocess.run(["make", "-n", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          check=True, env=env)
    return done.stdout


def test_make_test_runs_the_fast_tier_and_the_notebooks_on_workers_and_test_slow_the_rest():
    test, slow = _recipe("test"), _recipe("test-slow")
    assert "pytest tests --nbval-lax notebooks" in test and "$(TIER_MARKS)" in test
    assert "--deselect" not in test and " -k " not in test   # no other cut
    assert "pytest tests " in slow and SLOW in slow and len(re.findall(r"\s-m \"", slow)) == 1 and " -k " not in slow
    for recipe in (test, slow):
        assert "-n $(WORKERS)" in recipe and "--dist loadfile" in recipe   # a notebook's cells stay together on a worker
    assert re.search(r"^test: .*\blint\b", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert FAST in _recipe("quick")
    # what each command runs: the fast tier, or (TIER=all, and make test-all) the same run without a marker cut
    for args, cut in ((("test",), FAST), (("test", "TIER=all"), ""), (("test-all",), "")):
        lines = [ln for ln in _make_n(*args, "-o", ".venv/.installed").splitlines() if "-m pytest" in ln]
        assert len(lines) == 1, args
        assert lines[0].rstrip().endswith("--dist loadfile" + (f" {cut}" if cut else "")), (args, lines[0])


def test_ci_runs_every_tier_in_one_run_of_the_readme_command():
    """Every tier runs in CI, in one run of `make test` (the README's command) with TIER=all; CI fails when it did."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    steps = [s.strip() for ln in ci.splitlines() for s in ln.split("#")[0].split(";")]
    assert steps.index("status=0") < steps.index("make test TIER=all || status=$?") < steps.index('exit "$status"')
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_markers_quick_leaves_out_are_registered_and_used():
    ini = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "--strict-markers" in ini["addopts"]
    registered = {m.split(":")[0] for m in ini["markers"]}
    assert registered == {"slow", "browser"}
    used = {m for f in (ROOT / "tests").glob("test_*.py")
            for m in re.findall(r"pytest\.mark\.(slow|browser)\b", f.read_text(encoding="utf-8"))}
    assert used == registered
