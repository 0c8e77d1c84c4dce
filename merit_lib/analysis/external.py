"""What a reader should take from the model and the audit run on a flat table (notebook 90), in plain words.

Everything here reads the DESIGN §6 tables (`model_coefficients`, `findings`) and the declared `Roles`, so it
works for any flat table mapped by a roles file, not only the public data set of the example.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from merit_lib.analysis.stats import wilson
from merit_lib.domain import codes, text
from merit_lib.domain.language import number, percent, signed
from merit_lib.domain.roles import Roles

PROVINCE = codes.PROVINCE


def _x(key: str, lang: str, **fields: object) -> str:
    return text.t("external." + key, lang, **fields)


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
    return f"{number(mid, lang, 2)} ({number(lo, lang, 2)}–{number(hi, lang, 2)})"


def _pct(x: float, lang: str) -> str:
    return percent(x, lang, 1)


def _or(row: object, lang: str) -> str:
    return _x("or", lang, ci=_ci(row.odds_ratio, row.ci_low, row.ci_high, lang))  # type: ignore[attr-defined]


def merit_sentences(table: pd.DataFrame, roles: Roles, frame: pd.DataFrame | None = None, lang: str = "id") -> list[str]:
    """One plain sentence per merit term: its odds ratio and CI, per point (and per standard deviation for a score)."""
    out = []
    for r in table.itertuples():
        role = _x(r.role, lang)
        if r.level:
            ref = roles.reference.get(r.measure) or _reference_level(frame, r.measure)
            out.append(_x("level", lang, role=role, measure=r.measure, level=r.level, reference=ref, or_=_or(r, lang)))
            continue
        line = _x("unit", lang, role=role, measure=r.measure, or_=_or(r, lang))
        if frame is not None and r.measure in frame and frame[r.measure].nunique() > 2:
            sd = float(frame[r.measure].std())
            per_sd = np.exp(np.log([r.odds_ratio, r.ci_low, r.ci_high]) * sd)
            line += _x("per_sd", lang, sd=number(sd, lang, 1), ci=_ci(*per_sd, lang))
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
        who = _x("versus", lang, attribute=r.attribute, group=r.group, reference=r.reference_group)
        if r.flag == codes.INSUFFICIENT:
            out.append(f"{who}: {_x(r.flag, lang)}")
            continue
        vs = text.t("labels.versus", lang)
        rates = f"{_pct(r.rate_group, lang)} {vs} {_pct(r.rate_reference, lang)}"
        more = signed(-r.shortfall, lang, 0)
        raw = _x("raw", lang, rates=rates, ratio=number(r.impact_ratio, lang, 2), more=more)
        side = "same" if not (r.aor_ci_low > 1 or r.aor_ci_high < 1) else ("higher" if r.aor_ci_low > 1 else "lower")
        aor = "OR " + _ci(r.adjusted_odds_ratio, r.aor_ci_low, r.aor_ci_high, lang)
        adj = _x("adjusted", lang, word=_x(side, lang), aor=aor)
        out.append(f"{who}: {raw}; {adj} → {_x(r.flag, lang)}")
    return out


def scope_table(frame: pd.DataFrame, roles: Roles, findings: pd.DataFrame) -> pd.DataFrame:
    """Per scope (the OPD analogue): persons, promotions, rate with a Wilson CI, and its audit flags."""
    y = frame[roles.outcome].astype(bool)
    g = y.groupby(frame[roles.scope].astype(str)).agg(["size", "sum"]).rename(columns={"size": "n", "sum": "promoted"})
    g["rate"] = g["promoted"] / g["n"]
    g["rate_ci_low"], g["rate_ci_high"] = wilson(g["promoted"], g["n"])
    flags = findings[findings["scope"] != PROVINCE].groupby(["scope", "flag"]).size().unstack(fill_value=0)
    for flag in (codes.DISPARITY, codes.EXPLAINED):
        g[flag] = flags[flag].reindex(g.index, fill_value=0) if flag in flags else 0
    g["flagged"] = findings[(findings["scope"] != PROVINCE) & (findings["flag"] == codes.DISPARITY)].groupby("scope").apply(
        lambda d: ", ".join(f"{a} {gr}" for a, gr in zip(d["attribute"], d["group"])), include_groups=False
    ).reindex(g.index).fillna("")
    return g.sort_values("rate", ascending=False).rename_axis(roles.scope).reset_index()
