"""The covariates of each attribute's merit-adjusted model: merit, eligibility and the controls that are not proxies.

A control that is a near-proxy of the audited attribute would adjust the attribute away (auditing age while holding
masa kerja fixed compares 25-year-olds with 25 years of service): for each attribute, a control is left out of that
attribute's model when it is a mechanical function of it (`rules.MECHANICAL_PROXIES`, e.g. kelompok_usia → masa_kerja)
or correlated with it at |r| ≥ `AuditParams.max_proxy_r` (Pearson r with the attribute's numeric source, e.g. usia,
where the frame has it; else the correlation ratio η of the control on the attribute's groups, or Cramér's V for a
categorical control). Merit measures are never left out: they are what the model adjusts for.

A control must be measured before the outcome it adjusts (issue 21): one the roles declare as measured after the period's
start is refused (`check_timing`), and one whose values nearly determine the outcome — its mean among the promoted
differs from the others' by at least `AuditParams.max_outcome_smd` standard deviations, or it alone ranks the promoted
with an AUC of at least `max_outcome_auc` — is left out of every merit-adjusted model and named (`outcome_controls`):
such a control is most often caused by the promotion (training taken after selection, a post's allowance), and adjusting
for it explains a real penalty away. A control declared as merit is never left out.

Each column of a design belongs to a *block* of the decomposition of the explained gap (`Design.blocks`): `merit`,
`eligibility`, `quarter`, or the declared control's own name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from patsy import dmatrix

from merit_lib.analysis.fairness.population import flag_series
from merit_lib.analysis.fairness.schema import MAX_MISSING_CONTROL
from merit_lib.domain import codes
from merit_lib.domain import rules as R
from merit_lib.domain.roles import AFTER, TIMES, Roles

#: covariates the audit adds itself (eligibility, the quarter of a person-quarter row), never declared controls
_OWN = ("_eligible", "_quarter")
#: their blocks in the decomposition of the explained gap
_OWN_BLOCKS = {"_eligible": codes.BY_ELIGIBILITY, "_quarter": codes.BY_QUARTER}


@dataclass
class Design:
    """The covariates of one attribute's merit-adjusted model, and who (and what) was left out of it, and why."""

    x: pd.DataFrame                 # covariates (no intercept) of the persons in the model, indexed like the population
    terms: list[str]                # the formula terms the model uses
    dropped: dict[str, float]       # control left out for missingness → its share missing among the persons at risk
    proxies: dict[str, str]         # control left out as a proxy of the attribute → why (e.g. "|r| = 0.98")
    n_no_merit: int                 # persons at risk without complete merit scores: not in the model
    missing_control: dict[str, int]  # kept control → persons with merit scores but without it: not in the model
    n_missing_control: int          # persons with merit scores left out for a missing control (each counted once)
    n_settled: int = 0              # rows of a control level whose outcome is all 0 or all 1 (`pure_levels`)
    no_merit: pd.Index | None = None  # the rows without complete merit scores (to count them as persons)
    missing: pd.Index | None = None   # the rows with merit scores left out for a missing control
    blocks: dict[str, str] = field(default_factory=dict)   # column of `x` → its block (merit, eligibility, quarter, control)
    merit_columns: dict[str, str] = field(default_factory=dict)   # numeric merit measure → its column of `x`

    @property
    def has_merit(self) -> bool:
        """Whether the model adjusts for merit at all (roles without merit: raw and OPD-stratified audit only)."""
        return bool(self.terms)


def _is_numeric(s: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)) and not isinstance(s.dtype, pd.CategoricalDtype)


def _eta(values: pd.Series, groups: pd.Series) -> float:
    """Correlation ratio of a numeric column on groups: the square root of the share of its variance between groups."""
    d = pd.DataFrame({"v": values.astype(float), "g": groups}).dropna()
    if len(d) < 3 or d["v"].std() == 0 or d["g"].nunique() < 2:
        return 0.0
    means = d.groupby("g")["v"].transform("mean")
    return float(np.sqrt(((means - d["v"].mean()) ** 2).sum() / ((d["v"] - d["v"].mean()) ** 2).sum()))


def _cramers_v(a: pd.Series, b: pd.Series) -> float:
    """Cramér's V of two categorical columns (0 none, 1 one determines the other)."""
    t = pd.crosstab(a, b)
    if min(t.shape) < 2:
        return 0.0
    n = t.to_numpy().sum()
    expected = np.outer(t.sum(1), t.sum(0)) / n
    chi2 = ((t.to_numpy() - expected) ** 2 / expected).sum()
    return float(np.sqrt(chi2 / (n * (min(t.shape) - 1))))


def proxies(frame: pd.DataFrame, rows: pd.Index, attribute: str, roles: Roles, max_r: float) -> dict[str, str]:
    """The controls of `roles` that stand in for `attribute` among `rows`, each with why (see the module docstring)."""
    out: dict[str, str] = {}
    mechanical = R.MECHANICAL_PROXIES.get(attribute, ())
    source = R.DERIVED_FROM.get(attribute)
    groups = frame.loc[rows, attribute].astype("string")
    for c in dict.fromkeys(roles.controls):
        if c in roles.merit:
            continue
        if c in mechanical:
            out[c] = "mechanical"
            continue
        values = frame.loc[rows, c]
        if c in roles.categorical or not _is_numeric(values):
            r = _cramers_v(groups, values.astype("string"))
        elif source and source in frame and _is_numeric(frame[source]):
            r = abs(float(pd.concat([values.astype(float), frame.loc[rows, source].astype(float)], axis=1).corr().iloc[0, 1]))
        else:
            r = _eta(values, groups)
        if np.isfinite(r) and r >= max_r:
            out[c] = f"|r| = {r:.2f}"
    return out


def check_timing(roles: Roles) -> None:
    """Refuse a merit measure or control the roles declare as measured after the period's start (it can be caused by
    the promotion); the error names each one and the roles' key. An unknown time is not refused (see `outcome_controls`)."""
    unknown = sorted(f"{c} ({t})" for c, t in roles.measured.items() if t not in TIMES)
    if unknown:
        raise ValueError(f"waktu pengukuran tidak dikenal (measured: use {' or '.join(TIMES)}): {', '.join(unknown)}")
    late = [c for c in dict.fromkeys([*roles.merit, *roles.controls]) if roles.measured.get(c) == AFTER]
    if late:
        raise ValueError(f"diukur setelah awal periode, tidak dapat menjadi kontrol atau ukuran merit (measured after the "
                         f"start of the period, so it can be caused by the promotion it would explain): {', '.join(late)}; "
                         "hapus dari peran, atau ukur sebelum periode (remove it from the roles, or measure it before)")


def _auc(values: np.ndarray, y: np.ndarray) -> float:
    """How well the values alone rank the promoted above the others (Mann–Whitney AUC, ties halved; either side)."""
    from scipy.stats import rankdata

    pos, n1 = y == 1, int((y == 1).sum())
    n0 = len(y) - n1
    if n1 == 0 or n0 == 0:
        return 0.5
    r = rankdata(values)
    auc = (r[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)
    return float(max(auc, 1 - auc))


def outcome_controls(rows: pd.DataFrame, roles: Roles, max_smd: float, max_auc: float) -> dict[str, str]:
    """The controls (never a merit measure) whose values nearly determine the outcome among `rows`, each with why
    (`SMD 1.8` or `AUC 0.93`): the mean among the promoted differs from the others' by `max_smd` pooled SDs or more (each
    level of a categorical control as a 0/1 column), or the control alone ranks the promoted with AUC ≥ `max_auc`."""
    y = flag_series(rows[roles.outcome]).astype(float).to_numpy()
    known = ~np.isnan(y)
    out: dict[str, str] = {}
    for c in dict.fromkeys(roles.controls):
        if c in roles.merit or c not in rows:
            continue
        v = rows[c]
        if c in roles.categorical or not _is_numeric(v):
            cols = pd.get_dummies(v.astype("string"), dtype=float)
        else:
            cols = pd.DataFrame({c: pd.to_numeric(v, errors="coerce").astype(float)})
        worst, why = 0.0, ""
        for name in cols.columns:
            x = cols[name].to_numpy(float)
            ok = known & ~np.isnan(x)
            if ok.sum() < 10 or np.nanstd(x[ok]) == 0:
                continue
            a, b = x[ok & (y == 1)], x[ok & (y == 0)]
            if len(a) < 2 or len(b) < 2:
                continue
            sd = np.sqrt((a.var(ddof=1) + b.var(ddof=1)) / 2)
            smd = abs(a.mean() - b.mean()) / sd if sd > 0 else np.inf
            auc = _auc(x[ok], y[ok]) if len(cols.columns) == 1 else 0.5   # a level's AUC is its SMD told again
            if smd >= max_smd and smd > worst:
                worst, why = smd, f"SMD {smd:.2f}"
            elif auc >= max_auc and not why:
                why = f"AUC {auc:.2f}"
        if why:
            out[c] = why
    return out


def _controls(rows: pd.DataFrame, roles: Roles, leave_out: set[str]) -> pd.DataFrame:
    """The model's controls of the persons at risk, eligibility included as 0/1 `_eligible` (merit measures apart), and
    the quarter `_quarter` of person-quarter rows of several quarters (the discrete-time model's baseline hazard)."""
    data = rows[[c for c in dict.fromkeys(roles.controls) if c not in roles.merit and c not in leave_out]].copy()
    if roles.eligible:
        data["_eligible"] = flag_series(rows[roles.eligible]).astype(float)
    if roles.period and roles.period in rows and rows[roles.period].nunique() > 1:
        data["_quarter"] = rows[roles.period].astype("string").astype(object)
    return data


def covariates(rows: pd.DataFrame, roles: Roles, leave_out: dict[str, str] | None = None) -> Design:
    """The model's covariates for the persons with complete merit and (kept) controls.

    Without merit measures in the roles there is no merit-adjusted model (an empty design). A control missing for more
    than MAX_MISSING_CONTROL of the persons at risk is left out of the model rather than leaving those persons out; a
    missing merit score always leaves the person out (merit is what the model adjusts for)."""
    leave_out = dict(leave_out or {})
    if not roles.merit:
        return Design(x=pd.DataFrame(index=rows.index[:0]), terms=[], dropped={}, proxies=leave_out, n_no_merit=0,
                      missing_control={}, n_missing_control=0)
    merit, controls = rows[list(dict.fromkeys(roles.merit))], _controls(rows, roles, set(leave_out))
    share = controls.isna().mean()
    dropped = share[share > MAX_MISSING_CONTROL]
    kept = controls.drop(columns=dropped.index)
    has_merit = merit.notna().all(axis=1)
    has_controls = kept.notna().all(axis=1)
    terms = roles.terms(tuple(merit.columns) + tuple(c for c in kept.columns if c not in _OWN))
    terms += ["_eligible"] if "_eligible" in kept else []
    terms += ["C(_quarter)"] if "_quarter" in kept else []
    complete = has_merit & has_controls
    categorical = [c for c in kept.columns if c in roles.categorical or c == "_quarter"]
    settled = pure_levels(kept[complete], flag_series(rows.loc[complete, roles.outcome]).astype(float), categorical)
    x, of_term = design_matrix(pd.concat([merit, kept], axis=1)[complete][settled], terms, with_terms=True)
    name = {"_eligible": roles.eligible, "_quarter": roles.period}
    term_block = {t: codes.BY_MERIT for t in roles.terms(tuple(merit.columns))}
    term_block.update({t: c for c, t in zip(kept.columns, roles.terms(tuple(kept.columns))) if c not in _OWN})
    term_block.update({"_eligible": _OWN_BLOCKS["_eligible"], "C(_quarter)": _OWN_BLOCKS["_quarter"]})
    blocks = {col: term_block.get(term, term) for col, term in of_term.items()}
    numeric_merit = {c: c for c in merit.columns if c in x.columns and c not in roles.categorical}
    return Design(x=x, terms=terms, dropped={name.get(c, c): float(v) for c, v in dropped.items()}, proxies=leave_out,
                  n_no_merit=int((~has_merit).sum()),
                  missing_control={name.get(c, c): int(n) for c, n in kept[has_merit].isna().sum().items() if n},
                  n_missing_control=int((has_merit & ~has_controls).sum()), n_settled=int((~settled).sum()),
                  no_merit=rows.index[~has_merit.to_numpy()], missing=rows.index[(has_merit & ~has_controls).to_numpy()],
                  blocks=blocks, merit_columns=numeric_merit)


def pure_levels(data: pd.DataFrame, y: pd.Series, columns: list[str]) -> pd.Series:
    """Which rows stay in the model once the levels of a categorical control whose outcome is all 0 or all 1 are taken
    out, repeated until nothing changes (as Stata's logit does): such a level (a quarter nobody was promoted in, a level
    nobody rose from in the window) has an infinite term and tells nothing about the groups' contrast."""
    keep = pd.Series(True, index=data.index)
    changed = True
    while changed and keep.any():
        changed = False
        for c in columns:
            rows = keep.to_numpy()
            events = y[rows].groupby(data.loc[rows, c].astype(str).to_numpy()).agg(["sum", "size"])
            pure = events.index[(events["sum"] == 0) | (events["sum"] == events["size"])]
            if len(pure) and len(pure) < len(events):
                keep &= ~data[c].astype(str).isin(pure)
                changed = True
    return keep


def design_matrix(data: pd.DataFrame, terms: list[str], with_terms: bool = False
                  ) -> pd.DataFrame | tuple[pd.DataFrame, dict[str, str]]:
    """The terms' columns (patsy, categorical terms as dummies, no intercept), constant columns left out; with
    `with_terms`, also each column's term (`C(level_awal)[T.Pengawas]` → `C(level_awal)`)."""
    if data.empty or not terms:
        empty = pd.DataFrame(index=data.index)
        return (empty, {}) if with_terms else empty
    text = [c for c in data.columns if not _is_numeric(data[c])]
    data = data.astype({c: "category" for c in text})   # patsy reads categories far faster than strings
    x = dmatrix(" + ".join(terms), data, NA_action="raise", return_type="dataframe")
    of_term = {x.columns[i]: term for term, sl in x.design_info.term_name_slices.items()
               for i in range(sl.start, sl.stop)}
    x = x.drop(columns="Intercept")
    x = x.loc[:, x.std() > 0]   # a constant column would only make the model singular
    return (x, {c: of_term.get(c, c) for c in x.columns}) if with_terms else x
