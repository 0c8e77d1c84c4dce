"""The suite itself: `make test` runs ruff, the fast tier and the notebooks; `make test-slow` runs exactly the slow tiers
it leaves out; CI runs both, always; the markers that split them are registered and used."""

from __future__ import annotations

import re
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


def test_make_test_runs_the_fast_tier_and_the_notebooks_on_workers_and_test_slow_the_rest():
    test, slow = _recipe("test"), _recipe("test-slow")
    assert "pytest tests --nbval-lax notebooks" in test and FAST in test
    assert len(re.findall(r"\s-m \"", test)) == 1 and "--deselect" not in test and " -k " not in test   # no other cut
    assert "pytest tests " in slow and SLOW in slow and len(re.findall(r"\s-m \"", slow)) == 1 and " -k " not in slow
    for recipe in (test, slow):
        assert "-n $(WORKERS)" in recipe and "--dist loadfile" in recipe   # a notebook's cells stay together on a worker
    assert re.search(r"^test: .*\blint\b", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert FAST in _recipe("quick")


def test_ci_runs_the_readme_command_then_the_slow_tiers_always():
    """Every tier runs in CI: `make test` (the README's command), then `make test-slow` even when the first failed, and
    CI fails when either did."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    steps = [s.strip() for ln in ci.splitlines() for s in ln.split("#")[0].split(";")]
    assert steps.index("status=0") < steps.index("make test || status=$?") < steps.index("make test-slow || status=$?") \
        < steps.index('exit "$status"')
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_markers_quick_leaves_out_are_registered_and_used():
    ini = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "--strict-markers" in ini["addopts"]
    registered = {m.split(":")[0] for m in ini["markers"]}
    assert registered == {"slow", "browser"}
    used = {m for f in (ROOT / "tests").glob("test_*.py")
            for m in re.findall(r"pytest\.mark\.(slow|browser)\b", f.read_text(encoding="utf-8"))}
    assert used == registered
