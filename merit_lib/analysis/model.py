"""Promotion readiness models (statsmodels): how strongly do competency and kinerja predict promotion?

Three models of the outcome, fitted on the at-risk rows with complete data and driven only by declared
`Roles`, so the same code fits the ASN analysis frame and a flat external table:

- `logit`: logistic regression on the competency and kinerja measures plus controls; SEs clustered by scope
  (the OPD), with a t reference distribution on G − 1 degrees of freedom;
- `logit_interaksi`: the same plus every competency × kinerja product (the 9-box logic), tested;
- `gee`: GEE with an exchangeable working correlation within scope (population-averaged odds ratios, sandwich
  SEs with the Mancl–DeRouen small-sample correction while the largest cluster allows it). statsmodels solves the
  exchangeable structure in closed form, so one iteration costs O(n); the correlation is floored at 0 (a negative
  one is not positive definite in an OPD of thousands) and the convergence tolerance grows with n (the GEE score
  is a sum over persons). Fewer than 20 clusters → no GEE (its SEs need many; a few huge ones also diverge).

Numeric competency and kinerja measures are centred at their means in every model: this changes only the
intercept of `logit` and `gee`, and makes each main effect of `logit_interaksi` the effect at the other's mean.

Before any fit, the data are made estimable locally, so that one empty cell never costs every CI:

- a control (never a merit measure, the outcome or the scope) that is empty for more than `MAX_MISSING_CONTROL` of the
  at-risk rows is left out of the model, instead of taking those rows out of it;
- a level of a categorical control (or a value of a two-valued numeric one) in which nobody, or everybody, was
  promoted predicts the outcome perfectly: as Stata's `logit` does, its rows and the level are left out (the reference
  moves to the next level when it is the one left out), and a control left with one value is left out too; repeated
  until nothing changes.

Fewer than 10 events per variable, separation by a merit measure or collinear columns → a ridge-penalized logistic
regression (statsmodels GLM `fit_regularized`), marked `ridge` in the table, CI and p left empty, and no GEE. No
promotion at all (or everyone promoted) → no model. Each such decision is a note, in Bahasa Indonesia or English.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import patsy
import statsmodels.api as sm
from scipy.special import expit
from scipy.stats import mannwhitneyu
from statsmodels.genmod.cov_struct import Exchangeable
from statsmodels.tools.sm_exceptions import (
    ConvergenceWarning,
    IterationLimitWarning,
    PerfectSeparationError,
    PerfectSeparationWarning,
)

from merit_lib.analysis.stats import MIN_CELL, wilson
from merit_lib.domain import text
from merit_lib.domain.roles import ASN, Roles

MODEL_NAMES: tuple[str, ...] = ("logit", "logit_interaksi", "gee")
COEF_COLUMNS: tuple[str, ...] = ("model", "term", "odds_ratio", "ci_low", "ci_high", "p_value", "n", "auc")  # DESIGN §6
EXTRA_COLUMNS: tuple[str, ...] = ("method", "n_events", "epv")
PERSON_COLUMNS: tuple[str, ...] = ("nama", "kotak", "kesiapan", "syarat_gagal")
MIN_EPV = 10.0             # events per variable below this → ridge
MAX_MISSING_CONTROL = 0.5  # a control empty for more than this share of the at-risk rows is left out (not the rows)
MIN_CLUSTERS = 30          # fewer clusters → a note that cluster SEs may be too small
MAX_BIAS_REDUCED = 5000   # largest cluster for the Mancl–DeRouen GEE correction (it builds a k × k matrix)
MIN_CLUSTERS_GEE = 20      # fewer clusters → no GEE (its sandwich SEs need many; few huge clusters also diverge)
ABSURD_LOG_OR = 10.0       # |log OR| per 2 SD (or per category) above this, with ...
ABSURD_SE = 5.0            # ... its model-based SE per 2 SD above this → separation (a strong, well-estimated effect
                           # of a control such as golongan is not; under separation the SE runs into the thousands)
RIDGE_UNESTIMABLE = 5.0    # |ridge log OR| per 2 SD above this: the data still separate → OR left empty
RIDGE_PRIOR_SD = 1.0       # ridge penalty = a normal prior with this SD on the log OR per 2 SD (or per category)
CURVE_SAMPLE = 1000        # persons averaged over for the probability curves
INTERCEPT = "Intercept"

#: column dtypes of the tables, so an empty table has the same (never object) dtypes as a full one
COEF_DTYPES: dict[str, str] = {"model": "str", "term": "str", "odds_ratio": "float64", "ci_low": "float64",
                               "ci_high": "float64", "p_value": "float64", "n": "int64", "auc": "float64", "method": "str",
                               "n_events": "int64", "epv": "float64"}
TERM_DTYPES: dict[str, str] = {"term": "str", "odds_ratio": "float64", "ci_low": "float64", "ci_high": "float64",
                               "p_value": "float64"}
AME_DTYPES: dict[str, str] = {"term": "str", "ame": "float64", "se": "float64", "ci_low": "float64", "ci_high": "float64",
                              "p_value": "float64"}
CALIBRATION_DTYPES: dict[str, str] = {"decile": "int64", "n": "int64", "predicted": "float64", "events": "float64",
                                      "observed": "float64", "ci_low": "float64", "ci_high": "float64", "suppressed": "bool"}

_WORDS = {
    "title": {"id": "Model kesiapan promosi", "en": "Promotion readiness models"},
    "controls": {"id": "kontrol", "en": "controls"},
    "n": {"id": "n", "en": "n"},
    "events": {"id": "promosi", "en": "promoted"},
    "notes": {"id": "Catatan", "en": "Notes"},
    "none": {"id": "(tidak ada model yang diestimasi)", "en": "(no model estimated)"},
    "ci": {"id": "CI 95%", "en": "95% CI"},
}


#: messages of the local handling of sparse data (same shape as `text.MODEL_MESSAGES`, looked up first)
_MESSAGES: dict[str, dict[str, str]] = {
    "control_absent": {"id": "{column} tidak ada datanya → tidak dimasukkan sebagai kontrol (dengan kolom ini semua "
                             "pegawai akan keluar dari model). OR lainnya tidak disesuaikan untuk {column}.",
                       "en": "{column} has no data → not used as a control (with it, everyone would leave the model). "
                             "The other odds ratios are not adjusted for {column}."},
    "control_sparse": {"id": "{column} kosong untuk {n_missing} dari {n_at_risk} pegawai berisiko ({pct}, lebih dari batas "
                             "{max_pct}) → tidak dimasukkan sebagai kontrol, agar pegawai itu tetap masuk model. OR lainnya "
                             "tidak disesuaikan untuk {column}.",
                       "en": "{column} is empty for {n_missing} of {n_at_risk} persons at risk ({pct}, more than the limit "
                             "of {max_pct}) → not used as a control, so that these persons stay in the model. The other "
                             "odds ratios are not adjusted for {column}."},
    "level_predicted": {"id": "{column} = {level}: {k} dari {n} pegawai dipromosikan — peluang promosi kelompok ini tidak "
                              "dapat diestimasi (hasilnya diprediksi sempurna), sehingga {n} pegawai itu dan kategori ini "
                              "dikeluarkan dari model (seperti logit di Stata). Hasil model berlaku untuk {column} lainnya.",
                        "en": "{column} = {level}: {k} of {n} persons promoted — the promotion odds of this group cannot be "
                              "estimated (its outcome is perfectly predicted), so these {n} persons and this category are "
                              "left out of the model (as Stata's logit does). The results hold for the other {column} "
                              "values."},
    "reference_moved": {"id": "Acuan {column} berpindah dari {old} ke {new} karena {old} dikeluarkan dari model.",
                        "en": "The reference of {column} moves from {old} to {new} because {old} is left out of the model."},
    "nothing_left": {"id": "Setelah kelompok yang hasilnya diprediksi sempurna dikeluarkan, tersisa {n} pegawai dengan "
                           "{n_events} promosi: tidak ada yang dapat diestimasi, model tidak diestimasi.",
                     "en": "Once the groups whose outcome is perfectly predicted are left out, {n} persons with {n_events} "
                           "promotions remain: nothing can be estimated, no model is estimated."},
}


# --------------------------------------------------------------------------- notes


@dataclass(frozen=True)
class Note:
    """A message for the reader: a key of `_MESSAGES` or `text.MODEL_MESSAGES` and its fields, in either language."""

    key: str
    fields: dict[str, object] = field(default_factory=dict)

    def render(self, lang: str = "id") -> str:
        """The message in `lang`, numbers formatted for it (this module's `_MESSAGES` first, then `text`)."""
        fields = {k: _fmt(k, v, lang) for k, v in self.fields.items()}
        if self.key in _MESSAGES:
            return _MESSAGES[self.key][lang].format(**fields)
        return text.model_message(self.key, lang, **fields)


def _fmt(key: str, value: object, lang: str) -> str:
    """One field of a note, formatted for the language (nested notes rendered, lists joined)."""
    if isinstance(value, Note):
        return value.render(lang)
    if isinstance(value, list):
        return "; ".join(_fmt(key, v, lang) for v in value)
    if isinstance(value, tuple):          # (name, number)
        return f"{value[0]} {_fmt(key, value[1], lang)}"
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, int | np.integer):
        return text.number(float(value), lang, 0)
    if isinstance(value, float | np.floating):
        return _fmt_float(key, float(value), lang)
    return str(value)


def _fmt_float(key: str, v: float, lang: str) -> str:
    """A number by what it is: p-value, correlation (4 decimals), share as percent, AME in percentage points, or 2 decimals."""
    if key == "p":
        return text.p_value(v, lang)
    if key == "rho":
        return text.number(v, lang, 4)
    if key in ("pct", "max_pct"):
        return text.number(100 * v, lang, 0) + "%"
    if key == "ame":
        return ("+" if v >= 0 else "") + text.number(100 * v, lang, 1)
    return text.number(v, lang)


# --------------------------------------------------------------------------- the data of the models


@dataclass
class _Design:
    """The modelled rows as statsmodels needs them, and what is needed to rebuild the design for new values."""

    X: pd.DataFrame                 # every design column (intercept, main effects, interactions)
    y: np.ndarray                   # outcome 0/1
    groups: np.ndarray              # scope codes (clusters)
    n_groups: int
    info: patsy.DesignInfo
    data: pd.DataFrame              # prepared data (safe column names, merit centred) the design was built from
    names: dict[str, str]           # safe name → original column name
    centers: dict[str, float]       # safe numeric merit column → its mean
    competency: tuple[str, ...]     # safe names
    kinerja: tuple[str, ...]
    interactions: list[str]         # design columns that are competency × kinerja products

    def label(self, column: str) -> str:
        """The design column with original column names (patsy style, e.g. `C(level_awal)[T.Pengawas]`)."""
        parts = re.split(r"(\[[^\]]*\])", column)
        return "".join(p if p.startswith("[") else re.sub(r"[A-Za-z_]\w*", lambda m: self.names.get(m.group(0), m.group(0)), p)
                       for p in parts)

    def reference(self, column: str) -> str:
        """The baseline level of a categorical column (original name), '' for a numeric one."""
        safe = {v: k for k, v in self.names.items()}.get(column, column)
        values = self.data.get(safe)
        return str(values.cat.categories[0]) if values is not None and isinstance(values.dtype, pd.CategoricalDtype) else ""

    def main_columns(self) -> list[str]:
        """Design columns without the interaction products."""
        return [c for c in self.X.columns if c not in self.interactions]


def _role_columns(roles: Roles) -> dict[str, list[str]]:
    """Role → the frame columns the models read."""
    return {"outcome": [roles.outcome], "competency": list(roles.competency), "kinerja": list(roles.kinerja),
            "controls": list(roles.controls), "scope": [roles.scope] if roles.scope else []}


def _check_columns(frame: pd.DataFrame, roles: Roles) -> None:
    """Every declared column must exist; competency and kinerja must both be declared."""
    if not roles.competency or not roles.kinerja:
        raise ValueError("model memerlukan paling sedikit satu ukuran kompetensi dan satu ukuran kinerja "
                         "(roles need at least one competency and one kinerja measure)")
    wanted = [c for cols in _role_columns(roles).values() for c in cols] + ([roles.at_risk] if roles.at_risk else [])
    absent = [c for c in dict.fromkeys(wanted) if c not in frame.columns]
    if absent:
        raise ValueError(f"kolom tidak ada di data: {', '.join(absent)} (columns not in the frame)")
    if not frame.index.is_unique:
        raise ValueError("indeks frame harus unik (the frame's index must be unique)")


def _outcome(values: pd.Series) -> pd.Series:
    """The outcome as 0.0/1.0 (NaN where missing); anything else than true/false or 0/1 is an error."""
    if isinstance(values.dtype, pd.CategoricalDtype) or not (pd.api.types.is_bool_dtype(values)
                                                             or pd.api.types.is_numeric_dtype(values)):
        values = values.astype("object").map({True: 1.0, False: 0.0, "True": 1.0, "False": 0.0, "1": 1.0, "0": 0.0},
                                             na_action="ignore")
    out = pd.to_numeric(values.astype("Float64"), errors="coerce").astype(float)
    if not out.dropna().isin([0.0, 1.0]).all():
        raise ValueError("outcome harus 0/1 atau true/false (the outcome must be 0/1 or true/false)")
    return out


def _at_risk(frame: pd.DataFrame, roles: Roles) -> pd.Series:
    """Who could have had the outcome: the `at_risk` column, or every row when none is declared."""
    if roles.at_risk:
        return frame[roles.at_risk].astype("boolean").fillna(False).astype(bool)
    return pd.Series(True, index=frame.index)


def missing_by_role(frame: pd.DataFrame, roles: Roles, rows: pd.Series) -> pd.DataFrame:
    """For each role and column: how many of `rows` lack a value (role, column, n_missing)."""
    out = []
    for role, cols in _role_columns(roles).items():
        for c in cols:
            values = _outcome(frame.loc[rows, c]) if role == "outcome" else frame.loc[rows, c]
            out.append({"role": role, "column": c, "n_missing": int(values.isna().sum())})
    return pd.DataFrame(out, columns=["role", "column", "n_missing"])


def _empty(dtypes: dict[str, str]) -> pd.DataFrame:
    """A table without rows whose columns have the given dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in dtypes.items()})


# --------------------------------------------------------------------------- which rows and controls are modelled


def _omit_empty_controls(frame: pd.DataFrame, roles: Roles, at_risk: pd.Series) -> tuple[Roles, list[Note]]:
    """Leave out each control empty for more than `MAX_MISSING_CONTROL` of the at-risk rows (all of them, or most),
    so that it does not take those rows out of the model. Merit measures, outcome and scope are never left out."""
    n_at_risk = int(at_risk.sum())
    if not n_at_risk:
        return roles, []
    kept, notes = [], []
    protected = {*roles.merit, roles.outcome, roles.scope}
    for c in roles.controls:
        n_missing = int(frame.loc[at_risk, c].isna().sum())
        if c in protected or n_missing <= MAX_MISSING_CONTROL * n_at_risk:
            kept.append(c)
        elif n_missing == n_at_risk:
            notes.append(Note("control_absent", {"column": c}))
        else:
            notes.append(Note("control_sparse", {"column": c, "n_missing": n_missing, "n_at_risk": n_at_risk,
                                                 "pct": n_missing / n_at_risk, "max_pct": MAX_MISSING_CONTROL}))
    return roles.with_(controls=tuple(kept)), notes


def _is_category(values: pd.Series, roles: Roles, column: str) -> bool:
    """Whether a column enters the model as categories (declared so, or not numeric), as `_prepare` decides."""
    is_number = (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)) \
        and not isinstance(values.dtype, pd.CategoricalDtype)
    return column in roles.categorical or not is_number


def _level_text(values: pd.Series, category: bool) -> pd.Series | None:
    """Each row's level as text, for a column whose levels can each be perfectly predicted: a categorical one, or a
    numeric one with two values (a 0/1 indicator); None for a measured numeric column."""
    if category:
        return values.astype("object").map(str).astype("str")
    if values.nunique() > 2:
        return None
    return values.astype(float).map(lambda v: f"{v:g}").astype("str")


def _reference_level(values: pd.Series, roles: Roles, column: str) -> str | None:
    """The reference level a categorical column would have on these rows (None for a numeric column)."""
    if not _is_category(values, roles, column) or values.empty:
        return None
    return str(_categorical(values, roles.reference.get(column)).categories[0])


def _pure_levels(levels: pd.Series, y: pd.Series) -> pd.DataFrame:
    """Levels in which nobody or everybody was promoted: level → n, k (promoted)."""
    counts = y.groupby(levels.to_numpy(), sort=True).agg(n="size", k="sum").astype("int64")
    return counts[(counts["k"] == 0) | (counts["k"] == counts["n"])]


def _drop_level_rows(frame: pd.DataFrame, roles: Roles, column: str, rows: pd.Index, y: pd.Series
                     ) -> tuple[pd.Index, list[Note]]:
    """The rows left once the perfectly predicted levels of one control are taken out, and a note per level left out
    (plus one when the reference level moves)."""
    values = frame.loc[rows, column]
    levels = _level_text(values, _is_category(values, roles, column))
    if levels is None:
        return rows, []
    pure = _pure_levels(levels, y.loc[rows])
    if pure.empty:
        return rows, []
    notes = [Note("level_predicted", {"column": column, "level": str(level), "k": int(r.k), "n": int(r.n)})
             for level, r in pure.iterrows()]
    old = _reference_level(values, roles, column)
    rows = rows[~levels.isin(pure.index).to_numpy()]
    new = _reference_level(frame.loc[rows, column], roles, column)
    if old is not None and new is not None and old != new:
        notes.append(Note("reference_moved", {"column": column, "old": old, "new": new}))
    return rows, notes


def _drop_perfect_prediction(frame: pd.DataFrame, roles: Roles, rows: pd.Index, y: pd.Series
                             ) -> tuple[pd.Index, Roles, list[Note]]:
    """Stata-style handling of quasi-complete separation by a control, repeated until nothing changes.

    A control level with no promotion (or only promotions) leaves the model with its rows; a control left with one
    value leaves the model. Merit measures are never touched: separation by them is a finding (→ ridge)."""
    controls, notes = list(roles.controls), []
    changed = True
    while changed and len(rows):
        changed = False
        for c in list(controls):
            if c in roles.merit:
                continue
            if frame.loc[rows, c].nunique() < 2:
                controls.remove(c)
                notes.append(Note("constant", {"columns": c}))
                changed = True
                continue
            kept, found = _drop_level_rows(frame, roles, c, rows, y)
            if found:
                rows, notes, changed = kept, notes + found, True
                break          # recount every control on the rows left
    return rows, roles.with_(controls=tuple(controls)), notes


def _safe_names(columns: list[str]) -> dict[str, str]:
    """Original → formula-safe name (identifiers stay as they are; others get `_` for each odd character)."""
    reserved = {"C", "I", "Q", "np", "center", "standardize", "scale", "_y"}
    out: dict[str, str] = {}
    for c in columns:
        name = c if c.isidentifier() and c not in reserved else "v_" + re.sub(r"\W", "_", c)
        while name in out.values():
            name += "_"
        out[c] = name
    return out


def _categorical(values: pd.Series, reference: str | None) -> pd.Categorical:
    """A categorical column, its reference (or first) level first, unused levels removed."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        cats = [c for c in values.cat.categories if c in set(values.dropna())]
        return pd.Categorical(values, categories=cats)
    txt = values.astype("object").where(values.notna()).map(str, na_action="ignore")
    levels = sorted(txt.dropna().unique().tolist())
    if reference in levels:
        levels = [reference] + [v for v in levels if v != reference]
    return pd.Categorical(txt.to_numpy(object), categories=levels)


def _prepare(frame: pd.DataFrame, roles: Roles, rows: pd.Index) -> tuple[pd.DataFrame, Roles, dict[str, str]]:
    """The modelled rows under formula-safe names: outcome `_y` 0/1, numbers as float, categories (reference first).

    Returns the data, the roles under the safe names, and original → safe names. A non-numeric column is categorical
    even when the roles do not say so."""
    cols = list(dict.fromkeys(roles.merit + roles.controls))
    names = _safe_names(cols)
    data = pd.DataFrame({"_y": _outcome(frame.loc[rows, roles.outcome])}, index=rows)
    categorical = []
    for c in cols:
        s = frame.loc[rows, c]
        is_number = (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)) \
            and not isinstance(s.dtype, pd.CategoricalDtype)
        if c in roles.categorical or not is_number:
            data[names[c]] = _categorical(s, roles.reference.get(c))
            categorical.append(names[c])
        else:
            data[names[c]] = s.astype(float)
    safe = roles.with_(competency=tuple(names[c] for c in roles.competency), kinerja=tuple(names[c] for c in roles.kinerja),
                       controls=tuple(names[c] for c in roles.controls), categorical=tuple(categorical))
    return data, safe, names


def _design(frame: pd.DataFrame, roles: Roles, rows: pd.Index) -> tuple[_Design, list[Note]]:
    """Build the design of every model once: centred merit, main effects and controls, competency × kinerja products."""
    data, safe, names = _prepare(frame, roles, rows)
    categorical = safe.categorical
    centers = {c: float(data[c].mean()) for c in safe.merit if c not in categorical}
    for c, mean in centers.items():
        data[c] = data[c] - mean
    products = [f"{a}:{b}" for a in safe.terms(safe.competency) for b in safe.terms(safe.kinerja)]
    X = patsy.dmatrix(" + ".join(safe.terms() + products), data, NA_action="raise", return_type="dataframe")
    info = X.design_info
    interactions = [c for term, sl in info.term_slices.items() if len(term.factors) > 1 for c in info.column_names[sl]]
    groups, uniques = pd.factorize(frame.loc[rows, roles.scope]) if roles.scope else (np.zeros(len(rows), int), [0])
    d = _Design(X=X, y=data["_y"].to_numpy(float), groups=np.asarray(groups), n_groups=len(uniques), info=info, data=data,
                names={v: k for k, v in names.items()}, centers=centers, competency=safe.competency, kinerja=safe.kinerja,
                interactions=interactions)
    constant = [c for c in X.columns if c != INTERCEPT and np.ptp(X[c].to_numpy()) == 0]
    notes = []
    if constant:
        d.X = X.drop(columns=constant)
        d.interactions = [c for c in interactions if c not in constant]
        notes.append(Note("constant", {"columns": ", ".join(d.label(c) for c in constant)}))
    if centers:
        notes.append(Note("centered", {"means": [(d.names[c], m) for c, m in centers.items()]}))
    return d, notes


# --------------------------------------------------------------------------- one fitted model


@dataclass
class ModelResult:
    """One fitted model: tidy table, average marginal effects, AUC, calibration, EPV and each person's probability."""

    name: str
    method: str
    n: int
    n_events: int
    epv: float
    tidy: pd.DataFrame                  # term, odds_ratio, ci_low, ci_high, p_value
    auc: float
    calibration: pd.DataFrame           # decile, n, predicted, events, observed, ci_low, ci_high, suppressed
    predicted: pd.Series                # probability per modelled person, indexed like the frame
    params: pd.Series                   # log odds by design column
    result: object = field(default=None, repr=False)   # the statsmodels results object
    ame: Callable[[], pd.DataFrame] | None = field(default=None, repr=False)

    @cached_property
    def marginal_effects(self) -> pd.DataFrame:
        """Average marginal effects (term, ame, se, ci_low, ci_high, p_value), computed on first use (costly at 1M rows)."""
        if self.ame is None:
            return _empty(AME_DTYPES)
        return self.ame()

    @property
    def columns(self) -> list[str]:
        """The design columns of this model."""
        return list(self.params.index)

    def __repr__(self) -> str:
        return (f"<ModelResult {self.name} ({self.method}): n={self.n}, events={self.n_events}, EPV={self.epv:.1f}, "
                f"AUC={self.auc:.3f}>")


def auc(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the ROC curve: the Mann–Whitney U of the predictions of the promoted vs the others, scaled to 0–1."""
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    return float(mannwhitneyu(pos, neg, method="asymptotic").statistic / (len(pos) * len(neg)))


def calibration_table(y: np.ndarray, p: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Deciles of the predicted probability: mean prediction vs share promoted with its Wilson 95% CI (< 5 persons hidden)."""
    q = pd.qcut(p, bins, labels=False, duplicates="drop")
    g = pd.DataFrame({"decile": q + 1, "y": y, "p": p}).groupby("decile").agg(
        n=("y", "size"), predicted=("p", "mean"), events=("y", "sum"))
    g["observed"] = g["events"] / g["n"]
    g["ci_low"], g["ci_high"] = wilson(g["events"], g["n"])
    g["suppressed"] = g["n"] < MIN_CELL
    g.loc[g["suppressed"], ["events", "observed", "ci_low", "ci_high"]] = np.nan
    return g.reset_index()[list(CALIBRATION_DTYPES)].astype(CALIBRATION_DTYPES)


def _scale(X: pd.DataFrame) -> np.ndarray:
    """Per column: 2 SD for a measured variable, 1 for a 0/1 column and the intercept (Gelman's scaling)."""
    a = X.to_numpy()
    binary = ((a == 0) | (a == 1)).all(axis=0)
    return np.where(binary, 1.0, 2 * a.std(axis=0))


def _tidy(d: _Design, params: pd.Series, ci: pd.DataFrame | None, p: pd.Series | None) -> pd.DataFrame:
    """term, odds ratio, its 95% CI and p (CI and p empty when not given)."""
    nan = np.full(len(params), np.nan)
    return pd.DataFrame({"term": [d.label(c) for c in params.index], "odds_ratio": np.exp(params.to_numpy()),
                         "ci_low": np.exp(ci.iloc[:, 0].to_numpy()) if ci is not None else nan,
                         "ci_high": np.exp(ci.iloc[:, 1].to_numpy()) if ci is not None else nan,
                         "p_value": p.to_numpy() if p is not None else nan})


def _margeff(d: _Design, res: object) -> pd.DataFrame:
    """Average marginal effects with delta-method CIs (statsmodels get_margeff; discrete change for 0/1 columns)."""
    m = res.get_margeff(at="overall", method="dydx", dummy=True).summary_frame()  # type: ignore[attr-defined]
    m.columns = ["ame", "se", "z", "p_value", "ci_low", "ci_high"]
    m.insert(0, "term", [d.label(c) for c in m.index])
    return m[["term", "ame", "se", "ci_low", "ci_high", "p_value"]].reset_index(drop=True)


def _margeff_by_derivative(d: _Design, params: pd.Series, X: pd.DataFrame, p: np.ndarray) -> pd.DataFrame:
    """Average marginal effect of each numeric merit measure: mean of p(1−p)·∂η/∂x, interaction terms included (no CI)."""
    terms, ames = [], []
    weight = p * (1 - p)
    for m in d.competency + d.kinerja:
        if m not in params.index:
            continue
        deta = np.full(len(X), params[m])
        for col in params.index:
            parts = col.split(":")
            if len(parts) == 2 and m in parts:
                other = parts[1] if parts[0] == m else parts[0]
                deta = deta + params[col] * X[other].to_numpy()
        terms.append(d.label(m))
        ames.append(float(np.mean(weight * deta)))
    nan = np.full(len(terms), np.nan)
    return pd.DataFrame({"term": pd.Series(terms, dtype="str"), "ame": np.asarray(ames, float), "se": nan,
                         "ci_low": nan, "ci_high": nan, "p_value": nan})


def _result(name: str, method: str, d: _Design, X: pd.DataFrame, params: pd.Series, p: np.ndarray, tidy: pd.DataFrame,
            ame: Callable[[], pd.DataFrame], res: object) -> ModelResult:
    """Assemble a ModelResult from the fitted parameters and predictions."""
    events = int(d.y.sum())
    k = max(X.shape[1] - 1, 1)
    return ModelResult(name=name, method=method, n=len(d.y), n_events=events, epv=min(events, len(d.y) - events) / k,
                       tidy=tidy, auc=auc(d.y, p), calibration=calibration_table(d.y, p),
                       predicted=pd.Series(p, index=d.X.index, name=name), params=params, result=res, ame=ame)


def _separated(d: _Design, X: pd.DataFrame) -> list[Note]:
    """0/1 columns (categories) in which everyone or no one was promoted: quasi-complete separation."""
    a = X.drop(columns=[INTERCEPT], errors="ignore")
    binary = [c for c in a.columns if np.isin(a[c].to_numpy(), (0.0, 1.0)).all()]
    found = []
    for c in binary:
        x = a[c].to_numpy()
        for value, label in ((1.0, d.label(c)), (0.0, "non " + d.label(c))):
            sel = x == value
            n, k = int(sel.sum()), int(d.y[sel].sum())
            if n and k in (0, n):
                found.append(Note("sep_group", {"term": label, "k": k, "n": n}))
    return found


def _absurd(d: _Design, X: pd.DataFrame, res: object, caught: list) -> Note | None:
    """A fit that did not converge, predicted perfectly, or has an absurd coefficient (huge and without precision):
    separation. The SE is the model-based one: a cluster-robust SE can stay small as the estimate runs away."""
    params = res.params  # type: ignore[attr-defined]
    scale = _scale(X)
    se = np.sqrt(np.abs(np.diag(np.asarray(res.normalized_cov_params))))  # type: ignore[attr-defined]
    big = (np.abs(params.to_numpy() * scale) > ABSURD_LOG_OR) & ~(se * scale <= ABSURD_SE)
    big[list(X.columns).index(INTERCEPT)] = False
    perfect = any(issubclass(w.category, PerfectSeparationWarning) for w in caught)
    converged = res.mle_retvals.get("converged", True)  # type: ignore[attr-defined]
    if not (big.any() or perfect or not converged or not np.isfinite(params).all()):
        return None
    terms = ", ".join(d.label(c) for c in X.columns[big]) or "—"
    return Note("sep_fit", {"terms": terms})


def _fit_ridge(name: str, d: _Design, cols: list[str], reason: Note) -> tuple[ModelResult, list[Note]]:
    """Ridge-penalized logistic regression (statsmodels GLM fit_regularized); no CI, no p."""
    X = d.X[cols]
    scale = _scale(X)
    Xs = X / scale
    alpha = np.where(Xs.columns == INTERCEPT, 0.0, 1 / (len(d.y) * RIDGE_PRIOR_SD ** 2))
    model = sm.GLM(d.y, Xs, family=sm.families.Binomial())
    fit = model.fit_regularized(method="elastic_net", alpha=alpha, L1_wt=0.0)
    params = pd.Series(np.asarray(fit.params) / scale, index=cols)
    p = model.predict(np.asarray(fit.params))
    ame = lambda: _margeff_by_derivative(d, params, X, p)  # noqa: E731
    tidy = _tidy(d, params, None, None)
    notes = [reason, Note("ame_analytic", {"model": name})]
    still = (np.abs(params.to_numpy() * scale) > RIDGE_UNESTIMABLE) & (X.columns != INTERCEPT)
    if still.any():   # the penalty did not tame it: the data separate on this term, only its sign is known
        tidy.loc[still, "odds_ratio"] = np.nan
        direction = [Note("dir_up" if params[c] > 0 else "dir_down", {"term": d.label(c)}) for c in X.columns[still]]
        notes.append(Note("not_estimable", {"model": name, "terms": ", ".join(d.label(c) for c in X.columns[still]),
                                            "direction": direction}))
    return _result(name, "ridge", d, X, params, p, tidy, ame, fit), notes


def _fit_logit(name: str, d: _Design, cols: list[str], start: pd.Series | None = None) -> tuple[ModelResult, list[Note]]:
    """Logistic regression with cluster-robust SEs; a ridge fallback on too few events, separation or collinearity."""
    X = d.X[cols]
    events = int(d.y.sum())
    k = max(len(cols) - 1, 1)
    epv = min(events, len(d.y) - events) / k
    if epv < MIN_EPV:
        return _fit_ridge(name, d, cols, Note("low_epv", {"model": name, "n_events": min(events, len(d.y) - events), "k": k,
                                                          "epv": epv, "min_epv": int(MIN_EPV)}))
    groups = _separated(d, X)
    if groups:
        return _fit_ridge(name, d, cols, Note("separation", {"model": name, "detail": groups}))
    if np.linalg.matrix_rank(X.to_numpy()) < X.shape[1]:
        return _fit_ridge(name, d, cols, Note("collinear", {"model": name}))
    if d.n_groups >= 2:
        method, kw = "logit_cluster", {"cov_type": "cluster", "cov_kwds": {"groups": d.groups}, "use_t": True}
    else:
        method, kw = "logit_hc1", {"cov_type": "HC1"}
    start_params = start.reindex(cols).fillna(0.0).to_numpy() if start is not None else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = sm.Logit(d.y, X).fit(disp=0, maxiter=100, start_params=start_params, **kw)
        except (PerfectSeparationError, np.linalg.LinAlgError):
            return _fit_ridge(name, d, cols, Note("separation", {"model": name, "detail": Note("sep_fit", {"terms": "—"})}))
    bad = _absurd(d, X, res, caught)
    if bad is not None:
        return _fit_ridge(name, d, cols, Note("separation", {"model": name, "detail": bad}))
    p = np.asarray(res.predict())
    interactions = [c for c in cols if c in d.interactions]
    if interactions:
        ame, notes = (lambda: _margeff_by_derivative(d, res.params, X, p)), [Note("ame_analytic", {"model": name})]
    else:
        ame, notes = (lambda: _margeff(d, res)), []
    tidy = _tidy(d, res.params, res.conf_int(), res.pvalues)
    return _result(name, method, d, X, res.params, p, tidy, ame, res), notes


class NonNegativeExchangeable(Exchangeable):
    """statsmodels' exchangeable working correlation, floored at 0 (a negative one is not valid in large clusters)."""

    floored = False

    def update(self, params: np.ndarray) -> None:
        """Estimate the correlation as statsmodels does, then floor it at 0."""
        super().update(params)
        self.floored = self.dep_params < 0
        self.dep_params = max(self.dep_params, 0.0)


def _fit_gee(d: _Design, cols: list[str], start: pd.Series, scope: str) -> tuple[ModelResult | None, list[Note]]:
    """GEE with exchangeable correlation within scope, started from the logit estimates."""
    if d.n_groups < MIN_CLUSTERS_GEE:
        reason = Note("gee_clusters", {"g": d.n_groups, "scope": scope, "min": MIN_CLUSTERS_GEE})
        return None, [Note("gee_skipped", {"reason": reason})]
    X = d.X[cols]
    cov = NonNegativeExchangeable()
    model = sm.GEE(d.y, X, groups=d.groups, family=sm.families.Binomial(), cov_struct=cov)
    largest = int(np.bincount(d.groups).max())
    cov_type = "bias_reduced" if largest <= MAX_BIAS_REDUCED else "robust"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = model.fit(start_params=start.reindex(cols).to_numpy(), ctol=1e-6 * max(len(d.y), 1), cov_type=cov_type)
    failed = [str(w.message) for w in caught if issubclass(w.category, ConvergenceWarning | IterationLimitWarning)]
    if res is not None and not np.isfinite(res.params).all():
        failed.append("non-finite estimates")
    if res is None or failed:
        reason = Note("gee_failed", {"detail": "; ".join(failed) or "—"})
        return None, [Note("gee_skipped", {"reason": reason})]
    p = np.asarray(res.predict())
    tidy = _tidy(d, res.params, res.conf_int(), res.pvalues)
    out = _result("gee", "gee_exchangeable", d, X, res.params, p, tidy, lambda: _margeff(d, res), res)
    floored = Note("gee_floored") if cov.floored else ""
    se = Note("gee_bias_reduced") if cov_type == "bias_reduced" else Note("gee_robust", {"k": largest})
    return out, [Note("gee_rho", {"scope": scope, "rho": float(cov.dep_params), "floored": floored, "cov": se})]


# --------------------------------------------------------------------------- all models together


@dataclass
class ReadinessModels:
    """The readiness models of one analysis frame, presented as statsmodels results are: tables, notes, a summary."""

    roles: Roles
    lang: str
    models: dict[str, ModelResult]
    sample: dict[str, int]
    missing: pd.DataFrame               # role, column, n_missing among the at-risk rows
    index: pd.Index                     # the frame's index
    note_list: list[Note] = field(default_factory=list)
    design: _Design | None = field(default=None, repr=False)

    def __getitem__(self, name: str) -> ModelResult:
        return self.models[name]

    @property
    def notes(self) -> list[str]:
        """Plain-language messages about the data and the fits, in the object's language."""
        return self.notes_in(self.lang)

    def notes_in(self, lang: str) -> list[str]:
        """The notes in `lang` (id or en)."""
        return [n.render(lang) for n in self.note_list]

    @property
    def coefficients(self) -> pd.DataFrame:
        """The DESIGN §6 `model_coefficients` table over all models (plus method, n_events, epv)."""
        parts = [m.tidy.assign(model=name, n=m.n, auc=m.auc, method=m.method, n_events=m.n_events, epv=m.epv)
                 for name, m in self.models.items()]
        cols = list(COEF_COLUMNS + EXTRA_COLUMNS)
        return pd.concat(parts, ignore_index=True)[cols].astype(COEF_DTYPES) if parts else _empty(COEF_DTYPES)

    @property
    def marginal_effects(self) -> pd.DataFrame:
        """Average marginal effects (probability scale) of every model."""
        parts = [m.marginal_effects.assign(model=name) for name, m in self.models.items()]
        dtypes = {"model": "str", **AME_DTYPES}
        return pd.concat(parts, ignore_index=True)[list(dtypes)].astype(dtypes) if parts else _empty(dtypes)

    @property
    def calibration(self) -> pd.DataFrame:
        """Calibration deciles of every model."""
        parts = [m.calibration.assign(model=name) for name, m in self.models.items()]
        return pd.concat(parts, ignore_index=True) if parts else _empty({**CALIBRATION_DTYPES, "model": "str"})

    @property
    def predictions(self) -> pd.DataFrame:
        """Each person's predicted probability per model, indexed like the frame (NaN where not modelled)."""
        out = pd.DataFrame(np.nan, index=self.index, columns=list(self.models))
        for name, m in self.models.items():
            out.loc[m.predicted.index, name] = m.predicted.to_numpy()
        return out

    @property
    def interaction(self) -> pd.DataFrame:
        """The competency × kinerja rows of the interaction model (odds ratio, CI, p)."""
        m = self.models.get("logit_interaksi")
        if m is None or self.design is None:
            return _empty(TERM_DTYPES)
        labels = {self.design.label(c) for c in self.design.interactions}
        return m.tidy[m.tidy["term"].isin(labels)].reset_index(drop=True)

    def summary(self, lang: str | None = None) -> str:
        """A text summary: the sample, each model's table with n, events, EPV and AUC, and the notes."""
        lang = lang or self.lang
        w = {k: v[lang] for k, v in _WORDS.items()}
        r = self.roles
        lines = [f"{w['title']}: {r.outcome} ~ {', '.join(r.merit)} | {w['controls']}: {', '.join(r.controls) or '—'}", ""]
        if not self.models:
            lines.append(w["none"])
        for name, m in self.models.items():
            method = text.MODEL_METHODS[m.method][lang].format(scope=r.scope)
            lines.append(f"[{name}] {method} — {w['n']} {text.number(m.n, lang, 0)}, {w['events']} "
                         f"{text.number(m.n_events, lang, 0)}, EPV {text.number(m.epv, lang, 1)}, "
                         f"AUC {text.number(m.auc, lang, 3)}")
            lines.append(_table_text(m.tidy, lang, w["ci"]))
            lines.append("")
        lines.append(w["notes"] + ":")
        lines += [f"- {n}" for n in self.notes_in(lang)]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()

    def reading(self, lang: str | None = None, model: str = "logit") -> list[str]:
        """A plain-language reading of the main model: each merit measure, the interaction, AUC, calibration, and limits."""
        lang = lang or self.lang
        out = []
        m = self.models.get(model)
        if m is not None:
            out += [n.render(lang) for n in _merit_readings(m, self.roles, self.design)]  # type: ignore[arg-type]
            out += [n.render(lang) for n in self.note_list if n.key.startswith("interaction")]
            ok = int(((m.calibration["ci_low"] <= m.calibration["predicted"])
                      & (m.calibration["predicted"] <= m.calibration["ci_high"])).sum())
            out.append(Note("read_auc", {"auc": m.auc, "pct": m.auc}).render(lang))
            out.append(Note("read_calibration", {"ok": ok, "m": len(m.calibration)}).render(lang))
        out += [Note("read_not_cause").render(lang), Note("read_not_person").render(lang)]
        return out

    def probability_curves(self, model: str = "logit_interaksi", points: int = 25) -> pd.DataFrame:
        """Average predicted probability over the modelled persons when everyone's first competency measure is set to
        each of `points` values, for each level of the first kinerja measure (the other columns kept as they are)."""
        d = self.design
        if d is None or model not in self.models:
            raise ValueError(f"model '{model}' tidak diestimasi (not estimated)")
        comp, kin = d.competency[0], d.kinerja[0]
        if comp not in d.centers:
            raise ValueError(f"{d.names[comp]} bukan ukuran numerik (not numeric)")
        base = d.data.sample(min(CURVE_SAMPLE, len(d.data)), random_state=0)
        grid = np.linspace(float(d.data[comp].min()), float(d.data[comp].max()), points) + d.centers[comp]
        levels = _levels(d, kin)
        stacked = []
        for level in levels:
            for value in grid:
                part = base.copy()
                part[comp] = value - d.centers[comp]
                part[kin] = level - d.centers[kin] if kin in d.centers else pd.Categorical([level] * len(part),
                                                                                           categories=base[kin].cat.categories)
                stacked.append(part)
        big = pd.concat(stacked, ignore_index=True)
        X = pd.DataFrame(patsy.build_design_matrices([d.info], big, NA_action="raise")[0], columns=d.info.column_names)
        m = self.models[model]
        p = expit(X[m.columns].to_numpy() @ m.params.to_numpy())
        out = pd.DataFrame({"competency": np.tile(np.repeat(grid, len(base)), len(levels)),
                            "kinerja": np.repeat(levels, len(grid) * len(base)), "probability": p})
        out = out.groupby(["kinerja", "competency"], as_index=False, sort=False)["probability"].mean()
        out.attrs.update({"competency": d.names[comp], "kinerja": d.names[kin], "model": model})
        return out

    def to_csv(self, folder: Path | str, lang: str | None = None) -> dict[str, Path]:
        """Write the aggregate tables (no person-level data): coefficients, marginal effects, calibration, missing, summary."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = {"coefficients": folder / "model_coefficients.csv", "marginal_effects": folder / "model_marginal_effects.csv",
                 "calibration": folder / "model_calibration.csv", "missing": folder / "model_missing.csv",
                 "summary": folder / "model_summary.txt"}
        self.coefficients.to_csv(paths["coefficients"], index=False)
        self.marginal_effects.to_csv(paths["marginal_effects"], index=False)
        self.calibration.to_csv(paths["calibration"], index=False)
        self.missing.to_csv(paths["missing"], index=False)
        paths["summary"].write_text(self.summary(lang) + "\n", encoding="utf-8")
        return paths


def _levels(d: _Design, kin: str) -> list:
    """Levels of a kinerja measure to draw: its values when there are at most 5, else the 10th, 50th and 90th percentiles."""
    if kin not in d.centers:
        return list(d.data[kin].cat.categories)
    values = np.sort((d.data[kin] + d.centers[kin]).unique())
    return [float(v) for v in values] if len(values) <= 5 else [float(v) for v in np.quantile(values, [0.1, 0.5, 0.9])]


def _table_text(tidy: pd.DataFrame, lang: str, ci_word: str) -> str:
    """The tidy table as aligned text (OR, CI, p)."""
    t = pd.DataFrame({"term": tidy["term"], "OR": [text.number(v, lang, 3) for v in tidy["odds_ratio"]],
                      ci_word: [f"{text.number(a, lang, 3)} – {text.number(b, lang, 3)}" if a == a else "–"
                                for a, b in zip(tidy["ci_low"], tidy["ci_high"])],
                      "p": [text.p_value(v, lang) for v in tidy["p_value"]]})
    return t.to_string(index=False)


def split_term(term: str) -> tuple[str, str | None]:
    """(column, level) of a displayed term: `C(x)[T.a]` → (x, a), `x` → (x, None)."""
    m = re.fullmatch(r"C\((.+?)\)\[T\.(.*)\]", term)
    return (m.group(1), m.group(2)) if m else (term, None)


def _unit(d: _Design, term: str) -> Note:
    """What one step of a term means: one unit higher, or a level against the reference level."""
    column, level = split_term(term)
    return Note("unit_level", {"level": level, "reference": d.reference(column)}) if level is not None else Note("unit_number")


def _merit_readings(m: ModelResult, roles: Roles, d: _Design) -> list[Note]:
    """One reading per competency or kinerja term of a model."""
    merit = set(roles.merit)
    ame = dict(zip(m.marginal_effects["term"], m.marginal_effects["ame"]))
    controls = ", ".join(roles.controls) or "—"
    out = []
    for row in m.tidy.itertuples():
        column = split_term(row.term)[0]
        if column not in merit or ":" in row.term:
            continue
        fields = {"measure": column, "unit": _unit(d, row.term), "or_": row.odds_ratio, "lo": row.ci_low,
                  "hi": row.ci_high, "controls": controls, "ame": float(ame.get(row.term, np.nan))}
        key = ("read_penalized" if m.method == "ridge" else "read_up" if row.ci_low > 1
               else "read_down" if row.ci_high < 1 else "read_null")
        out.append(Note(key, fields))
    return out


def _interaction_notes(models: dict[str, ModelResult], d: _Design) -> list[Note]:
    """One note per competency × kinerja term of the interaction model: its OR, CI, p and what it means."""
    m = models.get("logit_interaksi")
    if m is None:
        return []
    labels = {d.label(c) for c in d.interactions}
    out = []
    for row in m.tidy[m.tidy["term"].isin(labels)].itertuples():
        if m.method == "ridge":
            out.append(Note("interaction_penalized", {"term": row.term, "or_": row.odds_ratio}))
            continue
        comp, kin_term = (split_term(t) for t in row.term.split(":", 1))
        kin, level = kin_term
        where = (Note("where_level", {"kin": kin, "level": level, "reference": d.reference(kin)}) if level is not None
                 else Note("where_higher", {"kin": kin}))
        key = "interaction_up" if row.ci_low > 1 else "interaction_down" if row.ci_high < 1 else "interaction_none"
        out.append(Note("interaction", {"term": row.term, "or_": row.odds_ratio, "lo": row.ci_low, "hi": row.ci_high,
                                        "p": row.p_value, "verdict": Note(key, {"comp": comp[0], "where": where})}))
    return out


def _sample_notes(missing: pd.DataFrame, roles: Roles, n_at_risk: int, n_complete: int, n_model: int,
                  n_events: int) -> list[Note]:
    """Who is modelled, and how many at-risk rows the missing values of the modelled columns leave out."""
    notes = [Note("sample", {"n_model": n_model, "n_at_risk": n_at_risk, "n_events": n_events})]
    if n_complete < n_at_risk:
        used = {c for cols in _role_columns(roles).values() for c in cols}
        gaps = missing[(missing["n_missing"] > 0) & missing["column"].isin(used)]
        detail = [(r.column, int(r.n_missing)) for r in gaps.drop_duplicates("column").itertuples()]
        notes.append(Note("dropped", {"n_dropped": n_at_risk - n_complete, "detail": detail}))
    return notes


@dataclass
class _Sample:
    """The modelled rows and the roles they are modelled with, and why rows or controls were left out."""

    rows: pd.Index
    y: pd.Series                    # outcome 0/1 of `rows`
    roles: Roles                    # the declared roles less the controls left out
    n_complete: int                 # at-risk rows with every modelled column (before perfect prediction)
    notes: list[Note]               # controls and levels left out (in that order)


def _sample(frame: pd.DataFrame, roles: Roles, at_risk: pd.Series) -> _Sample:
    """The at-risk rows to model: controls empty for most left out, then complete cases, then the rows of control
    levels whose outcome is perfectly predicted left out (only when there are both outcomes to model)."""
    roles, notes = _omit_empty_controls(frame, roles, at_risk)
    needed = [c for cols in _role_columns(roles).values() for c in cols]
    complete = at_risk & frame[needed].notna().all(axis=1) & _outcome(frame[roles.outcome]).notna()
    rows = frame.index[complete.to_numpy()]
    y = _outcome(frame.loc[rows, roles.outcome])
    if y.nunique() == 2:
        rows, roles, found = _drop_perfect_prediction(frame, roles, rows, y)
        notes += found
    return _Sample(rows=rows, y=y.loc[rows], roles=roles, n_complete=int(complete.sum()), notes=notes)


def _empty_sample_note(s: _Sample) -> Note | None:
    """Why nothing can be modelled (no complete row, one outcome only, nothing left), or None."""
    if not s.n_complete:
        return Note("no_rows")
    if len(s.rows) == s.n_complete and s.y.nunique() < 2:
        return Note("no_events" if s.y.iloc[0] == 0 else "all_events", {"n": len(s.rows)})
    if not len(s.rows) or s.y.nunique() < 2:
        return Note("nothing_left", {"n": len(s.rows), "n_events": int(s.y.sum())})
    return None


def fit_readiness(frame: pd.DataFrame, roles: Roles = ASN, controls: list[str] | tuple[str, ...] | str | None = None,
                  lang: str = "id") -> ReadinessModels:
    """Fit `logit`, `logit_interaksi` and `gee` on the at-risk rows with complete data.

    Controls empty for most at-risk rows and control levels whose outcome is perfectly predicted are left out first
    (see the module docstring); `out.roles` holds the controls actually used. `controls` (a list, or a comma-separated
    text as on the command line) replaces the roles' controls."""
    if lang not in text.LANGS:
        raise ValueError(f"lang harus salah satu dari {', '.join(text.LANGS)}")
    if isinstance(controls, str):
        controls = [c.strip() for c in controls.split(",") if c.strip()]
    if controls is not None:
        roles = roles.with_(controls=tuple(controls))
    _check_columns(frame, roles)
    at_risk = _at_risk(frame, roles)
    missing = missing_by_role(frame, roles, at_risk)
    s = _sample(frame, roles, at_risk)
    roles, rows = s.roles, s.rows
    n_at_risk, n_events = int(at_risk.sum()), int(s.y.sum())
    out = ReadinessModels(roles=roles, lang=lang, models={}, missing=missing, index=frame.index,
                          sample={"n_frame": len(frame), "n_at_risk": n_at_risk, "n_complete": s.n_complete,
                                  "n_model": len(rows), "n_events": n_events})
    out.note_list += _sample_notes(missing, roles, n_at_risk, s.n_complete, len(rows), n_events) + s.notes
    empty = _empty_sample_note(s)
    if empty is not None:
        out.note_list.append(empty)
        return out
    d, notes = _design(frame, roles, rows)
    out.design, out.sample["n_groups"] = d, d.n_groups
    out.note_list += notes
    if d.n_groups < 2:
        out.note_list.append(Note("one_cluster", {"scope": roles.scope or "—"}))
    elif d.n_groups < MIN_CLUSTERS:
        out.note_list.append(Note("few_clusters", {"g": d.n_groups, "scope": roles.scope, "min": MIN_CLUSTERS,
                                                   "df": d.n_groups - 1}))
    logit, notes = _fit_logit("logit", d, d.main_columns())
    out.models["logit"] = logit
    out.note_list += notes
    start = logit.params if logit.method != "ridge" else None
    inter, notes = _fit_logit("logit_interaksi", d, list(d.X.columns), start)
    out.models["logit_interaksi"] = inter
    out.note_list += notes + _interaction_notes(out.models, d)
    if logit.method == "ridge":
        out.note_list.append(Note("gee_skipped", {"reason": Note("gee_penalized")}))
        return out
    gee, notes = _fit_gee(d, d.main_columns(), logit.params, roles.scope)
    if gee is not None:
        out.models["gee"] = gee
    out.note_list += notes
    return out


def readiness_list(frame: pd.DataFrame, models: ReadinessModels, model: str = "logit") -> pd.DataFrame:
    """PERSON-LEVEL: each at-risk person's id, name, scope, box, readiness, failed checks and predicted probability.

    Personal data: for BKD's talent-pool work only, never for an aggregate report."""
    roles = models.roles
    cols = [c for c in (roles.id, PERSON_COLUMNS[0], roles.scope, *PERSON_COLUMNS[1:]) if c and c in frame.columns]
    rows = _at_risk(frame, roles)
    out = frame.loc[rows, cols].copy()
    preds = models.predictions
    out["probabilitas"] = preds.loc[rows, model] if model in preds else np.nan
    if "kesiapan" in out:
        from merit_lib.analysis.talent import READINESS
        order = out["kesiapan"].map({k: i for i, k in enumerate(READINESS)}).fillna(len(READINESS))
        out = out.assign(_order=order).sort_values(["_order", "probabilitas"], ascending=[True, False], kind="stable")
        out = out.drop(columns="_order")
    else:
        out = out.sort_values("probabilitas", ascending=False, kind="stable")
    return out.reset_index(drop=True)
