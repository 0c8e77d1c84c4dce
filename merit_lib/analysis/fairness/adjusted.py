"""Merit-adjusted odds ratios ("equal merit, unequal outcome"), the steps between raw and adjusted on the same persons,
the share of the raw gap the covariates explain (Fairlie 2005, pooled coefficients) split by block, and two checks of
the adjusted estimate: who is in the model, and how reliable its merit measures are.

One logit per attribute, on the person-quarter rows of the evidence window (a discrete-time hazard model: the quarter
is a covariate, and the covariance is cluster-robust by person where a person has several rows):
- OPD rows: an intercept per (scope, group) cell plus the covariates, slopes shared by every scope; the group's log odds
  ratio is a contrast of its cell's intercept with the reference cell's;
- PROVINSI rows: scope fixed effects plus one term per group plus the covariates (within-OPD comparison), and the same
  model without the covariates (OPD composition alone), both on the persons of the model sample `M`.
On `M` the raw odds ratio is computed too, so that "the adjustment moved the estimate" compares two estimates on the
same persons: a merit score missing for many changes who is in the model, which must never pass for explanation.

**What explained it, by block.** The explained share (Fairlie, the mean predicted rate of the reference minus the
group's with the group terms set to the reference's, over the observed gap) is split into blocks: the covariates' part
(the group's mean prediction when its covariates are moved by the reference's mean difference) divided among merit,
eligibility, each declared control and the quarter in proportion to their mean differences times their coefficients
(Yun 2004's weights), and the rest — what the scope effects explain — to `opd` (the group works in OPDs that promote
less). Within one OPD there is no OPD block.

**Who is in the model.** `model_shift_odds_ratio` is the raw odds ratio of the model sample over everyone's (the same
rows, before and after leaving out those without a merit score or a kept control). Where it is material (outside the
materiality bounds), the model is fitted again with each row weighted by the inverse of the share of its (group,
outcome) cell that is in the model (`aor_ipw`): the correction that is right when who has a merit score depends on the
group and on the outcome (assessment as part of selection). The complete-case estimate is right when it depends on merit
itself; the verdict stands only where both agree (verdicts.py).

**Reliability.** Where the roles declare a merit measure's reliability ρ, the model is fitted again with the measure
replaced by its regression calibration (Carroll et al. 2006): E[X | X*, Z] = fitted + λ·residual of X* on the other
covariates, the group and the scope, with λ = 1 − (1 − ρ)·Var(X*) / Var(residual) (`aor_reliability`). A measure with
error under-adjusts: a group gap in true merit then shows as a penalty at equal *measured* merit.

A cell where nobody (or everybody) was promoted has no finite odds ratio (0 or ∞): it is tested by the
likelihood-ratio test of merging the group with its reference (not under weights: there, no test).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps
from scipy.special import expit
from statsmodels.discrete.discrete_model import Logit
from statsmodels.genmod.families import Binomial
from statsmodels.genmod.generalized_linear_model import GLM
from statsmodels.tools.sm_exceptions import PerfectSeparationError

from merit_lib.analysis.fairness.raw import log_odds_ratio
from merit_lib.analysis.fairness.schema import _SEP, PROVINCE, _stack
from merit_lib.domain import codes

#: the blocks of the explained share with a column of their own (the declared controls and the quarter: `controls`)
SHARE_BLOCKS = (codes.BY_MERIT, codes.BY_OPD, codes.BY_ELIGIBILITY)

#: the columns of `adjusted`
ADJUSTED_DTYPES: dict[str, str] = {
    "scope": "string", "attribute": "string", "group": "string", "adjusted_odds_ratio": "float64", "aor_ci_low": "float64",
    "aor_ci_high": "float64", "aor_p_value": "float64", "aor_method": "string", "n_model_group": "float64",
    "n_model_reference": "float64", "model_raw_odds_ratio": "float64", "model_opd_odds_ratio": "float64",
    "explained_share": "float64", **{f"explained_share_{b}": "float64" for b in (*SHARE_BLOCKS, "controls")},
    "explained_parts": "string", "model_shift_odds_ratio": "float64",
    **{f"aor_{v}{s}": "float64" for v in ("ipw", "reliability") for s in ("", "_ci_low", "_ci_high", "_p_value")},
    "_ipw_raw_odds_ratio": "float64", "_ipw_method": "string", "_reliability_method": "string"}


@dataclass
class Fit:
    """A fitted logit: coefficients, their covariance and the log-likelihood."""

    params: pd.Series
    cov: pd.DataFrame
    llf: float


def logit(y: pd.Series, x: pd.DataFrame, persons: pd.Series | None = None, weights: pd.Series | None = None
          ) -> Fit | None:
    """Maximum-likelihood logit (statsmodels, Newton); the design always spans a constant (its cell or scope dummies).
    With `persons` (the person of each row, where some person has several rows: person-quarters), the covariance is
    cluster-robust by person. With `weights` (inverse-probability weights): a weighted binomial GLM whose covariance is
    the sandwich, clustered by person (each row its own cluster when persons are unique); its log-likelihood is a
    pseudo-likelihood, never used for a test.

    None when it cannot be estimated: no rows, a singular design (e.g. a covariate constant within the rows of a
    small extract) or an estimate that is not finite."""
    if len(y) == 0 or x.shape[1] == 0:
        return None
    cluster = persons is not None and not persons.loc[y.index].is_unique
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if weights is None:
                fit_kw = {"cov_type": "cluster", "cov_kwds": {"groups": pd.factorize(persons.loc[y.index])[0]}} \
                    if cluster else {}
                res = Logit(y.to_numpy(float), x.to_numpy(float), hasconst=True).fit(method="newton", disp=0,
                                                                                    maxiter=100, **fit_kw)
            else:
                groups = pd.factorize(persons.loc[y.index])[0] if cluster else np.arange(len(y))
                res = GLM(y.to_numpy(float), x.to_numpy(float), family=Binomial(),
                          var_weights=weights.loc[y.index].to_numpy(float)).fit(
                    maxiter=100, cov_type="cluster", cov_kwds={"groups": groups})
            cov = np.asarray(res.cov_params(), float)
            llf = float(res.llf)
        except (np.linalg.LinAlgError, PerfectSeparationError, ValueError, ZeroDivisionError):
            return None
    if not (np.isfinite(llf) and np.isfinite(res.params).all() and np.isfinite(cov).all()):
        return None
    names = list(x.columns)
    return Fit(pd.Series(res.params, index=names), pd.DataFrame(cov, index=names, columns=names), llf)


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
            "explained_share": np.nan, "_shares": {}}


def _mean(v: pd.Series, w: pd.Series | None) -> float:
    if w is None:
        return float(v.mean())
    ww = w.loc[v.index]
    return float((v * ww).sum() / ww.sum()) if ww.sum() > 0 else np.nan


def _fairlie(y: pd.Series, p: pd.Series, is_group: pd.Series, is_ref: pd.Series, w: pd.Series | None = None) -> float:
    """Share of the raw rate gap (reference − group) explained by the covariates: the gap of the mean predictions with the
    group terms set to the reference (pooled coefficients), over the observed gap; NaN without a gap."""
    gap = _mean(y[is_ref], w) - _mean(y[is_group], w)
    if not np.isfinite(gap) or gap == 0:
        return np.nan
    return float((_mean(p[is_ref], w) - _mean(p[is_group], w)) / gap)


def _by_block(y: pd.Series, eta: pd.Series, x: pd.DataFrame, slopes: pd.Series, is_group: pd.Series, is_ref: pd.Series,
              blocks: Mapping[str, str], opd: bool) -> dict[str, float]:
    """The explained share split by block (module docstring): each block's share of the observed gap (reference −
    group); `eta` is each row's linear index with the group terms at the reference's (±∞ for a closed scope)."""
    gap = float(y[is_ref].mean() - y[is_group].mean())
    if not np.isfinite(gap) or gap == 0 or not is_group.any() or not is_ref.any():
        return {}
    total = float(expit(eta[is_ref]).mean() - expit(eta[is_group]).mean())
    cols = [c for c in slopes.index if c in x.columns]
    diff = (x.loc[is_ref, cols].mean() - x.loc[is_group, cols].mean()) * slopes[cols]
    moved = eta[is_group] + float(diff.sum())
    covariates = float(expit(moved).mean() - expit(eta[is_group]).mean()) if cols else 0.0
    parts: dict[str, float] = {}
    linear = float(diff.sum())
    for col, d in diff.items():
        block = blocks.get(str(col), str(col))
        weight = d / linear if linear != 0 else 0.0
        parts[block] = parts.get(block, 0.0) + covariates * weight / gap
    if opd:
        parts[codes.BY_OPD] = (total - covariates) / gap
    return parts


def scope_effects(y: pd.Series, x: pd.DataFrame, scope: pd.Series, group: pd.Series, wanted: pd.DataFrame,
                  reference: str, persons: pd.Series | None = None, weights: pd.Series | None = None,
                  blocks: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Each wanted scope's group against the same scope's reference: a contrast of cell intercepts (shared slopes)."""
    cell = scope + _SEP + group
    keep, closed = open_rows(y, cell)
    fit = logit(y[keep], pd.concat([dummies(cell[keep]), x[keep]], axis=1), persons, weights)
    sizes = cell.value_counts()
    w = weights if weights is not None else pd.Series(1.0, index=y.index)
    wsizes, wevents = w.groupby(cell).sum(), (w * y).groupby(cell).sum()
    records = []
    for s, g in zip(wanted["scope"], wanted["group"]):
        cg, cr = f"{s}{_SEP}{g}", f"{s}{_SEP}{reference}"
        rec = _record(s, g, int(sizes.get(cg, 0)), int(sizes.get(cr, 0)))
        records.append(rec)
        if rec["n_model_group"] == 0 or rec["n_model_reference"] == 0:
            continue
        rec["log_raw"] = float(log_odds_ratio(wevents[cg], wsizes[cg], wevents[cr], wsizes[cr])[0][()])
        if fit is None:
            continue
        a, b = _SEP + cg, _SEP + cr
        if cg not in closed and cr not in closed:
            v = fit.cov
            var = float(v.loc[a, a] + v.loc[b, b] - 2 * v.loc[a, b])   # ≤ 0 only from a near-singular fit: no Wald CI
            rec.update(log_or=fit.params[a] - fit.params[b], aor_method="wald", se=np.sqrt(var) if var > 0 else np.nan)
        elif weights is None:   # a closed cell: the odds ratio is 0 or ∞; test it by merging the group into its reference
            lim_g, lim_r = closed.get(cg, 0.0), closed.get(cr, 0.0)   # 0 for an open cell
            if lim_g != lim_r:
                merged = cell.where(cell != cg, cr)
                k2, _ = open_rows(y, merged)
                null = logit(y[k2], pd.concat([dummies(merged[k2]), x[k2]], axis=1), persons)
                rec.update(log_or=np.sign(lim_g - lim_r) * np.inf, aor_p_value=lr_p(fit, null), aor_method="lr")
        if cr not in closed and weights is None:   # predictions with the reference cell's intercept for both (Fairlie)
            rows = (cell == cg) | (cell == cr)
            slopes = fit.params[list(x.columns)]
            eta = pd.Series(fit.params[b] + x[rows].to_numpy(float) @ slopes.to_numpy(), index=x.index[rows])
            rec["explained_share"] = _fairlie(y[rows], expit(eta), cell[rows] == cg, cell[rows] == cr)
            if blocks is not None:
                rec["_shares"] = _by_block(y[rows], eta, x[rows], slopes, cell[rows] == cg, cell[rows] == cr, blocks,
                                           opd=False)
    return pd.DataFrame(records)


def province_effects(y: pd.Series, x: pd.DataFrame, scope: pd.Series, group: pd.Series, reference: str,
                     wanted: pd.DataFrame, merit: bool = True, persons: pd.Series | None = None,
                     weights: pd.Series | None = None, blocks: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Each group against the reference over the province, within scopes: with the covariates `x` (merit-adjusted; not
    without `merit`) and without them (OPD composition alone), and the raw odds ratio on the same persons.

    Every group has its own term, tested or not; scopes that promoted nobody carry no information about the contrast
    and sit out of the fits (their persons' predicted probability is their scope's limit, 0 or 1)."""
    sizes = group.value_counts()
    w = weights if weights is not None else pd.Series(1.0, index=y.index)
    wsizes, wevents = w.groupby(group).sum(), (w * y).groupby(group).sum()
    records = [_record(PROVINCE, g, int(sizes.get(g, 0)), int(sizes.get(reference, 0))) for g in wanted["group"]]
    for rec in records:
        g = rec["group"]
        if rec["n_model_group"] and rec["n_model_reference"]:
            rec["log_raw"] = float(log_odds_ratio(wevents[g], wsizes[g], wevents[reference], wsizes[reference])[0][()])
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
        return logit(yk[rows], pd.concat([dummies(sk[rows], "s"), terms, covariates[rows]], axis=1), persons, weights)

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
        elif full is not None and g in closed and weights is None:
            rec.update(log_or=closed[g], aor_p_value=lr_p(full, fit(xk, merged=g)), aor_method="lr")
    pooled = full if merit else opd_only
    if pooled is not None and weights is None:
        eta = _pooled_index(pooled, x, scope, closed_scopes)
        p = pd.Series(expit(eta), index=x.index)
        slopes = pooled.params[list(x.columns)] if x.shape[1] else pd.Series(dtype=float)
        for rec in records:
            is_g, is_r = group == rec["group"], group == reference
            rec["explained_share"] = _fairlie(y, p, is_g, is_r)
            if blocks is not None:
                rec["_shares"] = _by_block(y, eta, x, slopes, is_g, is_r, blocks, opd=True)
    return pd.DataFrame(records)


def _pooled_index(fit: Fit, x: pd.DataFrame, scope: pd.Series, closed_scopes: dict[str, float]) -> pd.Series:
    """Each person's linear index from the scope effects and covariates, group terms set to the reference's; a scope
    that promoted nobody (everybody) gives −∞ (+∞)."""
    fe = pd.Series({k.split(_SEP, 1)[1]: v for k, v in fit.params.items() if k.startswith("s" + _SEP)})
    eta = scope.map(fe).astype(float).to_numpy()
    if x.shape[1]:
        eta = eta + x.to_numpy(float) @ fit.params[list(x.columns)].to_numpy()
    limit = scope.map(closed_scopes).astype(float).to_numpy()
    return pd.Series(np.where(np.isnan(limit), eta, limit), index=x.index)


def _effects(y: pd.Series, xs: pd.DataFrame, scope: pd.Series, group: pd.Series, wanted: pd.DataFrame, reference: str,
             merit: bool, persons: pd.Series | None, weights: pd.Series | None = None,
             blocks: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The OPD rows' and the province rows' estimates of one design (and one weighting)."""
    out = []
    opd = wanted[wanted["scope"] != PROVINCE]
    if len(opd) and merit:
        out.append(scope_effects(y, xs, scope, group, opd, reference, persons, weights, blocks))
    if (wanted["scope"] == PROVINCE).any():
        out.append(province_effects(y, xs, scope, group, reference, wanted[wanted["scope"] == PROVINCE], merit, persons,
                                    weights, blocks))
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame()


def _wald(res: pd.DataFrame, z: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Odds ratio, CI and p of each record (a likelihood-ratio row: its limit 0 or ∞ and its LR p)."""
    wald = (res["aor_method"] == "wald").to_numpy()
    log_or, se = res["log_or"].to_numpy(float), res["se"].to_numpy(float)
    with np.errstate(over="ignore", invalid="ignore"):   # a huge SE (a nearly singular fit) gives an interval up to ∞
        est, low, high = np.exp(log_or), np.exp(log_or - z * se), np.exp(log_or + z * se)
    low = np.where(wald, low, np.where(log_or == -np.inf, 0.0, np.nan))
    high = np.where(wald, high, np.where(log_or == np.inf, np.inf, np.nan))
    p = res["aor_p_value"].to_numpy(float).copy()
    with np.errstate(invalid="ignore", divide="ignore"):
        p[wald] = 2 * sps.norm.sf(np.abs(log_or[wald] / se[wald]))
    return est, low, high, p


def calibrated(xs: pd.DataFrame, reliability: Mapping[str, float], group: pd.Series, scope: pd.Series) -> pd.DataFrame:
    """The design with each merit column of declared reliability ρ replaced by its regression calibration on the other
    covariates, the group and the scope (module docstring); other columns as they are."""
    out = xs.copy()
    todo = [c for c in reliability if c in xs.columns]
    others = xs.drop(columns=todo)
    z = pd.concat([pd.Series(1.0, index=xs.index, name="_1"), others, dummies(group, "g").iloc[:, 1:],
                   dummies(scope, "s").iloc[:, 1:]], axis=1).to_numpy(float)
    for c in todo:
        v = xs[c].to_numpy(float)
        coef, *_ = np.linalg.lstsq(z, v, rcond=None)
        fitted = z @ coef
        resid = v - fitted
        var_r = float(resid.var())
        error = (1 - float(reliability[c])) * float(v.var())
        lam = float(np.clip(1 - error / var_r, 0.05, 1.0)) if var_r > 0 else 1.0
        out[c] = fitted + lam * resid
    return out


def adjusted(pop: pd.DataFrame, x: pd.DataFrame, attribute: str, reference: str, wanted: pd.DataFrame,
             alpha: float, merit: bool = True, blocks: Mapping[str, str] | None = None,
             reliability: Mapping[str, float] | None = None, bounds: tuple[float, float] = (0.8, 1.25)) -> pd.DataFrame:
    """Merit-adjusted odds ratio, CI and p of each wanted (scope, group) of one attribute, with the raw and OPD-only odds
    ratios on the model sample (the persons of `x`), the explained share and its blocks (`blocks`: column of `x` →
    block), the model sample's raw odds ratio against everyone's and, where it is outside `bounds`, the estimate with
    inverse-probability weights; with `reliability` (merit column → ρ), the estimate under it. Without `merit` (roles
    that declare none): the OPD-only step on everyone at risk, no merit-adjusted estimate."""
    every = pop[pop[attribute].notna() & pop["_scope"].notna()]
    rows = every.loc[every.index.intersection(x.index)] if merit else every
    if wanted.empty or rows.empty:
        return _stack([], ADJUSTED_DTYPES)
    if merit and "_t" in rows and rows["_t"].nunique() > 1:
        # a quarter in which nobody (or everybody) was promoted tells nothing about the contrast once its own term is
        # in the model, and would make that term infinite: its rows sit out, like a scope that promoted nobody
        open_quarter, _ = open_rows(rows["_y"], rows["_t"].fillna(""))
        rows = rows[open_quarter.to_numpy()]
        every = every[every["_t"].isin(set(rows["_t"].dropna()))]
        if rows.empty:
            return _stack([], ADJUSTED_DTYPES)
    y, group, scope = rows["_y"], rows[attribute].astype(str), rows["_scope"].astype(str)
    persons = rows["_id"] if "_id" in rows else None
    xs = x.loc[rows.index] if merit else pd.DataFrame(index=rows.index)
    xs = xs.loc[:, (xs.nunique() > 1).to_numpy()]     # a covariate constant on these rows (a quarter left out) goes too
    res = _effects(y, xs, scope, group, wanted, reference, merit, persons, blocks=dict(blocks or {}) if merit else
                   {"": codes.BY_OPD})
    if res.empty:
        return _stack([], ADJUSTED_DTYPES)
    res["attribute"] = attribute
    z = sps.norm.ppf(1 - alpha / 2)
    est, low, high, p = _wald(res, z)
    res["adjusted_odds_ratio"], res["aor_ci_low"], res["aor_ci_high"], res["aor_p_value"] = est, low, high, p
    with np.errstate(over="ignore", invalid="ignore"):
        res["model_raw_odds_ratio"] = np.exp(res["log_raw"].to_numpy(float))
        res["model_opd_odds_ratio"] = np.exp(res["log_opd"].to_numpy(float))
    _shares(res)
    if merit:
        res["model_shift_odds_ratio"] = _shift(res, every, attribute, reference)
        shifted = ~res["model_shift_odds_ratio"].between(bounds[0], bounds[1]) & res["model_shift_odds_ratio"].notna()
        if shifted.any():
            weights = ipw(every, rows.index, attribute)
            _variant(res, "ipw", _effects(y, xs, scope, group, wanted, reference, merit, persons, weights), z)
        todo = {c: r for c, r in (reliability or {}).items() if c in xs.columns}
        if todo:
            xr = calibrated(xs, todo, group, scope)
            _variant(res, "reliability", _effects(y, xr, scope, group, wanted, reference, merit, persons), z)
    return _stack([res], ADJUSTED_DTYPES)


def _variant(res: pd.DataFrame, name: str, alt: pd.DataFrame, z: float) -> None:
    """Write a refitted estimate (`aor_ipw*`, `aor_reliability*`) beside the model's, row for row."""
    if alt.empty:
        return
    alt = alt.set_index(["scope", "group"]).reindex(pd.MultiIndex.from_frame(res[["scope", "group"]])).reset_index()
    est, low, high, p = _wald(alt.assign(aor_method=alt["aor_method"].fillna("")), z)
    res[f"aor_{name}"], res[f"aor_{name}_ci_low"], res[f"aor_{name}_ci_high"] = est, low, high
    res[f"aor_{name}_p_value"] = p
    res[f"_{name}_method"] = alt["aor_method"].fillna("").to_numpy()
    if name == "ipw":
        with np.errstate(over="ignore", invalid="ignore"):
            res["_ipw_raw_odds_ratio"] = np.exp(alt["log_raw"].to_numpy(float))


def ipw(every: pd.DataFrame, kept: pd.Index, attribute: str) -> pd.Series:
    """Each kept row's inverse-probability weight: 1 / the share of its (group, outcome) cell among `every` row that is
    kept (in the model sample)."""
    cell = every[attribute].astype(str) + _SEP + every["_y"].astype(int).astype(str)
    share = every.index.isin(kept).astype(float)
    s = pd.Series(share, index=every.index).groupby(cell).mean()
    w = 1.0 / cell.loc[every.index.intersection(kept)].map(s).astype(float)
    return w.replace([np.inf], np.nan).fillna(0.0)


def _shift(res: pd.DataFrame, every: pd.DataFrame, attribute: str, reference: str) -> np.ndarray:
    """Per record, the model sample's raw odds ratio over everyone's (the same quarters), NaN where either is unknown."""
    g = every[attribute].astype(str)
    s = every["_scope"].astype(str)
    y = every["_y"]
    whole = {"n": g.value_counts(), "k": y.groupby(g).sum()}
    cell = s + _SEP + g
    scoped = {"n": cell.value_counts(), "k": y.groupby(cell).sum()}
    out = []
    for sc, gr, log_model in zip(res["scope"], res["group"], res["log_raw"]):
        d, a, b = (whole, gr, reference) if sc == PROVINCE else (scoped, f"{sc}{_SEP}{gr}", f"{sc}{_SEP}{reference}")
        if a not in d["n"] or b not in d["n"]:
            out.append(np.nan)
            continue
        log_all = float(log_odds_ratio(d["k"][a], d["n"][a], d["k"][b], d["n"][b])[0][()])
        with np.errstate(invalid="ignore", over="ignore"):
            out.append(float(np.exp(log_model - log_all)))
    return np.asarray(out, float)


def _shares(res: pd.DataFrame) -> None:
    """The explained share by block as columns (merit, opd, eligibility; the declared controls and the quarter summed in
    `explained_share_controls`) and every block named with its share in `explained_parts` (largest first)."""
    for b in SHARE_BLOCKS:
        res[f"explained_share_{b}"] = [d.get(b, np.nan) if d else np.nan for d in res["_shares"]]
    res["explained_share_controls"] = [
        sum(v for k, v in d.items() if k not in SHARE_BLOCKS) if d and any(k not in SHARE_BLOCKS for k in d) else np.nan
        for d in res["_shares"]]
    res["explained_parts"] = ["; ".join(f"{k} {v:.2f}" for k, v in sorted(d.items(), key=lambda kv: -abs(kv[1]))
                                        if np.isfinite(v)) if d else "" for d in res["_shares"]]
