"""Figures of the quarterly report pages: OPD ranking by the compliance index, the 9-box grid, the trend."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from merit_lib.report import privacy
from merit_lib.report.figures import empty_figure, setup

_T = {
    "index": {"id": "Indeks kepatuhan meritokrasi (0–100, rentang 95%)", "en": "Meritocracy compliance index (0–100, 95% range)"},
    "potential": {"id": "potensial", "en": "potential"},
    "performance": {"id": "kinerja", "en": "performance"},
    "pot": {"id": ["rendah", "menengah", "tinggi"], "en": ["low", "medium", "high"]},
    "perf": {"id": ["di atas", "sesuai", "di bawah"], "en": ["above", "meets", "below"]},
    "box": {"id": "kotak", "en": "box"},
    "trend": {"id": "Indeks provinsi per periode", "en": "Province index by period"},
}


def ranking_plot(comp: pd.DataFrame, highlight: str | None = None, lang: str = "id") -> plt.Figure:
    """Every OPD's index with its 95% range, best on top; `highlight` marks one OPD (no OPD with an index: a note)."""
    if comp["index"].notna().sum() == 0:
        return empty_figure(lang, _T["index"][lang], "no_data")
    setup()
    d = comp.sort_values("index").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.5, max(3.0, 0.22 * len(d) + 1)))
    colors = np.where(d["opd_kode"] == highlight, "#d1495b", "#1f6f8b")
    ax.hlines(d.index, d["index_ci_low"], d["index_ci_high"], color=colors, alpha=0.5, lw=2)
    ax.scatter(d["index"], d.index, color=colors, zorder=3, s=22)
    ax.set_yticks(d.index, d["opd_kode"], fontsize=7)
    for lo in (25, 50, 75):
        ax.axvline(lo, color="grey", lw=0.6, ls=":")
    ax.set_xlim(0, 100)
    ax.set_xlabel(_T["index"][lang])
    fig.subplots_adjust(left=0.2, right=0.97, top=0.98, bottom=0.8 / fig.get_figheight())
    return fig


def standing_plot(comp: pd.DataFrame, highlight: str, lang: str = "id") -> plt.Figure:
    """One line: every OPD's index as a grey dot, this OPD in red with its 95% range (light to draw)."""
    if comp["index"].notna().sum() == 0:
        return empty_figure(lang, _T["index"][lang], "no_data")
    setup()
    fig, ax = plt.subplots(figsize=(7.5, 1.5))
    others = comp[comp["opd_kode"] != highlight]
    me = comp[comp["opd_kode"] == highlight]
    ax.scatter(others["index"], np.zeros(len(others)), color="#8aa5b0", s=18, alpha=0.8)
    if len(me):
        ax.hlines(0, me["index_ci_low"], me["index_ci_high"], color="#d1495b", lw=3, alpha=0.6)
        ax.scatter(me["index"], [0], color="#d1495b", s=60, zorder=3)
    for lo in (25, 50, 75):
        ax.axvline(lo, color="grey", lw=0.6, ls=":")
    ax.set_xlim(0, 100)
    ax.set_yticks([])
    ax.set_xlabel(_T["index"][lang])
    fig.subplots_adjust(left=0.03, right=0.97, top=0.95, bottom=0.42)
    return fig


def box_grid_plot(grid: pd.DataFrame, lang: str = "id") -> plt.Figure:
    """The 9-box as a heat map of counts (rows kinerja 2, 1, 0; columns potential 0, 1, 2; a missing row or column
    counts 0); hidden cells (NaN from a published table, 1–4 and their complements: privacy.mask_grid) read "< 5"."""
    from merit_lib.domain.rules import NINE_BOX

    if grid.empty:
        return empty_figure(lang, None, "no_data")
    setup()
    grid = grid.reindex(index=[2, 1, 0], columns=[0, 1, 2], fill_value=0).astype(float)
    hide = privacy.mask_grid(grid)
    labels = grid.astype(object).copy()
    for (kin, pot), box in NINE_BOX.items():
        value = privacy.SHOWN if hide.loc[kin, pot] else f"{int(grid.loc[kin, pot])}"
        labels.loc[kin, pot] = f"{_T['box'][lang]} {box}\n{value}"
    shown = grid.where(~hide, 0).fillna(0)
    fig, ax = plt.subplots(figsize=(5.2, 4.2))
    sns.heatmap(shown, annot=labels.to_numpy(), fmt="", cmap="crest", cbar=False, ax=ax, linewidths=1, linecolor="white")
    ax.set_xticklabels(_T["pot"][lang])
    ax.set_yticklabels(_T["perf"][lang], rotation=0)
    ax.set_xlabel(_T["potential"][lang])
    ax.set_ylabel(_T["performance"][lang])
    fig.tight_layout()
    return fig


def trend_plot(hist: pd.DataFrame, lang: str = "id") -> plt.Figure:
    """Province index over the periods whose reports exist."""
    if hist["index"].notna().sum() == 0:
        return empty_figure(lang, _T["trend"][lang], "no_data")
    setup()
    fig, ax = plt.subplots(figsize=(6, 2.8))
    ax.plot(hist["periode"], hist["index"], marker="o", color="#1f6f8b")
    ax.set_ylim(0, 100)
    ax.set_title(_T["trend"][lang], fontsize=10)
    fig.tight_layout()
    return fig
