"""The data of the readiness models: which at-risk rows and controls are modelled (and why others are not), and the
design matrix every model is built from."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import patsy

from merit_lib.analysis.model.notes import Note
from merit_lib.analysis.model.schema import INTERCEPT, MAX_MISSING_CONTROL
from merit_lib.domain.roles import Roles

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
    """Who could have had the outcome: the `at_risk` column (every row when none is declared), less those a named
    eligibility rule rules out (rules.ELIGIBILITY_RULES where the frame has them: a PPPK cannot hold a structural post),
    as the fairness audit's population."""
    from merit_lib.domain import rules as R

    rows = frame[roles.at_risk].astype("boolean").fillna(False).astype(bool) if roles.at_risk else \
        pd.Series(True, index=frame.index)
    for rule in R.ELIGIBILITY_RULES:
        if rule in frame:
            rows &= ~(frame[rule].astype("string") == R.FAIL).fillna(False).astype(bool)
    return rows


def missing_by_role(frame: pd.DataFrame, roles: Roles, rows: pd.Series) -> pd.DataFrame:
    """For each role and column: how many of `rows` lack a value (role, column, n_missing)."""
    out = []
    for role, cols in _role_columns(roles).items():
        for c in cols:
            values = _outcome(frame.loc[rows, c]) if role == "outcome" else frame.loc[rows, c]
            out.append({"role": role, "column": c, "n_missing": int(values.isna().sum())})
    return pd.DataFrame(out, columns=["role", "column", "n_missing"])



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
