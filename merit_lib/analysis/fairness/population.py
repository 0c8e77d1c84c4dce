"""Who the audit compares: the persons at risk, those a named eligibility rule puts outside, and the reference groups.

The audited rows are person-quarters (an evidence window of several quarters repeats a person once per quarter at
risk): the merit-adjusted models read them as they are (a discrete-time hazard), the raw comparisons read one row per
person (`persons`: promoted in any quarter of the window)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from merit_lib.domain import rules as R
from merit_lib.domain.roles import Roles


def check_columns(frame: pd.DataFrame, roles: Roles, attrs: list[str]) -> None:
    """Every column a role names must exist; the error names the missing ones."""
    wanted = [roles.outcome, roles.scope, *roles.merit, *roles.controls, *attrs,
              *[c for c in (roles.eligible, roles.qualified, roles.at_risk) if c]]
    missing = [c for c in dict.fromkeys(wanted) if c not in frame.columns]
    if missing:
        raise ValueError(f"kolom tidak ada di data (missing columns): {', '.join(missing)}")


def flag_series(s: pd.Series) -> pd.Series:
    """Any true/false column (bool, boolean, 0/1, bool[pyarrow]) as pandas nullable boolean."""
    return s.astype("boolean")


@dataclass
class Population:
    """The audited rows (`pop`: outcome `_y`, scope `_scope`, qualified `_q`, person `_id`, quarter `_t`, the attributes)
    and who was left out."""

    pop: pd.DataFrame
    n_at_risk: int                  # rows at risk by `roles.at_risk` with a known outcome (before the eligibility rules)
    n_promoted: int                 # … of which promoted
    n_persons: int = 0              # the persons of those rows (a person-quarter frame repeats them)
    outside: dict[str, dict[str, int]] = field(default_factory=dict)   # rule → {"n": …, "n_promoted": …}


def eligibility_rules(frame: pd.DataFrame, rules: Sequence[str] | None) -> list[str]:
    """The named eligibility rules applied: those asked for, else `rules.ELIGIBILITY_RULES` present in the frame."""
    wanted = R.ELIGIBILITY_RULES if rules is None else tuple(rules)
    absent = [r for r in wanted if r not in frame.columns]
    if rules is not None and absent:
        raise ValueError(f"aturan kelayakan tidak ada di data (eligibility rule columns missing): {', '.join(absent)}")
    return [r for r in wanted if r in frame.columns]


def population(frame: pd.DataFrame, roles: Roles, attrs: list[str], rules: Sequence[str] = ()) -> Population:
    """The persons at risk with a known outcome, less those a named eligibility rule (e.g. `cek_status`: PPPK cannot hold
    a structural post) puts outside the at-risk set; those are counted by rule, never compared."""
    rows = frame
    if roles.at_risk:
        rows = rows[flag_series(rows[roles.at_risk]).fillna(False).to_numpy(bool)]
    rows = rows[rows[roles.outcome].notna()]
    y = flag_series(rows[roles.outcome]).astype(float)
    outside: dict[str, dict[str, int]] = {}
    keep = np.ones(len(rows), bool)
    for rule in rules:
        out = (rows[rule].astype("string") == R.FAIL).fillna(False).to_numpy(bool) & keep
        outside[rule] = {"n": int(out.sum()), "n_promoted": int(y[out].sum())}
        keep &= ~out
    audited = rows[keep]
    pop = pd.DataFrame(index=audited.index)
    pop["_y"] = y[keep]
    pop["_scope"] = audited[roles.scope].astype("string")
    pop["_q"] = flag_series(audited[roles.qualified]).fillna(False).astype(float) if roles.qualified else np.nan
    pop["_id"] = audited[roles.id].astype("string") if roles.id and roles.id in audited else \
        pd.Series(audited.index.astype(str), index=audited.index, dtype="string")
    pop["_t"] = audited[roles.period].astype("string") if roles.period and roles.period in audited else \
        pd.Series(pd.NA, index=audited.index, dtype="string")
    for a in attrs:
        pop[a] = audited[a].astype("string")
    ids = rows[roles.id] if roles.id and roles.id in rows else pd.Series(rows.index, index=rows.index)
    return Population(pop, n_at_risk=int(len(rows)), n_promoted=int(y.sum()), outside=outside,
                      n_persons=int(ids.nunique()))


def repeated(pop: pd.DataFrame) -> bool:
    """Whether some person has more than one row (a window of several quarters)."""
    return "_id" in pop and not pop["_id"].is_unique


def persons(pop: pd.DataFrame, by_scope: bool) -> pd.DataFrame:
    """One row per person (per person and scope with `by_scope`) of the person-quarter rows: promoted (`_y`) or
    qualified (`_q`) in any of their quarters, attributes as in their latest quarter, and `_pq` their person-quarters.
    A window of one quarter is returned as it is (`_pq` = 1)."""
    if not repeated(pop):
        return pop.assign(_pq=1.0)
    keys = ["_id", "_scope"] if by_scope else ["_id"]
    d = pop.sort_values("_t", kind="stable", na_position="first")
    g = d.groupby(keys, sort=False, dropna=False)
    out = g.last()
    out["_y"], out["_q"], out["_pq"] = g["_y"].max(), g["_q"].max(), g.size().astype(float)
    return out.reset_index()


def check_scopes(pop: pd.DataFrame, scopes: Sequence[str] | None, province: str) -> None:
    """Every scope asked for must be `PROVINSI` or a scope of the persons at risk; the error names the others."""
    if scopes is None:
        return
    unknown = sorted(set(scopes) - {province, *pop["_scope"].dropna()})
    if unknown:
        raise ValueError(f"lingkup tidak dikenal (unknown scopes): {', '.join(unknown)}")


def reference_group(values: pd.Series, attribute: str, configured: dict[str, str]) -> str | None:
    """The configured reference group, else the largest group of the population.

    With fewer than two groups there is nothing to compare: the configured (else the only) group is returned as it
    is, present or not, and None when nobody has a value."""
    counts = values.value_counts()
    ref = configured.get(attribute)
    if len(counts) < 2:
        return ref if ref is not None else (str(counts.index[0]) if len(counts) else None)
    if ref is None:
        return str(counts.index[0])
    if ref not in counts.index:
        raise ValueError(f"kelompok pembanding '{ref}' tidak ada pada {attribute} (groups: {', '.join(map(str, counts.index))})")
    return ref


def scope_labels(frame: pd.DataFrame, roles: Roles) -> pd.Series:
    """Scope value → its label (e.g. opd_kode → opd_nama); empty when the roles name no label column."""
    if not roles.scope_label or roles.scope_label not in frame:
        return pd.Series(dtype="string")
    pairs = frame[[roles.scope, roles.scope_label]].dropna().drop_duplicates(roles.scope)
    return pairs.set_index(roles.scope)[roles.scope_label].astype("string")
