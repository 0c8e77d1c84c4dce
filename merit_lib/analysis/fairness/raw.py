"""Raw comparisons on everyone at risk: counts of persons per (scope, group), rates, impact ratio, odds ratio, Fisher's
exact test, what the test could detect at its n, and Benjamini–Hochberg.

The counts are persons (one row per person of `population.persons`: promoted in any quarter of the evidence window),
so that a test never counts a person twice; each cell also carries its person-quarters (`pq_*`), the exposure the
quarterly rate (`rate_pq_*`, promoted persons per person-quarter) is stated on."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep

from merit_lib.analysis.fairness.schema import PROVINCE, AuditParams, _ratio, _stack
from merit_lib.analysis.stats import wilson

#: the columns of `cells`, counts as floats until the findings are ordered
CELL_DTYPES: dict[str, str] = {
    "scope": "string", "attribute": "string", "group": "string", "reference_group": "string",
    **{c: "float64" for c in ("n_group", "promoted_group", "n_qualified_group", "promoted_qualified_group", "n_scope",
                              "n_reference", "promoted_reference", "n_qualified_reference", "promoted_qualified_reference",
                              "pq_group", "pq_reference")}}
_COUNTED = ("n", "promoted", "n_qualified", "promoted_qualified", "pq")


def _person_counts(people: pd.DataFrame, attribute: str) -> pd.DataFrame:
    d = people[people[attribute].notna()]
    return pd.DataFrame({"scope": d["_scope"], "group": d[attribute], "n": 1.0, "promoted": d["_y"],
                         "n_qualified": d["_q"], "promoted_qualified": d["_q"] * d["_y"], "pq": d["_pq"]})


def cells(scoped: pd.DataFrame, whole: pd.DataFrame, attribute: str, reference: str) -> pd.DataFrame:
    """Counts of persons per (scope, group), province included, each non-reference group joined with its reference's.

    `scoped`: one row per person and scope, `whole`: one row per person (`population.persons`)."""
    d = _person_counts(scoped, attribute)
    by_scope = d[d["scope"].notna()].groupby(["scope", "group"], observed=True).sum().reset_index()
    province = _person_counts(whole, attribute).drop(columns="scope").groupby("group", observed=True).sum().reset_index()
    counts = pd.concat([province.assign(scope=PROVINCE), by_scope], ignore_index=True)
    counts["n_scope"] = counts.groupby("scope")["n"].transform("sum")
    ref = counts[counts["group"] == reference].set_index("scope")[list(_COUNTED)]
    out = counts[counts["group"] != reference].join(ref, on="scope", suffixes=("", "_reference"))
    out = out.rename(columns={f"{c}": f"{c}_group" for c in _COUNTED if c != "n"} | {"n": "n_group"})
    for c in _COUNTED:
        out[f"{c}_reference"] = out[f"{c}_reference"].fillna(0)
    out = out.assign(attribute=attribute, reference_group=reference)
    return _stack([out], CELL_DTYPES)


def log_odds_ratio(k1: np.ndarray, n1: np.ndarray, k2: np.ndarray, n2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Log odds ratio of group (k1 of n1) against reference (k2 of n2) and its Woolf SE; 0.5 is added to every cell of
    a table with an empty cell (Haldane–Anscombe), so that a group nobody of whom was promoted still has a direction."""
    k1, n1, k2, n2 = (np.asarray(v, float) for v in (k1, n1, k2, n2))
    cells_ = np.stack([k1, n1 - k1, k2, n2 - k2])
    empty = (cells_ == 0).any(axis=0)
    cells_ = cells_ + 0.5 * empty
    with np.errstate(divide="ignore", invalid="ignore"):
        log_or = np.log(cells_[0] * cells_[3] / (cells_[1] * cells_[2]))
        se = np.sqrt((1 / cells_).sum(axis=0))
    bad = (n1 <= 0) | (n2 <= 0) | (k1 + k2 == 0) | (k1 + k2 == n1 + n2)
    return np.where(bad, np.nan, log_or), np.where(bad, np.nan, se)


def detectable_odds_ratio(k1: np.ndarray, n1: np.ndarray, k2: np.ndarray, n2: np.ndarray, alpha: float,
                          power: float) -> np.ndarray:
    """The smallest odds ratio (≥ 1; its inverse below 1 alike) a two-sided test at `alpha` detects with `power`, at these
    group sizes and their pooled promotion rate (normal approximation of the log odds ratio under the null). ∞ when
    nobody, or everybody, was promoted."""
    k1, n1, k2, n2 = (np.asarray(v, float) for v in (k1, n1, k2, n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        p = (k1 + k2) / (n1 + n2)
        v = p * (1 - p)
        se0 = np.sqrt(1 / (n1 * v) + 1 / (n2 * v))
    z = sps.norm.ppf(1 - alpha / 2) + sps.norm.ppf(power)
    out = np.exp(z * se0)
    return np.where(np.isfinite(out) & (n1 > 0) & (n2 > 0), out, np.inf)


def raw_statistics(c: pd.DataFrame, params: AuditParams) -> pd.DataFrame:
    """Rates (per person, and per person-quarter) with Wilson CIs, impact ratio with its CI, odds ratio with its CI,
    shortfall in persons, equal-opportunity rates, and the odds ratio the test could detect (vectorized)."""
    c = c.copy()
    alpha = params.alpha
    for who in ("group", "reference"):
        c[f"rate_{who}"] = _ratio(c[f"promoted_{who}"], c[f"n_{who}"])
        c[f"rate_pq_{who}"] = _ratio(c[f"promoted_{who}"], c[f"pq_{who}"])
        c[f"rate_{who}_ci_low"], c[f"rate_{who}_ci_high"] = wilson(c[f"promoted_{who}"], c[f"n_{who}"], alpha)
        c[f"eo_rate_{who}"] = _ratio(c[f"promoted_qualified_{who}"], c[f"n_qualified_{who}"])
    c["impact_ratio"] = _ratio(c["rate_group"], c["rate_reference"])
    c["impact_ratio_ci_low"] = c["impact_ratio_ci_high"] = np.nan
    ok = ((c["n_group"] > 0) & (c["n_reference"] > 0)).to_numpy()
    if ok.any():
        lo, hi = confint_proportions_2indep(c.loc[ok, "promoted_group"].to_numpy(), c.loc[ok, "n_group"].to_numpy(),
                                            c.loc[ok, "promoted_reference"].to_numpy(), c.loc[ok, "n_reference"].to_numpy(),
                                            method="log-adjusted", compare="ratio", alpha=alpha)
        c.loc[ok, "impact_ratio_ci_low"], c.loc[ok, "impact_ratio_ci_high"] = lo, hi
    k = [c[col].to_numpy(float) for col in ("promoted_group", "n_group", "promoted_reference", "n_reference")]
    log_or, se = log_odds_ratio(*k)
    z = sps.norm.ppf(1 - alpha / 2)
    c["raw_odds_ratio"], c["raw_or_ci_low"], c["raw_or_ci_high"] = np.exp(log_or), np.exp(log_or - z * se), np.exp(log_or + z * se)
    c["detectable_odds_ratio"] = detectable_odds_ratio(*k, alpha, params.power)
    c["shortfall"] = (c["n_group"] * c["rate_reference"] - c["promoted_group"]).round(1)
    c["eo_ratio"] = _ratio(c["eo_rate_group"], c["eo_rate_reference"])
    return c


def insufficient(c: pd.DataFrame, p: AuditParams) -> pd.Series:
    """Why a finding is not tested ('' when it is): nobody (or everybody) promoted, no reference, or a test that could
    not detect even an odds ratio of `p.max_detectable_or` (decision table row 1)."""
    total = c["promoted_group"] + c["promoted_reference"]
    conditions = [c["n_group"] == 0, c["n_reference"] == 0, total == 0, total == c["n_group"] + c["n_reference"],
                  c["detectable_odds_ratio"] > p.max_detectable_or]
    reasons = ["no_group", "no_reference", "no_promotion", "all_promoted", f"detectable_or>{p.max_detectable_or:g}"]
    return pd.Series(np.select(conditions, reasons, ""), index=c.index, dtype=object)


def fisher(c: pd.DataFrame) -> np.ndarray:
    """Two-sided Fisher exact p of each group against its reference (promoted / not promoted)."""
    k1, n1 = c["promoted_group"].to_numpy(int), c["n_group"].to_numpy(int)
    k2, n2 = c["promoted_reference"].to_numpy(int), c["n_reference"].to_numpy(int)
    return np.array([sps.fisher_exact([[a, n - a], [b, m - b]]).pvalue for a, n, b, m in zip(k1, n1, k2, n2)], float)


def bh(p: pd.Series) -> pd.Series:
    """Benjamini–Hochberg adjusted p over every non-missing p of the series (always float64)."""
    p = pd.to_numeric(p).astype("float64")
    out = pd.Series(np.nan, index=p.index, dtype="float64")
    ok = p.notna().to_numpy()
    if ok.any():
        out[ok] = multipletests(p[ok].to_numpy("float64"), method="fdr_bh")[1]
    return out


def bh_by(p: pd.Series, family: pd.Series) -> pd.Series:
    """Benjamini–Hochberg within each family (the audit's families are its attributes: adding an attribute never changes
    another attribute's adjusted p)."""
    out = pd.Series(np.nan, index=p.index, dtype="float64")
    for _, idx in p.groupby(family.to_numpy(), sort=False).groups.items():
        out[idx] = bh(p[idx])
    return out
