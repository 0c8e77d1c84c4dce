"""SIASN as it comes → the four tables of our contract (DESIGN §3), a mapping report and a ledger of every row.

A BKD assembles a folder `SRC` from BKN's SIASN (facts: /work/shared/siasn.md):

    <any name>.csv|.xlsx   the "Export Data ASN" (lower snake_case headers: nip_baru, unor_id, …; any vintage; NIPs
                           with a leading `'`, the text `null`, dates dd-mm-yyyy, M/F, ids; older files have no eselon);
                           several such files are read together
    ref-unor.json          the unit tree (Id, DiatasanId, IndukUnorId, NamaUnor, EselonId, CepatKode)
    data-utama/ rw-jabatan/ rw-skp22/ rw-skp/ rw-golongan/
                           the web services' answers, one `<nip>.json` per NIP (the whole `{"success":…, "data":…}`
                           or its `data` member)
    profiling.csv|.xlsx    the assessment results, already in our columns

`convert(SRC)` returns a `SiasnResult`: the four tables, the mapping report and the ledger. The rules:

- **Persons** are the export's rows and the data-utama files. Where both give a field, data-utama wins (it is the
  newer); each disagreement is counted per field and noted on the row. A field still empty is filled from the NIP
  (sex, birth date, PNS/PPPK), the latest definitive rw-jabatan row (jabatan, jenis, eselon, unit, TMT), ref-unor
  (a structural post's eselon from its unit) or rw-golongan (golongan), and each fill is counted.
- **OPD** = the unit's induk in ref-unor (`opd_of_units`: up to the first unit whose IndukUnorId is itself, never the
  instansi at the top); without a tree, data-utama's unorIndukId. opd_kode = the OPD unit's CepatKode where it is a
  valid, unique code, else its Id (`opd_codes`).
- **History**: rw-jabatan rows. PLT/PLH/PJ/TT rows are acting or additional assignments: ledger rows, never
  appointments; a row without jenisPenugasanId is taken as definitive (counted). A person's definitive rows, sorted by
  tmtJabatan, are compared with the previous one (`history_table`); the first is the pengangkatan.
- **Kinerja**: rw-skp22's kuadran code, else its name (any case), else hasil × perilaku (PermenPANRB 6/2022); rw-skp
  (up to 2021) nilaiPrestasiKerja, else nilaiSkp, by PP 46/2011's bands; a year in both: rw-skp22 wins.
- **Nothing is dropped silently**: an invalid or duplicate NIP, a required field that cannot be filled, an unknown
  code, a unit not in the tree, an acting assignment, a child row of a person left out — each is a ledger row with a
  named reason and is counted in the mapping report.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from merit_lib.data.limits import check_workbook
from merit_lib.data.siasn_json import JsonProblem, load_json
from merit_lib.data.siasn_opd import METHODS, Placement, opd_codes, opd_of_units  # noqa: F401 (opd_*: this module's API)
from merit_lib.data.sink import write_csv
from merit_lib.domain import contract as C
from merit_lib.domain import rules as R
from merit_lib.domain import siasn_codes as S
from merit_lib.domain import text
from merit_lib.domain.errors import InputError
from merit_lib.domain.language import number
from merit_lib.domain.nip import excel_number, mask, parse_nip

#: the web-service folders, as a BKD names them (matched ignoring case and punctuation)
FOLDERS: tuple[str, ...] = ("data-utama", "rw-jabatan", "rw-skp22", "rw-skp", "rw-golongan")
REF_UNOR, EXPORT, DATA_UTAMA, PROFILING = "ref-unor", "ekspor", "data-utama", "profiling"
#: the ledger's sources, in the order it lists them
SOURCES: tuple[str, ...] = (EXPORT, DATA_UTAMA, "rw-jabatan", "rw-skp22", "rw-skp", "rw-golongan", PROFILING)
#: headers that make a CSV/XLSX file an Export Data ASN: nip_baru and one of these
EXPORT_MARKERS: frozenset[str] = frozenset({"unor_id", "pns_id", "gol_akhir_id", "jenis_jabatan_id",
                                            "tingkat_pendidikan_id", "status_cpns_pns"})
TABLE_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 10
MAPPING_FILE, LEDGER_FILE = "siasn_mapping.csv", "siasn_ledger.csv"
USED, LEFT_OUT = "used", "left_out"
LEDGER_COLUMNS = ["source", "file", "row", "nip", "status", "reason", "message"]
MAPPING_COLUMNS = ["source", "field", "target", "rule", "rows", "mapped", "unmapped", "unmapped_values", "conflicts",
                   "winner", "note"]

#: our raw person field → (the export's header names, any vintage; data-utama's keys); the first found is used
PERSON_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "nip_baru": (("nip_baru", "nipbaru", "nip"), ("nipBaru",)),
    "nama": (("nama",), ("nama",)),
    "tanggal_lahir": (("tanggal_lahir", "tgl_lahir"), ("tglLahir", "tanggalLahir")),
    "jenis_kelamin": (("jenis_kelamin",), ("jenisKelamin",)),
    "gol_akhir_id": (("gol_akhir_id", "golongan_id", "gol_id"), ("golRuangAkhirId",)),
    "gol_akhir_nama": (("gol_akhir_nama", "golongan_nama", "gol_akhir"), ("golRuangAkhir",)),
    "tingkat_pendidikan_id": (("tingkat_pendidikan_id", "tk_pendidikan_id"), ("tkPendidikanTerakhirId",)),
    "tingkat_pendidikan_nama": (("tingkat_pendidikan_nama", "tk_pendidikan_nama"), ("tkPendidikanTerakhir",)),
    "jenis_jabatan_id": (("jenis_jabatan_id",), ("jenisJabatanId",)),
    "jenis_jabatan_nama": (("jenis_jabatan_nama",), ("jenisJabatan",)),
    "jabatan_nama": (("jabatan_nama",), ("jabatanNama",)),
    "eselon_id": (("eselon_id",), ("eselonId",)),
    "eselon_nama": (("eselon_nama", "eselon"), ("eselon",)),
    "tmt_jabatan": (("tmt_jabatan",), ("tmtJabatan",)),
    "unor_id": (("unor_id",), ("unorId",)),
    "unor_nama": (("unor_nama",), ("unorNama",)),
    "unor_induk_id": (("unor_induk_id", "id_unor_induk"), ("unorIndukId",)),
    "unor_induk_nama": (("unor_induk_nama", "unor_induk", "nama_unor_induk"), ("unorIndukNama",)),
    "instansi_id": (("instansi_induk_id", "instansi_kerja_id"), ("instansiIndukId", "instansiKerjaId")),
    "tmt_cpns": (("tmt_cpns",), ("tmtCpns",)),
    "status_cpns_pns": (("status_cpns_pns",), ("statusCpnsPns",)),
    "kedudukan_hukum_id": (("kedudukan_hukum_id", "kedudukan_pns_id"), ("kedudukanHukumId", "kedudukanPnsId")),
    "kedudukan_hukum_nama": (("kedudukan_hukum_nama", "kedudukan_hukum", "kedudukan_pns_nama"),
                             ("kedudukanHukumNama", "kedudukanPnsNama")),
    "tmt_kedudukan": (("tmt_kedudukan_hukum", "tmt_kedudukan"), ("tmtKedudukanHukum", "tmtKedudukanPns", "tmtKedudukan")),
    "tmt_pensiun": (("tmt_pensiun",), ("tmtPensiun",)),
    "status_text": (("kedudukan_hukum_nama", "jenis_pegawai_nama"), ("statusPegawai", "kedudukanPnsNama")),
    "agama": (("agama_nama", "agama"), ("agama",)),
}
#: a person value → the raw fields it is made of and its rule (a siasn_codes.SOURCES key, or a short text)
PERSON_RULES: dict[str, tuple[tuple[str, ...], str]] = {
    "nip": (("nip_baru",), "leading ' dropped; 18 digits"),
    "nama": (("nama",), "as is"),
    "jenis_kelamin": (("jenis_kelamin",), "jenis_kelamin"),
    "tanggal_lahir": (("tanggal_lahir",), "dates"),
    "status_kepegawaian": (("status_cpns_pns", "kedudukan_hukum_id", "status_text"), "status"),
    "golongan": (("gol_akhir_id", "gol_akhir_nama"), "golongan"),
    "pendidikan": (("tingkat_pendidikan_id", "tingkat_pendidikan_nama"), "pendidikan"),
    "jenis_jabatan_id": (("jenis_jabatan_id", "jenis_jabatan_nama"), "jenis_jabatan"),
    "eselon": (("eselon_id", "eselon_nama"), "eselon"),
    "unit": (("unor_id",), "ref-unor"),
    "jabatan": (("jabatan_nama",), "as is"),
    "tmt_jabatan": (("tmt_jabatan",), "dates"),
    "tmt_cpns": (("tmt_cpns",), "dates"),
    "agama": (("agama",), "as is"),
    "kedudukan_hukum": (("kedudukan_hukum_id", "kedudukan_hukum_nama"), "kedudukan_hukum"),
    "tmt_kedudukan_hukum": (("tmt_kedudukan", "tmt_pensiun"), "dates"),
}
MERGED = tuple(c for c in PERSON_RULES if c != "nip")
#: values that come from a code table (a raw value that does not map is an unknown code)
CODED = ("jenis_kelamin", "status_kepegawaian", "golongan", "pendidikan", "jenis_jabatan_id", "eselon", "kedudukan_hukum")
#: where a person value lands in pegawai
TARGET: dict[str, str] = {"unit": "pegawai.opd_kode, opd_nama", "jenis_jabatan_id": "pegawai.jenis_jabatan",
                          "eselon": "pegawai.eselon, jenis_jabatan"}
REQUIRED = ("nama", "jenis_kelamin", "tanggal_lahir", "status_kepegawaian", "golongan", "pendidikan", "opd_kode",
            "jabatan", "jenis_jabatan", "tmt_jabatan")
DATES = ("tanggal_lahir", "tmt_jabatan", "tmt_cpns", "tmt_kedudukan_hukum")
#: the position a person source gives; dropped (and filled from rw-jabatan) when its title names an acting post
POSITION = ("jabatan", "jenis_jabatan_id", "eselon", "tmt_jabatan", "unit")

#: ledger reasons → (short label, message with {detail}) per language
REASONS: dict[str, dict[str, tuple[str, str]]] = {
    "conflict_data_utama": {"id": ("konflik ekspor/data-utama", "ekspor dan data-utama berbeda pada {detail}; "
                                   "data-utama dipakai (lebih baru)"),
                            "en": ("export/data-utama conflict", "export and data-utama disagree on {detail}; "
                                   "data-utama used (newer)")},
    "no_history": {"id": ("tanpa riwayat jabatan", "NIP tanpa riwayat jabatan (rw-jabatan)"),
                   "en": ("no position history", "NIP with no position history (rw-jabatan)")},
    "cpns_as_pns": {"id": ("CPNS sebagai PNS", "CPNS dihitung sebagai PNS"),
                    "en": ("CPNS as PNS", "CPNS counted as PNS")},
    "not_in_export": {"id": ("hanya di data-utama", "hanya ada di data-utama, tidak di ekspor"),
                      "en": ("only in data-utama", "only in data-utama, not in the export")},
    "no_data_utama": {"id": ("tanpa data-utama", "tidak ada data-utama untuk NIP ini; nilai dari ekspor"),
                      "en": ("no data-utama", "no data-utama for this NIP; values from the export")},
    "assumed_definitive": {"id": ("penugasan kosong = definitif", "jenisPenugasanId kosong: dianggap definitif"),
                           "en": ("empty assignment = definitive", "jenisPenugasanId empty: taken as definitive")},
    "filled_golongan": {"id": ("golongan dari rw-golongan", "golongan terakhir dipakai untuk golongan pegawai yang "
                               "kosong"),
                        "en": ("golongan from rw-golongan", "latest golongan used for the person's empty golongan")},
    "invalid_nip": {"id": ("NIP tidak sah", "NIP tidak sah ({detail})"), "en": ("invalid NIP", "invalid NIP ({detail})")},
    "nip_as_number": {"id": ("NIP sebagai angka", "NIP tersimpan sebagai angka ({detail}); digit terakhirnya hilang"),
                      "en": ("NIP as a number", "NIP stored as a number ({detail}); its last digits are lost")},
    "nip_mismatch": {"id": ("NIP berkas ≠ isi", "NIP di nama berkas berbeda dengan nipBaru di isinya ({detail})"),
                     "en": ("file NIP ≠ content", "the NIP in the file name differs from the nipBaru inside ({detail})")},
    "duplicate_nip": {"id": ("NIP ganda", "NIP ganda: sudah dipakai dari {detail}"),
                      "en": ("duplicate NIP", "duplicate NIP: already taken from {detail}")},
    "duplicate_row": {"id": ("baris ganda", "baris ganda (sama dengan baris {detail})"),
                      "en": ("duplicate row", "duplicate row (same as row {detail})")},
    "duplicate_year": {"id": ("tahun ganda", "tahun {detail} sudah ada untuk NIP ini"),
                       "en": ("duplicate year", "year {detail} already given for this NIP")},
    "replaced_by_skp22": {"id": ("tahun ada di rw-skp22", "tahun {detail} ada di rw-skp22; predikat PermenPANRB "
                                 "6/2022 dipakai"),
                          "en": ("year in rw-skp22", "year {detail} is in rw-skp22; its PermenPANRB 6/2022 predikat "
                                 "is used")},
    "unknown_code": {"id": ("kode tidak dikenal", "kode tidak dikenal: {detail}"),
                     "en": ("unknown code", "unknown code: {detail}")},
    "outside_contract": {"id": ("eselon di luar kontrak", "eselon {detail} di luar kontrak (hanya II–IV)"),
                         "en": ("eselon outside the contract", "eselon {detail} is outside the contract (II–IV only)")},
    "missing_required": {"id": ("kolom wajib kosong", "{detail} kosong dan tidak dapat dilengkapi"),
                         "en": ("required value empty", "{detail} empty and cannot be filled")},
    "unit_not_in_tree": {"id": ("unit tidak di ref-unor", "unit {detail} tidak ada di ref-unor"),
                         "en": ("unit not in ref-unor", "unit {detail} is not in ref-unor")},
    "acting_assignment": {"id": ("penugasan sementara", "penugasan {detail} (bukan definitif): dicatat, tidak "
                                 "dihitung sebagai pengangkatan"),
                          "en": ("acting assignment", "{detail} assignment (not definitive): recorded, never counted "
                                 "as an appointment")},
    "invalid_date": {"id": ("tanggal/tahun tidak sah", "tanggal/tahun tidak sah: {detail}"),
                     "en": ("invalid date/year", "invalid date/year: {detail}")},
    "person_left_out": {"id": ("pegawainya ditinggalkan", "pegawai dengan NIP ini ditinggalkan"),
                        "en": ("person left out", "the person with this NIP was left out")},
    "not_in_pegawai": {"id": ("NIP tidak di pegawai", "NIP tidak ada di ekspor maupun data-utama"),
                       "en": ("NIP not in pegawai", "NIP is neither in the export nor in data-utama")},
    "empty_response": {"id": ("respons kosong", "respons tanpa data ({detail})"),
                       "en": ("empty response", "response without data ({detail})")},
    "unreadable": {"id": ("berkas tidak terbaca", "berkas tidak dapat dibaca: {detail}"),
                   "en": ("unreadable file", "file cannot be read: {detail}")},
    "malformed_row": {"id": ("baris rusak", "baris berisi {detail} sel, lebih banyak daripada header"),
                      "en": ("malformed row", "row has {detail} cells, more than the header")},
    "acting_position_only": {"id": ("hanya jabatan sementara", "jabatan yang tercatat hanya penugasan sementara ({detail}); "
                                    "jabatan definitifnya tidak ada di rw-jabatan"),
                             "en": ("acting post only", "the only position recorded is an acting one ({detail}); no "
                                    "definitive position in rw-jabatan")},
    "acting_title": {"id": ("jabatan sementara diganti", "jabatan di sumber ini berupa penugasan sementara (Plt./Plh./Pj./"
                            "Tugas Tambahan): jabatan definitif terakhir dari rw-jabatan dipakai"),
                     "en": ("acting post replaced", "the position in this source is an acting one (Plt./Plh./Pj./Tugas "
                            "Tambahan): the latest definitive one of rw-jabatan is used")},
    "date_unreadable": {"id": ("tanggal tidak terbaca", "ada tanggal yang tidak dapat dibaca: dibiarkan kosong atau diisi "
                               "dari sumber lain (nilainya di laporan pemetaan)"),
                        "en": ("unreadable date", "a date cannot be read: left empty or filled from another source (its "
                               "value is in the mapping report)")},
    "not_active": {"id": ("kedudukan bukan aktif", "kedudukan hukum bukan aktif (CLTN, tugas belajar, MPP, pensiun, …): "
                          "tetap di pegawai, kolom kedudukan_hukum mengatakannya"),
                   "en": ("not active", "kedudukan hukum other than aktif (CLTN, tugas belajar, MPP, pensiun, …): kept in "
                          "pegawai, the kedudukan_hukum column says so")},
    "kedudukan_unknown": {"id": ("kedudukan tidak dikenal", "kode dan nama kedudukan hukum tidak dikenal: kolom "
                                 "kedudukan_hukum kosong (dianggap aktif)"),
                          "en": ("unknown kedudukan", "kedudukan hukum code and name unknown: kedudukan_hukum left empty "
                                 "(taken as aktif)")},
    "rank_history": {"id": ("riwayat golongan (di luar kontrak)", "riwayat golongan (kenaikan pangkat) bukan riwayat "
                            "jabatan; tidak masuk kontrak"),
                     "en": ("rank history (outside the contract)", "rank history (kenaikan pangkat) is not a position "
                            "history; not in the contract")},
}
#: a contract table that came out empty → what the SIASN folder lacks (id, en)
EMPTY_TABLE: dict[str, tuple[str, str]] = {
    "pegawai": ("tidak ada pegawai yang dapat dibaca dari ekspor maupun data-utama/ (lihat `merit siasn` dan buku "
                "barisnya)", "no person could be read from the export or data-utama/ (see `merit siasn` and its "
                "ledger)"),
    "profiling": ("tidak ada hasil asesmen: letakkan profiling.csv/.xlsx (kolom kontrak) di folder SIASN",
                  "no assessment results: put profiling.csv/.xlsx (the contract's columns) in the SIASN folder"),
    "kinerja": ("tidak ada SKP: folder rw-skp22/ dan rw-skp/ tidak ada atau kosong",
                "no SKP: the rw-skp22/ and rw-skp/ folders are missing or empty"),
    "riwayat_jabatan": ("tidak ada riwayat jabatan: folder rw-jabatan/ tidak ada atau kosong",
                        "no position history: the rw-jabatan/ folder is missing or empty"),
}
#: reasons for leaving a row out that are no data problem (the row is simply not needed)
NOT_NEEDED: frozenset[str] = frozenset({"rank_history", "replaced_by_skp22"})


# --------------------------------------------------------------------------- the result

@dataclass
class SiasnResult:
    """The converted tables (our contract's columns), the mapping report and the ledger of every source row."""

    tables: dict[str, pd.DataFrame]
    mapping: pd.DataFrame
    ledger: pd.DataFrame
    source: Path
    lang: str = "id"
    #: persons kept per way their OPD was found (`opd`: siasn_opd.METHODS) and per kedudukan hukum (`kedudukan`)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def write(self, out: Path | str) -> Path:
        """The four tables as `<table>.csv` (ISO dates), `siasn_mapping.csv` and `siasn_ledger.csv` (NIPs masked),
        each through `merit_lib.data.sink.write_csv`, restricted (0600, new folders 0700: names and NIPs)."""
        out = Path(out)
        for name in C.TABLES:
            write_csv(_iso_dates(self.tables[name]), out / f"{name}.csv", private=True)
        write_csv(self.mapping, out / MAPPING_FILE, private=True)
        write_csv(masked_ledger(self.ledger).drop(columns=["detail"]), out / LEDGER_FILE, private=True)
        return out

    @property
    def ok(self) -> bool:
        """True when no row was left out for a data problem (acting assignments, rank history and years replaced by
        rw-skp22 are left out by design, not for a problem)."""
        return self.problem_rows() == 0

    def problem_rows(self) -> int:
        """Ledger rows left out for a data problem (not by design: acting assignments, rank history, replaced years)."""
        led = self.ledger
        by_design = [*NOT_NEEDED, "acting_assignment"]
        return int((led["status"].eq(LEFT_OUT) & ~led["reason"].isin(by_design).fillna(False)).sum())

    def reason_counts(self) -> pd.DataFrame:
        """Ledger rows per source, status and reason (a used row with two notes counts under each)."""
        led = self.ledger.assign(reason=self.ledger["reason"].fillna("").str.split("; ")).explode("reason")
        return (led.groupby(["source", "status", "reason"], sort=False).size().rename("n").reset_index()
                .sort_values(["source", "status", "n"], ascending=[True, False, False], kind="stable")
                .reset_index(drop=True))

    def summary(self, lang: str | None = None) -> list[str]:
        """Lines for a report's data-quality section: counts only, no NIP, no name."""
        return summary_lines(self, lang or self.lang)

    def persons(self) -> PersonCounts:
        """Persons kept and left out, with the reasons (`person_counts`)."""
        return person_counts(self)

    def run_meta(self, lang: str | None = None) -> dict:
        """The facts a report's meta and manifest record about this input (`run_meta`)."""
        return run_meta(self, lang or self.lang)

    def mapping_counts(self, lang: str | None = None) -> pd.DataFrame:
        """The mapping report as counts only, for publication (`mapping_counts`)."""
        return mapping_counts(self, lang or self.lang)

    def require_tables(self) -> None:
        """An InputError naming what the SIASN folder lacks when a contract table came out empty (an analysis needs
        all four)."""
        missing = [name for name in C.TABLES if self.tables[name].empty]
        if missing:
            id_ = "; ".join(EMPTY_TABLE[n][0] for n in missing)
            en = "; ".join(EMPTY_TABLE[n][1] for n in missing)
            raise InputError(f"{self.source}: {id_}", en=f"{self.source}: {en}")

    def fingerprints(self) -> dict[str, str]:
        """SHA-256 of every SIASN input, for a manifest: each export, ref-unor and profiling file by name, and each
        web-service folder as one hash over its files' names and SHA-256s (key `rw-jabatan/ (N files)`; the file
        names hold NIPs, so they stay out of the keys)."""
        found = find_siasn_files(self.source)
        out = {p.name: _sha256(p) for p in [*(e[0] for e in found.exports), found.ref_unor, found.profiling] if p}
        for name, folder in found.folders.items():
            files = sorted(f for f in folder.iterdir() if f.is_file() and not _is_temporary(f))
            joined = "".join(f"{f.name}:{_sha256(f)}\n" for f in files)
            out[f"{name}/ ({len(files)} files)"] = hashlib.sha256(joined.encode()).hexdigest()
        return out


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def masked_ledger(ledger: pd.DataFrame) -> pd.DataFrame:
    """The ledger with every NIP masked (`1967**********1001`), also inside file names and messages."""
    out = ledger.copy()
    out["nip"] = mask(out["nip"].astype("string"))
    for col in ("file", "message", "detail"):
        out[col] = out[col].astype("string").str.replace(r"\d{18}", lambda m: m.group(0)[:4] + "*" * 10 + m.group(0)[-4:],
                                                         regex=True)
    return out


def _iso_dates(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = out[c].dt.strftime("%Y-%m-%d")
    return out


# --------------------------------------------------------------------------- finding the files

@dataclass
class SiasnFiles:
    """What a SIASN folder holds."""

    root: Path
    exports: list[tuple[Path, int, str]]          # (file, header row index, separator)
    ref_unor: Path | None
    folders: dict[str, Path]
    profiling: Path | None
    old_excel: list[Path]


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _snake(header: object) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(header).replace("\ufeff", "").strip().lower()).strip("_")


def _is_temporary(f: Path) -> bool:
    return f.name.startswith(("~", ".")) or f.name.endswith(("~", "#")) or f.name.lower().endswith(".tmp")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _sep(line: str) -> str:
    return max((",", ";", "\t", "|"), key=line.count)


def _head_rows(path: Path) -> list[tuple[list[str], str]]:
    """The first rows of a CSV or XLSX file as cells, with each CSV line's separator."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        check_workbook(path)
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - a workbook we cannot open is no export we can read
            return []
        try:
            return [([("" if v is None else str(v)) for v in row], "") for row in
                    wb.worksheets[0].iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)]
        finally:
            wb.close()
    with path.open("rb") as fh:
        text = _decode(fh.read(1 << 16))
    return [(next(csv.reader([line], delimiter=_sep(line)), []), _sep(line))
            for line in text.splitlines()[:HEADER_SEARCH_ROWS]]


def export_header(path: Path) -> tuple[int, str] | None:
    """Where an Export Data ASN's header row is (0-based) and its separator; None when the file is no export."""
    for i, (cells, sep) in enumerate(_head_rows(path)):
        names = {_snake(c) for c in cells}
        if "nip_baru" in names and names & EXPORT_MARKERS:
            return i, sep
    return None


def find_siasn_files(src: Path | str) -> SiasnFiles:
    """Locate the export file(s), ref-unor.json, the web-service folders and the profiling file in `src`."""
    root = Path(src)
    exports, folders, old = [], {}, []
    ref_unor = profiling = None
    wanted = {_key(f): f for f in FOLDERS}
    for f in sorted(root.iterdir()) if root.is_dir() else []:
        if _is_temporary(f):
            continue
        if f.is_dir() and _key(f.name) in wanted:
            folders[wanted[_key(f.name)]] = f
        elif f.is_file() and _key(f.stem) == _key(REF_UNOR) and f.suffix.lower() == ".json":
            ref_unor = f
        elif f.is_file() and _key(f.stem) == PROFILING and f.suffix.lower() in (*TABLE_SUFFIXES, ".parquet"):
            profiling = f
        elif f.is_file() and f.suffix.lower() == ".xls":
            old.append(f)
        elif f.is_file() and f.suffix.lower() in TABLE_SUFFIXES and f.name not in (MAPPING_FILE, LEDGER_FILE):
            where = export_header(f)
            if where is not None:
                exports.append((f, *where))
    return SiasnFiles(root, exports, ref_unor, folders, profiling, old)


def is_siasn_folder(path: Path | str) -> bool:
    """True for a folder as a BKD assembles it from SIASN: no contract `pegawai` table in it, and an Export Data ASN
    file (snake_case headers with nip_baru and unor_id or another SIASN id), ref-unor.json, or a data-utama/ or
    rw-jabatan/ folder."""
    p = Path(path)
    if not p.is_dir():
        return False
    if any(f.is_file() and _key(f.stem) == "pegawai" and not _is_temporary(f) for f in p.iterdir()):
        return False
    found = find_siasn_files(p)
    return bool(found.exports or found.ref_unor or {DATA_UTAMA, "rw-jabatan"} & set(found.folders))


# --------------------------------------------------------------------------- reading

def _ledger_rows(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[c for c in LEDGER_COLUMNS if c != "message"] + ["detail"])


def _entry(source: str, file: str, row: object, nip: object, status: str, reason: str, detail: str = "") -> dict:
    return {"source": source, "file": file, "row": row, "nip": nip, "status": status, "reason": reason, "detail": detail}


def read_export(path: Path, header_row: int, sep: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An export file → its rows as text cells (snake_case headers, `_file`, `_row` = the spreadsheet row,
    `_nip_number` = the NIP cell was a number), and ledger rows for records with more cells than the header."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        check_workbook(path)
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            records = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
        finally:
            wb.close()
    else:
        records = list(csv.reader(io.StringIO(_decode(path.read_bytes()), newline=""), delimiter=sep))
    header = _unique([_snake(c) for c in records[header_row]])
    width, nip_at = len(header), header.index("nip_baru")
    rows, numeric, bad = [], [], []
    for number_, cells in enumerate(records[header_row + 1:], start=header_row + 2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        if any(c not in (None, "") for c in cells[width:]):
            bad.append(_entry(EXPORT, path.name, number_, None, LEFT_OUT, "malformed_row", str(len(cells))))
            continue
        cells = list(cells[:width]) + [None] * (width - len(cells))
        numeric.append(isinstance(cells[nip_at], (int, float)))
        rows.append([_cell(c) for c in cells] + [path.name, number_])
    frame = pd.DataFrame(rows, columns=[*header, "_file", "_row"], dtype="object")
    frame["_nip_number"] = numeric
    return frame, _ledger_rows(bad)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        n = n or "kolom"
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


def _cell(v: object) -> object:
    if hasattr(v, "strftime"):
        return v.strftime("%Y-%m-%d")  # type: ignore[union-attr]
    return S.clean_one(v)


def _unwrap(obj: object) -> tuple[list[dict], str | None]:
    """A web-service answer's records (`{"success":…, "data": …}`, its `data`, a list or one object), or why none."""
    for _ in range(3):
        wrapper = isinstance(obj, dict) and "data" in obj and ({"success", "code", "status", "message"} & set(obj)
                                                               or set(obj) == {"data"})
        if not wrapper:
            break
        if obj.get("success") is False and not obj.get("data"):  # type: ignore[union-attr]
            return [], str(obj.get("message") or "success: false")  # type: ignore[union-attr]
        obj = obj["data"]  # type: ignore[index]
    if isinstance(obj, list):
        return [r for r in obj if isinstance(r, dict)], None if obj else "data: []"
    if isinstance(obj, dict):
        return [obj], None
    return [], "data: " + (str(obj)[:80] if obj not in (None, "") else "null")


def read_json_records(path: Path, lang: str = "id") -> tuple[list[dict], str | None, str | None]:
    """(records with lower-cased keys, why there are none, why the file cannot be read)."""
    try:
        obj = load_json(path)
    except JsonProblem as exc:
        return [], None, exc.message(lang)
    except OSError as exc:
        return [], None, " ".join(str(exc).split())[:120]
    records, empty = _unwrap(obj)
    return [{str(k).lower(): v for k, v in r.items()} for r in records], empty, None


def _nip_of_file(path: Path) -> str | None:
    m = re.search(r"(?<!\d)\d{18}(?!\d)", path.stem)
    return m.group(0) if m else None


def read_folder(folder: Path | None, source: str, lang: str = "id") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every `<nip>.json` of a web-service folder → one row per record (lower-cased keys, `_file`, `_row`, the NIP of
    the file name `_nip_file` and of the record `_nip_inner`), and ledger rows for files without records."""
    rows, led = [], []
    for f in sorted(folder.iterdir()) if folder is not None else []:
        if not f.is_file() or _is_temporary(f):
            continue
        records, empty, broken = (read_json_records(f, lang) if f.suffix.lower() == ".json"
                                  else ([], None, text.t("siasn.not_json", lang)))
        if broken or not records:
            led.append(_entry(source, f.name, None, _nip_of_file(f), LEFT_OUT, "unreadable" if broken else
                              "empty_response", broken or empty or ""))
        for i, r in enumerate(records, start=1):
            rows.append({**r, "_file": f.name, "_row": i, "_nip_file": _nip_of_file(f),
                         "_nip_inner": S.clean_one(r.get("nipbaru"))})
    frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=["_file", "_row", "_nip_file", "_nip_inner"])
    return frame, _ledger_rows(led)


def record_nip(raw: pd.DataFrame) -> pd.Series:
    """A web-service record's NIP: the file name's, else its nipBaru; NA unless 18 digits."""
    nip = S.clean(raw["_nip_file"]).fillna(S.clean(raw["_nip_inner"]))
    return nip.where(nip.str.fullmatch(r"\d{18}").fillna(False).astype(bool))


def _pick(frame: pd.DataFrame, names: Iterable[str], lower: bool = True) -> pd.Series:
    """The first of `names` that is a column of `frame` (keys lower-cased when `lower`), cleaned; else all NA."""
    for n in names:
        key = n.lower() if lower else n
        if key in frame.columns:
            return S.clean(frame[key])
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def person_raw(frame: pd.DataFrame, source: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Export rows or data-utama records → our raw person fields (text), and the source column(s) each came from."""
    web = source != EXPORT
    out = pd.DataFrame(index=frame.index)
    used: dict[str, str] = {}
    for name, (export_names, utama_names) in PERSON_FIELDS.items():
        names = [n for n in (utama_names if web else export_names) if (n.lower() if web else n) in frame.columns]
        if name == "status_text" and names:       # every status text together: "PNS Aktif", "PPPK Aktif"
            parts = [_pick(frame, [n], web).fillna("") for n in names]
            joined = parts[0].str.cat(parts[1:], sep=" ").str.strip() if len(parts) > 1 else parts[0]
            out[name] = joined.mask(joined == "")
        else:
            out[name] = _pick(frame, names[:1], web)
        if names:
            used[name] = ", ".join(names if name == "status_text" else names[:1])
    return out, used


def read_ref_unor(path: Path | None, lang: str = "id") -> pd.DataFrame:
    """ref-unor.json → one row per unit: id, diatasan_id, induk_unor_id, nama_unor, eselon_id, cepat_kode."""
    keys = {"id": "Id", "diatasan_id": "DiatasanId", "induk_unor_id": "IndukUnorId", "nama_unor": "NamaUnor",
            "eselon_id": "EselonId", "cepat_kode": "CepatKode"}
    if path is None:
        return pd.DataFrame(columns=list(keys), dtype="string")
    records, _empty, broken = read_json_records(path, "id")
    if broken:
        raise InputError(text.t("siasn.ref_unor_unreadable", "id", path=path, why=broken),
                         en=text.t("siasn.ref_unor_unreadable", "en", path=path,
                                   why=read_json_records(path, "en")[2]))
    frame = pd.DataFrame(records)
    out = pd.DataFrame({c: _pick(frame, [k]) for c, k in keys.items()})
    for c in ("id", "diatasan_id", "induk_unor_id"):       # 32-hex in either case or a dashed UUID: one spelling
        out[c] = S.unit_id(out[c])
    return out[out["id"].notna()].drop_duplicates("id").reset_index(drop=True)


def read_profiling(path: Path) -> pd.DataFrame:
    """The profiling file (CSV, XLSX or Parquet) as text cells with contract headers, `_file` and `_row`; an
    InputError naming the file when it cannot be read or has no `nip` column."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            frame = pd.read_parquet(path).astype("object")
        elif suffix in (".xlsx", ".xlsm"):
            check_workbook(path)
            frame = pd.read_excel(path, dtype=str, keep_default_na=False)
        else:
            text = _decode(path.read_bytes())
            frame = pd.read_csv(io.StringIO(text), sep=_sep(text.splitlines()[0] if text else ","), dtype=str,
                                keep_default_na=False)
    except (ValueError, OSError, ImportError, zipfile.BadZipFile) as exc:   # pandas' parser errors are ValueErrors
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise InputError(f"{path}: berkas profiling tidak dapat dibaca: {detail}",
                         en=f"{path}: the profiling file cannot be read: {detail}") from exc
    names = C.header_map(C.PROFILING)
    frame = frame.rename(columns=lambda h: names.get(C.header_key(h), h))
    if "nip" not in frame.columns:
        raise InputError(f"{path}: berkas profiling tanpa kolom nip (kolom kontrak: nip, tanggal_asesmen, "
                         "integritas, …, jpm)", en=f"{path}: the profiling file has no nip column (the contract's "
                         "columns: nip, tanggal_asesmen, integritas, …, jpm)")
    return frame.assign(_file=path.name, _row=np.arange(len(frame)) + 2)


# --------------------------------------------------------------------------- derivations

def person_values(raw: pd.DataFrame) -> pd.DataFrame:
    """Raw person fields → our values (NA where empty or unknown), one column per PERSON_RULES key, plus
    `eselon_kind` (siasn_codes.eselon_kind), `cpns`, `acting` (the position is an acting post: PLT/PLH/PJ/TT read
    from its title, its POSITION values left empty) and `_bad_<date>` (a date cell that could not be read)."""
    out = pd.DataFrame(index=raw.index)
    out["nip"] = raw["nip_baru"].where(raw["nip_baru"].str.fullmatch(r"\d{18}").fillna(False).astype(bool))
    out["nama"] = raw["nama"]
    out["jenis_kelamin"] = S.jenis_kelamin(raw["jenis_kelamin"])
    out["status_kepegawaian"] = S.status(raw["status_cpns_pns"], raw["kedudukan_hukum_id"], raw["status_text"])
    pppk = (out["status_kepegawaian"] == "PPPK").fillna(False).astype(bool)
    # PPPK golongan (I–XVII) are kept as named: the PNS id table says nothing about them
    by_name = S.golongan(None, raw["gol_akhir_nama"])
    pppk_gol = by_name.where(by_name.isin(list(C.GOLONGAN_PPPK)).fillna(False).astype(bool))
    out["golongan"] = S.golongan(raw["gol_akhir_id"], raw["gol_akhir_nama"]).where(~pppk, pppk_gol)
    out["pendidikan"] = S.pendidikan(raw["tingkat_pendidikan_id"], raw["tingkat_pendidikan_nama"])
    out["jenis_jabatan_id"] = S.jenis_jabatan(raw["jenis_jabatan_id"], raw["jenis_jabatan_nama"])
    out["eselon"] = S.eselon(raw["eselon_id"], raw["eselon_nama"])
    out["eselon_kind"] = S.eselon_kind(raw["eselon_id"].fillna(raw["eselon_nama"]))
    out["unit"] = S.unit_id(raw["unor_id"])
    out["jabatan"] = raw["jabatan_nama"]
    for col, field_ in (("tanggal_lahir", "tanggal_lahir"), ("tmt_jabatan", "tmt_jabatan"), ("tmt_cpns", "tmt_cpns"),
                        ("tmt_kedudukan_hukum", "tmt_kedudukan"), ("_tmt_pensiun", "tmt_pensiun")):
        out[col], out[f"_bad_{col}"] = S.read_dates(raw[field_])
    out["agama"] = raw["agama"]
    out["kedudukan_hukum"] = S.kedudukan_hukum(raw["kedudukan_hukum_id"], raw["kedudukan_hukum_nama"])
    retired = out["kedudukan_hukum"].isin(["pensiun", "bup"]).fillna(False).astype(bool)
    out["tmt_kedudukan_hukum"] = out["tmt_kedudukan_hukum"].fillna(out["_tmt_pensiun"].where(retired))
    out["_bad_tmt_kedudukan_hukum"] |= out.pop("_bad__tmt_pensiun") & retired & out["tmt_kedudukan_hukum"].isna()
    out = out.drop(columns="_tmt_pensiun")
    out["cpns"] = S.is_cpns(raw["status_cpns_pns"], raw["status_text"])
    out["acting"] = S.penugasan_of_title(raw["jabatan_nama"]).notna().to_numpy()
    out.loc[out["acting"], list(POSITION)] = pd.NA
    out.loc[out["acting"], "eselon_kind"] = "none"
    return out


def unknown_values(raw: pd.DataFrame, values: pd.DataFrame, name: str) -> pd.Series:
    """True where a raw field held something but its value is NA (an unknown code, an unreadable date; `99` = no eselon
    is known; a position dropped as an acting post is none)."""
    if name in DATES:
        return values[f"_bad_{name}"].fillna(False).astype(bool)
    cols, _rule = PERSON_RULES[name]
    present = raw[list(cols)].notna().any(axis=1)
    miss = values[name].isna()
    if name == "eselon":
        miss &= (values["eselon_kind"] != "none").fillna(True)
    if name in POSITION:
        miss &= ~values["acting"].fillna(False).astype(bool)
    return (present & miss).astype(bool)


def _same(a: pd.Series, b: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(a):
        return (a == b).fillna(False).astype(bool)
    return (a.astype("string") == b.astype("string")).fillna(False).astype(bool)


def merge_persons(export: pd.DataFrame, utama: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Person values from both sources (same index, the NIP): data-utama's where it has one (it is the newer), else
    the export's; and a frame of booleans, True where both have a value and they differ."""
    merged = pd.DataFrame(index=utama.index)
    conflicts = pd.DataFrame(index=utama.index)
    for col in MERGED:
        merged[col] = utama[col].where(utama[col].notna(), export[col])
        conflicts[col] = utama[col].notna() & export[col].notna() & ~_same(utama[col], export[col])
    merged["eselon_kind"] = utama["eselon_kind"].where(utama["eselon_kind"].notna() & (utama["eselon_kind"] != "none"),
                                                       export["eselon_kind"])
    merged["cpns"] = utama["cpns"].fillna(False).astype(bool) | export["cpns"].fillna(False).astype(bool)
    return merged, conflicts.astype(bool)


def history_table(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Usable definitive rw-jabatan rows (nip, tanggal, level, eselon, opd_kode, jabatan, _file, _row; `kelas` where
    given) → the riwayat_jabatan table, and for each exact duplicate row left out the row number of the one kept.

    A person's rows are sorted by tanggal (same day: the lower level first, then file order); each is compared with
    the one before by `siasn_codes.classify_moves` (level, kelas jabatan, eselon a/b, JF jenjang), which also gives
    eselon_lama and opd_kode_lama."""
    ok = rows.assign(_rank=rows["level"].astype(object).map(R.LEVEL_RANK))
    ok = ok.sort_values(["nip", "tanggal", "_rank", "_file", "_row"], kind="stable")
    key = ["nip", "tanggal", "level", "eselon", "opd_kode", "jabatan"]
    dup = ok.duplicated(key, keep="first")
    first_row = ok.groupby([ok[k].astype("string").fillna("") for k in key], sort=False)["_row"].transform("first")
    duplicates = first_row[dup].astype(int).astype(str)
    ok = ok[~dup]
    if "kelas" not in ok:
        ok = ok.assign(kelas=np.nan)
    prev = ok.groupby("nip")[["level", "eselon", "opd_kode", "kelas", "jabatan"]].shift(1)
    kind = S.classify_moves(prev["level"], prev["opd_kode"], ok["level"], ok["opd_kode"], prev["eselon"], ok["eselon"],
                            prev["kelas"], ok["kelas"], prev["jabatan"], ok["jabatan"])
    out = pd.DataFrame({"nip": ok["nip"], "tanggal": pd.to_datetime(ok["tanggal"]), "jenis_mutasi": kind,
                        "jabatan_baru": ok["jabatan"], "jenis_jabatan_baru": ok["level"], "eselon_baru": ok["eselon"],
                        "opd_kode_baru": ok["opd_kode"], "eselon_lama": prev["eselon"], "opd_kode_lama": prev["opd_kode"]})
    out = out.astype({c: "string" for c in out.columns if c != "tanggal"})
    return out.sort_values(["tanggal", "nip"], kind="stable").reset_index(drop=True), duplicates


# --------------------------------------------------------------------------- ledger and mapping helpers

class _Why:
    """The first reason each row cannot be used (a later check never overwrites an earlier one), and its detail."""

    def __init__(self, index: pd.Index):
        self.reason = pd.Series(pd.NA, index=index, dtype="string")
        self.detail = pd.Series("", index=index, dtype="string")

    def __call__(self, where: pd.Series | np.ndarray, code: str, text: pd.Series | str = "") -> None:
        take = pd.Series(where, index=self.reason.index).fillna(False).astype(bool) & self.reason.isna()
        self.reason[take] = code
        self.detail[take] = text[take] if isinstance(text, pd.Series) else text


def _ledger_frame(frame: pd.DataFrame, source: str, reason: pd.Series, detail: pd.Series, nip: pd.Series,
                  used: pd.Series | None = None) -> pd.DataFrame:
    """Ledger rows for every row of `frame`: left out where `reason` is set (and not `used`), else used."""
    used = reason.isna() if used is None else used
    return pd.DataFrame({"source": source, "file": frame["_file"].to_numpy(), "row": frame["_row"].to_numpy(),
                         "nip": nip.to_numpy(), "status": np.where(used.to_numpy(), USED, LEFT_OUT),
                         "reason": reason.to_numpy(), "detail": detail.to_numpy()})


def _messages(ledger: pd.DataFrame, lang: str) -> pd.Series:
    def one(reason: object, detail: object) -> str:
        if not isinstance(reason, str) or not reason:
            return ""
        texts = (REASONS.get(r, {}).get(lang, REASONS.get(r, {}).get("id", (r, r)))[1] for r in reason.split("; "))
        return "; ".join(t.format(detail="" if pd.isna(detail) else detail) for t in texts)

    return pd.Series([one(r, d) for r, d in zip(ledger["reason"], ledger["detail"])], index=ledger.index, dtype="string")


def label(reason: str, lang: str = "id") -> str:
    """A ledger reason's short label in `lang`."""
    return REASONS.get(reason, {}).get(lang, (reason, ""))[0]


def _values(raw: pd.Series, where: pd.Series, nip: bool = False, top: int = 5) -> str:
    """The most frequent values at `where`, as `value (count); …` (NIPs masked)."""
    vals = raw[pd.Series(where).fillna(False).astype(bool).to_numpy()].astype("string")
    counts = (mask(vals) if nip else vals).value_counts().head(top)
    return "; ".join(f"{v} ({n})" for v, n in counts.items())


def _row(source: str, field_: str, target: str, rule: str, rows: int, mapped: int, unmapped: int = 0,
         unmapped_values: str = "", conflicts: int | None = None, winner: str = "", note: str = "") -> dict:
    return {"source": source, "field": field_, "target": target, "rule": S.SOURCES.get(rule, rule), "rows": rows,
            "mapped": mapped, "unmapped": unmapped, "unmapped_values": unmapped_values, "conflicts": conflicts,
            "winner": winner, "note": note}


def _t(lang: str, id_: str, en: str) -> str:
    return en if lang == "en" else id_


# --------------------------------------------------------------------------- the conversion

def convert(src: Path | str, out: Path | str | None = None, lang: str = "id") -> SiasnResult:
    """Convert a SIASN folder (see the module docstring) into our four tables, the mapping report and the ledger;
    with `out`, also write them there (`SiasnResult.write`)."""
    src = Path(src)
    if not src.is_dir():
        raise InputError(f"{src}: folder SIASN tidak ditemukan", en=f"{src}: SIASN folder not found")
    files = find_siasn_files(src)
    if files.old_excel:
        names = ", ".join(f.name for f in files.old_excel)
        raise InputError(f"{names}: format Excel lama (.xls) tidak dapat dibaca; simpan sebagai .xlsx atau CSV UTF-8",
                         en=f"{names}: old Excel format (.xls) cannot be read; save it as .xlsx or CSV UTF-8")
    if not files.exports and DATA_UTAMA not in files.folders:
        raise InputError(f"{src}: tidak ada berkas Export Data ASN (header nip_baru, unor_id, …) maupun folder "
                         "data-utama/", en=f"{src}: no Export Data ASN file (headers nip_baru, unor_id, …) and no "
                         "data-utama/ folder")
    result = _Conversion(files, lang).run()
    if out is not None:
        result.write(out)
    return result


@dataclass
class _Source:
    """One person source (the export or data-utama): its rows, raw fields, values, and which rows can be a person."""

    name: str
    frame: pd.DataFrame
    raw: pd.DataFrame
    columns: dict[str, str]
    values: pd.DataFrame
    why: _Why
    nip: pd.Series            # the NIP of the rows that can be a person (NA elsewhere)
    first: pd.Series          # the first such row of each NIP: index = row, value = NIP

    @classmethod
    def read(cls, name: str, frame: pd.DataFrame) -> _Source:
        raw, columns = person_raw(frame, name)
        if name != EXPORT and len(frame):
            raw["nip_baru"] = S.clean(frame["_nip_file"]).fillna(raw["nip_baru"])
        values = person_values(raw)
        why = _Why(frame.index)
        if len(frame):
            nip_raw = raw["nip_baru"]
            numeric = frame["_nip_number"] if "_nip_number" in frame else pd.Series(False, index=frame.index)
            as_number = excel_number(nip_raw.fillna("")) | numeric.fillna(False).astype(bool)
            why(as_number, "nip_as_number", mask(nip_raw.fillna("")))
            why(values["nip"].isna(), "invalid_nip", nip_raw.fillna("-").str.slice(0, 24))
            if name != EXPORT:
                mism = frame["_nip_file"].notna() & frame["_nip_inner"].notna() & (frame["_nip_file"] != frame["_nip_inner"])
                pair = frame["_nip_file"].astype("string") + " ≠ " + frame["_nip_inner"].astype("string")
                why(mism, "nip_mismatch", pair)
        nip = values["nip"].where(why.reason.isna())
        first = nip.dropna().drop_duplicates()
        return cls(name, frame, raw, columns, values, why, nip, first)

    def by_nip(self, table: pd.DataFrame, nips: pd.Index) -> pd.DataFrame:
        """`table`'s row of each NIP (its first), indexed by NIP; all-NA for a NIP this source lacks."""
        return table.loc[self.first.index].set_index(pd.Index(self.first.to_numpy(), dtype="string")).reindex(nips)


class _Conversion:
    """One conversion: the steps fill the tables, the mapping rows and the ledger frames in order."""

    def __init__(self, files: SiasnFiles, lang: str):
        self.files, self.lang = files, lang
        self.mapping: list[dict] = []
        self.ledger: list[pd.DataFrame] = []
        self.tables: dict[str, pd.DataFrame] = {}
        self.counts: dict[str, dict[str, int]] = {}

    def t(self, id_: str, en: str) -> str:
        return _t(self.lang, id_, en)

    def folder(self, name: str) -> pd.DataFrame:
        raw, empty = read_folder(self.files.folders.get(name), name, self.lang)
        self.ledger.append(empty)
        return raw

    def run(self) -> SiasnResult:
        self.tree()
        self.read_sources()
        self.positions()
        self.persons()
        self.history()
        self.kinerja()
        self.golongan_ledger()
        self.profiling()
        ledger = pd.concat([f for f in self.ledger if len(f)] or [_ledger_rows([])], ignore_index=True)
        ledger = ledger.iloc[np.argsort(ledger["source"].map(SOURCES.index).to_numpy(), kind="stable")]
        ledger = ledger.reset_index(drop=True)
        ledger = ledger.astype({"nip": "string", "reason": "string", "detail": "string"})
        ledger["row"] = pd.array(ledger["row"], dtype="Int64")
        ledger["message"] = _messages(ledger, self.lang)
        mapping = pd.DataFrame(self.mapping, columns=MAPPING_COLUMNS)
        mapping["conflicts"] = pd.array(mapping["conflicts"], dtype="Int64")
        tables = {name: self.tables[name] for name in C.TABLES}
        return SiasnResult(tables, mapping, ledger[[*LEDGER_COLUMNS, "detail"]], self.files.root, self.lang, self.counts)

    # ---- the unit tree
    def tree(self) -> None:
        units = read_ref_unor(self.files.ref_unor, self.lang)
        self.place = Placement(units)
        if self.files.ref_unor is not None:
            opd = self.place.opd
            lost = opd["opd_id"].isna()
            self.mapping.append(_row(REF_UNOR, "Id, DiatasanId, IndukUnorId, CepatKode", "OPD (opd_kode, opd_nama)",
                                     "walk DiatasanId up to the unit whose IndukUnorId is itself (or the top); the "
                                     "instansi (PEMERINTAH …) is never an OPD", len(units), int((~lost).sum()), int(lost.sum()),
                                     _values(opd.index.to_series(), lost),
                                     note=self.t(f"{opd['opd_id'].nunique()} OPD", f"{opd['opd_id'].nunique()} OPDs")))

    def rollup(self, unit: pd.Series, induk: pd.Series, induk_nama: pd.Series,
               unit_nama: pd.Series | None = None) -> pd.DataFrame:
        """Units → opd_kode, opd_nama, the unit's eselon, and how the OPD was found (`siasn_opd.Placement.rollup`)."""
        return self.place.rollup(unit, induk, induk_nama, unit_nama)

    # ---- the person sources and the history, read once; what they say about OPD ids and names
    def read_sources(self) -> None:
        frames, bad = [], []
        for path, header_row, sep in self.files.exports:
            frame, malformed = read_export(path, header_row, sep)
            frames.append(frame)
            bad.append(malformed)
        self.export = (pd.concat(frames, ignore_index=True) if frames
                       else pd.DataFrame(columns=["_file", "_row", "_nip_number"], dtype="object"))
        self.ledger += bad
        self.utama = self.folder(DATA_UTAMA)
        if not len(self.export) and not len(self.utama):
            raise self.no_person_source()
        self.jab = self.folder("rw-jabatan")
        ex_id, du_id = PERSON_FIELDS["unor_induk_id"], PERSON_FIELDS["unor_induk_nama"]
        pairs = [(S.unit_id(_pick(self.export, ex_id[0], lower=False)), _pick(self.export, du_id[0], lower=False)),
                 (S.unit_id(_pick(self.utama, ex_id[1])), _pick(self.utama, du_id[1])),
                 (S.unit_id(_pick(self.jab, ["unorIndukId"])), _pick(self.jab, ["unorIndukNama"]))]
        instansi = [S.unit_id(_pick(self.export, PERSON_FIELDS["instansi_id"][0], lower=False)),
                    S.unit_id(_pick(self.utama, PERSON_FIELDS["instansi_id"][1]))]
        self.place.learn(pairs, instansi)

    def no_person_source(self) -> InputError:
        """The one-line error when neither the export nor data-utama/ holds a person (an empty or failed pull)."""
        led = pd.concat([f for f in self.ledger if len(f)] or [_ledger_rows([])], ignore_index=True)
        bad = led[led["source"] == DATA_UTAMA]

        def state(lang: str) -> tuple[str, str]:
            export = text.t("siasn.state_no_rows" if self.files.exports else "siasn.state_missing", lang)
            if DATA_UTAMA not in self.files.folders:
                return export, text.t("siasn.state_missing", lang)
            if bad.empty:
                return export, text.t("siasn.state_empty", lang)
            first = self.files.folders[DATA_UTAMA] / str(bad.iloc[0]["file"])
            _records, empty, broken = (read_json_records(first, lang) if first.suffix.lower() == ".json"
                                       else ([], None, text.t("siasn.not_json", lang)))
            why = broken or label("empty_response", lang) + (f" ({empty})" if empty else "")
            return export, text.t("siasn.state_unreadable", lang, n=len(bad), first=f"{first.name}: {why}")

        msgs = {lang: text.t("siasn.no_person_source", lang, src=self.files.root, export=state(lang)[0],
                             utama=state(lang)[1]) for lang in ("id", "en")}
        return InputError(msgs["id"], en=msgs["en"])

    # ---- rw-jabatan rows, typed (the persons borrow their latest definitive position from them)
    def positions(self) -> None:
        raw = self.jab
        h = pd.DataFrame({"_file": raw["_file"], "_row": raw["_row"]}, index=raw.index)
        h["nip"] = record_nip(raw)
        h["tmt_raw"] = _pick(raw, ["tmtJabatan"])
        h["tanggal"], h["tanggal_bad"] = S.read_dates(h["tmt_raw"])
        h["jenis_raw"] = _pick(raw, ["jenisJabatan", "jenisJabatanId"])
        h["jenis"] = S.jenis_jabatan(h["jenis_raw"], _pick(raw, ["jenisJabatanNama"]))
        title = {"1": "namaJabatan", "3": "namaJabatan", "2": "jabatanFungsionalNama", "4": "jabatanFungsionalUmumNama"}
        h["jabatan"] = _pick(raw, ["namaJabatan", "jabatanFungsionalUmumNama", "jabatanFungsionalNama"])
        for jenis, key in title.items():
            own = (h["jenis"] == jenis).fillna(False) & _pick(raw, [key]).notna()
            h.loc[own, "jabatan"] = _pick(raw, [key])[own]
        self.assignments(h, raw)
        h["esl_raw"] = _pick(raw, ["eselonId"]).fillna(_pick(raw, ["eselon"]))
        h["eselon"] = S.eselon(_pick(raw, ["eselonId"]), _pick(raw, ["eselon"]))
        h["eselon_kind"] = S.eselon_kind(h["esl_raw"])
        h["kelas_raw"] = _pick(raw, ["kelasJabatan", "kelas_jabatan", "kelasJabatanNilai", "kelas"])
        kelas = pd.to_numeric(h["kelas_raw"], errors="coerce")
        h["kelas"] = kelas.where(kelas.between(1, 17) & (kelas == kelas.round()))
        h["unit"] = S.unit_id(_pick(raw, ["unorId"]))
        place = self.rollup(h["unit"], S.unit_id(_pick(raw, ["unorIndukId"])), _pick(raw, ["unorIndukNama"]),
                            _pick(raw, ["unorNama"]))
        h["opd_kode"], h["opd_nama"], h["via"] = place["opd_kode"], place["opd_nama"], place["via"]
        # a structural row without eselon takes its unit's (ref-unor EselonId)
        h["eselon_from_unit"] = ((h["jenis"] == "1") & h["eselon"].isna() & (h["eselon_kind"] == "none")
                                 & place["eselon_unit"].notna()).fillna(False).astype(bool)
        h.loc[h["eselon_from_unit"], "eselon"] = place.loc[h["eselon_from_unit"], "eselon_unit"]
        h["level"] = S.level(h["jenis"], h["eselon"])
        h["eselon"] = h["eselon"].where(h["level"].isin(list(C.ESELON_OF_JENIS)).fillna(False))
        why = _Why(raw.index)
        why(h["nip"].isna(), "invalid_nip", raw["_nip_file"].astype("string").fillna(raw["_nip_inner"].astype("string"))
            .fillna("-") if len(raw) else "")
        if len(raw):
            why(raw["_nip_file"].notna() & raw["_nip_inner"].notna() & (raw["_nip_file"] != raw["_nip_inner"]),
                "nip_mismatch", raw["_nip_file"].astype("string") + " ≠ " + raw["_nip_inner"].astype("string"))
        why(h["penugasan"].isin(list(S.ACTING)), "acting_assignment", h["penugasan"])
        why(h["penugasan"].isna(), "unknown_code", "jenisPenugasanId=" + h["pen_raw"].fillna(""))
        why(h["tanggal"].isna(), "invalid_date", "tmtJabatan=" + h["tmt_raw"].fillna(""))
        why(h["jenis"].isna(), "unknown_code", "jenisJabatan=" + h["jenis_raw"].fillna(""))
        why(h["eselon_kind"] == "outside", "outside_contract", _eselon_named(h["esl_raw"]))
        why(h["eselon_kind"] == "unknown", "unknown_code", "eselonId=" + h["esl_raw"].fillna(""))
        why(h["level"].isna(), "missing_required", "eselon (jenisJabatan=" + h["jenis"].fillna("") + ")")
        why(h["opd_kode"].isna(), "unit_not_in_tree", h["unit"].fillna("-"))
        h["reason"], h["detail"] = why.reason, why.detail
        self.hist = h
        ok = h[h["reason"].isna()].assign(_rank=lambda d: d["level"].astype(object).map(R.LEVEL_RANK))
        self.latest = (ok.sort_values(["nip", "tanggal", "_rank", "_file", "_row"], kind="stable")
                       .groupby("nip").tail(1).set_index("nip"))

    def assignments(self, h: pd.DataFrame, raw: pd.DataFrame) -> None:
        """Each row's penugasan (SOURCES["penugasan"], ["penugasan_title"]): jenisPenugasanId (code or name); where it
        is empty, jenisMutasiId when it holds a penugasan code (MJ/MU do not), else an acting title (Plt., Plh., Pj.,
        Pjs., Tugas Tambahan), else definitive by assumption (counted). `pen_from` says which."""
        h["pen_raw"] = _pick(raw, ["jenisPenugasanId"])
        by_code = S.penugasan(h["pen_raw"], _pick(raw, ["jenisPenugasanNama", "jenisPenugasan"]))
        empty = h["pen_raw"].isna() & by_code.isna()
        by_mutasi = S.penugasan(_pick(raw, ["jenisMutasiId"])).where(empty)
        by_title = S.penugasan_of_title(h["jabatan"]).where(empty & by_mutasi.isna())
        h["penugasan"] = by_code.fillna(by_mutasi).fillna(by_title)
        h["assumed_d"] = empty & h["penugasan"].isna()
        h.loc[h["assumed_d"], "penugasan"] = S.DEFINITIVE
        h["pen_from"] = pd.Series(np.select([by_code.notna(), by_mutasi.notna(), by_title.notna()],
                                            ["jenisPenugasanId", "jenisMutasiId", "title"], ""), index=h.index)

    # ---- persons
    def persons(self) -> None:
        ex, du = _Source.read(EXPORT, self.export), _Source.read(DATA_UTAMA, self.utama)
        nips = pd.Index(pd.concat([ex.first, du.first]).unique(), dtype="string")
        E, D = ex.by_nip(ex.values, nips), du.by_nip(du.values, nips)
        ER, DR = ex.by_nip(ex.raw, nips), du.by_nip(du.raw, nips)
        P, conflicts = merge_persons(E, D)
        acting_e, acting_d = E["acting"].fillna(False).astype(bool), D["acting"].fillna(False).astype(bool)
        P["acting"] = acting_e | acting_d
        # an acting post's unit and induk say nothing about the person's own OPD
        P["induk"] = S.unit_id(DR["unor_induk_id"].mask(acting_d)).fillna(S.unit_id(ER["unor_induk_id"].mask(acting_e)))
        P["induk_nama"] = DR["unor_induk_nama"].mask(acting_d).fillna(ER["unor_induk_nama"].mask(acting_e))
        P["unit_nama"] = DR["unor_nama"].mask(acting_d).fillna(ER["unor_nama"].mask(acting_e))
        self.bad_dates = {name: V[[f"_bad_{c}" for c in DATES]].fillna(False).astype(bool).any(axis=1)
                          for name, V in ((EXPORT, E), (DATA_UTAMA, D))}
        fills = self.fill_gaps(P, E, D, nips)
        self.kedudukan_unknown = (unknown_values(DR, D, "kedudukan_hukum") | unknown_values(ER, E, "kedudukan_hukum"))
        why = self.persons_left_out(P, ER, DR, E, D)
        self.nips = set(nips[why.reason.isna()])
        self.left = set(nips[why.reason.notna()])
        self.person_ledger([ex, du], P, conflicts, why, nips)
        self.person_mapping([ex, du], P, conflicts, fills, why, ER, DR, E, D)
        cols = [c.name for c in C.PEGAWAI.all_columns]
        peg = P.loc[why.reason.isna()].assign(nip=lambda d: d.index.astype("string"),
                                              diklat_kepemimpinan=pd.NA)
        extra = ["agama"] if peg["agama"].notna().any() else []
        peg = peg[cols + extra].reset_index(drop=True)
        self.tables["pegawai"] = peg.astype({c: "string" for c in cols + extra if c not in DATES}).astype(
            {c: "datetime64[ns]" for c in DATES})
        self.P = P

    def fill_gaps(self, P: pd.DataFrame, E: pd.DataFrame, D: pd.DataFrame, nips: pd.Index) -> dict[tuple[str, str], int]:
        """Empty person values filled from the NIP, the latest definitive position, the unit tree, rw-golongan;
        derives the level and the OPD. Returns the number of fills per (value, source)."""
        fills: dict[tuple[str, str], int] = {}

        def fill(col: str, values: pd.Series, how: str) -> None:
            values = pd.Series(values, index=nips)
            take = P[col].isna() & values.notna()
            fills[(col, how)] = int(take.sum())
            P.loc[take, col] = values[take]

        from_nip = parse_nip(pd.Series(nips, index=nips))
        fill("jenis_kelamin", from_nip["nip_jenis_kelamin"], "NIP")
        fill("tanggal_lahir", from_nip["nip_tanggal_lahir"], "NIP")
        fill("status_kepegawaian", from_nip["nip_jenis"].where(from_nip["nip_valid"]), "NIP")
        latest = self.latest.reindex(nips)
        for col, hcol in (("unit", "unit"), ("jenis_jabatan_id", "jenis"), ("jabatan", "jabatan"),
                          ("tmt_jabatan", "tanggal")):
            fill(col, latest[hcol], "rw-jabatan")
        fill("eselon", latest["eselon"].where((latest["jenis"] == P["jenis_jabatan_id"]).fillna(False)), "rw-jabatan")
        place = self.rollup(P["unit"].astype("string"), P["induk"].astype("string"), P["induk_nama"].astype("string"),
                            P["unit_nama"].astype("string"))
        # a unit the rollup cannot place, taken from the latest definitive position: that row's OPD
        from_history = place["opd_kode"].isna() & latest["opd_kode"].notna() & (latest["unit"] == P["unit"]).fillna(False)
        place.loc[from_history, ["opd_kode", "opd_nama"]] = latest.loc[from_history, ["opd_kode", "opd_nama"]].to_numpy()
        place.loc[from_history, "via"] = latest.loc[from_history, "via"]
        structural = (P["jenis_jabatan_id"] == "1").fillna(False) & P["eselon"].isna()
        fill("eselon", place["eselon_unit"].where(structural), "ref-unor")
        self.golongan = self.read_golongan()
        before = P["golongan"].isna()
        fill("golongan", self.golongan.reindex(nips).where((P["status_kepegawaian"] != "PPPK").fillna(True)),
             "rw-golongan")
        self.filled_golongan = set(nips[before & P["golongan"].notna()])
        P["jenis_jabatan"] = S.level(P["jenis_jabatan_id"], P["eselon"])
        P["eselon"] = P["eselon"].where(P["jenis_jabatan"].isin(list(C.ESELON_OF_JENIS)).fillna(False))
        P["opd_kode"], P["opd_nama"], P["via"] = place["opd_kode"], place["opd_nama"], place["via"]
        return fills

    def persons_left_out(self, P: pd.DataFrame, ER: pd.DataFrame, DR: pd.DataFrame, E: pd.DataFrame,
                         D: pd.DataFrame) -> _Why:
        """Why a person cannot be kept: eselon outside the contract, an unknown code, a unit not in the tree, only an
        acting post known, an unreadable date, or a required value still empty (in that order). A kedudukan hukum other
        than aktif is no reason: such a person is kept, the column says it."""
        why = _Why(P.index)
        unknown = {c: unknown_values(DR, D, c) | unknown_values(ER, E, c) for c in (*CODED, *DATES)}

        def raw(col: str) -> pd.Series:
            cols = PERSON_RULES[col][0]
            first = DR[cols[0]].where(unknown_values(DR, D, col), ER[cols[0]])
            return (col + "=" + first.fillna(DR[cols[-1]]).fillna(ER[cols[-1]]).fillna("")).astype("string")

        no_level = P["jenis_jabatan"].isna()
        why(no_level & (P["eselon_kind"] == "outside").fillna(False), "outside_contract",
            _eselon_named(DR["eselon_id"].fillna(ER["eselon_id"]).fillna(DR["eselon_nama"]).fillna(ER["eselon_nama"])))
        why(no_level & unknown["jenis_jabatan_id"], "unknown_code", raw("jenis_jabatan_id"))
        why(no_level & unknown["eselon"], "unknown_code", raw("eselon"))
        for col in ("golongan", "pendidikan", "jenis_kelamin", "status_kepegawaian"):
            why(P[col].isna() & unknown[col], "unknown_code", raw(col))
        why(P["opd_kode"].isna() & P["unit"].notna(), "unit_not_in_tree", P["unit"].astype("string"))
        position = P[["jabatan", "jenis_jabatan", "tmt_jabatan", "opd_kode"]].isna().any(axis=1)
        acting_title = DR["jabatan_nama"].where(D["acting"].fillna(False).astype(bool)).fillna(
            ER["jabatan_nama"].where(E["acting"].fillna(False).astype(bool)))
        why(position & P["acting"], "acting_position_only", acting_title.fillna("").astype("string"))
        for col in ("tanggal_lahir", "tmt_jabatan"):
            why(P[col].isna() & unknown[col], "invalid_date", raw(col))
        why(no_level & (P["jenis_jabatan_id"] == "1").fillna(False), "missing_required", "eselon")
        for col in REQUIRED:
            why(P[col].isna(), "missing_required", {"opd_kode": "unor_id"}.get(col, col))
        return why

    def person_ledger(self, sources: list[_Source], P: pd.DataFrame, conflicts: pd.DataFrame, why: _Why,
                      nips: pd.Index) -> None:
        """One ledger row per export row and data-utama file: left out with its reason, or used with its notes."""
        names = np.asarray(conflicts.columns)
        conflict_text = pd.Series([", ".join(names[r]) for r in conflicts.to_numpy()], index=nips, dtype="string")
        has_history = pd.Series(nips.isin(self.hist.loc[self.hist["reason"].isna(), "nip"].dropna()), index=nips)
        in_source = {s.name: pd.Series(nips.isin(s.first.to_numpy()), index=nips) for s in sources}
        for s in sources:
            if not len(s.frame):
                continue
            reason, detail = s.why.reason.copy(), s.why.detail.copy()
            dup = s.nip.notna() & ~s.frame.index.isin(s.first.index)
            where_first = pd.Series(s.first.index, index=s.first.to_numpy())
            reason[dup] = "duplicate_nip"
            detail[dup] = [f"{s.frame.at[i, '_file']}:{s.frame.at[i, '_row']}" for i in where_first.reindex(s.nip[dup])]
            person = s.nip.notna() & ~dup
            gone = person & s.nip.isin(list(self.left)).fillna(False)
            reason[gone] = s.nip[gone].map(why.reason)
            detail[gone] = s.nip[gone].map(why.detail)
            keep = person & ~gone
            flags = pd.DataFrame({
                "conflict_data_utama": conflict_text != "", "cpns_as_pns": P["cpns"], "no_history": ~has_history,
                "not_in_export": (~in_source[EXPORT] & bool(self.files.exports)) if s.name == DATA_UTAMA else False,
                "no_data_utama": (~in_source[DATA_UTAMA] & (DATA_UTAMA in self.files.folders)) if s.name == EXPORT
                else False,
                "filled_golongan": nips.isin(list(self.filled_golongan)),
                "date_unreadable": self.bad_dates[s.name].reindex(nips).fillna(False),
                "not_active": (P["kedudukan_hukum"].notna() & (P["kedudukan_hukum"] != C.ACTIVE)).fillna(False),
                "kedudukan_unknown": P["kedudukan_hukum"].isna() & self.kedudukan_unknown,
                "acting_title": P["acting"]}, index=nips).astype(bool)
            codes = np.asarray(flags.columns)
            notes = pd.Series(["; ".join(codes[r]) for r in flags.to_numpy()], index=nips, dtype="string")
            reason[keep] = s.nip[keep].map(notes).replace("", pd.NA)
            detail[keep] = s.nip[keep].map(conflict_text)
            nip = s.nip.fillna(s.raw["nip_baru"])
            self.ledger.append(_ledger_frame(s.frame, s.name, reason, detail, nip, used=keep))

    def person_mapping(self, sources: list[_Source], P: pd.DataFrame, conflicts: pd.DataFrame,
                       fills: dict[tuple[str, str], int], why: _Why, ER: pd.DataFrame, DR: pd.DataFrame,
                       E: pd.DataFrame, D: pd.DataFrame) -> None:
        by_name = {EXPORT: (ER, E), DATA_UTAMA: (DR, D)}
        for col, (cols, rule) in PERSON_RULES.items():
            target = TARGET.get(col, f"pegawai.{col}")
            for s in sources:
                if s.name == DATA_UTAMA and DATA_UTAMA not in self.files.folders:
                    continue
                if s.name == EXPORT and not self.files.exports:
                    continue
                found = [s.columns[c] for c in cols if c in s.columns]
                if not found:
                    self.mapping.append(_row(s.name, "-", target, rule, 0, 0, note=self.t(
                        "kolom tidak ada di sumber ini", "no such column in this source")))
                    continue
                if col == "nip":
                    bad = s.why.reason.notna() & s.raw["nip_baru"].notna()
                    present = int(s.raw["nip_baru"].notna().sum())
                    self.mapping.append(_row(s.name, ", ".join(found), target, rule, present, present - int(bad.sum()),
                                             int(bad.sum()), _values(s.raw["nip_baru"], bad, nip=True)))
                    continue
                raw, val = by_name[s.name]
                present = raw[list(cols)].notna().any(axis=1)
                unk = (unknown_values(raw, val, col) if col in (*CODED, *DATES)
                       else pd.Series(False, index=raw.index))
                conf = int(conflicts[col].sum()) if s.name == DATA_UTAMA else None
                self.mapping.append(_row(s.name, ", ".join(found), target, rule, int(present.sum()),
                                         int((present & val[col].notna()).sum()), int(unk.sum()),
                                         _values(raw[cols[0]].fillna(raw[cols[-1]]), unk), conf,
                                         DATA_UTAMA if conf is not None else ""))
        rules = {"NIP": "NIP structure (DESIGN §4)", "rw-jabatan": "latest definitive position (rw-jabatan)",
                 "ref-unor": "EselonId of the unit (ref-unor)", "rw-golongan": "latest golonganId (rw-golongan)"}
        for (col, how), n in fills.items():
            if n:
                self.mapping.append(_row(how, self.t("pengisi yang kosong", "gap filler"), TARGET.get(col, f"pegawai.{col}"),
                                         rules[how], n, n, note=self.t("diisi karena ekspor dan data-utama kosong",
                                                                       "filled where export and data-utama are empty")))
        kept = why.reason.isna()
        self.mapping.append(_row("-", "-", "pegawai.diklat_kepemimpinan", "-", 0, 0, note=self.t(
            "tidak dibaca dari SIASN (rw-diklat di luar cakupan): kosong", "not read from SIASN (rw-diklat is out of "
            "scope): empty")))
        n_cpns = int(P.loc[kept, "cpns"].sum())
        self.mapping.append(_row("status_cpns_pns", "C", "pegawai.status_kepegawaian", "cpns", n_cpns, n_cpns,
                                 note=self.t("CPNS dihitung sebagai PNS", "CPNS counted as PNS")))
        via = P.loc[kept, "via"].value_counts()
        lost = why.reason == "unit_not_in_tree"
        self.mapping.append(_row(REF_UNOR, "unorId → OPD", "pegawai.opd_kode, opd_nama", "opd_induk",
                                 int(P["unit"].notna().sum()), int(via.sum()), int(lost.sum()),
                                 _values(P["unit"].astype("string"), lost),
                                 note=self.t("lewat unit {unit}, lewat unorIndukId {induk}, tanpa pohon {induk_tanpa_pohon}, "
                                             "lewat nama UNOR INDUK {induk_nama}, unit yang dikepalai (unorInduk = "
                                             "Pemda) {kepala_unit}",
                                             "via the unit {unit}, via unorIndukId {induk}, without a tree "
                                             "{induk_tanpa_pohon}, via the UNOR INDUK name {induk_nama}, the unit headed "
                                             "(unorInduk = the Pemda) {kepala_unit}").format(
                                     **{m: int(via.get(m, 0)) for m in METHODS})))
        self.counts["opd"] = {m: int(via.get(m, 0)) for m in METHODS}
        states = P.loc[kept, "kedudukan_hukum"].fillna("-").value_counts()
        self.counts["kedudukan"] = {str(k): int(v) for k, v in states.items()}
        self.mapping.append(_row("-", "kedudukan_hukum", "pegawai.kedudukan_hukum, tmt_kedudukan_hukum",
                                 "kedudukan_hukum", int(kept.sum()), int(P.loc[kept, "kedudukan_hukum"].notna().sum()),
                                 int((kept & self.kedudukan_unknown & P["kedudukan_hukum"].isna()).sum()),
                                 note=self.t("pegawai yang dipakai per kedudukan (bukan aktif tetap di pegawai): ",
                                             "persons kept per state (not aktif: kept in pegawai): ")
                                 + ", ".join(f"{k} {v}" for k, v in states.items())))
        acting = P["acting"] & kept
        self.mapping.append(_row("-", "jabatan_nama, jabatanNama", "pegawai.jabatan, jenis_jabatan, eselon, tmt_jabatan",
                                 "penugasan_title", len(P),
                                 int(acting.sum()), int((P["acting"] & ~kept).sum()),
                                 note=self.t("jabatan di ekspor/data-utama yang berupa penugasan sementara (Plt., Plh., "
                                             "Pj., Tugas Tambahan): diganti jabatan definitif terakhir dari rw-jabatan",
                                             "a position in the export/data-utama that is an acting post (Plt., Plh., "
                                             "Pj., Tugas Tambahan): replaced by the latest definitive one of rw-jabatan")))
        no_history = len(self.nips - set(self.hist.loc[self.hist["reason"].isna(), "nip"].dropna()))
        self.mapping.append(_row("rw-jabatan", "<nip>.json", "riwayat_jabatan", "NIP with no history", len(self.nips),
                                 len(self.nips) - no_history, no_history,
                                 note=self.t("NIP tanpa riwayat jabatan tetap di pegawai, tanpa peristiwa",
                                             "NIPs with no position history stay in pegawai, with no events")))

    # ---- the history, once the persons are known
    def history(self) -> None:
        h = self.hist
        unknown_person = h["reason"].isna() & ~h["nip"].isin(list(self.nips)).fillna(False)
        left = h["nip"].isin(list(self.left)).fillna(False)
        h.loc[unknown_person & left, "reason"] = "person_left_out"
        h.loc[unknown_person & ~left, "reason"] = "not_in_pegawai"
        usable = h["reason"].isna()
        riwayat, duplicates = history_table(h[usable])
        h.loc[duplicates.index, "reason"] = "duplicate_row"
        h.loc[duplicates.index, "detail"] = duplicates
        self.tables["riwayat_jabatan"] = riwayat
        used = h["reason"].isna()
        notes = h["reason"].where(~used, pd.Series(np.where(h["assumed_d"], "assumed_definitive", None), index=h.index,
                                                   dtype="string"))
        self.ledger.append(_ledger_frame(h, "rw-jabatan", notes, h["detail"], h["nip"], used=used))
        n = len(h)
        is_acting = h["penugasan"].isin(list(S.ACTING))
        acting = int(is_acting.sum())
        by = is_acting.groupby(h["pen_from"]).sum()
        titled = is_acting & (h["pen_from"] == "title")
        self.mapping += [
            _row("rw-jabatan", "jenisPenugasanId, jenisMutasiId, namaJabatan", "riwayat_jabatan (D only)", "penugasan", n,
                 int((h["penugasan"] == S.DEFINITIVE).sum()), int(h["penugasan"].isna().sum()),
                 _values(h["pen_raw"], h["penugasan"].isna()),
                 note=self.t("kosong dianggap definitif: {a}; sementara/tambahan (PLT, PLH, PJ, TT) {x}, tidak dihitung: "
                             "dari jenisPenugasanId {c}, dari jenisMutasiId {m}, dari judul jabatan {t}",
                             "empty taken as definitive: {a}; acting/additional (PLT, PLH, PJ, TT) {x}, not counted: "
                             "from jenisPenugasanId {c}, from jenisMutasiId {m}, from the title {t}")
                 .format(a=int(h["assumed_d"].sum()), x=acting, c=int(by.get("jenisPenugasanId", 0)),
                         m=int(by.get("jenisMutasiId", 0)), t=int(by.get("title", 0)))),
            _row("rw-jabatan", "namaJabatan (Plt./Plh./Pj./Pjs./Tugas Tambahan)", "riwayat_jabatan (D only)",
                 "penugasan_title", int((h["pen_from"].isin(["title", ""])).sum()), int(titled.sum()),
                 note=self.t("contoh judul: ", "titles matched, e.g.: ") + _values(h["jabatan"], titled)),
            _row("rw-jabatan", "tmtJabatan", "riwayat_jabatan.tanggal", "dates", n, int(h["tanggal"].notna().sum()),
                 int(h["tanggal_bad"].sum()), _values(h["tmt_raw"], h["tanggal_bad"]),
                 note=self.t("kosong: {e}", "empty: {e}").format(e=int((h["tanggal"].isna() & ~h["tanggal_bad"]).sum()))),
            _row("rw-jabatan", "kelasJabatan", "riwayat_jabatan.jenis_mutasi", "mutasi", int(h["kelas_raw"].notna().sum()),
                 int(h["kelas"].notna().sum()), int((h["kelas_raw"].notna() & h["kelas"].isna()).sum()),
                 _values(h["kelas_raw"], h["kelas_raw"].notna() & h["kelas"].isna()),
                 note=self.t("kelas jabatan 1–17 membandingkan dua jabatan setingkat", "kelas jabatan 1–17 compares two "
                             "posts of one level")),
            _row("rw-jabatan", "jenisJabatan, eselonId", "riwayat_jabatan.jenis_jabatan_baru, eselon_baru", "level", n,
                 int(h["level"].notna().sum()), int(h["level"].isna().sum()),
                 _values(h["jenis_raw"].fillna("") + "/" + h["esl_raw"].fillna(""), h["level"].isna()),
                 note=self.t("eselon dari unit (ref-unor): {e}", "eselon from the unit (ref-unor): {e}")
                 .format(e=int(h["eselon_from_unit"].sum()))),
            _row("rw-jabatan", "unorId", "riwayat_jabatan.opd_kode_baru", "ref-unor", n, int(h["opd_kode"].notna().sum()),
                 int(h["opd_kode"].isna().sum()), _values(h["unit"], h["opd_kode"].isna())),
            _row("rw-jabatan", self.t("urutan per NIP", "order per NIP"),
                 "riwayat_jabatan.jenis_mutasi, eselon_lama, opd_kode_lama", "mutasi", len(riwayat),
                 int(riwayat["jenis_mutasi"].notna().sum()),
                 note=", ".join(f"{k} {v}" for k, v in riwayat["jenis_mutasi"].value_counts().items())),
        ]

    # ---- kinerja
    def kinerja(self) -> None:
        raw22, raw = self.folder("rw-skp22"), self.folder("rw-skp")
        k22 = pd.DataFrame({"nip": record_nip(raw22), "tahun": _year(_pick(raw22, ["tahun"]))}, index=raw22.index)
        code, name = _pick(raw22, ["KuadranKinerjaNilai"]), _pick(raw22, ["kuadranKinerja"])
        by_code, by_name = S.kuadran(code), S.kuadran(None, name)
        by_ratings = S.predikat_from_ratings(S.rating(_pick(raw22, ["hasilKinerjaNilai"]), _pick(raw22, ["hasilKinerja"])),
                                             S.rating(_pick(raw22, ["PerilakuKerjaNilai"]), _pick(raw22, ["perilakuKerja"])))
        k22["predikat"] = by_code.fillna(by_name).fillna(by_ratings)
        k22["nilai"] = np.nan
        k22["raw"] = "kuadran=" + code.fillna("") + "/" + name.fillna("")
        k = pd.DataFrame({"nip": record_nip(raw), "tahun": _year(_pick(raw, ["tahun"]))}, index=raw.index)
        nilai_raw = _pick(raw, ["nilaiPrestasiKerja"]).fillna(_pick(raw, ["nilaiSkp"]))
        k["nilai"] = pd.to_numeric(nilai_raw.str.replace(",", ".", regex=False), errors="coerce")
        k["predikat"] = S.predikat_from_nilai(k["nilai"])
        k["raw"] = "nilai=" + nilai_raw.fillna("")
        in_skp22 = pd.MultiIndex.from_arrays([k22["nip"], k22["tahun"]])
        parts = []
        for source, frame, f in (("rw-skp22", raw22, k22), ("rw-skp", raw, k)):
            why = _Why(f.index)
            why(f["nip"].isna(), "invalid_nip", frame["_file"].astype("string") if len(frame) else "")
            why(f["tahun"].isna(), "invalid_date", "tahun=" + _pick(frame, ["tahun"]).fillna(""))
            why(f["predikat"].isna(), "unknown_code", f["raw"])
            why(f["nip"].isin(list(self.left)), "person_left_out")
            why(~f["nip"].isin(list(self.nips)).fillna(False), "not_in_pegawai")
            if source == "rw-skp":
                why(pd.MultiIndex.from_arrays([f["nip"], f["tahun"]]).isin(in_skp22), "replaced_by_skp22",
                    f["tahun"].astype("string"))
            ok = why.reason.isna()
            why(f.loc[ok, ["nip", "tahun"]].duplicated().reindex(f.index, fill_value=False), "duplicate_year",
                f["tahun"].astype("string"))
            self.ledger.append(_ledger_frame(frame, source, why.reason, why.detail, f["nip"]))
            parts.append(f.loc[why.reason.isna(), ["nip", "tahun", "predikat", "nilai"]])
        self.mapping += [
            _row("rw-skp22", "KuadranKinerjaNilai, kuadranKinerja, hasil/PerilakuKerjaNilai", "kinerja.predikat",
                 "kuadran", len(k22), int(k22["predikat"].notna().sum()), int(k22["predikat"].isna().sum()),
                 _values(k22["raw"], k22["predikat"].isna()),
                 int((by_code.notna() & by_name.notna() & (by_code != by_name)).fillna(False).sum()),
                 self.t("kode", "code"),
                 note=self.t("dari kode {c}, dari nama {n}, dari hasil × perilaku {r}",
                             "from the code {c}, from the name {n}, from hasil × perilaku {r}").format(
                     c=int(by_code.notna().sum()), n=int((by_code.isna() & by_name.notna()).sum()),
                     r=int((by_code.isna() & by_name.isna() & by_ratings.notna()).sum()))),
            _row("rw-skp", "nilaiPrestasiKerja, nilaiSkp", "kinerja.predikat, nilai", "skp_lama", len(k),
                 int(k["predikat"].notna().sum()), int(k["predikat"].isna().sum()), _values(k["raw"], k["predikat"].isna()),
                 note=self.t("Cukup → Butuh Perbaikan, Buruk → Sangat Kurang", "Cukup → Butuh Perbaikan, Buruk → "
                             "Sangat Kurang")),
        ]
        kin = pd.concat(parts, ignore_index=True).sort_values(["nip", "tahun"], kind="stable").reset_index(drop=True)
        self.tables["kinerja"] = pd.DataFrame({"nip": kin["nip"].astype("string"),
                                               "tahun": pd.array(kin["tahun"], dtype="Int64"),
                                               "predikat": kin["predikat"].astype("string"),
                                               "nilai": pd.to_numeric(kin["nilai"], errors="coerce").astype(float)})

    # ---- rank history: only the latest golongan, and only to fill an empty one
    def read_golongan(self) -> pd.Series:
        raw = self.folder("rw-golongan")
        g = pd.DataFrame({"nip": record_nip(raw), "_file": raw["_file"], "_row": raw["_row"],
                          "golongan": S.golongan(_pick(raw, ["golonganId"]), _pick(raw, ["golongan", "golonganNama"])),
                          "tmt_raw": _pick(raw, ["tmtGolongan"])}, index=raw.index)
        g["tmt"], g["tmt_bad"] = S.read_dates(g["tmt_raw"])
        latest = (g[g["nip"].notna() & g["golongan"].notna()].sort_values(["nip", "tmt"], kind="stable", na_position="first")
                  .groupby("nip").tail(1))
        self.gol = g.assign(latest=g.index.isin(latest.index))
        return latest.set_index("nip")["golongan"]

    def golongan_ledger(self) -> None:
        g = self.gol
        why = _Why(g.index)
        why(g["nip"].isna(), "invalid_nip", g["_file"].astype("string") if len(g) else "")
        why(g["nip"].isin(list(self.left)), "person_left_out")
        why(~g["nip"].isin(list(self.nips)).fillna(False), "not_in_pegawai")
        used = why.reason.isna() & g["latest"] & g["nip"].isin(list(self.filled_golongan))
        why(used, "filled_golongan")
        why(pd.Series(True, index=g.index), "rank_history")
        self.ledger.append(_ledger_frame(g, "rw-golongan", why.reason, why.detail, g["nip"], used=used))
        if len(g):
            peg = self.P["golongan"].reindex(self.golongan.index)
            differ = int((peg.notna() & (peg.astype("string") != self.golongan.astype("string"))).fillna(False).sum())
            self.mapping.append(_row("rw-golongan", "golonganId, tmtGolongan", "pegawai.golongan (gaps only)", "golongan",
                                     len(g), int(g["golongan"].notna().sum()), int(g["golongan"].isna().sum()),
                                     conflicts=differ, winner=self.t("ekspor/data-utama", "export/data-utama"),
                                     note=self.t("riwayat kenaikan pangkat bukan riwayat jabatan; golongan terakhir "
                                                 "hanya mengisi yang kosong", "rank history is not position history; the "
                                                 "latest golongan only fills an empty one")))
            self.mapping.append(_row("rw-golongan", "tmtGolongan", "pegawai.golongan (gaps only)", "dates", len(g),
                                     int(g["tmt"].notna().sum()), int(g["tmt_bad"].sum()),
                                     _values(g["tmt_raw"], g["tmt_bad"]),
                                     note=self.t("tanggal yang tidak terbaca: golongan itu tidak dipilih sebagai yang "
                                                 "terakhir", "an unreadable date: that golongan is never taken as the "
                                                 "latest")))

    # ---- profiling, passed through
    def profiling(self) -> None:
        cols = [c.name for c in C.PROFILING.columns]
        if self.files.profiling is None:
            self.tables["profiling"] = pd.DataFrame({c: pd.Series(dtype="string") for c in cols})
            self.mapping.append(_row(PROFILING, "-", "profiling", "-", 0, 0,
                                     note=self.t("tidak ada berkas profiling", "no profiling file")))
            return
        frame = read_profiling(self.files.profiling)
        nip = S.clean(frame["nip"]) if "nip" in frame else pd.Series(pd.NA, index=frame.index, dtype="string")
        why = _Why(frame.index)
        why(nip.isin(list(self.left)), "person_left_out")
        why(~nip.isin(list(self.nips)).fillna(False), "not_in_pegawai")
        self.ledger.append(_ledger_frame(frame, PROFILING, why.reason, why.detail, nip))
        kept = frame[why.reason.isna()].assign(nip=nip)
        out = pd.DataFrame(index=kept.index)
        bad_dates = pd.Series(False, index=kept.index)
        shown = pd.Series(pd.NA, index=kept.index, dtype="string")
        for c in C.PROFILING.columns:
            s = kept[c.name] if c.name in kept else pd.Series(pd.NA, index=kept.index, dtype="object")
            if c.kind == "date":
                out[c.name], bad = S.read_dates(s)
                bad_dates |= bad
                shown = shown.fillna(S.clean(s).where(bad))
            elif c.kind in ("float", "int"):
                x = pd.to_numeric(S.clean(s).str.replace(",", ".", regex=False), errors="coerce")
                out[c.name] = x.astype(float) if c.kind == "float" else x.astype("Float64").round().astype("Int64")
            else:
                out[c.name] = S.clean(s)
        self.tables["profiling"] = out.reset_index(drop=True)
        self.mapping.append(_row(PROFILING, ", ".join(c for c in cols if c in frame), "profiling", "as is", len(frame),
                                 int(why.reason.isna().sum()), int(why.reason.notna().sum()),
                                 note=self.t("sudah dalam kolom kontrak", "already in the contract's columns")))
        self.mapping.append(_row(PROFILING, "tanggal_asesmen", "profiling.tanggal_asesmen", "dates", len(kept),
                                 int(len(kept) - bad_dates.sum()), int(bad_dates.sum()), _values(shown, bad_dates),
                                 note=self.t("tanggal yang tidak terbaca dibiarkan kosong: validasi menolak barisnya",
                                             "an unreadable date is left empty: validation rejects its row")))


def _eselon_named(raw: pd.Series) -> pd.Series:
    """`52` → `52 (V.b)`: an eselon id BKN knows and the contract has no place for, with its name."""
    key = S.code_key(raw, 2)
    return (raw.fillna("") + key.map(lambda k: f" ({S.ESELON_OUTSIDE[k]})" if k in S.ESELON_OUTSIDE else "")
            .fillna("")).astype("string")


def _year(raw: pd.Series) -> pd.Series:
    y = pd.to_numeric(raw, errors="coerce")
    return pd.Series(y.where(y.between(1990, 2100)), index=raw.index).astype("Float64").round().astype("Int64")


# --------------------------------------------------------------------------- the data-quality lines

def summary_lines(result: SiasnResult, lang: str = "id") -> list[str]:
    """Counts for a report's data-quality section (no NIP, no name): rows read and left out per source and reason,
    acting assignments, export/data-utama conflicts per field, values that could not be mapped, CPNS."""
    en = lang == "en"
    led = result.ledger
    problem = led["status"].eq(LEFT_OUT) & ~led["reason"].isin(list(NOT_NEEDED)).fillna(False)
    by_source = pd.DataFrame({"n": led.groupby("source", sort=False).size(),
                              "out": problem.groupby(led["source"], sort=False).sum()})
    read = "; ".join(f"{src} {number(int(r.n), lang)}" + (f" ({number(int(r.out), lang)} "
                                                         + ("left out" if en else "ditinggalkan") + ")" if r.out else "")
                     for src, r in by_source.iterrows())
    lines = [("SIASN rows and files converted: " if en else "Baris dan berkas SIASN dikonversi: ") + read + "."]
    counts = result.reason_counts()
    for title, keep in ((("Left out", "Ditinggalkan"), lambda r: r not in NOT_NEEDED),
                        (("Not needed", "Tidak diperlukan"), lambda r: r in NOT_NEEDED)):
        rows = counts[(counts["status"] == LEFT_OUT) & counts["reason"].map(keep)]
        if len(rows):
            lines.append(title[0 if en else 1] + ": " + "; ".join(
                f"{r.source} — {label(r.reason, lang)} {number(int(r.n), lang)}" for r in rows.itertuples()) + ".")
    acting = int((led["reason"] == "acting_assignment").sum())
    lines.append(f"Acting/additional assignments (PLT, PLH, PJ, TT), never counted as appointments: {number(acting, lang)}."
                 if en else "Penugasan sementara/tambahan (PLT, PLH, PJ, TT), tidak pernah dihitung sebagai pengangkatan: "
                 f"{number(acting, lang)}.")
    m = result.mapping
    conf = m[(m["source"] == DATA_UTAMA) & m["conflicts"].fillna(0).gt(0)]
    if len(conf):
        lines.append(("Export and data-utama disagree (data-utama used): " if en else
                      "Ekspor dan data-utama berbeda (data-utama dipakai): ")
                     + "; ".join(f"{t.removeprefix('pegawai.')} {number(int(n), lang)}"
                                 for t, n in zip(conf["target"], conf["conflicts"])) + ".")
    no_history = m.loc[m["field"] == "<nip>.json", "unmapped"].sum()
    if no_history:
        lines.append(f"NIPs with no position history (kept, no events): {number(int(no_history), lang)}." if en else
                     f"NIP tanpa riwayat jabatan (tetap dipakai, tanpa peristiwa): {number(int(no_history), lang)}.")
    unk = m[m["unmapped"].fillna(0).gt(0) & (m["field"] != "<nip>.json")
            & m["source"].isin([EXPORT, DATA_UTAMA, "rw-jabatan", "rw-skp22", "rw-skp", REF_UNOR])]
    if len(unk):
        lines.append(("Values that could not be mapped: " if en else "Nilai yang tidak dapat dipetakan: ")
                     + "; ".join(f"{s} {f} {number(int(n), lang)}" for s, f, n in
                                 zip(unk["source"], unk["field"], unk["unmapped"])) + ".")
    methods = {k: v for k, v in result.counts.get("opd", {}).items() if v}
    if methods:
        lines.append(text.t("siasn.opd_found", lang, how="; ".join(
            f"{text.t('siasn.opd_' + k, lang)} {number(v, lang)}" for k, v in methods.items())))
    states = result.counts.get("kedudukan", {})
    if set(states) - {C.ACTIVE}:
        lines.append(text.t("siasn.kedudukan_line", lang, states="; ".join(
            f"{k if k != '-' else text.t('siasn.kedudukan_none', lang)} {number(v, lang)}" for k, v in states.items())))
    cpns = int(m.loc[m["source"] == "status_cpns_pns", "mapped"].sum())
    if cpns:
        lines.append(f"CPNS counted as PNS: {number(cpns, lang)}." if en else f"CPNS dihitung sebagai PNS: "
                     f"{number(cpns, lang)}.")
    return lines


# --------------------------------------------------------------------------- persons kept and left out, for a run

#: person-source rows left out although their person is kept through another row (not a person left out)
_SAME_PERSON = ("duplicate_nip", "duplicate_row")
#: the columns of the published mapping table (`mapping_counts`): counts only, never a value read from the data
MAPPING_COUNT_COLUMNS = ("kind", "source", "item", "label", "target", "status", "rows", "mapped", "unmapped",
                         "conflicts", "winner")


@dataclass(frozen=True)
class PersonCounts:
    """Persons of a conversion: kept in pegawai, left out, and the persons left out per (first) reason."""

    kept: int
    left_out: int
    reasons: dict[str, int]

    def as_dict(self) -> dict:
        return {"persons_kept": self.kept, "persons_left_out": self.left_out, "left_out_reasons": dict(self.reasons)}


def person_counts(result: SiasnResult) -> PersonCounts:
    """Persons kept (pegawai rows) and left out: export rows and data-utama files whose person is not kept, one per
    NIP (a row without a usable NIP counts alone), each under its first reason; a duplicate of a kept person is none."""
    led = result.ledger
    kept = set(result.tables["pegawai"]["nip"].dropna().astype(str))
    first = led["reason"].fillna("").str.split("; ").str[0]
    rows = led[led["source"].isin([EXPORT, DATA_UTAMA]) & led["status"].eq(LEFT_OUT) & ~first.isin(_SAME_PERSON)
               & ~led["nip"].astype("string").isin(kept).fillna(False)]
    key = rows["nip"].astype("string").fillna(rows["source"] + ":" + rows["file"].astype("string") + ":"
                                              + rows["row"].astype("string").fillna(""))
    per_person = first[rows.index].groupby(key.to_numpy(), sort=False).first()
    reasons = per_person.value_counts()
    return PersonCounts(len(kept), int(len(per_person)), {str(k): int(v) for k, v in reasons.items()})


def run_meta(result: SiasnResult, lang: str = "id") -> dict:
    """What a report's meta and manifest say about a SIASN input: persons kept and left out (per reason), acting
    assignments, the data-quality lines, and the inputs' fingerprints (file names, sizes and hashes, never a NIP)."""
    found = find_siasn_files(result.source)
    sizes = {p.name: p.stat().st_size for p in [*(e[0] for e in found.exports), found.ref_unor, found.profiling] if p}
    for name, folder in found.folders.items():
        files = [f for f in folder.iterdir() if f.is_file() and not _is_temporary(f)]
        sizes[f"{name}/ ({len(files)} files)"] = sum(f.stat().st_size for f in files)
    prints = result.fingerprints()
    return {**person_counts(result).as_dict(),
            "acting_assignments": int((result.ledger["reason"] == "acting_assignment").sum()),
            "ok": bool(result.ok), "summary": result.summary(lang),
            "inputs": {k: {"bytes": int(sizes.get(k, 0)), "sha256": v} for k, v in prints.items()}}


def mapping_counts(result: SiasnResult, lang: str = "id") -> pd.DataFrame:
    """The mapping report as counts only, for publication: each source field (rows, mapped, unmapped, conflicts) and
    each ledger reason per source and status (rows); the unmapped values and notes (which can hold data) stay out."""
    m = result.mapping
    fields = pd.DataFrame({"kind": "field", "source": m["source"], "item": m["field"], "label": m["rule"],
                           "target": m["target"], "status": pd.NA, "rows": m["rows"], "mapped": m["mapped"],
                           "unmapped": m["unmapped"], "conflicts": m["conflicts"], "winner": m["winner"]})
    counts = result.reason_counts()
    counts = counts[counts["reason"] != ""]
    reasons = pd.DataFrame({"kind": "reason", "source": counts["source"], "item": counts["reason"],
                            "label": counts["reason"].map(lambda r: label(r, lang)), "target": pd.NA,
                            "status": counts["status"], "rows": counts["n"], "mapped": pd.NA, "unmapped": pd.NA,
                            "conflicts": pd.NA, "winner": pd.NA})
    out = pd.concat([fields, reasons], ignore_index=True)[list(MAPPING_COUNT_COLUMNS)]
    for c in ("rows", "mapped", "unmapped", "conflicts"):
        out[c] = pd.array(pd.to_numeric(out[c], errors="coerce"), dtype="Int64")
    return out


def _reason_list(reasons: dict[str, int], lang: str) -> str:
    return "; ".join(f"{label(r, lang)} {number(int(n), lang)}" for r, n in reasons.items())


def read_line(meta: dict, lang: str = "id") -> str:
    """The command's line after reading a SIASN folder (from `run_meta` or `PersonCounts.as_dict`)."""
    kept, left = int(meta["persons_kept"]), int(meta["persons_left_out"])
    why = f" ({_reason_list(meta.get('left_out_reasons', {}), lang)})" if left else ""
    if lang == "en":
        return f"Folder read as SIASN: {number(kept, lang)} persons kept, {number(left, lang)} left out{why}."
    return f"Folder dibaca sebagai SIASN: {number(kept, lang)} pegawai dipakai, {number(left, lang)} dikeluarkan{why}."


def quality_line(meta: dict, lang: str = "id") -> str:
    """The data-quality line of a report page read from SIASN (from `run_meta`)."""
    kept, left = int(meta["persons_kept"]), int(meta["persons_left_out"])
    acting = number(int(meta.get("acting_assignments", 0)), lang)
    reasons = meta.get("left_out_reasons", {})
    if lang == "en":
        why = f" (why: {_reason_list(reasons, lang)})" if left else ""
        return (f"Province data read from SIASN: {number(kept, lang)} staff, {number(left, lang)} left out{why}; {acting} acting "
                "assignments (PLT, PLH, PJ, TT) not counted as appointments; per source and reason in "
                "tables/siasn_mapping.csv.")
    why = f" (alasan: {_reason_list(reasons, lang)})" if left else ""
    return (f"Data provinsi dibaca dari SIASN: {number(kept, lang)} pegawai, {number(left, lang)} dikeluarkan{why}; {acting} "
            "penugasan sementara (PLT, PLH, PJ, TT) tidak dihitung sebagai pengangkatan; rincian per sumber dan "
            "alasan di tables/siasn_mapping.csv.")
