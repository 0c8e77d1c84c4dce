"""BKN SIASN's codes as data, each table with its source, and the small functions that read them.

SIASN (the "Export Data ASN" file and the web services `data-utama`, `rw-jabatan`, `rw-skp22`, `rw-skp`) carries
ids where our contract (DESIGN §3) carries names: golongan 11–45, tingkat pendidikan 05–50, eselon 10–99,
jenis jabatan 1–4, kuadran kinerja 1–5, jenis penugasan D/PLT/PLH/PJ/TT, sex M/F. Every function here takes a
Series of raw cells and returns our value, NA where the cell is empty **or** unknown; `unknown(raw, mapped)` tells
the two apart, so a caller can count the values it could not map. Nothing here reads files.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from merit_lib.domain import contract as C
from merit_lib.domain import rules as R

#: where each table comes from (BKN's reference lists as public SIASN clients ship them, or our rule)
SOURCES: dict[str, str] = {
    "golongan": "BKN referensi golonganPns (ws-siasn-php src/Data/Referensi/golonganPns): 11–14 I/a–I/d, "
                "21–24 II/a–II/d, 31–34 III/a–III/d, 41–45 IV/a–IV/e",
    "golongan_pppk": "Perpres 98/2020 (gaji dan tunjangan PPPK: golongan I–XVII): names kept as they come, no id table",
    "pendidikan": "BKN tingkat pendidikan (kanekescom/laravel-siasn-simpeg, taufiqurrohmansuwarto/rumahASN docs/siasn): "
                  "05 SD, 10/12 SLTP, 15/17/18 SLTA, 20 D-I, 25 D-II, 30 D-III, 35 D-IV, 40 S-1, 45 S-2, 50 S-3",
    "eselon": "BKN referensi eselon (ws-siasn-php src/Data/Referensi/eselon): 10 I.a JPT Utama, 11 I.a / 12 I.b JPT Madya, "
              "21/22 II.a/II.b JPT Pratama, 31/32 III.a/III.b Administrator, 41/42 IV.a/IV.b Pengawas, 51/52 V.a/V.b, "
              "99 NON",
    "jenis_jabatan": "BKN referensi jenisJabatan: 1 Struktural, 2 Fungsional Tertentu, 3 Rangkap (Struktural dan "
                     "Fungsional), 4 Fungsional Umum (= Pelaksana, PermenPANRB 41/2018)",
    "level": "UU 5/2014 Pasal 131 (eselon I.a/I.b = JPT Utama/Madya, II = JPT Pratama, III = Administrator, IV = "
             "Pengawas); jenisJabatan 2 = Fungsional, 4 = Pelaksana",
    "kuadran": "PermenPANRB 6/2022; BKN referensi kuadranNilai: 1 SANGAT BAIK, 2 BAIK, 3 BUTUH PERBAIKAN, 4 KURANG, "
               "5 SANGAT KURANG",
    "rating": "PermenPANRB 6/2022; BKN referensi perilakuDanKinerja: 1 DIATAS ESPEKTASI, 2 SESUAI ESPEKTASI, "
              "3 DIBAWAH ESPEKTASI (BKN's spelling)",
    "skp_lama": "PP 46/2011 (nilai prestasi kerja): 91–100 Sangat Baik, 76–90 Baik, 61–75 Cukup, 51–60 Kurang, "
                "≤ 50 Buruk; DESIGN §4 maps Cukup → Butuh Perbaikan, Buruk → Sangat Kurang",
    "penugasan": "BKN referensi jenisPenugasan: D Definitif, PLT Pelaksana Tugas, PLH Pelaksana Harian, PJ Pejabat Non "
                 "Definitif, TT Tugas Tambahan",
    "jenis_kelamin": "SIASN data-utama `jenisKelamin` and export `jenis_kelamin`: M / F (NIP digit 15: 1 = M, 2 = F)",
    "status": "export `status_cpns_pns` P = PNS, C = CPNS; `kedudukan_hukum_id` 71/72 = PPPK (one BKD's app, not in BKN's "
              "kedudukanHukum list: unverified); data-utama `kedudukanPnsNama`/`statusPegawai` containing 'PPPK'",
    "cpns": "our rule: a CPNS (status_cpns_pns C) is counted as PNS — they hold a NIP and a position and are assessed; "
            "the mapping report counts them",
    "mutasi": "our rule (siasn.md: rw-jabatan has no promosi/rotasi field): a person's definitive positions sorted by "
              "tmtJabatan, compared by level (rules.LEVEL_RANK)",
}

# --------------------------------------------------------------------------- the tables

#: golongan PNS id → name (BKN golonganPns)
GOLONGAN: dict[str, str] = {f"{r}{i + 1}": g for r, (roman, subs) in
                            zip("1234", (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde")))
                            for i, g in enumerate(f"{roman}/{s}" for s in subs)}
#: tingkat pendidikan id → contract pendidikan
PENDIDIKAN: dict[str, str] = {"05": "SD", "10": "SMP", "12": "SMP", "15": "SMA", "17": "SMA", "18": "SMA",
                              "20": "D1", "25": "D2", "30": "D3", "35": "D4", "40": "S1", "45": "S2", "50": "S3"}
#: tingkat pendidikan name (any case, spaces and punctuation ignored) → contract pendidikan
PENDIDIKAN_NAMA: dict[str, str] = {
    "SD": "SD", "SEKOLAHDASAR": "SD", "SLTP": "SMP", "SMP": "SMP", "SLTPKEJURUAN": "SMP", "SLTA": "SMA", "SMA": "SMA",
    "SMK": "SMA", "SLTAKEJURUAN": "SMA", "SLTAKEGURUAN": "SMA", "DI": "D1", "D1": "D1", "DII": "D2", "D2": "D2",
    "DIII": "D3", "D3": "D3", "DIV": "D4", "D4": "D4", "S1": "S1", "S2": "S2", "S3": "S3",
    "DIPLOMAI": "D1", "DIPLOMAII": "D2", "DIPLOMAIII": "D3", "DIPLOMAIV": "D4",
}
#: eselon id → contract eselon (only II–IV are in the contract)
ESELON: dict[str, str] = {"21": "II.a", "22": "II.b", "31": "III.a", "32": "III.b", "41": "IV.a", "42": "IV.b"}
#: eselon ids BKN knows that our contract has no place for (JPT Utama/Madya sit in ministries, eselon V in a few units)
ESELON_OUTSIDE: dict[str, str] = {"10": "I.a (JPT Utama)", "11": "I.a (JPT Madya)", "12": "I.b (JPT Madya)",
                                  "51": "V.a", "52": "V.b"}
#: eselon ids (and names) meaning "no eselon"
ESELON_NONE: frozenset[str] = frozenset({"99", "00", "0", "NON", "NONESELON"})
#: jenis jabatan id → name
JENIS_JABATAN: dict[str, str] = {"1": "Struktural", "2": "Fungsional Tertentu", "3": "Rangkap", "4": "Fungsional Umum"}
#: jenis jabatan name (normalised; a field that holds the id instead is read too) → id
JENIS_JABATAN_NAMA: dict[str, str] = {"1": "1", "2": "2", "3": "3", "4": "4", "STRUKTURAL": "1", "JABATANSTRUKTURAL": "1",
                                      "FUNGSIONALTERTENTU": "2", "JABATANFUNGSIONALTERTENTU": "2", "FUNGSIONAL": "2",
                                      "RANGKAP": "3",
                                      "FUNGSIONALUMUM": "4", "JABATANFUNGSIONALUMUM": "4", "PELAKSANA": "4"}
#: level of a non-structural jenis jabatan (1 Struktural and 3 Rangkap take theirs from the eselon)
LEVEL_OF_JENIS: dict[str, str] = {"2": "Fungsional", "4": "Pelaksana"}
#: eselon family → level
LEVEL_OF_ESELON: dict[str, str] = {"II": "JPT Pratama", "III": "Administrator", "IV": "Pengawas"}
#: the eselon a level's post carries when nothing else tells (the lower of the two)
DEFAULT_ESELON: dict[str, str] = {"JPT Pratama": "II.b", "Administrator": "III.b", "Pengawas": "IV.b"}
#: kuadran kinerja code and name (normalised) → contract predikat
KUADRAN: dict[str, str] = {"1": "Sangat Baik", "2": "Baik", "3": "Butuh Perbaikan", "4": "Kurang", "5": "Sangat Kurang"}
KUADRAN_NAMA: dict[str, str] = {"SANGATBAIK": "Sangat Baik", "BAIK": "Baik", "BUTUHPERBAIKAN": "Butuh Perbaikan",
                                "KURANG": "Kurang", "KURANGMISCONDUCT": "Kurang", "MISCONDUCT": "Kurang",
                                "SANGATKURANG": "Sangat Kurang"}
#: rating hasil kerja / perilaku kerja code and name (normalised, ESPEKTASI read as EKSPEKTASI) → rules.SKP_MATRIX term
RATING: dict[str, str] = {"1": "di atas", "2": "sesuai", "3": "di bawah"}
RATING_NAMA: dict[str, str] = {"DIATASEKSPEKTASI": "di atas", "SESUAIEKSPEKTASI": "sesuai",
                               "DIBAWAHEKSPEKTASI": "di bawah"}
#: PP 46/2011 band upper bounds (inclusive) → (old name, contract predikat); anything above 90 up to 120 is Sangat Baik
SKP_LAMA: tuple[tuple[float, str, str], ...] = ((50, "Buruk", "Sangat Kurang"), (60, "Kurang", "Kurang"),
                                                (75, "Cukup", "Butuh Perbaikan"), (90, "Baik", "Baik"),
                                                (120, "Sangat Baik", "Sangat Baik"))
#: jenis penugasan code → name; only D is an appointment
PENUGASAN: dict[str, str] = {"D": "Definitif", "PLT": "Pelaksana Tugas", "PLH": "Pelaksana Harian",
                             "PJ": "Pejabat Non Definitif", "TT": "Tugas Tambahan"}
PENUGASAN_NAMA: dict[str, str] = {"DEFINITIF": "D", "PELAKSANATUGAS": "PLT", "PELAKSANATUGASPLT": "PLT",
                                  "PELAKSANAHARIAN": "PLH", "PELAKSANAHARIANPLH": "PLH", "PEJABATNONDEFINITIF": "PJ",
                                  "PEJABATNONDEFINITIFPJ": "PJ", "PENJABAT": "PJ", "TUGASTAMBAHAN": "TT"}
DEFINITIVE = "D"
ACTING: frozenset[str] = frozenset({"PLT", "PLH", "PJ", "TT"})
#: sex as SIASN writes it → contract jenis_kelamin
JENIS_KELAMIN: dict[str, str] = {"M": "L", "F": "P", "L": "L", "P": "P", "LAKILAKI": "L", "PEREMPUAN": "P",
                                 "PRIA": "L", "WANITA": "P"}
#: status_cpns_pns → contract status (a CPNS counts as PNS: SOURCES["cpns"])
STATUS_CPNS_PNS: dict[str, str] = {"P": "PNS", "C": "PNS", "PNS": "PNS", "CPNS": "PNS"}
CPNS: frozenset[str] = frozenset({"C", "CPNS"})
#: kedudukan hukum ids of PPPK (SOURCES["status"]: unverified)
KEDUDUKAN_PPPK: frozenset[str] = frozenset({"71", "72"})

#: how a move between two definitive positions is named, by level rank (rules.LEVEL_RANK) and OPD
MOVES: tuple[tuple[str, str], ...] = (
    ("first definitive position", "pengangkatan"),
    ("level rank up (non-structural → Pengawas included)", "promosi"),
    ("level rank down", "demosi"),
    ("same level, same OPD", "rotasi"),
    ("same level, other OPD", "mutasi"),
)


# --------------------------------------------------------------------------- reading cells

def clean(raw: pd.Series) -> pd.Series:
    """Cells as SIASN writes them → text: a leading `'` dropped, spaces trimmed, `null`/`None`/empty → NA."""
    s = pd.Series(raw, dtype="object").map(lambda v: v if v is None or isinstance(v, str) else _plain(v))
    s = s.astype("string").str.strip().str.removeprefix("'").str.strip()
    return s.mask(s.str.lower().isin(["", "null", "none", "nan", "nat"]).fillna(True))


def clean_one(v: object) -> str | None:
    """One cell as `clean` reads it (for a value outside a Series)."""
    v = _plain(v) if v is not None and not isinstance(v, str) else v
    if v is None:
        return None
    v = v.strip().removeprefix("'").strip()
    return None if v.lower() in ("", "null", "none", "nan", "nat") else v


def _plain(v: object) -> object:
    """A non-text cell as text: 33.0 → '33' (ids read from a spreadsheet as numbers), NaN → None."""
    if isinstance(v, float):
        return None if np.isnan(v) else (str(int(v)) if v.is_integer() else str(v))
    return None if v is pd.NA else str(v)


#: how SIASN writes a date, and the other shapes a BKD's file may hold
DATE_FORMAT = "%d-%m-%Y"
DATE_FORMATS: tuple[str, ...] = (DATE_FORMAT, "%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
                                 "%d-%m-%Y %H:%M:%S")


def dates(raw: pd.Series) -> pd.Series:
    """Dates as SIASN writes them (`dd-mm-yyyy`; also ISO and `dd/mm/yyyy`) → datetime; NaT for empty, impossible
    or placeholder dates (`01-01-0001`: a year outside 1900–2100)."""
    s = clean(raw)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    for fmt in DATE_FORMATS:
        todo = out.isna() & s.notna()
        if not todo.any():
            break
        parsed = pd.to_datetime(s[todo], format=fmt, errors="coerce")
        out[todo] = parsed.where(parsed.dt.year.between(1900, 2100)).astype("datetime64[ns]")
    return out


def code_key(raw: pd.Series, width: int = 0) -> pd.Series:
    """Ids as comparable text: cleaned, upper case, digits zero-padded to `width` (`5` → `05`)."""
    s = clean(raw).str.upper()
    if width:
        digits = s.str.fullmatch(r"\d+").fillna(False).astype(bool)
        s = s.where(~digits, s.str.zfill(width))
    return s


def name_key(raw: pd.Series) -> pd.Series:
    """Names as comparable keys: upper case, letters and digits only, BKN's ESPEKTASI read as EKSPEKTASI."""
    s = clean(raw).str.upper().str.replace(r"[^0-9A-Z]", "", regex=True)
    return s.str.replace("ESPEKTASI", "EKSPEKTASI", regex=False).mask(lambda x: x == "")


def unknown(raw: pd.Series, mapped: pd.Series) -> pd.Series:
    """True where a cell holds something that did not map (empty cells are not unknown)."""
    return (clean(raw).notna() & pd.Series(mapped, index=raw.index).isna()).astype(bool)


def _by_code_then_name(code: pd.Series | None, name: pd.Series | None, codes: dict[str, str],
                       names: dict[str, str], width: int = 0) -> pd.Series:
    out = pd.Series(pd.NA, index=(code if code is not None else name).index, dtype="string")
    if code is not None:
        out = code_key(code, width).map(codes).astype("string")
    if name is not None:
        out = out.fillna(name_key(name).map(names).astype("string"))
    return out


# --------------------------------------------------------------------------- the mappings

def golongan(code: pd.Series | None = None, name: pd.Series | None = None) -> pd.Series:
    """Golongan id (11–45) or name (`III/c`, `III/C`, `III c`, PPPK `IX`) → contract golongan."""
    by_name = {re.sub(r"[^0-9A-Z]", "", g.upper()): g for g in C.GOLONGAN_PNS + C.GOLONGAN_PPPK}
    return _by_code_then_name(code, name, GOLONGAN, by_name, width=2)


def pendidikan(code: pd.Series | None = None, name: pd.Series | None = None) -> pd.Series:
    """Tingkat pendidikan id (`05`, `5`, `40`) or name (`S-1`, `D-III`, `SLTA`) → contract pendidikan."""
    return _by_code_then_name(code, name, PENDIDIKAN, PENDIDIKAN_NAMA, width=2)


def eselon(code: pd.Series | None = None, name: pd.Series | None = None) -> pd.Series:
    """Eselon id (21–42) or name (`III.a`, `IIIa`, `III/A`) → contract eselon; NA for none (99), I, V and unknown."""
    by_name = {re.sub(r"[^0-9A-Z]", "", e.upper()): e for e in C.ESELON}
    return _by_code_then_name(code, name, ESELON, by_name, width=2)


def eselon_kind(code: pd.Series) -> pd.Series:
    """What an eselon id is: `eselon` (II–IV), `none` (99, empty), `outside` (I, V) or `unknown`."""
    k = code_key(code, 2)
    kind = np.select([k.isna(), k.isin(list(ESELON_NONE)).fillna(False), k.isin(list(ESELON)).fillna(False),
                      k.isin(list(ESELON_OUTSIDE)).fillna(False)], ["none", "none", "eselon", "outside"], "unknown")
    return pd.Series(kind, index=code.index, dtype="string")


def jenis_jabatan(code: pd.Series | None = None, name: pd.Series | None = None) -> pd.Series:
    """Jenis jabatan id (1–4) or name (`Jabatan Fungsional Umum`) → id as text ('1'…'4')."""
    return _by_code_then_name(code, name, {k: k for k in JENIS_JABATAN}, JENIS_JABATAN_NAMA)


def level(jenis: pd.Series, esl: pd.Series) -> pd.Series:
    """Jenis jabatan id + contract eselon → contract jenis_jabatan (the level).

    1 Struktural: eselon II → JPT Pratama, III → Administrator, IV → Pengawas (NA without a contract eselon);
    2 Fungsional Tertentu → Fungsional; 4 Fungsional Umum → Pelaksana; 3 Rangkap → its eselon's level, else
    Fungsional. Unknown ids → NA.
    """
    j = clean(jenis)
    by_eselon = pd.Series(esl, index=jenis.index).astype("string").str.split(".").str[0].map(LEVEL_OF_ESELON)
    out = j.map(LEVEL_OF_JENIS).astype("string")
    structural = (j == "1").fillna(False)
    out[structural] = by_eselon[structural]
    rangkap = (j == "3").fillna(False)
    out[rangkap] = by_eselon[rangkap].fillna("Fungsional")
    return out


def kuadran(code: pd.Series | None = None, name: pd.Series | None = None) -> pd.Series:
    """Kuadran kinerja code (1–5) or name in any case (`SANGAT BAIK`, `Butuh perbaikan`) → contract predikat."""
    return _by_code_then_name(code, name, KUADRAN, KUADRAN_NAMA)


def rating(code: pd.Series | None = None, name: pd.Series | None = None) -> pd.Series:
    """Rating hasil/perilaku kerja code (1–3) or name (`DIATAS ESPEKTASI`, `Di atas ekspektasi`) → SKP_MATRIX term."""
    return _by_code_then_name(code, name, RATING, RATING_NAMA)


def predikat_from_ratings(hasil: pd.Series, perilaku: pd.Series) -> pd.Series:
    """(rating hasil kerja, rating perilaku kerja) → predikat by PermenPANRB 6/2022 (rules.SKP_MATRIX)."""
    pairs = pd.Series(list(zip(hasil.astype(object), perilaku.astype(object))), index=hasil.index, dtype="object")
    return pairs.map(R.SKP_MATRIX).astype("string")


def predikat_from_nilai(nilai: pd.Series) -> pd.Series:
    """Old numeric SKP (PP 46/2011, 0–120) → contract predikat by SKP_LAMA; NA outside 0–120 or empty."""
    x = pd.to_numeric(pd.Series(nilai).astype("string").str.replace(",", ".", regex=False), errors="coerce")
    out = pd.Series(pd.NA, index=x.index, dtype="string")
    for top, _old, new in reversed(SKP_LAMA):
        out[(x <= top).fillna(False)] = new
    return out.mask(~x.between(0, 120).fillna(False).astype(bool))


def penugasan(code: pd.Series | None = None, name: pd.Series | None = None) -> pd.Series:
    """Jenis penugasan code or name → D / PLT / PLH / PJ / TT."""
    return _by_code_then_name(code, name, {k: k for k in PENUGASAN}, PENUGASAN_NAMA)


def jenis_kelamin(raw: pd.Series) -> pd.Series:
    """M / F (also L / P, Laki-laki / Perempuan) → contract L / P."""
    return name_key(raw).map(JENIS_KELAMIN).astype("string")


def status(cpns_pns: pd.Series | None = None, kedudukan_id: pd.Series | None = None,
           text: pd.Series | None = None) -> pd.Series:
    """Employment status: PPPK where kedudukan hukum is 71/72 or a status text says PPPK; else PNS from
    status_cpns_pns (P, and C by our rule) or a status text saying PNS/CPNS; NA when nothing tells."""
    index = next(s.index for s in (cpns_pns, kedudukan_id, text) if s is not None)
    out = pd.Series(pd.NA, index=index, dtype="string")
    if cpns_pns is not None:
        out = code_key(cpns_pns).map(STATUS_CPNS_PNS).astype("string")
    if text is not None:
        words = clean(text).str.upper()
        out = out.fillna(pd.Series(np.where(words.str.contains(r"\bC?PNS\b").fillna(False), "PNS", None),
                                   index=index, dtype="string"))
        out[words.str.contains("PPPK").fillna(False).astype(bool)] = "PPPK"
    if kedudukan_id is not None:
        out[code_key(kedudukan_id, 2).isin(list(KEDUDUKAN_PPPK)).fillna(False).astype(bool)] = "PPPK"
    return out


def is_cpns(cpns_pns: pd.Series | None = None, text: pd.Series | None = None) -> pd.Series:
    """True for a CPNS (status_cpns_pns C, or a status text saying CPNS)."""
    index = next(s.index for s in (cpns_pns, text) if s is not None)
    out = pd.Series(False, index=index)
    if cpns_pns is not None:
        out |= code_key(cpns_pns).isin(list(CPNS)).fillna(False).astype(bool)
    if text is not None:
        out |= clean(text).str.upper().str.contains(r"\bCPNS\b").fillna(False).astype(bool)
    return out


def classify_moves(level_lama: pd.Series, opd_lama: pd.Series, level_baru: pd.Series, opd_baru: pd.Series
                   ) -> pd.Series:
    """Name each move between two DEFINITIVE positions (MOVES): no previous position = pengangkatan; level rank
    up = promosi, down = demosi; same level in the same OPD = rotasi, in another OPD = mutasi. Eselon a/b inside
    one level (IV.b → IV.a, II.b → II.a) is the same level. Unknown levels → NA."""
    old = pd.Series(level_lama).astype(object).map(R.LEVEL_RANK).astype(float)
    new = pd.Series(level_baru).astype(object).map(R.LEVEL_RANK).astype(float)
    first = pd.Series(level_lama).isna().to_numpy()
    same_opd = (pd.Series(opd_lama).astype("string") == pd.Series(opd_baru).astype("string")).fillna(False).to_numpy()
    kind = np.select([first, new > old, new < old, (new == old) & same_opd, new == old],
                     ["pengangkatan", "promosi", "demosi", "rotasi", "mutasi"], default="")
    out = pd.Series(kind, index=pd.Series(level_baru).index, dtype="string")
    return out.mask((out == "") | pd.Series(np.isnan(new), index=out.index))
