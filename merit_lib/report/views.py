"""What the report notebooks read: the published tables of a period, and display-ready views of them.

Every table is read through `privacy.publish` (a no-op for a table the pipeline already published), so a page
never sees a number the period folder may not show; hidden numbers read "< 5" (`privacy.display`)."""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from merit_lib.analysis.compliance import SHARE_COUNTS
from merit_lib.analysis.ledger import ledger_text
from merit_lib.domain import language, text
from merit_lib.domain.text import COLUMNS, column
from merit_lib.report import privacy


@dataclass
class Tables:
    """The published tables of one period (aggregates only, small cells and their complements hidden)."""

    compliance: pd.DataFrame
    findings: pd.DataFrame
    model_coefficients: pd.DataFrame
    validation: pd.DataFrame
    talent_box: pd.DataFrame
    readiness: pd.DataFrame
    promotions: pd.DataFrame
    checks: pd.DataFrame
    ledger: pd.DataFrame
    meta: dict
    #: candidates passed over per OPD and target level (empty for a period folder written before it was published)
    bypassed_by_level: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: each OPD's index and tier in the last quarters, each on its own window (report.trend; empty when absent)
    trend: pd.DataFrame = field(default_factory=pd.DataFrame)

    def opd(self, code: str) -> pd.Series:
        """The compliance row of one OPD; a clear error if the OPD is not in this period's data."""
        row = self.compliance[self.compliance["opd_kode"] == code]
        if row.empty:
            raise ValueError(f"OPD '{code}' tidak ada dalam data periode {self.meta.get('period')} "
                             f"(ada: {', '.join(sorted(self.compliance['opd_kode'])[:8])} …)")
        return row.iloc[0]



@functools.lru_cache(maxsize=8)
def _read(tables_dir: str, content: str) -> Tables:
    d = Path(tables_dir)
    read = functools.partial(pd.read_csv, dtype={"opd_kode": str, "scope": str})
    meta_file = d / "run_meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    audit_meta = d / "audit_meta.json"
    if audit_meta.exists():
        meta["audit"] = json.loads(audit_meta.read_text(encoding="utf-8"))
    names = ("compliance", "findings", "model_coefficients", "validation", "talent_box", "readiness", "promotions",
             "checks", "promotions_ledger")
    by_level = d / f"{privacy.BY_LEVEL}.csv"
    levels = privacy.publish(privacy.BY_LEVEL, read(by_level)) if by_level.exists() else pd.DataFrame()
    trend = read(d / "trend.csv") if (d / "trend.csv").exists() else pd.DataFrame()
    return Tables(*(privacy.publish(n, read(d / f"{n}.csv")) for n in names), meta, levels, trend)


def _digest(parts: list[bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:16]


def load_tables(tables_dir: Path | str) -> Tables:
    """The tables a quarterly run computed (cached by their content, so a warm kernel reads them once and never stale)."""
    d = Path(tables_dir)
    if not (d / "compliance.csv").exists():
        raise FileNotFoundError(f"{d}: tidak ada compliance.csv — jalankan `merit report` atau beri data_path")
    files = sorted([*d.glob("*.csv"), *d.glob("*.json")])
    return _read(str(d.resolve()), _digest([f.name.encode() + f.read_bytes() for f in files]))


def _code_digest() -> str:
    """A hash of this package's source: computed tables cached by an older code are never reused."""
    root = Path(__file__).resolve().parent.parent
    return _digest([p.read_bytes() for p in sorted(root.rglob("*.py"))])


def tables_for(tables_dir: Path | str | None, data_path: Path | str | None, period: str, lang: str = "id") -> Tables:
    """Computed tables from `tables_dir`, or computed now from `data_path` (the small demo extract when both are None).

    Tables computed from `data_path` are cached in the temporary folder under a key made of the input files' content
    (not their path), the period, the language and the code, so an edited extract is always recomputed. Kernels that
    ask for the same tables at once compute them once: the others wait for them (a lock beside the cache entry).
    """
    if tables_dir:
        return load_tables(tables_dir)
    from merit_lib.data.extract import find_sources, sha256
    from merit_lib.data.lockfile import LockFile
    from merit_lib.report.pipeline import compute
    from merit_lib.synth import demo_path

    data = Path(data_path) if data_path else demo_path()
    inputs = sorted(f"{s.content_key()}:{sha256(s.path)}" for s in find_sources(data).values())
    key = _digest([*(i.encode() for i in inputs), f"{period}|{lang}".encode(), _code_digest().encode()])
    target = Path(tempfile.gettempdir()) / f"merit_tables_{key}"
    if not (target / "compliance.csv").exists():
        lock = LockFile(target.parent / f".{target.name}.lock", "computing the tables of a notebook")
        lock.wait()                                 # another kernel computes them: wait (a dead one lets go)
        try:
            if not (target / "compliance.csv").exists():
                stage = Path(tempfile.mkdtemp(prefix=f"merit_tables_{key}.", dir=target.parent))
                compute(data, period, stage, lang)
                try:
                    stage.rename(target)
                except OSError:    # another process finished the same tables first: theirs are identical
                    shutil.rmtree(stage, ignore_errors=True)
        finally:
            lock.release()
    return load_tables(target)


def box_grid(talent_box: pd.DataFrame, scope: str) -> pd.DataFrame:
    """3 × 3 grid of counts (rows: kinerja high → low; columns: potential low → high) for one scope; hidden cells NaN."""
    from merit_lib.domain import rules as R

    t = privacy.publish("talent_box", talent_box)
    t = t[(t["scope"] == scope) & t["kotak"].notna()]
    counts = pd.Series(pd.to_numeric(t["n"]).astype("float64").to_numpy(), index=t["kotak"].astype(int).to_numpy())
    grid = pd.DataFrame(0.0, index=[2, 1, 0], columns=[0, 1, 2])
    for (kin, pot), box in R.NINE_BOX.items():
        grid.loc[kin, pot] = counts.get(box, 0.0)
    return grid


def promotion_summary(tables: Tables, scope: str) -> pd.DataFrame:
    """Promotions of one scope by move and readiness ("< 5" where hidden; empty cells and a wholly hidden scope left out)."""
    p = privacy.publish("promotions", tables.promotions)
    p = p[p["scope"] == scope]
    shown = p["n"].notna()
    if not shown.any():
        return p.iloc[0:0][["level_awal", "jenis_jabatan_akhir", "kesiapan", "n"]]
    p = p[~shown | (p["n"] > 0)].sort_values("n", ascending=False, na_position="last", kind="stable")
    return privacy.display(p, "promotions")[["level_awal", "jenis_jabatan_akhir", "kesiapan", "n"]].reset_index(drop=True)


def _pct(x: float, lang: str = "id") -> str:
    return "–" if pd.isna(x) else language.percent(x, lang, 0)


def province_indicators(comp: pd.DataFrame) -> pd.Series:
    """The province's value of each indicator, pooled from the OPDs' published counts (staff for coverage, promotions
    for shares): an OPD whose count is hidden is left out of numerator and denominator alike."""
    out = {}
    for c, (num, den) in SHARE_COUNTS.items():
        ok = comp[num].notna() & comp[den].notna()
        top, bottom = comp.loc[ok, num].sum(), comp.loc[ok, den].sum()
        out[c] = top / bottom if bottom else float("nan")
    return pd.Series(out)


def _hidden_row(row: pd.Series) -> pd.Series:
    """Which numbers of one published compliance row are hidden."""
    return privacy.hidden(row.to_frame().T, "compliance").iloc[0]


def quality_text(row: pd.Series, tables: Tables, lang: str = "id") -> str:
    """Data-quality counts for an OPD page: its coverage and the province's rejected rows."""
    rejected = sum(tables.meta.get("rows_rejected", {}).values())
    read = sum(tables.meta.get("rows_read", {}).values())
    no_prof = int(row["n_pegawai"] - round(row["coverage_profiling"] * row["n_pegawai"]))
    ledger = ledger_text(tables.ledger, row["opd_kode"], lang)
    if tables.meta.get("siasn"):    # read from a SIASN folder: its persons kept and left out follow the ledger line
        from merit_lib.data.siasn import quality_line

        ledger += f"\n- {quality_line(tables.meta['siasn'], lang)}"
    lines = [text.t("q_no_assessment", lang, n=language.number(no_prof, lang)),
             text.t("q_skp", lang, pct=language.percent(row["coverage_kinerja"], lang)), ledger,
             text.t("q_rejected", lang, n=language.number(rejected, lang), total=language.number(read, lang))]
    return "\n".join(f"- {line}" for line in lines)


def province_text(tables: Tables, lang: str = "id") -> str:
    """Headline figures of the province (HTML): staff, OPDs, promotions in the window and in the quarter, OPDs per tier,
    the province average, disparity findings, and the window the verdicts rest on."""
    from merit_lib.analysis.tiers import TIERS
    from merit_lib.report.opd_summary import province_index

    c = privacy.publish("compliance", tables.compliance)
    tiers = c["tier"].value_counts() if "tier" in c else pd.Series(dtype=int)
    tier_txt = ", ".join(f"{text.t('window.' + t, lang)} {language.number(tiers[t], lang)}" for t in TIERS if t in tiers)
    flags = int((tables.findings["flag"] == "disparity").sum())
    n_peg = tables.meta.get("n_pegawai", int(c["n_pegawai"].sum()))
    n_pro = tables.meta.get("n_promosi", int(c["n_promosi"].sum()))
    window = tables.meta.get("window")
    return text.t("prov_headline", lang, n_pegawai=language.number(n_peg, lang), n_opd=language.number(len(c), lang),
                  n_promosi=language.number(n_pro, lang),
                  n_quarter=language.number(tables.meta.get("n_promosi_triwulan", 0), lang),
                  period=language.period_label(tables.meta.get("period"), lang),
                  window=html.escape(language.window_label(window, lang) if window else ""),
                  tiers=html.escape(tier_txt), average=language.number(province_index(c), lang),
                  flags=language.number(flags, lang))


def compliance_view(comp: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """The compliance table for reading: percentages, index with its range, hidden numbers "< 5"."""
    cols = ["opd_kode", "opd_nama", "n_pegawai", "n_promosi", "coverage_profiling", "share_promosi_talent_pool",
            "share_promosi_eligible", "n_bypassed", "fairness_flags", "index", "index_ci_low", "index_ci_high",
            "category"]
    pub = privacy.publish("compliance", comp).reset_index(drop=True)
    hid = privacy.hidden(pub, "compliance")
    v = pub[cols].astype(object)
    for c in ("coverage_profiling", "share_promosi_talent_pool", "share_promosi_eligible"):
        v[c] = pub[c].map(lambda x: _pct(x, lang))
    for c in ("n_pegawai", "n_promosi", "n_bypassed", "fairness_flags"):
        v[c] = pub[c].map(lambda x: "–" if pd.isna(x) else language.number(x, lang))
    whole = lambda x: "–" if pd.isna(x) else language.number(x, lang)  # noqa: E731
    v["index"] = pub["index"].map(whole) + " (" + pub["index_ci_low"].map(whole) + "–" + pub["index_ci_high"].map(whole) + ")"
    v = v.drop(columns=["index_ci_low", "index_ci_high"])
    v["category"] = pub["category"].map(lambda x: "–" if pd.isna(x) else text.category(str(x), lang))
    for c in v.columns:
        if c in hid:
            v.loc[hid[c].to_numpy(), c] = privacy.SHOWN
    return v


def model_view(coef: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Odds ratios of every model, rounded, intercept left out."""
    v = coef[~coef["term"].str.contains("Intercept", case=False, na=False)].copy()
    for c in ("odds_ratio", "ci_low", "ci_high", "auc"):
        v[c] = v[c].map(lambda x: "–" if pd.isna(x) else language.number(x, lang, 2))
    v["p_value"] = v["p_value"].map(lambda x: "–" if pd.isna(x) else language.p_value(x, lang))
    for c in ("model", "term"):
        v[c] = v[c].map(lambda x: text.term_label(str(x), lang) if isinstance(x, str) else x)
    if "method" in v:
        v["method"] = v["method"].map(lambda x: text.t(f"methods.{x}", lang, scope="OPD") if x in text.MODEL_METHODS else x)
    return v.reset_index(drop=True)


def flag_counts(findings: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """How many (scope, group) tests got each flag, province and OPDs apart."""
    f = findings.assign(level=lambda d: d["scope"].where(d["scope"] == "PROVINSI", "OPD"))
    out = f.groupby(["level", "attribute", "flag"]).size().rename("n").reset_index()
    return out.assign(attribute=out["attribute"].map(lambda a: text.term_label(str(a), lang)),
                      flag=out["flag"].map(lambda c: text.flag_label(str(c), lang)))


def show(table: pd.DataFrame, lang: str = "id"):
    """A table for a report page: readable headers, no row numbers, every cell's text escaped (no live markup from the
    data), numbers with the language's separators (`3.517`, `0,89` in Indonesian)."""
    t = table.rename(columns=lambda c: column(c, lang) if c in COLUMNS else c)
    decimal, thousands = language.separators(lang)
    return t.style.hide(axis="index").format(precision=2, na_rep="–", escape="html", decimal=decimal,
                                             thousands=thousands).format_index(escape="html", axis=1)


# --------------------------------------------------------------------------- reader pages (issue 14): HTML fragments

#: verdicts from most to least serious, with a symbol (shape as well as colour) and a colour
VERDICT_ORDER = ("disparity", "inconclusive", "minor gap", "explained gap", "no disparity", "insufficient data")
VERDICT_MARK = {"disparity": ("●", "#b2182b"), "inconclusive": ("◆", "#8c510a"), "minor gap": ("◐", "#d6604d"),
                "explained gap": ("▲", "#e08214"), "no disparity": ("○", "#1f6f8b"), "insufficient data": ("·", "#777777")}
_ARROW = {"lower": "↓", "higher": "↑"}


def html_table(table: pd.DataFrame, caption: str | None = None, wide: bool = False) -> str:
    """A table for a page: escaped, no row numbers, text wrapping (so that it fits 1280 px)."""
    style = "border-collapse:collapse;font-size:.9em" + (";table-layout:fixed;width:100%" if wide else "")
    body = table.to_html(index=False, escape=True, border=0, classes="merit-table", na_rep="–")
    body = body.replace('<table border="0" class="dataframe merit-table">',
                        f'<table class="merit-table" style="{style}">', 1)
    cap = f"<p><strong>{html.escape(caption)}</strong></p>" if caption else ""
    return f'<div style="max-width:100%;overflow-wrap:anywhere">{cap}{body}</div>'


def attribute_label(attribute: str, lang: str = "id") -> str:
    """A protected attribute as readers name it (`jenis_kelamin` → Jenis kelamin)."""
    return text.attribute_label(attribute, lang)


def group_label(attribute: str, group: object, lang: str = "id") -> str:
    """A group of an attribute as readers name it (`P` → Perempuan)."""
    return text.group_label(attribute, group, lang)


def _share_text(k: object, n: object, lang: str) -> str:
    if pd.isna(k) or pd.isna(n):
        return privacy.SHOWN
    return text.t("val_share", lang, k=language.number(k, lang), n=language.number(n, lang),
                  pct=language.percent(k / n if n else float("nan"), lang))


def merit_table(row: pd.Series, comp: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Whether this OPD's promotions followed merit: from the talent pool, meeting every requirement, with the 95% CI
    and the province's pooled share; "< 5" where the published table hides the count."""
    prov = province_indicators(comp)
    hid = _hidden_row(row)
    rows = []
    for c in ("share_promosi_talent_pool", "share_promosi_eligible"):
        num, den = SHARE_COUNTS[c]
        hide = bool(hid.get(c, False)) or bool(hid.get(num, False))
        ci = ("–" if pd.isna(row.get(c + "_ci_low")) else
              f"{language.percent(row[c + '_ci_low'], lang, 0)}–{language.percent(row[c + '_ci_high'], lang, 0)}")
        rows.append({text.t("merit_head", lang): text.t("comp_" + c, lang),
                     text.t("opd_col", lang): privacy.SHOWN if hide else _share_text(row[num], row[den], lang),
                     text.t("ci_col", lang): privacy.SHOWN if hide else ci,
                     text.t("province_col", lang): language.percent(prov[c], lang)})
    return pd.DataFrame(rows)


def promotions_by_level(tables: Tables, scope: str, lang: str = "id") -> pd.DataFrame:
    """Promotions of one scope by move (level before → post) and readiness, readable headers ("< 5" where hidden;
    empty when the scope's whole breakdown is hidden)."""
    s = promotion_summary(tables, scope)
    if s.empty or (s["n"] == privacy.SHOWN).all():
        return s.iloc[0:0]
    s = s.assign(kesiapan=[text.t(f"ready_{k}", lang) for k in s["kesiapan"]],
                 n=[v if v == privacy.SHOWN else language.number(v, lang) for v in s["n"]])
    return s.rename(columns={"level_awal": text.t("level_from", lang), "jenis_jabatan_akhir": text.t("level_to", lang),
                             "kesiapan": text.t("readiness", lang), "n": text.t("persons", lang)})


def _window_span(tables: Tables, lang: str) -> str:
    """The quarters the period's verdicts rest on, for a sentence (the period alone for a run that recorded none)."""
    window = tables.meta.get("window")
    return language.span_label(window, lang) if window else language.period_label(tables.meta.get("period", "2026Q1"), lang)


def promotion_section(tables: Tables, code: str, lang: str = "id") -> str:
    """Promotions of the evidence window and whether they followed merit (HTML): one sentence when there is none or
    too few to show, else the merit table and the promotions by level."""
    row = tables.opd(code)
    period = _window_span(tables, lang)          # n_promosi and the merit table count the whole evidence window
    n = int(row["n_promosi"])
    if n == 0:
        return f"<p>{html.escape(text.t('no_promotion', lang, period=period))}</p>"
    if n < privacy.MIN_CELL:
        return f"<p>{html.escape(text.t('promotions_hidden', lang, n=n, period=period))}</p>"
    out = [f"<p>{html.escape(text.t('promotions_lead', lang, n=language.number(n, lang), period=period))}</p>",
           html_table(merit_table(row, tables.compliance, lang))]
    return "\n".join(out)


def passed_over_section(tables: Tables, code: str, lang: str = "id") -> str:
    """Candidates passed over (HTML): candidates, passed over, not passed over and the promotions that passed someone
    over, this OPD beside the province; then the readiness of those promoted per target post."""
    row = tables.opd(code)
    period = _window_span(tables, lang)          # candidates and promotions of the whole evidence window
    if int(row["n_promosi"]) == 0:
        return f"<p>{html.escape(text.t('no_promotion', lang, period=period))}</p>"
    comp = privacy.publish("compliance", tables.compliance)
    hid = _hidden_row(row)
    candidates_hidden = bool(hid.get("n_kandidat", False)) or pd.isna(row.get("n_kandidat"))
    if not candidates_hidden and row["n_kandidat"] == 0:      # "nobody" only where the table shows 0, never for hidden
        return f"<p>{html.escape(text.t('bypass_none', lang, period=period))}</p>"

    def shown(col: str, value: object) -> str:
        return privacy.SHOWN if hid.get(col, False) or pd.isna(value) else language.number(value, lang)

    def prov(col: str) -> str:      # only counts published for every OPD add up to the province's
        return "–" if comp[col].isna().any() else language.number(comp[col].sum(), lang)

    bypassed_hidden = bool(hid.get("n_bypassed", False)) or pd.isna(row.get("n_bypassed")) or candidates_hidden
    not_passed = privacy.SHOWN if bypassed_hidden else language.number(row["n_kandidat"] - row["n_bypassed"], lang)
    rows = [(text.t("bypass_candidates", lang), shown("n_kandidat", row.get("n_kandidat")), prov("n_kandidat")),
            (text.t("bypass_passed", lang), shown("n_bypassed", row.get("n_bypassed")),
             "–" if comp["n_kandidat"].isna().any() or comp["n_kandidat_tidak_terlewati"].isna().any() else
             language.number(comp["n_kandidat"].sum() - comp["n_kandidat_tidak_terlewati"].sum(), lang)),
            (text.t("bypass_not", lang), not_passed, prov("n_kandidat_tidak_terlewati")),
            (text.t("bypass_promos", lang),
             privacy.SHOWN if hid.get("n_promosi_melangkahi", False) or pd.isna(row.get("n_promosi_melangkahi")) else
             f"{language.number(row['n_promosi_melangkahi'], lang)} / {language.number(row['n_promosi'], lang)}",
             "–" if comp["n_promosi_melangkahi"].isna().any() else f"{prov('n_promosi_melangkahi')} / {prov('n_promosi')}")]
    table = pd.DataFrame(rows, columns=[text.t("merit_head", lang), text.t("opd_col", lang), text.t("province_col", lang)])
    out = [f"<p>{html.escape(text.t('bypass_lead', lang))}</p>", html_table(table)]
    levels = bypassed_by_level(tables, code, lang)
    if len(levels):
        out += [f"<p>{html.escape(text.t('bypass_level_lead', lang))}</p>", html_table(levels)]
    ready = readiness_by_post(tables, code, lang)
    if len(ready):
        out.append(html_table(ready))
    return "\n".join(out)


def bypassed_by_level(tables: Tables, scope: str, lang: str = "id") -> pd.DataFrame:
    """Candidates passed over in one scope by target level of the promotion: promotions, those passing over a readier
    candidate, the candidates so passed over, and the province's; "< 5" where hidden. Levels nobody was promoted to
    (nothing hidden) are left out; empty when the table is missing or the scope has none."""
    t = tables.bypassed_by_level
    if t.empty or "scope" not in t:
        return pd.DataFrame()
    shown = privacy.display(t, privacy.BY_LEVEL)
    own = shown[shown["scope"].astype(str) == str(scope)]
    prov = shown[shown["scope"] == privacy.PROVINCE].set_index("level_tujuan")["n_bypassed"]
    cols = ["n_promosi", "n_promosi_melangkahi", "n_bypassed"]

    def cell(v: object) -> str:
        return privacy.SHOWN if v == privacy.SHOWN else "–" if pd.isna(v) else language.number(v, lang)

    rows = []
    for _, r in own.iterrows():
        if all(r[c] != privacy.SHOWN and not pd.isna(r[c]) and float(r[c]) == 0 for c in cols):
            continue
        level = text.t("bypass_level_unknown", lang) if pd.isna(r["level_tujuan"]) else str(r["level_tujuan"])
        rows.append([level, *(cell(r[c]) for c in cols), cell(prov.get(r["level_tujuan"], np.nan))])
    heads = [text.t(k, lang) for k in ("bypass_level", "bypass_level_promos", "bypass_level_passing",
                                       "bypass_level_passed", "bypass_level_province")]
    return pd.DataFrame(rows, columns=heads)


def readiness_by_post(tables: Tables, scope: str, lang: str = "id") -> pd.DataFrame:
    """Those promoted per move (level before → post) and readiness: the published cells themselves, one row per move
    ("< 5" where a cell is hidden; moves nobody made left out; empty when the scope has none)."""
    from merit_lib.analysis.talent import READINESS

    p = privacy.publish("promotions", tables.promotions)
    p = p[p["scope"] == scope]
    if p.empty:
        return pd.DataFrame()
    rows = []
    for (before, post), part in p.groupby(["level_awal", "jenis_jabatan_akhir"], sort=False):
        n = pd.to_numeric(part["n"], errors="coerce")
        if n.notna().all() and n.sum() == 0:
            continue
        cells = {}
        for r in READINESS:
            v = n[part["kesiapan"].to_numpy() == r]
            cells[text.t(f"ready_{r}", lang)] = ("" if v.empty else privacy.SHOWN if v.isna().any()
                                                 else language.number(v.iloc[0], lang))
        rows.append({text.t("level_from", lang): before, text.t("level_to", lang): post, **cells})
    return pd.DataFrame(rows)


def _verdict_cell(flag: object, direction: object, lang: str, adjusted: object = None) -> str:
    """A verdict with its symbol and the side of the raw gap (↓/↑); where the adjusted estimate points the other way,
    that side beside it ("setelah disesuaikan ↓")."""
    mark, _ = VERDICT_MARK.get(str(flag), ("", ""))
    word = text.flag_label(str(flag), lang) if pd.notna(flag) else "–"
    if flag in ("no disparity", "insufficient data"):
        return f"{mark} {word}".strip()
    arrow = f" {_ARROW[str(direction)]}" if str(direction) in _ARROW else ""
    if str(adjusted) in _ARROW and str(adjusted) != str(direction):
        arrow += f" ({text.t('dir_adjusted', lang, arrow=_ARROW[str(adjusted)])})"
    return f"{mark} {word}{arrow}".strip()


def _direction_words(r: pd.Series, lang: str) -> str:
    """The side of the raw gap ("↓ lebih rendah"), and the adjusted side beside it where it differs."""
    d, adj = str(r.get("direction")), str(r.get("adjusted_direction"))
    out = text.t(f"dir_{d}", lang) if d in _ARROW else ""
    if adj in _ARROW and adj != d:
        out = (out + " " if out else "") + f"({text.t('dir_adjusted', lang, arrow=_ARROW[adj])})"
    return out


def fairness_verdicts(findings: pd.DataFrame, scope: str, lang: str = "id") -> pd.DataFrame:
    """The fairness verdicts of one scope for a page: attribute, group, reference, rates, verdict with its direction and
    explanation, every hidden number "< 5"."""
    from merit_lib.analysis.fairness.result import verdict_notes
    from merit_lib.analysis.fairness.verdicts import FLAG_LABELS

    f = privacy.publish("findings", findings)
    f = f[f["scope"] == scope].reset_index(drop=True)
    if f.empty:
        return pd.DataFrame()
    hid = privacy.hidden(f, "findings")

    def rate(col: str) -> list[str]:
        return [privacy.SHOWN if hid.at[i, col] else language.percent(f.at[i, col], lang) for i in f.index]

    return pd.DataFrame({
        text.t("col_attribute", lang): [attribute_label(a, lang) for a in f["attribute"]],
        text.t("col_group", lang): [group_label(a, g, lang) for a, g in zip(f["attribute"], f["group"])],
        text.t("col_reference", lang): [group_label(a, g, lang) for a, g in zip(f["attribute"], f["reference_group"])],
        text.t("col_rate_group", lang): rate("rate_group"),
        text.t("col_rate_reference", lang): rate("rate_reference"),
        text.t("verdict", lang): [f"{VERDICT_MARK.get(str(v), ('', ''))[0]} {FLAG_LABELS.get(str(v), {}).get(lang, v)}"
                                  for v in f["flag"]],
        text.t("col_direction", lang): [_direction_words(r, lang) if r["flag"] not in ("insufficient data", "no disparity")
                                        else "" for _, r in f.iterrows()],
        text.t("col_explained_by", lang): [text.explained_by_label(x, lang) for x in f["explained_by"]],
        text.t("col_verdict_notes", lang): ["; ".join(verdict_notes(r, lang)) for _, r in f.iterrows()],
    })


def verdict_grid(findings: pd.DataFrame, comp: pd.DataFrame, lang: str = "id", pages: dict[str, str] | None = None
                 ) -> str:
    """DESIGN §6 at a glance (HTML): one row per scope (province first, then the OPDs), one column per attribute, the
    most serious verdict among the attribute's groups with its direction (↓/↑), symbol and colour."""
    f = privacy.publish("findings", findings)
    attributes = list(dict.fromkeys(f["attribute"]))
    # an OPD without staff at the quarter's end has no name in the extract: its code stands for it
    names = {str(k): str(v) for k, v in zip(comp["opd_kode"], comp["opd_nama"]) if pd.notna(v)}
    scopes = [privacy.PROVINCE] + [c for c in comp.sort_values("opd_nama")["opd_kode"].astype(str)]
    rank = {v: i for i, v in enumerate(VERDICT_ORDER)}
    e = html.escape
    head = "".join(f"<th>{e(attribute_label(a, lang))}</th>" for a in attributes)
    rows = []
    for s in scopes:
        label = text.t("grid_province", lang) if s == privacy.PROVINCE else names.get(s, s)
        if pages and s in pages:
            label_html = f'<a href="{e(pages[s])}">{e(label)}</a>'
        else:
            label_html = e(label)
        cells = []
        for a in attributes:
            part = f[(f["scope"] == s) & (f["attribute"] == a)]
            if part.empty:
                cells.append(f'<td style="color:#777">{e(text.t("grid_empty", lang))}</td>')
                continue
            worst = part.iloc[int(np.argmin([rank.get(str(v), 99) for v in part["flag"]]))]
            _, colour = VERDICT_MARK.get(str(worst["flag"]), ("", "#000"))
            group = "" if worst["flag"] in ("no disparity", "insufficient data") else \
                f" ({group_label(a, worst['group'], lang)})"
            cell = _verdict_cell(worst["flag"], worst["direction"], lang, worst.get("adjusted_direction"))
            cells.append(f'<td style="color:{colour}">{e(cell + group)}</td>')
        rows.append(f"<tr><td>{label_html}</td>{''.join(cells)}</tr>")
    legend = " · ".join(f'<span style="color:{c}">{m} {e(text.flag_label(v, lang))}</span>'
                        for v, (m, c) in VERDICT_MARK.items())
    return (f"<p>{e(text.t('grid_lead', lang))}</p><p>{legend}</p>"
            f'<table class="merit-table merit-grid" style="border-collapse:collapse;font-size:.9em">'
            f"<thead><tr><th>{e(text.t('grid_scope', lang))}</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


#: the funnel plot's components: index component → (its count, its denominator) in compliance.csv
FUNNEL: dict[str, tuple[str, str]] = {**SHARE_COUNTS, "share_tanpa_bypass": ("n_kandidat_tidak_terlewati", "n_kandidat")}


def funnel_points(comp: pd.DataFrame) -> pd.DataFrame:
    """One row per OPD and funnel component whose count is published: its share, denominator, the province's share
    (pooled over the published counts) and where it lies against the 99.8% limits (`above`, `below`, `inside`)."""
    from merit_lib.analysis.tiers import FUNNEL_LEVELS, outside

    pub = privacy.publish("compliance", comp).reset_index(drop=True)
    rows = []
    for key, (num, den) in FUNNEL.items():
        if num not in pub or den not in pub:
            continue
        ok = pub[num].notna() & pub[den].notna() & (pd.to_numeric(pub[den], errors="coerce") > 0)
        k, n = pd.to_numeric(pub.loc[ok, num]).astype(float), pd.to_numeric(pub.loc[ok, den]).astype(float)
        if n.sum() <= 0:
            continue
        p0 = float(k.sum() / n.sum())
        for i in k.index:
            share = k[i] / n[i]
            rows.append({"component": key, "opd_kode": pub.at[i, "opd_kode"], "opd_nama": pub.at[i, "opd_nama"],
                         "k": k[i], "n": n[i], "share": share, "p0": p0,
                         "position": outside(share, n[i], p0, FUNNEL_LEVELS[-1])})
    return pd.DataFrame(rows, columns=["component", "opd_kode", "opd_nama", "k", "n", "share", "p0", "position"])


def funnel_text(points: pd.DataFrame, lang: str = "id") -> str:
    """The OPDs beyond the 99.8% limits of a funnel, in one sentence (HTML, escaped)."""
    out = points[points["position"].isin(["above", "below"])]
    if out.empty:
        return f"<p>{html.escape(text.t('window.funnel_none', lang))}</p>"
    items = "; ".join(text.t("window.funnel_item", lang, opd=r.opd_nama, component=text.t("comp_" + r.component, lang),
                             side=text.t("window.side_" + r.position, lang)) for r in out.itertuples())
    return f"<p>{html.escape(text.t('window.funnel_outside', lang, items=items))}</p>"


def tier_list(comp: pd.DataFrame, lang: str = "id", pages: dict[str, str] | None = None) -> str:
    """The OPDs grouped by tier (HTML): above, as expected, below the province — each a table of name (linked to its
    page), index with its 95% range, staff and promotions in the window, by name, never numbered — then those not rated
    in one sentence."""
    from merit_lib.analysis.tiers import MIN_PROMOTIONS, TIERS
    from merit_lib.domain import codes

    e = html.escape
    pub = privacy.publish("compliance", comp)
    tiers = pub["tier"].astype("string").fillna(codes.TIER_NOT_RATED) if "tier" in pub else \
        pd.Series(codes.TIER_NOT_RATED, index=pub.index, dtype="string")

    def name(code: object, label: object) -> str:
        return f'<a href="{e(pages[str(code)])}">{e(str(label))}</a>' if pages and str(code) in pages else e(str(label))

    out = []
    head = "".join(f"<th>{e(text.t(k, lang))}</th>" for k in ("opd", "col_index", "staff", "promotions"))
    for tier in TIERS[:-1]:
        part = pub[tiers == tier].sort_values("opd_nama", kind="stable")
        out.append(f"<h4>{e(text.t('window.tier_group', lang, tier=text.t('window.' + tier, lang), n=len(part)))}</h4>")
        if part.empty:
            continue
        rows = "".join(
            f"<tr><td>{name(r['opd_kode'], r['opd_nama'])}</td><td>{e(language.number(r['index'], lang))} "
            f"({e(language.number(r['index_ci_low'], lang))}–{e(language.number(r['index_ci_high'], lang))})</td>"
            f"<td style=\"text-align:right\">{e(language.number(r['n_pegawai'], lang))}</td>"
            f"<td style=\"text-align:right\">{e(language.number(r['n_promosi'], lang))}</td></tr>"
            for _, r in part.iterrows())
        out.append(f'<table class="merit-table" style="border-collapse:collapse;font-size:.9em"><thead><tr>{head}</tr>'
                   f"</thead><tbody>{rows}</tbody></table>")
    rest = pub[tiers == codes.TIER_NOT_RATED].sort_values("opd_nama", kind="stable")
    if len(rest):
        links = ", ".join(name(c, n) for c, n in zip(rest["opd_kode"], rest["opd_nama"]))
        sentence = e(text.t("window.not_rated_list", lang, min=MIN_PROMOTIONS, names="\x00"))
        out.append(f"<p>{sentence.replace(chr(0), links)}</p>")
    return "\n".join(out)


def trend_points(trend: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The trend rows of one OPD (or `PROVINSI`), oldest first (empty when there is no trend table)."""
    if trend is None or trend.empty:
        return pd.DataFrame(columns=["periode", "index", "index_ci_low", "index_ci_high", "tier"])
    t = trend[trend["opd_kode"].astype(str) == scope].copy()
    return t.sort_values("periode", kind="stable").reset_index(drop=True)


def trend_table(trend: pd.DataFrame, scope: str, lang: str = "id") -> pd.DataFrame:
    """One OPD's trend for reading: quarter, window, index with its range, tier, province average, source."""
    from merit_lib.domain import codes

    t = trend_points(trend, scope)
    prov = trend_points(trend, codes.PROVINCE).set_index("periode")["index"] if len(trend) else pd.Series(dtype=float)

    def rng(r: pd.Series) -> str:
        if pd.isna(r["index"]):
            return "–"
        return (f"{language.number(r['index'], lang)} ({language.number(r['index_ci_low'], lang)}–"
                f"{language.number(r['index_ci_high'], lang)})")

    return pd.DataFrame({
        text.t("window.quarter_col", lang): [language.period_label(p, lang) for p in t["periode"]],
        text.t("window.window_col", lang): [language.number(w, lang) for w in t["jendela"]],
        text.t("window.index_col", lang): [rng(r) for _, r in t.iterrows()],
        text.t("window.tier_col", lang): [text.t("window." + str(x), lang) if pd.notna(x) else "–" for x in t["tier"]],
        text.t("window.average_col", lang): [language.number(prov.get(p), lang) for p in t["periode"]],
        text.t("window.source_col", lang): [text.t("window." + str(x), lang) for x in t["sumber"]]})


def page_links(codes: list[str] | None, comp: pd.DataFrame, prefix: str = "opd/") -> dict[str, str]:
    """OPD code → the relative link of its page (the same safe, unique file names as the pipeline gives them); only the
    OPDs that have a page (`codes`; None = every OPD of the period)."""
    from merit_lib.report.output import page_names

    all_codes = list(dict.fromkeys(comp["opd_kode"].astype(str)))
    chosen = [c for c in (codes if codes is not None else all_codes) if c in set(all_codes)]
    return {c: f"{prefix}{stem}.html" for c, stem in page_names(chosen).items()}


def coefficient_labels(terms: pd.Series, lang: str = "id") -> list[str]:
    """A published coefficient table's terms as readers name them (the page's `term_*` names, else `text.term_label`),
    each categorical term against its reference level, which the table does not list: the starting level of the ladder
    that has no term of its own, or the quarter before the first quarter with a term (the window's first quarter)."""
    from merit_lib.domain.period import Period

    parsed = [re.fullmatch(r"C\((\w+)\)\[T\.(.+)\]", str(term)) for term in terms]
    levels: dict[str, list[str]] = {}
    for m in filter(None, parsed):
        levels.setdefault(m.group(1), []).append(m.group(2))
    references = {}
    for col, shown in levels.items():
        if all(re.fullmatch(r"\d{4}Q[1-4]", lv) for lv in shown):
            references[col] = str(Period.parse(min(shown)).previous())
        elif col == "level_awal":
            references[col] = next((lv for lv in ("Administrator", "Pengawas", "Pelaksana", "Fungsional")
                                    if lv not in shown), None)

    def label(term: str, m: re.Match | None) -> str:
        if m:
            return text.term_label(term, lang, references.get(m.group(1)))
        plain = text.t(f"term_{term}", lang)                  # the page's names, with their unit (per level, per year)
        return text.term_label(term, lang) if plain == f"term_{term}" else plain

    return [label(str(term), m) for term, m in zip(terms, parsed)]


def appendix(parts: list[tuple[str, str]], lang: str = "id") -> str:
    """The technical appendix (HTML `<details>`): (title, HTML body) parts, raw names kept for analysts."""
    e = html.escape
    body = "".join(f"<h3>{e(title)}</h3>{content}" for title, content in parts)
    return (f'<details class="merit-appendix"><summary><strong>{e(text.t("appendix", lang))}</strong></summary>'
            f"<p>{e(text.t('appendix_lead', lang))}</p>{body}</details>")


def raw_table(table: pd.DataFrame, lang: str = "id", name: str | None = None) -> str:
    """A raw table for the appendix: machine column names (as in the CSV) for analysts, numbers in the language's format
    (up to 4 decimals), and, for a published table `name`, its codes in the language's words (as the workbook shows)."""
    from merit_lib.report.workbook import in_words

    t = in_words(table, name, lang) if name else table.copy()
    for c in t.columns:
        t[c] = t[c].map(lambda v: _raw_number(v, lang))
    return html_table(t)


def _raw_number(v: object, lang: str) -> object:
    """A float of the appendix in the language's format (up to 4 decimals), a yes/no in words; anything else as it is."""
    if isinstance(v, (bool, np.bool_)):
        return text.t("bool_yes" if v else "bool_no", lang)
    if isinstance(v, (float, np.floating)):
        return "" if pd.isna(v) else language.number(float(v), lang, _decimals(float(v)))
    return v


def _decimals(v: float) -> int:
    """How many decimals a number of the appendix shows: what it needs, at most 4 below 1 and 2 from 1 on
    (1.0 → 0, 0.8389 → 4, 19.8765 → 2)."""
    most = 4 if abs(v) < 1 else 2
    text_ = f"{round(float(v), most):.{most}f}".rstrip("0")
    return len(text_.split(".")[1]) if "." in text_ else 0


def split_wide(table: pd.DataFrame, keys: int = 4, per: int = 7) -> list[pd.DataFrame]:
    """A wide table as several narrower ones that fit a 1280 px page: the first `keys` columns repeated in each, the
    others `per` at a time."""
    if table.shape[1] <= keys + per:
        return [table]
    rest = list(table.columns[keys:])
    return [table[list(table.columns[:keys]) + rest[i:i + per]] for i in range(0, len(rest), per)]


def markdown_html(source: str) -> str:
    """Markdown text (e.g. a method note) as HTML, for the appendix."""
    import mistune

    return str(mistune.html(source))


def heading(key: str, lang: str = "id", level: int = 2) -> str:
    """A section heading from the catalogue (HTML)."""
    return f"<h{level}>{html.escape(text.t(key, lang))}</h{level}>"


def paragraph(key: str, lang: str = "id", **fields: object) -> str:
    """A paragraph from the catalogue (HTML, escaped)."""
    return f"<p>{html.escape(text.t(key, lang, **fields))}</p>"


def audit_settings(params: dict, meta: dict, lang: str = "id") -> pd.DataFrame:
    """The audit's settings as a short readable table (the full JSON goes to the appendix)."""
    th = params.get("thresholds", {})
    refs = params.get("references", {})
    rows = [("set_period", language.period_label(meta["period"], lang) if meta.get("period") else "–"),
            ("set_attributes", ", ".join(attribute_label(a, lang) for a in params.get("attributes", []))),
            ("set_references", "; ".join(f"{attribute_label(a, lang)}: {group_label(a, g, lang)}" for a, g in refs.items())),
            ("set_alpha", language.number(th.get("alpha"), lang, 2)),
            ("set_impact", text.t("set_impact_value", lang, low=language.number(th.get("impact_low"), lang, 2),
                                  high=language.number(th.get("impact_high"), lang, 2))),
            ("set_detect_head", text.t("set_detect", lang, or_=language.number(th.get("max_detectable_or"), lang),
                                       power=language.percent(th.get("power"), lang, 0))),
            ("set_fingerprint", str(meta.get("data_fingerprint") or meta.get("frame_fingerprint") or "–")),
            ("set_version", str((meta.get("versions") or {}).get("merit_lib", "–")))]
    return pd.DataFrame([(text.t(k, lang), v) for k, v in rows],
                        columns=[text.t("settings_head", lang), text.t("settings_value", lang)])


def readable_findings(findings: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Findings with attributes and groups named for readers (for figure titles and labels; the same rows)."""
    f = findings.copy()
    f["group"] = [group_label(a, g, lang) for a, g in zip(f["attribute"], f["group"])]
    f["reference_group"] = [group_label(a, g, lang) for a, g in zip(f["attribute"], f["reference_group"])]
    f["attribute"] = [attribute_label(a, lang) for a in f["attribute"]]
    return f


def tier_counts(trend: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """The province's trend for reading: per quarter, its window, the province average and how many OPDs sat in each
    tier (report.trend)."""
    from merit_lib.analysis.tiers import TIERS
    from merit_lib.domain import codes

    if trend is None or trend.empty:
        return pd.DataFrame()
    opds = trend[trend["opd_kode"].astype(str) != codes.PROVINCE]
    counts = opds.groupby(["periode", "tier"]).size().unstack(fill_value=0).reindex(columns=list(TIERS), fill_value=0)
    prov = trend_points(trend, codes.PROVINCE).set_index("periode")
    out = pd.DataFrame({text.t("window.quarter_col", lang): [language.period_label(p, lang) for p in counts.index],
                        text.t("window.window_col", lang): [language.number(prov["jendela"].get(p), lang)
                                                            for p in counts.index],
                        text.t("window.average_col", lang): [language.number(prov["index"].get(p), lang)
                                                             for p in counts.index]})
    for tier in TIERS:
        out[text.t("window." + tier, lang)] = [language.number(v, lang) for v in counts[tier]]
    return out
