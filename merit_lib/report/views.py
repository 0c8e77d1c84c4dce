"""What the report notebooks read: the published tables of a period, and display-ready views of them.

Every table is read through `privacy.publish` (a no-op for a table the pipeline already published), so a page
never sees a number the period folder may not show; hidden numbers read "< 5" (`privacy.display`)."""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from merit_lib.analysis.compliance import SHARE_COUNTS
from merit_lib.analysis.ledger import ledger_text
from merit_lib.domain import text
from merit_lib.domain.period import Period
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

    def opd(self, code: str) -> pd.Series:
        """The compliance row of one OPD; a clear error if the OPD is not in this period's data."""
        row = self.compliance[self.compliance["opd_kode"] == code]
        if row.empty:
            raise ValueError(f"OPD '{code}' tidak ada dalam data periode {self.meta.get('period')} "
                             f"(ada: {', '.join(sorted(self.compliance['opd_kode'])[:8])} …)")
        return row.iloc[0]

    def rank(self, code: str) -> tuple[int, int]:
        """(rank by index, number of OPDs ranked)."""
        ranked = self.compliance.sort_values("index", ascending=False).reset_index(drop=True)
        return int(ranked.index[ranked["opd_kode"] == code][0]) + 1, len(ranked)


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
    return Tables(*(privacy.publish(n, read(d / f"{n}.csv")) for n in names), meta)


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
    (not their path), the period, the language and the code, so an edited extract is always recomputed.
    """
    if tables_dir:
        return load_tables(tables_dir)
    from merit_lib.data.extract import find_sources, sha256
    from merit_lib.report.pipeline import compute
    from merit_lib.synth import demo_path

    data = Path(data_path) if data_path else demo_path()
    inputs = sorted(f"{s.content_key()}:{sha256(s.path)}" for s in find_sources(data).values())
    key = _digest([*(i.encode() for i in inputs), f"{period}|{lang}".encode(), _code_digest().encode()])
    target = Path(tempfile.gettempdir()) / f"merit_tables_{key}"
    if not (target / "compliance.csv").exists():
        stage = Path(tempfile.mkdtemp(prefix=f"merit_tables_{key}.", dir=target.parent))
        compute(data, period, stage, lang)
        try:
            stage.rename(target)
        except OSError:           # another kernel finished the same tables first: theirs are identical
            shutil.rmtree(stage, ignore_errors=True)
    return load_tables(target)


def history(history_dir: Path | str | None, period: str, current: pd.DataFrame, n: int = 4) -> pd.DataFrame:
    """Province-wide compliance of up to `n` earlier periods whose report folders exist next to this one, plus this one."""
    per = Period.parse(period)
    rows = [{"periode": str(per), "index": _weighted(current), "n_opd": len(current)}]
    if history_dir:
        p = per
        for _ in range(n):
            p = p.previous()
            f = Path(history_dir) / str(p) / "tables" / "compliance.csv"
            if f.exists():
                c = pd.read_csv(f)
                rows.append({"periode": str(p), "index": _weighted(c), "n_opd": len(c)})
    return pd.DataFrame(rows).sort_values("periode").reset_index(drop=True)


def _weighted(comp: pd.DataFrame) -> float:
    """Province index: OPD indices weighted by staff."""
    ok = comp["index"].notna()
    return float((comp.loc[ok, "index"] * comp.loc[ok, "n_pegawai"]).sum() / comp.loc[ok, "n_pegawai"].sum())


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


def _pct(x: float) -> str:
    return "–" if pd.isna(x) else f"{x:.0%}"


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


def indicator_table(row: pd.Series, province: pd.Series, indicators: list[str], lang: str = "id") -> pd.DataFrame:
    """The OPD's indicators next to the province's, with the OPD's 95% CI; hidden shares read "< 5"."""
    hid = _hidden_row(row)
    rows = []
    for c in indicators:
        hide = bool(hid.get(c, False))
        ci = f"{_pct(row[c + '_ci_low'])}–{_pct(row[c + '_ci_high'])}" if pd.notna(row.get(c + "_ci_low")) else "–"
        rows.append({"indikator" if lang == "id" else "indicator": column(c, lang),
                     "OPD": privacy.SHOWN if hide else _pct(row[c]), "CI 95%": privacy.SHOWN if hide else ci,
                     "provinsi" if lang == "id" else "province": _pct(province[c])})
    return pd.DataFrame(rows)


def promotion_text(row: pd.Series, lang: str = "id") -> str:
    """Plain-language summary of the OPD's promotions and bypasses (hidden figures are not told)."""
    n = int(row["n_promosi"])
    if n == 0:
        return "Tidak ada promosi dalam periode ini." if lang == "id" else "No promotions in this period."
    hid = _hidden_row(row)
    bypassed = privacy.SHOWN if hid.get("n_bypassed", False) else f"{int(row['n_bypassed'])}"
    if hid.get("share_promosi_talent_pool", False) or hid.get("share_promosi_eligible", False):
        return (f'{n} promosi. Rinciannya menurut talent pool dan syarat disembunyikan ("{privacy.SHOWN}") agar orang '
                f"yang dipromosikan tidak dapat dikenali; calon yang memenuhi syarat dan lebih siap yang terlewati: "
                f"{bypassed}." if lang == "id" else
                f'{n} promotions. Their breakdown by talent pool and requirements is hidden ("{privacy.SHOWN}") so that '
                f"the persons promoted cannot be recognised; eligible, more ready candidates passed over: {bypassed}.")
    if lang == "en":
        return (f"{n} promotions: {_pct(row['share_promosi_talent_pool'])} from the talent pool, "
                f"{_pct(row['share_promosi_eligible'])} meeting every requirement; {bypassed} eligible, "
                f"more ready candidates were passed over.")
    return (f"{n} promosi: {_pct(row['share_promosi_talent_pool'])} dari talent pool, {_pct(row['share_promosi_eligible'])} "
            f"memenuhi semua syarat; {bypassed} calon yang memenuhi syarat dan lebih siap terlewati.")


def _with_ci(mid: object, low: object, high: object, fmt: str) -> str:
    """`41.0% (24.0%–71.0%)`; empty when not computed."""
    if pd.isna(mid):
        return ""
    parts = ["∞" if np.isinf(v) else fmt.format(v) for v in (mid, low, high) if not pd.isna(v)]
    return parts[0] if len(parts) < 3 else f"{parts[0]} ({parts[1]}–{parts[2]})"


def findings_view(findings: pd.DataFrame, scope: str, lang: str = "id") -> pd.DataFrame:
    """The fairness findings of one scope for a page: rates with CIs, ratios, every hidden number "< 5"."""
    f = privacy.publish("findings", findings)
    f = f[f["scope"] == scope].reset_index(drop=True)
    hid = privacy.hidden(f, "findings")

    def col(name: str, fmt: str = "{:.0f}", ci: tuple[str, str] | None = None) -> list[str]:
        if name not in f:
            return [""] * len(f)
        lo, hi = ci if ci and ci[0] in f and ci[1] in f else (None, None)
        return [privacy.SHOWN if hid.at[i, name] else
                _with_ci(f.at[i, name], f.at[i, lo] if lo else None, f.at[i, hi] if hi else None, fmt) for i in f.index]

    out = pd.DataFrame({
        "scope": f["scope"], "attribute": f["attribute"], "group": f["group"], "reference_group": f["reference_group"],
        "n_group": col("n_group"), "n_reference": col("n_reference"), "promoted_group": col("promoted_group"),
        "rate_group": col("rate_group", "{:.1%}", ("rate_group_ci_low", "rate_group_ci_high")),
        "rate_reference": col("rate_reference", "{:.1%}", ("rate_reference_ci_low", "rate_reference_ci_high")),
        "impact_ratio": col("impact_ratio", "{:.2f}", ("impact_ratio_ci_low", "impact_ratio_ci_high")),
        "shortfall": col("shortfall", "{:+.1f}"), "p_adjusted": col("p_adjusted", "{:.3g}"),
        "adjusted_odds_ratio": col("adjusted_odds_ratio", "{:.2f}", ("aor_ci_low", "aor_ci_high")),
        "aor_p_adjusted": col("aor_p_adjusted", "{:.3g}"), "eo_rate_group": col("eo_rate_group", "{:.1%}"),
        "flag": [text.flag_label(v, lang) for v in f["flag"]],
    })
    return out.rename(columns={c: text.label(c, lang) for c in out.columns})


def quality_text(row: pd.Series, tables: Tables, lang: str = "id") -> str:
    """Data-quality counts for an OPD page: its coverage and the province's rejected rows."""
    rejected = sum(tables.meta.get("rows_rejected", {}).values())
    read = sum(tables.meta.get("rows_read", {}).values())
    no_prof = int(row["n_pegawai"] - round(row["coverage_profiling"] * row["n_pegawai"]))
    ledger = ledger_text(tables.ledger, row["opd_kode"], lang)
    if lang == "en":
        return (f"- {no_prof} staff of this OPD have no assessment yet: their readiness cannot be judged.\n"
                f"- SKP for both of the last two years: {_pct(row['coverage_kinerja'])} of staff.\n"
                f"- {ledger}\n"
                f"- Province-wide, {rejected} of {read} input rows were rejected by validation (see tables/validation.csv).")
    return (f"- {no_prof} pegawai OPD ini belum diasesmen: kesiapannya belum bisa dinilai.\n"
            f"- SKP lengkap dua tahun terakhir: {_pct(row['coverage_kinerja'])} pegawai.\n"
            f"- {ledger}\n"
            f"- Di tingkat provinsi, {rejected} dari {read} baris data ditolak saat validasi (lihat tables/validation.csv).")


def province_text(tables: Tables, lang: str = "id") -> str:
    """Headline figures of the province."""
    c = tables.compliance
    cats = c["category"].value_counts()
    flags = int((tables.findings["flag"] == "disparity").sum())
    n_peg, n_pro = tables.meta.get("n_pegawai", int(c["n_pegawai"].sum())), tables.meta.get("n_promosi", int(c["n_promosi"].sum()))
    cat_txt = ", ".join(f"{k} {v}" for k, v in cats.items())
    if lang == "en":
        return (f"**{n_peg:,} staff in {len(c)} OPDs; {n_pro:,} promotions in {tables.meta.get('period')}.** "
                f"OPDs by category: {cat_txt}. Fairness findings flagged `disparity`: {flags}.")
    return (f"**{n_peg:,} pegawai di {len(c)} OPD; {n_pro:,} promosi pada {tables.meta.get('period')}.** "
            f"OPD menurut kategori: {cat_txt}. Temuan keadilan berpenanda `disparity`: {flags}.")


def compliance_view(comp: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """The compliance table for reading: percentages, index with its range, hidden numbers "< 5"."""
    cols = ["opd_kode", "opd_nama", "n_pegawai", "n_promosi", "coverage_profiling", "share_promosi_talent_pool",
            "share_promosi_eligible", "n_bypassed", "fairness_flags", "index", "index_ci_low", "index_ci_high",
            "category"]
    pub = privacy.publish("compliance", comp).reset_index(drop=True)
    hid = privacy.hidden(pub, "compliance")
    v = pub[cols].astype(object)
    for c in ("coverage_profiling", "share_promosi_talent_pool", "share_promosi_eligible"):
        v[c] = pub[c].map(_pct)
    for c in ("n_pegawai", "n_promosi", "n_bypassed", "fairness_flags"):
        v[c] = pub[c].map(lambda x: "–" if pd.isna(x) else f"{int(x)}")
    v["index"] = pub["index"].map(lambda x: f"{x:.0f}") + " (" + pub["index_ci_low"].map(lambda x: f"{x:.0f}") + "–" \
        + pub["index_ci_high"].map(lambda x: f"{x:.0f}") + ")"
    v = v.drop(columns=["index_ci_low", "index_ci_high"])
    for c in v.columns:
        if c in hid:
            v.loc[hid[c].to_numpy(), c] = privacy.SHOWN
    return v


def model_view(coef: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Odds ratios of every model, rounded, intercept left out."""
    v = coef[~coef["term"].str.contains("Intercept", case=False, na=False)].copy()
    for c in ("odds_ratio", "ci_low", "ci_high", "auc"):
        v[c] = v[c].map(lambda x: "–" if pd.isna(x) else f"{x:.2f}")
    v["p_value"] = v["p_value"].map(lambda x: "–" if pd.isna(x) else ("< 0.001" if x < 0.001 else f"{x:.3f}"))
    return v.reset_index(drop=True)


def flag_counts(findings: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """How many (scope, group) tests got each flag, province and OPDs apart."""
    f = findings.assign(level=lambda d: d["scope"].where(d["scope"] == "PROVINSI", "OPD"))
    return f.groupby(["level", "attribute", "flag"]).size().rename("n").reset_index()


def show(table: pd.DataFrame, lang: str = "id"):
    """A table for a report page: readable headers, no row numbers."""
    t = table.rename(columns=lambda c: column(c, lang) if c in COLUMNS else c)
    return t.style.hide(axis="index").format(precision=2, na_rep="–")
