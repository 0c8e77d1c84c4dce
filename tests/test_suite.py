"""The suite itself: `make test` (what CI runs) runs every tier; the markers that `make quick` leaves out are real."""

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


def test_make_test_runs_every_tier_and_the_notebooks_on_workers():
    test = _recipe("test")
    assert "pytest tests --nbval-lax notebooks" in test
    assert not re.search(r"pytest .*\s-m\s", test) and "--deselect" not in test and " -k " not in test  # none left out
    assert "-n $(WORKERS)" in test and "--dist loadfile" in test    # a notebook's cells stay together on one worker
    assert re.search(r'-m "not slow and not browser"', _recipe("quick"))


def test_the_markers_quick_leaves_out_are_registered_and_used():
    ini = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "--strict-markers" in ini["addopts"]
    registered = {m.split(":")[0] for m in ini["markers"]}
    assert registered == {"slow", "browser"}
    used = {m for f in (ROOT / "tests").glob("test_*.py")
            for m in re.findall(r"pytest\.mark\.(slow|browser)\b", f.read_text(encoding="utf-8"))}
    assert used == registered
