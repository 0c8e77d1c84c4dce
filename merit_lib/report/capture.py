"""Nothing but the report reaches a page: what a report notebook wrote to stderr (warnings included) is taken out of it.

After a notebook ran, `take_stderr` removes every stderr stream from the executed notebook (the one kept in the period
folder's `notebooks/`, and the one a page is rendered from) and returns it; the pipeline writes it to the run's log in
the steward's folder (`<out>.internal/run.log`: it may name server paths) and names it in the manifest in short
(`summary_line`, paths cut to their file names). A run in strict mode (`MERIT_STRICT=1`, as the test suite runs) fails
the page instead. `RESET` is what a warm kernel runs before each notebook, so a warning is shown (and caught) in every
notebook that raises it, not only in the first one a kernel ran.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from merit_lib.data.sink import write_text

#: the environment variable that makes a page with stderr a failed page (the test suite sets it)
STRICT_ENV = "MERIT_STRICT"
#: run in a warm kernel before each notebook: warning filters as new (each warning shown once per notebook, registries
#: of the previous notebook forgotten); deprecations are the libraries' business, as in the test suite's settings
RESET = """import warnings as _w
_w.resetwarnings(); _w.simplefilter("default")
_w.filterwarnings("ignore", category=DeprecationWarning); _w.filterwarnings("ignore", category=PendingDeprecationWarning)
del _w"""
_PATH = re.compile(r"(?:[A-Za-z]:)?(?:[\\/][^\\/\s:'\"]+)+[\\/]([^\\/\s:'\"]+)")
_WARNING = re.compile(r"\b(\w*(?:Warning|Error))\b: (.*)")


@dataclass(frozen=True)
class Captured:
    """One stderr stream of an executed notebook: the cell it came from (0-based) and its text."""

    cell: int
    text: str


def strict_default() -> bool:
    """Whether a page whose notebook wrote to stderr fails the run (`MERIT_STRICT=1`), else it is reported only."""
    return os.environ.get(STRICT_ENV, "").strip().lower() in ("1", "true", "yes", "ja")


def take_stderr(executed: Path) -> list[Captured]:
    """Remove every stderr stream from an executed notebook (rewritten in place when it held one); what was removed."""
    nb = nbformat.read(executed, as_version=4)
    found: list[Captured] = []
    for i, cell in enumerate(nb.cells):
        outputs = cell.get("outputs")
        if not outputs:
            continue
        kept = []
        for out in outputs:
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                text = out.get("text", "")
                found.append(Captured(i, "".join(text) if isinstance(text, list) else str(text)))
            else:
                kept.append(out)
        cell["outputs"] = kept
    if found:
        write_text(nbformat.writes(nb), executed)
    return found


def without_paths(text: str) -> str:
    """A text with every file path cut to its file name (`/srv/x/merit_lib/report/views.py` → `views.py`)."""
    return _PATH.sub(lambda m: m.group(1), text)


def summary_line(captured: list[Captured]) -> str:
    """What a notebook wrote to stderr in one line for the manifest and the console, without paths: the first warning
    or error named in it (else its first line), and how many streams there were."""
    if not captured:
        return ""
    joined = "\n".join(c.text for c in captured)
    found = _WARNING.search(joined)
    first = found.group(0) if found else next((line for line in joined.splitlines() if line.strip()), "")
    more = f" (+{len(captured) - 1})" if len(captured) > 1 else ""
    return without_paths(" ".join(first.split()))[:300] + more


def log_text(name: str, captured: list[Captured]) -> str:
    """One notebook's part of the run's log: its name, then each stream with its cell, as it was written."""
    if not captured:
        return ""
    parts = [f"== {name}: {len(captured)} stderr"]
    parts += [f"-- sel/cell {c.cell}\n{c.text.rstrip()}" for c in captured]
    return "\n".join(parts) + "\n"
