"""Merit-adjusted odds ratios ("equal merit, unequal outcome"), the steps between raw and adjusted on the same persons,
and the share of the raw gap the covariates explain (Fairlie 2005, pooled coefficients).

One logit per attribute, on the person-quarter rows of the evidence window (a discrete-time hazard model: the quarter
is a covariate, and the covariance is cluster-robust by person where a person has several rows):
- OPD rows: an intercept per (scope, group) cell plus the covariates, slopes shared by every scope; the group's log odds
  ratio is a contrast of its cell's intercept with the reference cell's;
- PROVINSI rows: scope fixed effects plus one term per group plus the covariates (within-OPD comparison), and the same
  model without the covariates (OPD composition alone), both on the persons of the model sample `M`.
On `M` the raw odds ratio is computed too, so that "the adjustment moved the estimate" compares two estimates on the
same persons: a merit score missing for many changes who is in the model, which must never pass for explanation.

A cell where nobody (or everybody) was promoted has no finite odds ratio (0 or ∞): it is tested by the
likelihood-ratio test of merging the group with its reference.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps
from scipy.special import expit
from statsmodels.discrete.discrete_model import Logit
from statsmodels.tools.sm_exceptions import PerfectSeparationError

from merit_lib.analysis.fairness.raw import log_odds_ratio
from merit_lib.analysis.fairness.schema import _SEP, PROVINCE, _stack

#: the columns of `adjusted`
ADJUSTED_DTYPES: dict[str, str] = {
    "scope": "string", "attribute": "string", "group": "string", "adjusted_odds_ratio": "float64", "aor_ci_low": "float64",
    "aor_ci_high": "float64", "aor_p_value": "float64", "aor_method": "string", "n_model_group": "float64",
    "n_model_reference": "float64", "model_raw_odds_ratio": "float64", "model_opd_odds_ratio": "float64",
    "explained_share": "float64"}


@dataclass
class Fit:
    """A fitted logit: coefficients, their covariance and the log-likelihood."""

    params: pd.Series
    cov: pd.DataFrame
    llf: float


def logit(y: pd.Series, x: pd.DataFrame, persons: pd.Series | None = None) -> Fit | None:
    """Maximum-likelihood logit (statsmodels, Newton); the design always spans a constant (its cell or scope dummies).
    With `persons` (the person of each row, where some person has several rows: person-quarters), the covariance is
    cluster-robust by person.

    None when it cannot be estimated: no rows, a singular design (e.g. a covariate constant within the rows of a
    small extract) or an estimate that is not finite."""
    if len(y) == 0 or x.shape[1] == 0:
        return None
    cluster = persons is not None and not persons.loc[y.index].is_unique
    fit_kw = {"cov_type": "cluster", "cov_kwds": {"groups": pd.factorize(persons.loc[y.index])[0]}} if cluster else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            res = Logit(y.to_numpy(float), x.to_numpy(float), hasconst=True).fit(method="newton", disp=0, maxiter=100,
                                                                                **fit_kw)
            cov = np.asarray(res.cov_params(), float)
        except (np.linalg.LinAlgError, PerfectSeparationError, ValueError):
            return None
    if not (np.isfinite(res.llf) and np.isfinite(res.params).all() and np.isfinite(cov).all()):
        return None
    names = list(x.columns)
    return Fit(pd.Series(res.params, index=names), pd.DataFrame(cov, index=names, columns=names), float(res.llf))


def open_rows(y: pd.Series, key: pd.Series) -> tuple[pd.Series, dict[str, float]]:
    """Rows whose key has both promoted and not-promoted persons, and each other key's limit (−∞ none, +∞ all)."""
    ev = y.groupby(key).agg(["sum", "size"])
    closed = ev[(ev["sum"] == 0) | (ev["sum"] == ev["size"])]
    return ~key.isin(closed.index), {k: (-np.inf if s == 0 else np.inf) for k, s in closed["sum"].items()}


def dummies(key: pd.Series, tag: str = "") -> pd.DataFrame:
    """One 0/1 column per value, named `tag + _SEP + value`, so that no covariate name can collide with it."""
    return pd.get_dummies(key, dtype=float, prefix=tag, prefix_sep=_SEP)


def lr_p(full: Fit | None, null: Fit | None) -> float:
    """Likelihood-ratio p of one constraint; NaN when either model could not be estimated."""
    if full is None or null is None:
        return np.nan
    return float(sps.chi2.sf(max(2 * (full.llf - null.llf), 0.0), 1))


def _record(scope: str, group: str, n_g: int, n_r: int) -> dict[str, object]:
    return {"scope": scope, "group": group, "n_model_group": n_g, "n_model_reference": n_r, "log_or": np.nan,
            "se": np.nan, "aor_p_value": np.nan, "aor_method": "", "log_raw": np.nan, "log_opd": np.nan,
            "explained_share": np.nan}


def _fairlie(y: pd.Series, p: pd.Series, is_group: pd.Series, is_ref: pd.Series) -> float:
    """Share of the raw rate gap (reference − group) explained by the covariates: the gap of the mean predictions with the
    group terms set to the reference (pooled coefficients), over the observed gap; NaN without a gap."""
    gap = y[is_ref].mean() - y[is_group].mean()
    if not np.isfinite(gap) or gap == 0:
        return np.nan
    return float((p[is_ref].mean() - p[is_group].mean()) / gap)


def scope_effects(y: pd.Series, x: pd.DataFrame, scope: pd.Series, group: pd.Series, wanted: pd.DataFrame,
                  reference: str, persons: pd.Series | None = None) -> pd.DataFrame:
    """Each wanted scope's group against the same scope's reference: a contrast of cell intercepts (shared slopes)."""
    cell = scope + _SEP + group
    keep, closed = open_rows(y, cell)
    fit = logit(y[keep], pd.concat([dummies(cell[keep]), x[keep]], axis=1), persons)
    sizes, events = cell.value_counts(), y.groupby(cell).sum()
    records = []
    for s, g in zip(wanted["scope"], wanted["group"]):
        cg, cr = f"{s}{_SEP}{g}", f"{s}{_SEP}{reference}"
        rec = _record(s, g, int(sizes.get(cg, 0)), int(sizes.get(cr, 0)))
        records.append(rec)
        if rec["n_model_group"] == 0 or rec["n_model_reference"] == 0:
            continue
        rec["log_raw"] = float(log_odds_ratio(events[cg], sizes[cg], events[cr], sizes[cr])[0][()])
        if fit is None:
            continue
        a, b = _SEP + cg, _SEP + cr
        if cg not in closed and cr not in closed:
            v = fit.cov
            var = float(v.loc[a, a] + v.loc[b, b] - 2 * v.loc[a, b])   # ≤ 0 only from a near-singular fit: no Wald CI
            rec.update(log_or=fit.params[a] - fit.params[b], aor_method="wald", se=np.sqrt(var) if var > 0 else np.nan)
        else:   # a closed cell: the odds ratio is 0 or ∞; test it by merging the group into its reference
            lim_g, lim_r = closed.get(cg, 0.0), closed.get(cr, 0.0)   # 0 for an open cell
            if lim_g != lim_r:
                merged = cell.where(cell != cg, cr)
                k2, _ = open_rows(y, merged)
                null = logit(y[k2], pd.concat([dummies(merged[k2]), x[k2]], axis=1), persons)
                rec.update(log_or=np.sign(lim_g - lim_r) * np.inf, aor_p_value=lr_p(fit, null), aor_method="lr")
        if cr not in closed:   # predictions with the reference cell's intercept for both cells (Fairlie)
            rows = (cell == cg) | (cell == cr)
            slopes = fit.params[list(x.columns)]
            p = pd.Series(expit(fit.params[b] + x[rows].to_numpy(float) @ slopes.to_numpy()), index=x.index[rows])
            rec["explained_share"] = _fairlie(y[rows], p, cell[rows] == cg, cell[rows] == cr)
    return pd.DataFrame(records)


def province_effects(y: pd.Series, x: pd.DataFrame, scope: pd.Series, group: pd.Series, reference: str,
                     wanted: pd.DataFrame, merit: bool = True, persons: pd.Series | None = None) -> pd.DataFrame:
    """Each group against the reference over the province, within scopes: with the covariates `x` (merit-adjusted; not
    without `merit`) and without them (OPD composition alone), and the raw odds ratio on the same persons.

    Every group has its own term, tested or not; scopes that promoted nobody carry no information about the contrast
    and sit out of the fits (their persons' predicted probability is their scope's limit, 0 or 1)."""
    sizes, events = group.value_counts(), y.groupby(group).sum()
    records = [_record(PROVINCE, g, int(sizes.get(g, 0)), int(sizes.get(reference, 0))) for g in wanted["group"]]
    for rec in records:
        g = rec["group"]
        if rec["n_model_group"] and rec["n_model_reference"]:
            rec["log_raw"] = float(log_odds_ratio(events[g], sizes[g], events[reference], sizes[reference])[0][()])
    keep, closed_scopes = open_rows(y, scope)
    yk, xk, sk, gk = y[keep], x[keep], scope[keep], group[keep]
    _, closed = open_rows(yk, gk)
    present = gk.value_counts()
    others = [g for g in present.index if g != reference]
    open_groups = [g for g in others if g not in closed]
    if reference in closed or present.get(reference, 0) == 0:   # no contrast with a reference nobody (or all) promoted
        return pd.DataFrame(records)

    def fit(covariates: pd.DataFrame, merged: str | None = None) -> Fit | None:
        """The model without the closed groups' rows, or with `merged` put back into the reference."""
        rows = ~gk.isin([g for g in closed if g != merged])
        terms = dummies(gk[rows], "g").reindex(columns=[f"g{_SEP}{g}" for g in open_groups], fill_value=0.0)
        return logit(yk[rows], pd.concat([dummies(sk[rows], "s"), terms, covariates[rows]], axis=1), persons)

    opd_only = fit(xk.iloc[:, :0])
    full = fit(xk) if merit else None
    for rec in records:
        g, term = rec["group"], f"g{_SEP}{rec['group']}"
        if opd_only is not None and g in open_groups:
            rec["log_opd"] = opd_only.params[term]
        elif g in closed:
            rec["log_opd"] = closed[g]
        if full is not None and g in open_groups:
            var = float(full.cov.loc[term, term])   # a near-singular fit can give a negative variance: no Wald CI then
            rec.update(log_or=full.params[term], se=np.sqrt(var) if var > 0 else np.nan, aor_method="wald")
        elif full is not None and g in closed:
            rec.update(log_or=closed[g], aor_p_value=lr_p(full, fit(xk, merged=g)), aor_method="lr")
    pooled = full if merit else opd_only
    if pooled is not None:
        p = _pooled_predictions(pooled, x, scope, closed_scopes)
        for rec in records:
            rec["explained_share"] = _fairlie(y, p, group == rec["group"], group == reference)
    return pd.DataFrame(records)


def _pooled_predictions(fit: Fit, x: pd.DataFrame, scope: pd.Series, closed_scopes: dict[str, float]) -> pd.Series:
    """Each person's predicted probability from the scope effects and covariates, group terms set to the reference's;
    a scope that promoted nobody (everybody) predicts 0 (1)."""
    fe = pd.Series({k.split(_SEP, 1)[1]: v for k, v in fit.params.items() if k.startswith("s" + _SEP)})
    eta = scope.map(fe).astype(float).to_numpy()
    if x.shape[1]:
        eta = eta + x.to_numpy(float) @ fit.params[list(x.columns)].to_numpy()
    limit = scope.map(closed_scopes).astype(float).to_numpy()
    eta = np.where(np.isnan(limit), eta, limit)
    return pd.Series(expit(eta), index=x.index)


def adjusted(pop: pd.DataFrame, x: pd.DataFrame, attribute: str, reference: str, wanted: pd.DataFrame,
             alpha: float, merit: bool = True) -> pd.DataFrame:
    """Merit-adjusted odds ratio, CI and p of each wanted (scope, group) of one attribute, with the raw and OPD-only odds
    ratios on the model sample (the persons of `x`) and the explained share. Without `merit` (roles that declare none):
    the OPD-only step on everyone at risk, no merit-adjusted estimate."""
    rows = pop.loc[x.index] if merit else pop
    rows = rows[rows[attribute].notna() & rows["_scope"].notna()]
    if wanted.empty or rows.empty:
        return _stack([], ADJUSTED_DTYPES)
    if merit and "_t" in rows and rows["_t"].nunique() > 1:
        # a quarter in which nobody (or everybody) was promoted tells nothing about the contrast once its own term is
        # in the model, and would make that term infinite: its rows sit out, like a scope that promoted nobody
        open_quarter, _ = open_rows(rows["_y"], rows["_t"].fillna(""))
        rows = rows[open_quarter.to_numpy()]
        if rows.empty:
            return _stack([], ADJUSTED_DTYPES)
    y, group, scope = rows["_y"], rows[attribute].astype(str), rows["_scope"].astype(str)
    persons = rows["_id"] if "_id" in rows else None
    xs = x.loc[rows.index] if merit else pd.DataFrame(index=rows.index)
    xs = xs.loc[:, (xs.nunique() > 1).to_numpy()]     # a covariate constant on these rows (a quarter left out) goes too
    out = []
    opd = wanted[wanted["scope"] != PROVINCE]
    if len(opd) and merit:
        out.append(scope_effects(y, xs, scope, group, opd, reference, persons))
    if (wanted["scope"] == PROVINCE).any():
        out.append(province_effects(y, xs, scope, group, reference, wanted[wanted["scope"] == PROVINCE], merit, persons))
    if not out:
        return _stack([], ADJUSTED_DTYPES)
    res = pd.concat(out, ignore_index=True)
    res["attribute"] = attribute
    z = sps.norm.ppf(1 - alpha / 2)
    wald = (res["aor_method"] == "wald").to_numpy()
    log_or, se = res["log_or"].to_numpy(float), res["se"].to_numpy(float)
    with np.errstate(over="ignore", invalid="ignore"):   # a huge SE (a nearly singular fit) gives an interval up to ∞
        res["adjusted_odds_ratio"] = np.exp(log_or)
        low, high = np.exp(log_or - z * se), np.exp(log_or + z * se)
        res["model_raw_odds_ratio"] = np.exp(res["log_raw"].to_numpy(float))
        res["model_opd_odds_ratio"] = np.exp(res["log_opd"].to_numpy(float))
    res["aor_ci_low"] = np.where(wald, low, np.where(log_or == -np.inf, 0.0, np.nan))
    res["aor_ci_high"] = np.where(wald, high, np.where(log_or == np.inf, np.inf, np.nan))
    res.loc[wald, "aor_p_value"] = 2 * sps.norm.sf(np.abs(log_or[wald] / se[wald]))
    return _stack([res], ADJUSTED_DTYPES)
