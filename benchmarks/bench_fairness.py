"""False-flag rate and detection power of the fairness audit on synthetic extracts of Banten's size.

1. No planted disparity, `--seeds` seeds: the share of tested (scope, group) findings flagged
   `disparity` (must stay at or below 5 %), the share flagged `explained gap`, how many runs raise
   any `disparity` flag, and a calibration check: the share of tested findings whose merit-adjusted
   p before correction is below 0.05 (about 5 % when the model's p-values are honest).
2. Detection power: a penalty at equal merit (odds ratio 0.3, 0.5, 0.7) planted on women (`P`,
   reference `L`) in one OPD (default DINDIKBUD, the largest): the share of runs where that finding
   is flagged `disparity`, and the false flags the clean OPDs raise meanwhile.

Run: .venv/bin/python benchmarks/bench_fairness.py [--seeds 50] [--opd DINDIKBUD] [--odds 0.3,0.5,0.7]
Takes a few minutes (each run: generate 3,236 ASN, build the analysis frame, audit).
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from merit_lib.analysis.fairness import DISPARITY, EXPLAINED, INSUFFICIENT, PROVINCE, audit
from merit_lib.analysis.features import analysis_frame
from merit_lib.synth import Disparity, synthesize

N = 3236
PERIOD = "2026Q1"
REFERENCE = {"jenis_kelamin": "L"}


def findings(seed: int, disparities: list[Disparity]) -> pd.DataFrame:
    """The audit's findings for one synthetic extract."""
    s = synthesize(n=N, seed=seed, period=PERIOD, disparities=disparities)
    return audit(analysis_frame(s.tables, PERIOD), reference=REFERENCE).findings


def null_runs(seeds: list[int]) -> dict[str, float]:
    """Flag shares over every tested finding of runs without any planted disparity."""
    tested, flagged, explained, calibrated, runs_flagged = 0, 0, 0, 0, 0
    for seed in seeds:
        f = findings(seed, [])
        t = f[f["flag"] != INSUFFICIENT]
        tested += len(t)
        flagged += int((t["flag"] == DISPARITY).sum())
        explained += int((t["flag"] == EXPLAINED).sum())
        calibrated += int((t["aor_p_value"] < 0.05).sum())
        runs_flagged += int((t["flag"] == DISPARITY).any())
    return {"runs": len(seeds), "tests": tested, "tests_per_run": tested / len(seeds),
            "disparity": flagged / tested, "explained": explained / tested, "raw_aor_p_below_05": calibrated / tested,
            "runs_with_disparity": runs_flagged / len(seeds)}


def power_runs(seeds: list[int], opd: str, odds_ratio: float) -> dict[str, float]:
    """How often the planted penalty is flagged, and the false flags of clean OPDs in the same runs."""
    hit, expl, clean_flags, over_one, size, promotions = 0, 0, 0, 0, 0, 0
    for seed in seeds:
        f = findings(seed, [Disparity(opd, "jenis_kelamin", "P", odds_ratio)])
        row = f[(f["scope"] == opd) & (f["attribute"] == "jenis_kelamin") & (f["group"] == "P")]
        target = row["flag"]
        size += int(row["n_group"].sum())
        promotions += int((row["promoted_group"] + row["promoted_reference"]).sum())
        hit += int((target == DISPARITY).any())
        expl += int((target == EXPLAINED).any())
        clean = int(((f["scope"] != opd) & (f["scope"] != PROVINCE) & (f["flag"] == DISPARITY)).sum())
        clean_flags += clean
        over_one += int(clean > 1)
    n = len(seeds)
    return {"power": hit / n, "explained": expl / n, "clean_false_flags_per_run": clean_flags / n,
            "runs_with_over_one_clean_false_flag": over_one / n, "women": size / n, "promotions": promotions / n}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=50)
    ap.add_argument("--opd", default="DINDIKBUD")
    ap.add_argument("--odds", default="0.3,0.5,0.7")
    ap.add_argument("--no-null", action="store_true", help="skip the runs without a planted disparity")
    args = ap.parse_args()
    seeds = list(range(1000, 1000 + args.seeds))

    if not args.no_null:
        t = time.perf_counter()
        r = null_runs(seeds)
        print(f"No planted disparity, {r['runs']} seeds × n={N}: {r['tests']} tested (scope, group) findings "
              f"({r['tests_per_run']:.1f} per run)")
        print(f"  flagged disparity     : {r['disparity']:.2%} of tests (must be <= 5%); "
              f"runs with any disparity flag: {r['runs_with_disparity']:.0%}")
        print(f"  flagged explained gap : {r['explained']:.2%} of tests")
        print(f"  merit-adjusted p < 0.05 before correction: {r['raw_aor_p_below_05']:.2%} of tests (nominal 5%)")
        print(f"  [{time.perf_counter() - t:.0f} s]")
    for odds in (float(x) for x in args.odds.split(",")):
        t = time.perf_counter()
        p = power_runs(seeds, args.opd, odds)
        print(f"Planted odds ratio {odds} on jenis_kelamin=P (reference L) in {args.opd} (on average {p['women']:.0f} women "
              f"at risk, {p['promotions']:.0f} promotions of women and men), {len(seeds)} seeds: power {p['power']:.0%} "
              f"(flagged explained gap {p['explained']:.0%}); clean OPDs: {p['clean_false_flags_per_run']:.2f} false flags "
              f"per run, {p['runs_with_over_one_clean_false_flag']:.0%} of runs with more than one  "
              f"[{time.perf_counter() - t:.0f} s]")


if __name__ == "__main__":
    main()
