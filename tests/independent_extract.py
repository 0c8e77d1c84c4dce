"""An independent generator of a provincial ASN personnel extract, written from DESIGN.md §3–§4 only.

It does not import or mirror `merit_lib.synth.generator`; it is meant to look like an extract a BKD might hand
over, with the shapes that trip a generator written by the same people as the loader:

* OPD codes are text with leading zeros (``"01"``, ``"02"`` …), OPD sizes very unequal;
* ``riwayat_jabatan`` holds, by default (``history="inside"``), ONLY the events dated inside the
  period: there is no earlier row from which a person's position before the period could be read;
  ``history="full"`` adds earlier events (appointments into the position held at the start);
* most promotions go from Pelaksana or Fungsional into Pengawas (IV.a/IV.b); a non-structural post
  has no eselon, so those events have an EMPTY ``eselon_lama`` and an EMPTY ``opd_kode_lama``;
  the rest are Pengawas → Administrator (IV.x → III.x) and Administrator → JPT Pratama (III.x → II.x);
* ``rotasi`` and ``mutasi`` events (including Pelaksana rotations whose ``eselon_lama`` is empty too,
  which are NOT promotions), a few persons with two events in the period (rotation then promotion,
  OPD move then promotion) and a few promotions into another OPD;
* ``pegawai`` is the state at the END of the period;
* no ``tmt_cpns``, ``skor_potensi``, ``kategori_jpm``, ``gelombang``, ``diklat_kepemimpinan`` or
  ``agama`` column unless a knob asks for it;
* names with academic titles and commas (quoted by the CSV writer).

Planted promotion model (all assumptions of this generator, not facts about any province), for PNS in
Pelaksana, Fungsional, Pengawas or Administrator at the start of the period (PPPK and JPT Pratama are
never promoted)::

    logit P(promosi) = alpha[origin] + beta_competency * (kompetensi_mean - 3.0)
                                     + beta_kinerja    * (kinerja_step - 3)

``kompetensi_mean`` = mean of the 9 competency columns as written in ``profiling`` (values are
generated for everyone; the ~15 % without an assessment simply have theirs unobserved);
``kinerja_step`` = ordinal of the latest SKP (tahun = period year − 1), 0 = Sangat Kurang,
1 = Kurang, 2 = Butuh Perbaikan, 3 = Baik, 4 = Sangat Baik (a numeric ``nilai`` is written in the
band of PP 46/2011 that maps to the same predikat). ``alpha[origin]`` is calibrated so that the
expected counts per origin hit the targets; it is returned in the truth.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

# --------------------------------------------------------------------------- reference lists (DESIGN §3/§4)

COMPETENCIES = ("integritas", "kerja_sama", "komunikasi", "orientasi_hasil", "pelayanan_publik",
                "pengembangan_diri", "mengelola_perubahan", "pengambilan_keputusan", "perekat_bangsa")
GOL_PNS = tuple(f"{r}/{c}" for r in ("I", "II", "III", "IV") for c in "abcde" if not (r != "IV" and c == "e"))
GOL_PPPK = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
            "XVII")
GI = {g: i for i, g in enumerate(GOL_PNS)}
# PP 100/2000 jo. PP 13/2002 (DESIGN §4): eselon -> golongan range (indices into GOL_PNS)
ESELON_GOL = {"II.a": (GI["IV/c"], GI["IV/d"]), "II.b": (GI["IV/b"], GI["IV/c"]), "III.a": (GI["IV/a"], GI["IV/b"]),
              "III.b": (GI["III/d"], GI["IV/a"]), "IV.a": (GI["III/c"], GI["III/d"]), "IV.b": (GI["III/b"], GI["III/c"])}
PREDIKAT = ("Sangat Kurang", "Kurang", "Butuh Perbaikan", "Baik", "Sangat Baik")  # index = kinerja step
NILAI_BAND = ((30.0, 50.0), (51.0, 60.0), (61.0, 75.0), (76.0, 90.0), (91.0, 100.0))  # PP 46/2011, same order
LEVELS = ("Pelaksana", "Fungsional", "Pengawas", "Administrator", "JPT Pratama")
NEXT_LEVEL = {"Pelaksana": "Pengawas", "Fungsional": "Pengawas", "Pengawas": "Administrator",
              "Administrator": "JPT Pratama"}

# (name, relative size) — codes are assigned in this order: "01", "02", …
OPD_LIST = (
    ("Sekretariat Daerah", 5.0), ("Sekretariat DPRD", 1.6), ("Inspektorat Daerah", 1.8),
    ("Badan Perencanaan Pembangunan Daerah", 1.5), ("Badan Kepegawaian Daerah", 1.7), ("Badan Pendapatan Daerah", 6.0),
    ("Dinas Pendidikan dan Kebudayaan", 30.0), ("Dinas Kesehatan", 4.0), ("RSUD Provinsi", 9.0),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", 3.5), ("Satuan Polisi Pamong Praja", 3.0), ("Dinas Perhubungan", 2.5),
    ("Dinas Sosial", 2.0), ("Badan Pengelolaan Keuangan dan Aset Daerah", 2.2),
    ("Dinas Lingkungan Hidup dan Kehutanan", 2.4), ("Dinas Komunikasi, Informatika, Statistik dan Persandian", 1.4),
    ("Dinas Pertanian", 2.6), ("Dinas Kelautan dan Perikanan", 1.5), ("Dinas Tenaga Kerja dan Transmigrasi", 1.8),
    ("Badan Penanggulangan Bencana Daerah", 1.2), ("Badan Kesatuan Bangsa dan Politik", 0.9),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", 1.1), ("Dinas Ketahanan Pangan", 1.0),
    ("Dinas Pemberdayaan Masyarakat dan Desa", 0.9), ("Dinas Koperasi dan UKM", 0.9),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 1.0), ("Dinas Kepemudaan dan Olahraga", 0.8),
    ("Dinas Perpustakaan dan Kearsipan", 0.8), ("Dinas Pariwisata", 0.8), ("Dinas Energi dan Sumber Daya Mineral", 0.9),
    ("Dinas Perindustrian dan Perdagangan", 1.0), ("RSUD Malingping", 3.0), ("Badan Penghubung", 0.3),
    ("Badan Pengembangan Sumber Daya Manusia", 0.9),
)

TITLES = {
    "Administrator": ("Sekretaris", "Kepala Bidang Perencanaan dan Evaluasi", "Kepala Bidang Pelayanan",
                      "Kepala Bidang Pengendalian dan Pengawasan", "Kepala Bagian Umum", "Kepala UPTD Wilayah I",
                      "Kepala UPTD Wilayah II", "Kepala Bidang Pembinaan"),
    "Pengawas": ("Kepala Subbagian Umum dan Kepegawaian", "Kepala Subbagian Keuangan", "Kepala Seksi Pelayanan",
                 "Kepala Seksi Pengawasan", "Kepala Seksi Data dan Informasi", "Kepala Subbagian Tata Usaha UPTD",
                 "Kepala Seksi Pembinaan", "Kepala Subbagian Program"),
    "Pelaksana": ("Pengadministrasi Perkantoran", "Penata Layanan Operasional", "Pengelola Layanan Operasional",
                  "Operator Layanan Operasional", "Pengolah Data dan Informasi", "Penelaah Teknis Kebijakan",
                  "Pengelola Umum Operasional", "Pengadministrasi Keuangan"),
    "Fungsional": ("Analis Kebijakan", "Pranata Komputer", "Perencana", "Analis Sumber Daya Manusia Aparatur",
                   "Arsiparis", "Pranata Keuangan APBN", "Penyuluh", "Pengawas Lingkungan Hidup"),
}
FUNGSIONAL_BY_OPD = {"Pendidikan": ("Guru", "Guru", "Guru", "Pengawas Sekolah"),
                     "RSUD": ("Perawat", "Perawat", "Dokter", "Bidan", "Apoteker", "Pranata Laboratorium Kesehatan"),
                     "Kesehatan": ("Epidemiolog Kesehatan", "Perawat", "Penyuluh Kesehatan Masyarakat", "Dokter"),
                     "Inspektorat": ("Auditor", "Auditor", "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah"),
                     "Pendapatan": ("Analis Keuangan Pusat dan Daerah", "Pranata Keuangan APBN")}

FIRST_L = ("Ahmad", "Muhammad", "Budi", "Agus", "Dedi", "Hendra", "Rudi", "Asep", "Ujang", "Iwan", "Yusuf", "Rahmat",
           "Dadang", "Eko", "Fajar", "Hasan", "Irfan", "Joko", "Lukman", "Nanang", "Ridwan", "Slamet", "Taufik",
           "Wahyu", "Yayan", "Deden", "Entis", "Maman", "Ade", "Encep")
FIRST_P = ("Siti", "Nur", "Dewi", "Sri", "Rina", "Ani", "Yuli", "Euis", "Neneng", "Lilis", "Fitri", "Ratna", "Indah",
           "Wulan", "Nia", "Iis", "Dian", "Lina", "Rika", "Tuti", "Yanti", "Wati", "Eneng", "Ayu", "Maya", "Nurul")
LAST_L = ("Hidayat", "Saputra", "Rahman", "Suryadi", "Kurniawan", "Setiawan", "Nugraha", "Permana", "Gunawan",
          "Hakim", "Maulana", "Fauzi", "Rohmat", "Sulaeman", "Supriatna", "Jaelani", "Firmansyah", "Hermawan")
LAST_P = ("Aminah", "Rosita", "Handayani", "Komariah", "Nurhayati", "Maryati", "Sumarni", "Rahmawati", "Susanti",
          "Mulyani", "Hasanah", "Fitriani", "Lestari", "Rahayu", "Wulandari", "Permatasari", "Kurniasih", "Yuliani")
DEGREE = {"S1": ("S.Pd.", "S.E.", "S.Kom.", "S.H.", "S.Sos.", "S.T.", "S.Kep."), "D4": ("S.Tr.Kes.", "S.ST."),
          "S2": ("M.Si.", "M.Pd.", "M.M.", "M.T.", "M.H."), "S3": ("Dr.",), "D3": ("A.Md.", "A.Md.Kep.")}


def _period(period: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    m = re.fullmatch(r"(\d{4})\s*[-_ ]?Q([1-4])", period.strip(), flags=re.I)
    if not m:
        raise ValueError(f"period must look like 2026Q1, got {period!r}")
    y, q = int(m.group(1)), int(m.group(2))
    start = pd.Timestamp(y, 3 * q - 2, 1)
    return start, start + pd.offsets.QuarterEnd(0)


def _iso(d: np.ndarray) -> np.ndarray:
    """datetime64[D] array (NaT allowed) → 'YYYY-MM-DD' object array ('' for NaT)."""
    s = np.datetime_as_string(d.astype("datetime64[D]"), unit="D").astype(object)
    s[np.isnat(d)] = ""
    return s


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _calibrate(x: np.ndarray, target: float) -> float:
    """alpha such that sum(sigmoid(alpha + x)) == target (bisection)."""
    if len(x) == 0 or target <= 0:
        return -np.inf
    target = min(target, 0.95 * len(x))
    lo, hi = -30.0, 30.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if _sigmoid(mid + x).sum() < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def make_extract(out: Path, n: int = 12000, n_opd: int = 12, seed: int = 0, period: str = "2026Q1",
                 history: str = "inside", **knobs) -> dict:
    """Write pegawai.csv, profiling.csv, kinerja.csv, riwayat_jabatan.csv into `out`; return the truth.

    Knobs (defaults in brackets): with_tmt_cpns [False], with_skor_potensi [False], with_kategori_jpm [False],
    with_agama [False], with_gelombang [False], with_diklat [False], share_pppk [0.15],
    profiling_coverage [0.85], kinerja_coverage [0.93], share_nilai [0.03] (kinerja rows with numeric nilai
    and empty predikat), promotion_rate [0.085] (expected promotions / n), share_to_pengawas [0.78],
    share_to_administrator [0.21] (the rest, at least 1, Administrator → JPT Pratama),
    beta_competency [1.5], beta_kinerja [1.0], share_below_golongan [0.08] (golongan one step below the
    eselon's range: a finding, not an error), share_cross_opd_promotion [0.03], rotasi_rate [0.06 of
    structurals, 0.01 of Pelaksana], mutasi_rate [0.005], n_double [max(2, n // 2000)] (promoted persons with
    an earlier event in the period).
    """
    t0 = dt.datetime.now()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if history not in ("inside", "full"):
        raise ValueError("history must be 'inside' or 'full'")
    k = dict(with_tmt_cpns=False, with_skor_potensi=False, with_kategori_jpm=False, with_agama=False,
             with_gelombang=False, with_diklat=False, share_pppk=0.15, profiling_coverage=0.85,
             kinerja_coverage=0.93, share_nilai=0.03, promotion_rate=0.085, share_to_pengawas=0.78,
             share_to_administrator=0.21, beta_competency=1.5, beta_kinerja=1.0, share_below_golongan=0.08,
             share_cross_opd_promotion=0.03, rotasi_rate=0.06, rotasi_rate_pelaksana=0.01, mutasi_rate=0.005,
             n_double=max(2, n // 2000))
    unknown = set(knobs) - set(k)
    if unknown:
        raise TypeError(f"unknown knobs: {sorted(unknown)}")
    k.update(knobs)
    rng = np.random.default_rng(seed)
    start, end = _period(period)
    start64, end64 = np.datetime64(start.date()), np.datetime64(end.date())
    year = start.year

    # ------------------------------------------------------------------ OPDs
    if n_opd < 2:
        raise ValueError("n_opd must be >= 2 (mutations need two OPDs)")
    names = [nm for nm, _ in OPD_LIST] + [f"UPT Wilayah {i}" for i in range(1, max(0, n_opd - len(OPD_LIST)) + 1)]
    weights = np.array([w for _, w in OPD_LIST] + [1.0] * max(0, n_opd - len(OPD_LIST)))[:n_opd]
    opd_names = np.array(names[:n_opd], dtype=object)
    opd_codes = np.array([f"{i + 1:02d}" for i in range(n_opd)], dtype=object)
    opd = rng.choice(n_opd, size=n, p=weights / weights.sum())  # OPD index at the START of the period

    # ------------------------------------------------------------------ level at the start
    lvl = rng.choice(np.array(["Administrator", "Pengawas", "Pelaksana", "Fungsional"], dtype=object), size=n,
                     p=[0.025, 0.09, 0.40, 0.485])
    # one JPT per OPD (its head), plus asisten / staf ahli in the Sekretariat Daerah
    perm = rng.permutation(n)
    _, first_idx = np.unique(opd[perm], return_index=True)
    lvl[perm[first_idx]] = "JPT Pratama"
    setda = np.flatnonzero((opd == 0) & (lvl != "JPT Pratama"))
    lvl[rng.choice(setda, size=min(6, len(setda) // 20), replace=False)] = "JPT Pratama"
    pf = np.isin(lvl, ["Pelaksana", "Fungsional"])
    pppk = pf & (rng.random(n) < k["share_pppk"] / max(pf.mean(), 1e-9))
    structural = ~pf
    eselon = np.full(n, None, dtype=object)
    m_ = lvl == "JPT Pratama"
    eselon[m_] = np.where(rng.random(m_.sum()) < 0.15, "II.a", "II.b")
    m_ = lvl == "Administrator"
    eselon[m_] = np.where(rng.random(m_.sum()) < 0.4, "III.a", "III.b")
    m_ = lvl == "Pengawas"
    eselon[m_] = np.where(rng.random(m_.sum()) < 0.8, "IV.a", "IV.b")

    # ------------------------------------------------------------------ demographics
    p_female = pd.Series(lvl).map({"JPT Pratama": 0.2, "Administrator": 0.32, "Pengawas": 0.42,
                                   "Pelaksana": 0.48, "Fungsional": 0.62}).to_numpy()
    female = rng.random(n) < p_female
    sex = np.where(female, "P", "L").astype(object)
    age_lo = pd.Series(lvl).map({"JPT Pratama": 45, "Administrator": 38, "Pengawas": 31, "Pelaksana": 22,
                                 "Fungsional": 24}).to_numpy().astype(float)
    age_lo = np.where(pppk, 24.0, age_lo)
    age_hi = np.where(lvl == "Fungsional", 59.5, 57.8)
    age = age_lo + (age_hi - age_lo) * rng.beta(1.6, 1.4, n)  # at the end of the period
    birth = (end64 - np.round(age * 365.25).astype("timedelta64[D]")).astype("datetime64[D]")
    birth_year = birth.astype("datetime64[Y]").astype(int) + 1970

    # PNS: TMT CPNS at age 19–35, never later than a year before the period, at least some tenure for structurals
    min_tenure = pd.Series(lvl).map({"JPT Pratama": 18, "Administrator": 12, "Pengawas": 8, "Pelaksana": 1,
                                     "Fungsional": 1}).to_numpy().astype(float)
    latest_entry = np.maximum(19.0, np.minimum(35.0, age - min_tenure - 0.3))
    entry_age = 19.0 + (latest_entry - 19.0) * rng.random(n)
    tmt_cpns = (birth + np.round(entry_age * 365.25).astype("timedelta64[D]")).astype("datetime64[M]")
    tmt_cpns = np.minimum(tmt_cpns, (start64 - np.timedelta64(366, "D")).astype("datetime64[M]"))
    tmt_cpns = tmt_cpns.astype("datetime64[D]")  # first of the month
    # PPPK: appointment year (first intake 2019), at 20 or older
    pppk_year = rng.choice(np.array([2019, 2021, 2022, 2023, 2024, year - 1]), size=n,
                           p=[0.08, 0.2, 0.22, 0.2, 0.15, 0.15])
    pppk_year = np.minimum(np.maximum(pppk_year, birth_year + 20), year - 1)
    tmt_cpns = np.where(pppk, np.array([np.datetime64(f"{y}-01-01") for y in pppk_year]), tmt_cpns)
    tmt_year = tmt_cpns.astype("datetime64[Y]").astype(int) + 1970

    # ------------------------------------------------------------------ NIP / NI PPPK, unique
    b8 = np.char.replace(np.datetime_as_string(birth, unit="D"), "-", "")
    ym = np.char.replace(np.datetime_as_string(tmt_cpns.astype("datetime64[M]"), unit="M"), "-", "")
    freq = np.where(rng.random(n) < 0.85, "1", "2")
    mid = np.where(pppk, np.char.add(np.char.add(pppk_year.astype(str), "2"), freq), ym)
    prefix = np.char.add(np.char.add(b8, mid.astype(str)), np.where(female, "2", "1"))
    serial = rng.integers(1, 1000, n)
    while True:
        nip = np.char.add(prefix, np.char.zfill(serial.astype(str), 3))
        dup = pd.Series(nip).duplicated().to_numpy()
        if not dup.any():
            break
        serial[dup] = rng.integers(1, 1000, dup.sum())
    nip = nip.astype(object)

    # ------------------------------------------------------------------ education
    def pick(mask: np.ndarray, vals: tuple, p: tuple) -> None:
        pend[mask] = rng.choice(np.array(vals, dtype=object), size=mask.sum(), p=np.array(p) / sum(p))

    pend = np.full(n, "S1", dtype=object)
    pick(lvl == "JPT Pratama", ("S1", "S2", "S3"), (0.2, 0.7, 0.1))
    pick(lvl == "Administrator", ("S1", "D4", "S2", "S3"), (0.44, 0.05, 0.49, 0.02))
    pick(lvl == "Pengawas", ("SMA", "D3", "D4", "S1", "S2"), (0.03, 0.12, 0.05, 0.6, 0.2))
    pick(lvl == "Pelaksana", ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2"),
         (0.01, 0.03, 0.34, 0.015, 0.015, 0.2, 0.03, 0.34, 0.02))
    pick(lvl == "Fungsional", ("SMA", "D3", "D4", "S1", "S2", "S3"), (0.02, 0.2, 0.1, 0.54, 0.13, 0.01))

    # ------------------------------------------------------------------ merit: competency and kinerja
    merit = rng.normal(0, 1, n)
    base = pd.Series(lvl).map({"Pelaksana": 2.4, "Fungsional": 2.7, "Pengawas": 2.95, "Administrator": 3.25,
                               "JPT Pratama": 3.6}).to_numpy() - 0.1 * pppk
    comp = np.clip(np.round(base[:, None] + 0.45 * merit[:, None] + rng.normal(0, 0.35, (n, 9)), 1), 1.0, 5.0)
    comp_mean = comp.mean(axis=1)
    kin_latent = 0.6 * merit + rng.normal(0, 0.7, n)
    cuts = np.array([-2.6, -2.05, -1.25, 0.95])  # ~1 %, 3 %, 10 %, 63 %, 23 % for the latest year
    step_last = np.searchsorted(cuts, kin_latent + rng.normal(0, 0.35, n))
    step_prev = np.searchsorted(cuts, kin_latent + rng.normal(0, 0.35, n))

    # ------------------------------------------------------------------ promotions (planted model)
    origin = np.where(np.isin(lvl, ["Pelaksana", "Fungsional"]), "PF", lvl).astype(object)
    eligible = ~pppk & (lvl != "JPT Pratama")
    x = k["beta_competency"] * (comp_mean - 3.0) + k["beta_kinerja"] * (step_last - 3)
    total = k["promotion_rate"] * n
    targets = {"Administrator": max(1.0, round(total * (1 - k["share_to_pengawas"] - k["share_to_administrator"]))),
               "Pengawas": total * k["share_to_administrator"]}
    targets["PF"] = total - targets["Administrator"] - targets["Pengawas"]
    alpha = {}
    p = np.zeros(n)
    for o, tgt in targets.items():
        sel = eligible & (origin == o)
        alpha[o] = _calibrate(x[sel], tgt)
        p[sel] = _sigmoid(alpha[o] + x[sel])
    promoted = rng.random(n) < p

    # the positions at the end
    lvl_end, eselon_end, opd_end = lvl.copy(), eselon.copy(), opd.copy()
    idx = np.flatnonzero(promoted)
    lvl_end[idx] = pd.Series(lvl[idx]).map(NEXT_LEVEL).to_numpy()
    new_es = {"Pengawas": ("IV.a", "IV.b", 0.6), "Administrator": ("III.a", "III.b", 0.35),
              "JPT Pratama": ("II.a", "II.b", 0.1)}
    for lv, (a, b, pa) in new_es.items():
        s = idx[lvl_end[idx] == lv]
        eselon_end[s] = np.where(rng.random(len(s)) < pa, a, b)
    cross = idx[rng.random(len(idx)) < k["share_cross_opd_promotion"]]
    opd_end[cross] = (opd[cross] + rng.integers(1, n_opd, len(cross))) % n_opd

    # event dates: the pelantikan batches of the quarter
    jpt_day = start64 + np.timedelta64(25, "D")  # 26 Jan for Q1
    batches = np.array([jpt_day, start64 + np.timedelta64(48, "D"), start64 + np.timedelta64(73, "D")])
    prom_date = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    prom_date[idx] = batches[rng.choice(3, size=len(idx), p=[0.25, 0.45, 0.3])]
    prom_date[idx[lvl_end[idx] == "JPT Pratama"]] = jpt_day

    # ------------------------------------------------------------------ start-of-position dates
    years_in = np.minimum(rng.gamma(2.0, 2.2, n) + 0.2, (start64 - tmt_cpns).astype(float) / 365.25 - 0.1)
    tmt_start = (start64 - np.round(np.maximum(years_in, 0.05) * 365.25).astype("timedelta64[D]"))

    # ------------------------------------------------------------------ titles
    def titles_for(level: np.ndarray, opd_idx: np.ndarray, gol_idx: np.ndarray | None = None) -> np.ndarray:
        t = np.empty(len(level), dtype=object)
        for lv in ("Administrator", "Pengawas", "Pelaksana"):
            s = level == lv
            t[s] = rng.choice(np.array(TITLES[lv], dtype=object), s.sum())
        s = np.flatnonzero(level == "JPT Pratama")
        for i in s:
            nm = opd_names[opd_idx[i]]
            t[i] = ("Asisten Daerah" if nm == "Sekretariat Daerah" else
                    "Inspektur" if nm.startswith("Inspektorat") else
                    f"Direktur {nm}" if nm.startswith("RSUD") else f"Kepala {nm}")
        s = np.flatnonzero(level == "Fungsional")
        for i in s:
            nm = opd_names[opd_idx[i]]
            pool = next((v for key, v in FUNGSIONAL_BY_OPD.items() if key in nm), TITLES["Fungsional"])
            g = gol_idx[i] if gol_idx is not None else GI["III/b"]
            jenjang = ("Terampil" if g < GI["III/a"] else "Ahli Pertama" if g < GI["III/c"] else
                       "Ahli Muda" if g < GI["IV/a"] else "Ahli Madya")
            t[i] = f"{rng.choice(pool)} {jenjang}"
        return t

    # ------------------------------------------------------------------ golongan (state at the end)
    gol_idx = np.zeros(n, dtype=int)
    pel_rng = {"SD": (2, 4), "SMP": (3, 5), "SMA": (4, 7), "D1": (4, 7), "D2": (5, 7), "D3": (6, 9), "D4": (8, 10),
               "S1": (8, 10), "S2": (9, 11), "S3": (10, 12)}
    fun_rng = {"SMA": (5, 8), "D1": (5, 8), "D2": (5, 8), "D3": (6, 10), "D4": (8, 13), "S1": (8, 13),
               "S2": (9, 14), "S3": (11, 15), "SD": (4, 6), "SMP": (4, 6)}
    for i_, (lv, ed) in enumerate(zip(lvl_end, pend)):
        if lv in ("Pelaksana", "Fungsional"):
            lo, hi = (pel_rng if lv == "Pelaksana" else fun_rng)[ed]
        else:
            lo, hi = ESELON_GOL[eselon_end[i_]]
        gol_idx[i_] = rng.integers(lo, hi + 1)
    below = ~np.isin(lvl_end, ["Pelaksana", "Fungsional"]) & (rng.random(n) < k["share_below_golongan"])
    gol_idx[below] = np.array([ESELON_GOL[e][0] - 1 for e in eselon_end[below]], dtype=int)
    golongan = np.array(GOL_PNS, dtype=object)[gol_idx]
    pppk_base = pd.Series(pend).map({"SD": 0, "SMP": 3, "SMA": 4, "D1": 4, "D2": 5, "D3": 6, "D4": 8, "S1": 8,
                                     "S2": 9, "S3": 10}).to_numpy()
    pppk_g = np.clip(pppk_base + rng.integers(0, 3, n) * (lvl == "Fungsional"), 0, 16)
    golongan[pppk] = np.array(GOL_PPPK, dtype=object)[pppk_g[pppk]]

    title_start = titles_for(lvl, opd, gol_idx)
    title_end = title_start.copy()
    title_end[idx] = titles_for(lvl_end[idx], opd_end[idx], gol_idx[idx])

    # ------------------------------------------------------------------ events inside the period
    ev = []  # dicts of arrays

    def add_events(who, date, jenis, lvl_new, es_new, opd_new, title_new, es_old, opd_old):
        ev.append(pd.DataFrame({"i": who, "tanggal": date, "jenis_mutasi": jenis, "jenis_jabatan_baru": lvl_new,
                                "eselon_baru": es_new, "opd_kode_baru": opd_codes[opd_new],
                                "jabatan_baru": title_new, "eselon_lama": es_old, "opd_kode_lama": opd_old}))

    # promotions (and, for a few promoted persons, an earlier event in the period)
    from_pf = np.isin(lvl[idx], ["Pelaksana", "Fungsional"])
    cand = idx[(lvl[idx] == "Pengawas") & (prom_date[idx] > jpt_day) & ~np.isin(idx, cross)]
    double_rot = rng.choice(cand, size=min(len(cand), (k["n_double"] + 1) // 2), replace=False)
    cand = idx[from_pf & (prom_date[idx] > jpt_day) & ~np.isin(idx, cross)]
    double_mut = rng.choice(cand, size=min(len(cand), k["n_double"] // 2), replace=False)
    opd_end[double_mut] = (opd[double_mut] + rng.integers(1, n_opd, len(double_mut))) % n_opd
    title_end[double_mut] = titles_for(lvl_end[double_mut], opd_end[double_mut], gol_idx[double_mut])

    opd_old = np.where(from_pf, None, opd_codes[opd[idx]]).astype(object)
    add_events(idx, prom_date[idx], "promosi", lvl_end[idx], eselon_end[idx], opd_end[idx], title_end[idx],
               eselon[idx], opd_old)
    # a rotation in the same OPD early in the period, then the promotion
    add_events(double_rot, np.full(len(double_rot), start64 + np.timedelta64(9, "D")), "rotasi", lvl[double_rot],
               eselon[double_rot], opd[double_rot], titles_for(lvl[double_rot], opd[double_rot], gol_idx[double_rot]),
               eselon[double_rot], opd_codes[opd[double_rot]])
    # a move to another OPD (same post kind), then the promotion there
    add_events(double_mut, np.full(len(double_mut), start64 + np.timedelta64(12, "D")), "mutasi", lvl[double_mut],
               None, opd_end[double_mut], title_start[double_mut], None, opd_codes[opd[double_mut]])

    # rotations (same level, same OPD, another post) — structurals, and some Pelaksana (no eselon on either side)
    free = ~promoted
    rot = free & structural & (rng.random(n) < k["rotasi_rate"])
    rot_jpt = np.flatnonzero(free & (lvl == "JPT Pratama"))
    rot_jpt = rng.choice(rot_jpt, size=min(len(rot_jpt), 4), replace=False)
    rot[rot_jpt] = True
    rot |= free & (lvl == "Pelaksana") & ~pppk & (rng.random(n) < k["rotasi_rate_pelaksana"])
    rot_i = np.flatnonzero(rot)
    rot_dates = batches[rng.choice(3, size=len(rot_i))]
    rot_dates[lvl[rot_i] == "JPT Pratama"] = jpt_day
    new_title = titles_for(lvl[rot_i], opd[rot_i], gol_idx[rot_i])
    title_end[rot_i] = new_title
    add_events(rot_i, rot_dates, "rotasi", lvl[rot_i], eselon[rot_i], opd[rot_i], new_title, eselon[rot_i],
               np.where(structural[rot_i], opd_codes[opd[rot_i]], None))
    # mutations (another OPD, same level)
    mut = free & ~rot & (rng.random(n) < k["mutasi_rate"])
    mut_i = np.flatnonzero(mut)
    mut_new = (opd[mut_i] + rng.integers(1, n_opd, len(mut_i))) % n_opd
    opd_end[mut_i] = mut_new
    mut_title = titles_for(lvl[mut_i], mut_new, gol_idx[mut_i])
    title_end[mut_i] = mut_title
    mut_dates = start64 + rng.integers(5, int((end64 - start64).astype(int)), len(mut_i)).astype("timedelta64[D]")
    add_events(mut_i, mut_dates, "mutasi", lvl[mut_i], eselon[mut_i], mut_new, mut_title, eselon[mut_i],
               np.where(structural[mut_i] | (rng.random(len(mut_i)) < 0.5), opd_codes[opd[mut_i]], None))

    inside = pd.concat(ev, ignore_index=True)
    last_ev = inside.groupby("i")["tanggal"].max()
    tmt_jab = tmt_start.copy()
    tmt_jab[last_ev.index.to_numpy()] = last_ev.to_numpy().astype("datetime64[D]")

    # ------------------------------------------------------------------ history before the period
    hist = [inside]
    if history == "full":
        h = np.flatnonzero(rng.random(n) < 0.55)
        h = h[tmt_start[h] > tmt_cpns[h]]
        lv = lvl[h]
        prev_es = pd.Series(lvl[h]).map({"Pengawas": None, "Administrator": "IV.a", "JPT Pratama": "III.a"})
        jenis = np.where(np.isin(lv, ["Pelaksana", "Fungsional"]), "pengangkatan", "promosi")
        hist.append(pd.DataFrame({
            "i": h, "tanggal": tmt_start[h], "jenis_mutasi": jenis, "jenis_jabatan_baru": lv, "eselon_baru": eselon[h],
            "opd_kode_baru": opd_codes[opd[h]], "jabatan_baru": title_start[h],
            "eselon_lama": prev_es.where(jenis == "promosi", None).to_numpy(),
            "opd_kode_lama": np.where(jenis == "promosi", opd_codes[opd[h]], None)}))
        # some older rotations, before that
        r = h[(lvl[h] != "Pelaksana") & (rng.random(len(h)) < 0.25)]
        r_date = tmt_start[r] - rng.integers(200, 1500, len(r)).astype("timedelta64[D]")
        ok = r_date > tmt_cpns[r]
        r, r_date = r[ok], r_date[ok]
        hist.append(pd.DataFrame({
            "i": r, "tanggal": r_date, "jenis_mutasi": "rotasi", "jenis_jabatan_baru": lvl[r], "eselon_baru": eselon[r],
            "opd_kode_baru": opd_codes[opd[r]], "jabatan_baru": titles_for(lvl[r], opd[r], gol_idx[r]),
            "eselon_lama": eselon[r], "opd_kode_lama": np.where(structural[r], opd_codes[opd[r]], None)}))
    riw = pd.concat(hist, ignore_index=True)
    riw["nip"] = nip[riw["i"].to_numpy()]
    riw["tanggal"] = _iso(riw["tanggal"].to_numpy().astype("datetime64[D]"))
    riw = riw.sort_values(["tanggal", "opd_kode_baru", "nip"], kind="stable")
    riw = riw[["nip", "tanggal", "jenis_mutasi", "opd_kode_lama", "eselon_lama", "opd_kode_baru", "eselon_baru",
               "jenis_jabatan_baru", "jabatan_baru"]]

    # ------------------------------------------------------------------ pegawai (end of period)
    first = np.where(female, rng.choice(np.array(FIRST_P, dtype=object), n), rng.choice(np.array(FIRST_L, dtype=object), n))
    nama = first + " " + np.where(female, rng.choice(np.array(LAST_P, dtype=object), n),
                                  rng.choice(np.array(LAST_L, dtype=object), n))
    deg = np.array([rng.choice(DEGREE[e]) if e in DEGREE and rng.random() < 0.7 else "" for e in pend], dtype=object)
    nama = np.where(deg == "Dr.", "Dr. " + nama, np.where(deg != "", nama + ", " + deg, nama))
    peg = pd.DataFrame({
        "nip": nip, "nama": nama, "tanggal_lahir": _iso(birth), "jenis_kelamin": sex,
        "status_kepegawaian": np.where(pppk, "PPPK", "PNS"), "golongan": golongan, "pendidikan": pend,
        "jabatan": title_end, "jenis_jabatan": lvl_end, "eselon": eselon_end, "tmt_jabatan": _iso(tmt_jab),
        "opd_kode": opd_codes[opd_end], "opd_nama": opd_names[opd_end]})
    if k["with_tmt_cpns"]:
        peg["tmt_cpns"] = _iso(tmt_cpns)
    if k["with_diklat"]:
        d = pd.Series(lvl_end).map({"JPT Pratama": "PKN II", "Administrator": "PKA", "Pengawas": "PKP"})
        old = pd.Series(lvl_end).map({"JPT Pratama": "PIM II", "Administrator": "PIM III", "Pengawas": "PIM IV"})
        d = d.where(rng.random(n) < 0.5, old).where(rng.random(n) < 0.7).where(~promoted)
        peg["diklat_kepemimpinan"] = d.to_numpy()
    if k["with_agama"]:
        peg["agama"] = rng.choice(np.array(["Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Konghucu"], dtype=object),
                                  n, p=[0.93, 0.035, 0.015, 0.005, 0.013, 0.002])
    peg = peg.assign(_o=opd_end, _l=pd.Series(lvl_end).map({v: i for i, v in enumerate(LEVELS[::-1])}).to_numpy())
    peg = peg.sort_values(["_o", "_l", "nip"], kind="stable").drop(columns=["_o", "_l"])

    # ------------------------------------------------------------------ profiling (before the period)
    prof_i = np.flatnonzero(rng.random(n) < k["profiling_coverage"])
    in_waves = rng.random(len(prof_i)) < 0.3
    wave = rng.integers(1, 11, len(prof_i))
    wave_day0 = start64 - np.timedelta64(45, "D")  # 17 Nov 2025 for 2026Q1: 10 waves over 5 days
    early = start64 - rng.integers(60, 900, len(prof_i)).astype("timedelta64[D]")
    tgl = np.where(in_waves, wave_day0 + ((wave - 1) // 2).astype("timedelta64[D]"), early)
    tgl = np.maximum(tgl, tmt_cpns[prof_i] + np.timedelta64(30, "D"))
    tgl = np.where(tgl >= start64, start64 - np.timedelta64(1, "D"), tgl)
    prof = pd.DataFrame({"nip": nip[prof_i], "tanggal_asesmen": _iso(tgl)})
    if k["with_gelombang"]:
        prof["gelombang"] = pd.array(np.where(in_waves, wave, 0), dtype="Int64")
        prof.loc[~in_waves, "gelombang"] = pd.NA
    for j, c in enumerate(COMPETENCIES):
        prof[c] = comp[prof_i, j]
    jpm = np.clip(np.round(62 + 16 * (comp_mean[prof_i] - 2.7) + rng.normal(0, 6, len(prof_i)), 2), 0, 100)
    prof["jpm"] = jpm
    if k["with_kategori_jpm"]:
        prof["kategori_jpm"] = np.where(jpm >= 90, "Optimal", np.where(jpm >= 78, "Cukup Optimal", "Kurang Optimal"))
    if k["with_skor_potensi"]:
        prof["skor_potensi"] = np.clip(np.round(20 * comp_mean[prof_i] - 5 + rng.normal(0, 5, len(prof_i)), 1), 0, 100)
    prof = prof.sort_values("tanggal_asesmen", kind="stable")

    # ------------------------------------------------------------------ kinerja (two years before the period)
    kin_i = np.flatnonzero(rng.random(n) < k["kinerja_coverage"])
    rows = []
    for ty, steps in ((year - 2, step_prev), (year - 1, step_last)):
        s = kin_i[tmt_year[kin_i] <= ty]
        rows.append(pd.DataFrame({"nip": nip[s], "tahun": ty, "step": steps[s]}))
    kin = pd.concat(rows, ignore_index=True)
    use_nilai = rng.random(len(kin)) < k["share_nilai"]
    band = np.array(NILAI_BAND)[kin["step"].to_numpy()]
    nilai = np.round(band[:, 0] + (band[:, 1] - band[:, 0]) * rng.random(len(kin)), 2)
    kin["predikat"] = np.where(use_nilai, None, np.array(PREDIKAT, dtype=object)[kin["step"].to_numpy()])
    kin["nilai"] = np.where(use_nilai, nilai, np.nan)
    kin = kin.drop(columns="step").sort_values(["tahun", "nip"], kind="stable")

    # ------------------------------------------------------------------ write
    for name, df in (("pegawai", peg), ("profiling", prof), ("kinerja", kin), ("riwayat_jabatan", riw)):
        df.to_csv(out / f"{name}.csv", index=False, encoding="utf-8")

    # ------------------------------------------------------------------ truth
    prom_ev = inside[inside["jenis_mutasi"] == "promosi"]
    trans = pd.Series([f"{a}->{b}" for a, b in zip(lvl[idx], lvl_end[idx])]).value_counts().to_dict()
    persons = pd.DataFrame({
        "nip": nip, "status_kepegawaian": np.where(pppk, "PPPK", "PNS"), "level_awal": lvl, "eselon_awal": eselon,
        "opd_awal": opd_codes[opd], "level_akhir": lvl_end, "eselon_akhir": eselon_end, "opd_akhir": opd_codes[opd_end],
        "dipromosikan": promoted, "tanggal_promosi": _iso(prom_date), "kompetensi_mean": comp_mean,
        "kinerja_step": step_last, "profiled": np.isin(np.arange(n), prof_i), "p_promosi": p})
    return {
        "period": period, "period_start": start.date(), "period_end": end.date(), "history": history, "seed": seed,
        "knobs": k,
        "n_pegawai": n, "n_pns": int((~pppk).sum()), "n_pppk": int(pppk.sum()), "n_opd": n_opd,
        "opd": dict(zip(opd_codes, opd_names)),
        "rows": {"pegawai": len(peg), "profiling": len(prof), "kinerja": len(kin), "riwayat_jabatan": len(riw)},
        "promoted_nips": set(nip[idx]),
        "n_promotion_events": int(len(prom_ev)),
        "promotions_by_transition": trans,
        "n_promotions_without_eselon_lama": int(prom_ev["eselon_lama"].isna().sum()),
        "promotions_by_opd": pd.Series(opd_codes[opd_end[idx]]).value_counts().sort_index().to_dict(),
        "promotions_by_opd_start": pd.Series(opd_codes[opd[idx]]).value_counts().sort_index().to_dict(),
        "n_rotasi": int((inside["jenis_mutasi"] == "rotasi").sum()),
        "n_mutasi": int((inside["jenis_mutasi"] == "mutasi").sum()),
        "n_events_in_period": int(len(inside)),
        "opd_movers": set(nip[opd_end != opd]),
        "double_event_nips": set(nip[np.concatenate([double_rot, double_mut])]),
        "cross_opd_promotion_nips": set(nip[cross]),
        "at_risk_nips": set(nip[eligible]),
        "planted_effects": {
            "formula": "logit p = alpha[origin] + beta_competency*(kompetensi_mean - 3.0) + beta_kinerja*(kinerja_step - 3)",
            "beta_competency": k["beta_competency"], "beta_kinerja": k["beta_kinerja"],
            "competency_measure": "mean of the 9 competency columns (1.0-5.0) of the person's only assessment",
            "kinerja_measure": f"latest SKP (tahun {year - 1}) as a step: 0 Sangat Kurang .. 4 Sangat Baik",
            "alpha": {"Pelaksana/Fungsional->Pengawas": alpha["PF"], "Pengawas->Administrator": alpha["Pengawas"],
                      "Administrator->JPT Pratama": alpha["Administrator"]},
            "never_promoted": "PPPK and JPT Pratama",
        },
        "persons": persons,
        "seconds": (dt.datetime.now() - t0).total_seconds(),
    }
