"""The OPD-stratified comparison of the PROVINSI rows: Mantel–Haenszel odds ratio, CI and test, the Breslow–Day test
(Tarone's correction) of whether the odds ratio is the same in every OPD, and which OPDs differ.

An OPD *differs* when its own table departs from the pooled (Mantel–Haenszel) odds ratio: its term of the Breslow–Day
statistic, (a − E[a | ψ_MH])² / Var, against χ²(1), Benjamini–Hochberg over the OPDs of the row, below alpha. The
province row names those OPDs (`heterogeneous_opds`) where none of their four cells (group or reference, promoted or
not) holds 1–4 persons, and counts all of them (`n_opds_differ`): a name never points at a cell the report hides."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats as sps
from statsmodels.stats.contingency_tables import StratifiedTable

from merit_lib.analysis.fairness.schema import PROVINCE, _stack

MH_DTYPES: dict[str, str] = {"scope": "string", "attribute": "string", "group": "string",
                             **{c: "float64" for c in ("mh_odds_ratio", "mh_ci_low", "mh_ci_high", "mh_p_value",
                                                       "bd_p_value", "n_opds_differ")},
                             "heterogeneous_opds": "string"}
#: a cell of this many persons or fewer (but not none) is hidden by the report: an OPD with one is never named
_SMALL = 4


def strata_tables(d: pd.DataFrame, attribute: str, group: str, reference: str, names: bool = False
                  ) -> np.ndarray | None | tuple[np.ndarray | None, list[str]]:
    """2 × 2 × K counts, (group, reference) × (promoted, not), in each scope holding both; None if nothing to pool.
    With `names`, also the scope of each stratum."""
    two = d[d[attribute].isin([group, reference])]
    is_group = (two[attribute] == group).rename("_g")
    by = two.groupby(["_scope", is_group])["_y"]
    k = by.sum().unstack(fill_value=0).reindex(columns=[True, False], fill_value=0)
    n = by.size().unstack(fill_value=0).reindex(columns=[True, False], fill_value=0)
    both = (n[True] > 0) & (n[False] > 0)
    k, n = k[both], n[both]
    if not both.any() or k.to_numpy().sum() == 0 or (n - k).to_numpy().sum() == 0:
        return (None, []) if names else None
    tables = np.array([[k[True], n[True] - k[True]], [k[False], n[False] - k[False]]], float)
    return (tables, [str(s) for s in k.index]) if names else tables


def stratum_deviation(tables: np.ndarray, psi: float) -> np.ndarray:
    """Each stratum's Breslow–Day term against the common odds ratio `psi`: p of (a − E[a])² / Var under χ²(1), with E[a]
    the count that gives the stratum's margins the odds ratio `psi` (NaN for a stratum without promoted and others)."""
    a, b, c, d = tables[0, 0], tables[0, 1], tables[1, 0], tables[1, 1]
    n1, m1, total = a + b, a + c, a + b + c + d
    lo, hi = np.maximum(0, n1 + m1 - total), np.minimum(n1, m1)
    with np.errstate(divide="ignore", invalid="ignore"):
        qa, qb, qc = 1 - psi, total - n1 - m1 + psi * (n1 + m1), -psi * n1 * m1
        if abs(qa) < 1e-12:
            ea = -qc / qb
        else:
            disc = np.sqrt(np.maximum(qb * qb - 4 * qa * qc, 0))
            r1, r2 = (-qb + disc) / (2 * qa), (-qb - disc) / (2 * qa)
            ea = np.where((r1 >= lo - 1e-9) & (r1 <= hi + 1e-9), r1, r2)
        var = 1 / (1 / ea + 1 / (n1 - ea) + 1 / (m1 - ea) + 1 / (total - n1 - m1 + ea))
        stat = (a - ea) ** 2 / var
    informative = (m1 > 0) & (m1 < total) & np.isfinite(stat)
    return np.where(informative, sps.chi2.sf(np.where(informative, stat, 0), 1), np.nan)


def differing(tables: np.ndarray, scopes: list[str], psi: float, alpha: float) -> tuple[list[str], int]:
    """The OPDs that differ from the pooled odds ratio (module docstring): those that may be named (no cell of 1–4
    persons), and how many differ in all."""
    from merit_lib.analysis.fairness.raw import bh

    if not np.isfinite(psi) or psi <= 0:
        return [], 0
    p = pd.Series(stratum_deviation(tables, psi))
    adj = bh(p).to_numpy()
    hit = np.flatnonzero(np.nan_to_num(adj, nan=1.0) < alpha)
    cells = np.stack([tables[0, 0], tables[0, 1], tables[1, 0], tables[1, 1]])
    small = ((cells >= 1) & (cells <= _SMALL)).any(axis=0)
    named = [scopes[i] for i in sorted(hit, key=lambda i: p.iloc[i]) if not small[i]]
    return named, len(hit)


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
            tables, names = strata_tables(d, a, g, str(refs[a]), names=True)
            if tables is not None:
                with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    st = StratifiedTable(tables)
                    lo, hi = st.oddsratio_pooled_confint(alpha)
                    rec.update(mh_odds_ratio=st.oddsratio_pooled, mh_ci_low=lo, mh_ci_high=hi,
                               mh_p_value=st.test_null_odds().pvalue)
                    rec["bd_p_value"] = breslow_day(tables)
                    named, n_differ = differing(tables, names, float(st.oddsratio_pooled), alpha)
                    rec.update(heterogeneous_opds=", ".join(named), n_opds_differ=float(n_differ))
            records.append(rec)
    return _stack([pd.DataFrame(records)], MH_DTYPES)
