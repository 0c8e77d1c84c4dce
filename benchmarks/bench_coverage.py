"""95%-CI coverage of the planted odds ratios: synthesize a Banten-size extract (n = 3,236) for many seeds, fit the
readiness models, count how often each model's 95% CI contains the planted competency (3.0) and kinerja (2.0) odds
ratio. Near 95% means the CIs are honest; far below means they are too narrow (or the estimates biased).

Run: .venv/bin/python benchmarks/bench_coverage.py [--seeds 50] [--n 3236] [--null]
`--null` also runs the no-effect world (planted ORs 1.0) and reports how often each CI wrongly excludes 1.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd

from merit_lib.analysis.features import analysis_frame
from merit_lib.analysis.model import fit_readiness
from merit_lib.analysis.stats import wilson
from merit_lib.synth import synthesize

TERMS = ("kompetensi", "kinerja")


def one_seed(seed: int, n: int, planted: bool) -> pd.DataFrame:
    """Fit the models on one synthetic extract; one row per (model, term) with the truth and whether the CI covers it."""
    kw = {} if planted else {"beta_kompetensi": 0.0, "beta_kinerja": 0.0}
    s = synthesize(n=n, seed=seed, **kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        models = fit_readiness(analysis_frame(s.tables, s.truth.period))
    truth = {"kompetensi": s.truth.odds_ratio_kompetensi, "kinerja": s.truth.odds_ratio_kinerja}
    c = models.coefficients
    c = c[c["term"].isin(TERMS)].assign(seed=seed, truth=lambda d: d["term"].map(truth))
    c["covered"] = (c["ci_low"] <= c["truth"]) & (c["truth"] <= c["ci_high"])
    return c[["seed", "model", "term", "truth", "odds_ratio", "ci_low", "ci_high", "method", "covered"]]


def report(rows: pd.DataFrame, title: str) -> None:
    """Coverage per model and term, with its own Wilson 95% CI, the mean estimate and the mean CI width."""
    g = rows.groupby(["model", "term"], sort=False).agg(
        fits=("covered", "size"), covered=("covered", "sum"), truth=("truth", "first"),
        geo_mean_or=("odds_ratio", lambda x: float(np.exp(np.log(x).mean()))),
        mean_log_ci_width=("ci_low", lambda x: float(np.mean(np.log(rows.loc[x.index, "ci_high"]) - np.log(x)))),
        ridge=("method", lambda x: int((x == "ridge").sum())))
    lo, hi = wilson(g["covered"], g["fits"])
    g["coverage"] = g["covered"] / g["fits"]
    g["coverage_ci"] = [f"{a:.1%}–{b:.1%}" for a, b in zip(lo, hi)]
    print(f"\n{title}")
    print(g.reset_index().to_string(index=False, formatters={"coverage": "{:.1%}".format, "geo_mean_or": "{:.3f}".format,
                                                              "mean_log_ci_width": "{:.3f}".format}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=50)
    ap.add_argument("--n", type=int, default=3236)
    ap.add_argument("--null", action="store_true", help="also the no-effect world (OR 1.0)")
    args = ap.parse_args()
    worlds = [("planted", True)] + ([("null", False)] if args.null else [])
    for name, planted in worlds:
        t = time.perf_counter()
        rows = pd.concat([one_seed(seed, args.n, planted) for seed in range(1, args.seeds + 1)], ignore_index=True)
        truth = "OR kompetensi {:.1f}, OR kinerja {:.1f}".format(*rows.groupby("term")["truth"].first()[list(TERMS)]) if planted else "no planted effect, OR 1.0"
        report(rows, f"{name}: {truth}; {args.seeds} seeds (1–{args.seeds}) × n = {args.n}; "
                     f"{time.perf_counter() - t:.0f} s")


if __name__ == "__main__":
    main()
