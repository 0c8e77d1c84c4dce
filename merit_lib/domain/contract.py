"""The data contract: tables, columns, types, enumerations and header aliases (DESIGN §3).

This module is the single source of truth. The loader, the pandera schemas, the synthetic
generator and `data/README.md` (checked by a test) are all derived from `TABLES`.

OPD codes (`Column.code`: `pegawai.opd_kode`, `riwayat_jabatan.opd_kode_baru` and `opd_kode_lama`) are
identifiers, not numbers: the loader reads them as text, so leading zeros stay (`01` is never `1`; a code an
Excel sheet already stores as the number 1 has lost its zero before we see it), strips the white space around
them (` dinkes ` → `DINKES`) and upper-cases them (`dinkes` → `DINKES`). After that a code must match
`CODE_PATTERN` (letters A–Z, digits, `.`, `_`, `-`; at most 32 characters, starting with a letter or a digit),
because report file names are made from it; a row whose code does not (`../../x`, `<script>`) is rejected
(rule `opd_kode_pattern`).

Optional columns (`required=False`) may be absent from a file: the loader then adds them, all missing, with
their type, so every typed table has every contract column. `Table.extension` holds optional columns added after the
first contract (pegawai's `kedudukan_hukum`, `tmt_kedudukan_hukum`): read, typed and checked like the others and listed
in the dictionary (`Table.all_columns`), but not in `Table.columns`, so that producers written against the first
contract (the synthetic generator) keep working; a producer that knows them writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandera.pandas as pa

COMPETENCIES: tuple[str, ...] = (
    "integritas",
    "kerja_sama",
    "komunikasi",
    "orientasi_hasil",
    "pelayanan_publik",
    "pengembangan_diri",
    "mengelola_perubahan",
    "pengambilan_keputusan",
    "perekat_bangsa",
)

GOLONGAN_PNS: tuple[str, ...] = tuple(
    f"{r}/{s}" for r, subs in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde")) for s in subs
)
GOLONGAN_PPPK: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)
PENDIDIKAN: tuple[str, ...] = ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3")
JENIS_JABATAN: tuple[str, ...] = ("JPT Pratama", "Administrator", "Pengawas", "Pelaksana", "Fungsional")
ESELON: tuple[str, ...] = ("II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b")
DIKLAT: tuple[str, ...] = ("PKN II", "PKA", "PKP", "PIM II", "PIM III", "PIM IV")
PREDIKAT: tuple[str, ...] = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
#: `kenaikan_jenjang`: a JF jenjang rise (Ahli Pertama → Ahli Muda): neither a promotion nor a rotation
JENIS_MUTASI: tuple[str, ...] = ("promosi", "rotasi", "mutasi", "demosi", "pengangkatan", "kenaikan_jenjang")
#: kedudukan hukum (legal standing) of an ASN, our codes (BKN's ids grouped in domain.siasn_codes.KEDUDUKAN_HUKUM_ID):
#: only `aktif` is in post; every other state is out of the risk set (rules.is_active)
KEDUDUKAN_HUKUM: tuple[str, ...] = ("aktif", "cltn", "tugas_belajar", "mpp", "bup", "pensiun", "meninggal", "diberhentikan",
                                    "pemberhentian_sementara", "nonaktif")
ACTIVE = "aktif"
KATEGORI_JPM: tuple[str, ...] = ("Optimal", "Cukup Optimal", "Kurang Optimal")

#: what an OPD code may look like once trimmed and upper-cased (it becomes part of a report's file name)
CODE_PATTERN = r"[A-Z0-9][A-Z0-9._-]{0,31}"

#: which eselon family belongs to which structural position type
ESELON_OF_JENIS: dict[str, tuple[str, ...]] = {
    "JPT Pratama": ("II.a", "II.b"),
    "Administrator": ("III.a", "III.b"),
    "Pengawas": ("IV.a", "IV.b"),
}


@dataclass(frozen=True)
class Column:
    """One column of an input table: its type, rule and the headers accepted for it."""

    name: str
    kind: str  # text | nip | date | int | float | enum
    required: bool = True
    nullable: bool = False
    values: tuple[str, ...] = ()
    lo: float | None = None
    hi: float | None = None
    aliases: tuple[str, ...] = ()
    personal: bool = False
    doc: str = ""
    code: bool = False  # an identifier such as an OPD code: trimmed, upper-cased, checked against CODE_PATTERN

    def rule_text(self) -> str:
        """The rule as the data dictionary states it."""
        if self.kind == "enum":
            return "one of: " + ", ".join(f"`{v}`" for v in self.values)
        if self.lo is not None:
            return f"{self.lo:g} to {self.hi:g}"
        return self.doc


@dataclass(frozen=True)
class Table:
    """One input table of the extract."""

    name: str
    columns: tuple[Column, ...]
    required: bool = True
    doc: str = ""
    keys: tuple[str, ...] = field(default=("nip",))
    extension: tuple[Column, ...] = ()

    @property
    def all_columns(self) -> tuple[Column, ...]:
        """The columns, then the extension's (optional columns added later)."""
        return self.columns + self.extension

    def column(self, name: str) -> Column:
        return next(c for c in self.all_columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.all_columns]


def _comp(name: str) -> Column:
    return Column(name, "float", lo=1.0, hi=5.0, doc="competency level 1.0–5.0")


PEGAWAI = Table(
    "pegawai",
    doc="one row per ASN, state at the end of the period",
    columns=(
        Column("nip", "nip", aliases=("nip baru", "nip_baru", "nomor induk pegawai", "ni pppk"), doc="18 digits, unique"),
        Column("nama", "text", aliases=("nama lengkap", "nama pegawai"), personal=True, doc="personal data"),
        Column("jenis_kelamin", "enum", values=("L", "P"), aliases=("jk", "gender", "sex", "kelamin"),
               doc="must agree with the NIP's gender digit"),
        Column("tanggal_lahir", "date", aliases=("tgl lahir", "tgl_lahir", "tanggal lahir"),
               doc="must agree with the NIP's first 8 digits"),
        Column("status_kepegawaian", "enum", values=("PNS", "PPPK"), aliases=("status", "status asn", "jenis asn")),
        Column("golongan", "enum", values=GOLONGAN_PNS + GOLONGAN_PPPK, aliases=("gol", "pangkat golongan", "gol ruang"),
               doc="PNS I/a … IV/e; PPPK I … XVII"),
        Column("pendidikan", "enum", values=PENDIDIKAN, aliases=("tingkat pendidikan", "pendidikan terakhir")),
        Column("opd_kode", "text", aliases=("kode opd", "kode unor", "kode_unor", "kode satker"), code=True),
        Column("opd_nama", "text", aliases=("unor", "opd", "unit kerja", "perangkat daerah", "satker")),
        Column("jabatan", "text", aliases=("nama jabatan",)),
        Column("jenis_jabatan", "enum", values=JENIS_JABATAN, aliases=("jenis jabatan",)),
        Column("eselon", "enum", values=ESELON, nullable=True, aliases=("esl",),
               doc="required for JPT Pratama, Administrator, Pengawas"),
        Column("tmt_jabatan", "date", aliases=("tmt jabatan",), doc="start in current position"),
        Column("tmt_cpns", "date", required=False, nullable=True, aliases=("tmt cpns",)),
        Column("diklat_kepemimpinan", "enum", values=DIKLAT, required=False, nullable=True,
               aliases=("diklat", "diklatpim", "pelatihan kepemimpinan")),
    ),
    extension=(
        Column("kedudukan_hukum", "enum", values=KEDUDUKAN_HUKUM, required=False, nullable=True,
               aliases=("kedudukan hukum", "status kedudukan"),
               doc="legal standing; empty = not known (taken as `aktif`)"),
        Column("tmt_kedudukan_hukum", "date", required=False, nullable=True, aliases=("tmt kedudukan hukum",),
               doc="since when the kedudukan hukum holds; empty when not known"),
    ),
)

PROFILING = Table(
    "profiling",
    doc="competency assessment results, one row per ASN per assessment",
    columns=(
        Column("nip", "nip", aliases=("nip baru",), doc="must exist in pegawai"),
        Column("tanggal_asesmen", "date", aliases=("tanggal", "tgl asesmen", "tanggal profiling"), doc="not in the future"),
        Column("gelombang", "int", required=False, nullable=True, lo=1, hi=99, aliases=("wave", "sesi")),
        *(_comp(c) for c in COMPETENCIES),
        Column("jpm", "float", lo=0, hi=100, aliases=("job person match", "jpm persen"), doc="percent"),
        Column("kategori_jpm", "enum", values=KATEGORI_JPM, required=False, nullable=True, doc="derived when absent"),
        Column("skor_potensi", "float", required=False, nullable=True, lo=0, hi=100, aliases=("potensi", "skor potensial"),
               doc="derived from competencies when absent"),
    ),
)

KINERJA = Table(
    "kinerja",
    doc="performance (SKP), one row per ASN per year",
    keys=("nip", "tahun"),
    columns=(
        Column("nip", "nip", aliases=("nip baru",), doc="must exist in pegawai"),
        Column("tahun", "int", lo=1990, hi=2100, aliases=("periode", "tahun skp")),
        Column("predikat", "enum", values=PREDIKAT, nullable=True, aliases=("predikat kinerja", "predikat skp"),
               doc="derived from `nilai` when absent (PP 46/2011 bands)"),
        Column("nilai", "float", required=False, nullable=True, lo=0, hi=120, aliases=("nilai skp",),
               doc="pre-2022 numeric SKP"),
    ),
)

RIWAYAT = Table(
    "riwayat_jabatan",
    doc="position events",
    keys=("nip", "tanggal"),
    columns=(
        Column("nip", "nip", aliases=("nip baru",), doc="must exist in pegawai"),
        Column("tanggal", "date", aliases=("tmt", "tmt jabatan"), doc="TMT of the event"),
        Column("jenis_mutasi", "enum", values=JENIS_MUTASI, nullable=True, aliases=("jenis", "jenis perubahan")),
        Column("jabatan_baru", "text", nullable=True),
        Column("jenis_jabatan_baru", "enum", values=JENIS_JABATAN),
        Column("eselon_baru", "enum", values=ESELON, nullable=True),
        Column("opd_kode_baru", "text", code=True),
        Column("eselon_lama", "enum", values=ESELON, required=False, nullable=True),
        Column("opd_kode_lama", "text", required=False, nullable=True, code=True),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (PEGAWAI, PROFILING, KINERJA, RIWAYAT)}
CHILD_TABLES: tuple[str, ...] = ("profiling", "kinerja", "riwayat_jabatan")


def header_key(header: object) -> str:
    """Normalise a header for matching: lower case, no spaces or punctuation."""
    return re.sub(r"[^0-9a-z]", "", str(header).lower())


def header_map(table: Table) -> dict[str, str]:
    """Every accepted header key (name or alias) → canonical column name."""
    out: dict[str, str] = {}
    for col in table.all_columns:
        for h in (col.name, *col.aliases):
            out[header_key(h)] = col.name
    return out


def enum_lookup(values: tuple[str, ...]) -> dict[str, str]:
    """Case- and spacing-insensitive lookup of enumeration values → canonical spelling."""
    return {re.sub(r"[\s_\-]", "", v.lower()): v for v in values}


def schema(table: Table) -> pa.DataFrameSchema:
    """The pandera schema that checks a typed table's enumerations and ranges."""
    cols = {}
    for c in table.all_columns:
        checks = []
        if c.kind == "enum":
            checks.append(pa.Check.isin(list(c.values), name="enum"))
        if c.lo is not None:
            checks.append(pa.Check.in_range(c.lo, c.hi, name="range"))
        cols[c.name] = pa.Column(nullable=True, checks=checks, required=False)
    return pa.DataFrameSchema(cols, strict=False, coerce=False)


def data_dictionary() -> str:
    """The data dictionary as Markdown (kept in data/README.md between the DICTIONARY markers)."""
    lines = []
    for t in TABLES.values():
        lines += [f"### {t.name} — {t.doc} ({'required' if t.required else 'optional'})", "",
                  "| column | type | required | rule | also accepted as |", "|---|---|---|---|---|"]
        for c in t.all_columns:
            req = "yes" if c.required and not c.nullable else ("column required, may be empty" if c.required else "no")
            aliases = ", ".join(f"`{a}`" for a in c.aliases)
            lines.append(f"| `{c.name}` | {c.kind} | {req} | {c.rule_text()} | {aliases} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
