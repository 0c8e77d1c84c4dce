"""Regulatory tables as data, each with its source (DESIGN §4), and the named promotion checks.

Every promotion requirement is a separate check returning `lulus` (pass), `gagal` (fail) or
`tidak diketahui` (unknown: the data to tell are missing), so a report can say which one a person
fails and how many cannot be judged.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from merit_lib.domain import contract as C

PASS, FAIL, UNKNOWN = "lulus", "gagal", "tidak diketahui"

SOURCES = {
    "eselon_golongan": "PP 100/2000 jo. PP 13/2002 (pengangkatan PNS dalam jabatan struktural)",
    "skp": "PermenPANRB 6/2022 (predikat kinerja); PP 46/2011 (nilai SKP lama)",
    "competency": "PermenPANRB 38/2017 (standar kompetensi jabatan ASN)",
    "jpm": "praktik asesmen BKN (Job Person Match)",
    "nine_box": "PermenPANRB 3/2020 (manajemen talenta ASN)",
    "promotion": "PP 11/2017 jo. PP 17/2020 (manajemen PNS)",
    "jf_equivalence": "PP 11/2017 jo. PP 17/2020 (syarat: jabatan di bawahnya 'atau jabatan fungsional yang setingkat'); "
                      "PermenPANRB 28/2019 (penyetaraan: Administrator = JF Ahli Madya, Pengawas = JF Ahli Muda, "
                      "Pelaksana = JF Ahli Pertama/keterampilan)",
    "status": "UU 5/2014 Pasal 94 jo. PP 49/2018 Pasal 4–5 (PPPK mengisi JF dan JPT tertentu, bukan jabatan "
              "administrasi); UU 20/2023 belum mengubahnya dalam peraturan pelaksana",
    "risk_set": "PP 11/2017 jo. PP 17/2020 (setiap promosi mensyaratkan paling singkat 2 tahun di jabatan di bawahnya): "
                "yang naik jenjang kurang dari setahun sebelum triwulan dimulai tidak dapat dipromosikan lagi di triwulan itu",
}

#: a person promoted into their level less than this many years before a quarter starts is not at risk in it (the
#: shortest time in the lower level any promotion requires is 2 years, SOURCES["risk_set"])
MIN_YEARS_IN_LEVEL = 1.0

#: eselon → (lowest, highest) golongan (PP 100/2000 jo. PP 13/2002)
ESELON_GOLONGAN: dict[str, tuple[str, str]] = {
    "II.a": ("IV/c", "IV/d"), "II.b": ("IV/b", "IV/c"), "III.a": ("IV/a", "IV/b"),
    "III.b": ("III/d", "IV/a"), "IV.a": ("III/c", "III/d"), "IV.b": ("III/b", "III/c"),
}

#: age bands of the audit (years at the period start) and their labels; a parameter of the audit
AGE_BANDS: tuple[float, ...] = (0, 30, 40, 50, 200)
AGE_LABELS: tuple[str, ...] = ("< 30", "30–39", "40–49", "≥ 50")

#: Pelaksana and Fungsional as one level, where the data cannot tell them apart (a promotion into Pengawas with no
#: eselon_lama and no earlier history came from one of them)
NONSTRUCTURAL = "Pelaksana/Fungsional"
#: position level ordinal; Fungsional sits with Pelaksana as the level below Pengawas
LEVEL_RANK: dict[str, int] = {"Pelaksana": 0, "Fungsional": 0, NONSTRUCTURAL: 0, "Pengawas": 1, "Administrator": 2,
                              "JPT Pratama": 3}
TARGET: dict[str, str] = {"Pelaksana": "Pengawas", "Fungsional": "Pengawas", NONSTRUCTURAL: "Pengawas",
                          "Pengawas": "Administrator",
                          "Administrator": "JPT Pratama"}

#: JF jenjang → the structural level it is equivalent to (PermenPANRB 28/2019; PP 11/2017's "JF yang setingkat"): a
#: Fungsional aims at the level above its equivalent (Ahli Madya → JPT Pratama, Ahli Muda → Administrator, the rest →
#: Pengawas); a Fungsional whose jenjang the data do not say aims at Pengawas, as before
JF_EQUIVALENT: dict[str, str] = {"Ahli Utama": "JPT Pratama", "Ahli Madya": "Administrator", "Ahli Muda": "Pengawas",
                                 "Ahli Pertama": "Pelaksana", "Penyelia": "Pelaksana", "Mahir": "Pelaksana",
                                 "Terampil": "Pelaksana", "Pemula": "Pelaksana"}

#: JF jenjang order (PP 11/2017: keterampilan pemula < terampil < mahir < penyelia; keahlian ahli pertama < muda < madya
#: < utama); across the two categories (our rule) Penyelia and Ahli Pertama are level, so a move between them is no rise
JF_JENJANG_RANK: dict[str, int] = {"Pemula": 1, "Terampil": 2, "Mahir": 3, "Penyelia": 4, "Ahli Pertama": 4,
                                   "Ahli Muda": 5, "Ahli Madya": 6, "Ahli Utama": 7}

#: employment status → the target levels it cannot hold (UU 5/2014 Pasal 94 jo. PP 49/2018: PPPK hold JF and certain JPT
#: posts, never an administrative one; JPT Pratama is not among the JPT open to PPPK)
STATUS_EXCLUDED: dict[str, tuple[str, ...]] = {"PPPK": ("Pengawas", "Administrator", "JPT Pratama")}

#: checks that decide who is at risk at all: a person failing one cannot be promoted to the target, so the fairness audit
#: leaves them outside its at-risk set (counted, never compared); the other checks are requirements a promotion meets
ELIGIBILITY_RULES: tuple[str, ...] = ("cek_status",)

#: audited attribute → controls that are a mechanical function of it (left out of that attribute's adjusted model):
#: masa kerja = usia − usia pengangkatan
MECHANICAL_PROXIES: dict[str, tuple[str, ...]] = {"kelompok_usia": ("masa_kerja", "usia", "tahun_lahir")}
#: audited attribute → the numeric column it is cut from (a control's |r| with it decides whether it is a proxy)
DERIVED_FROM: dict[str, str] = {"kelompok_usia": "usia"}

#: required competency level per position (PermenPANRB 38/2017; a parameter)
REQUIRED_COMPETENCY: dict[str, float] = {"JPT Pratama": 4, "Administrator": 3, "Pengawas": 2, "Pelaksana": 1, "Fungsional": 1,
                                         NONSTRUCTURAL: 1}

#: JPM categories (BKN practice): lower bounds in percent
JPM_CATEGORIES: tuple[tuple[str, float], ...] = (("Optimal", 90), ("Cukup Optimal", 78), ("Kurang Optimal", 0))

#: how `cek_kompetensi` reads the assessment: `each` — every one of the 9 competencies at least the target's level
#: (PermenPANRB 38/2017: the standard is per competency; the default); `jpm` — JPM at least `JPM_MIN_SELECTION` percent
#: (BKN selection practice: Memenuhi Syarat ≥ 80 %, Masih Memenuhi Syarat 68 % to < 80 %, Kurang Memenuhi Syarat
#: < 68 %; "Masih Memenuhi Syarat" or better passes), the documented alternative; `mean` — the mean of the
#: levels (the old rule: it lets a competency below the level pass, kept only to compare)
COMPETENCY_RULES: tuple[str, ...] = ("each", "jpm", "mean")
JPM_MIN_SELECTION: float = 68.0

#: SKP predikat → performance level on the 9-box axis (2 di atas, 1 sesuai, 0 di bawah ekspektasi)
SKP_LEVEL: dict[str, int] = {"Sangat Baik": 2, "Baik": 1, "Butuh Perbaikan": 0, "Kurang": 0, "Sangat Kurang": 0}
#: PermenPANRB 6/2022: (rating hasil kerja, rating perilaku kerja) → predikat
SKP_MATRIX: dict[tuple[str, str], str] = {
    ("di atas", "di bawah"): "Kurang", ("di atas", "sesuai"): "Baik", ("di atas", "di atas"): "Sangat Baik",
    ("sesuai", "di bawah"): "Kurang", ("sesuai", "sesuai"): "Baik", ("sesuai", "di atas"): "Baik",
    ("di bawah", "di bawah"): "Sangat Kurang", ("di bawah", "sesuai"): "Butuh Perbaikan",
    ("di bawah", "di atas"): "Butuh Perbaikan",
}

#: 9-box (PermenPANRB 3/2020): (kinerja level, potential level) → box; 0 = rendah/di bawah
NINE_BOX: dict[tuple[int, int], int] = {
    (2, 0): 4, (2, 1): 7, (2, 2): 9,
    (1, 0): 2, (1, 1): 5, (1, 2): 8,
    (0, 0): 1, (0, 1): 3, (0, 2): 6,
}
TALENT_POOL: frozenset[int] = frozenset({7, 8, 9})
BOX_ACTIONS: dict[int, str] = {
    9: "dipromosikan dan dipertahankan; masuk kelompok rencana suksesi; penghargaan",
    8: "dipertahankan; rencana suksesi; rotasi/perluasan jabatan; bimbingan kinerja",
    7: "dipertahankan; rencana suksesi; rotasi/pengayaan jabatan; pengembangan kompetensi",
    6: "penempatan yang sesuai; bimbingan kinerja; konseling",
    5: "penempatan yang sesuai; bimbingan kinerja; pengembangan kompetensi",
    4: "rotasi; pengembangan kompetensi",
    3: "bimbingan kinerja; konseling; pengembangan kompetensi; penempatan yang sesuai",
    2: "bimbingan kinerja; pengembangan kompetensi; penempatan yang sesuai",
    1: "diproses sesuai ketentuan peraturan perundang-undangan",
}

#: promotion requirements per target level (PP 11/2017 jo. PP 17/2020)
REQUIREMENTS: dict[str, dict[str, object]] = {
    "JPT Pratama": {"pendidikan_min": "S1", "from": ("Administrator", "Fungsional Ahli Madya"), "tahun_min": 2,
                    "masa_kerja_min": 5, "usia_max": 56, "kompetensi": 4, "eselon": "II.b"},
    "Administrator": {"pendidikan_min": "S1", "from": ("Pengawas", "Fungsional Ahli Muda"), "tahun_min": 3,
                      "masa_kerja_min": None, "usia_max": None, "kompetensi": 3, "eselon": "III.b"},
    "Pengawas": {"pendidikan_min": "D3", "from": ("Pelaksana", "Fungsional Ahli Pertama/keterampilan"), "tahun_min": 4,
                 "masa_kerja_min": None, "usia_max": None, "kompetensi": 2, "eselon": "IV.b"},
}
CHECKS: tuple[str, ...] = ("cek_status", "cek_pendidikan", "cek_masa_jabatan", "cek_skp", "cek_kompetensi", "cek_golongan",
                           "cek_usia")
#: the source of each named check
CHECK_SOURCES: dict[str, str] = {"cek_status": SOURCES["status"], "cek_pendidikan": SOURCES["promotion"],
                                 "cek_masa_jabatan": SOURCES["promotion"] + "; " + SOURCES["jf_equivalence"],
                                 "cek_skp": SOURCES["promotion"] + "; " + SOURCES["skp"],
                                 "cek_kompetensi": SOURCES["promotion"] + "; " + SOURCES["competency"],
                                 "cek_golongan": SOURCES["eselon_golongan"], "cek_usia": SOURCES["promotion"]}
CHECK_LABELS: dict[str, dict[str, str]] = {
    "cek_status": {"id": "status kepegawaian dapat menduduki jabatan tujuan (PPPK tidak dapat menduduki jabatan "
                         "struktural)",
                   "en": "employment status can hold the target post (PPPK cannot hold a structural post)"},
    "cek_pendidikan": {"id": "pendidikan minimal", "en": "minimum education"},
    "cek_masa_jabatan": {"id": "lama dalam jabatan di bawahnya", "en": "time in the lower level"},
    "cek_skp": {"id": "SKP minimal Baik 2 tahun terakhir", "en": "SKP at least Baik, last 2 years"},
    "cek_kompetensi": {"id": "level setiap kompetensi", "en": "level of every competency"},
    "cek_golongan": {"id": "golongan minimal eselon tujuan", "en": "minimum golongan of target eselon"},
    "cek_usia": {"id": "usia maksimal 56 (JPT)", "en": "age at most 56 (JPT)"},
}

EDU_RANK: dict[str, int] = {e: i for i, e in enumerate(C.PENDIDIKAN)}
# D-IV counts as S1 for the education requirement
_EDU_EQUIV = {"D4": EDU_RANK["S1"]}


_GOL_RANK: dict[str, float] = {**{g: float(min(i, len(C.GOLONGAN_PNS) - 1)) for i, g in enumerate(C.GOLONGAN_PPPK)},
                                **{g: float(i) for i, g in enumerate(C.GOLONGAN_PNS)}}


def golongan_rank(golongan: pd.Series) -> pd.Series:
    """Golongan as an ordinal 0–16 (I/a … IV/e); PPPK I–XVII map to the PNS rung of equal entry (IX ≈ III/a)."""
    return pd.Series(golongan, dtype="object").map(_GOL_RANK).astype(float)


def jpm_category(jpm: pd.Series, table: tuple[tuple[str, float], ...] = JPM_CATEGORIES) -> pd.Series:
    """JPM percent → category (Optimal ≥ 90, Cukup Optimal 78–< 90, Kurang Optimal < 78 by default)."""
    out = pd.Series(pd.NA, index=jpm.index, dtype="string")
    for name, lo in reversed(table):
        out[jpm >= lo] = name
    return out


def requirements_table(required_competency: dict[str, float] | None = None) -> pd.DataFrame:
    """REQUIREMENTS as numbers, one row per target level (education and golongan as ranks)."""
    comp = {**REQUIRED_COMPETENCY, **(required_competency or {})}
    rows = {t: {"pendidikan_min": float(EDU_RANK[r["pendidikan_min"]]), "tahun_min": r["tahun_min"],
                "masa_kerja_min": r["masa_kerja_min"], "usia_max": r["usia_max"], "kompetensi": comp[t],
                "golongan_min": _GOL_RANK[ESELON_GOLONGAN[r["eselon"]][0]]}
            for t, r in REQUIREMENTS.items()}
    return pd.DataFrame.from_dict(rows, orient="index").astype(float)


def _status(ok: pd.Series, known: pd.Series) -> pd.Series:
    """`lulus` where known and ok, `gagal` where known and not, `tidak diketahui` elsewhere."""
    ok, known = ok.fillna(False).astype(bool), known.fillna(False).astype(bool)
    out = pd.Series(UNKNOWN, index=ok.index, dtype="string")
    out[known & ok] = PASS
    out[known & ~ok] = FAIL
    return out


def is_active(kedudukan: pd.Series) -> pd.Series:
    """True where an ASN is in post: kedudukan hukum `aktif`, or not known (an empty cell, an extract without the
    column); False for every other state of contract.KEDUDUKAN_HUKUM (CLTN, tugas belajar, MPP, BUP, pensiun, …)."""
    s = pd.Series(kedudukan).astype("string")
    return (s.isna() | (s == C.ACTIVE)).fillna(True).astype(bool)


def jf_jenjang(jabatan: pd.Series) -> pd.Series:
    """The JF jenjang named in a position title (`Analis SDM Aparatur Ahli Muda` → `Ahli Muda`); NA when none is."""
    names = sorted(JF_EQUIVALENT, key=len, reverse=True)
    found = jabatan.astype("string").str.extract("(" + "|".join(names) + ")", flags=re.IGNORECASE)[0]
    canonical = {n.lower(): n for n in names}
    return found.str.lower().map(canonical).astype("string")


#: the level above each structural level (what its JF equivalent aims at)
_ABOVE: dict[str, str] = {"Pelaksana": "Pengawas", "Pengawas": "Administrator", "Administrator": "JPT Pratama"}


def target_level(frame: pd.DataFrame) -> pd.Series:
    """The level a person's next promotion aims at: TARGET of `level_awal`; for a Fungsional whose `jenjang_jf` is known,
    the level above its structural equivalent (JF_EQUIVALENT: Ahli Madya → JPT Pratama, Ahli Muda → Administrator;
    Ahli Utama has none in a province). NA: no higher level (JPT) or level unknown."""
    target = frame["level_awal"].astype("string").map(TARGET).astype("string")
    if "jenjang_jf" in frame:
        equivalent = frame["jenjang_jf"].astype("string").map(JF_EQUIVALENT)
        jf = (frame["level_awal"] == "Fungsional").fillna(False).to_numpy(bool) & equivalent.notna().to_numpy(bool)
        target[jf] = equivalent[jf].map(_ABOVE).astype("string")
    return target


def status_check(status: pd.Series, target: pd.Series) -> pd.Series:
    """`cek_status`: whether the employment status can hold the target post (STATUS_EXCLUDED: PPPK no structural post)."""
    excluded = pd.Series([not pd.isna(t) and t in STATUS_EXCLUDED.get(str(s), ()) for s, t in zip(status, target)],
                         index=status.index, dtype=bool)
    return _status(~excluded, status.notna() & target.notna())


def competency_value(frame: pd.DataFrame, rule: str = "each") -> pd.Series:
    """The competency figure `cek_kompetensi` compares with the required level: the lowest of the 9 competencies (`each`;
    `kompetensi_min`, else the one `kompetensi` score, where the frame has no per-competency columns) or their mean."""
    if rule == "mean":
        return frame["kompetensi"].astype(float)
    cols = [c for c in C.COMPETENCIES if c in frame]
    if len(cols) == len(C.COMPETENCIES):
        return frame[cols].astype(float).min(axis=1, skipna=False)
    return frame["kompetensi_min" if "kompetensi_min" in frame else "kompetensi"].astype(float)


def promotion_checks(frame: pd.DataFrame, required_competency: dict[str, float] | None = None,
                     competency_rule: str = "each") -> pd.DataFrame:
    """Each named requirement for a person's next level: `lulus`, `gagal` or `tidak diketahui` (NA: no target, or a check
    that does not apply: golongan for a PPPK, whose status already rules the post out).

    `competency_rule` (COMPETENCY_RULES): `each` competency at least the target's level (default), `jpm` at least
    JPM_MIN_SELECTION percent, or the `mean` of the levels."""
    if competency_rule not in COMPETENCY_RULES:
        raise ValueError(f"competency_rule harus salah satu dari {', '.join(COMPETENCY_RULES)}")
    target = target_level(frame)
    has = target.notna().to_numpy(bool)
    req = requirements_table(required_competency).reindex(target.to_numpy())
    req.index = frame.index

    status = frame["status_kepegawaian"].astype("string") if "status_kepegawaian" in frame else \
        pd.Series(pd.NA, index=frame.index, dtype="string")
    out = pd.DataFrame(index=frame.index)
    out["cek_status"] = status_check(status, target)

    edu = frame["pendidikan"].astype(object).map({**EDU_RANK, **_EDU_EQUIV}).astype(float)
    out["cek_pendidikan"] = _status(edu >= req["pendidikan_min"], edu.notna())

    years_ok = frame["tahun_dalam_jabatan"] >= req["tahun_min"]
    mk_ok = req["masa_kerja_min"].isna() | (frame["masa_kerja"] >= req["masa_kerja_min"])
    out["cek_masa_jabatan"] = _status(years_ok & mk_ok, frame["tahun_dalam_jabatan"].notna())

    lv = frame[["skp_level_1", "skp_level_2"]]
    any_fail = (lv < 1).any(axis=1)
    both = lv.notna().all(axis=1)
    skp = pd.Series(UNKNOWN, index=frame.index, dtype="string")
    skp[both & ~any_fail] = PASS
    skp[any_fail] = FAIL
    out["cek_skp"] = skp

    if competency_rule == "jpm":
        out["cek_kompetensi"] = _status(frame["jpm"] >= JPM_MIN_SELECTION, frame["jpm"].notna())
    else:
        value = competency_value(frame, competency_rule)
        out["cek_kompetensi"] = _status(value >= req["kompetensi"], value.notna())
    pns = status == "PNS"
    out["cek_golongan"] = _status(frame["golongan_ordinal"] >= req["golongan_min"], pns & frame["golongan_ordinal"].notna())
    out.loc[(out["cek_status"] == FAIL).to_numpy(bool), "cek_golongan"] = pd.NA
    age_ok = req["usia_max"].isna() | (frame["usia"] <= req["usia_max"])
    out["cek_usia"] = _status(age_ok, frame["usia"].notna())

    out = out.where(pd.Series(has, index=frame.index), pd.NA)
    checks = out[list(CHECKS)]
    out["memenuhi_syarat"] = (checks == PASS).fillna(False).all(axis=1) & has
    out["syarat_gagal"] = _join_names(checks, FAIL)
    out["syarat_tidak_diketahui"] = _join_names(checks, UNKNOWN)
    return out


def _join_names(status: pd.DataFrame, value: str) -> pd.Series:
    """For each row, the names of the checks with this value, joined by '; ' (vectorized)."""
    parts = [np.where((status[c] == value).fillna(False).to_numpy(bool), c + "; ", "") for c in status.columns]
    joined = pd.Series(np.sum(np.vstack(parts).astype(object), axis=0), index=status.index, dtype="string")
    return joined.str.removesuffix("; ")
