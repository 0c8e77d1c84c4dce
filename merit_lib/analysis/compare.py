"""Two results of one kind side by side (`ml.compare(a, b)`): two readiness fits, or two audits.

Two fits (`ReadinessModels`): each term of one model (default `logit`) with its odds ratio and 95 % CI in each fit and
the ratio of the two odds ratios, under the samples, events, EPV and AUC of each. Two audits (`AuditResult`): the
verdict counts of each, and every (scope, attribute, group) with its verdict and merit-adjusted odds ratio in each,
those whose verdict changed first. Terms, scopes, attributes and verdicts read as a reader names them; a group of
fewer than 5 persons shows "< 5". A difference between two fits is described, not tested: two fits on overlapping
persons are not independent samples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from merit_lib.analysis.fairness.result import AuditResult, display_table, scope_name
from merit_lib.analysis.model.results import ReadinessModels
from merit_lib.domain import display as D
from merit_lib.domain import language as L
from merit_lib.domain import text
from merit_lib.domain.errors import ParameterError
from merit_lib.domain.text import flag_label


class CompareError(ParameterError, TypeError):
    """`compare` was handed two results that are not of one kind it compares."""


@dataclass
class Comparison:
    """Two results side by side: `overview` (one row per measure of each result), `table` (one row per term or
    finding), `notes` (how to read it), in `lang`."""

    kind: str                      # "models" or "audits"
    names: tuple[str, str]
    overview: pd.DataFrame
    table: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    lang: str = "id"
    changed: int = 0               # audits: findings whose verdict differs; models: terms whose CI sides differ

    def summary(self) -> str:
        """The comparison as text: the overview, the table and the notes."""
        lines = [self._title(), "", self.overview.to_string(index=False), "", self.table.to_string(index=False)]
        return "\n".join(lines + [""] + [f"- {n}" for n in self.notes])

    def _title(self) -> str:
        return text.t(f"api.compare_{self.kind}", self.lang, a=self.names[0], b=self.names[1])

    def __repr__(self) -> str:
        return f"<Comparison: {self._title()}; {text.t('api.compare_changed', self.lang, n=L.number(self.changed, self.lang))}>"

    def _repr_html_(self) -> str:
        parts = [D.table(self.overview), D.table(self.table.head(40))]
        if len(self.table) > 40:
            parts.append(D.paragraph(text.t("api.compare_first", self.lang, n=L.number(len(self.table), self.lang)),
                                     small=True))
        parts += [D.paragraph(n, small=True) for n in self.notes]
        return D.block(self._title(), parts)


def _names(a: object, b: object, names: tuple[str, str] | None, lang: str) -> tuple[str, str]:
    """What to call the two results: given names, else their periods where they differ, else A and B."""
    if names is not None:
        return str(names[0]), str(names[1])
    periods = [getattr(x, "meta", None) or getattr(x, "context", None) or {} for x in (a, b)]
    pa, pb = (p.get("period") for p in periods)
    if pa and pb and pa != pb:
        return L.period_label(pa, lang), L.period_label(pb, lang)
    return "A", "B"


def compare(a: ReadinessModels | AuditResult, b: ReadinessModels | AuditResult, model: str = "logit",
            names: tuple[str, str] | None = None, lang: str | None = None) -> Comparison:
    """Two readiness fits or two audits side by side (see the module). `model`: which model of two fits; `names`: what
    to call them (default: their periods where they differ, else A and B); `lang`: default the first one's."""
    if isinstance(a, ReadinessModels) and isinstance(b, ReadinessModels):
        lang = L.language(lang or a.lang)
        return _models(a, b, model, _names(a, b, names, lang), lang)
    if isinstance(a, AuditResult) and isinstance(b, AuditResult):
        lang = L.language(lang or a.lang)
        return _audits(a, b, _names(a, b, names, lang), lang)
    fields = {"a": type(a).__name__, "b": type(b).__name__}
    raise CompareError(text.t("api.compare_kinds", "id", **fields), en=text.t("api.compare_kinds", "en", **fields))


def _or_ci(row: pd.Series | None, lang: str) -> str:
    if row is None or pd.isna(row["odds_ratio"]):
        return "–"
    mid = L.number(row["odds_ratio"], lang, 2)
    return mid if pd.isna(row["ci_low"]) else f"{mid} ({L.number(row['ci_low'], lang, 2)} – {L.number(row['ci_high'], lang, 2)})"


def _side(row: pd.Series | None) -> int:
    """+1 when the whole CI lies above 1, −1 below, 0 across it (or unknown)."""
    if row is None or pd.isna(row["ci_low"]):
        return 0
    return 1 if row["ci_low"] > 1 else -1 if row["ci_high"] < 1 else 0


def _models(a: ReadinessModels, b: ReadinessModels, model: str, names: tuple[str, str], lang: str) -> Comparison:
    w = {k: v[lang] for k, v in text.MODEL_WORDS.items()}
    for fit in (a, b):
        if model not in fit.models:
            raise CompareError(text.t("api.no_model", "id", model=model, models=", ".join(fit.models) or "–"),
                               en=text.t("api.no_model", "en", model=model, models=", ".join(fit.models) or "–"))
    ma, mb = a.models[model], b.models[model]
    overview = pd.DataFrame({
        "": [w["n"], w["events"], "EPV", "AUC", text.t("api.method", lang), w["controls"], text.label("fingerprint", lang)],
        names[0]: [L.number(ma.n, lang), L.number(ma.n_events, lang), L.number(ma.epv, lang, 1), L.number(ma.auc, lang, 3),
                   text.MODEL_METHODS[ma.method][lang].format(scope=a.roles.scope),
                   ", ".join(text.term_label(c, lang) for c in a.roles.controls) or "–",
                   a.context.get("data_fingerprint") or "–"],
        names[1]: [L.number(mb.n, lang), L.number(mb.n_events, lang), L.number(mb.epv, lang, 1), L.number(mb.auc, lang, 3),
                   text.MODEL_METHODS[mb.method][lang].format(scope=b.roles.scope),
                   ", ".join(text.term_label(c, lang) for c in b.roles.controls) or "–",
                   b.context.get("data_fingerprint") or "–"]})
    ta, tb = (m.tidy[m.tidy["term"] != "Intercept"].set_index("term") for m in (ma, mb))
    terms = list(dict.fromkeys([*ta.index, *tb.index]))
    rows, changed = [], 0
    for term in terms:
        ra = ta.loc[term] if term in ta.index else None
        rb = tb.loc[term] if term in tb.index else None
        ratio = (rb["odds_ratio"] / ra["odds_ratio"]) if ra is not None and rb is not None else np.nan
        moved = ra is not None and rb is not None and _side(ra) != _side(rb)
        changed += bool(moved)
        rows.append({text.t("api.term", lang): (a if ra is not None else b).term_label(term, lang),
                     f"OR {names[0]}": _or_ci(ra, lang), f"OR {names[1]}": _or_ci(rb, lang),
                     text.t("api.compare_ratio", lang, a=names[0], b=names[1]): L.number(ratio, lang, 2) if ratio == ratio else "–",
                     text.t("api.compare_moved", lang): text.t("api.yes", lang) if moved else ""})
    notes = [text.t("api.compare_models_note", lang)]
    if a.context.get("data_fingerprint") != b.context.get("data_fingerprint"):
        notes.append(text.t("api.compare_other_data", lang))
    return Comparison("models", names, overview, pd.DataFrame(rows), notes, lang, changed)


_KEYS = ["scope", "attribute", "group"]


def _audits(a: AuditResult, b: AuditResult, names: tuple[str, str], lang: str) -> Comparison:
    fa, fb = a.flags(), b.flags()
    overview = pd.DataFrame({text.label("flag_name", lang): [flag_label(k, lang) for k in fa.index],
                             names[0]: [L.number(v, lang) for v in fa], names[1]: [L.number(v, lang) for v in fb.reindex(fa.index)]})
    cols = {"flag": text.label("flag", lang), "adjusted_odds_ratio": text.label("adjusted_odds_ratio", lang)}
    shown = []
    for f in (a.findings, b.findings):
        view = display_table(f, lang)
        shown.append(pd.DataFrame({"_k": list(zip(*(f[k].astype(str) for k in _KEYS))), "_flag": f["flag"].to_numpy(),
                                   "_scope": [scope_name(s, n, lang) for s, n in zip(f["scope"], f.get("scope_label", f["scope"]))],
                                   "_attr": [text.attribute_label(x, lang) for x in f["attribute"]],
                                   "_group": [text.group_label(x, g, lang) for x, g in zip(f["attribute"], f["group"])],
                                   "flag": view[cols["flag"]].to_numpy(), "aor": view[cols["adjusted_odds_ratio"]].to_numpy()}))
    both = shown[0].merge(shown[1], on="_k", how="outer", suffixes=("_a", "_b"))
    for c in ("_scope", "_attr", "_group"):
        both[c] = both[f"{c}_a"].fillna(both[f"{c}_b"])
    both["_changed"] = both["_flag_a"].fillna("") != both["_flag_b"].fillna("")
    both = both.sort_values("_changed", ascending=False, kind="stable")
    table = pd.DataFrame({text.label("scope", lang): both["_scope"], text.label("attribute", lang): both["_attr"],
                          text.label("group", lang): both["_group"],
                          f"{cols['flag']} {names[0]}": both["flag_a"].fillna("–"),
                          f"{cols['flag']} {names[1]}": both["flag_b"].fillna("–"),
                          f"{cols['adjusted_odds_ratio']} {names[0]}": both["aor_a"].fillna("–"),
                          f"{cols['adjusted_odds_ratio']} {names[1]}": both["aor_b"].fillna("–")}).reset_index(drop=True)
    notes = [text.t("api.compare_audits_note", lang)]
    if a.meta.get("data_fingerprint") != b.meta.get("data_fingerprint"):
        notes.append(text.t("api.compare_other_data", lang))
    return Comparison("audits", names, overview, table, notes, lang, int(both["_changed"].sum()))
