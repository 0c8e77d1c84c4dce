"""An A4 PDF of a report page, printed by headless Chromium (Debian's `chromium` package) from the same HTML.

`merit report --pdf` writes `opd/<kode>.pdf` beside each OPD page, for signing and archiving. The page's print
stylesheet (assets/merit.css: `@page { size: A4 }`, breaks before sections, technical appendices printed open) sets
the layout; Chromium only prints. Each PDF leaves through `merit_lib.data.sink` (written aside, renamed into place).
Without a browser, `require_browser` raises an InputError naming the install step (the command exits 2).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from merit_lib.data import sink
from merit_lib.domain.errors import InputError

INSTALL = "apt-get install -y chromium"
BROWSERS = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
ENV = "MERIT_CHROMIUM"        # a browser elsewhere than on PATH
TIMEOUT = 120                 # seconds for one page
A4_POINTS = (595, 842)        # width, height in PostScript points (210 × 297 mm)
_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
          "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw")


class PdfError(RuntimeError):
    """Chromium did not produce a PDF for a page (its exit status and last message)."""


def find_browser() -> str | None:
    """The Chromium to print with: `$MERIT_CHROMIUM` when set, else the first of BROWSERS on PATH; None when absent."""
    given = os.environ.get(ENV)
    if given:
        return shutil.which(given)
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def require_browser() -> str:
    """The browser's path, or an InputError (exit 2, one line) saying how to install one."""
    found = find_browser()
    if found is None:
        raise InputError(f"--pdf perlu Chromium, yang tidak ditemukan di mesin ini; pasang dengan: {INSTALL}",
                         en=f"--pdf needs Chromium, which is not installed on this machine; install it with: {INSTALL}")
    return found


def print_pdf(page: Path, target: Path, browser: str, timeout: float = TIMEOUT) -> Path:
    """Print one HTML page to `target` as an A4 PDF (through the sink); a PdfError when Chromium fails."""
    page = Path(page).resolve()

    def write(tmp: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="merit-chromium-") as profile:
            cmd = [browser, *_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={tmp}", page.as_uri()]
            try:
                done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired as exc:
                raise PdfError(f"chromium: no PDF after {timeout:.0f} s") from exc
        if done.returncode != 0 or not tmp.is_file() or tmp.stat().st_size == 0:
            last = [line for line in (done.stderr or "").splitlines() if line.strip()][-1:] or ["(no message)"]
            raise PdfError(f"chromium exit {done.returncode}: {last[0][:200]}")

    return sink.write_produced(target, write)


def print_pages(pages: dict[str, Path], browser: str, workers: int = 1) -> dict[str, str | None]:
    """Print each page (name → HTML file) to a PDF beside it; name → None when written, else the error's first line."""
    def one(item: tuple[str, Path]) -> tuple[str, str | None]:
        name, html = item
        try:
            print_pdf(html, html.with_suffix(".pdf"), browser)
            return name, None
        except (PdfError, OSError) as exc:
            return name, f"pdf: {exc}"

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(pool.map(one, pages.items()))


def page_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """Every page's MediaBox (width, height) in whole points, read from the PDF bytes (uncompressed page objects,
    as Chromium writes them)."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    return [(round(float(x1) - float(x0)), round(float(y1) - float(y0))) for x0, y0, x1, y1 in boxes]
