"""Figures for the notebooks and reports (seaborn/matplotlib), labelled in id or en."""

from __future__ import annotations

import sys
import textwrap

import matplotlib

if "ipykernel" not in sys.modules:  # scripts and the CLI draw off-screen; notebooks keep their inline backend
    matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from merit_lib.data.extract import ValidationReport  # noqa: E402
from merit_lib.domain import codes, text  # noqa: E402
from merit_lib.domain import language as L  # noqa: E402

PALETTE = "crest"

def t(key: str, lang: str = "id") -> str:
    """A figure label in the given language (the catalogue's FIGURES section, `text.t("fig.<key>")`)."""
    return text.t("fig." + key, lang)


LOG_TICKS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100)


def plain_log_axis(ax: plt.Axes, lang: str = "id", axis: str = "x", candidates: tuple[float, ...] = LOG_TICKS) -> None:
    """A log axis labelled with plain numbers in the language's format (0,1 · 0,5 · 1 · 2 · 10), not 10⁻¹; the ticks
    are those of `candidates` within the axis' limits."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter

    lo, hi = (ax.get_xlim() if axis == "x" else ax.get_ylim())
    ticks = [v for v in candidates if lo <= v <= hi] or [1]
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(FixedLocator(ticks))
    target.set_major_formatter(FuncFormatter(lambda v, _pos: L.number(v, lang, max(0, -int(np.floor(np.log10(v))))
                                                                      if v > 0 else 0)))
    target.set_minor_formatter(NullFormatter())


#: no text in a figure is smaller than this (points; figures are drawn at 100 dpi): 11 px on a page, at least 8 px on a
#: phone, where a figure keeps html.MIN_FIGURE_SCALE of its size
SMALLEST_FONT_PT = 8


def setup() -> None:
    """One consistent look for every figure."""
    sns.set_theme(style="whitegrid", context="notebook", font_scale=0.9)


def empty_figure(lang: str = "id", title: str | None = None, key: str = "no_findings") -> plt.Figure:
    """A small figure saying there is nothing to show (`no_findings` or `no_data`), under the figure's title if given.

    Every plotting function returns this for an input with nothing to draw, so that a notebook never fails on an
    extract without (testable) groups, OPDs or model terms."""
    setup()
    fig, ax = plt.subplots(figsize=(6.5, 1.6))
    ax.set_axis_off()
    ax.text(0.5, 0.45, t(key, lang), ha="center", va="center", fontsize=10, color="#555555", transform=ax.transAxes)
    if title:
        ax.set_title(textwrap.fill(title, 80), loc="left", fontsize=10)
    fig.tight_layout()
    return fig


def coverage_plot(cov: pd.DataFrame, lang: str = "id", top: int | None = None) -> plt.Figure:
    """Dot plot of profiling and SKP coverage per OPD with 95% CIs (OPDs of 1–4 persons left out: privacy.too_small)."""
    from merit_lib.report import privacy

    small = privacy.too_small(cov["n_pegawai"]) if "n_pegawai" in cov else np.zeros(len(cov), bool)
    d = cov[~small].sort_values("coverage_profiling")
    if top:
        d = d.tail(top)
    if d.empty:
        return empty_figure(lang, t("coverage", lang), "no_data")
    setup()
    fig, ax = plt.subplots(figsize=(8, max(3, 0.25 * len(d) + 1)))
    y = range(len(d))
    for key, color, dy in (("profiling", "#0072B2", -0.15), ("kinerja", "#E69F00", 0.15)):
        mid = d[f"coverage_{key}"]
        err = [(mid - d[f"coverage_{key}_ci_low"]).clip(lower=0), (d[f"coverage_{key}_ci_high"] - mid).clip(lower=0)]
        ax.errorbar(mid, [v + dy for v in y], xerr=err, fmt="o", color=color, ms=4, capsize=2, label=t(key, lang))
    ax.set_yticks(list(y), d["opd_kode"])
    ax.set_xlim(0, 1.02)
    ax.xaxis.set_major_formatter(_percent_formatter(lang))
    ax.set_xlabel(t("share", lang))
    ax.set_title(t("coverage", lang))
    ax.legend(loc="lower left")
    fig.tight_layout()
    return fig


def rejected_plot(report: ValidationReport, lang: str = "id") -> plt.Figure | None:
    """Bar chart of rejected rows per rule and table (None when nothing was rejected)."""
    counts = report.rule_counts()
    if counts.empty:
        return None
    setup()
    fig, ax = plt.subplots(figsize=(7, max(2.5, 0.35 * len(counts) + 1)))
    sns.barplot(counts, y="rule", x="rows", hue="table", ax=ax, palette=PALETTE)
    ax.set_xlabel(t("rows", lang))
    ax.set_ylabel("")
    ax.set_title(t("rejected", lang))
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- fairness audit (merit_lib.analysis.fairness)

#: one colour per verdict, the same in every figure: the Okabe–Ito palette, safe for colour-blind readers
FLAG_COLORS = {codes.DISPARITY: "#D55E00", codes.MINOR: "#CC79A7", codes.EXPLAINED: "#0072B2",
               codes.INCONCLUSIVE: "#E69F00", codes.NO_DISPARITY: "#009E73", codes.INSUFFICIENT: "#999999"}
#: and one marker shape per verdict, so a verdict never rests on colour alone
FLAG_MARKERS = {codes.DISPARITY: "s", codes.MINOR: "v", codes.EXPLAINED: "^", codes.INCONCLUSIVE: "D",
                codes.NO_DISPARITY: "o", codes.INSUFFICIENT: "x"}


def forest_plot(findings: pd.DataFrame, attribute: str, lang: str = "id", clip: tuple[float, float] = (0.05, 20.0)
                ) -> plt.Figure:
    """Merit-adjusted odds ratios with 95% CIs per scope (province on top), one panel per group, coloured by flag.

    Rows whose odds ratio is hidden (privacy.publish: a cell of 1–4 persons, or its complement), untested rows and
    odds ratios of 0 or ∞ are left out, and the note says how many; an attribute without findings (one group only)
    gives `empty_figure`."""
    from merit_lib.analysis.fairness.result import scope_name
    from merit_lib.domain.text import flag_label, term_label
    from merit_lib.report import privacy

    d = privacy.publish("findings", findings)
    d = d[d["attribute"] == attribute]
    title = t("forest_title", lang).format(attribute=term_label(attribute, lang))
    small = privacy.hidden(d, "findings")["adjusted_odds_ratio"] if len(d) else pd.Series(False, index=d.index)
    groups = list(dict.fromkeys(d["group"]))
    if not groups:   # e.g. an attribute with a single value (a PNS-only extract): nothing to compare
        return empty_figure(lang, title)
    setup()
    aor = {c: pd.to_numeric(d[c]).astype("float64") for c in ("adjusted_odds_ratio", "aor_ci_low", "aor_ci_high")}
    shown = d[~small & (d["flag"] != codes.INSUFFICIENT) & np.isfinite(aor["aor_ci_low"])
              & np.isfinite(aor["aor_ci_high"]) & (aor["adjusted_odds_ratio"] > 0)]
    n_rows = max(1, shown.groupby("group").size().max() if len(shown) else 1)
    untested = d[~small & (d["flag"] == codes.INSUFFICIENT)]
    infinite = d[(d["flag"] != codes.INSUFFICIENT) & ~d.index.isin(shown.index) & ~small]
    lo, hi = clip
    note = t("left_out", lang).format(small=L.number(int(small.sum()), lang), untested=L.number(len(untested), lang),
                                      infinite=L.number(len(infinite), lang), lo=L.number(lo, lang, 2),
                                      hi=L.number(hi, lang))
    # the height in inches: title and panel titles on top; rows; then tick labels, the shared x label, the legend in
    # two rows and the note at the bottom, each in a band of its own so nothing overprints
    width = 4.4 * len(groups) + 2.6
    note = textwrap.fill(note, int(width * 14))
    note_in, legend_in, xlabel_in, top_in = 0.16 * (note.count("\n") + 1) + 0.08, 0.42, 0.24, 0.3
    height = top_in + 0.27 * n_rows + 1.2 + note_in + legend_in + xlabel_in   # 1.2: panel titles and tick labels
    fig, axes = plt.subplots(1, len(groups), figsize=(width, height), squeeze=False, sharex=True)
    for ax, g in zip(axes[0], groups):
        s = shown[shown["group"] == g]
        s = pd.concat([s[s["scope"] == codes.PROVINCE], s[s["scope"] != codes.PROVINCE].sort_values("adjusted_odds_ratio")])
        y = np.arange(len(s))[::-1]
        mid = s["adjusted_odds_ratio"].clip(lo, hi).to_numpy()
        err = [mid - s["aor_ci_low"].clip(lo, hi).to_numpy(), s["aor_ci_high"].clip(lo, hi).to_numpy() - mid]
        for yi, m, e0, e1, f, prov in zip(y, mid, err[0], err[1], s["flag"], s["scope"] == codes.PROVINCE):
            ax.errorbar(m, yi, xerr=[[e0], [e1]], fmt=FLAG_MARKERS.get(f, "o"), color=FLAG_COLORS.get(f, "#555555"),
                        ms=7 if prov else 5, mec="black" if prov else FLAG_COLORS.get(f, "#555555"), capsize=2)
        if s.empty:   # every row of this group was left out (the note says why)
            ax.text(0.5, 0.5, t("no_findings", lang), ha="center", va="center", fontsize=9, color="#555555",
                    transform=ax.transAxes)
        ax.axvline(1, color="black", lw=0.8)
        ax.set_xscale("log")
        ax.set_xlim(lo * 0.9, hi * 1.1)
        plain_log_axis(ax, lang, candidates=(0.1, 0.5, 1, 2, 10))
        labels = s["scope_label"] if "scope_label" in s else pd.Series(pd.NA, index=s.index)
        ax.set_yticks(list(y), [_short(scope_name(c, n, lang)) for c, n in zip(s["scope"], labels)])
        ref = d.loc[d["group"] == g, "reference_group"].iloc[0]
        ax.set_title(textwrap.fill(t("forest", lang).format(group=g, reference=ref), 40), fontsize=10)
    handles = [plt.Line2D([], [], marker=FLAG_MARKERS[f], ls="", color=c, label=flag_label(f, lang))
               for f, c in FLAG_COLORS.items() if f != codes.INSUFFICIENT]
    fig.suptitle(title, x=0.02, y=1 - 0.05 / height, ha="left", va="top").set_in_layout(False)   # in its own band
    fig.text(0.01, 0.05 / height, note, fontsize=8, ha="left", va="bottom")
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, (0.05 + note_in) / height), ncol=2,
               frameon=False, fontsize=8)
    fig.supxlabel(t("aor", lang), y=(0.05 + note_in + legend_in) / height, va="bottom", fontsize=9).set_in_layout(False)
    fig.tight_layout(rect=(0, (0.05 + note_in + legend_in + xlabel_in) / height, 1, 1 - top_in / height))
    return fig


def _short(name: str, limit: int = 28) -> str:
    """A long name cut to `limit` characters with an ellipsis (a figure's row label)."""
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def _scope_title(findings: pd.DataFrame, scope: str, lang: str) -> str:
    """The scope of a figure in words: "Provinsi"/"Province", or the OPD's name (from the findings' scope_label)."""
    from merit_lib.analysis.fairness.result import scope_name

    labels = findings.loc[findings["scope"] == scope, "scope_label"] if "scope_label" in findings else pd.Series([])
    return scope_name(scope, labels.dropna().iloc[0] if labels.notna().any() else None, lang)


def rates_plot(findings: pd.DataFrame, scope: str = codes.PROVINCE, lang: str = "id",
               attributes: list[str] | None = None) -> plt.Figure:
    """Promotion rate with its Wilson 95% CI per group, everyone at risk and the talent pool only, one panel per attribute.

    A group whose counts are hidden (privacy.publish) is shown as "< 5" without a number; attributes without findings
    in the scope are left out, and with none at all the figure is `empty_figure`."""
    from merit_lib.analysis.stats import wilson
    from merit_lib.report import privacy

    d = privacy.publish("findings", findings)
    d = d[d["scope"] == scope]
    attributes = [a for a in (attributes or dict.fromkeys(d["attribute"])) if (d["attribute"] == a).any()]
    if not attributes:
        return empty_figure(lang, t("rates_title", lang).format(scope=_scope_title(findings, scope, lang)))
    setup()
    panels = [_group_rates(d[d["attribute"] == a], lang) for a in attributes]
    fig, axes = plt.subplots(len(panels), 1, figsize=(7.5, sum(0.45 * len(p) + 0.9 for p in panels) + 0.8), squeeze=False,
                             sharex=True, gridspec_kw={"height_ratios": [max(len(p), 1) for p in panels]})
    top = 0.05
    for ax, a, p in zip(axes[:, 0], attributes, panels):
        y = np.arange(len(p))[::-1]
        for (n, k, color, dy, key) in (("n", "k", "#0072B2", 0.12, "all_at_risk"), ("nq", "kq", "#E69F00", -0.12, "qualified")):
            rate = p[k] / p[n].where(p[n] > 0)
            low, high = wilson(p[k].fillna(0), p[n].fillna(0))
            ok = rate.notna().to_numpy()
            top = max(top, float(np.nanmax(high[ok], initial=0)))
            ax.errorbar(rate[ok], y[ok] + dy, xerr=[(rate - low)[ok].clip(lower=0), (high - rate)[ok].clip(lower=0)],
                        fmt="o", color=color, ms=4, capsize=2, label=t(key, lang) if ax is axes[0, 0] else None)
            for yi in y[p[n].isna().to_numpy()]:   # hidden (at risk, or in the talent pool)
                ax.text(0.003, yi + dy, privacy.SHOWN, va="center", fontsize=8, color=color)
        ax.set_yticks(list(y), list(p["label"]))
        ax.set_ylim(-0.6, len(p) - 0.4)
        ax.set_title(text.term_label(a, lang), loc="left", fontsize=10)
    axes[-1, 0].set_xlim(0, min(1.0, top * 1.05))
    axes[-1, 0].xaxis.set_major_formatter(_percent_formatter(lang))
    axes[-1, 0].set_xlabel(t("rate", lang))
    fig.legend(loc="lower center", ncol=2, frameon=False, fontsize=8)
    fig.suptitle(t("rates_title", lang).format(scope=_scope_title(d, scope, lang)), x=0.02, ha="left")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def _group_rates(d: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The reference group then every other group of one attribute: counts at risk and in the talent pool."""
    if d.empty:
        return pd.DataFrame(columns=["label", "n", "k", "nq", "kq"])
    r = d.iloc[0]
    rows = [(str(r["reference_group"]) + t("ref_suffix", lang), r["n_reference"], r["promoted_reference"],
             r["n_qualified_reference"], r["promoted_qualified_reference"])]
    rows += list(zip(d["group"].astype(str), d["n_group"], d["promoted_group"], d["n_qualified_group"],
                     d["promoted_qualified_group"]))
    out = pd.DataFrame(rows, columns=["label", "n", "k", "nq", "kq"])
    return out.assign(**{c: pd.to_numeric(out[c]).astype("float64") for c in ("n", "k", "nq", "kq")})


# --------------------------------------------------------------------------- readiness models (merit_lib.analysis.model)

MODEL_COLORS = {"logit": "#0072B2", "logit_interaksi": "#E69F00", "gee": "#009E73"}


def nine_box_plot(frame: pd.DataFrame, lang: str = "id") -> plt.Figure:
    """Heat map of persons per 9-box cell (rows kinerja, columns potential), box numbers; '< 5' for empty cells, cells
    of 1–4 and their complements (privacy.mask_grid)."""
    from merit_lib.analysis import talent as T
    from merit_lib.domain import rules as R
    from merit_lib.report import privacy

    d = frame[frame["kinerja_level"].notna() & frame["potensi_level"].notna()]
    if d.empty:
        return empty_figure(lang, t("nine_box_title", lang), "no_data")
    setup()
    counts = pd.crosstab(d["kinerja_level"].astype(int), d["potensi_level"].astype(int)).reindex(
        index=[2, 1, 0], columns=[0, 1, 2], fill_value=0)
    hide = privacy.mask_grid(counts, zeros=True)
    shown = counts.astype(float).where(~hide)
    fig, ax = plt.subplots(figsize=(6.4, 5))
    values = shown.to_numpy()[shown.notna().to_numpy()]   # the colour scale of the cells shown (none: any scale)
    lo, hi = (float(values.min()), float(values.max())) if len(values) else (0.0, 1.0)
    sns.heatmap(shown, ax=ax, cmap=PALETTE, cbar=False, linewidths=1, linecolor="white", mask=shown.isna(), vmin=lo,
                vmax=hi)
    ax.set_facecolor("#eeeeee")
    ax.grid(False)
    for i, perf in enumerate(counts.index):
        for j, pot in enumerate(counts.columns):
            n = int(counts.loc[perf, pot])
            box = R.NINE_BOX[(perf, pot)]
            value = privacy.SHOWN if hide.loc[perf, pot] else L.number(n, lang)
            dark = not hide.loc[perf, pot] and n > 0.6 * counts.to_numpy().max()
            ax.text(j + 0.5, i + 0.5, f"{t('box', lang)} {box}\n{value}", ha="center", va="center", fontsize=10,
                    color="white" if dark else "black")
            if box in R.TALENT_POOL:
                ax.add_patch(plt.Rectangle((j + 0.03, i + 0.03), 0.94, 0.94, fill=False, lw=2.5, color="#D55E00"))
    ax.set_xticks([0.5, 1.5, 2.5], [t(x, lang) for x in T.POTENTIAL_LABELS])
    ax.set_yticks([0.5, 1.5, 2.5], [t(x, lang) for x in reversed(T.PERFORMANCE_LABELS)], rotation=0)
    ax.set_xlabel(t("potential", lang))
    ax.set_ylabel(t("performance", lang))
    ax.set_title(t("nine_box_title", lang))
    fig.text(0.01, 0.01, t("pool_note", lang), fontsize=8)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def probability_curve_plot(curves: pd.DataFrame, lang: str = "id") -> plt.Figure:
    """Average predicted probability against competency, one line per kinerja level (from ReadinessModels.probability_curves)."""
    names = {k: text.term_label(str(curves.attrs.get(k, k)), lang) for k in ("competency", "kinerja", "model")}
    if curves.empty or curves["probability"].notna().sum() == 0:
        return empty_figure(lang, t("curve_title", lang).format(**names), "no_data")
    setup()
    d = curves.assign(level=curves["kinerja"].map(lambda v: L.number(v, lang, 0 if float(v).is_integer() else 1)
                                                  if isinstance(v, float) else str(v)))
    fig, ax = plt.subplots(figsize=(7, 4.5))
    sns.lineplot(d, x="competency", y="probability", hue="level", ax=ax, palette=PALETTE, marker="o", markersize=3)
    ax.set_xlabel(names["competency"])
    ax.set_ylabel(t("probability", lang))
    ax.set_ylim(0, min(1.0, float(d["probability"].max()) * 1.1 + 0.01))
    ax.yaxis.set_major_formatter(_percent_formatter(lang))
    ax.legend(title=names["kinerja"])
    ax.set_title(textwrap.fill(t("curve_title", lang).format(**names), 70))
    fig.text(0.01, 0.01, textwrap.fill(t("curve_note", lang).format(**names), 110), fontsize=8)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def odds_ratio_plot(coefficients: pd.DataFrame, lang: str = "id", terms: list[str] | None = None,
                    models: list[str] | None = None, references: dict[str, str] | None = None) -> plt.Figure:
    """Forest plot of odds ratios with 95% CIs per term, one colour per model (intercept left out; log scale).

    Terms read as words (`text.term_label`): a level against its reference where `references` (column → reference
    level; default `coefficients.attrs["references"]`) names it, e.g. "Fungsional (dibanding Pelaksana)"."""
    c = coefficients[(coefficients["term"] != "Intercept") & coefficients["odds_ratio"].notna()]
    if models:
        c = c[c["model"].isin(models)]
    order = terms or list(dict.fromkeys(c["term"]))
    c = c[c["term"].isin(order)]
    if c.empty:
        return empty_figure(lang, t("or_title", lang), "no_data")
    setup()
    fig, ax = plt.subplots(figsize=(8, 0.42 * len(order) + 1.8))
    names = list(dict.fromkeys(c["model"]))
    for k, (name, part) in enumerate(c.groupby("model", sort=False)):
        y = np.array([len(order) - 1 - order.index(x) for x in part["term"]]) - (k - (len(names) - 1) / 2) * 0.22
        color = MODEL_COLORS.get(str(name), "#555555")
        has_ci = part["ci_low"].notna().to_numpy()
        mid = part["odds_ratio"].to_numpy()
        err = [(mid - part["ci_low"].to_numpy())[has_ci], (part["ci_high"].to_numpy() - mid)[has_ci]]
        if has_ci.any():
            ax.errorbar(mid[has_ci], y[has_ci], xerr=err, fmt="o", color=color, ms=4, capsize=2,
                        label=text.term_label(str(name), lang))
        ax.scatter(mid[~has_ci], y[~has_ci], facecolors="none", edgecolors=color, s=30,
                   label=text.term_label(str(name), lang) + t("ridge_suffix", lang) if (~has_ci).any() else None)
    ax.axvline(1, color="black", lw=0.8)
    ax.set_xscale("log")
    plain_log_axis(ax, lang)
    refs = references if references is not None else coefficients.attrs.get("references", {})
    ax.set_yticks(range(len(order)), [_term(x, lang, refs) for x in reversed(order)])
    ax.set_xlabel(t("or_axis", lang))
    ax.set_title(t("or_title", lang))
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="best", fontsize=8)
    if c["ci_low"].isna().any():
        fig.text(0.01, 0.01, t("ridge_note", lang), fontsize=8)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def calibration_plot(calibration: pd.DataFrame, model: str = "logit", lang: str = "id") -> plt.Figure:
    """Observed share promoted (Wilson 95% CI) against the mean prediction per decile, with the diagonal (deciles of
    1–4 persons left out: privacy.too_small)."""
    from merit_lib.report import privacy

    d = calibration[calibration["model"] == model] if "model" in calibration else calibration
    d = d[~privacy.too_small(d["n"]) & d["observed"].notna()]
    if d.empty:
        return empty_figure(lang, t("cal_title", lang).format(model=text.term_label(model, lang)), "no_data")
    setup()
    top = float(max(d["predicted"].max(), d["ci_high"].max())) * 1.05
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, top], [0, top], ls="--", color="#888888", lw=1, label=t("perfect", lang))
    err = [(d["observed"] - d["ci_low"]).clip(lower=0), (d["ci_high"] - d["observed"]).clip(lower=0)]
    ax.errorbar(d["predicted"], d["observed"], yerr=err, fmt="o", color=MODEL_COLORS.get(model, "#0072B2"), capsize=2,
                label=text.term_label(model, lang))
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel(t("predicted", lang))
    ax.set_ylabel(t("observed", lang))
    ax.xaxis.set_major_formatter(_percent_formatter(lang))
    ax.yaxis.set_major_formatter(_percent_formatter(lang))
    ax.set_title(textwrap.fill(t("cal_title", lang).format(model=text.term_label(model, lang)), 50))
    ax.legend(loc="upper left")
    fig.tight_layout()
    return fig


def _percent_formatter(lang: str):
    """Tick labels of a 0–1 axis as percentages in the language's format (`25 %` in Indonesian)."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: L.percent(v, lang, 0))


def _term(term: str, lang: str, references: dict[str, str]) -> str:
    """A model term for a reader, against its column's reference level when known."""
    from merit_lib.analysis.model.results import split_term

    column, _ = split_term(term)
    return text.term_label(term, lang, references.get(column))
