"""Why a finding stays "insufficient data" with the evidence window, whether the detectability rule (decision table
row 1: `raw.detectable_odds_ratio` > `max_detectable_or`, counted on persons) credits the tests the findings rest on
with the power they have, and the window's figures across independently generated extracts (docs/window.md).

(a) On `tests/independent_history.make_history(seed)` at 2026Q1 with `--window 1` and `--window 4`: the findings by
    reason, the untested ones by detectable odds ratio, and how many would pass row 1 if it counted person-quarters
    (quarter-stratified information of the hazard logit) instead of persons.
(b) For the `--cells` OPD findings of (a) at `--window 4` nearest the gate (detectable odds ratio 3.5–6): by simulation (`--reps` draws, the pooled
    number of promotions kept, as the rule assumes), the power at the rule's detectable odds ratio and at its inverse
    of Fisher's exact test on persons, and of the person-quarter logit with quarter effects, cluster-robust by person
    (the design of the merit-adjusted basis), with persons leaving the risk set once promoted; and the power of that
    logit at the odds ratio a person-quarter count would credit.
(c) Over `--seeds` extracts of `make_history`: OPDs rated and findings testable with `--window 1` and `--window 4`,
    their ratio (issue 20 asks for ≥ 3), the planted penalty found, and every other disparity flagged.

Usage: python benchmarks/bench_detectable.py [--seed 1] [--reps 200] [--cells 6] [--seeds 10] [--skip a,b,c]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats as sps
from scipy.optimize import brentq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

PERIOD = "2026Q1"
ATTRS = ["jenis_kelamin", "kelompok_usia"]


def audited(tables: dict, window: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The analysis frame, the audit's findings and the audited person-quarter rows of one window."""
    import merit_lib as ml
    from merit_lib.analysis.fairness.population import eligibility_rules, population
    from merit_lib.analysis.features import analysis_frame
    from merit_lib.domain.roles import ASN

    f = analysis_frame(tables, PERIOD, window=window)
    pop = population(f, ASN, ATTRS, eligibility_rules(f, None)).pop
    return f, ml.audit(f).findings, pop


def stratified_detectable(pop: pd.DataFrame, findings: pd.DataFrame, power: float = 0.8, alpha: float = 0.05) -> pd.Series:
    """Per finding, the odds ratio the quarter-stratified test on person-quarters would detect by the rule's own normal
    approximation (information Σ_q h_q(1 − h_q) n1q n2q / n_q)."""
    z = sps.norm.ppf(1 - alpha / 2) + sps.norm.ppf(power)
    out = pd.Series(np.inf, index=findings.index)
    for i, r in findings.iterrows():
        d = pop if r["scope"] == "PROVINSI" else pop[pop["_scope"] == r["scope"]]
        d = d[d[r["attribute"]].isin([r["group"], r["reference_group"]])]
        if d.empty:
            continue
        t = d.groupby(["_t", d[r["attribute"]] == r["group"]])["_y"].agg(["size", "sum"]).unstack(fill_value=0)
        if t["size"].shape[1] < 2:
            continue
        n1, n2 = t["size"][True], t["size"][False]
        k = t["sum"].sum(axis=1)
        h = k / (n1 + n2)
        info = float((h * (1 - h) * n1 * n2 / (n1 + n2)).sum())
        out[i] = np.exp(z / np.sqrt(info)) if info > 0 else np.inf
    return out


def part_a(seed: int) -> dict[int, tuple[pd.DataFrame, pd.DataFrame]]:
    from independent_history import make_history

    tables, _ = make_history(seed=seed)
    kept = {}
    for w in (1, 4):
        _, fd, pop = audited(tables, w)
        kept[w] = (fd, pop)
        reason = fd["flag_reason"].fillna("").astype(str)
        gate = reason.str.startswith("detectable")
        det = fd.loc[gate, "detectable_odds_ratio"]
        pq = stratified_detectable(pop, fd[gate])
        print(f"(a) seed {seed}, --window {w}: {len(fd)} findings, testable {int((fd['flag'] != 'insufficient data').sum())}; "
              f"by reason {reason.replace('', 'verdict rows 4–9').value_counts().to_dict()}")
        print(f"    untested by row 1 ({int(gate.sum())}): detectable OR 4–6: {int(((det > 4) & (det <= 6)).sum())}, "
              f"6–10: {int(((det > 6) & (det <= 10)).sum())}, > 10: {int((det > 10).sum())}; median persons in the "
              f"group {fd.loc[gate, 'n_group'].median():.0f}, promoted {fd.loc[gate, 'promoted_group'].median():.0f}; "
              f"would pass if counted on person-quarters: {int((pq <= 4).sum())}")
        near = fd[gate & (det <= 6)].assign(pq_detectable=pq[det <= 6])
        if len(near):
            cols = ["scope", "attribute", "group", "n_group", "promoted_group", "n_reference", "promoted_reference",
                    "pq_group", "pq_reference", "detectable_odds_ratio", "pq_detectable"]
            print(near[cols].round(2).to_string(index=False))
    return kept


def _fit_power(x: pd.DataFrame, odds_ratio: float, reps: int, rng: np.random.Generator) -> tuple[float, float]:
    """Simulated power (logit on person-quarters with quarter effects, cluster-robust by person; Fisher on persons) at a
    hazard odds ratio, the pooled expected number of promotions kept at the observed one."""
    import statsmodels.api as sm

    t = x.groupby("_t")["_y"].mean()
    base = np.log(t / (1 - t)).reindex(x["_t"]).to_numpy()
    g = x["g"].to_numpy()
    c = brentq(lambda c: (1 / (1 + np.exp(-(base + c + np.log(odds_ratio) * g)))).sum() - x["_y"].sum(), -20, 20)
    p = 1 / (1 + np.exp(-(base + c + np.log(odds_ratio) * g)))
    logit = fisher = 0
    for _ in range(reps):
        d = x.assign(y=(rng.random(len(x)) < p).astype(float))
        d = d[d.groupby("_id")["y"].transform(lambda s: s.cumsum().shift(fill_value=0)) == 0]   # promoted: leaves
        X = sm.add_constant(pd.get_dummies(d["_t"], drop_first=True, dtype=float).assign(g=d["g"].to_numpy()))
        try:
            m = sm.Logit(d["y"].to_numpy(), X).fit(disp=0, cov_type="cluster",
                                                   cov_kwds={"groups": pd.factorize(d["_id"])[0]})
            logit += bool(m.pvalues["g"] < 0.05)
        except Exception:   # a separated draw: no test, counted as not detected
            pass
        pe = d.groupby("_id").agg(y=("y", "max"), g=("g", "last"))
        a, n1 = pe.loc[pe["g"] == 1, "y"].sum(), int((pe["g"] == 1).sum())
        b, n2 = pe.loc[pe["g"] == 0, "y"].sum(), int((pe["g"] == 0).sum())
        fisher += bool(sps.fisher_exact([[a, n1 - a], [b, n2 - b]]).pvalue < 0.05)
    return logit / reps, fisher / reps


def part_b(kept: dict[int, tuple[pd.DataFrame, pd.DataFrame]], reps: int, cells: int) -> None:
    warnings.simplefilter("ignore")
    fd, pop = kept[4]
    rng = np.random.default_rng(20)
    opd = fd[(fd["scope"] != "PROVINSI") & fd["detectable_odds_ratio"].between(3.5, 6)]
    opd = opd.sort_values("detectable_odds_ratio").head(cells)
    pq = stratified_detectable(pop, opd)
    print(f"(b) power by simulation ({reps} draws each), --window 4: hazard OR → power of the person-quarter logit / "
          "Fisher on persons; target 0.80 at the rule's OR")
    for i, r in opd.iterrows():
        x = pop[(pop["_scope"] == r["scope"]) & pop[r["attribute"]].isin([r["group"], r["reference_group"]])].copy()
        x["g"] = (x[r["attribute"]] == r["group"]).astype(float)
        x = x.sort_values(["_id", "_t"])
        det = float(r["detectable_odds_ratio"])
        res = {f"{o:.2f}": _fit_power(x, o, reps, rng) for o in (1.0, det, 1 / det, float(pq[i]))}
        print(f"    {r['scope']} {r['attribute']}={r['group']} (rule {det:.2f}, person-quarters {pq[i]:.2f}): "
              + "; ".join(f"OR {k}: {a:.2f} / {b:.2f}" for k, (a, b) in res.items()))


def part_c(seeds: int) -> None:
    from independent_history import make_history

    import merit_lib as ml
    from merit_lib.domain import codes
    from merit_lib.report import privacy

    ratios, rated4, rated1, found = [], [], [], 0
    print(f"(c) make_history seeds 1–{seeds}, {PERIOD}: rated, testable (--window 1 → 4), planted penalty, other flags")
    for seed in range(1, seeds + 1):
        tables, truth = make_history(seed=seed)
        row: dict[int, tuple[int, int, str, list]] = {}
        for w in (1, 4):
            f, fd, _ = audited(tables, w)
            comp = privacy.publish("compliance", ml.compliance(f, fd))
            dis = fd[fd["flag"] == "disparity"]
            penalty = (dis["scope"] == truth["penalty_opd"]) & (dis["attribute"] == truth["penalty_attribute"]) & \
                (dis["group"] == truth["penalty_group"])
            side = ",".join(dis.loc[penalty, "adjusted_direction"].astype(str)) or "not flagged"
            other = dis.loc[~penalty, ["scope", "attribute", "group", "adjusted_direction"]].astype(str).values.tolist()
            row[w] = (int((comp["tier"] != codes.TIER_NOT_RATED).sum()), int((fd["flag"] != "insufficient data").sum()),
                      side, other)
        ratio = row[4][1] / row[1][1] if row[1][1] else float("nan")
        ratios.append(ratio)
        rated1.append(row[1][0])
        rated4.append(row[4][0])
        found += row[4][2] == "lower"
        print(f"    seed {seed}: rated {row[1][0]} → {row[4][0]}; testable {row[1][1]} → {row[4][1]} ({ratio:.2f}×); "
              f"penalty {row[1][2]} → {row[4][2]}; other disparities {row[1][3] or 'none'} → {row[4][3] or 'none'}")
    print(f"    testable ratio: median {statistics.median(ratios):.2f}, range {min(ratios):.2f}–{max(ratios):.2f}, "
          f"≥ 3 in {sum(r >= 3 for r in ratios)} of {seeds}; rated with the window {min(rated4)}–{max(rated4)} "
          f"(one quarter {min(rated1)}–{max(rated1)}); penalty flagged lower with the window in {found} of {seeds}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reps", type=int, default=200)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--cells", type=int, default=6, help="cells simulated in (b)")
    ap.add_argument("--skip", default="", help="parts to skip, e.g. b,c")
    args = ap.parse_args()
    skip = set(args.skip.split(","))
    t0 = time.perf_counter()
    kept = part_a(args.seed) if not {"a", "b"} <= skip else {}
    if "b" not in skip:
        part_b(kept, args.reps, args.cells)
    if "c" not in skip:
        part_c(args.seeds)
    print(f"({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
