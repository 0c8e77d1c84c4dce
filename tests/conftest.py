"""Shared fixtures: small synthetic extracts written once per test session."""

from __future__ import annotations

import os

import pytest
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


def pytest_collection_modifyitems(config, items):
    """The slow tiers first (stable otherwise): on parallel workers the longest files start at once instead of last."""
    items.sort(key=lambda item: 0 if item.get_closest_marker("slow") or item.get_closest_marker("browser") else 1)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """A missing Chromium said once, with how to install it, instead of tests that skip without a word."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "Chromium" in str(getattr(r, "longrepr", ""))]
    if skipped:
        terminalreporter.write_line(f"Chromium is not installed: {len(skipped)} browser tests were skipped "
                                    "(apt-get install -y chromium; CI installs it, .ci/run).", yellow=True, bold=True)
