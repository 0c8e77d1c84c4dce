"""Shared fixtures: small synthetic extracts written once per test session, and whole reports built once per session.

A whole report takes the longest of anything the suite makes; the reports that several test files read (the small
synthetic extract rendered in Indonesian and in English) are built once per session, by whichever pytest-xdist worker
asks first, under a lock in the session's common temporary folder (xdist's documented pattern), and read by every
worker. A test that only reads a shared report uses it as is; a test that writes beside it copies it first
(`copy_report`).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import settings

from merit_lib.synth import synthesize

# a page whose notebook writes to stderr (a warning) fails the run in tests (report.capture); the `merit` commands the
# tests start inherit it
os.environ.setdefault("MERIT_STRICT", "1")

# property tests must not fail on a busy 2-core CI machine because one example was slow
settings.register_profile("merit", deadline=None)
settings.load_profile("merit")


@pytest.fixture(scope="session")
def small_synth():
    """A small synthetic extract (tables in memory, with its truth)."""
    return synthesize(n=600, seed=11)


@pytest.fixture(scope="session")
def small_dir(tmp_path_factory, small_synth):
    """The small extract written as CSV."""
    return small_synth.write(tmp_path_factory.mktemp("small"))


@pytest.fixture(scope="session")
def bad_synth():
    """A small extract with 22 planted bad rows (two of each kind)."""
    return synthesize(n=500, seed=5, bad_rows=22)


@pytest.fixture(scope="session")
def bad_dir(tmp_path_factory, bad_synth):
    return bad_synth.write(tmp_path_factory.mktemp("bad"))


def _session_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder every worker of this session shares (under xdist, the parent of each worker's own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], dict]) -> tuple[Path, dict]:
    """`build(folder)` run once per test session for `name` (whichever worker comes first, the others wait on its lock),
    its JSON-able result kept beside the folder; returns the folder and that result. A build that raised leaves no mark:
    the next worker to ask builds again (and fails with its own message)."""
    root = _session_root(tmp_path_factory) / "shared"
    root.mkdir(exist_ok=True)
    folder, done = root / name, root / f"{name}.json"
    with FileLock(str(root / f"{name}.lock")):
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            facts = build(folder)
            done.write_text(json.dumps(facts), encoding="utf-8")
    return folder, json.loads(done.read_text(encoding="utf-8"))


def copy_report(out: Path, to: Path) -> Path:
    """A shared period folder copied (with its steward's folder and register beside it) for a test that writes there."""
    to.mkdir(parents=True, exist_ok=True)
    for entry in out.parent.iterdir():
        if entry.name.endswith(".lock"):
            continue
        (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, to / entry.name)
    return to / out.name


#: the small synthetic extract the page and language tests read, and the period they report
SMALL_REPORT = {"n": 400, "seed": 7, "period": "2026Q1"}


def _small_report(lang: str) -> Callable[[Path], dict]:
    def build(folder: Path) -> dict:
        from merit_lib.cli import main
        from merit_lib.synth import synthesize

        s = synthesize(n=SMALL_REPORT["n"], seed=SMALL_REPORT["seed"])
        data = s.write(folder / "data")
        sizes = s.tables["pegawai"]["opd_kode"].value_counts()
        # the largest OPD, the 3rd and 4th largest (BAPENDA and DINKES: test_siasn_report's pages), the smallest
        codes = [str(sizes.index[i]) for i in (0, 2, 3, -1)]
        out = folder / "reports" / SMALL_REPORT["period"]
        # one kernel: the suite's workers already use the cores (tests/test_report.py runs two, reusing them)
        argv = ["report", "--data", str(data), "--period", SMALL_REPORT["period"], "--out", str(out), "--opd", *codes,
                "--workers", "1"] + (["--lang", "en"] if lang == "en" else [])
        said = io.StringIO()
        with contextlib.redirect_stdout(said):
            code = main(argv)                                        # the command line, as a user runs it
        assert code == 0, f"merit {' '.join(argv)}: exit {code}"
        return {"out": str(out), "data": str(data), "codes": codes, "stdout": said.getvalue(),
                "names": sorted(set(s.tables["pegawai"]["opd_nama"].dropna().astype(str)))}
    return build


@pytest.fixture(scope="session")
def small_report(tmp_path_factory) -> dict:
    """The small synthetic extract (n=400, seed 7) reported by `merit report` in Indonesian for 2026Q1 with the pages of
    four OPDs (the largest, the third and fourth, the smallest), built once per session: {out, data, codes, names,
    stdout} (read only)."""
    _, facts = built_once(tmp_path_factory, "small_report_id", _small_report("id"))
    return {**facts, "out": Path(facts["out"]), "data": Path(facts["data"])}


@pytest.fixture(scope="session")
def small_report_en(tmp_path_factory) -> dict:
    """The same extract, OPDs and period reported with `--lang en` (read only; the slow tier's: a second whole run)."""
    _, facts = built_once(tmp_path_factory, "small_report_en", _small_report("en"))
    return {**facts, "out": Path(facts["out"]), "data": Path(facts["data"])}


#: the fast tier's longest files (seconds on one worker, benchmarks/bench_suite.py), started first: with a file per worker
#: at a time, a long file started last leaves the other worker idle at the end (LPT order; the Makefile passes
#: --no-loadscope-reorder, without which xdist orders files by how many tests they hold)
#: test_language builds the shared Indonesian report (conftest) early, on the other worker, and test_report, which reads
#: it too, comes last: two of its readers started together would leave one worker waiting on the other's build
LONGEST = ("test_privacy.py", "test_language.py", "test_output_safety.py", "test_verdicts_independent.py", "test_shapes.py",
           "test_window.py", "test_writers_door.py", "test_fairness_shapes.py", "test_siasn_shapes.py", "test_load_holes.py",
           "test_model.py", "test_disclosure_attack.py", "test_report.py")


def pytest_collection_modifyitems(config, items):
    """The slow tiers first, then the longest files of the fast tier (stable otherwise): on parallel workers the longest
    files start at once instead of last."""
    def order(item: pytest.Item) -> tuple[int, int]:
        slow = item.get_closest_marker("slow") or item.get_closest_marker("browser")
        name = item.path.name
        return (0 if slow else 1, LONGEST.index(name) if name in LONGEST else len(LONGEST))

    items.sort(key=order)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """A missing Chromium said once, with how to install it, instead of tests that skip without a word."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "Chromium" in str(getattr(r, "longrepr", ""))]
    if skipped:
        terminalreporter.write_line(f"Chromium is not installed: {len(skipped)} browser tests were skipped "
                                    "(apt-get install -y chromium; CI installs it, .ci/run).", yellow=True, bold=True)
