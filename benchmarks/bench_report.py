"""Time the quarterly run against the naive way (papermill CLI + nbconvert CLI, one OPD after another).

(a) `merit report` on the default synthetic Banten extract (3,236 profiled ASN, all OPDs), as a user runs it;
(b) papermill CLI then nbconvert CLI on notebooks/10_opd_report.ipynb for 3 OPDs, scaled to all OPDs.
Prints both and their ratio, the machine's load average before and after (a), and the HTML bytes of every page of (a)
(target: (a) ≤ 15 s on a quiet machine, OPD pages ≤ 150 KB). Usage: python benchmarks/bench_report.py [--workers 2]
[--no-naive]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(cmd: list[str], cwd: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True)
    return time.perf_counter() - t0


def page_bytes(out: Path) -> None:
    """HTML bytes per page of a period folder: each page, then the OPD pages' smallest, median, largest and total."""
    css = out / "assets" / "merit.css"
    print(f"stylesheet assets/merit.css (once per folder): {css.stat().st_size if css.is_file() else 0:,} B")
    for name in ("index.html", "provinsi.html", "audit_keadilan.html"):
        print(f"  {name}: {(out / name).stat().st_size:,} B")
    opd = pd.Series({p.name: p.stat().st_size for p in (out / "opd").glob("*.html")}).sort_values()
    if len(opd):
        print(f"  opd/*.html ({len(opd)} pages): smallest {opd.iloc[0]:,} B ({opd.index[0]}), median {int(opd.median()):,} B, "
              f"largest {opd.iloc[-1]:,} B ({opd.index[-1]}); over 150 KB: {int((opd > 150_000).sum())}")
    total = sum(p.stat().st_size for p in out.rglob("*.html"))
    print(f"  all HTML: {total:,} B")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-naive", action="store_true", help="skip (b), the naive run")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_report_"))
    data, out = work / "banten", work / "reports" / "2026Q1"
    subprocess.run([str(BIN / "merit"), "synth", "--out", str(data)], check=True, capture_output=True)

    load_before = os.getloadavg()
    full = timed([str(BIN / "merit"), "report", "--data", str(data), "--period", "2026Q1", "--out", str(out),
                  "--workers", str(args.workers)], work)
    load_after = os.getloadavg()
    comp = pd.read_csv(out / "tables" / "compliance.csv")
    n_pages = len(comp) + 2
    print(f"(a) merit report, {len(comp)} OPD + province + audit ({n_pages} notebooks, {args.workers} workers): {full:.1f} s"
          f"  (target ≤ 15 s; load average 1 min before {load_before[0]:.2f}, after {load_after[0]:.2f}, "
          f"{os.cpu_count()} CPUs)")
    page_bytes(out)
    if args.no_naive:
        shutil.rmtree(work, ignore_errors=True)
        return

    sample = comp.sort_values("n_pegawai", ascending=False)["opd_kode"].iloc[[0, len(comp) // 2, -1]].tolist()
    naive = []
    for code in sample:
        nb = work / f"naive_{code}.ipynb"
        t = timed([str(BIN / "papermill"), str(ROOT / "notebooks" / "10_opd_report.ipynb"), str(nb), "-p", "tables_dir", "tables",
                   "-p", "opd_kode", code, "--cwd", str(out), "--no-progress-bar"], work)
        t += timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)], work)
        naive.append(t)
        print(f"(b) naive, OPD {code}: {t:.1f} s")
    per = sum(naive) / len(naive)
    scaled = per * n_pages
    print(f"(b) naive, scaled to {n_pages} notebooks: {per:.1f} s each → {scaled:.0f} s")
    print(f"ratio (a)/(b): 1/{scaled / full:.1f}  (targets: (a) ≤ 30 s, ratio ≤ 1/15)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
