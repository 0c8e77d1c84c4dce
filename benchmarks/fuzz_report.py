"""Fuzz the quarterly run: many generated extracts of random shape, each through a whole `merit report`.

Each case draws the generator's knobs (size, seed, missing assessments, promotion rate, levels or OPDs without
promotion) and a random set of the shapes in `merit_lib.synth.shapes` (history only inside the period, no *_lama
columns, optional columns absent, PNS only, 3 or 300 OPDs, OPDs of 1–3 persons, one-gender OPD, odd OPD codes,
moves inside the period, second promotions). A case fails when the run raises, a page is missing or failed, or
the ledger does not balance against the data. Prints every failure with its case, then the totals.

    .venv/bin/python benchmarks/fuzz_report.py --runs 200
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import traceback
from pathlib import Path

import numpy as np

from merit_lib.report.pipeline import run_report
from merit_lib.synth import shapes, write_tables


def run_case(case: shapes.Case, root: Path, workers: int) -> list[str]:
    """Render one case's report and list what is wrong with it."""
    tables = case.tables()
    data = write_tables(tables, root / "data")
    out = root / "rep" / "2026Q1"
    try:
        result = run_report(data, "2026Q1", out, workers=workers, progress=False)
    except Exception:  # noqa: BLE001 - a fuzzer reports every crash
        return ["crash: " + traceback.format_exc(limit=3).strip().splitlines()[-1]]
    problems = [f"failed page {j.name}: {j.error}" for j in result.failures]
    return problems + shapes.report_problems(result.out, tables)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--n-min", type=int, default=150)
    ap.add_argument("--n-max", type=int, default=900)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    failures, t0 = 0, time.perf_counter()
    for i in range(args.runs):
        case = shapes.random_case(rng, (args.n_min, args.n_max))
        root = Path(tempfile.mkdtemp(prefix="merit-fuzz-"))
        try:
            problems = run_case(case, root, args.workers)
        finally:
            shutil.rmtree(root, ignore_errors=True)
        if problems:
            failures += 1
            print(f"FAIL {i}: {case}")
            for p in problems[:5]:
                print(f"    {p}")
        print(f"{i + 1}/{args.runs} runs, {failures} failures, {time.perf_counter() - t0:.0f} s", flush=True)
    print(f"\nfuzz_report: {args.runs} generated extracts, {failures} failures, "
          f"{(time.perf_counter() - t0) / max(args.runs, 1):.1f} s per report")


if __name__ == "__main__":
    main()
