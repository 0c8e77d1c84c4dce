"""The readiness models of one frame together, presented as statsmodels results are: tables, notes, a summary, a
plain-language reading, probability curves, and the aggregate CSVs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import patsy
from scipy.special import expit

from merit_lib.analysis.model.design import _Design
from merit_lib.analysis.model.fit import ModelResult
from merit_lib.analysis.model.notes import _WORDS, Note
from merit_lib.analysis.model.schema import (
    AME_DTYPES,
    CALIBRATION_DTYPES,
    COEF_COLUMNS,
    COEF_DTYPES,
    CURVE_SAMPLE,
    EXTRA_COLUMNS,
    TERM_DTYPES,
    _empty,
)
from merit_lib.data.sink import write_csv, write_text
from merit_lib.domain import language as L
from merit_lib.domain import text
from merit_lib.domain.roles import Roles

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
    #: what the frame carried (period, window, data fingerprint, rejected rows: `analysis.door.context`)
    context: dict = field(default_factory=dict)

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

    def term_label(self, term: str, lang: str | None = None) -> str:
        """A model term as a reader names it: `C(level_awal)[T.Fungsional]` → "Fungsional (dibanding Administrator)"
        (the reference level from the design), `kompetensi:kinerja` → "kompetensi × kinerja"."""
        return readable_term(term, lang or self.lang, self.design)

    def table(self, model: str = "logit", lang: str | None = None) -> pd.DataFrame:
        """One model's odds ratios for reading: readable terms, OR, its 95 % CI and p in the language's format (the
        intercept left out); `coefficients` keeps the raw terms for tables and tools."""
        lang = lang or self.lang
        w = {k: v[lang] for k, v in _WORDS.items()}
        m = self.models.get(model)
        if m is None:
            raise KeyError(text.t("api.no_model", lang, model=model, models=", ".join(self.models) or "–"))
        tidy = m.tidy[m.tidy["term"] != "Intercept"]
        return pd.DataFrame({text.t("api.term", lang): [self.term_label(t, lang) for t in tidy["term"]],
                             "OR": [L.number(v, lang, 2) for v in tidy["odds_ratio"]],
                             w["ci"]: [f"{L.number(a, lang, 2)} – {L.number(b, lang, 2)}" if a == a else "–"
                                       for a, b in zip(tidy["ci_low"], tidy["ci_high"])],
                             "p": [L.p_value(v, lang) for v in tidy["p_value"]]})

    def summary(self, lang: str | None = None) -> str:
        """A text summary: the sample, each model's table with n, events, EPV and AUC, and the notes."""
        lang = lang or self.lang
        w = {k: v[lang] for k, v in _WORDS.items()}
        r = self.roles
        def names(cols: tuple[str, ...]) -> str:
            return ", ".join(text.term_label(c, lang) for c in cols) or "—"

        lines = [f"{w['title']}: {text.term_label(r.outcome, lang)} ~ {names(r.merit)} | {w['controls']}: {names(r.controls)}"]
        if self.context.get("data_fingerprint") or self.context.get("period"):
            from merit_lib.domain.display import provenance

            lines.append(provenance(self.context, lang))
        lines.append("")
        if not self.models:
            lines.append(w["none"])
        for name, m in self.models.items():
            method = text.MODEL_METHODS[m.method][lang].format(scope=r.scope)
            lines.append(f"[{name}] {method} — {w['n']} {L.number(m.n, lang, 0)}, {w['events']} "
                         f"{L.number(m.n_events, lang, 0)}, EPV {L.number(m.epv, lang, 1)}, "
                         f"AUC {L.number(m.auc, lang, 3)}")
            lines.append(_table_text(m.tidy.assign(term=[self.term_label(t, lang) for t in m.tidy["term"]]), lang,
                                     w["ci"]))
            lines.append("")
        lines.append(w["notes"] + ":")
        lines += [f"- {n}" for n in self.notes_in(lang)]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        """The models in a notebook: provenance, each model's sample, EPV and AUC, the main model's odds ratios with
        readable terms, and the notes, in the object's language."""
        from merit_lib.domain import display as D

        lang = self.lang
        w = {k: v[lang] for k, v in _WORDS.items()}
        parts = [D.paragraph(D.provenance(self.context, lang), small=True)]
        if not self.models:
            parts.append(D.paragraph(w["none"]))
        else:
            overview = pd.DataFrame({
                text.t("api.model", lang): [text.term_label(n, lang) for n in self.models],
                text.t("api.method", lang): [text.MODEL_METHODS[m.method][lang].format(scope=self.roles.scope)
                                             for m in self.models.values()],
                w["n"]: [L.number(m.n, lang) for m in self.models.values()],
                w["events"]: [L.number(m.n_events, lang) for m in self.models.values()],
                "EPV": [L.number(m.epv, lang, 1) for m in self.models.values()],
                "AUC": [L.number(m.auc, lang, 3) for m in self.models.values()]})
            first = "logit" if "logit" in self.models else next(iter(self.models))
            parts += [D.table(overview), f"<h5>{D.esc(text.term_label(first, lang))}</h5>", D.table(self.table(first, lang))]
        notes = self.notes_in(lang)
        if notes:
            parts.append("<ul>" + "".join(f"<li>{D.esc(n)}</li>" for n in notes) + "</ul>")
        parts.append(D.paragraph(text.t("api.models_more", lang), small=True))
        return D.block(w["title"], parts)

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
        write_csv(self.coefficients, paths["coefficients"])
        write_csv(self.marginal_effects, paths["marginal_effects"])
        write_csv(self.calibration, paths["calibration"])
        write_csv(self.missing, paths["missing"])
        write_text(self.summary(lang) + "\n", paths["summary"])
        return paths


def _levels(d: _Design, kin: str) -> list:
    """Levels of a kinerja measure to draw: its values when there are at most 5, else the 10th, 50th and 90th percentiles."""
    if kin not in d.centers:
        return list(d.data[kin].cat.categories)
    values = np.sort((d.data[kin] + d.centers[kin]).unique())
    return [float(v) for v in values] if len(values) <= 5 else [float(v) for v in np.quantile(values, [0.1, 0.5, 0.9])]


def _table_text(tidy: pd.DataFrame, lang: str, ci_word: str) -> str:
    """The tidy table as aligned text (OR, CI, p)."""
    t = pd.DataFrame({"term": tidy["term"], "OR": [L.number(v, lang, 3) for v in tidy["odds_ratio"]],
                      ci_word: [f"{L.number(a, lang, 3)} – {L.number(b, lang, 3)}" if a == a else "–"
                                for a, b in zip(tidy["ci_low"], tidy["ci_high"])],
                      "p": [L.p_value(v, lang) for v in tidy["p_value"]]})
    return t.to_string(index=False)


_TREATMENT = re.compile(r"C\((\w+)(?:,\s*Treatment\((['\"]?)(.*?)\2\))?\)\[T\.(.*)\]")


def readable_term(term: str, lang: str = "id", design: _Design | None = None) -> str:
    """A model term as a reader names it (`text.term_label`), the reference level of a categorical term from the design
    (or from its `Treatment(...)`), each side of an interaction read alike."""
    if ":" in term:
        return " × ".join(readable_term(part, lang, design) for part in term.split(":"))
    m = _TREATMENT.fullmatch(term)
    if m is None:
        return text.term_label(term, lang)
    column, given, level = m.group(1), m.group(3), m.group(4)
    reference = given or (design.reference(column) if design is not None else "")
    return text.term_label(f"C({column})[T.{level}]", lang, reference or None)


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
