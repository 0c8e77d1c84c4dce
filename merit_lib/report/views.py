"""What the report notebooks read: the computed tables of a period, and display-ready (suppressed) views of them."""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from merit_lib.analysis.compliance import SHARE_COUNTS
from merit_lib.analysis.ledger import ledger_text
from merit_lib.analysis.stats import MIN_CELL, SUPPRESSED
from merit_lib.domain.period import Period
from merit_lib.domain.text import COLUMNS, column


@dataclass
class Tables:
    """The computed tables of one period (aggregates only: no person-level rows)."""

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
    return Tables(*(read(d / f"{n}.csv") for n in ("compliance", "findings", "model_coefficients", "validation",
                                                     "talent_box", "readiness", "promotions", "checks",
                                                     "promotions_ledger")), meta)


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


def show_counts(table: pd.DataFrame, count: str = "n") -> pd.DataFrame:
    """Counts with cells under MIN_CELL shown as "< 5"."""
    out = table.copy()
    out[count] = out[count].astype(object)
    out.loc[table[count] < MIN_CELL, count] = SUPPRESSED
    return out.drop(columns=[c for c in ("suppressed",) if c in out])


def box_grid(talent_box: pd.DataFrame, scope: str) -> pd.DataFrame:
    """3 × 3 grid of counts (rows: kinerja high → low; columns: potential low → high) for one scope."""
    from merit_lib.domain import rules as R

    t = talent_box[(talent_box["scope"] == scope) & talent_box["kotak"].notna()]
    counts = t.set_index(t["kotak"].astype(int))["n"]
    grid = pd.DataFrame(0, index=[2, 1, 0], columns=[0, 1, 2])
    for (kin, pot), box in R.NINE_BOX.items():
        grid.loc[kin, pot] = int(counts.get(box, 0))
    return grid


def promotion_summary(tables: Tables, scope: str) -> pd.DataFrame:
    """Promotions of one scope by move and readiness, small cells suppressed."""
    p = tables.promotions[tables.promotions["scope"] == scope]
    if p.empty:
        return p
    g = p.groupby(["level_awal", "jenis_jabatan_akhir", "kesiapan"], as_index=False)["n"].sum()
    return show_counts(g.sort_values("n", ascending=False))


def _pct(x: float) -> str:
    return "–" if pd.isna(x) else f"{x:.0%}"


def province_indicators(comp: pd.DataFrame) -> pd.Series:
    """The province's value of each indicator, pooled from the OPDs' counts (staff for coverage, promotions for shares)."""
    sums = comp[list(dict.fromkeys(col for pair in SHARE_COUNTS.values() for col in pair))].sum()
    return pd.Series({c: sums[num] / sums[den] if sums[den] else float("nan") for c, (num, den) in SHARE_COUNTS.items()})


def indicator_table(row: pd.Series, province: pd.Series, indicators: list[str], lang: str = "id") -> pd.DataFrame:
    """The OPD's indicators next to the province's, with the OPD's 95% CI; promotion shares hidden under 5 promotions."""
    few = 0 < row["n_promosi"] < MIN_CELL
    rows = []
    for c in indicators:
        hide = few and c.startswith("share_promosi")
        ci = f"{_pct(row[c + '_ci_low'])}–{_pct(row[c + '_ci_high'])}" if pd.notna(row.get(c + "_ci_low")) else "–"
        rows.append({"indikator" if lang == "id" else "indicator": column(c, lang),
                     "OPD": SUPPRESSED if hide else _pct(row[c]), "CI 95%": SUPPRESSED if hide else ci,
                     "provinsi" if lang == "id" else "province": _pct(province[c])})
    return pd.DataFrame(rows)


def promotion_text(row: pd.Series, lang: str = "id") -> str:
    """Plain-language summary of the OPD's promotions and bypasses."""
    n = int(row["n_promosi"])
    if n == 0:
        return "Tidak ada promosi dalam periode ini." if lang == "id" else "No promotions in this period."
    if n < MIN_CELL:
        return ("Ada kurang dari 5 promosi; rinciannya tidak ditampilkan untuk melindungi identitas."
                if lang == "id" else "Fewer than 5 promotions; details are hidden to protect identities.")
    if lang == "en":
        return (f"{n} promotions: {_pct(row['share_promosi_talent_pool'])} from the talent pool, "
                f"{_pct(row['share_promosi_eligible'])} meeting every requirement; {int(row['n_bypassed'])} eligible, "
                f"more ready candidates were passed over.")
    return (f"{n} promosi: {_pct(row['share_promosi_talent_pool'])} dari talent pool, {_pct(row['share_promosi_eligible'])} "
            f"memenuhi semua syarat; {int(row['n_bypassed'])} calon yang memenuhi syarat dan lebih siap terlewati.")


def findings_view(findings: pd.DataFrame, scope: str, lang: str = "id") -> pd.DataFrame:
    """The fairness findings of one scope as the audit shows them (rates with CIs, small groups "< 5")."""
    from merit_lib.analysis.fairness import display_table

    return display_table(findings[findings["scope"] == scope], lang)


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
    """The compliance table for reading: percentages, index with its range, small promotion counts suppressed."""
    v = comp[["opd_kode", "opd_nama", "n_pegawai", "n_promosi", "coverage_profiling", "share_promosi_talent_pool",
              "share_promosi_eligible", "n_bypassed", "fairness_flags", "index", "index_ci_low", "index_ci_high",
              "category"]].copy()
    few = v["n_promosi"].between(1, MIN_CELL - 1)
    for c in ("coverage_profiling", "share_promosi_talent_pool", "share_promosi_eligible"):
        v[c] = v[c].map(_pct)
    v["index"] = v["index"].map(lambda x: f"{x:.0f}") + " (" + v["index_ci_low"].map(lambda x: f"{x:.0f}") + "–" \
        + v["index_ci_high"].map(lambda x: f"{x:.0f}") + ")"
    v = v.drop(columns=["index_ci_low", "index_ci_high"])
    for c in ("n_promosi", "share_promosi_talent_pool", "share_promosi_eligible"):
        v[c] = v[c].astype(object)
        v.loc[few, c] = SUPPRESSED
    return v.reset_index(drop=True)


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
