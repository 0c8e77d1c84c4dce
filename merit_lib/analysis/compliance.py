"""Meritocracy compliance per OPD: coverage, promotions by merit, bypasses, fairness flags, and a 0–100 index.

Indicators (each a share 0–1; defined in plain Bahasa Indonesia in `METHOD`):
- coverage_profiling, coverage_kinerja: staff with an assessment / with SKP for both last years;
- share_promosi_talent_pool: promotions of persons from the talent pool (9-box 7, 8, 9);
- share_promosi_eligible: promotions of persons meeting every requirement;
- bypass, by target level (`level_tujuan`: Pelaksana and Fungsional both aim at Pengawas, so they are one contest):
  `n_bypassed` counts the eligible, not promoted candidates of the same OPD and target level who were more ready than
  someone promoted; `share_bypassed` divides it by the eligible candidates of those contests (`n_kandidat`), so that it
  does not grow with the OPD's size under the same rules; the index uses 1 − share_bypassed;
- fairness (`fairness_component`, issue 21): on the same footing for small and large OPDs and direction-aware. For each
  audited (attribute, group), the OPD's own estimate (its finding's basis odds ratio, where the audit could test it and
  none of its cells holds 1–4 persons) is shrunk toward the province's by empirical Bayes (normal-normal, the
  between-OPD variance by DerSimonian–Laird); an OPD whose own estimate is missing or thin takes the province's, with
  its spread. Each group's shrunk odds ratio, as an impact ratio at the province's reference rate, scores 1 at 0.8 or
  above (no material gap against the group) down to 0 at 0.5 (linearly: `FAIRNESS_FLOOR`); the OPD's score is its
  worst group's. So an OPD with little evidence scores as the province does, whatever its size; a gap in a group's
  favour costs nothing and is reported (`fairness_in_favour`, `fairness_against` count the disparities by side). An
  OPD without audited persons has no score (missing, never perfect).
A component that cannot be measured (no candidate to pass over, nothing testable) is missing: the index is the weighted
mean of the others (weights rescaled), its interval also spans every value the missing one could take, and
`komponen_tidak_dinilai` names it. A quarter without promotion cannot be judged on promotions: index empty, category
`tidak dapat dinilai`. An OPD with 1–4 promotions keeps its counts but its promotion shares are left empty
(`suppressed_promosi`): too few to show, rank or judge. Its promotion components (talent pool, eligible, not passed
over) take the province's value, which is public, and are named in `komponen_tidak_dinilai` and
`komponen_nilai_provinsi`: the index never rests on a hidden share, so it cannot give one back. An OPD none of whose
promotion components is its own (each replaced or not measurable) is `tidak dapat dinilai` on its promotions: its
index stays defined — the weights stay as they are, 65 of the 100 points then carry the province's values and 35 the
OPD's own coverage (20) and fairness (15) — but it gets no category and no rank. The disclosure door
(`report.privacy`) recomputes the index with `index_columns` for every component whose count it hides (a share of
1–4 persons, or its complement), so the published index rests on published numbers only.

The index is the weighted mean × 100 (WEIGHTS); each promotion share is the mean of its Beta posterior with a prior
worth PRIOR_PROMOTIONS promotions at the province's share (plus Jeffreys' ½ on each side), coverage shares Jeffreys'
Beta(k + ½, n − k + ½). The 95 % interval propagates those Beta distributions (draws of every component,
weighted like the index): it is widest where the data are thinnest, unlike a bootstrap of a share of 1 of 1 (which is
always 1); a component standing in at the province's value spans 0–1 in the interval (it could be anything).
Categories follow the four levels of the Indeks Sistem Merit (BKN since UU 20/2023; formerly KASN) mapped linearly to 0–100. Each component's value as it
entered the index (`nilai_<component>`: the shrunk share, the province's value where it stands in, the fairness score)
and the points it adds (`poin_<component>`: 100 × weight × value, weights rescaled over the measured components) are
columns too: the points sum to the index, and the door recomputes them with it.
"""

from __future__ import annotations

import warnings
import zlib
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import stats as sps

from merit_lib.analysis import talent as T
from merit_lib.analysis.features import counted_promotions, current
from merit_lib.analysis.stats import MIN_CELL, wilson
from merit_lib.analysis.tiers import MIN_PROMOTIONS, TIERS, eb_prior, province_average, tier
from merit_lib.domain import codes, text
from merit_lib.domain import rules as R
from merit_lib.domain.roles import ASN, Roles

if TYPE_CHECKING:
    from merit_lib.analysis.fairness import AuditResult

WEIGHTS: dict[str, float] = {"coverage_profiling": 0.10, "coverage_kinerja": 0.10, "share_promosi_talent_pool": 0.25,
                             "share_promosi_eligible": 0.25, "share_tanpa_bypass": 0.15, "skor_keadilan": 0.15}
#: (lower bound, category); ISM categories (BKN since UU 20/2023; formerly KASN) I–IV (100–400) mapped to 0–100
CATEGORIES: tuple[tuple[float, str], ...] = ((75, codes.VERY_GOOD), (50, codes.GOOD), (25, codes.POOR), (0, codes.BAD))
NOT_JUDGED = codes.NOT_JUDGED
READINESS_RANK = {T.READY_NOW: 2, T.READY_DEV: 1, T.NOT_READY: 0}
#: share column of compliance.csv → (numerator count, denominator count), both also in compliance.csv
SHARE_COUNTS: dict[str, tuple[str, str]] = {
    "coverage_profiling": ("n_profiling", "n_pegawai"), "coverage_kinerja": ("n_kinerja", "n_pegawai"),
    "share_promosi_talent_pool": ("n_promosi_talent_pool", "n_promosi"),
    "share_promosi_eligible": ("n_promosi_eligible", "n_promosi")}
#: index component → (numerator, denominator) of its Beta distribution; promotion components are shrunk
COMPONENT_COUNTS: dict[str, tuple[str, str]] = {**SHARE_COUNTS, "share_tanpa_bypass": ("n_kandidat_tidak_terlewati", "n_kandidat")}
SHRUNK = ("share_promosi_talent_pool", "share_promosi_eligible", "share_tanpa_bypass")
#: the components that rest on the quarter's promotions (the "promotion part" of the index)
PROMOTION_COMPONENTS = SHRUNK
PRIOR_PROMOTIONS = 5.0
#: per component, the value (0–1) that entered the index and the points it adds (their sum is the index)
VALUE_COLUMNS: dict[str, str] = {c: f"nilai_{c}" for c in WEIGHTS}
POINT_COLUMNS: dict[str, str] = {c: f"poin_{c}" for c in WEIGHTS}
#: the partially pooled estimate of each promotion component: its 95 % interval (the estimate is `nilai_*`)
ESTIMATE_CI: dict[str, tuple[str, str]] = {c: (f"nilai_{c}_ci_low", f"nilai_{c}_ci_high") for c in SHRUNK}
#: what `index_columns` computes (the door recomputes these from published numbers)
INDEX_COLUMNS = ("index", "index_ci_low", "index_ci_high", "category", "tier", "index_provinsi", "komponen_tidak_dinilai",
                 "komponen_nilai_provinsi", *VALUE_COLUMNS.values(), *POINT_COLUMNS.values(),
                 *(c for pair in ESTIMATE_CI.values() for c in pair))
#: the columns `index_columns` reads
INDEX_INPUTS = ("n_pegawai", "n_promosi", "fairness_flags", "fairness_tested",
                *dict.fromkeys(c for pair in COMPONENT_COUNTS.values() for c in pair))

METHOD = {
    "id": """**Cara membaca indeks kepatuhan meritokrasi (0–100).** Indeks menggabungkan enam indikator per OPD:
- *Cakupan profiling* (bobot 10): bagian pegawai yang sudah mengikuti asesmen kompetensi sebelum periode.
- *Cakupan SKP* (bobot 10): bagian pegawai yang memiliki SKP dua tahun terakhir.
- *Promosi dari talent pool* (bobot 25): bagian promosi periode ini yang jatuh pada pegawai di kotak 7, 8 atau 9.
- *Promosi yang memenuhi syarat* (bobot 25): bagian promosi yang orangnya memenuhi semua syarat (status kepegawaian,
  pendidikan, lama jabatan, SKP, setiap kompetensi, golongan, usia).
- *Calon yang tidak dilangkahi* (bobot 15): di antara calon yang memenuhi syarat untuk jenjang tujuan yang sama di OPD
  itu (Pelaksana dan Fungsional sama-sama menuju Pengawas), bagian yang tidak dilewati oleh promosi orang yang kurang
  siap. Jumlah calon yang terlewati = `n_bypassed`; dibagi jumlah calon (`n_kandidat`) agar OPD besar tidak dihukum
  hanya karena besar.
- *Keadilan* (bobot 15): 100 bila audit keadilan tidak menemukan disparitas di OPD ini, 50 bila satu, 0 bila dua atau
  lebih — hanya bila audit dapat menguji sesuatu di OPD itu.

Indikator yang tidak dapat diukur (misalnya keadilan di OPD yang tidak dapat diuji, atau tidak ada calon yang dapat
dilangkahi) **tidak dianggap sempurna**: indikator itu dikosongkan, bobotnya dibagi ke indikator lain, rentang indeks
diperlebar untuk semua nilai yang mungkin, dan kolom `komponen_tidak_dinilai` menyebutkannya. OPD **tanpa promosi**
pada periode ini tidak dapat dinilai dari promosinya: indeksnya kosong dan kategorinya *tidak dapat dinilai*.

Agar OPD dengan sedikit promosi tidak melonjak ke 0% atau 100% karena kebetulan, indikator promosi ditarik ke arah angka
provinsi seolah-olah ada 5 promosi tambahan berangka provinsi. Tabel tetap menampilkan angka asli OPD, kecuali OPD dengan
1–4 promosi: bagiannya tidak ditampilkan, dan indikator promosinya memakai **angka provinsi** (disebut di
`komponen_nilai_provinsi`), sebab indeks tidak boleh membuka angka yang disembunyikan. Hal yang sama berlaku untuk
setiap indikator yang angkanya disembunyikan (sel kurang dari 5 orang atau pelengkapnya). OPD yang tidak satu pun
indikator promosinya berasal dari datanya sendiri tetap memiliki indeks (65 dari 100 poin berangka provinsi, 35 poin dari
cakupan dan keadilannya sendiri), tetapi kategorinya *tidak dapat dinilai* dan tidak diperingkat. Kategori mengikuti empat tingkat Indeks Sistem Merit (dinilai BKN sejak UU 20/2023) yang dipetakan ke
0–100: ≥ 75 *Sangat Baik*, 50–< 75 *Baik*, 25–< 50 *Kurang*, < 25 *Buruk*. Rentang (interval 95%) indeks menjalarkan
ketidakpastian setiap indikator (distribusi Beta dari jumlah orangnya): OPD dengan sedikit data mendapat rentang lebar,
dan urutan OPD yang rentangnya bertumpang tindih tidak boleh dibaca sebagai perbedaan nyata.""",
    "en": """**Reading the meritocracy compliance index (0–100).** The index combines six indicators per OPD:
profiling coverage (weight 10), SKP coverage (10), share of promotions from the talent pool (boxes 7–9; 25), share of
promotions whose person met every requirement (status, education, time in post, SKP, every competency, golongan, age;
25), share of the eligible candidates of the same target level (Pelaksana and Fungsional both aim at Pengawas) not passed
over by the promotion of someone less ready (15; `n_bypassed` over `n_kandidat`, so that a large OPD is not penalised
for its size), and fairness (15: 100 with no disparity found, 50 with one, 0 with two or more — only where the audit
could test something in the OPD). An indicator that cannot be measured (fairness where nothing could be tested, no
candidate who could be passed over) is **never counted as perfect**: it is left empty, its weight goes to the others, the
95% range widens to every value it could take, and `komponen_tidak_dinilai` names it. An OPD **without promotions** in
the quarter cannot be judged on its promotions: its index is empty, its category *cannot be judged*. Promotion
indicators are pulled toward the province's as if by 5 more promotions at the province rate; tables show the OPD's own
shares, except for OPDs with 1–4 promotions, whose shares are not shown and whose promotion indicators take the
**province's value** (named in `komponen_nilai_provinsi`), since the index must not give a hidden number back; so does
every indicator whose count is hidden (a cell under 5 persons or its complement). An OPD none of whose promotion
indicators is its own keeps an index (65 of the 100 points at the province's values, 35 from its own coverage and
fairness) but is *cannot be judged* and not ranked. Categories follow the four levels of the
Merit System Index (assessed by BKN since UU 20/2023) mapped to 0–100: ≥ 75 Very good, 50–< 75 Good, 25–< 50 Poor, < 25 Bad. The 95% range propagates
each indicator's uncertainty (a Beta distribution from its counts): thin data give wide ranges; overlapping ranges are
not a real difference.""",
}


def target_level(frame: pd.DataFrame) -> pd.Series:
    """The level each person's promotion aims at: `level_tujuan` where the frame has it, else rules.target_level."""
    return frame["level_tujuan"] if "level_tujuan" in frame else R.target_level(frame)


def _contest(frame: pd.DataFrame, scope: str) -> pd.DataFrame:
    """Those who could be promoted, one row per person-quarter at risk: scope, target level, quarter, person, readiness
    rank, promoted, and eligible-but-not-promoted. A contest is one (scope, target level, quarter)."""
    at_risk = frame[frame["berisiko"].fillna(False).astype(bool)]
    promoted = at_risk["dipromosikan"].astype(bool)
    quarter = at_risk["triwulan"].astype("string") if "triwulan" in at_risk else pd.Series("", index=at_risk.index)
    person = at_risk["nip"].astype("string") if "nip" in at_risk else pd.Series(at_risk.index.astype(str), index=at_risk.index)
    return pd.DataFrame({"scope": at_risk[scope], "level": target_level(at_risk).astype("string"), "quarter": quarter,
                         "person": person, "rank": at_risk["kesiapan"].map(READINESS_RANK).fillna(-1),
                         "promoted": promoted,
                         "candidate": at_risk["memenuhi_syarat"].fillna(False).astype(bool) & ~promoted})


_CONTEST = ["scope", "level", "quarter"]


def bypasses(frame: pd.DataFrame, scope: str = "opd_kode") -> pd.DataFrame:
    """Per promotion: how many eligible, not promoted candidates of the same contest (scope, target level, quarter) were
    more ready (`level` is the target level)."""
    d = _contest(frame, scope)
    cand = d[d["candidate"]].groupby([*_CONTEST, "rank"], dropna=False).size().rename("n").reset_index()
    promo = d[d["promoted"]].reset_index()
    merged = promo.merge(cand, on=_CONTEST, how="left", suffixes=("", "_cand"))
    merged = merged[merged["rank_cand"] > merged["rank"]]
    passed = merged.groupby("index")["n"].sum()
    out = promo.set_index("index")[["scope", "level", "rank"]]
    out["n_lebih_siap"] = passed.reindex(out.index).fillna(0).astype(int)
    return out


def contests(frame: pd.DataFrame, scope: str = "opd_kode") -> pd.DataFrame:
    """Per scope and target level (index `scope`, `level`; NA = no higher level or unknown), over the quarters of the
    evidence window: promotions (`n_promosi`), of them those passing over a more ready eligible candidate of their
    contest (`n_promosi_melangkahi`), eligible, not promoted candidates in a contest with a promotion (`n_kandidat`,
    persons), and those of them passed over by at least one promotion of a less ready person (`n_bypassed`, persons).
    Summed over levels: the OPD's counts in compliance.csv."""
    d = _contest(frame, scope)
    lowest = d[d["promoted"]].groupby(_CONTEST, dropna=False)["rank"].min()
    bar = pd.Series(lowest.reindex(pd.MultiIndex.from_frame(d[_CONTEST])).to_numpy(), index=d.index)
    contested = d["candidate"] & bar.notna()
    passed = contested & (d["rank"] > bar)
    byp = bypasses(frame, scope)
    keys = [d["scope"], d["level"]]
    out = pd.DataFrame({"n_promosi": d["promoted"].groupby(keys, dropna=False).sum(),
                        "n_kandidat": d["person"].where(contested).groupby(keys, dropna=False).nunique(),
                        "n_bypassed": d["person"].where(passed).groupby(keys, dropna=False).nunique()})
    passing = (byp["n_lebih_siap"] > 0).groupby([byp["scope"], byp["level"]], dropna=False).sum()
    out.insert(1, "n_promosi_melangkahi", passing.reindex(out.index).fillna(0))
    out.index.names = ["scope", "level"]
    return out.astype(int)


def _candidates(frame: pd.DataFrame, scope: str) -> pd.DataFrame:
    """Per scope: eligible, not promoted candidates in contests (scope, target level) with a promotion (`n_kandidat`),
    those of them passed over (`n_bypassed`), and promotions passing someone over (`n_promosi_melangkahi`)."""
    return contests(frame, scope).groupby(level="scope").sum()[["n_kandidat", "n_bypassed", "n_promosi_melangkahi"]]


class ComplianceTable(pd.DataFrame):
    """What `compliance` returns: the compliance table, a DataFrame (every pandas operation on it gives a plain one)
    that a notebook shows readably, in its frame's language, with the provenance it carries in `attrs`."""

    @property
    def _constructor(self):
        return pd.DataFrame

    def _repr_html_(self) -> str:
        from merit_lib.domain import display as D
        from merit_lib.domain import language as L

        lang = L.language(self.attrs.get("lang") or "id")

        def whole(x: object) -> str:
            return "–" if pd.isna(x) else L.number(float(x), lang)

        tiers = self["tier"].value_counts() if "tier" in self else pd.Series(dtype=int)
        counts = "; ".join(f"{text.t('window.' + t, lang)}: {L.number(int(tiers[t]), lang)}" for t in TIERS if t in tiers)
        shown = pd.DataFrame({
            text.column("opd_nama", lang): self["opd_nama"].astype(object).where(self["opd_nama"].notna(), self["opd_kode"]),
            text.column("n_pegawai", lang): self["n_pegawai"].map(whole),
            text.column("n_promosi", lang): self["n_promosi"].map(whole),
            text.column("index", lang): [f"{whole(i)} ({whole(lo)}–{whole(hi)})" if pd.notna(i) else "–"
                                         for i, lo, hi in zip(self["index"], self["index_ci_low"], self["index_ci_high"])],
            text.t("api.tier", lang): [text.t("window." + str(t), lang) if pd.notna(t) else "–"
                                       for t in self.get("tier", pd.Series(pd.NA, index=self.index))],
            text.column("category", lang): [text.category(str(c), lang) for c in self["category"]]})
        parts = [D.paragraph(D.provenance(self.attrs, lang), small=True),
                 D.paragraph(text.t("api.compliance_lead", lang, n=L.number(len(self), lang), tiers=counts or "–")),
                 D.table(shown.head(60)),
                 D.paragraph(text.t("api.compliance_more", lang, n=L.number(len(self.columns), lang)), small=True)]
        return D.block(text.t("api.compliance_title", lang), parts)


def compliance(frame: pd.DataFrame, findings: pd.DataFrame | None = None, scope: str = "opd_kode",
               label: str = "opd_nama", n_boot: int = 2000, seed: int = 0) -> ComplianceTable:
    """The compliance table of DESIGN §6, one row per OPD, with Wilson CIs of the shares and a 95 % range of the index
    (`n_boot` draws of the components' Beta distributions); it carries the frame's provenance (`attrs`)."""
    from merit_lib.analysis import door

    frame = door.require_frame(frame, "compliance")
    now = current(frame)      # staff and coverage: as at the period's start
    g = now.groupby(scope, sort=True)
    out = pd.DataFrame({"opd_nama": g[label].first(), "n_pegawai": g.size(), "n_profiling": g["diprofil"].sum(),
                        "n_kinerja": (now["skp_level_1"].notna() & now["skp_level_2"].notna()).groupby(now[scope]).sum()})
    earlier = frame.loc[~frame[scope].isin(out.index) & frame[scope].notna()]   # an OPD gone by the period's start
    if len(earlier):
        gone = earlier.groupby(scope)[label].first()
        out = pd.concat([out, pd.DataFrame({"opd_nama": gone, "n_pegawai": 0, "n_profiling": 0, "n_kinerja": 0})])
        out = out.sort_index()
    promo = frame[counted_promotions(frame)]   # promotions: every quarter of the evidence window
    gp = promo.groupby(scope)
    out["n_promosi"] = gp.size().reindex(out.index).fillna(0).astype(int)
    last = promo[promo["triwulan"] == now["triwulan"].iloc[0]] if "triwulan" in promo and len(now) else promo
    out["n_promosi_triwulan"] = last.groupby(scope).size().reindex(out.index).fillna(0).astype(int)
    out["n_promosi_talent_pool"] = gp["talent_pool"].sum().reindex(out.index).fillna(0).astype(int)
    out["n_promosi_eligible"] = gp["memenuhi_syarat"].sum().reindex(out.index).fillna(0).astype(int)
    cand = _candidates(frame, scope).reindex(out.index).fillna(0).astype(int)
    out["n_promosi_melangkahi"] = cand["n_promosi_melangkahi"]
    out["n_bypassed"], out["n_kandidat"] = cand["n_bypassed"], cand["n_kandidat"]
    out["n_kandidat_tidak_terlewati"] = out["n_kandidat"] - out["n_bypassed"]
    out["share_bypassed"] = out["n_bypassed"] / out["n_kandidat"].where(out["n_kandidat"] > 0)
    fair = fairness_component(findings, out.index)
    for col in fair.columns:
        out[col] = fair[col]

    for col, (num, den) in SHARE_COUNTS.items():
        out[col] = np.where(out[den] > 0, out[num] / out[den].where(out[den] > 0), np.nan)
        out[f"{col}_ci_low"], out[f"{col}_ci_high"] = wilson(out[num], out[den])
    out["share_tanpa_bypass"] = 1 - out["share_bypassed"]
    replaced = thin_promotions(out)
    for col, value in index_columns(out, replaced, n_boot, seed).items():
        out[col] = value
    out["suppressed_promosi"] = out["n_promosi"].between(1, MIN_CELL - 1)
    # a share of 1–4 promotions is neither shown nor ranked (the counts stay for the audit trail)
    shown_as_share = [c for c in out.columns if c.startswith(("share_promosi", "share_tanpa_bypass", "share_bypassed"))]
    out.loc[out["suppressed_promosi"], shown_as_share] = np.nan
    out = out.reset_index().rename(columns={scope: "opd_kode"})
    first = ["opd_kode", "opd_nama", "n_pegawai", "coverage_profiling", "coverage_kinerja", "n_promosi",
             "share_promosi_talent_pool", "share_promosi_eligible", "n_bypassed", "fairness_flags", "index", "category"]
    table = ComplianceTable(ranked(out[first + [c for c in out.columns if c not in first]]))
    table.attrs.update(door.context(frame))
    return table



def audited_compliance(frame: pd.DataFrame, roles: Roles = ASN) -> tuple[AuditResult, ComplianceTable]:
    """The fairness audit of `frame` (every scope and the province: the fairness score shrinks each OPD towards the
    province's estimate) and the compliance table that reads it, as a quarter's report computes them; the trend
    recomputes an earlier quarter with this same call, so that its point is the one that quarter's report showed."""
    from merit_lib.analysis.fairness import audit

    result = audit(frame, roles)
    return result, compliance(frame, result.findings)

def ranked(table: pd.DataFrame) -> pd.DataFrame:
    """Rows by tier (above, as expected, below the province, then those not rated), by name within a tier: OPDs whose
    ranges overlap are never put in an order of their index (analysis.tiers). A table without tiers: by OPD code."""
    key = table["tier"].map({t: i for i, t in enumerate(TIERS)}).fillna(len(TIERS)) if "tier" in table else \
        pd.Series(0, index=table.index)
    name = table["opd_nama"] if "opd_nama" in table else table.get("opd_kode", pd.Series("", index=table.index))
    order = pd.DataFrame({"t": key.to_numpy(), "n": name.astype(str).to_numpy()})
    return table.iloc[order.sort_values(["t", "n"], kind="stable").index]


def thin_promotions(out: pd.DataFrame) -> pd.DataFrame:
    """Which promotion components rest on 1–4 promotions (True: the province's value stands in), per OPD."""
    thin = out["n_promosi"].between(1, MIN_CELL - 1).to_numpy()
    return pd.DataFrame({c: thin & (out[COMPONENT_COUNTS[c][1]].to_numpy(float) > 0) for c in PROMOTION_COMPONENTS},
                        index=out.index)


def province_values(out: pd.DataFrame, replaced: pd.DataFrame | None = None) -> dict[str, float]:
    """The province's share of each promotion component, pooled over the OPDs whose own value is used (not
    `replaced`): it is computed from shown counts only, so it gives no hidden count back. NaN: nothing to pool."""
    vals = {}
    for c in PROMOTION_COMPONENTS:
        num, den = COMPONENT_COUNTS[c]
        use = np.ones(len(out), bool) if replaced is None or c not in replaced else ~replaced[c].to_numpy(bool)
        k, n = out[num].to_numpy(float)[use], out[den].to_numpy(float)[use]
        vals[c] = float(np.nansum(k) / np.nansum(n)) if np.nansum(n) > 0 else np.nan
    return vals


def index_columns(out: pd.DataFrame, replaced: pd.DataFrame | None = None, n_draws: int = 2000, seed: int = 0,
                  keys: pd.Series | None = None, weights: dict[str, float] | None = None) -> pd.DataFrame:
    """Index, its 95 % range, category, the components not judged, and each component's value and points
    (`VALUE_COLUMNS`, `POINT_COLUMNS`: empty where the index is), from the counts of INDEX_INPUTS.

    `replaced` (OPD × promotion component, True = the OPD's own value must not be used) puts the province's value
    (`province_values`: pooled over the OPDs not replaced, also the target of the shrinkage) in its place and draws the
    component uniformly in the range; it is named in `komponen_tidak_dinilai` and `komponen_nilai_provinsi`. No count
    of a replaced component is read (they may be hidden): the result is a function of the other counts only. Each
    row's draws come from its own generator, seeded by `seed` and its key (`keys`, default `out["opd_kode"]`, else the
    index), so that a row's range depends neither on the order of the rows nor on another row's counts. `weights`
    (component → weight, default WEIGHTS) recomputes the index under other weights (`tier_sensitivity`)."""
    w = _weights(weights)
    beta, skor, rep, components, judged, rated, seeds = _index_parts(out, replaced, seed, keys)
    lo, hi = _index_ci(beta, skor, rep, n_draws, seeds, w)
    own = ~np.isnan(components[:, [list(WEIGHTS).index(c) for c in PROMOTION_COMPONENTS]]) & ~rep
    res = pd.DataFrame(index=out.index)
    res["index"] = np.where(judged, 100 * _index(components, w), np.nan)
    res["index_ci_low"], res["index_ci_high"] = np.where(judged, 100 * lo, np.nan), np.where(judged, 100 * hi, np.nan)
    res["category"] = category(res["index"]).where(rated & own.any(axis=1), NOT_JUDGED)
    average = province_average(res["index"], out["n_pegawai"], rated)
    res["tier"] = pd.Series(tier(res["index_ci_low"], res["index_ci_high"], rated, average), index=out.index,
                            dtype="string")
    res["index_provinsi"] = average
    for j, c in enumerate(PROMOTION_COMPONENTS):
        a, b = beta[c]
        with np.errstate(invalid="ignore"):
            low, high = sps.beta.ppf(0.025, a, b), sps.beta.ppf(0.975, a, b)
        res[ESTIMATE_CI[c][0]] = np.where(judged & ~rep[:, j], low, np.nan)
        res[ESTIMATE_CI[c][1]] = np.where(judged & ~rep[:, j], high, np.nan)
    missing = [[c for c, v in zip(WEIGHTS, row) if np.isnan(v)] for row in components]
    stand_in = [[c for c, r in zip(PROMOTION_COMPONENTS, row) if r] for row in rep]
    res["komponen_tidak_dinilai"] = pd.Series([", ".join(c for c in WEIGHTS if c in m or c in s)
                                               for m, s in zip(missing, stand_in)], index=out.index, dtype="string")
    res["komponen_nilai_provinsi"] = pd.Series([", ".join(s) for s in stand_in], index=out.index, dtype="string")
    values, points = component_points(components, w)
    for j, c in enumerate(WEIGHTS):
        res[VALUE_COLUMNS[c]] = np.where(judged, values[:, j], np.nan)
        res[POINT_COLUMNS[c]] = np.where(judged, points[:, j], np.nan)
    return res


def _index_parts(out: pd.DataFrame, replaced: pd.DataFrame | None, seed: int, keys: pd.Series | None) -> tuple:
    """What the index is computed from (`index_columns`): each component's Beta, the fairness score, the replaced
    components, the components' values, which OPDs are judged and rated, and each row's seed."""
    absent = [c for c in INDEX_INPUTS if c not in out.columns]
    if absent:
        raise ValueError(f"kolom indeks tidak ada (index inputs missing): {', '.join(absent)}")
    rep = np.zeros((len(out), len(PROMOTION_COMPONENTS)), bool) if replaced is None else \
        replaced.reindex(columns=list(PROMOTION_COMPONENTS), fill_value=False).to_numpy(bool)
    rep_frame = pd.DataFrame(rep, index=out.index, columns=list(PROMOTION_COMPONENTS))
    prov = province_values(out, rep_frame)
    skor = fairness_score(out)
    beta = _beta(out, _priors(out, rep_frame, prov))
    for j, c in enumerate(PROMOTION_COMPONENTS):   # a replaced component's own counts are never read
        beta[c] = (np.where(rep[:, j], np.nan, beta[c][0]), np.where(rep[:, j], np.nan, beta[c][1]))
    components = _components(beta, skor)
    for j, c in enumerate(PROMOTION_COMPONENTS):
        components[:, list(WEIGHTS).index(c)] = np.where(rep[:, j], prov[c], components[:, list(WEIGHTS).index(c)])
    judged = out["n_promosi"].to_numpy(float) > 0     # an index: something to judge the promotions on
    rated = out["n_promosi"].to_numpy(float) >= MIN_PROMOTIONS
    if keys is None:
        keys = out["opd_kode"] if "opd_kode" in out else pd.Series(out.index, index=out.index)
    return beta, skor, rep, components, judged, rated, [_row_seed(seed, k) for k in keys]


def _weights(weights: dict[str, float] | None) -> np.ndarray:
    """The weights in WEIGHTS order (default WEIGHTS); a component not named weighs 0."""
    return np.asarray([(weights or WEIGHTS).get(c, 0.0) for c in WEIGHTS], float)


def component_points(components: np.ndarray, w: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per OPD and component (last axis, WEIGHTS order): the value that entered the index and its points, 100 × weight
    × value with the weights rescaled over the measured components (as `_index` does), so the points sum to the index.
    NaN where the component was not measured."""
    w = _weights(None) if w is None else w
    avail = ~np.isnan(components)
    total = np.where(avail, w, 0).sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        points = np.where(avail, 100 * components * w / total, np.nan)
    return components, points


def fairness_score(out: pd.DataFrame) -> np.ndarray:
    """The fairness component of each OPD: `skor_keadilan` as `fairness_component` scored it; a table without it (one
    written before issue 21) falls back to 1 with no `disparity` flag, 0.5 with one, 0 with more, where tested."""
    if "skor_keadilan" in out:
        return pd.to_numeric(out["skor_keadilan"], errors="coerce").to_numpy(float)
    fair = out["fairness_flags"].to_numpy(float)
    return np.where(out["fairness_tested"].to_numpy(float) > 0, np.select([fair == 0, fair == 1], [1.0, 0.5], 0.0), np.nan)


#: the smallest between-OPD variance of a log odds ratio the shrinkage assumes (SD 0.05): never a point mass
MIN_TAU2 = 0.05 ** 2
#: the shrunk impact ratio at which the fairness component reaches 0 (it is 1 at the materiality bound, 0.8)
FAIRNESS_FLOOR = 0.5


def fairness_component(findings: pd.DataFrame | None, scopes: pd.Index, impact_low: float = 0.8) -> pd.DataFrame:
    """Per scope (OPD): `fairness_flags` (disparities), `fairness_tested` (findings the audit could test),
    `fairness_against` / `fairness_in_favour` (disparities by the side of their basis estimate), and `skor_keadilan`,
    the shrunk, direction-aware score of the module docstring (NaN for a scope without a finding; `post_var` is kept
    for the record of what the shrinkage did, the score reads the posterior mean)."""
    from merit_lib.analysis.fairness.verdicts import adjusted_impact_ratio

    out = pd.DataFrame(index=scopes)
    for col in ("fairness_flags", "fairness_tested", "fairness_against", "fairness_in_favour"):
        out[col] = 0
    out["skor_keadilan"] = np.nan
    if findings is None or findings.empty:
        return out
    f = findings
    own = f[f["scope"] != codes.PROVINCE]
    dis = own["flag"] == codes.DISPARITY
    side = own["adjusted_direction"] if "adjusted_direction" in own else \
        own["direction"] if "direction" in own else pd.Series(codes.LOWER, index=own.index)   # unknown side: against
    counts = {"fairness_flags": dis, "fairness_tested": own["flag"] != codes.INSUFFICIENT,
              "fairness_against": dis & (side == codes.LOWER), "fairness_in_favour": dis & (side == codes.HIGHER)}
    for col, mask in counts.items():
        out[col] = own[mask.fillna(False).to_numpy(bool)].groupby("scope").size().reindex(scopes).fillna(0).astype(int)
    # without the estimates (a findings table of flags only): the flags, by side — 1 with no disparity against a group,
    # 0.5 with one, 0 with two or more, where something was tested
    against = out["fairness_against"].to_numpy(float)
    by_flags = np.where(out["fairness_tested"].to_numpy(float) > 0, np.clip(1 - 0.5 * against, 0, 1), np.nan)
    if not {"attribute", "group", "rate_reference", "n_group"} <= set(f.columns):
        out["skor_keadilan"] = by_flags
        return out
    est, se = _basis_log_or(f)
    worst = pd.Series(np.nan, index=scopes)
    for _, rows in f.groupby(["attribute", "group"], sort=False):
        prov = rows[rows["scope"] == codes.PROVINCE]
        if prov.empty or not (np.isfinite(est[prov.index[0]]) and np.isfinite(se[prov.index[0]])):
            continue
        mu, v0 = est[prov.index[0]], se[prov.index[0]] ** 2
        p0 = float(prov["rate_reference"].iloc[0])
        opd = rows[rows["scope"] != codes.PROVINCE]
        usable = opd.index[np.isfinite(est[opd.index]) & np.isfinite(se[opd.index]) & ~_small_cells(opd)
                           & (opd["flag"] != codes.INSUFFICIENT).to_numpy()]
        tau2 = max(_dersimonian_laird(est[usable], se[usable]), MIN_TAU2)
        prior_var = tau2 + v0
        post_mean = pd.Series(mu, index=opd.index)
        post_var = pd.Series(prior_var, index=opd.index)
        w_own = 1 / se[usable] ** 2
        post_var[usable] = 1 / (1 / prior_var + w_own)
        post_mean[usable] = post_var[usable] * (mu / prior_var + est[usable] * w_own)
        air = adjusted_impact_ratio(np.exp(post_mean.to_numpy(float)), np.full(len(opd), p0))
        against = pd.Series(np.clip((impact_low - air) / (impact_low - FAIRNESS_FLOOR), 0, 1), index=opd.index)
        by_scope = against.groupby(opd["scope"].to_numpy()).max()
        worst = pd.concat([worst, by_scope.reindex(scopes)], axis=1).max(axis=1)
    out["skor_keadilan"] = (1 - worst).fillna(pd.Series(by_flags, index=scopes))
    return out


def _basis_log_or(f: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each finding's basis log odds ratio and its SE (from its 95 % CI): merit-adjusted, Mantel–Haenszel or raw, as its
    verdict rests on it; NaN where it has none (a likelihood-ratio estimate of 0 or ∞ included)."""
    basis = f["verdict_basis"].astype("string").fillna("") if "verdict_basis" in f else pd.Series("", index=f.index)
    cols = {"merit": ("adjusted_odds_ratio", "aor_ci_low", "aor_ci_high"), "opd": ("mh_odds_ratio", "mh_ci_low",
            "mh_ci_high"), "raw": ("raw_odds_ratio", "raw_or_ci_low", "raw_or_ci_high")}
    est, lo, hi = (pd.Series(np.select([basis == b for b in cols], [pd.to_numeric(f[c[i]], errors="coerce").to_numpy(float)
                                                                     if c[i] in f else np.full(len(f), np.nan)
                                                                     for c in cols.values()], np.nan), index=f.index)
                   for i in range(3))
    with np.errstate(divide="ignore", invalid="ignore"):
        log_est = np.log(est)
        se = (np.log(hi) - np.log(lo)) / (2 * sps.norm.ppf(0.975))
    ok = np.isfinite(log_est) & np.isfinite(se) & (se > 0)
    return log_est.where(ok), se.where(ok)


def _small_cells(rows: pd.DataFrame) -> np.ndarray:
    """Rows with a cell of 1–4 persons (group or reference, promoted or not): the report hides them, the score never
    reads them."""
    cells = [rows[c].astype(float) for c in ("n_group", "n_reference", "promoted_group", "promoted_reference")]
    cells += [cells[0] - cells[2], cells[1] - cells[3]]
    return np.logical_or.reduce([((c >= 1) & (c < MIN_CELL)).to_numpy() for c in cells])


def _dersimonian_laird(y: pd.Series, se: pd.Series) -> float:
    """The between-unit variance of estimates `y` with standard errors `se` (DerSimonian–Laird); 0 with fewer than 2."""
    if len(y) < 2:
        return 0.0
    w = 1 / se.to_numpy(float) ** 2
    yy = y.to_numpy(float)
    mean = (w * yy).sum() / w.sum()
    q = (w * (yy - mean) ** 2).sum()
    denom = w.sum() - (w ** 2).sum() / w.sum()
    return float(max(0.0, (q - (len(yy) - 1)) / denom)) if denom > 0 else 0.0


def category(index: pd.Series, lang: str = "id") -> pd.Series:
    """Index 0–100 → ISM-aligned category (missing index: missing category)."""
    out = pd.Series(pd.NA, index=index.index, dtype="string")
    for lo, name in reversed(CATEGORIES):
        out[index >= lo] = text.category(name, lang)
    return out


def _index(components: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """Weighted mean of the available components (last axis), weights rescaled over the non-missing ones."""
    w = _weights(None) if w is None else w
    avail = ~np.isnan(components)
    if avail.all():             # draws have no gaps: a plain weighted mean
        return components @ w / w.sum()
    num = np.nansum(np.where(avail, components * w, 0), axis=-1)
    with np.errstate(invalid="ignore"):
        return num / np.where(avail, w, 0).sum(axis=-1)


def _priors(out: pd.DataFrame, replaced: pd.DataFrame, province: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Each promotion component's empirical-Bayes Beta prior (analysis.tiers.eb_prior), fitted to the OPDs whose own
    counts are used (never to a replaced, possibly hidden, count); PRIOR_PROMOTIONS at the province's share where too
    few OPDs have one."""
    priors = {}
    for c in SHRUNK:
        num, den = COMPONENT_COUNTS[c]
        use = ~replaced[c].to_numpy(bool) if c in replaced else np.ones(len(out), bool)
        priors[c] = eb_prior(out[num].to_numpy(float)[use], out[den].to_numpy(float)[use], province[c], PRIOR_PROMOTIONS)
    return priors


def _beta(out: pd.DataFrame, priors: dict[str, tuple[float, float]]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each measured component's Beta(a, b): Jeffreys' ½ + ½ for coverage; for the promotion components the posterior
    of their empirical-Bayes prior (`_priors`: partial pooling toward the province) with Jeffreys' ½ on each side on top,
    so that a province share of 0 or 1 still leaves mass on both sides. NaN where there is nothing to measure."""
    params = {}
    for col, (num, den) in COMPONENT_COUNTS.items():
        k, n = out[num].to_numpy(float), out[den].to_numpy(float)
        a0, b0 = (priors[col][0] + 0.5, priors[col][1] + 0.5) if col in SHRUNK else (0.5, 0.5)
        params[col] = (np.where(n > 0, k + a0, np.nan), np.where(n > 0, n - k + b0, np.nan))
    return params


def _components(beta: dict[str, tuple[np.ndarray, np.ndarray]], skor: np.ndarray) -> np.ndarray:
    """Index components per OPD (last axis, in WEIGHTS order): Beta means, fairness as scored; NaN = not measured."""
    cols = [beta[c][0] / (beta[c][0] + beta[c][1]) if c in beta else skor for c in WEIGHTS]
    return np.stack(cols, axis=-1)


def _row_seed(seed: int, key: object) -> list[int]:
    """A row's own seed: the run's seed and a stable checksum of its key (never Python's salted hash)."""
    return [seed, zlib.crc32(str(key).encode("utf-8"))]


def _index_ci(beta: dict[str, tuple[np.ndarray, np.ndarray]], skor: np.ndarray, replaced: np.ndarray, n_draws: int,
              seeds: list[list[int]], w: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """2.5 % and 97.5 % of the index over draws of every component's Beta distribution; a component not measured is
    drawn uniformly on 0–1 (Beta(1, 1)) with its weight, fairness as scored is held fixed. A component standing in at
    the province's value spans all it could be: 0 for the lower bound, 1 for the upper. Row i draws from its own
    generator (`seeds[i]`); no count of a replaced component is read."""
    low, high = _draws(beta, skor, replaced, n_draws, seeds)
    return _range(low, high, w)


def _range(low: np.ndarray, high: np.ndarray, w: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """2.5 % of the index over the low draws and 97.5 % over the high ones, per OPD (NaN for none)."""
    if not len(low):
        return np.full(0, np.nan), np.full(0, np.nan)
    return np.percentile(_index(low, w), 2.5, axis=1), np.percentile(_index(high, w), 97.5, axis=1)


def _draws(beta: dict[str, tuple[np.ndarray, np.ndarray]], skor: np.ndarray, replaced: np.ndarray, n_draws: int,
           seeds: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Per OPD, `n_draws` draws of every component (OPD × draw × component, WEIGHTS order) for the lower and for the
    upper bound of the index range (see `_index_ci`)."""
    n = len(skor)
    low_all, high_all = np.full((n, n_draws, len(WEIGHTS)), np.nan), np.full((n, n_draws, len(WEIGHTS)), np.nan)
    for i in range(n):
        rng = np.random.default_rng(seeds[i])
        for j, c in enumerate(WEIGHTS):
            if c in beta:
                a, b = beta[c][0][i], beta[c][1][i]
                d = rng.beta(1.0 if np.isnan(a) else a, 1.0 if np.isnan(b) else b, n_draws)
                rep = c in PROMOTION_COMPONENTS and replaced[i, PROMOTION_COMPONENTS.index(c)]
                low_all[i, :, j] = 0.0 if rep else d
                high_all[i, :, j] = 1.0 if rep else d
            else:
                d = rng.random(n_draws) if np.isnan(skor[i]) else np.full(n_draws, skor[i])
                low_all[i, :, j] = high_all[i, :, j] = d
    return low_all, high_all


#: the spread of the random weights of `tier_sensitivity`: a Dirichlet with these times the published weights as its
#: parameters (each weight varies by about ±40 % of itself)
SENSITIVITY_CONCENTRATION = 20.0
TIER_SHARES = {t: f"share_{t}" for t in TIERS}


def tier_sensitivity(table: pd.DataFrame, n_weights: int = 100, concentration: float = SENSITIVITY_CONCENTRATION,
                     seed: int = 0, n_draws: int = 2000) -> pd.DataFrame:
    """How much each OPD's tier rests on the index's weights: the index and tier recomputed under `n_weights` random
    weight sets (Dirichlet around WEIGHTS), from the numbers of a *published* compliance table (hidden counts empty; a
    component the door put at the province's value, named in `komponen_nilai_provinsi`, stays so). Per OPD: its tier
    under the published weights, the share of weight sets that keep it, the share in each tier, and the 5th and 95th
    percentiles of its index."""
    t = table.reset_index(drop=True)
    names = t["komponen_nilai_provinsi"].astype("string").fillna("") if "komponen_nilai_provinsi" in t else \
        pd.Series("", index=t.index)
    replaced = pd.DataFrame({c: names.str.contains(c, regex=False).to_numpy(bool) for c in PROMOTION_COMPONENTS})
    base = index_columns(t, replaced, n_draws, seed)
    beta, skor, rep, components, judged, rated, seeds = _index_parts(t, replaced, seed, None)
    low, high = _draws(beta, skor, rep, n_draws, seeds)
    rng = np.random.default_rng([seed, 21])
    draws = rng.dirichlet(concentration * np.asarray(list(WEIGHTS.values())), n_weights)
    tiers, indices = [], []
    for w in draws:
        index = np.where(judged, 100 * _index(components, w), np.nan)
        lo, hi = _range(low, high, w)
        lo, hi = np.where(judged, 100 * lo, np.nan), np.where(judged, 100 * hi, np.nan)
        tiers.append(tier(lo, hi, rated, province_average(index, t["n_pegawai"], rated)).astype(str))
        indices.append(index)
    tiers_a, idx = np.array(tiers), np.array(indices)
    out = pd.DataFrame({"opd_kode": t["opd_kode"], "opd_nama": t.get("opd_nama"), "tier": base["tier"].astype("string")})
    out["share_same_tier"] = (tiers_a == base["tier"].astype(str).to_numpy()).mean(axis=0)
    for tier_code, col in TIER_SHARES.items():
        out[col] = (tiers_a == tier_code).mean(axis=0)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out["index_low"] = np.nanpercentile(idx, 5, axis=0)
        out["index_high"] = np.nanpercentile(idx, 95, axis=0)
    out["n_weights"] = n_weights
    return ranked(out)
