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

PALETTE = "crest"

_T = {
    "coverage": {"id": "Cakupan profiling dan SKP per OPD", "en": "Profiling and SKP coverage per OPD"},
    "share": {"id": "proporsi pegawai (CI 95%)", "en": "share of staff (95% CI)"},
    "profiling": {"id": "profiling", "en": "profiling"},
    "kinerja": {"id": "SKP 2 tahun", "en": "SKP 2 years"},
    "rejected": {"id": "Baris ditolak menurut aturan", "en": "Rejected rows by rule"},
    "rows": {"id": "jumlah baris", "en": "rows"},
    "no_findings": {"id": "tidak ada temuan yang dapat ditampilkan", "en": "no findings to show"},
    "no_data": {"id": "tidak ada data yang dapat ditampilkan", "en": "no data to show"},
}


def t(key: str, lang: str = "id") -> str:
    """A figure label in the given language."""
    return _T.get(key, {}).get(lang, key)


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
    for key, color, dy in (("profiling", "#1f6f8b", -0.15), ("kinerja", "#e07b39", 0.15)):
        mid = d[f"coverage_{key}"]
        err = [(mid - d[f"coverage_{key}_ci_low"]).clip(lower=0), (d[f"coverage_{key}_ci_high"] - mid).clip(lower=0)]
        ax.errorbar(mid, [v + dy for v in y], xerr=err, fmt="o", color=color, ms=4, capsize=2, label=t(key, lang))
    ax.set_yticks(list(y), d["opd_kode"])
    ax.set_xlim(0, 1.02)
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

_T.update({
    "forest": {"id": "{group} vs {reference}", "en": "{group} vs {reference}"},
    "forest_title": {"id": "Rasio odds promosi pada merit yang sama — {attribute}",
                     "en": "Odds ratio of promotion at equal merit — {attribute}"},
    "aor": {"id": "rasio odds terkoreksi merit (IK 95%, skala log)", "en": "merit-adjusted odds ratio (95% CI, log scale)"},
    "left_out": {"id": "Tidak ditampilkan: {small} baris yang angkanya disembunyikan (sel < 5 orang atau pelengkapnya), "
                       "{untested} tidak diuji (data tidak cukup), {infinite} dengan rasio odds 0 atau ∞ (lihat tabel). "
                       "IK dipotong pada {lo:g}–{hi:g}.",
                 "en": "Left out: {small} rows with hidden figures (a cell under 5 persons or its complement), "
                       "{untested} not tested (insufficient data), {infinite} with an odds ratio of 0 or ∞ (see the "
                       "table). CIs clipped at {lo:g}–{hi:g}."},
    "rates_title": {"id": "Tingkat promosi per kelompok — {scope}", "en": "Promotion rate by group — {scope}"},
    "rate": {"id": "tingkat promosi (IK 95% Wilson)", "en": "promotion rate (95% Wilson CI)"},
    "all_at_risk": {"id": "semua pegawai berisiko", "en": "everyone at risk"},
    "qualified": {"id": "hanya talent pool (kesempatan setara)", "en": "talent pool only (equal opportunity)"},
    "ref_suffix": {"id": " (pembanding)", "en": " (reference)"},
})

#: one colour per audit flag, the same in every figure
FLAG_COLORS = {"disparity": "#c0392b", "explained gap": "#e07b39", "no disparity": "#1f6f8b", "insufficient data": "#9e9e9e"}


def forest_plot(findings: pd.DataFrame, attribute: str, lang: str = "id", clip: tuple[float, float] = (0.05, 20.0)
                ) -> plt.Figure:
    """Merit-adjusted odds ratios with 95% CIs per scope (province on top), one panel per group, coloured by flag.

    Rows whose odds ratio is hidden (privacy.publish: a cell of 1–4 persons, or its complement), untested rows and
    odds ratios of 0 or ∞ are left out, and the note says how many; an attribute without findings (one group only)
    gives `empty_figure`."""
    from merit_lib.domain.text import flag_label
    from merit_lib.report import privacy

    d = privacy.publish("findings", findings)
    d = d[d["attribute"] == attribute]
    small = privacy.hidden(d, "findings")["adjusted_odds_ratio"] if len(d) else pd.Series(False, index=d.index)
    groups = list(dict.fromkeys(d["group"]))
    if not groups:   # e.g. an attribute with a single value (a PNS-only extract): nothing to compare
        return empty_figure(lang, t("forest_title", lang).format(attribute=attribute))
    setup()
    aor = {c: pd.to_numeric(d[c]).astype("float64") for c in ("adjusted_odds_ratio", "aor_ci_low", "aor_ci_high")}
    shown = d[~small & (d["flag"] != "insufficient data") & np.isfinite(aor["aor_ci_low"])
              & np.isfinite(aor["aor_ci_high"]) & (aor["adjusted_odds_ratio"] > 0)]
    n_rows = max(1, shown.groupby("group").size().max() if len(shown) else 1)
    fig, axes = plt.subplots(1, len(groups), figsize=(4.2 * len(groups) + 1.5, 0.26 * n_rows + 2.2), squeeze=False,
                             sharex=True)
    lo, hi = clip
    for ax, g in zip(axes[0], groups):
        s = shown[shown["group"] == g]
        s = pd.concat([s[s["scope"] == "PROVINSI"], s[s["scope"] != "PROVINSI"].sort_values("adjusted_odds_ratio")])
        y = np.arange(len(s))[::-1]
        mid = s["adjusted_odds_ratio"].clip(lo, hi).to_numpy()
        err = [mid - s["aor_ci_low"].clip(lo, hi).to_numpy(), s["aor_ci_high"].clip(lo, hi).to_numpy() - mid]
        colors = s["flag"].map(FLAG_COLORS).to_numpy()
        for yi, m, e0, e1, c, prov in zip(y, mid, err[0], err[1], colors, s["scope"] == "PROVINSI"):
            ax.errorbar(m, yi, xerr=[[e0], [e1]], fmt="D" if prov else "o", color=c, ms=6 if prov else 4, capsize=2)
        if s.empty:   # every row of this group was left out (the note says why)
            ax.text(0.5, 0.5, t("no_findings", lang), ha="center", va="center", fontsize=9, color="#555555",
                    transform=ax.transAxes)
        ax.axvline(1, color="black", lw=0.8)
        ax.set_xscale("log")
        ax.set_xlim(lo * 0.9, hi * 1.1)
        ax.set_yticks(list(y), list(s["scope"]))
        ref = d.loc[d["group"] == g, "reference_group"].iloc[0]
        ax.set_title(t("forest", lang).format(group=g, reference=ref))
        ax.set_xlabel(t("aor", lang))
    handles = [plt.Line2D([], [], marker="o", ls="", color=c, label=flag_label(f, lang)) for f, c in FLAG_COLORS.items()
               if f != "insufficient data"]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.07), ncol=3, frameon=False, fontsize=8)
    untested = d[~small & (d["flag"] == "insufficient data")]
    infinite = d[(d["flag"] != "insufficient data") & ~d.index.isin(shown.index) & ~small]
    note = t("left_out", lang).format(small=int(small.sum()), untested=len(untested), infinite=len(infinite),
                                      lo=lo, hi=hi)
    fig.suptitle(t("forest_title", lang).format(attribute=attribute), x=0.02, ha="left")
    fig.text(0.01, 0.005, textwrap.fill(note, int(fig.get_figwidth() * 15)), fontsize=8, ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.14, 1, 0.95))
    return fig


def rates_plot(findings: pd.DataFrame, scope: str = "PROVINSI", lang: str = "id",
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
        return empty_figure(lang, t("rates_title", lang).format(scope=scope))
    setup()
    panels = [_group_rates(d[d["attribute"] == a], lang) for a in attributes]
    fig, axes = plt.subplots(len(panels), 1, figsize=(7.5, sum(0.45 * len(p) + 0.9 for p in panels) + 0.8), squeeze=False,
                             sharex=True, gridspec_kw={"height_ratios": [max(len(p), 1) for p in panels]})
    top = 0.05
    for ax, a, p in zip(axes[:, 0], attributes, panels):
        y = np.arange(len(p))[::-1]
        for (n, k, color, dy, key) in (("n", "k", "#1f6f8b", 0.12, "all_at_risk"), ("nq", "kq", "#e07b39", -0.12, "qualified")):
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
        ax.set_title(a, loc="left", fontsize=10)
    axes[-1, 0].set_xlim(0, min(1.0, top * 1.05))
    axes[-1, 0].set_xlabel(t("rate", lang))
    fig.legend(loc="lower center", ncol=2, frameon=False, fontsize=8)
    fig.suptitle(t("rates_title", lang).format(scope=scope), x=0.02, ha="left")
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

_T.update({
    "nine_box_title": {"id": "Peta talenta 9-kotak: jumlah pegawai per kotak", "en": "9-box talent map: persons per box"},
    "potential": {"id": "potensial", "en": "potential"},
    "performance": {"id": "kinerja", "en": "performance"},
    "box": {"id": "kotak", "en": "box"},
    "rendah": {"id": "rendah", "en": "low"}, "menengah": {"id": "menengah", "en": "medium"},
    "tinggi": {"id": "tinggi", "en": "high"},
    "di bawah ekspektasi": {"id": "di bawah ekspektasi", "en": "below expectations"},
    "sesuai ekspektasi": {"id": "sesuai ekspektasi", "en": "meets expectations"},
    "di atas ekspektasi": {"id": "di atas ekspektasi", "en": "above expectations"},
    "pool_note": {"id": "garis tebal = talent pool (kotak 7, 8, 9); '< 5' = kurang dari 5 orang, angka disembunyikan",
                  "en": "bold border = talent pool (boxes 7, 8, 9); '< 5' = fewer than 5 persons, number hidden"},
    "curve_title": {"id": "Peluang promosi menurut {competency}, per tingkat {kinerja} (model {model})",
                    "en": "Probability of promotion by {competency}, per level of {kinerja} (model {model})"},
    "probability": {"id": "peluang promosi (rata-rata prediksi)", "en": "probability of promotion (average prediction)"},
    "curve_note": {"id": "Setiap garis: semua pegawai yang dimodelkan diberi nilai {competency} dan {kinerja} yang sama, "
                         "variabel lain tetap; asosiasi, bukan sebab-akibat.",
                   "en": "Each line: every modelled person given the same {competency} and {kinerja}, other variables as "
                         "they are; association, not cause."},
    "or_title": {"id": "Rasio odds promosi (CI 95%)", "en": "Odds ratios of promotion (95% CI)"},
    "or_axis": {"id": "rasio odds (skala log; 1 = tidak ada hubungan)", "en": "odds ratio (log scale; 1 = no association)"},
    "ridge_note": {"id": "titik kosong = estimasi berpenalti (ridge), tanpa CI", "en": "hollow point = penalized (ridge) "
                   "estimate, no CI"},
    "cal_title": {"id": "Kalibrasi model {model}: prediksi vs kenyataan per desil", "en": "Calibration of model {model}: "
                  "predicted vs observed by decile"},
    "predicted": {"id": "peluang prediksi (rata-rata desil)", "en": "predicted probability (decile mean)"},
    "observed": {"id": "proporsi dipromosikan (CI 95% Wilson)", "en": "share promoted (95% Wilson CI)"},
    "perfect": {"id": "kalibrasi sempurna", "en": "perfect calibration"},
})

MODEL_COLORS = {"logit": "#1f6f8b", "logit_interaksi": "#e07b39", "gee": "#6a994e"}


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
            value = privacy.SHOWN if hide.loc[perf, pot] else f"{n:,}".replace(",", "." if lang == "id" else ",")
            dark = not hide.loc[perf, pot] and n > 0.6 * counts.to_numpy().max()
            ax.text(j + 0.5, i + 0.5, f"{t('box', lang)} {box}\n{value}", ha="center", va="center", fontsize=10,
                    color="white" if dark else "black")
            if box in R.TALENT_POOL:
                ax.add_patch(plt.Rectangle((j + 0.03, i + 0.03), 0.94, 0.94, fill=False, lw=2.5, color="#c0392b"))
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
    names = {k: curves.attrs.get(k, k) for k in ("competency", "kinerja", "model")}
    if curves.empty or curves["probability"].notna().sum() == 0:
        return empty_figure(lang, t("curve_title", lang).format(**names), "no_data")
    setup()
    d = curves.assign(level=curves["kinerja"].map(lambda v: f"{v:g}" if isinstance(v, float) else str(v)))
    fig, ax = plt.subplots(figsize=(7, 4.5))
    sns.lineplot(d, x="competency", y="probability", hue="level", ax=ax, palette=PALETTE, marker="o", markersize=3)
    ax.set_xlabel(names["competency"])
    ax.set_ylabel(t("probability", lang))
    ax.set_ylim(0, min(1.0, float(d["probability"].max()) * 1.1 + 0.01))
    ax.legend(title=names["kinerja"])
    ax.set_title(textwrap.fill(t("curve_title", lang).format(**names), 70))
    fig.text(0.01, 0.01, textwrap.fill(t("curve_note", lang).format(**names), 110), fontsize=8)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def odds_ratio_plot(coefficients: pd.DataFrame, lang: str = "id", terms: list[str] | None = None,
                    models: list[str] | None = None) -> plt.Figure:
    """Forest plot of odds ratios with 95% CIs per term, one colour per model (intercept left out; log scale)."""
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
            ax.errorbar(mid[has_ci], y[has_ci], xerr=err, fmt="o", color=color, ms=4, capsize=2, label=str(name))
        ax.scatter(mid[~has_ci], y[~has_ci], facecolors="none", edgecolors=color, s=30,
                   label=f"{name} (ridge)" if (~has_ci).any() else None)
    ax.axvline(1, color="black", lw=0.8)
    ax.set_xscale("log")
    ax.set_yticks(range(len(order)), list(reversed(order)))
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
        return empty_figure(lang, t("cal_title", lang).format(model=model), "no_data")
    setup()
    top = float(max(d["predicted"].max(), d["ci_high"].max())) * 1.05
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, top], [0, top], ls="--", color="#888888", lw=1, label=t("perfect", lang))
    err = [(d["observed"] - d["ci_low"]).clip(lower=0), (d["ci_high"] - d["observed"]).clip(lower=0)]
    ax.errorbar(d["predicted"], d["observed"], yerr=err, fmt="o", color=MODEL_COLORS.get(model, "#1f6f8b"), capsize=2,
                label=model)
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel(t("predicted", lang))
    ax.set_ylabel(t("observed", lang))
    ax.set_title(textwrap.fill(t("cal_title", lang).format(model=model), 50))
    ax.legend(loc="upper left")
    fig.tight_layout()
    return fig
