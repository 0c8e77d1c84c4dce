"""Meritocracy compliance per OPD: coverage, promotions by merit, bypasses, fairness flags, and a 0–100 index.

Indicators (each a share 0–1; defined in plain Bahasa Indonesia in `METHOD`):
- coverage_profiling, coverage_kinerja: staff with an assessment / with SKP for both last years;
- share_promosi_talent_pool: promotions of persons from the talent pool (9-box 7, 8, 9);
- share_promosi_eligible: promotions of persons meeting every requirement;
- bypass: promotions that passed over at least one eligible candidate of the same OPD and level with a
  higher readiness category (`n_bypassed` counts those candidates);
- fairness: 1 with no `disparity` flag in the OPD's audit, 0.5 with one, 0 with two or more.
An OPD with 1–4 promotions keeps its counts but its promotion shares are left empty (`suppressed_promosi`):
too few to show or rank; the index still uses them, shrunk as below.
The index is their weighted mean × 100 (WEIGHTS), the promotion shares shrunk toward the province's
by PRIOR_PROMOTIONS pseudo-promotions. Categories follow the four levels of KASN's Indeks Sistem
Merit mapped linearly to 0–100.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from merit_lib.analysis import talent as T
from merit_lib.analysis.features import counted_promotions
from merit_lib.analysis.stats import MIN_CELL, wilson

WEIGHTS: dict[str, float] = {"coverage_profiling": 0.10, "coverage_kinerja": 0.10, "share_promosi_talent_pool": 0.25,
                             "share_promosi_eligible": 0.25, "share_tanpa_bypass": 0.15, "skor_keadilan": 0.15}
#: (lower bound, category); KASN ISM categories I–IV (100–400) mapped to 0–100
CATEGORIES: tuple[tuple[float, str], ...] = ((75, "Sangat Baik"), (50, "Baik"), (25, "Kurang"), (0, "Buruk"))
CATEGORIES_EN = {"Sangat Baik": "Very good", "Baik": "Good", "Kurang": "Poor", "Buruk": "Bad"}
READINESS_RANK = {T.READY_NOW: 2, T.READY_DEV: 1, T.NOT_READY: 0}
#: share column of compliance.csv → (numerator count, denominator count), both also in compliance.csv
SHARE_COUNTS: dict[str, tuple[str, str]] = {
    "coverage_profiling": ("n_profiling", "n_pegawai"), "coverage_kinerja": ("n_kinerja", "n_pegawai"),
    "share_promosi_talent_pool": ("n_promosi_talent_pool", "n_promosi"),
    "share_promosi_eligible": ("n_promosi_eligible", "n_promosi")}

METHOD = {
    "id": """**Cara membaca indeks kepatuhan meritokrasi (0–100).** Indeks menggabungkan enam indikator per OPD:
- *Cakupan profiling* (bobot 10): bagian pegawai yang sudah diasesmen kompetensinya sebelum periode.
- *Cakupan SKP* (bobot 10): bagian pegawai yang memiliki SKP dua tahun terakhir.
- *Promosi dari talent pool* (bobot 25): bagian promosi periode ini yang jatuh pada pegawai di kotak 7, 8 atau 9.
- *Promosi yang memenuhi syarat* (bobot 25): bagian promosi yang orangnya memenuhi semua syarat (pendidikan, lama
  jabatan, SKP, kompetensi, golongan, usia).
- *Promosi tanpa melangkahi* (bobot 15): bagian promosi yang tidak melewati calon lain di OPD dan jenjang yang sama
  yang memenuhi syarat dan lebih siap (kategori kesiapan lebih tinggi). Jumlah calon yang terlewati = `n_bypassed`.
- *Keadilan* (bobot 15): 100 bila audit keadilan tidak menemukan `disparity` di OPD ini, 50 bila satu, 0 bila dua atau lebih.

Agar OPD dengan sedikit promosi tidak melonjak ke 0% atau 100% karena kebetulan, ketiga indikator promosi
dalam indeks ditarik ke arah angka provinsi seolah-olah ada 5 promosi tambahan berangka provinsi (OPD tanpa promosi
mendapat angka provinsi). Tabel tetap menampilkan angka asli OPD, kecuali OPD dengan 1–4 promosi: bagiannya
tidak ditampilkan (terlalu sedikit untuk dibaca atau diperingkat, dan melindungi identitas). Kategori mengikuti empat tingkat Indeks Sistem Merit KASN yang dipetakan ke 0–100:
≥ 75 *Sangat Baik*, 50–< 75 *Baik*, 25–< 50 *Kurang*, < 25 *Buruk*. Rentang (interval 95%) indeks dihitung dengan
bootstrap parametrik dari jumlah pegawai dan promosi: OPD kecil mendapat rentang lebar, dan urutan OPD yang rentangnya
bertumpang tindih tidak boleh dibaca sebagai perbedaan nyata.""",
    "en": """**Reading the meritocracy compliance index (0–100).** The index combines six indicators per OPD:
profiling coverage (weight 10), SKP coverage (10), share of promotions from the talent pool (boxes 7–9; 25), share of
promotions whose person met every requirement (25), share of promotions that passed over no eligible, more ready
candidate of the same OPD and level (15; `n_bypassed` counts the candidates passed over), and fairness (15: 100 with no
`disparity` flag, 50 with one, 0 with two or more). In the index the three promotion shares are pulled toward the
province's as if by 5 more promotions at the province rate (an OPD without promotions gets the province's), so few
promotions cannot put an OPD at 0 % or 100 % by chance; tables show the OPD's own shares, except for
OPDs with 1–4 promotions, whose shares are not shown (too few to read or rank, and to protect identities). Categories follow the four levels of KASN's merit system index mapped to
0–100: ≥ 75 Very good, 50–< 75 Good, 25–< 50 Poor, < 25 Bad. The 95% interval comes from a parametric bootstrap over
the counts: small OPDs get wide intervals; overlapping intervals are not a real difference.""",
}


def _contest(frame: pd.DataFrame, scope: str) -> pd.DataFrame:
    """Those who could be promoted: scope, level, readiness rank, promoted, and eligible-but-not-promoted (candidate)."""
    at_risk = frame[frame["berisiko"].fillna(False).astype(bool)]
    promoted = at_risk["dipromosikan"].astype(bool)
    return pd.DataFrame({"scope": at_risk[scope], "level": at_risk["level_awal"],
                         "rank": at_risk["kesiapan"].map(READINESS_RANK).fillna(-1), "promoted": promoted,
                         "candidate": at_risk["memenuhi_syarat"].fillna(False).astype(bool) & ~promoted})


def bypasses(frame: pd.DataFrame, scope: str = "opd_kode") -> pd.DataFrame:
    """Per promoted person: how many eligible, not promoted candidates of the same scope and level were more ready."""
    d = _contest(frame, scope)
    cand = d[d["candidate"]].groupby(["scope", "level", "rank"]).size().rename("n").reset_index()
    promo = d[d["promoted"]].reset_index()
    merged = promo.merge(cand, on=["scope", "level"], how="left", suffixes=("", "_cand"))
    merged = merged[merged["rank_cand"] > merged["rank"]]
    passed = merged.groupby("index")["n"].sum()
    out = promo.set_index("index")[["scope", "level", "rank"]]
    out["n_lebih_siap"] = passed.reindex(out.index).fillna(0).astype(int)
    return out


def _distinct_bypassed(frame: pd.DataFrame, scope: str) -> pd.Series:
    """Per scope: distinct eligible candidates passed over by at least one promotion of their level."""
    d = _contest(frame, scope)
    lowest = d[d["promoted"]].groupby(["scope", "level"])["rank"].min()
    bar = pd.Series(lowest.reindex(pd.MultiIndex.from_frame(d[["scope", "level"]])).to_numpy(), index=d.index)
    return (d["candidate"] & (d["rank"] > bar)).groupby(d["scope"]).sum()


def compliance(frame: pd.DataFrame, findings: pd.DataFrame | None = None, scope: str = "opd_kode",
               label: str = "opd_nama", n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """The compliance table of DESIGN §6, one row per OPD, with Wilson CIs of the shares and a CI of the index."""
    g = frame.groupby(scope, sort=True)
    out = pd.DataFrame({"opd_nama": g[label].first(), "n_pegawai": g.size(), "n_profiling": g["diprofil"].sum(),
                        "n_kinerja": (frame["skp_level_1"].notna() & frame["skp_level_2"].notna()).groupby(frame[scope]).sum()})
    promo = frame[counted_promotions(frame)]
    gp = promo.groupby(scope)
    out["n_promosi"] = gp.size().reindex(out.index).fillna(0).astype(int)
    out["n_promosi_talent_pool"] = gp["talent_pool"].sum().reindex(out.index).fillna(0).astype(int)
    out["n_promosi_eligible"] = gp["memenuhi_syarat"].sum().reindex(out.index).fillna(0).astype(int)
    byp = bypasses(frame, scope)
    out["n_promosi_melangkahi"] = (byp["n_lebih_siap"] > 0).groupby(byp["scope"]).sum().reindex(out.index).fillna(0).astype(int)
    out["n_bypassed"] = _distinct_bypassed(frame, scope).reindex(out.index).fillna(0).astype(int)
    out["fairness_flags"] = _flags(findings, out.index)

    for col, (num, den) in SHARE_COUNTS.items():
        out[col] = np.where(out[den] > 0, out[num] / out[den].where(out[den] > 0), np.nan)
        out[f"{col}_ci_low"], out[f"{col}_ci_high"] = wilson(out[num], out[den])
    out["share_tanpa_bypass"] = np.where(out["n_promosi"] > 0, 1 - out["n_promosi_melangkahi"] / out["n_promosi"].clip(lower=1), np.nan)
    out["skor_keadilan"] = np.select([out["fairness_flags"] == 0, out["fairness_flags"] == 1], [1.0, 0.5], 0.0)
    out["index"] = 100 * _index(_shrunk(out, {c: out[c].to_numpy(float) for c in WEIGHTS}))
    lo, hi = _index_ci(out, n_boot, seed)
    out["index_ci_low"], out["index_ci_high"] = 100 * lo, 100 * hi
    out["category"] = category(out["index"])
    out["suppressed_promosi"] = out["n_promosi"].between(1, MIN_CELL - 1)
    # a share of 1–4 promotions is neither shown nor ranked (the counts stay for the audit trail)
    shown_as_share = [c for c in out.columns if c.startswith(("share_promosi", "share_tanpa_bypass"))]
    out.loc[out["suppressed_promosi"], shown_as_share] = np.nan
    out = out.reset_index().rename(columns={scope: "opd_kode"})
    first = ["opd_kode", "opd_nama", "n_pegawai", "coverage_profiling", "coverage_kinerja", "n_promosi",
             "share_promosi_talent_pool", "share_promosi_eligible", "n_bypassed", "fairness_flags", "index", "category"]
    return out[first + [c for c in out.columns if c not in first]].sort_values("index", ascending=False, kind="stable")


def category(index: pd.Series, lang: str = "id") -> pd.Series:
    """Index 0–100 → KASN-aligned category."""
    out = pd.Series(pd.NA, index=index.index, dtype="string")
    for lo, name in reversed(CATEGORIES):
        out[index >= lo] = name if lang == "id" else CATEGORIES_EN[name]
    return out


def _flags(findings: pd.DataFrame | None, scopes: pd.Index) -> pd.Series:
    if findings is None or findings.empty:
        return pd.Series(0, index=scopes, dtype=int)
    dis = findings[findings["flag"] == "disparity"]
    return dis.groupby("scope").size().reindex(scopes).fillna(0).astype(int)


def _index(components: np.ndarray) -> np.ndarray:
    """Weighted mean of the available components (last axis), weights rescaled over the non-missing ones."""
    w = np.asarray(list(WEIGHTS.values()))
    avail = ~np.isnan(components)
    num = np.nansum(np.where(avail, components * w, 0), axis=-1)
    return num / np.where(avail, w, 0).sum(axis=-1)


#: share column → its denominator; promotion shares are shrunk toward the province share by PRIOR_PROMOTIONS
DENOMINATORS = {**{c: den for c, (_, den) in SHARE_COUNTS.items()}, "share_tanpa_bypass": "n_promosi"}
PRIOR_PROMOTIONS = 5.0


def _shrunk(out: pd.DataFrame, shares: dict[str, np.ndarray]) -> np.ndarray:
    """Index components (last axis); each promotion share pulled toward the province share as if by 5 more promotions.

    An OPD with few promotions thus sits near the province instead of at 0 % or 100 % by chance; with
    none, its promotion components equal the province's."""
    n = out["n_promosi"].to_numpy(float)
    cols = []
    for c in WEIGHTS:
        x = shares[c]
        if DENOMINATORS.get(c) == "n_promosi":
            prov = np.nansum(np.nan_to_num(out[c].to_numpy(float)) * n) / max(n.sum(), 1)
            nb = n.reshape((-1,) + (1,) * (x.ndim - 1))
            x = (np.nan_to_num(x) * nb + PRIOR_PROMOTIONS * prov) / (nb + PRIOR_PROMOTIONS)
        cols.append(x)
    return np.stack(cols, axis=-1)


def _index_ci(out: pd.DataFrame, n_boot: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Parametric bootstrap of the index: each share redrawn as Binomial(n, p̂)/n, then shrunk; fairness held fixed."""
    rng = np.random.default_rng(seed)
    draws = {}
    for col, den in DENOMINATORS.items():
        n = out[den].to_numpy(int)
        p = np.nan_to_num(out[col].to_numpy(float))
        sim = rng.binomial(n[:, None], p[:, None], (len(out), n_boot)) / np.maximum(n, 1)[:, None]
        draws[col] = np.where(n[:, None] > 0, sim, np.nan)
    draws["skor_keadilan"] = np.repeat(out["skor_keadilan"].to_numpy(float)[:, None], n_boot, axis=1)
    idx = _index(_shrunk(out, draws))
    return np.percentile(idx, 2.5, axis=1), np.percentile(idx, 97.5, axis=1)
