"""Meritocracy compliance per OPD: coverage, promotions by merit, bypasses, fairness flags, and a 0–100 index.

Indicators (each a share 0–1; defined in plain Bahasa Indonesia in `METHOD`):
- coverage_profiling, coverage_kinerja: staff with an assessment / with SKP for both last years;
- share_promosi_talent_pool: promotions of persons from the talent pool (9-box 7, 8, 9);
- share_promosi_eligible: promotions of persons meeting every requirement;
- bypass, by target level (`level_tujuan`: Pelaksana and Fungsional both aim at Pengawas, so they are one contest):
  `n_bypassed` counts the eligible, not promoted candidates of the same OPD and target level who were more ready than
  someone promoted; `share_bypassed` divides it by the eligible candidates of those contests (`n_kandidat`), so that it
  does not grow with the OPD's size under the same rules; the index uses 1 − share_bypassed;
- fairness: 1 with no `disparity` flag in the OPD's audit, 0.5 with one, 0 with two or more — only where the audit
  could test something in the OPD; untested, it is missing, never perfect.
A component that cannot be measured (no candidate to pass over, nothing testable) is missing: the index is the weighted
mean of the others (weights rescaled), its interval also spans every value the missing one could take, and
`komponen_tidak_dinilai` names it. A quarter without promotion cannot be judged on promotions: index empty, category
`tidak dapat dinilai`. An OPD with 1–4 promotions keeps its counts but its promotion shares are left empty
(`suppressed_promosi`): too few to show or rank; the index still uses them, shrunk as below.

The index is the weighted mean × 100 (WEIGHTS); each promotion share is the mean of its Beta posterior with a prior
worth PRIOR_PROMOTIONS promotions at the province's share (plus Jeffreys' ½ on each side), coverage shares Jeffreys'
Beta(k + ½, n − k + ½). The 95 % interval propagates those Beta distributions (draws of every component,
weighted like the index): it is widest where the data are thinnest, unlike a bootstrap of a share of 1 of 1 (which is
always 1). Categories follow the four levels of KASN's Indeks Sistem Merit mapped linearly to 0–100.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from merit_lib.analysis import talent as T
from merit_lib.analysis.features import counted_promotions
from merit_lib.analysis.stats import MIN_CELL, wilson
from merit_lib.domain import rules as R

WEIGHTS: dict[str, float] = {"coverage_profiling": 0.10, "coverage_kinerja": 0.10, "share_promosi_talent_pool": 0.25,
                             "share_promosi_eligible": 0.25, "share_tanpa_bypass": 0.15, "skor_keadilan": 0.15}
#: (lower bound, category); KASN ISM categories I–IV (100–400) mapped to 0–100
CATEGORIES: tuple[tuple[float, str], ...] = ((75, "Sangat Baik"), (50, "Baik"), (25, "Kurang"), (0, "Buruk"))
NOT_JUDGED = "tidak dapat dinilai"
CATEGORIES_EN = {"Sangat Baik": "Very good", "Baik": "Good", "Kurang": "Poor", "Buruk": "Bad", NOT_JUDGED: "cannot be judged"}
READINESS_RANK = {T.READY_NOW: 2, T.READY_DEV: 1, T.NOT_READY: 0}
#: share column of compliance.csv → (numerator count, denominator count), both also in compliance.csv
SHARE_COUNTS: dict[str, tuple[str, str]] = {
    "coverage_profiling": ("n_profiling", "n_pegawai"), "coverage_kinerja": ("n_kinerja", "n_pegawai"),
    "share_promosi_talent_pool": ("n_promosi_talent_pool", "n_promosi"),
    "share_promosi_eligible": ("n_promosi_eligible", "n_promosi")}
#: index component → (numerator, denominator) of its Beta distribution; promotion components are shrunk
COMPONENT_COUNTS: dict[str, tuple[str, str]] = {**SHARE_COUNTS, "share_tanpa_bypass": ("n_kandidat_tidak_terlewati", "n_kandidat")}
SHRUNK = ("share_promosi_talent_pool", "share_promosi_eligible", "share_tanpa_bypass")
PRIOR_PROMOTIONS = 5.0

METHOD = {
    "id": """**Cara membaca indeks kepatuhan meritokrasi (0–100).** Indeks menggabungkan enam indikator per OPD:
- *Cakupan profiling* (bobot 10): bagian pegawai yang sudah diasesmen kompetensinya sebelum periode.
- *Cakupan SKP* (bobot 10): bagian pegawai yang memiliki SKP dua tahun terakhir.
- *Promosi dari talent pool* (bobot 25): bagian promosi periode ini yang jatuh pada pegawai di kotak 7, 8 atau 9.
- *Promosi yang memenuhi syarat* (bobot 25): bagian promosi yang orangnya memenuhi semua syarat (status kepegawaian,
  pendidikan, lama jabatan, SKP, setiap kompetensi, golongan, usia).
- *Calon yang tidak dilangkahi* (bobot 15): di antara calon yang memenuhi syarat untuk jenjang tujuan yang sama di OPD
  itu (Pelaksana dan Fungsional sama-sama menuju Pengawas), bagian yang tidak dilewati oleh promosi orang yang kurang
  siap. Jumlah calon yang terlewati = `n_bypassed`; dibagi jumlah calon (`n_kandidat`) agar OPD besar tidak dihukum
  hanya karena besar.
- *Keadilan* (bobot 15): 100 bila audit keadilan tidak menemukan `disparity` di OPD ini, 50 bila satu, 0 bila dua atau
  lebih — hanya bila audit dapat menguji sesuatu di OPD itu.

Indikator yang tidak dapat diukur (misalnya keadilan di OPD yang tidak dapat diuji, atau tidak ada calon yang dapat
dilangkahi) **tidak dianggap sempurna**: indikator itu dikosongkan, bobotnya dibagi ke indikator lain, rentang indeks
diperlebar untuk semua nilai yang mungkin, dan kolom `komponen_tidak_dinilai` menyebutkannya. OPD **tanpa promosi**
pada periode ini tidak dapat dinilai dari promosinya: indeksnya kosong dan kategorinya *tidak dapat dinilai*.

Agar OPD dengan sedikit promosi tidak melonjak ke 0% atau 100% karena kebetulan, indikator promosi ditarik ke arah angka
provinsi seolah-olah ada 5 promosi tambahan berangka provinsi. Tabel tetap menampilkan angka asli OPD, kecuali OPD dengan
1–4 promosi: bagiannya tidak ditampilkan. Kategori mengikuti empat tingkat Indeks Sistem Merit KASN yang dipetakan ke
0–100: ≥ 75 *Sangat Baik*, 50–< 75 *Baik*, 25–< 50 *Kurang*, < 25 *Buruk*. Rentang (interval 95%) indeks menjalarkan
ketidakpastian setiap indikator (distribusi Beta dari jumlah orangnya): OPD dengan sedikit data mendapat rentang lebar,
dan urutan OPD yang rentangnya bertumpang tindih tidak boleh dibaca sebagai perbedaan nyata.""",
    "en": """**Reading the meritocracy compliance index (0–100).** The index combines six indicators per OPD:
profiling coverage (weight 10), SKP coverage (10), share of promotions from the talent pool (boxes 7–9; 25), share of
promotions whose person met every requirement (status, education, time in post, SKP, every competency, golongan, age;
25), share of the eligible candidates of the same target level (Pelaksana and Fungsional both aim at Pengawas) not passed
over by the promotion of someone less ready (15; `n_bypassed` over `n_kandidat`, so that a large OPD is not penalised
for its size), and fairness (15: 100 with no `disparity` flag, 50 with one, 0 with two or more — only where the audit
could test something in the OPD). An indicator that cannot be measured (fairness where nothing could be tested, no
candidate who could be passed over) is **never counted as perfect**: it is left empty, its weight goes to the others, the
95% range widens to every value it could take, and `komponen_tidak_dinilai` names it. An OPD **without promotions** in
the quarter cannot be judged on its promotions: its index is empty, its category *cannot be judged*. Promotion
indicators are pulled toward the province's as if by 5 more promotions at the province rate; tables show the OPD's own
shares, except for OPDs with 1–4 promotions, whose shares are not shown. Categories follow the four levels of KASN's
merit system index mapped to 0–100: ≥ 75 Very good, 50–< 75 Good, 25–< 50 Poor, < 25 Bad. The 95% range propagates
each indicator's uncertainty (a Beta distribution from its counts): thin data give wide ranges; overlapping ranges are
not a real difference.""",
}


def target_level(frame: pd.DataFrame) -> pd.Series:
    """The level each person's promotion aims at: `level_tujuan` where the frame has it, else rules.target_level."""
    return frame["level_tujuan"] if "level_tujuan" in frame else R.target_level(frame)


def _contest(frame: pd.DataFrame, scope: str) -> pd.DataFrame:
    """Those who could be promoted: scope, target level, readiness rank, promoted, and eligible-but-not-promoted."""
    at_risk = frame[frame["berisiko"].fillna(False).astype(bool)]
    promoted = at_risk["dipromosikan"].astype(bool)
    return pd.DataFrame({"scope": at_risk[scope], "level": target_level(at_risk).astype("string"),
                         "rank": at_risk["kesiapan"].map(READINESS_RANK).fillna(-1), "promoted": promoted,
                         "candidate": at_risk["memenuhi_syarat"].fillna(False).astype(bool) & ~promoted})


def bypasses(frame: pd.DataFrame, scope: str = "opd_kode") -> pd.DataFrame:
    """Per promoted person: how many eligible, not promoted candidates of the same scope and target level were more
    ready (`level` is the target level)."""
    d = _contest(frame, scope)
    cand = d[d["candidate"]].groupby(["scope", "level", "rank"]).size().rename("n").reset_index()
    promo = d[d["promoted"]].reset_index()
    merged = promo.merge(cand, on=["scope", "level"], how="left", suffixes=("", "_cand"))
    merged = merged[merged["rank_cand"] > merged["rank"]]
    passed = merged.groupby("index")["n"].sum()
    out = promo.set_index("index")[["scope", "level", "rank"]]
    out["n_lebih_siap"] = passed.reindex(out.index).fillna(0).astype(int)
    return out


def _candidates(frame: pd.DataFrame, scope: str) -> pd.DataFrame:
    """Per scope: eligible, not promoted candidates in contests (scope, target level) with a promotion (`n_kandidat`),
    and those of them passed over by at least one promotion of a less ready person (`n_bypassed`)."""
    d = _contest(frame, scope)
    lowest = d[d["promoted"]].groupby(["scope", "level"])["rank"].min()
    bar = pd.Series(lowest.reindex(pd.MultiIndex.from_frame(d[["scope", "level"]])).to_numpy(), index=d.index)
    contested = d["candidate"] & bar.notna()
    return pd.DataFrame({"n_kandidat": contested.groupby(d["scope"]).sum(),
                         "n_bypassed": (contested & (d["rank"] > bar)).groupby(d["scope"]).sum()})


def compliance(frame: pd.DataFrame, findings: pd.DataFrame | None = None, scope: str = "opd_kode",
               label: str = "opd_nama", n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """The compliance table of DESIGN §6, one row per OPD, with Wilson CIs of the shares and a 95 % range of the index
    (`n_boot` draws of the components' Beta distributions)."""
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
    cand = _candidates(frame, scope).reindex(out.index).fillna(0).astype(int)
    out["n_bypassed"], out["n_kandidat"] = cand["n_bypassed"], cand["n_kandidat"]
    out["n_kandidat_tidak_terlewati"] = out["n_kandidat"] - out["n_bypassed"]
    out["share_bypassed"] = out["n_bypassed"] / out["n_kandidat"].where(out["n_kandidat"] > 0)
    out["fairness_flags"], out["fairness_tested"] = _flags(findings, out.index)

    for col, (num, den) in SHARE_COUNTS.items():
        out[col] = np.where(out[den] > 0, out[num] / out[den].where(out[den] > 0), np.nan)
        out[f"{col}_ci_low"], out[f"{col}_ci_high"] = wilson(out[num], out[den])
    out["share_tanpa_bypass"] = 1 - out["share_bypassed"]
    out["skor_keadilan"] = np.select([out["fairness_flags"] == 0, out["fairness_flags"] == 1], [1.0, 0.5], 0.0)
    out.loc[out["fairness_tested"] == 0, "skor_keadilan"] = np.nan
    components = _components(out)
    judged = out["n_promosi"] > 0
    out["index"] = np.where(judged, 100 * _index(components), np.nan)
    lo, hi = _index_ci(out, n_boot, seed)
    out["index_ci_low"], out["index_ci_high"] = np.where(judged, 100 * lo, np.nan), np.where(judged, 100 * hi, np.nan)
    out["category"] = category(out["index"]).where(judged, NOT_JUDGED)
    out["komponen_tidak_dinilai"] = pd.Series([", ".join(c for c, v in zip(WEIGHTS, row) if np.isnan(v))
                                               for row in components], index=out.index, dtype="string")
    out["suppressed_promosi"] = out["n_promosi"].between(1, MIN_CELL - 1)
    # a share of 1–4 promotions is neither shown nor ranked (the counts stay for the audit trail)
    shown_as_share = [c for c in out.columns if c.startswith(("share_promosi", "share_tanpa_bypass"))]
    out.loc[out["suppressed_promosi"], shown_as_share] = np.nan
    out = out.reset_index().rename(columns={scope: "opd_kode"})
    first = ["opd_kode", "opd_nama", "n_pegawai", "coverage_profiling", "coverage_kinerja", "n_promosi",
             "share_promosi_talent_pool", "share_promosi_eligible", "n_bypassed", "fairness_flags", "index", "category"]
    return out[first + [c for c in out.columns if c not in first]].sort_values("index", ascending=False, kind="stable",
                                                                               na_position="last")


def category(index: pd.Series, lang: str = "id") -> pd.Series:
    """Index 0–100 → KASN-aligned category (missing index: missing category)."""
    out = pd.Series(pd.NA, index=index.index, dtype="string")
    for lo, name in reversed(CATEGORIES):
        out[index >= lo] = name if lang == "id" else CATEGORIES_EN[name]
    return out


def _flags(findings: pd.DataFrame | None, scopes: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Per scope: `disparity` findings, and findings the audit could test (any verdict but `insufficient data`)."""
    if findings is None or findings.empty:
        zero = pd.Series(0, index=scopes, dtype=int)
        return zero, zero.copy()
    dis = findings[findings["flag"] == "disparity"].groupby("scope").size().reindex(scopes).fillna(0).astype(int)
    tested = findings[findings["flag"] != "insufficient data"].groupby("scope").size().reindex(scopes).fillna(0).astype(int)
    return dis, tested


def _index(components: np.ndarray) -> np.ndarray:
    """Weighted mean of the available components (last axis), weights rescaled over the non-missing ones."""
    w = np.asarray(list(WEIGHTS.values()))
    avail = ~np.isnan(components)
    num = np.nansum(np.where(avail, components * w, 0), axis=-1)
    with np.errstate(invalid="ignore"):
        return num / np.where(avail, w, 0).sum(axis=-1)


def _beta(out: pd.DataFrame) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each measured component's Beta(a, b): Jeffreys' ½ + ½ for coverage; for the promotion components a prior worth
    PRIOR_PROMOTIONS promotions at the province's share on top of Jeffreys' (its mean is the share shrunk toward the
    province, and a province share of 0 or 1 still leaves mass on both sides). NaN where there is nothing to measure."""
    params = {}
    for col, (num, den) in COMPONENT_COUNTS.items():
        k, n = out[num].to_numpy(float), out[den].to_numpy(float)
        if col in SHRUNK:
            prov = k.sum() / max(n.sum(), 1)
            a, b = k + PRIOR_PROMOTIONS * prov + 0.5, n - k + PRIOR_PROMOTIONS * (1 - prov) + 0.5
        else:
            a, b = k + 0.5, n - k + 0.5
        params[col] = (np.where(n > 0, a, np.nan), np.where(n > 0, b, np.nan))
    return params


def _components(out: pd.DataFrame) -> np.ndarray:
    """Index components per OPD (last axis, in WEIGHTS order): Beta means, fairness as scored; NaN = not measured."""
    beta = _beta(out)
    cols = [beta[c][0] / (beta[c][0] + beta[c][1]) if c in beta else out[c].to_numpy(float) for c in WEIGHTS]
    return np.stack(cols, axis=-1)


def _index_ci(out: pd.DataFrame, n_draws: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """2.5 % and 97.5 % of the index over draws of every component's Beta distribution; a component not measured is
    drawn uniformly on 0–1 with its weight (the range covers what it could be), fairness as scored is held fixed."""
    rng = np.random.default_rng(seed)
    beta = _beta(out)
    draws = []
    for c in WEIGHTS:
        if c in beta:
            a, b = beta[c]
            d = rng.beta(np.nan_to_num(a, nan=1.0)[:, None], np.nan_to_num(b, nan=1.0)[:, None], (len(out), n_draws))
        else:
            fixed = out[c].to_numpy(float)[:, None]
            d = np.where(np.isnan(fixed), rng.random((len(out), n_draws)), fixed)
        draws.append(d)
    idx = _index(np.stack(draws, axis=-1))
    return np.percentile(idx, 2.5, axis=1), np.percentile(idx, 97.5, axis=1)
