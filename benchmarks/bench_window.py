"""The evidence window against one quarter, on the default synthetic Banten extract (`merit synth`): run time of the
quarterly run and what each finds.

(a) `merit report --window 4` (the default) and `merit report --window 1`, each `--repeat` times alternately, on one
extract; prints each run's seconds, the medians, their ratio (target: ≤ 1.5) and the load average around them.
(b) from the tables of the last run of each: OPDs rated (of all), fairness findings that could be tested, the planted
effects found (the demo's: data/README.md), disparity flags that were not planted, and trend points.

Usage: python benchmarks/bench_window.py [--repeat 2] [--workers 2] [--extract DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

BIN = Path(sys.executable).parent


def run(data: Path, out: Path, window: int, workers: int) -> float:
    t0 = time.perf_counter()
    subprocess.run([str(BIN / "merit"), "report", "--data", str(data), "--period", "2026Q1", "--out", str(out),
                    "--window", str(window), "--workers", str(workers)], check=True, capture_output=True, text=True)
    return time.perf_counter() - t0


def findings(out: Path) -> str:
    """What a run's published tables show: rated OPDs, testable findings, the demo's planted effects, other flags."""
    from merit_lib.report.views import funnel_points
    from merit_lib.synth.generator import DEMO_DISPARITIES, DEMO_IGNORE_MERIT

    comp = pd.read_csv(out / "tables" / "compliance.csv", dtype={"opd_kode": str})
    f = pd.read_csv(out / "tables" / "findings.csv", dtype={"scope": str})
    rated = int((comp["tier"] != "tidak_dinilai").sum())
    tiers = comp["tier"].value_counts().to_dict()
    testable = int((f["flag"] != "insufficient data").sum())
    d = DEMO_DISPARITIES[0]
    row = f[(f["scope"] == d.opd) & (f["attribute"] == d.attribute) & (f["group"] == d.group)]
    penalty = f"{row['flag'].iloc[0]} ({row['direction'].iloc[0]})" if len(row) else "no row"
    points = funnel_points(comp)
    below = points[(points["position"] == "below") & points["component"].str.startswith("share_promosi")]
    ignoring = sorted(set(below.loc[below["opd_kode"] == DEMO_IGNORE_MERIT[0], "component"]))
    flagged = f[f["flag"] == "disparity"]
    planted = (flagged["attribute"] == d.attribute) & flagged["scope"].isin([d.opd, "PROVINSI"]) & \
        (flagged["direction"] == "lower")
    other = flagged.loc[~planted, ["scope", "attribute", "group", "direction"]].values.tolist()
    other_below = sorted(set(below.loc[below["opd_kode"] != DEMO_IGNORE_MERIT[0], "opd_kode"]))
    trend = pd.read_csv(out / "tables" / "trend.csv")
    return (f"rated {rated} of {len(comp)} {tiers}; testable findings {testable} of {len(f)}; "
            f"{d.opd} {d.attribute}={d.group}: {penalty}; {DEMO_IGNORE_MERIT[0]} below the 99.8% funnel limit on "
            f"{ignoring or 'nothing'}; unplanted disparities {other or 'none'}; other OPDs below on promotion shares "
            f"{other_below or 'none'}; trend quarters {trend['periode'].nunique()}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--extract", help="an extract folder (default: `merit synth` into a temporary folder)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_window_"))
    data = Path(args.extract) if args.extract else work / "banten"
    if not args.extract:
        subprocess.run([str(BIN / "merit"), "synth", "--out", str(data)], check=True, capture_output=True)
    times: dict[int, list[float]] = {4: [], 1: []}
    print(f"load average before: {os.getloadavg()}")
    for i in range(args.repeat):
        for window in (4, 1):
            out = work / f"w{window}_{i}" / "2026Q1"
            times[window].append(run(data, out, window, args.workers))
            print(f"  --window {window}, run {i + 1}: {times[window][-1]:.1f} s (load {os.getloadavg()[0]:.2f})")
    m4, m1 = statistics.median(times[4]), statistics.median(times[1])
    print(f"median: --window 4 {m4:.1f} s, --window 1 {m1:.1f} s, ratio {m4 / m1:.2f} (target ≤ 1.5)")
    print(f"load average after: {os.getloadavg()}")
    for window in (1, 4):
        print(f"--window {window}: {findings(work / f'w{window}_{args.repeat - 1}' / '2026Q1')}")


if __name__ == "__main__":
    main()
