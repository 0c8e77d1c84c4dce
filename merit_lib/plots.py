"""Figures for the notebooks and reports (seaborn/matplotlib), labelled in id or en."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from .load import ValidationReport  # noqa: E402

PALETTE = "crest"

_T = {
    "coverage": {"id": "Cakupan profiling dan SKP per OPD", "en": "Profiling and SKP coverage per OPD"},
    "share": {"id": "proporsi pegawai (CI 95%)", "en": "share of staff (95% CI)"},
    "profiling": {"id": "profiling", "en": "profiling"},
    "kinerja": {"id": "SKP 2 tahun", "en": "SKP 2 years"},
    "rejected": {"id": "Baris ditolak menurut aturan", "en": "Rejected rows by rule"},
    "rows": {"id": "jumlah baris", "en": "rows"},
}


def t(key: str, lang: str = "id") -> str:
    """A figure label in the given language."""
    return _T.get(key, {}).get(lang, key)


def setup() -> None:
    """One consistent look for every figure."""
    sns.set_theme(style="whitegrid", context="notebook", font_scale=0.9)


def coverage_plot(cov: pd.DataFrame, lang: str = "id", top: int | None = None) -> plt.Figure:
    """Dot plot of profiling and SKP coverage per OPD with 95% CIs (OPDs under 5 persons left out)."""
    setup()
    d = cov[~cov["suppressed"]].sort_values("coverage_profiling")
    if top:
        d = d.tail(top)
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
