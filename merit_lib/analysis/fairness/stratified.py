"""The OPD-stratified comparison of the PROVINSI rows: Mantel–Haenszel odds ratio, CI and test, and the Breslow–Day
test (Tarone's correction) of whether the odds ratio is the same in every OPD."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from statsmodels.stats.contingency_tables import StratifiedTable

from merit_lib.analysis.fairness.schema import PROVINCE, _stack

MH_DTYPES: dict[str, str] = {"scope": "string", "attribute": "string", "group": "string",
                             **{c: "float64" for c in ("mh_odds_ratio", "mh_ci_low", "mh_ci_high", "mh_p_value",
                                                       "bd_p_value")}}


def strata_tables(d: pd.DataFrame, attribute: str, group: str, reference: str) -> np.ndarray | None:
    """2 × 2 × K counts, (group, reference) × (promoted, not), in each scope holding both; None if nothing to pool."""
    two = d[d[attribute].isin([group, reference])]
    is_group = (two[attribute] == group).rename("_g")
    by = two.groupby(["_scope", is_group])["_y"]
    k = by.sum().unstack(fill_value=0).reindex(columns=[True, False], fill_value=0)
    n = by.size().unstack(fill_value=0).reindex(columns=[True, False], fill_value=0)
    both = (n[True] > 0) & (n[False] > 0)
    k, n = k[both], n[both]
    if not both.any() or k.to_numpy().sum() == 0 or (n - k).to_numpy().sum() == 0:
        return None
    return np.array([[k[True], n[True] - k[True]], [k[False], n[False] - k[False]]], float)


def breslow_day(tables: np.ndarray) -> float:
    """Breslow–Day p (Tarone's correction) over the strata with promoted and not promoted persons (the others carry no
    information about the odds ratio); NaN with fewer than two such strata."""
    total = tables.sum(axis=0)   # per stratum: promoted, not promoted (2 × K)
    informative = (total[0] > 0) & (total[1] > 0)
    if informative.sum() < 2:
        return np.nan
    try:
        p = StratifiedTable(tables[:, :, informative]).test_equal_odds(adjust=True).pvalue
    except (ValueError, ZeroDivisionError, np.linalg.LinAlgError):
        return np.nan
    return float(p) if np.isfinite(p) else np.nan


def mantel_haenszel(pop: pd.DataFrame, attrs: list[str], refs: dict[str, str | None], alpha: float) -> pd.DataFrame:
    """For the province rows: the Mantel–Haenszel odds ratio (CI), its test and Breslow–Day's, group vs reference by scope."""
    records = []
    for a in attrs:
        d = pop[pop["_scope"].notna() & pop[a].notna()]
        for g in sorted(set(d[a].astype(str)) - {str(refs[a])}):
            rec: dict[str, object] = {"scope": PROVINCE, "attribute": a, "group": g}
            tables = strata_tables(d, a, g, str(refs[a]))
            if tables is not None:
                with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    st = StratifiedTable(tables)
                    lo, hi = st.oddsratio_pooled_confint(alpha)
                    rec.update(mh_odds_ratio=st.oddsratio_pooled, mh_ci_low=lo, mh_ci_high=hi,
                               mh_p_value=st.test_null_odds().pvalue)
                    rec["bd_p_value"] = breslow_day(tables)
            records.append(rec)
    return _stack([pd.DataFrame(records)], MH_DTYPES)
