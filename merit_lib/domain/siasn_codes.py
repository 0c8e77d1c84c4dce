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
    "jenis_kelamin": "SIASN data-utama `jenisKelamin` and export `jenis_kelamin`: M / F, also f/m and 1/2 in other "
                     "BKDs' exports (siasn.md; NIP digit 15: 1 = M, 2 = F)",
    "status": "export `status_cpns_pns` P = PNS, C = CPNS; `kedudukan_hukum_id` 71/72 = PPPK (one BKD's app, not in BKN's "
              "kedudukanHukum list: unverified); data-utama `kedudukanPnsNama`/`statusPegawai` containing 'PPPK'",
    "cpns": "our rule: a CPNS (status_cpns_pns C) is counted as PNS — they hold a NIP and a position and are assessed; "
            "the mapping report counts them",
    "mutasi": "our rule (siasn.md: rw-jabatan has no promosi/rotasi field): a person's definitive positions sorted by "
              "tmtJabatan, compared by level (rules.LEVEL_RANK); inside one structural level by kelas jabatan where both "
              "rows give it (PermenPANRB 34/2011: kelas jabatan 1–17), else by eselon a/b (PP 100/2000: III.a above "
              "III.b; siasn.md: a III.b → III.a move is announced as a promotion, as the contract form counts an eselon "
              "rise); inside Fungsional by jenjang (PP 11/2017: pemula < terampil < mahir < penyelia; ahli pertama < "
              "muda < madya < utama) = kenaikan_jenjang, neither promotion nor rotation; a step down inside one level "
              "stays a rotation or mutation (one level in law; demosi is a lower level); JPT Pratama (II.a/II.b) is one "
              "level filled by open selection or rotation among JPT (PermenPANRB 15/2019; DESIGN §7: the 26 Jan 2026 "
              "pelantikan's rotations): a II.b → II.a move is a rotation",
    "penugasan_title": "siasn.md (other BKD and Pemda code): jenisPenugasanId is often empty and the acting post shows "
                       "only in the title (PLT. KEPALA …, Plh. …, Pj. …; Pjs., Penjabat and Tugas Tambahan read too, any "
                       "case and spacing); an empty code falls back to jenisMutasiId where it holds a penugasan code",
    "kedudukan_hukum": "BKN referensi kedudukanHukum (ws-siasn-php src/Data/Referensi/kedudukanHukum: 31 ids, each "
                       "grouped into our codes in KEDUDUKAN_HUKUM_ID); PPPK ids from one BKD's app (siasn.md: "
                       "unverified); the names of client lists (siasn.md) read where the id is unknown",
    "dates": "siasn.md: dd-mm-yyyy (API, export), ISO with time and Z (2020-01-01T00:00:00Z) or an offset, 01-01-0001 "
             "as an empty date, Excel serial day numbers (from 1899-12-30); our rule: a time in UTC (Z) is read in WIB "
             "(UTC+7, Banten) before its date is taken, a time with another offset keeps the date as written",
    "unit_id": "siasn.md: ids mix 32-hex upper case, lower case and dashed UUIDs in one answer: a hex id is compared "
               "upper case without dashes",
    "opd_induk": "siasn.md: data-utama's unorIndukId/unorIndukNama and the export's UNOR INDUK columns name the OPD; a "
                 "head of a dinas may have the Pemda itself as unorInduk: the OPD is then the unit they head",
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
#: the levels inside which a kelas jabatan or eselon a/b rise is a promotion (SOURCES["mutasi"]): JPT Pratama posts
#: (II.a/II.b) are one level filled by open selection or by rotation among JPT, so a II.b → II.a move is a rotation
SUB_RANKED: tuple[str, ...] = ("Administrator", "Pengawas")
#: eselon rank inside and across levels (a above b)
ESELON_RANK: dict[str, int] = {"II.a": 6, "II.b": 5, "III.a": 4, "III.b": 3, "IV.a": 2, "IV.b": 1}
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
                                 "PRIA": "L", "WANITA": "P", "1": "L", "2": "P"}
#: status_cpns_pns → contract status (a CPNS counts as PNS: SOURCES["cpns"])
STATUS_CPNS_PNS: dict[str, str] = {"P": "PNS", "C": "PNS", "PNS": "PNS", "CPNS": "PNS"}
CPNS: frozenset[str] = frozenset({"C", "CPNS"})
#: kedudukan hukum ids of PPPK (SOURCES["status"]: unverified)
KEDUDUKAN_PPPK: frozenset[str] = frozenset({"71", "72"})

#: kedudukan hukum id (BKN kedudukanHukum, SOURCES["kedudukan_hukum"]: 01 Aktif, 02 CLTN, 03 Tugas Belajar,
#: 04 Pemberhentian Sementara, 05 Penerima Uang Tunggu, 06 Prajurit Wajib, 07 Pejabat Negara, 08 Kepala Desa, 09 Sedang dlm
#: Proses Banding BAPEK, 11 Pegawai Titipan, 12 Pengungsi, 13 Perpanjangan CLTN, 14 PNS yang dinyatakan hilang, 15 PNS kena
#: hukuman disiplin, 16 Pemindahan dalam rangka penurunan Jabatan, 20 Masa Persiapan Pensiun, 51 CPNS yang belum menerima SK
#: CPNS, 52 Tidak Aktif, 66 Diberhentikan, 67 Punah, 68 Eks PNS Timor Timur, 69 TMS Dari Pengadaan, 70 Pembatalan NIP,
#: 77 Pemberhentian tanpa hak pensiun, 88 Pemberhentian dengan hak pensiun, 89 Tidak aktif tetapi diusulkan Pensiun, 90 Tidak
#: Ikut PUPNS 2015, 91 Tindak Pidana/Tindak Pidana Jabatan, 92 Pemblokiran Data PNS, 98 Mencapai BUP, 99 Pensiun; 71/72
#: PPPK from one BKD's app) → our code (contract.KEDUDUKAN_HUKUM). Grouping
#: (ours): in post and working = aktif (also a Pegawai Titipan, a PNS under a disciplinary penalty or moved to a lower
#: post, a CPNS awaiting the SK, PPPK 71/72); out of post without leaving the service = nonaktif (Penerima Uang Tunggu,
#: Prajurit Wajib, Pejabat Negara, Kepala Desa, banding BAPEK, Pengungsi, hilang, Tidak Aktif, Punah, eks Timor Timur,
#: not in PUPNS 2015, data blocked, pension proposed); detained for a crime = pemberhentian_sementara (PP 11/2017:
#: pemberhentian sementara of a PNS in detention); appointment void or dismissed without pension = diberhentikan;
#: dismissed with pension = pensiun
KEDUDUKAN_HUKUM_ID: dict[str, str] = {
    "01": "aktif", "02": "cltn", "03": "tugas_belajar", "04": "pemberhentian_sementara", "05": "nonaktif",
    "06": "nonaktif", "07": "nonaktif", "08": "nonaktif", "09": "nonaktif", "11": "aktif", "12": "nonaktif",
    "13": "cltn", "14": "nonaktif", "15": "aktif", "16": "aktif", "20": "mpp", "51": "aktif", "52": "nonaktif",
    "66": "diberhentikan", "67": "nonaktif", "68": "nonaktif", "69": "diberhentikan", "70": "diberhentikan",
    "71": "aktif", "72": "aktif", "77": "diberhentikan", "88": "pensiun", "89": "nonaktif", "90": "nonaktif",
    "91": "pemberhentian_sementara", "92": "nonaktif", "98": "bup", "99": "pensiun",
}
#: kedudukan hukum names (BKN's and those of client lists, normalised by name_key) → our code
KEDUDUKAN_HUKUM_NAMA: dict[str, str] = {
    "AKTIF": "aktif", "PNSAKTIF": "aktif", "PPPKAKTIF": "aktif", "CPNSAKTIF": "aktif", "PEGAWAITITIPAN": "aktif",
    "PNSKENAHUKUMANDISIPLIN": "aktif", "PEMINDAHANDALAMRANGKAPENURUNANJABATAN": "aktif",
    "CPNSYANGBELUMMENERIMASKCPNS": "aktif",
    "CLTN": "cltn", "PERPANJANGANCLTN": "cltn", "CUTIDILUARTANGGUNGANNEGARA": "cltn",
    "TUGASBELAJAR": "tugas_belajar",
    "MASAPERSIAPANPENSIUN": "mpp", "MPP": "mpp", "MASAPERSIAPANPENSIUNMPP": "mpp",
    "BUP": "bup", "MENCAPAIBUP": "bup", "BATASUSIAPENSIUN": "bup", "MENCAPAIBATASUSIAPENSIUN": "bup",
    "PENSIUN": "pensiun", "PEMBERHENTIANDENGANHAKPENSIUN": "pensiun",
    "MENINGGAL": "meninggal", "MENINGGALDUNIA": "meninggal", "WAFAT": "meninggal", "WAFATMENINGGAL": "meninggal",
    "DIBERHENTIKAN": "diberhentikan", "PEMBERHENTIANTANPAHAKPENSIUN": "diberhentikan", "TMSDARIPENGADAAN": "diberhentikan",
    "PEMBATALANNIP": "diberhentikan", "PEMBERHENTIAN": "diberhentikan",
    "PEMBERHENTIANSEMENTARA": "pemberhentian_sementara", "TINDAKPIDANATINDAKPIDANAJABATAN": "pemberhentian_sementara",
    "TINDAKPIDANA": "pemberhentian_sementara",
    "NONAKTIF": "nonaktif", "TIDAKAKTIF": "nonaktif", "PENERIMAUANGTUNGGU": "nonaktif", "PRAJURITWAJIB": "nonaktif",
    "PEJABATNEGARA": "nonaktif", "KEPALADESA": "nonaktif", "SEDANGDLMPROSESBANDINGBAPEK": "nonaktif",
    "SEDANGDALAMPROSESBANDINGBAPEK": "nonaktif", "PENGUNGSI": "nonaktif", "PNSYANGDINYATAKANHILANG": "nonaktif",
    "PUNAH": "nonaktif", "EKSPNSTIMORTIMUR": "nonaktif", "TIDAKAKTIFTETAPIDIUSULKANPENSIUN": "nonaktif",
    "TIDAKIKUTPUPNS2015": "nonaktif", "PEMBLOKIRANDATAPNS": "nonaktif",
}

#: a title that names an acting or additional assignment (SOURCES["penugasan_title"]): at the start, Plt./Plh./Pj./Pjs.
#: (letters in any case, dots and spaces between them or not) or Pelaksana Tugas/Harian, Penjabat; Tugas Tambahan anywhere
ACTING_TITLE = re.compile(
    r"^[\W_]*(?:(?P<PLT>P[\s.]*L[\s.]*T|PELAKSANA\s+TUGAS)|(?P<PLH>P[\s.]*L[\s.]*H|PELAKSANA\s+HARIAN)"
    r"|(?P<PJ>P[\s.]*J[\s.]*S?|PENJABAT))(?![A-Z])|(?P<TT>TUGAS\s+TAMBAHAN)", re.IGNORECASE)

#: how a move between two definitive positions is named (SOURCES["mutasi"]), the first rule that applies
MOVES: tuple[tuple[str, str], ...] = (
    ("first definitive position", "pengangkatan"),
    ("level rank up (non-structural → Pengawas included)", "promosi"),
    ("level rank down", "demosi"),
    ("same level Administrator or Pengawas, kelas jabatan up (both rows give it); else eselon a/b up (III.b → III.a)",
     "promosi"),
    ("Fungsional, jenjang up (Ahli Pertama → Ahli Muda)", "kenaikan_jenjang"),
    ("same level, same OPD (a kelas, eselon a/b or jenjang step down included: one level in law)", "rotasi"),
    ("same level, other OPD (idem)", "mutasi"),
)


# --------------------------------------------------------------------------- reading cells

def clean(raw: pd.Series) -> pd.Series:
    """Cells as SIASN writes them → text: a leading `'` dropped, spaces trimmed, `null`/`None`/empty → NA (each
    distinct value cleaned once, as `clean_one` does)."""
    s = pd.Series(raw, dtype="object") if not isinstance(raw, pd.Series) else raw
    try:
        codes, uniques = pd.factorize(s)
    except TypeError:                                      # unhashable cells (a list inside a JSON record)
        return pd.Series([clean_one(v) for v in s], index=s.index, dtype="string")
    cleaned = np.array([clean_one(u) for u in uniques] + [None], dtype=object)
    return pd.Series(cleaned[codes], index=s.index, dtype="string")


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


#: how SIASN writes a date (SOURCES["dates"]); the other shapes are read by `read_dates`
DATE_FORMAT = "%d-%m-%Y"
DATE_YEARS = (1900, 2100)
#: Excel's day 0 (its 1900 system, leap-year bug included: serials from 61 on are right)
EXCEL_ORIGIN = pd.Timestamp(1899, 12, 30)
#: Banten's zone (WIB): a time written in UTC is read here before its date is taken
LOCAL_OFFSET = pd.Timedelta(hours=7)
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*"
                  r"(Z|UTC|[+-]\d{2}(?::?\d{2})?)?", re.IGNORECASE)
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?")
#: an Excel serial day number: five digits (10000 = 1927-05-18 … 73050 = 2099-12-31; a four-digit number is a year)
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
#: cells that mean "no date" (the year 0000 or 0001 in any shape is one too)
EMPTY_DATES: frozenset[str] = frozenset({"0", "-", "--"})


def _date_one(text: str) -> tuple[pd.Timestamp | None, bool]:
    """One cleaned cell → (its date or None, True when the cell could not be read as a date)."""
    if text in EMPTY_DATES:
        return None, False
    m = _ISO.fullmatch(text)
    if m:
        year, month, day, zone = m.group(1), m.group(2), m.group(3), m.group(7)
    else:
        m = _DMY.fullmatch(text)
        if m:
            day, month, year, zone = m.group(1), m.group(2), m.group(3), None
        elif _SERIAL.fullmatch(text):
            when = EXCEL_ORIGIN + pd.Timedelta(days=int(float(text)))
            return (when, False) if DATE_YEARS[0] <= when.year <= DATE_YEARS[1] else (None, True)
        else:
            return None, True
    if int(year) <= 1:                                     # 01-01-0001, 0000-00-00: the empty date
        return None, False
    try:
        when = pd.Timestamp(int(year), int(month), int(day))
    except ValueError:
        return None, True
    if _is_utc(zone):
        hour, minute = int(m.group(4) or 0), int(m.group(5) or 0)
        when = (when + pd.Timedelta(hours=hour, minutes=minute) + LOCAL_OFFSET).normalize()
    ok = DATE_YEARS[0] <= when.year <= DATE_YEARS[1]
    return (when, False) if ok else (None, True)


def _is_utc(zone: str | None) -> bool:
    """True for `Z`, `UTC`, `+00:00`, `+0000`, `-00`."""
    return bool(zone) and (zone.upper() in ("Z", "UTC") or not zone.strip("+-").replace(":", "").strip("0"))


def read_dates(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates in every shape SIASN clients meet (SOURCES["dates"]) → (datetime, NaT where empty or unreadable; True where
    a cell held something that is no date: an impossible day, a year outside 1900–2100, text)."""
    s = clean(raw)
    codes, uniques = pd.factorize(s)
    read = [_date_one(str(u)) for u in uniques]
    values = pd.DatetimeIndex([r[0] for r in read] + [None]).to_numpy(dtype="datetime64[ns]")
    bad = np.array([r[1] for r in read] + [False], dtype=bool)
    return (pd.Series(values[codes], index=s.index, dtype="datetime64[ns]"),
            pd.Series(bad[codes], index=s.index, dtype=bool))


def dates(raw: pd.Series) -> pd.Series:
    """Dates as `read_dates` reads them; NaT for empty, placeholder (`01-01-0001`) or unreadable cells."""
    return read_dates(raw)[0]


def unit_id(raw: pd.Series) -> pd.Series:
    """Unit ids comparable across spellings (SOURCES["unit_id"]): a hex id or dashed UUID upper case without dashes;
    any other id as written (trimmed)."""
    s = clean(raw)
    hexlike = s.str.fullmatch(r"[0-9A-Fa-f][0-9A-Fa-f-]{15,}").fillna(False).astype(bool)
    return s.where(~hexlike, s.str.upper().str.replace("-", "", regex=False))


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


def penugasan_of_title(title: pd.Series) -> pd.Series:
    """An acting or additional assignment named in a title (ACTING_TITLE) → PLT / PLH / PJ / TT; NA for any other title."""
    s = clean(title)
    codes, uniques = pd.factorize(s)
    found = []
    for u in uniques:
        m = ACTING_TITLE.search(str(u))
        found.append(next((k for k, v in m.groupdict().items() if v), None) if m else None)
    out = np.array(found + [None], dtype=object)[codes]
    return pd.Series(out, index=s.index, dtype="string")


def kedudukan_hukum(code: pd.Series | None = None, name: pd.Series | None = None) -> pd.Series:
    """Kedudukan hukum id (`1`, `01`, `99`) or, where the id is unknown or empty, its name (`Masa Persiapan Pensiun`,
    `PPPK Aktif`) → our code (contract.KEDUDUKAN_HUKUM); NA when neither tells."""
    return _by_code_then_name(code, name, KEDUDUKAN_HUKUM_ID, KEDUDUKAN_HUKUM_NAMA, width=2)


def jenis_kelamin(raw: pd.Series) -> pd.Series:
    """M / F (also f/m, 1/2, L / P, Laki-laki / Perempuan) → contract L / P."""
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


def classify_moves(level_lama: pd.Series, opd_lama: pd.Series, level_baru: pd.Series, opd_baru: pd.Series,
                   eselon_lama: pd.Series | None = None, eselon_baru: pd.Series | None = None,
                   kelas_lama: pd.Series | None = None, kelas_baru: pd.Series | None = None,
                   jabatan_lama: pd.Series | None = None, jabatan_baru: pd.Series | None = None) -> pd.Series:
    """Name each move between two DEFINITIVE positions (MOVES, SOURCES["mutasi"]): no previous position = pengangkatan;
    level rank up = promosi, down = demosi; inside Administrator or Pengawas a rise of the kelas jabatan (both known),
    else of the eselon a/b (III.b → III.a) = promosi; inside Fungsional a rise of the JF jenjang of the titles =
    kenaikan_jenjang; any other move inside one level (a step down included: the same level in law, as BKDs announce
    such moves) in the same OPD = rotasi, in another OPD = mutasi. Unknown levels → NA."""
    index = pd.Series(level_baru).index

    def col(x: pd.Series | None) -> pd.Series:
        return pd.Series(pd.NA, index=index, dtype="object") if x is None else pd.Series(x, index=index)

    old = pd.Series(level_lama).astype(object).map(R.LEVEL_RANK).astype(float).to_numpy()
    new = pd.Series(level_baru).astype(object).map(R.LEVEL_RANK).astype(float).to_numpy()
    first = pd.Series(level_lama).isna().to_numpy()
    same_opd = (pd.Series(opd_lama).astype("string") == pd.Series(opd_baru).astype("string")).fillna(False).to_numpy()
    structural = (pd.Series(level_baru).astype("string") == pd.Series(level_lama).astype("string")).fillna(False) \
        & pd.Series(level_baru).isin(list(SUB_RANKED)).fillna(False)
    kelas_old = pd.to_numeric(col(kelas_lama), errors="coerce").astype(float).to_numpy()
    kelas_new = pd.to_numeric(col(kelas_baru), errors="coerce").astype(float).to_numpy()
    esl_old = col(eselon_lama).astype(object).map(ESELON_RANK).astype(float).to_numpy()
    esl_new = col(eselon_baru).astype(object).map(ESELON_RANK).astype(float).to_numpy()
    by_kelas = ~np.isnan(kelas_old) & ~np.isnan(kelas_new)
    sub_old, sub_new = np.where(by_kelas, kelas_old, esl_old), np.where(by_kelas, kelas_new, esl_new)
    inside = structural.to_numpy()
    jf = ((pd.Series(level_baru) == "Fungsional") & (pd.Series(level_lama) == "Fungsional")).fillna(False).to_numpy()
    jen_old = R.jf_jenjang(col(jabatan_lama).astype("string")).map(R.JF_JENJANG_RANK).astype(float).to_numpy()
    jen_new = R.jf_jenjang(col(jabatan_baru).astype("string")).map(R.JF_JENJANG_RANK).astype(float).to_numpy()
    same = new == old
    kind = np.select([first, new > old, new < old, same & inside & (sub_new > sub_old), same & jf & (jen_new > jen_old),
                      same & same_opd, same],
                     ["pengangkatan", "promosi", "demosi", "promosi", "kenaikan_jenjang", "rotasi", "mutasi"], default="")
    out = pd.Series(kind, index=index, dtype="string")
    return out.mask((out == "") | pd.Series(np.isnan(new), index=index))
