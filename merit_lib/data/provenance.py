"""Where a figure came from: package versions and the code's git commit, for manifests and audit metadata."""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path


def package_versions(names: Iterable[str]) -> dict[str, str]:
    """Installed version of each package ("not installed" when absent)."""
    return {name: _version(name) for name in names}


@functools.cache
def _version(name: str) -> str:
    """One package's installed version, looked up once per process (each audit's metadata names five)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def git_commit() -> str:
    """The commit of the code that ran ("unknown" outside a git checkout)."""
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=Path(__file__).parent, capture_output=True, text=True,
                              timeout=10).stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def code_version() -> dict[str, object]:
    """Which code ran, for a page an auditor checks: the package version, and the git commit when the package is the
    `merit_lib` folder of a git checkout (None otherwise, e.g. installed from a wheel), with `dirty` True when that
    folder holds changes not committed (then the commit alone does not reproduce the figures)."""
    package = Path(__file__).resolve().parent.parent
    version = package_versions(("merit_lib",))["merit_lib"]
    top = _git(package, "rev-parse", "--show-toplevel")
    if not top or Path(top).resolve() / package.name != package:
        return {"version": version, "commit": None, "dirty": None}
    commit = _git(package, "rev-parse", "HEAD")
    status = _git(Path(top), "status", "--porcelain", "--", package.name)
    return {"version": version, "commit": commit or None, "dirty": None if status is None else bool(status)}
