"""How reliably the compliance table singles out an OPD whose promotions ignore merit.

For each seed and each of the eight largest OPDs, plant `ignore_merit` on that OPD in a synthetic
extract of Banten's size, build the compliance table and ask: among the OPDs whose talent-pool share
of promotions is shown (5 or more promotions), is the merit-ignoring OPD the lowest? Also printed:
the talent-pool share of promotions in the merit-following OPDs and in the ignoring OPD, and how
often the ignoring OPD's 95% CI lies wholly below the merit-following OPDs' pooled share.

Run: .venv/bin/python benchmarks/bench_compliance.py [--seeds 10] [--opd DINDIKBUD ...]
Each run (generate 3,236 ASN, analysis frame, compliance) takes about a second.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from merit_lib.analysis.compliance import compliance
from merit_lib.analysis.features import analysis_frame
from merit_lib.analysis.stats import wilson
from merit_lib.synth import synthesize

OPDS = ["DINDIKBUD", "RSUDBTN", "BAPENDA", "RSUDMLP", "DINKES", "DPUPR", "SATPOLPP", "BPKAD"]


def one_run(seed: int, opd: str) -> dict[str, object]:
    """One extract with `opd` ignoring merit: is it the lowest shown talent-pool share?"""
    s = synthesize(n=3236, seed=seed, ignore_merit=[opd])
    c = compliance(analysis_frame(s.tables, s.truth.period), n_boot=10).set_index("opd_kode")
    shown = c["share_promosi_talent_pool"].dropna()
    others = c.drop(index=opd)
    pooled = others["n_promosi_talent_pool"].sum() / others["n_promosi"].sum()
    me = c.loc[opd]
    return {"seed": seed, "opd": opd, "n_promosi": int(me["n_promosi"]), "share": me["share_promosi_talent_pool"],
            "pooled_others": pooled, "n_shown": len(shown),
            "lowest": opd in shown.index and bool((shown.drop(index=opd) > shown[opd]).all()),
            "ci_below": bool(me["share_promosi_talent_pool_ci_high"] < pooled) if opd in shown.index else False}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--first-seed", type=int, default=5000)
    ap.add_argument("--opd", nargs="+", default=OPDS)
    args = ap.parse_args()
    t = time.perf_counter()
    rows = pd.DataFrame([one_run(seed, opd) for seed in range(args.first_seed, args.first_seed + args.seeds)
                         for opd in args.opd])
    g = rows.groupby("opd", sort=False).agg(runs=("lowest", "size"), lowest=("lowest", "sum"), ci_below=("ci_below", "sum"),
                                            mean_promotions=("n_promosi", "mean"), share=("share", "mean"),
                                            pooled_others=("pooled_others", "mean"))
    lo, hi = wilson(g["lowest"], g["runs"])
    g["lowest_rate"] = [f"{a / n:.0%} ({x:.0%}–{y:.0%})" for a, n, x, y in zip(g["lowest"], g["runs"], lo, hi)]
    print(f"Merit-ignoring OPD lowest among shown talent-pool shares; {args.seeds} seeds × {len(args.opd)} OPDs, n = 3,236")
    print(g.reset_index().to_string(index=False, formatters={"share": "{:.2f}".format, "pooled_others": "{:.2f}".format,
                                                            "mean_promotions": "{:.1f}".format}))
    total, n = int(rows["lowest"].sum()), len(rows)
    lo, hi = wilson(pd.Series([total]), pd.Series([n]))
    print(f"\nall: lowest in {total}/{n} runs = {total / n:.1%} (95% CI {lo[0]:.1%}–{hi[0]:.1%}); "
          f"CI wholly below the others' pooled share in {rows['ci_below'].mean():.1%}; "
          f"OPDs with a shown share per run {rows['n_shown'].mean():.1f}; [{time.perf_counter() - t:.0f} s]")


if __name__ == "__main__":
    main()
