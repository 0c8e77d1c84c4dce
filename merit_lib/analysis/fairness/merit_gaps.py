"""Gaps in merit itself: for every audited attribute, each group's mean of each merit measure against its reference's.

A gap "explained by merit" is only as fair as the merit measures: a rating marked down for one group at equal work, or
a test that measures one group worse, explains a gap away as surely as real differences in merit do. So beside the
verdicts the audit shows, per province, attribute, group and measure (the model's merit measures and
`roles.gap_measures`, e.g. JPM), the persons with the measure, both means, the difference with its Welch CI and p, and
the difference in standard deviations (`std_gap`, the pooled SD). A person counts once, with their latest value of the
window. The declared reliability of a measure (`roles.reliability`) is carried beside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats as sps

from merit_lib.analysis.fairness.schema import PROVINCE

#: the columns of merit_gaps.csv
GAP_COLUMNS: dict[str, str] = {
    "scope": "string", "attribute": "string", "group": "string", "reference_group": "string", "measure": "string",
    "n_group": "int64", "n_reference": "int64", "mean_group": "float64", "mean_reference": "float64", "gap": "float64",
    "gap_ci_low": "float64", "gap_ci_high": "float64", "std_gap": "float64", "p_value": "float64",
    "reliability": "float64"}


def merit_gaps(pop: pd.DataFrame, values: pd.DataFrame, attrs: Sequence[str], refs: Mapping[str, str | None],
               reliability: Mapping[str, float] | None = None, alpha: float = 0.05) -> pd.DataFrame:
    """The group gap in each measure (the columns of `values`, indexed like `pop`) for every compared attribute, at the
    province, one row per (attribute, group, measure); no row for a measure nobody has."""
    reliability = dict(reliability or {})
    rows = []
    if values.shape[1] == 0 or pop.empty:
        return _typed(rows)
    d = pd.concat([pop[["_id", "_t", *attrs]], values], axis=1)
    d = d.sort_values("_t", kind="stable", na_position="first").groupby("_id", sort=False).last()   # latest non-missing
    for a in attrs:
        ref = refs.get(a)
        if ref is None:
            continue
        for g in sorted(set(d[a].dropna().astype(str)) - {str(ref)}):
            for m in values.columns:
                x = pd.to_numeric(d.loc[d[a].astype("string") == g, m], errors="coerce").dropna().to_numpy(float)
                r = pd.to_numeric(d.loc[d[a].astype("string") == str(ref), m], errors="coerce").dropna().to_numpy(float)
                if len(x) == 0 and len(r) == 0:
                    continue
                rows.append({"scope": PROVINCE, "attribute": a, "group": g, "reference_group": str(ref), "measure": m,
                             "n_group": len(x), "n_reference": len(r), **_welch(x, r, alpha),
                             "reliability": reliability.get(m, np.nan)})
    return _typed(rows)


def _welch(x: np.ndarray, r: np.ndarray, alpha: float) -> dict[str, float]:
    """Means, their difference (group − reference) with Welch's CI and p, and the difference in pooled SDs."""
    out = {"mean_group": np.nan, "mean_reference": np.nan, "gap": np.nan, "gap_ci_low": np.nan, "gap_ci_high": np.nan,
           "std_gap": np.nan, "p_value": np.nan}
    if len(x):
        out["mean_group"] = float(x.mean())
    if len(r):
        out["mean_reference"] = float(r.mean())
    if len(x) < 2 or len(r) < 2:
        return out
    vx, vr = x.var(ddof=1) / len(x), r.var(ddof=1) / len(r)
    gap = float(x.mean() - r.mean())
    se = float(np.sqrt(vx + vr))
    sd = float(np.sqrt((x.var(ddof=1) * (len(x) - 1) + r.var(ddof=1) * (len(r) - 1)) / (len(x) + len(r) - 2)))
    out["gap"], out["std_gap"] = gap, (gap / sd if sd > 0 else np.nan)
    if se > 0:
        df = (vx + vr) ** 2 / (vx ** 2 / (len(x) - 1) + vr ** 2 / (len(r) - 1))
        t = sps.t.ppf(1 - alpha / 2, df)
        out.update(gap_ci_low=gap - t * se, gap_ci_high=gap + t * se, p_value=float(2 * sps.t.sf(abs(gap) / se, df)))
    return out


def _typed(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows).reindex(columns=list(GAP_COLUMNS))
    for col, dtype in GAP_COLUMNS.items():
        out[col] = pd.to_numeric(out[col]).astype(dtype) if dtype != "string" else out[col].astype("string")
    return out


def notable(gaps: pd.DataFrame, alpha: float = 0.05, min_n: int = 5) -> list[dict[str, object]]:
    """The gaps a reader must be told about: significant at `alpha`, both groups of at least `min_n` persons."""
    if gaps.empty:
        return []
    g = gaps[(gaps["p_value"] < alpha) & (gaps["n_group"] >= min_n) & (gaps["n_reference"] >= min_n)]
    return [{"attribute": str(r.attribute), "group": str(r.group), "reference": str(r.reference_group),
             "measure": str(r.measure), "std_gap": round(float(r.std_gap), 2), "gap": float(r.gap),
             "gap_ci_low": float(r.gap_ci_low), "gap_ci_high": float(r.gap_ci_high)} for r in g.itertuples()]
