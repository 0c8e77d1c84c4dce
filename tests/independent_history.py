"""An independent generator of a multi-quarter promotion history, written from DESIGN.md §3, §4, §7 and §8 only.

It does not import or mirror `merit_lib` (nor `merit_lib.synth`); it builds, in memory, the four contract
tables of a made-up Pemprov Banten extract whose promotions were produced quarter by quarter by a known
(planted) model, so that a test can check what the workbook finds against what was put in.

World (every number below is an assumption of this generator, not a fact about Banten):

* 42 OPDs: the eight biro of the Sekretariat Daerah and the other 34 perangkat daerah of DESIGN §7, with this
  module's own codes (``"SETDA.PEM"``, ``"DINDIKBUD"``, ``"RSUD-BTN"`` …). For ``n = 3300`` the sizes run
  from 40 to ~690; the Dinas Pendidikan dan Kebudayaan is by far the largest, the two RSUD next.
* Persons: birth dates 1970-04 … 1998-12, TMT CPNS at age 19–33 and not after 2019-06 (PNS), TMT PPPK in
  2019–2020. Gender (``L``/``P``) is drawn per OPD type and is independent of level, ability, education and
  age; ability is independent of everything. NIPs follow DESIGN §4 (PNS: birth + TMT CPNS year-month +
  gender digit + serial; PPPK: birth + year + ``2`` + frequency digit ``1`` + gender digit + serial).
* History: 11 quarters, 2023Q3 … 2026Q1. Promotions are dated on one or two *pelantikan* dates per quarter
  (2026Q1: 26 January 2026 — all promotions into JPT Pratama of that quarter — and 13 March 2026). Before
  the window every person has a ``pengangkatan`` row at TMT CPNS/PPPK (as Pelaksana or Fungsional) and
  structural staff have the ``promosi`` rows of their career up to their current post (one per level, dated
  on a pre-window pelantikan date of that quarter). On 26 January 2026 four JPT Pratama are also rotated to
  another OPD (``rotasi``, not promotions).
* Eligibility (all OPDs alike): PNS; Pelaksana/Fungsional with ≥ D-III and ≥ 4 years in the level →
  Pengawas; Pengawas with ≥ S1/D-IV and ≥ 3 years → Administrator; Administrator with ≥ S1/D-IV and
  ≥ 2 years → JPT Pratama. PPPK are never promoted; nobody is promoted twice within 2 years.
* Merit: latent ability ``a ~ N(0, 1)``. Competency level of each of the 9 columns =
  ``clip(round(3 + 0.75 a + N(0, 0.55)), 1, 5)``; ~90 % of persons assessed once, ~25 % of those twice;
  jpm = ``clip(70 + 10 a + N(0, 5))``; skor_potensi = ``clip(55 + 14 a + N(0, 6))`` (blank for ~25 % of rows).
  SKP 2021–2025: step from ``0.8 a + 0.6 N(0, 1)`` cut at -2.3/-1.9/-1.2/0.85 (Sangat Kurang … Sangat Baik);
  2021 also carries a numeric ``nilai`` in the PP 46/2011 band of its predikat.
* Promotion model, per quarter, for eligible persons in a merit-following OPD who were assessed before the
  quarter's first day::

      logit P = alpha[level, quarter] + 1.6 (kompetensi_mean - 3) + 1.0 (skp_mean - 3)
                + log(0.25) [jenis_kelamin == 'P' and OPD == penalty OPD]

  ``kompetensi_mean`` = mean of the 9 levels of the latest assessment dated before the quarter;
  ``skp_mean`` = mean SKP step (0 Sangat Kurang … 3 Baik … 4 Sangat Baik) of the two calendar years before
  the quarter's year. ``alpha`` is calibrated each quarter so that the expected number of promotions in the
  merit OPDs is ``COUNT[target] * f_q * n / 3300`` (95 into Pengawas, 20 into Administrator, 6 into JPT
  Pratama; f_q ~ U(0.8, 1.2), one per quarter), i.e. the mean probability among the assessed eligible of
  the merit OPDs is that count over their number (capped at 0.5): about 450–550 promotions a year in all.
  Unassessed persons in merit OPDs are never promoted.
* Planted effects: (1) ``DPUPR`` ignores merit: each eligible person (assessed or not) is promoted with the
  same probability, the mean probability over all eligible persons of the merit OPDs at that level and
  quarter; (2) in ``DINDIKBUD``, women's odds of promotion are multiplied by 0.25 at equal merit. Nothing
  else depends on gender or age. A promoted Administrator moves into another OPD's JPT post with
  probability 0.3; promotions are counted for the OPD the person sat in at the start of the quarter.
  The penalty is an odds ratio at equal merit and eligibility; because it runs for 11 quarters it leaves
  relatively more eligible women than men in the penalty OPD, so a raw person-level rate gap in a late
  4-quarter window is much smaller than the conditional effect.

``make_history(seed, n)`` returns ``(tables, truth)``; ``tables`` holds ``pegawai`` (state at the end of
2026Q1), ``profiling``, ``kinerja`` and ``riwayat_jabatan`` with the DESIGN §3 column names, dates as
pandas Timestamps, NIPs as 18-character strings. Only numpy and pandas are used.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# --------------------------------------------------------------------------- reference lists (DESIGN §3/§4)

COMPETENCIES = ("integritas", "kerja_sama", "komunikasi", "orientasi_hasil", "pelayanan_publik",
                "pengembangan_diri", "mengelola_perubahan", "pengambilan_keputusan", "perekat_bangsa")
PREDIKAT = ("Sangat Kurang", "Kurang", "Butuh Perbaikan", "Baik", "Sangat Baik")  # index = SKP step
NILAI_2021 = ((40, 50), (51, 60), (61, 75), (76, 90), (91, 100))  # PP 46/2011 band of each predikat
LEVEL_NAMES = ("Pelaksana", "Fungsional", "Pengawas", "Administrator", "JPT Pratama")
PEL, FUNG, PENG, ADM, JPT = range(5)
EDU = ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3")
EDU_I = {e: i for i, e in enumerate(EDU)}
GOL_PNS = ("I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d",
           "IV/a", "IV/b", "IV/c", "IV/d", "IV/e")
GI = {g: i for i, g in enumerate(GOL_PNS)}
ESELON_GOL = {"II.a": ("IV/c", "IV/d"), "II.b": ("IV/b", "IV/c"), "III.a": ("IV/a", "IV/b"),
              "III.b": ("III/d", "IV/a"), "IV.a": ("III/c", "III/d"), "IV.b": ("III/b", "III/c")}

# (code, nama, kind, base size for n = 3300 before the remainder is given to the largest OPD)
OPDS = (
    ("SETDA.PEM", "Biro Pemerintahan", "biro", 46),
    ("SETDA.HUKUM", "Biro Hukum", "biro", 44),
    ("SETDA.KESRA", "Biro Kesejahteraan Rakyat", "biro", 42),
    ("SETDA.PEREK-AP", "Biro Perekonomian dan Administrasi Pembangunan", "biro", 45),
    ("SETDA.PBJ", "Biro Pengadaan Barang dan Jasa", "biro", 41),
    ("SETDA.ORG", "Biro Organisasi", "biro", 43),
    ("SETDA.UMUM", "Biro Umum", "biro", 62),
    ("SETDA.ADPIM", "Biro Administrasi Pimpinan", "biro", 48),
    ("SETWAN", "Sekretariat DPRD", "badan", 58),
    ("INSP", "Inspektorat", "badan", 64),
    ("BAPPEDA", "Bappeda", "badan", 60),
    ("BAPENDA", "Badan Pendapatan Daerah", "badan", 120),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "badan", 66),
    ("BKD", "Badan Kepegawaian Daerah", "badan", 60),
    ("BPSDM", "Badan Pengembangan Sumber Daya Manusia", "badan", 48),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", 50),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "badan", 42),
    ("PENGHUBUNG", "Badan Penghubung", "badan_kecil", 40),
    ("DINDIKBUD", "Dinas Pendidikan dan Kebudayaan", "edu", 690),
    ("DINKES", "Dinas Kesehatan", "dinas", 110),
    ("RSUD-BTN", "RSUD Banten", "hosp", 240),
    ("RSUD-MLP", "RSUD Malingping", "hosp_kecil", 140),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", 150),
    ("PERKIM", "Dinas Perumahan Rakyat dan Kawasan Permukiman", "dinas", 52),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "dinas", 95),
    ("DINSOS", "Dinas Sosial", "dinas", 55),
    ("DISNAKERTRANS", "Dinas Tenaga Kerja dan Transmigrasi", "dinas", 56),
    ("DP3AKKB", "DP3AKKB", "dinas", 46),
    ("DKETAPANG", "Dinas Ketahanan Pangan", "dinas", 44),
    ("DLHK", "Dinas Lingkungan Hidup dan Kehutanan", "dinas", 62),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "dinas", 42),
    ("DISHUB", "Dinas Perhubungan", "dinas", 60),
    ("DISKOMINFOSP", "Dinas Komunikasi, Informatika, Statistik dan Persandian", "dinas", 50),
    ("DINKOPUKM", "Dinas Koperasi dan UKM", "dinas", 42),
    ("DPMPTSP", "DPMPTSP", "dinas", 52),
    ("DISPORA", "Dinas Kepemudaan dan Olahraga", "dinas", 44),
    ("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", "dinas", 48),
    ("DKP", "Dinas Kelautan dan Perikanan", "dinas", 50),
    ("DISTAN", "Dinas Pertanian", "dinas", 58),
    ("DISPAR", "Dinas Pariwisata", "dinas", 44),
    ("DESDM", "Dinas Energi dan Sumber Daya Mineral", "dinas", 45),
    ("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", "dinas", 50),
)
IGNORE_MERIT_OPD = "DPUPR"
PENALTY_OPD = "DINDIKBUD"
PENALTY_GROUP = "P"
PENALTY_OR = 0.25

QUARTERS = ((2023, 3), (2023, 4), (2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1), (2025, 2), (2025, 3),
            (2025, 4), (2026, 1))
WINDOW_START = np.datetime64("2023-07-01")
LAST_DAY = np.datetime64("2026-03-31")
COUNT = {PENG: 95.0, ADM: 20.0, JPT: 6.0}   # expected promotions a quarter in merit OPDs, per 3300 persons
REQ_YEARS = {PEL: 4.0, FUNG: 4.0, PENG: 3.0, ADM: 2.0}
MIN_EDU = {PENG: EDU_I["D3"], ADM: EDU_I["D4"], JPT: EDU_I["D4"]}  # education for the TARGET level
BETA_COMP = 1.6
BETA_SKP = 1.0
P_JPT_OTHER_OPD = 0.3
N_JPT_ROTATIONS = 4

# per OPD kind: share PPPK, share women, PNS level probabilities (Pel, Fung, Peng, Adm, JPT)
KIND = {
    "edu": (0.30, 0.58, (0.226, 0.70, 0.05, 0.02, 0.004)),
    "hosp": (0.22, 0.65, (0.277, 0.60, 0.08, 0.035, 0.008)),
    "hosp_kecil": (0.22, 0.65, (0.277, 0.60, 0.08, 0.035, 0.008)),
}
for _k in ("biro", "badan", "badan_kecil", "dinas"):
    KIND[_k] = (0.07, 0.42, (0.47, 0.15, 0.24, 0.11, 0.03))

D = np.timedelta64(1, "D")


# --------------------------------------------------------------------------- helpers

def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _calibrate(x: np.ndarray, target: float) -> float:
    """alpha such that mean(sigmoid(alpha + x)) == target (bisection)."""
    lo, hi = -30.0, 15.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if _sigmoid(mid + x).mean() < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _uniform_dates(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    lo = np.asarray(lo, dtype="datetime64[D]")
    hi = np.asarray(hi, dtype="datetime64[D]")
    span = np.maximum((hi - lo).astype(np.int64), 0)
    return lo + (rng.random(span.shape) * (span + 1)).astype(np.int64) * D


def _add_years(d: np.ndarray, years: float) -> np.ndarray:
    return np.asarray(d, dtype="datetime64[D]") + int(round(years * 365.25)) * D


def _quarter_bounds(y: int, q: int) -> tuple[np.datetime64, np.datetime64]:
    start = np.datetime64(f"{y}-{3 * (q - 1) + 1:02d}-01")
    ny, nq = (y + 1, 1) if q == 4 else (y, q + 1)
    return start, np.datetime64(f"{ny}-{3 * (nq - 1) + 1:02d}-01") - D


def _qlabel(d: np.datetime64) -> str:
    ts = pd.Timestamp(d)
    return f"{ts.year}Q{(ts.month - 1) // 3 + 1}"


def _pelantikan(rng: np.random.Generator, y: int, q: int) -> list[np.datetime64]:
    """One or two working days inside the quarter (fixed for 2026Q1)."""
    if (y, q) == (2026, 1):
        return [np.datetime64("2026-01-26"), np.datetime64("2026-03-13")]
    qs, qe = _quarter_bounds(y, q)
    k = 1 if rng.random() < 0.5 else 2
    days = sorted(_uniform_dates(rng, np.full(k, qs + 7 * D), np.full(k, qe - 5 * D)))
    out = sorted({np.busday_offset(d, 0, roll="backward") for d in days})
    return [np.datetime64(d, "D") for d in out]


def _iso(d) -> str:
    return str(np.datetime64(d, "D"))


# --------------------------------------------------------------------------- titles and names

SEKSI = ("Perencanaan", "Evaluasi dan Pelaporan", "Keuangan", "Umum dan Kepegawaian", "Program", "Pelayanan",
         "Pengendalian", "Data dan Informasi", "Pembinaan", "Sarana dan Prasarana", "Pengembangan", "Kerja Sama")
PELAKSANA = ("Pengadministrasi Umum", "Pengelola Keuangan", "Pengelola Data", "Pengadministrasi Perkantoran",
             "Penata Laporan Keuangan", "Pengelola Barang Milik Daerah", "Operator Layanan Operasional",
             "Pengelola Layanan Kepegawaian")
FUNG_TITLES = {
    "edu": ("Guru Ahli Pertama", "Guru Ahli Muda", "Guru Ahli Madya", "Pamong Belajar Ahli Pertama"),
    "hosp": ("Perawat Ahli Pertama", "Perawat Terampil", "Bidan Ahli Pertama", "Dokter Ahli Muda",
             "Apoteker Ahli Pertama", "Pranata Laboratorium Kesehatan Terampil"),
    "other": ("Analis Kebijakan Ahli Pertama", "Perencana Ahli Muda", "Auditor Ahli Pertama",
              "Pranata Komputer Ahli Pertama", "Arsiparis Ahli Pertama", "Analis SDM Aparatur Ahli Muda"),
}
FIRST_L = ("Ahmad", "Budi", "Dedi", "Eko", "Agus", "Hendra", "Rudi", "Iwan", "Asep", "Dadang", "Ujang", "Yusuf",
           "Rizki", "Fajar", "Andi", "Teguh", "Wahyu", "Bambang", "Joko", "Hadi", "Irfan", "Fauzi", "Ade", "Deni")
FIRST_P = ("Siti", "Dewi", "Sri", "Rina", "Nurhayati", "Yanti", "Euis", "Ratna", "Lilis", "Fitri", "Aisyah",
           "Indah", "Mega", "Wulan", "Ika", "Rahmawati", "Neneng", "Tuti", "Lina", "Ani", "Eneng", "Yuli")
LAST = ("Suryadi", "Hidayat", "Permana", "Saputra", "Kurniawan", "Setiawan", "Nugraha", "Rahman", "Maulana",
        "Firmansyah", "Wijaya", "Santoso", "Hasanah", "Lestari", "Handayani", "Susanti", "Rohmah", "Fitriani",
        "Sari", "Rahayu", "Mulyana", "Sudrajat", "Jamaludin", "Syahputra")


def _fkind(kind: str) -> str:
    return "edu" if kind == "edu" else "hosp" if kind.startswith("hosp") else "other"


def _title(rng, level: int, eselon, kind: str, opd_nama: str, first_jpt: bool) -> str:
    if level == PEL:
        return str(rng.choice(PELAKSANA))
    if level == FUNG:
        return str(rng.choice(FUNG_TITLES[_fkind(kind)]))
    s = str(rng.choice(SEKSI))
    if level == PENG:
        return f"Kepala {'Subbagian' if rng.random() < 0.35 else 'Seksi'} {s}"
    if level == ADM:
        if kind == "biro":
            return f"Kepala Bagian {s}"
        return "Sekretaris" if rng.random() < 0.15 else f"Kepala Bidang {s}"
    if kind.startswith("hosp"):
        return f"Direktur {opd_nama}" if first_jpt else f"Wakil Direktur {s}"
    if first_jpt:
        return f"Kepala {opd_nama}"
    return f"Staf Ahli Gubernur Bidang {s}" if rng.random() < 0.5 else f"Asisten Daerah Bidang {s}"


def _name(rng, female: bool, edu: str, kind: str) -> str:
    first = str(rng.choice(FIRST_P if female else FIRST_L))
    base = f"{first} {rng.choice(LAST)}"
    if edu in ("SMA", "SD", "SMP", "D1", "D2"):
        return base
    if edu == "D3":
        return f"{base}, A.Md."
    fk = _fkind(kind)
    s1 = {"edu": "S.Pd.", "hosp": "S.Kep., Ns."}.get(fk, str(rng.choice(("S.E.", "S.Sos.", "S.Kom.", "S.T.",
                                                                           "S.H.", "S.IP."))))
    if edu in ("D4", "S1"):
        return f"{base}, {s1}"
    s2 = {"edu": "M.Pd.", "hosp": "M.Kes."}.get(fk, str(rng.choice(("M.Si.", "M.M.", "M.A.P."))))
    if edu == "S2":
        return f"{base}, {s1}, {s2}"
    return f"Dr. {base}, {s1}, {s2}"


# --------------------------------------------------------------------------- the generator

def _sizes(n: int) -> np.ndarray:
    base = np.array([o[3] for o in OPDS], dtype=float)
    floor = min(40, max(1, n // 84))
    sizes = np.maximum(floor, np.floor(base * n / 3300.0)).astype(int)
    big = int(np.argmax(base))
    sizes[big] += n - sizes.sum()
    if sizes[big] < floor:
        raise ValueError(f"n={n} is too small for {len(OPDS)} OPDs")
    return sizes


def make_history(seed: int = 1, n: int = 3300) -> tuple[dict[str, pd.DataFrame], dict]:
    rng = np.random.default_rng(seed)
    sizes = _sizes(n)
    codes = np.array([o[0] for o in OPDS])
    names = np.array([o[1] for o in OPDS])
    kinds = np.array([o[2] for o in OPDS])
    opd = np.repeat(np.arange(len(OPDS)), sizes)
    rng.shuffle(opd)
    kind_p = kinds[opd]
    ign = int(np.where(codes == IGNORE_MERIT_OPD)[0][0])
    pen = int(np.where(codes == PENALTY_OPD)[0][0])

    # ---------------------------------------------------------------- persons
    pppk_share = np.array([KIND[k][0] for k in kind_p])
    female_share = np.array([KIND[k][1] for k in kind_p])
    pppk = rng.random(n) < pppk_share
    female = rng.random(n) < female_share
    ability = rng.normal(size=n)
    birth = _uniform_dates(rng, np.full(n, np.datetime64("1970-04-01")), np.full(n, np.datetime64("1998-12-31")))
    # TMT CPNS: first of a month, age 19-33, not after 2019-06-01
    lo = _add_years(birth, 19.0)
    hi = np.minimum(_add_years(birth, 33.0), np.datetime64("2019-06-01"))
    tmt_cpns = _uniform_dates(rng, lo, hi).astype("datetime64[M]").astype("datetime64[D]")
    tmt_cpns = np.where(tmt_cpns < lo, (tmt_cpns.astype("datetime64[M]") + 1).astype("datetime64[D]"), tmt_cpns)
    tmt_pppk = (np.datetime64("2019-01") + rng.integers(0, 24, n)).astype("datetime64[D]")
    tmt_entry = np.where(pppk, tmt_pppk, tmt_cpns)

    # level at the start of the window (2023-07-01); structural levels only where a career is feasible
    level = np.empty(n, dtype=int)
    for i in range(n):
        k = kind_p[i]
        if pppk[i]:
            fung = 0.85 if k in ("edu", "hosp", "hosp_kecil") else 0.25
            level[i] = FUNG if rng.random() < fung else PEL
            continue
        p = np.array(KIND[k][2], dtype=float)
        if tmt_cpns[i] > np.datetime64("2019-01-01"):
            p[PENG] = 0.0
        if tmt_cpns[i] > np.datetime64("2015-06-01"):
            p[ADM] = 0.0
        if tmt_cpns[i] > np.datetime64("2013-01-01"):
            p[JPT] = 0.0
        level[i] = rng.choice(5, p=p / p.sum())
    # every OPD has a head (one JPT Pratama) at the start if anyone there can be one
    for o in range(len(OPDS)):
        idx = np.where(opd == o)[0]
        if not (level[idx] == JPT).any():
            cand = idx[(~pppk[idx]) & (tmt_cpns[idx] <= np.datetime64("2013-01-01")) & (level[idx] != FUNG)]
            if len(cand):
                level[rng.choice(cand)] = JPT

    # education
    edu = np.empty(n, dtype=object)
    edu_p = {PEL: (("SMA", "D3", "S1", "S2"), (0.30, 0.25, 0.40, 0.05)),
             FUNG: (("D3", "D4", "S1", "S2"), (0.15, 0.05, 0.65, 0.15)),
             PENG: (("D3", "S1", "S2"), (0.06, 0.74, 0.20)),
             ADM: (("S1", "S2", "S3"), (0.45, 0.50, 0.05)),
             JPT: (("S1", "S2", "S3"), (0.05, 0.75, 0.20))}
    for i in range(n):
        if pppk[i] and level[i] == PEL:
            vals, pr = ("SMA", "D3", "S1"), (0.40, 0.25, 0.35)
        elif pppk[i]:
            vals, pr = ("D3", "S1", "S2"), (0.20, 0.70, 0.10)
        else:
            vals, pr = edu_p[level[i]]
        edu[i] = vals[rng.choice(len(vals), p=pr)]
    edu_i = np.array([EDU_I[e] for e in edu])

    # ---------------------------------------------------------------- pre-window career
    pre_pel: dict[str, list[np.datetime64]] = {}

    def pre_date(d: np.datetime64) -> np.datetime64:
        lab = _qlabel(d)
        if lab not in pre_pel:
            y, q = int(lab[:4]), int(lab[5])
            pre_pel[lab] = _pelantikan(rng, y, q)
        return pre_pel[lab][rng.integers(len(pre_pel[lab]))]

    riwayat: list[dict] = []
    entry_level = np.where(level <= FUNG, level, np.where(rng.random(n) < 0.7, PEL, FUNG))
    eselon = np.full(n, None, dtype=object)
    tmt_level = tmt_entry.copy()      # start of the current level
    tmt_post = tmt_entry.copy()       # start of the current post
    jabatan = np.empty(n, dtype=object)
    jpt_head_given = set()
    start_cut = np.datetime64("2023-06-20")
    for i in range(n):
        k, on = kind_p[i], names[opd[i]]
        first_title = _title(rng, entry_level[i], None, k, on, False)
        riwayat.append(dict(nip=i, tanggal=tmt_entry[i], jenis_mutasi="pengangkatan", jabatan_baru=first_title,
                            jenis_jabatan_baru=LEVEL_NAMES[entry_level[i]], eselon_baru=None,
                            opd_kode_baru=codes[opd[i]], eselon_lama=None, opd_kode_lama=None))
        jabatan[i] = first_title
        if level[i] <= FUNG:
            continue
        # chain of promotions: entry -> PENG [-> ADM [-> JPT]]
        c = tmt_cpns[i]
        if level[i] == PENG:
            t_cur = _uniform_dates(rng, max(_add_years(c, 4.2), np.datetime64("2011-01-01")), start_cut)
            chain = [(PENG, t_cur)]
        elif level[i] == ADM:
            t_cur = _uniform_dates(rng, max(_add_years(c, 7.5), np.datetime64("2013-01-01")), start_cut)
            t_p = _uniform_dates(rng, _add_years(c, 4.2), _add_years(t_cur, -3.2))
            chain = [(PENG, t_p), (ADM, t_cur)]
        else:
            t_cur = _uniform_dates(rng, max(_add_years(c, 9.8), np.datetime64("2015-01-01")), start_cut)
            t_a = _uniform_dates(rng, _add_years(c, 7.4), _add_years(t_cur, -2.2))
            t_p = _uniform_dates(rng, _add_years(c, 4.2), _add_years(t_a, -3.2))
            chain = [(PENG, t_p), (ADM, t_a), (JPT, t_cur)]
        prev_es = None
        for lev, t in chain:
            t = pre_date(np.datetime64(t, "D"))
            assert t < WINDOW_START
            if lev == PENG:
                es = "IV.a" if rng.random() < 0.85 else "IV.b"
            elif lev == ADM:
                es = "III.b" if (k == "biro" or rng.random() < 0.35) else "III.a"
            else:
                es = "II.b" if k in ("biro", "badan_kecil", "hosp_kecil") else "II.a"
            head = lev == JPT and opd[i] not in jpt_head_given
            if head:
                jpt_head_given.add(opd[i])
            title = _title(rng, lev, es, k, on, head)
            riwayat.append(dict(nip=i, tanggal=t, jenis_mutasi="promosi", jabatan_baru=title,
                                jenis_jabatan_baru=LEVEL_NAMES[lev], eselon_baru=es, opd_kode_baru=codes[opd[i]],
                                eselon_lama=prev_es, opd_kode_lama=codes[opd[i]]))
            prev_es = es
            eselon[i], jabatan[i] = es, title
            tmt_level[i] = tmt_post[i] = t

    # ---------------------------------------------------------------- merit measures
    # kinerja 2021..2025
    years = np.arange(2021, 2026)
    z = 0.8 * ability[:, None] + 0.6 * rng.normal(size=(n, len(years)))
    skp = np.digitize(z, [-2.3, -1.9, -1.2, 0.85])              # 0..4
    # profiling: assessed ~90 %; first date pre-window / in window / Nov-2025 waves; ~25 % twice
    waves = [np.datetime64("2025-11-17") + (w // 2) * D for w in range(10)]   # 2 waves a day, 17-21 Nov 2025
    assessed = rng.random(n) < 0.90
    u = rng.random(n)
    d1 = np.where(u < 0.55, _uniform_dates(rng, np.full(n, np.datetime64("2021-06-01")),
                                          np.full(n, np.datetime64("2023-06-30"))),
                  _uniform_dates(rng, np.full(n, np.datetime64("2023-07-01")), np.full(n, np.datetime64("2025-10-31"))))
    wave1 = np.where(u >= 0.82, rng.integers(0, 10, n), -1)
    d1 = np.where(wave1 >= 0, np.array(waves)[np.maximum(wave1, 0)], d1)
    d1 = np.array([np.busday_offset(d, 0, roll="backward") for d in d1], dtype="datetime64[D]")
    second = assessed & (d1 < np.datetime64("2024-11-01")) & (rng.random(n) < 0.40)
    u2 = rng.random(n)
    wave2 = np.where(u2 < 0.7, rng.integers(0, 10, n), -1)
    d2 = np.where(wave2 >= 0, np.array(waves)[np.maximum(wave2, 0)],
                  _uniform_dates(rng, np.full(n, np.datetime64("2026-01-05")), np.full(n, np.datetime64("2026-03-20"))))
    d2 = np.array([np.busday_offset(d, 0, roll="backward") for d in d2], dtype="datetime64[D]")

    def comp_draw(shift: float) -> np.ndarray:
        x = 3.0 + 0.75 * (ability[:, None] + shift) + rng.normal(0, 0.55, size=(n, 9))
        return np.clip(np.rint(x), 1, 5).astype(int)

    comp1, comp2 = comp_draw(0.0), comp_draw(0.1)
    NAT = np.datetime64("NaT", "D")
    a1 = np.where(assessed, d1, NAT)
    a2 = np.where(second, d2, NAT)

    # ---------------------------------------------------------------- the window, quarter by quarter
    promo_q: dict[str, int] = {}
    promo_q_opd: dict[str, dict[str, int]] = {}
    promo_q_level: dict[str, dict[str, int]] = {}
    pel_dates: dict[str, list[str]] = {}
    alphas: dict[str, dict[str, float]] = {}
    hazards: dict[str, dict[str, float]] = {}
    quarter_factor: dict[str, float] = {}
    promoted_once = np.zeros(n, dtype=bool)
    merit_opd = opd != ign
    for (y, q) in QUARTERS:
        lab = f"{y}Q{q}"
        qs, qe = _quarter_bounds(y, q)
        dates = _pelantikan(rng, y, q)
        pel_dates[lab] = [_iso(d) for d in dates]
        fq = float(rng.uniform(0.8, 1.2))
        quarter_factor[lab] = round(fq, 4)
        # predictors dated before qs
        has1 = ~np.isnat(a1) & (a1 < qs)
        has2 = ~np.isnat(a2) & (a2 < qs)
        comp = np.where(has2[:, None], comp2, comp1).mean(axis=1)
        seen = has1 | has2
        yi = y - 2021
        skp_mean = skp[:, yi - 2:yi].mean(axis=1)
        x = BETA_COMP * (comp - 3.0) + BETA_SKP * (skp_mean - 3.0)
        x = x + np.where(female & (opd == pen), np.log(PENALTY_OR), 0.0)
        target = np.where(level <= FUNG, PENG, level + 1)
        years_in = (qs - tmt_level).astype(np.int64) / 365.25
        elig = (~pppk) & (level <= ADM) & (years_in >= np.array([REQ_YEARS.get(lv, 99.0) for lv in level]))
        elig &= edu_i >= np.array([MIN_EDU.get(t, 99) for t in target])
        p = np.zeros(n)
        alphas[lab] = {}
        hazards[lab] = {}
        for tgt in (PENG, ADM, JPT):
            grp = elig & (target == tgt) & merit_opd
            ass = grp & seen
            if ass.sum() == 0:
                continue
            hz = float(min(0.5, COUNT[tgt] * fq * n / 3300.0 / ass.sum()))
            al = _calibrate(x[ass], hz)
            alphas[lab][LEVEL_NAMES[tgt]] = round(al, 4)
            hazards[lab][LEVEL_NAMES[tgt]] = round(hz, 5)
            p[ass] = _sigmoid(al + x[ass])
            rate = p[grp].mean()                       # incl. the unassessed (p = 0)
            p[elig & (target == tgt) & ~merit_opd] = rate
        prom = np.where(elig & (rng.random(n) < p))[0]
        promo_q[lab] = int(len(prom))
        promo_q_opd[lab] = {}
        promo_q_level[lab] = {}
        for i in prom:
            tgt = int(target[i])
            promo_q_opd[lab][codes[opd[i]]] = promo_q_opd[lab].get(codes[opd[i]], 0) + 1
            promo_q_level[lab][LEVEL_NAMES[tgt]] = promo_q_level[lab].get(LEVEL_NAMES[tgt], 0) + 1
            if (y, q) == (2026, 1) and tgt == JPT:
                t = dates[0]
            else:
                t = dates[rng.integers(len(dates))]
            new_opd = opd[i]
            if tgt == JPT and rng.random() < P_JPT_OTHER_OPD:
                new_opd = int(rng.choice([o for o in range(len(OPDS)) if o != opd[i]]))
            k = kinds[new_opd]
            if tgt == PENG:
                es = "IV.a" if rng.random() < 0.85 else "IV.b"
            elif tgt == ADM:
                es = "III.b" if (k == "biro" or rng.random() < 0.35) else "III.a"
            else:
                es = "II.b" if k in ("biro", "badan_kecil", "hosp_kecil") else "II.a"
            title = _title(rng, tgt, es, k, names[new_opd], False)
            riwayat.append(dict(nip=i, tanggal=t, jenis_mutasi="promosi", jabatan_baru=title,
                                jenis_jabatan_baru=LEVEL_NAMES[tgt], eselon_baru=es, opd_kode_baru=codes[new_opd],
                                eselon_lama=eselon[i], opd_kode_lama=codes[opd[i]]))
            level[i], eselon[i], jabatan[i], opd[i] = tgt, es, title, new_opd
            tmt_level[i] = tmt_post[i] = t
            promoted_once[i] = True
        if (y, q) == (2026, 1):
            # JPT rotations on the same pelantikan (not promotions)
            cand = np.where((level == JPT) & (tmt_post < np.datetime64("2024-01-01")))[0]
            rot = rng.choice(cand, size=min(N_JPT_ROTATIONS, len(cand)), replace=False)
            for i in rot:
                new_opd = int(rng.choice([o for o in range(len(OPDS)) if o != opd[i]]))
                k = kinds[new_opd]
                es = "II.b" if k in ("biro", "badan_kecil", "hosp_kecil") else "II.a"
                title = _title(rng, JPT, es, k, names[new_opd], False)
                riwayat.append(dict(nip=i, tanggal=dates[0], jenis_mutasi="rotasi", jabatan_baru=title,
                                    jenis_jabatan_baru="JPT Pratama", eselon_baru=es,
                                    opd_kode_baru=codes[new_opd], eselon_lama=eselon[i], opd_kode_lama=codes[opd[i]]))
                eselon[i], jabatan[i], opd[i] = es, title, new_opd
                tmt_post[i] = dates[0]

    # ---------------------------------------------------------------- NIPs
    gdig = np.where(female, "2", "1")
    bstr = np.array([_iso(d).replace("-", "") for d in birth])
    mid = np.array([(_iso(tmt_pppk[i])[:4] + "21") if pppk[i] else _iso(tmt_cpns[i])[:7].replace("-", "")
                    for i in range(n)])
    prefix = np.char.add(np.char.add(bstr, mid), gdig)
    nip = np.empty(n, dtype=object)
    for pre_, idx in pd.Series(np.arange(n)).groupby(prefix):
        serials = rng.choice(np.arange(1, 1000), size=len(idx), replace=False)
        for i, s in zip(idx.to_numpy(), serials):
            nip[i] = f"{pre_}{s:03d}"
    assert len(set(nip)) == n and all(len(x) == 18 and x.isdigit() for x in nip)

    # ---------------------------------------------------------------- end-state golongan and diklat
    gol = np.empty(n, dtype=object)
    pppk_gol = {"SMA": "V", "D3": "VII", "D4": "IX", "S1": "IX", "S2": "X", "S3": "XI"}
    for i in range(n):
        if pppk[i]:
            gol[i] = pppk_gol[edu[i]]
            continue
        if level[i] >= PENG:
            lo_g, hi_g = ESELON_GOL[eselon[i]]
            gol[i] = GOL_PNS[rng.integers(GI[lo_g], GI[hi_g] + 1)]
            continue
        e = edu[i]
        rng_g = {"SMA": ("II/a", "II/d"), "D3": ("II/c", "III/b"), "D4": ("III/a", "III/d"), "S1": ("III/a", "III/d"),
                 "S2": ("III/b", "IV/a"), "S3": ("III/c", "IV/b")}[e]
        if level[i] == FUNG and e in ("S1", "D4", "S2", "S3"):
            rng_g = (rng_g[0], GOL_PNS[min(GI[rng_g[1]] + 1, GI["IV/b"])])
        gol[i] = GOL_PNS[rng.integers(GI[rng_g[0]], GI[rng_g[1]] + 1)]
    diklat = np.full(n, None, dtype=object)
    old = tmt_level < np.datetime64("2025-03-01")
    for i in np.where((level >= PENG) & old)[0]:
        new_name = tmt_level[i] >= np.datetime64("2020-01-01")
        diklat[i] = {PENG: ("PKP", "PIM IV"), ADM: ("PKA", "PIM III"), JPT: ("PKN II", "PIM II")}[level[i]][
            0 if new_name else 1]

    # ---------------------------------------------------------------- tables
    ts = pd.to_datetime
    pegawai = pd.DataFrame({
        "nip": nip,
        "nama": [_name(rng, bool(female[i]), edu[i], kind_p[i]) for i in range(n)],
        "jenis_kelamin": np.where(female, "P", "L"),
        "tanggal_lahir": ts(birth),
        "status_kepegawaian": np.where(pppk, "PPPK", "PNS"),
        "golongan": gol,
        "pendidikan": edu,
        "opd_kode": codes[opd],
        "opd_nama": names[opd],
        "jabatan": jabatan,
        "jenis_jabatan": [LEVEL_NAMES[lv] for lv in level],
        "eselon": eselon,
        "tmt_jabatan": ts(tmt_post),
        "tmt_cpns": ts(np.where(pppk, NAT, tmt_cpns)),
        "diklat_kepemimpinan": diklat,
    })

    prof_rows = []
    for i in np.where(assessed)[0]:
        for d, cm, wv in ((a1[i], comp1[i], wave1[i]), (a2[i], comp2[i], wave2[i] if second[i] else -1)):
            if np.isnat(d):
                continue
            row = {"nip": nip[i], "tanggal_asesmen": d, "gelombang": (int(wv) + 1) if wv >= 0 else None}
            row.update({c: float(v) for c, v in zip(COMPETENCIES, cm)})
            row["jpm"] = round(float(np.clip(70 + 10 * ability[i] + rng.normal(0, 5), 0, 100)), 2)
            row["skor_potensi"] = (round(float(np.clip(55 + 14 * ability[i] + rng.normal(0, 6), 0, 100)), 2)
                                   if rng.random() >= 0.25 else None)
            prof_rows.append(row)
    profiling = pd.DataFrame(prof_rows)
    profiling["tanggal_asesmen"] = ts(profiling["tanggal_asesmen"])
    profiling["gelombang"] = profiling["gelombang"].astype("Int64")
    profiling["skor_potensi"] = profiling["skor_potensi"].astype(float)
    profiling = profiling.sort_values(["tanggal_asesmen", "nip"], kind="stable").reset_index(drop=True)

    kin_nip = np.repeat(nip, len(years))
    kin_year = np.tile(years, n)
    kin_step = skp.ravel()
    nilai = np.full(len(kin_step), np.nan)
    m21 = kin_year == 2021
    for s, (lo_v, hi_v) in enumerate(NILAI_2021):
        sel = m21 & (kin_step == s)
        nilai[sel] = np.round(rng.uniform(lo_v, hi_v, sel.sum()), 2)
    kinerja = pd.DataFrame({"nip": kin_nip, "tahun": kin_year.astype(int),
                            "predikat": np.array(PREDIKAT, dtype=object)[kin_step], "nilai": nilai})

    rj = pd.DataFrame(riwayat)
    rj["nip"] = nip[rj["nip"].to_numpy()]
    rj["tanggal"] = ts(rj["tanggal"].to_numpy().astype("datetime64[D]"))
    rj = rj.sort_values(["tanggal", "nip"], kind="stable").reset_index(drop=True)
    rj = rj[["nip", "tanggal", "jenis_mutasi", "jabatan_baru", "jenis_jabatan_baru", "eselon_baru", "opd_kode_baru",
             "eselon_lama", "opd_kode_lama"]]

    # sanity: no future date, nothing after 2026-03-31
    for tname, df, col in (("riwayat_jabatan", rj, "tanggal"), ("profiling", profiling, "tanggal_asesmen"),
                           ("pegawai", pegawai, "tmt_jabatan")):
        assert df[col].max() <= pd.Timestamp(LAST_DAY), tname

    in_window = rj[(rj.jenis_mutasi == "promosi") & (rj.tanggal >= pd.Timestamp(WINDOW_START))]
    truth = {
        "period": "2026Q1",
        "quarters": [f"{y}Q{q}" for y, q in QUARTERS],
        "ignore_merit_opd": IGNORE_MERIT_OPD,
        "penalty_opd": PENALTY_OPD,
        "penalty_group": PENALTY_GROUP,
        "penalty_attribute": "jenis_kelamin",
        "penalty_reference": "L",
        "penalty_or": PENALTY_OR,
        "promotions_by_quarter": promo_q,
        "promotions_by_quarter_opd": promo_q_opd,         # by the OPD held at the start of the quarter
        "promotions_by_quarter_target": promo_q_level,
        "promotions_total": int(len(in_window)),
        "pre_window_promosi_rows": int(((rj.jenis_mutasi == "promosi")
                                        & (rj.tanggal < pd.Timestamp(WINDOW_START))).sum()),
        "rotations_2026_01_26": int((rj.jenis_mutasi == "rotasi").sum()),
        "pelantikan_dates": pel_dates,
        "count_target_per_3300": {LEVEL_NAMES[k]: v for k, v in COUNT.items()},
        "hazard": hazards,
        "quarter_factor": quarter_factor,
        "alpha": alphas,
        "beta": {"kompetensi_mean_minus_3": BETA_COMP, "skp_mean_minus_3": BETA_SKP},
        "merit_model": "logit P = alpha[target, quarter] + 1.6 (kompetensi_mean - 3) + 1.0 (skp_mean - 3) "
                       "+ log(0.25) [P and penalty_opd]; only assessed-before-quarter persons in merit OPDs",
        "eligibility": {"min_years_in_level": {LEVEL_NAMES[k]: v for k, v in REQ_YEARS.items()},
                        "min_education_for_target": {LEVEL_NAMES[k]: EDU[v] for k, v in MIN_EDU.items()},
                        "pppk_promoted": False},
        "no_effect": ["jenis_kelamin outside penalty_opd", "age"],
        "notes": "penalty_or is conditional on merit and eligibility (quarterly, person-quarter rows). Over 11 "
                 "quarters the penalty depletes the eligible men of the penalty OPD faster, so a raw, "
                 "person-level rate gap inside a late 4-quarter window can be small; the gap at equal merit "
                 "and eligibility stays. The ignore-merit OPD also promotes never-assessed persons.",
        "opd_sizes_start": {codes[o]: int(s) for o, s in enumerate(sizes)},
        "n_persons": int(n),
        "n_assessed": int(assessed.sum()),
        "n_profiling_rows": int(len(profiling)),
        "seed": int(seed),
    }
    tables = {"pegawai": pegawai, "profiling": profiling, "kinerja": kinerja, "riwayat_jabatan": rj}
    return tables, truth


if __name__ == "__main__":  # pragma: no cover - manual use: write the tables as CSV
    import json
    import sys
    from pathlib import Path

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "independent_history_out")
    out.mkdir(parents=True, exist_ok=True)
    tabs, tr = make_history()
    for name, frame in tabs.items():
        frame.to_csv(out / f"{name}.csv", index=False, date_format="%Y-%m-%d")
    print(json.dumps(tr["promotions_by_quarter"], indent=1))
