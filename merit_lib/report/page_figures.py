"""Figures of the quarterly report pages: OPD ranking by the compliance index, the 9-box grid, the trend."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from merit_lib.domain import text
from merit_lib.domain.language import number
from merit_lib.report import privacy
from merit_lib.report.figures import empty_figure, setup


def _t(key: str, lang: str) -> str:
    """A label of these figures (the catalogue's FIGURES section)."""
    return text.t("fig." + key, lang)


def _levels(keys: tuple[str, ...], lang: str) -> list[str]:
    return [_t(k, lang) for k in keys]


#: category bands of the index (lower bound, category, colour), as analysis.compliance.CATEGORIES
_BANDS = ((0, "Buruk", "#f4a6a6"), (25, "Kurang", "#fbd7a5"), (50, "Baik", "#cfe8c4"), (75, "Sangat Baik", "#9fd39a"))


def _bands(ax: plt.Axes, lo: float, hi: float, lang: str, label: bool = True) -> None:
    """Shade the four category bands within [lo, hi] and name each one at the top of the axes."""

    edges = [b[0] for b in _BANDS] + [100]
    for (start, name, colour), end in zip(_BANDS, edges[1:]):
        a, b = max(start, lo), min(end, hi)
        if a >= b:
            continue
        ax.axvspan(a, b, color=colour, alpha=0.35, lw=0, zorder=0)
        if label:
            ax.text((a + b) / 2, 1.01, text.category(name, lang), transform=ax.get_xaxis_transform(),
                    ha="center", va="bottom", fontsize=8, color="#333333")


def _short(name: str, width: int = 34) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def _wrapped(name: str, width: int = 38, lines: int = 2) -> str:
    """A long OPD name on up to `lines` lines of about `width` characters (shortened only beyond that)."""
    if len(name) <= width:
        return name
    parts = textwrap.wrap(name, max(12, min(width, (len(name) + lines - 1) // lines + 6)))
    if len(parts) > lines:
        parts = parts[: lines - 1] + [_short(" ".join(parts[lines - 1:]), width)]
    return "\n".join(parts)


def ranking_plot(comp: pd.DataFrame, highlight: str | None = None, lang: str = "id") -> plt.Figure:
    """Every judged OPD's index with its 95% range, best on top, by name; the axis zoomed to the data with the category
    bands shaded and named; `highlight` marks one OPD (no OPD with an index: a note)."""
    if comp["index"].notna().sum() == 0:
        return empty_figure(lang, _t("index", lang), "no_data")
    setup()
    d = comp[comp["index"].notna()].sort_values("index").reset_index(drop=True)
    lo = max(0.0, float(np.floor(d["index_ci_low"].min() / 5) * 5) - 5)
    hi = min(100.0, float(np.ceil(d["index_ci_high"].max() / 5) * 5) + 5)
    names = [_wrapped(str(n)) for n in d["opd_nama"]]
    row = 0.36 if any("\n" in n for n in names) else 0.26
    fig, ax = plt.subplots(figsize=(9, max(3.0, row * len(d) + 1.2)))
    _bands(ax, lo, hi, lang)
    colors = np.where(d["opd_kode"] == highlight, "#d1495b", "#1f4e79")
    ax.hlines(d.index, d["index_ci_low"], d["index_ci_high"], color=colors, alpha=0.6, lw=2)
    ax.scatter(d["index"], d.index, color=colors, zorder=3, s=22)
    ax.set_yticks(d.index, names, fontsize=7.5, linespacing=1.0)
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.7, len(d) - 0.3)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(_t("index", lang))
    fig.tight_layout(pad=1.5)
    return fig


def standing_plot(comp: pd.DataFrame, highlight: str, lang: str = "id") -> plt.Figure:
    """One line: every OPD's index as a grey dot, this OPD in red with its 95% range (light to draw)."""
    if comp["index"].notna().sum() == 0:
        return empty_figure(lang, _t("index", lang), "no_data")
    setup()
    fig, ax = plt.subplots(figsize=(7.5, 1.5))
    others = comp[comp["opd_kode"] != highlight]
    me = comp[comp["opd_kode"] == highlight]
    ax.scatter(others["index"], np.zeros(len(others)), color="#8aa5b0", s=18, alpha=0.8)
    if len(me):
        ax.hlines(0, me["index_ci_low"], me["index_ci_high"], color="#d1495b", lw=3, alpha=0.6)
        ax.scatter(me["index"], [0], color="#d1495b", s=60, zorder=3)
    _bands(ax, 0, 100, lang)
    ax.set_xlim(0, 100)
    ax.set_yticks([])
    ax.set_xlabel(_t("index", lang))
    fig.subplots_adjust(left=0.03, right=0.97, top=0.82, bottom=0.36)
    return fig


def box_grid_plot(grid: pd.DataFrame, lang: str = "id") -> plt.Figure:
    """The 9-box as a heat map of counts (rows kinerja 2, 1, 0; columns potential 0, 1, 2; a missing row or column
    counts 0); hidden cells (NaN from a published table, 1–4 and their complements: privacy.mask_grid) read "< 5"."""
    from merit_lib.domain.rules import NINE_BOX

    if grid.empty:
        return empty_figure(lang, _t("nine_box_title", lang), "no_data")
    setup()
    grid = grid.reindex(index=[2, 1, 0], columns=[0, 1, 2], fill_value=0).astype(float)
    hide = privacy.mask_grid(grid)
    labels = grid.astype(object).copy()
    for (kin, pot), box in NINE_BOX.items():
        value = privacy.SHOWN if hide.loc[kin, pot] else number(int(grid.loc[kin, pot]), lang)
        labels.loc[kin, pot] = f"{_t('box', lang)} {box}\n{value}"
    shown = grid.where(~hide, 0).fillna(0)
    fig, ax = plt.subplots(figsize=(5.2, 4.5))
    ax.set_title(textwrap.fill(_t("nine_box_title", lang), 60), fontsize=10)
    sns.heatmap(shown, annot=labels.to_numpy(), fmt="", cmap="crest", cbar=False, ax=ax, linewidths=1, linecolor="white")
    ax.set_xticklabels(_levels(("rendah", "menengah", "tinggi"), lang))
    ax.set_yticklabels(_levels(("perf_above", "perf_meets", "perf_below"), lang), rotation=0)
    from merit_lib.domain.rules import TALENT_POOL

    for i, kin in enumerate(grid.index):
        for j, pot in enumerate(grid.columns):
            if NINE_BOX[(kin, pot)] in TALENT_POOL:
                ax.add_patch(plt.Rectangle((j + 0.04, i + 0.04), 0.92, 0.92, fill=False, lw=2.5, ls="--",
                                           edgecolor="#111111"))
    ax.set_xlabel(_t("potential", lang))
    ax.set_ylabel(_t("performance", lang))
    fig.text(0.01, 0.01, textwrap.fill(text.t("fig_pool_note", lang), 80), fontsize=7.5)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


def trend_plot(hist: pd.DataFrame, lang: str = "id") -> plt.Figure:
    """Province index over the periods whose reports exist (a line, quarters named for readers)."""
    from merit_lib.domain.language import period_label

    if hist["index"].notna().sum() == 0:
        return empty_figure(lang, _t("trend", lang), "no_data")
    setup()
    d = hist[hist["index"].notna()]
    fig, ax = plt.subplots(figsize=(7, 3))
    lo = max(0.0, float(np.floor(d["index"].min() / 10) * 10) - 10)
    hi = min(100.0, float(np.ceil(d["index"].max() / 10) * 10) + 10)
    x = np.arange(len(d))
    ax.plot(x, d["index"], marker="o", color="#1f4e79")
    for xi, v in zip(x, d["index"]):
        ax.annotate(number(v, lang), (xi, v), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
    ax.set_xticks(x, [period_label(p, lang) for p in d["periode"]])
    ax.set_ylim(lo, hi)
    ax.set_title(_t("trend", lang), fontsize=10)
    fig.tight_layout()
    return fig


def model_plot(coef: pd.DataFrame, model: str = "logit", lang: str = "id") -> plt.Figure:
    """The main readiness model's odds ratios with 95% ranges, terms named for readers (intercept left out; a term
    estimated with a penalty has no range and is drawn hollow)."""
    from merit_lib.report.views import term_label

    c = coef[(coef["model"] == model) & ~coef["term"].str.contains("Intercept", na=False) & coef["odds_ratio"].notna()]
    if c.empty:
        return empty_figure(lang, text.t("fig_model_title", lang), "no_data")
    setup()
    c = c.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, 0.4 * len(c) + 1.6))
    has = (c["ci_low"].notna() & c["ci_high"].notna()).to_numpy()
    y = np.arange(len(c))
    mid = c["odds_ratio"].to_numpy(float)
    err = [(mid - c["ci_low"].to_numpy(float))[has], (c["ci_high"].to_numpy(float) - mid)[has]]
    ax.errorbar(mid[has], y[has], xerr=err, fmt="o", color="#1f4e79", capsize=2)
    ax.scatter(mid[~has], y[~has], facecolors="none", edgecolors="#1f4e79", s=30)
    ax.axvline(1, color="black", lw=0.8)
    ax.set_xscale("log")
    ends = np.concatenate([mid, c["ci_low"].dropna().to_numpy(float), c["ci_high"].dropna().to_numpy(float), [1.0]])
    ends = ends[np.isfinite(ends) & (ends > 0)]
    lo, hi = float(ends.min()) / 1.3, float(ends.max()) * 1.3
    ax.set_xlim(lo, hi)
    ticks = [t for t in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200) if lo <= t <= hi]
    ax.set_xticks(ticks, [number(t, lang, 2 if t < 0.1 else 1 if t < 1 else 0) for t in ticks])
    ax.minorticks_off()
    levels = set(c["term"].str.extract(r"\[T\.(.+)\]")[0].dropna())
    reference = next((lv for lv in ("Administrator", "Pengawas", "Pelaksana", "Fungsional") if lv not in levels), None)
    ax.set_yticks(y, [term_label(t, lang, reference) for t in c["term"]])
    ax.set_xlabel(text.t("fig_or_axis", lang))
    # the title spans the figure (not the axes, which the term names push right), wrapped to its width
    fig.suptitle(textwrap.fill(text.t("fig_model_title", lang), 85), x=0.01, ha="left", fontsize=10)
    if (~has).any():
        fig.text(0.01, 0.01, text.t("fig_no_ci", lang), fontsize=8)
    fig.tight_layout(rect=(0, 0.04 if (~has).any() else 0, 1, 1))
    return fig
