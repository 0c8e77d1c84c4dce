"""Fit the readiness models of an analysis frame (`fit_readiness`), and the person-level list for BKD's talent-pool work."""

from __future__ import annotations

import numpy as np
import pandas as pd

from merit_lib.analysis.model.design import (
    _at_risk,
    _check_columns,
    _design,
    _empty_sample_note,
    _sample,
    _sample_notes,
    missing_by_role,
)
from merit_lib.analysis.model.fit import _fit_gee, _fit_logit
from merit_lib.analysis.model.notes import Note
from merit_lib.analysis.model.results import ReadinessModels, _interaction_notes
from merit_lib.analysis.model.schema import MIN_CLUSTERS, PERSON_COLUMNS
from merit_lib.domain import text
from merit_lib.domain.roles import ASN, Roles


def with_quarter(frame: pd.DataFrame, roles: Roles) -> Roles:
    """The roles with the quarter as a categorical control where the frame holds person-quarters of several quarters:
    the discrete-time event-history logit's baseline hazard (DESIGN §8)."""
    q = roles.period
    if not q or q not in frame or frame[q].nunique() < 2 or q in roles.controls:
        return roles
    return roles.with_(controls=(*roles.controls, q), categorical=(*roles.categorical, q))


def fit_readiness(frame: pd.DataFrame, roles: Roles = ASN, controls: list[str] | tuple[str, ...] | str | None = None,
                  lang: str | None = None) -> ReadinessModels:
    """Fit `logit`, `logit_interaksi` and `gee` on the at-risk rows with complete data (person-quarters of the evidence
    window: the quarter enters as a control, `with_quarter`; standard errors are clustered by OPD, which holds each
    person's repeated rows).

    Controls empty for most at-risk rows and control levels whose outcome is perfectly predicted are left out first
    (see the module docstring); `out.roles` holds the controls actually used. `controls` (a list, or a comma-separated
    text as on the command line) replaces the roles' controls. `lang`: the language of its notes and displays (default:
    the frame's, from its extract; else Indonesian). The result carries the frame's provenance (`context`)."""
    from merit_lib.analysis import door

    frame = door.require_frame(frame, "fit_readiness")
    if lang is not None and lang not in text.LANGS:
        raise ValueError(f"lang harus salah satu dari {', '.join(text.LANGS)}")
    lang = door.lang_of(frame, lang)
    if isinstance(controls, str):
        controls = [c.strip() for c in controls.split(",") if c.strip()]
    if controls is not None:
        roles = roles.with_(controls=tuple(controls))
    roles = with_quarter(frame, roles)
    _check_columns(frame, roles)
    at_risk = _at_risk(frame, roles)
    missing = missing_by_role(frame, roles, at_risk)
    s = _sample(frame, roles, at_risk)
    roles, rows = s.roles, s.rows
    n_at_risk, n_events = int(at_risk.sum()), int(s.y.sum())
    out = ReadinessModels(roles=roles, lang=lang, models={}, missing=missing, index=frame.index,
                          sample={"n_frame": len(frame), "n_at_risk": n_at_risk, "n_complete": s.n_complete,
                                  "n_model": len(rows), "n_events": n_events},
                          context={k: v for k, v in door.context(frame).items() if k != "lang"})
    out.note_list += _sample_notes(missing, roles, n_at_risk, s.n_complete, len(rows), n_events) + s.notes
    empty = _empty_sample_note(s)
    if empty is not None:
        out.note_list.append(empty)
        return _finish(out)
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
        return _finish(out)
    gee, notes = _fit_gee(d, d.main_columns(), logit.params, roles.scope)
    if gee is not None:
        out.models["gee"] = gee
    out.note_list += notes
    return _finish(out)


def _finish(out: ReadinessModels) -> ReadinessModels:
    """Each model speaks the result's language and knows its terms' readable names (for its own display)."""
    for m in out.models.values():
        m.lang = out.lang
        m.labels = {t: out.term_label(t) for t in m.tidy["term"]}
    return out


def readiness_list(frame: pd.DataFrame, models: ReadinessModels, model: str = "logit") -> pd.DataFrame:
    """PERSON-LEVEL: each at-risk person's id, name, scope, box, readiness, failed checks and predicted probability, as at
    the period's start (the window's last quarter).

    Personal data: for BKD's talent-pool work only, never for an aggregate report."""
    from merit_lib.analysis.features import current

    roles = models.roles
    cols = [c for c in (roles.id, PERSON_COLUMNS[0], roles.scope, *PERSON_COLUMNS[1:]) if c and c in frame.columns]
    frame = current(frame)
    rows = _at_risk(frame, roles)
    out = frame.loc[rows, cols].copy()
    preds = models.predictions
    out["probabilitas"] = preds[model].reindex(out.index) if model in preds else np.nan
    if "kesiapan" in out:
        from merit_lib.analysis.talent import READINESS
        order = out["kesiapan"].map({k: i for i, k in enumerate(READINESS)}).fillna(len(READINESS))
        out = out.assign(_order=order).sort_values(["_order", "probabilitas"], ascending=[True, False], kind="stable")
        out = out.drop(columns="_order")
    else:
        out = out.sort_values("probabilitas", ascending=False, kind="stable")
    return out.reset_index(drop=True)
