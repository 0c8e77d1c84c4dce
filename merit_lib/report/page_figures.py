"""Figures of the quarterly report pages: funnel plots per index component, an OPD's standing against the province
average, the 9-box grid, and the trend of each quarter's index on its own window. No figure ranks OPDs."""

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


def standing_plot(comp: pd.DataFrame, highlight: str, lang: str = "id") -> plt.Figure:
    """One line: every rated OPD's index as a grey dot, the province average as a dashed line, this OPD in red with
    its 95% range (its tier is where the range lies against the line; no rank)."""
    from merit_lib.report.opd_summary import province_index, rated

    if comp["index"].notna().sum() == 0:
        return empty_figure(lang, _t("index", lang), "no_data")
    setup()
    fig, ax = plt.subplots(figsize=(7.5, 1.6))
    ok = rated(comp)
    others = comp[(comp["opd_kode"] != highlight) & ok]
    me = comp[comp["opd_kode"] == highlight]
    ax.scatter(others["index"], np.zeros(len(others)), color="#8aa5b0", s=18, alpha=0.8)
    average = province_index(comp)
    if average is not None:
        ax.axvline(average, color="#333333", ls="--", lw=1)
        ax.text(average, 0.55, f"{_t('average', lang)} {number(average, lang)}", ha="center", fontsize=8)
    if len(me):
        ax.hlines(0, me["index_ci_low"], me["index_ci_high"], color="#d1495b", lw=3, alpha=0.6)
        ax.scatter(me["index"], [0], color="#d1495b", s=60, zorder=3)
    _bands(ax, 0, 100, lang)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, 0.9)
    ax.set_yticks([])
    ax.set_xlabel(_t("index", lang))
    fig.subplots_adjust(left=0.03, right=0.97, top=0.82, bottom=0.32)
    return fig


def funnel_plot(points: pd.DataFrame, lang: str = "id") -> plt.Figure:
    """A funnel plot per index component (Spiegelhalter 2005): each OPD's share against its denominator, the province's
    share and the 95% and 99.8% control limits (analysis.tiers.funnel_limits); OPDs beyond the 99.8% limits labelled."""
    from merit_lib.analysis.tiers import FUNNEL_LEVELS, funnel_limits

    comps = list(dict.fromkeys(points["component"])) if len(points) else []
    if not comps:
        return empty_figure(lang, text.t("window.funnel_title", lang), "no_data")
    setup()
    cols = 2 if len(comps) > 1 else 1
    rows = int(np.ceil(len(comps) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(9, 3.3 * rows), squeeze=False)
    for ax, key in zip(axes.ravel(), comps):
        d = points[points["component"] == key]
        p0 = float(d["p0"].iloc[0])
        grid = np.unique(np.concatenate([np.linspace(1, max(d["n"].max() * 1.1, 10), 200), d["n"].to_numpy()]))
        lim = funnel_limits(p0, grid)
        ax.axhline(p0, color="#333333", lw=1)
        for level, style in zip(FUNNEL_LEVELS, ("--", ":")):
            name = f"{100 * level:g}"
            ax.plot(grid, lim[f"low_{name}"], style, color="#777777", lw=1)
            ax.plot(grid, lim[f"high_{name}"], style, color="#777777", lw=1)
        out = d["position"].isin(["above", "below"]).to_numpy()
        ax.scatter(d["n"][~out], d["share"][~out], s=16, color="#1f4e79", alpha=0.8)
        ax.scatter(d["n"][out], d["share"][out], s=30, color="#d1495b", marker="D", zorder=3)
        for r in d[out].itertuples():     # full names, wrapped, placed toward the middle so they stay on the canvas
            right = r.n > np.sqrt(grid.min() * grid.max())
            ax.annotate(_wrapped(str(r.opd_nama), 30, 3), (r.n, r.share), fontsize=8, textcoords="offset points",
                        xytext=(-4 if right else 4, 3), ha="right" if right else "left")
        ax.set_xscale("log")
        ax.set_ylim(-0.03, 1.03)
        ax.set_title(textwrap.fill(text.t("comp_" + key, lang), 45), fontsize=9)
        ax.set_xlabel(_t("funnel_n_promotions" if key in ("share_promosi_talent_pool", "share_promosi_eligible")
                         else "funnel_n_candidates" if key == "share_tanpa_bypass" else "funnel_n_staff", lang), fontsize=8)
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: number(100 * v, lang) + "%"))
    for ax in axes.ravel()[len(comps):]:
        ax.set_visible(False)
    fig.suptitle(text.t("window.funnel_title", lang), x=0.01, ha="left", fontsize=10)
    fig.text(0.01, 0.005, _t("funnel_note", lang), fontsize=8)
    fig.tight_layout(rect=(0, 0.03, 1, 0.97))
    return fig


def box_grid_plot(grid: pd.DataFrame, lang: str = "id") -> plt.Figure:
    """The 9-box as a heat map of counts (rows kinerja 2, 1, 0; columns potential 0, 1, 2; a missing row or column
    counts 0); hidden cells (NaN from a published table, 1–4 and their complements: privacy.mask_grid) read "< 5", and
    so do empty boxes wherever a box is hidden (drawn alike, so that an empty box never tells a hidden one apart)."""
    from merit_lib.domain.rules import NINE_BOX

    if grid.empty:
        return empty_figure(lang, _t("nine_box_title", lang), "no_data")
    setup()
    grid = grid.reindex(index=[2, 1, 0], columns=[0, 1, 2], fill_value=0).astype(float)
    hide = privacy.mask_grid(grid)
    if hide.to_numpy().any():
        hide |= grid.fillna(1) == 0
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
    fig.text(0.01, 0.01, textwrap.fill(text.t("fig_pool_note", lang), 80), fontsize=8)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


def trend_plot(points: pd.DataFrame, lang: str = "id", average: pd.DataFrame | None = None) -> plt.Figure:
    """Index per quarter, each on its own window (report.trend): the line of `points` (one OPD, or the province), its
    95% range shaded where it has one, and the province average dashed beside an OPD; quarters named for readers."""
    from merit_lib.domain.language import period_label

    d = points[pd.to_numeric(points["index"], errors="coerce").notna()] if len(points) else points
    if not len(d):
        return empty_figure(lang, _t("trend", lang), "no_data")
    setup()
    fig, ax = plt.subplots(figsize=(7.5, 3))
    labels = list(d["periode"].astype(str))
    x = np.arange(len(d))
    y = d["index"].astype(float).to_numpy()
    if "index_ci_low" in d and d["index_ci_low"].notna().any():
        ax.fill_between(x, d["index_ci_low"].astype(float), d["index_ci_high"].astype(float), color="#1f4e79", alpha=0.12,
                        lw=0)
    ax.plot(x, y, marker="o", color="#1f4e79")
    for xi, v in zip(x, y):
        ax.annotate(number(v, lang), (xi, v), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
    if average is not None and len(average):
        a = average.set_index(average["periode"].astype(str))["index"].reindex(labels).astype(float)
        ax.plot(x, a.to_numpy(), ls="--", color="#777777", label=_t("average", lang))
        ax.legend(fontsize=8, loc="lower right")
    ax.set_xticks(x, [period_label(p, lang).replace(" ", "\n", 1) for p in labels], fontsize=8)
    ax.set_ylim(0, 100)
    ax.set_ylabel(_t("index", lang))
    ax.set_title(_t("trend", lang), fontsize=10)
    fig.tight_layout()
    return fig


def model_plot(coef: pd.DataFrame, model: str = "logit", lang: str = "id") -> plt.Figure:
    """The main readiness model's odds ratios with 95% ranges, terms named for readers (intercept left out; a term
    estimated with a penalty has no range and is drawn hollow)."""
    from merit_lib.report.views import coefficient_labels

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
    ax.set_yticks(y, coefficient_labels(c["term"], lang))
    ax.set_xlabel(text.t("fig_or_axis", lang))
    # the title spans the figure (not the axes, which the term names push right), wrapped to its width
    fig.suptitle(textwrap.fill(text.t("fig_model_title", lang), 85), x=0.01, ha="left", fontsize=10)
    if (~has).any():
        fig.text(0.01, 0.01, text.t("fig_no_ci", lang), fontsize=8)
    fig.tight_layout(rect=(0, 0.04 if (~has).any() else 0, 1, 1))
    return fig
