"""Regenerate the screenshots in docs/ from a small synthetic report, in headless Chromium (`make screenshots`).

docs/opd_report.png (an OPD page on a 1280 px desktop, top of the page), docs/audit_page.png (the fairness audit,
1280 px) and docs/index_phone.png (the index on a 390 px phone, whole page). Needs Chromium from the OS
(`apt-get install -y chromium`) and Playwright for Python (a dev dependency); nothing is downloaded.
Usage: python docs/screenshots.py [--out docs] [--n 3236]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from merit_lib.report.pdf import INSTALL, find_browser
from merit_lib.synth import synthesize

DOCS = Path(__file__).resolve().parent
PERIOD = "2026Q1"


def render(work: Path, n: int) -> Path:
    """A small report: synthetic extract of `n` persons, its three largest OPDs."""
    synth = synthesize(n=n, seed=3)
    data = synth.write(work / "data")
    codes = synth.tables["pegawai"]["opd_kode"].value_counts().index[:3].tolist()
    out = work / PERIOD
    subprocess.run([sys.executable, "-m", "merit_lib.cli", "report", "--data", str(data), "--period", PERIOD,
                    "--out", str(out), "--opd", *codes], check=True)
    return out


def judged_page(report: Path) -> Path:
    """The page of the rendered OPD with the most promotions (a page with a verdict, not "tidak dapat dinilai")."""
    import pandas as pd

    from merit_lib.report.output import page_names

    comp = pd.read_csv(report / "tables" / "compliance.csv", dtype={"opd_kode": str})
    rendered = {p.stem for p in (report / "opd").glob("*.html")}
    stems = page_names(comp["opd_kode"].tolist())
    comp = comp[comp["opd_kode"].map(stems).isin(rendered)].sort_values("n_promosi", ascending=False)
    return report / "opd" / f"{stems[comp['opd_kode'].iloc[0]]}.html"


def shoot(report: Path, docs: Path, browser: str) -> list[Path]:
    """The three screenshots, written into `docs`."""
    from playwright.sync_api import sync_playwright

    opd_page = judged_page(report)
    # (page, png, width, which <h2> of the page the shot starts at — 0: the top; None: the whole page)
    shots = [(opd_page, docs / "opd_report.png", 1280, 0),
             (report / "audit_keadilan.html", docs / "audit_page.png", 1280, 2),     # the findings
             (report / "index.html", docs / "index_phone.png", 390, None)]
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=browser, args=["--no-sandbox", "--disable-gpu"])
        for page_file, target, width, start in shots:
            page = b.new_page(viewport={"width": width, "height": 900}, device_scale_factor=1)
            page.goto(page_file.as_uri(), wait_until="load")
            clip = None
            if start is not None:
                top = page.evaluate("i => { const e = document.querySelectorAll('main h2')[i - 1]; "
                                    "return i && e ? e.getBoundingClientRect().top + window.scrollY - 12 : 0 }", start)
                clip = {"x": 0, "y": max(0, top), "width": width, "height": 1400}
            page.screenshot(path=str(target), full_page=True, clip=clip)
            page.close()
            print(f"{target.relative_to(docs.parent)} ← {page_file.relative_to(report)} at {width} px")
        b.close()
    return [s[1] for s in shots]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DOCS)
    ap.add_argument("--n", type=int, default=3236, help="persons in the synthetic extract (Banten size: most OPDs are judged)")
    args = ap.parse_args()
    browser = find_browser()
    if browser is None:
        print(f"screenshots need Chromium: {INSTALL}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="merit-screens-") as work:
        shoot(render(Path(work), args.n), args.out, browser)
    return 0


if __name__ == "__main__":
    sys.exit(main())
