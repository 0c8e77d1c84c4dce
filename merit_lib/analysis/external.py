"""What a reader should take from the model and the audit run on a flat table (notebook 90), in plain words.

Everything here reads the DESIGN §6 tables (`model_coefficients`, `findings`) and the declared `Roles`, so it
works for any flat table mapped by a roles file, not only the public data set of the example.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from merit_lib.analysis.stats import wilson
from merit_lib.domain.roles import Roles
from merit_lib.domain.text import number

PROVINCE = "PROVINSI"
ROLE_LABEL = {"competency": {"id": "kompetensi", "en": "competency"}, "kinerja": {"id": "kinerja", "en": "performance"}}
FLAG_READING = {
    "disparity": {"id": "kesenjangan TETAP ADA setelah merit disamakan (disparity)",
                  "en": "the gap REMAINS at equal merit (disparity)"},
    "explained gap": {"id": "kesenjangan mentah nyata, tetapi hilang setelah merit disamakan (explained gap)",
                      "en": "a real raw gap that merit explains (explained gap)"},
    "no disparity": {"id": "tidak ada kesenjangan yang bermakna (no disparity)", "en": "no meaningful gap (no disparity)"},
    "insufficient data": {"id": "data tidak cukup untuk diuji (insufficient data)", "en": "too little data to test"},
}


def _base(term: str) -> str:
    """The column a model term belongs to: `C(x)[T.a]` → `x`, `x` → `x`."""
    return term[2:term.index(")")] if term.startswith("C(") and ")" in term else term


def _level(term: str) -> str:
    """The level of a categorical term (`C(x)[T.a]` → `a`), '' for a numeric one."""
    return term.split("[T.", 1)[1].rstrip("]") if "[T." in term else ""


def merit_table(coefficients: pd.DataFrame, roles: Roles, model: str | None = None) -> pd.DataFrame:
    """The odds ratios of the competency and kinerja terms of one model (default: the first in the table)."""
    model = model or str(coefficients["model"].iloc[0])
    c = coefficients[(coefficients["model"] == model) & ~coefficients["term"].str.contains(":", regex=False)].copy()
    role = {n: "competency" for n in roles.competency} | {n: "kinerja" for n in roles.kinerja}
    c["measure"] = c["term"].map(_base)
    c = c[c["measure"].isin(list(role))]
    c["role"] = c["measure"].map(role)
    c["level"] = c["term"].map(_level)
    cols = ["role", "measure", "level", "term", "odds_ratio", "ci_low", "ci_high", "p_value"]
    return c[cols].reset_index(drop=True)


def _ci(mid: float, lo: float, hi: float, lang: str) -> str:
    """`1,64 (1,11–2,41)`: a ratio and its interval, decimal comma in Bahasa Indonesia."""
    return f"{number(mid, lang)} ({number(lo, lang)}–{number(hi, lang)})"


def _pct(x: float, lang: str) -> str:
    return number(100 * x, lang, 1) + "%"


def _or(row: object, lang: str) -> str:
    return "OR " + _ci(row.odds_ratio, row.ci_low, row.ci_high, lang) + " (CI 95%)"  # type: ignore[attr-defined]


def merit_sentences(table: pd.DataFrame, roles: Roles, frame: pd.DataFrame | None = None, lang: str = "id") -> list[str]:
    """One plain sentence per merit term: its odds ratio and CI, per point (and per standard deviation for a score)."""
    out = []
    for r in table.itertuples():
        role = ROLE_LABEL[r.role][lang]
        if r.level:
            ref = roles.reference.get(r.measure) or _reference_level(frame, r.measure)
            out.append(f"{role} — {r.measure} = {r.level} " + (f"dibanding {ref}: " if lang == "id" else f"vs {ref}: ") + _or(r, lang))
            continue
        line = f"{role} — {r.measure} " + ("per satu satuan: " if lang == "id" else "per unit: ") + _or(r, lang)
        if frame is not None and r.measure in frame and frame[r.measure].nunique() > 2:
            sd = float(frame[r.measure].std())
            per_sd = np.exp(np.log([r.odds_ratio, r.ci_low, r.ci_high]) * sd)
            line += (f"; per simpangan baku ({number(sd, lang, 1)}): OR " if lang == "id"
                     else f"; per standard deviation ({number(sd, lang, 1)}): OR ") + _ci(*per_sd, lang)
        out.append(line)
    return out


def _reference_level(frame: pd.DataFrame | None, column: str) -> str:
    """The model's baseline of a categorical column: its first category."""
    if frame is not None and column in frame and isinstance(frame[column].dtype, pd.CategoricalDtype):
        return str(frame[column].cat.categories[0])
    return "?"


def disparity_sentences(findings: pd.DataFrame, lang: str = "id") -> list[str]:
    """For the province (all rows): each group against its reference, raw and at equal merit, and what the flag means."""
    prov = findings[findings["scope"] == PROVINCE]
    out = []
    for r in prov.itertuples():
        if r.flag == "insufficient data":
            out.append(f"{r.attribute} {r.group} vs {r.reference_group}: {FLAG_READING[r.flag][lang]}")
            continue
        rates = f"{_pct(r.rate_group, lang)} vs {_pct(r.rate_reference, lang)}"
        more = ("+" if r.shortfall <= 0 else "−") + number(abs(r.shortfall), lang, 0)
        raw = (f"promosi {rates} (rasio dampak {number(r.impact_ratio, lang)}; {more} orang dibanding tingkat acuan)"
               if lang == "id" else
               f"promoted {rates} (impact ratio {number(r.impact_ratio, lang)}; {more} persons against the reference rate)")
        side = 0 if not (r.aor_ci_low > 1 or r.aor_ci_high < 1) else (1 if r.aor_ci_low > 1 else -1)
        word = {"id": {0: "tidak berbeda nyata", 1: "peluangnya lebih besar", -1: "peluangnya lebih kecil"},
                "en": {0: "its odds do not differ clearly", 1: "its odds are higher", -1: "its odds are lower"}}[lang][side]
        aor = "OR " + _ci(r.adjusted_odds_ratio, r.aor_ci_low, r.aor_ci_high, lang)
        adj = f"pada merit yang sama {word}: {aor}" if lang == "id" else f"at equal merit {word}: {aor}"
        out.append(f"{r.attribute} {r.group} vs {r.reference_group}: {raw}; {adj} → {FLAG_READING[r.flag][lang]}")
    return out


def scope_table(frame: pd.DataFrame, roles: Roles, findings: pd.DataFrame) -> pd.DataFrame:
    """Per scope (the OPD analogue): persons, promotions, rate with a Wilson CI, and its audit flags."""
    y = frame[roles.outcome].astype(bool)
    g = y.groupby(frame[roles.scope].astype(str)).agg(["size", "sum"]).rename(columns={"size": "n", "sum": "promoted"})
    g["rate"] = g["promoted"] / g["n"]
    g["rate_ci_low"], g["rate_ci_high"] = wilson(g["promoted"], g["n"])
    flags = findings[findings["scope"] != PROVINCE].groupby(["scope", "flag"]).size().unstack(fill_value=0)
    for flag in ("disparity", "explained gap"):
        g[flag] = flags[flag].reindex(g.index, fill_value=0) if flag in flags else 0
    g["flagged"] = findings[(findings["scope"] != PROVINCE) & (findings["flag"] == "disparity")].groupby("scope").apply(
        lambda d: ", ".join(f"{a} {gr}" for a, gr in zip(d["attribute"], d["group"])), include_groups=False
    ).reindex(g.index).fillna("")
    return g.sort_values("rate", ascending=False).rename_axis(roles.scope).reset_index()
