"""An independently made SIASN-shaped folder, written from /work/shared/siasn.md and DESIGN.md only.

It does not import merit_lib and was written without reading its SIASN reader, so that it does not share
that reader's assumptions. `make(folder, seed)` writes what a BKD assembles from BKN's SIASN:

* ``Export Data ASN`` (CSV, or XLSX with a title row above the header): lower snake_case headers of an OLDER
  vintage (no eselon, no unit-induk/OPD column; ``unor_id``/``unor_nama`` are the person's *unit*), NIPs
  as text with a leading ``'``, empty cells as the literal text ``null``, dates ``dd-mm-yyyy``, sex ``M``/``F``,
  golongan and education as ids (education ids zero-padded text, e.g. ``05``), ``status_cpns_pns`` P/C and
  ``kedudukan_hukum_id`` 71 for PPPK, ``satuan_kerja_*`` naming the province (never the OPD), unit names in
  upper case for part of the rows;
* ``ref-unor.json``: the unit tree (``Id``, ``DiatasanId``, ``IndukUnorId``, ``NamaUnor``, ``EselonId``), units
  nested up to three levels under their OPD (an SMA under a Cabang Dinas under the Dinas Pendidikan, an
  Instalasi under a Bidang of the RSUD), non-structural units with ``EselonId`` ``99`` or null;
* ``data-utama/<nip>.json`` for most (not all) persons, ``rw-jabatan/<nip>.json`` (rows in no particular order,
  no promosi field, acting rows ``jenisPenugasanId`` PLT/PLH/PJ/TT, partly spelt ``Plt``/``Plh``),
  ``rw-golongan/``, ``rw-skp22/`` (kuadran codes and BKN's upper-case names, "ESPEKTASI"), ``rw-skp/``
  (numeric, PP 46/2011), each either the whole web-service response or its ``data`` member;
* ``profiling.csv`` in the contract's columns (the assessment centre's results).

Quarter 2026Q1 holds a known set of moves: promotions (definitive appointments into a higher structural
level: Pelaksana/Fungsional -> Pengawas, Pengawas -> Administrator, Administrator -> JPT Pratama, some into
another OPD, some after an acting assignment in the same post), rotations, mutations to another OPD, a
structural official moved into a functional post, Pelaksana appointed into a functional post, acting
assignments (never promotions) and rank promotions in ``rw-golongan`` (not position promotions). Traps for
a reader that takes the previous *row* instead of the previous *definitive* position, or ``tmtPelantikan``
instead of ``tmtJabatan``, are planted on purpose (see `Truth.traps`).

All names, NIPs and numbers are invented; shares and sizes are this generator's assumptions.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

Q_START, Q_END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
RANK = {"Pelaksana": 0, "Fungsional": 0, "Pengawas": 1, "Administrator": 2, "JPT Pratama": 3}
ESELON_ID = {"II.a": "21", "II.b": "22", "III.a": "31", "III.b": "32", "IV.a": "41", "IV.b": "42"}
ESELON_LEVEL = {"II": "JPT Pratama", "III": "Administrator", "IV": "Pengawas"}
# golongan ids (siasn.md): 11-14 I/a-I/d, 21-24 II/a-II/d, 31-34 III/a-III/d, 41-45 IV/a-IV/e
GOL_ID = {f"{r}/{c}": f"{i}{j}" for i, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
          for j, c in enumerate("abcde", 1) if not (r != "IV" and c == "e")}
GOL_ORDER = list(GOL_ID)
ESELON_GOL = {"II.a": ("IV/c", "IV/d"), "II.b": ("IV/b", "IV/c"), "III.a": ("IV/a", "IV/b"),
              "III.b": ("III/d", "IV/a"), "IV.a": ("III/c", "III/d"), "IV.b": ("III/b", "III/c")}
# tingkat pendidikan (siasn.md): id, a name as the export spells it, our code
PENDIDIKAN = {"SD": [("05", "SD")], "SMP": [("10", "SLTP"), ("12", "SLTP Kejuruan")],
              "SMA": [("15", "SLTA"), ("17", "SLTA Kejuruan"), ("18", "SLTA Keguruan")],
              "D1": [("20", "Diploma I")], "D2": [("25", "Diploma II")], "D3": [("30", "Diploma III/Sarjana Muda")],
              "D4": [("35", "Diploma IV")], "S1": [("40", "S-1/Sarjana")], "S2": [("45", "S-2")],
              "S3": [("50", "S-3/Doktor")]}
PPPK_GOL = ["V", "VII", "IX", "X", "XI"]
KUADRAN = {1: "SANGAT BAIK", 2: "BAIK", 3: "BUTUH PERBAIKAN", 4: "KURANG", 5: "SANGAT KURANG"}
KUADRAN_PREDIKAT = {1: "Sangat Baik", 2: "Baik", 3: "Butuh Perbaikan", 4: "Kurang", 5: "Sangat Kurang"}
EKSPEKTASI = {1: "DIATAS ESPEKTASI", 2: "SESUAI ESPEKTASI", 3: "DIBAWAH ESPEKTASI"}
# DESIGN §4 (PermenPANRB 6/2022): (hasil, perilaku) -> kuadran code
SKP_MATRIX = {(1, 1): 1, (1, 2): 2, (1, 3): 4, (2, 1): 2, (2, 2): 2, (2, 3): 4, (3, 1): 3, (3, 2): 3, (3, 3): 5}
# PP 46/2011 bands, kept away from the band edges; DESIGN §4 maps Cukup -> Butuh Perbaikan, Buruk -> Sangat Kurang
NILAI_BANDS = (("Sangat Baik", 91.5, 98.0), ("Baik", 76.5, 89.5), ("Butuh Perbaikan", 61.5, 74.5),
               ("Kurang", 51.5, 59.5), ("Sangat Kurang", 40.0, 49.5))
COMPETENCIES = ("integritas", "kerja_sama", "komunikasi", "orientasi_hasil", "pelayanan_publik",
                "pengembangan_diri", "mengelola_perubahan", "pengambilan_keputusan", "perekat_bangsa")

# OPD: name, share of persons, head eselon, head title, bidang names, extra (UPTD-like, eselon III.b) units
OPDS = (
    ("Dinas Pendidikan dan Kebudayaan", 0.36, "II.a", "Kepala Dinas",
     ("Bidang Pembinaan SMA", "Bidang Pembinaan SMK", "Bidang Pendidikan Khusus", "Bidang Kebudayaan"),
     ("Cabang Dinas Pendidikan Wilayah Kota Serang", "Cabang Dinas Pendidikan Wilayah Kabupaten Lebak",
      "Cabang Dinas Pendidikan Wilayah Kabupaten Pandeglang")),
    ("RSUD Banten", 0.16, "II.b", "Direktur",
     ("Bidang Pelayanan Medik", "Bidang Keperawatan", "Bidang Penunjang Medik"), ()),
    ("Dinas Kesehatan", 0.09, "II.a", "Kepala Dinas",
     ("Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit", "Bidang Pelayanan Kesehatan",
      "Bidang Sumber Daya Kesehatan"), ("UPTD Laboratorium Kesehatan Daerah",)),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", 0.10, "II.a", "Kepala Dinas",
     ("Bidang Sumber Daya Air", "Bidang Bina Marga", "Bidang Cipta Karya", "Bidang Penataan Ruang"),
     ("UPTD Pengelolaan Jalan dan Jembatan Wilayah I", "UPTD Pengelolaan Jalan dan Jembatan Wilayah II")),
    ("Inspektorat Daerah", 0.06, "II.a", "Inspektur",
     ("Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II", "Inspektur Pembantu Wilayah III",
      "Inspektur Pembantu Wilayah IV"), ()),
    ("Badan Kepegawaian Daerah", 0.06, "II.a", "Kepala Badan",
     ("Bidang Pengadaan dan Informasi Kepegawaian", "Bidang Mutasi dan Promosi", "Bidang Pengembangan Karier",
      "Bidang Penilaian Kinerja dan Penghargaan"), ()),
    ("Satuan Polisi Pamong Praja", 0.09, "II.a", "Kepala Satuan",
     ("Bidang Penegakan Perundang-undangan Daerah", "Bidang Ketertiban Umum dan Ketenteraman Masyarakat",
      "Bidang Perlindungan Masyarakat"), ()),
    ("Dinas Perhubungan", 0.08, "II.a", "Kepala Dinas",
     ("Bidang Lalu Lintas Jalan", "Bidang Pelayaran", "Bidang Perkeretaapian dan Udara"),
     ("UPTD Pengelolaan Prasarana Perhubungan",)),
)
ZERO_OPD = 6  # Satuan Polisi Pamong Praja: no promotion in the quarter (a count of 0 must stay 0)
SEKRETARIAT_SUB = ("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan", "Subbagian Perencanaan dan Evaluasi")
SEKSI = ("Seksi Perencanaan", "Seksi Pembinaan", "Seksi Pengawasan dan Evaluasi")
FUNGSIONAL = {0: ("Guru Ahli Pertama", "Guru Ahli Muda", "Guru Ahli Madya", "Pengawas Sekolah Ahli Madya"),
              1: ("Perawat Ahli Pertama", "Perawat Terampil", "Dokter Ahli Muda", "Bidan Terampil",
                  "Apoteker Ahli Pertama", "Pranata Laboratorium Kesehatan Terampil"),
              2: ("Epidemiolog Kesehatan Ahli Muda", "Penyuluh Kesehatan Masyarakat Ahli Pertama",
                  "Dokter Ahli Madya"),
              4: ("Auditor Ahli Pertama", "Auditor Ahli Muda", "Pengawas Penyelenggaraan Urusan Pemerintahan "
                  "di Daerah Ahli Muda")}
FUNGSIONAL_OTHER = ("Analis Kebijakan Ahli Muda", "Pranata Komputer Ahli Pertama", "Perencana Ahli Muda",
                    "Analis Sumber Daya Manusia Aparatur Ahli Pertama", "Arsiparis Terampil")
PELAKSANA = ("Pengadministrasi Perkantoran", "Penata Layanan Operasional", "Pengelola Layanan Operasional",
             "Operator Layanan Operasional", "Pengolah Data dan Informasi", "Penelaah Teknis Kebijakan")
FIRST = {"M": ("Ahmad", "Budi", "Agus", "Dedi", "Hendra", "Asep", "Ujang", "Yusuf", "Rahmat", "Dadang", "Iwan"),
         "F": ("Siti", "Dewi", "Sri", "Rina", "Euis", "Neneng", "Lilis", "Fitri", "Ratna", "Iis", "Yanti")}
LAST = ("Hidayat", "Saputra", "Rahman", "Suryadi", "Permana", "Nurhayati", "Rahmawati", "Susanti", "Jaelani")
GELAR = {"S1": ("S.Pd.", "S.E.", "S.Kom.", "S.H.", "S.Kep."), "S2": ("M.Si.", "M.Pd.", "M.M."), "S3": ("M.Si.",),
         "D3": ("A.Md.", "A.Md.Kep."), "D4": ("S.Tr.Kes.",)}


@dataclass
class Unit:
    id: str
    parent: str | None
    induk: str | None
    name: str
    eselon: str | None  # "IV.a" … or None (non-structural unit)
    opd: int            # OPD index (-1 for the province)
    head_title: str | None = None


@dataclass
class Pos:
    """One rw-jabatan row: a definitive position ("D") or an acting/additional one."""
    tmt: dt.date
    penugasan: str      # D, PLT, PLH, PJ, TT
    level: str          # Pelaksana, Fungsional, Pengawas, Administrator, JPT Pratama
    unit: str
    title: str
    pelantikan: dt.date | None = None


@dataclass
class Person:
    nip: str
    pns_id: str
    status: str         # PNS, CPNS, PPPK
    sex: str            # M / F
    birth: dt.date
    tmt_cpns: dt.date
    pendidikan: str
    golongan: str
    nama: str
    gelar_depan: str | None
    gelar_belakang: str | None
    career: list[Pos] = field(default_factory=list)
    tag: str = ""        # what was planted for this person in the quarter
    unit_override: str | None = None  # export unit id that is not in ref-unor

    def definitive(self) -> list[Pos]:
        return sorted((p for p in self.career if p.penugasan == "D"), key=lambda p: p.tmt)

    def end(self) -> Pos:
        return self.definitive()[-1]


@dataclass
class Truth:
    """What the folder holds, computed from the planted careers (not from any reader)."""
    folder: Path
    export_file: Path
    opd: pd.DataFrame            # opd_id, opd_nama (as in ref-unor), n_pegawai, n_promosi
    persons: pd.DataFrame        # nip, status, opd_id, jenis_jabatan, eselon, jenis_kelamin, golongan, pendidikan, …
    promotions: pd.DataFrame     # nip, tanggal, opd_id, level_lama, level_baru (definitive, 2026Q1)
    acting: pd.DataFrame         # nip, tanggal, penugasan, level, opd_id (every acting/additional row)
    kinerja: pd.DataFrame        # nip, tahun, predikat, source (skp22 / skp)
    traps: dict[str, set[str]]   # trap name -> NIPs
    unresolvable: set[str]       # NIPs whose unit is in no tree and who have no data-utama: OPD unknown

    @property
    def n(self) -> int:
        return len(self.persons)

    @property
    def promotions_per_opd(self) -> dict[str, int]:
        return dict(zip(self.opd["opd_id"], self.opd["n_promosi"]))

    @property
    def persons_per_opd(self) -> dict[str, int]:
        return dict(zip(self.opd["opd_id"], self.opd["n_pegawai"]))


def _d(x: dt.date | None) -> str | None:
    return None if x is None else x.strftime("%d-%m-%Y")


def _level_of(eselon: str | None) -> str | None:
    return None if eselon is None else ESELON_LEVEL[eselon.split(".")[0]]


class _Builder:
    def __init__(self, seed: int, n: int):
        self.r = random.Random(seed)
        self.n = n
        self.units: dict[str, Unit] = {}
        self.people: list[Person] = []
        self.serials: set[str] = set()

    # ---------------------------------------------------------------- ids
    def hexid(self, k: int = 32) -> str:
        return "".join(self.r.choice("0123456789abcdef") for _ in range(k))

    def uuid(self) -> str:
        h = self.hexid()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def date_between(self, a: dt.date, b: dt.date) -> dt.date:
        return a + dt.timedelta(days=self.r.randint(0, max(0, (b - a).days)))

    # ---------------------------------------------------------------- the unit tree
    def unit(self, parent: str | None, induk: str | None, name: str, eselon: str | None, opd: int,
             head: str | None = None) -> str:
        uid = self.hexid()
        self.units[uid] = Unit(uid, parent, induk, name, eselon, opd, head)
        return uid

    def build_tree(self) -> None:
        self.root = self.unit(None, None, "Pemerintah Provinsi Banten", None, -1)
        self.opd_ids: list[str] = []
        for k, (name, _, es, head, bidang, uptd) in enumerate(OPDS):
            oid = self.hexid()
            self.units[oid] = Unit(oid, self.root, oid, name, es, k, f"{head} {name}" if head != "Inspektur"
                                   else "Inspektur")
            self.opd_ids.append(oid)
            sek = self.unit(oid, oid, "Sekretariat", "III.a", k, "Sekretaris")
            for s in SEKRETARIAT_SUB:
                self.unit(sek, oid, s, "IV.a", k, f"Kepala {s}")
            for b in bidang:
                head_b = b if b.startswith("Inspektur") else f"Kepala {b}"
                bid = self.unit(oid, oid, b, "III.a", k, head_b)
                for s in SEKSI[: 2 + (k % 2)]:
                    nm = f"{s} {b.replace('Bidang ', '').replace('Inspektur Pembantu ', '')}"
                    if b.startswith("Inspektur"):
                        continue  # an Irban has auditors, no seksi
                    self.unit(bid, oid, nm, "IV.a", k, f"Kepala {nm}")
                if k == 1:  # RSUD: instalasi under each bidang, no eselon
                    for j in range(2):
                        self.unit(bid, oid, f"Instalasi {b.split()[-1]} {j + 1}", self.r.choice(["99", None]), k)
            for u in uptd:
                uid = self.unit(oid, oid, u, "III.b", k, f"Kepala {u}")
                self.unit(uid, oid, f"Subbagian Tata Usaha {u}", "IV.b", k, f"Kepala Subbagian Tata Usaha {u}")
                if k == 0:  # SMA/SMK under each Cabang Dinas: three levels below the OPD
                    wil = u.split("Wilayah ")[1]
                    for j in range(1, 5):
                        kind = "SMA" if j < 3 else "SMK"
                        self.unit(uid, oid, f"{kind} Negeri {j} {wil}", self.r.choice(["99", None]), k)
        # normalise: EselonId "99"/None for non-structural units is already the eselon field
        for u in self.units.values():
            if u.eselon in ("99",):
                u.eselon = None
                u.head_title = None
                u.__dict__["eselon_raw"] = "99"

    def units_of(self, opd: int, eselon: str | None = "any", structural: bool | None = None) -> list[Unit]:
        out = [u for u in self.units.values() if u.opd == opd]
        if structural is True:
            out = [u for u in out if u.eselon]
        if eselon != "any":
            out = [u for u in out if u.eselon == eselon]
        return out

    def staff_unit(self, opd: int, fungsional: bool) -> Unit:
        us = [u for u in self.units.values() if u.opd == opd and u.eselon != "II.a" and u.eselon != "II.b"]
        if fungsional:
            plain = [u for u in us if not u.eselon]
            if plain:
                return self.r.choice(plain)
        return self.r.choice(us)

    # ---------------------------------------------------------------- persons
    def new_person(self, status: str, level: str, eselon: str | None) -> Person:
        r = self.r
        sex = r.choice("MF")
        age_min = {"JPT Pratama": 45, "Administrator": 38, "Pengawas": 32}.get(level, 23)
        birth = self.date_between(dt.date(1968, 1, 1), dt.date(2025 - age_min, 12, 31))
        if status == "CPNS":
            tmt_cpns = dt.date(2025, r.choice([1, 3, 6]), 1)
        elif status == "PPPK":
            tmt_cpns = dt.date(r.choice([2022, 2023, 2024]), r.choice([1, 3]), 1)
        else:
            lo = max(birth.year + 20, 1990)
            hi = min(birth.year + 30, 2019 if level in ("Pelaksana", "Fungsional") else 2012)
            tmt_cpns = dt.date(r.randint(min(lo, hi), hi), r.choice([1, 3, 4, 12]), 1)
        g = "1" if sex == "M" else "2"
        while True:
            serial = f"{r.randint(1, 999):03d}"
            if status == "PPPK":
                nip = f"{birth:%Y%m%d}{tmt_cpns.year}21{g}{serial}"
            else:
                nip = f"{birth:%Y%m%d}{tmt_cpns:%Y%m}{g}{serial}"
            if nip not in self.serials:
                self.serials.add(nip)
                break
        if level in ("JPT Pratama", "Administrator"):
            pend = r.choice(["S1", "S2", "S2", "S3"])
        elif level == "Pengawas":
            pend = r.choice(["D3", "D4", "S1", "S1", "S2"])
        elif level == "Fungsional":
            pend = r.choice(["D3", "D4", "S1", "S1", "S1", "S2"])
        else:
            pend = r.choice(["SD", "SMP", "SMA", "SMA", "SMA", "D1", "D2", "D3", "S1"])
        if status == "PPPK":
            gol = r.choice(PPPK_GOL)
        elif eselon:
            lo, hi = ESELON_GOL[eselon]
            gol = r.choice(GOL_ORDER[GOL_ORDER.index(lo): GOL_ORDER.index(hi) + 1])
        else:
            base = {"SD": "I/c", "SMP": "II/a", "SMA": "II/a", "D1": "II/b", "D2": "II/c", "D3": "II/c",
                    "D4": "III/a", "S1": "III/a", "S2": "III/b", "S3": "III/c"}[pend]
            i = GOL_ORDER.index(base) + (0 if status == "CPNS" else r.randint(0, 3))
            gol = GOL_ORDER[min(i, GOL_ORDER.index("IV/a"))]
        first = r.choice(FIRST[sex])
        nama = f"{first} {r.choice(LAST)}"
        gd = "Dr." if pend == "S3" and r.random() < 0.6 else ("dr." if level == "Fungsional" and r.random() < 0.03
                                                                else None)
        gb = r.choice(GELAR[pend]) if pend in GELAR and r.random() < 0.8 else None
        p = Person(nip, self.uuid(), status, sex, birth, tmt_cpns, pend, gol, nama, gd, gb)
        self.people.append(p)
        return p

    def first_position(self, p: Person, opd: int, level: str) -> None:
        """The entry appointment (CPNS/PPPK) as Pelaksana or Fungsional."""
        fung = level == "Fungsional"
        u = self.staff_unit(opd, fung)
        title = self.r.choice(FUNGSIONAL.get(opd, FUNGSIONAL_OTHER)) if fung else self.r.choice(PELAKSANA)
        p.career.append(Pos(p.tmt_cpns, "D", level, u.id, title, p.tmt_cpns))

    def d(self, p: Person, when: dt.date, level: str, unit: Unit | str, title: str | None = None,
          pelantikan: dt.date | None = None, kind: str = "D") -> Pos:
        u = self.units[unit] if isinstance(unit, str) else unit
        if title is None:
            title = u.head_title or self.r.choice(PELAKSANA)
        pos = Pos(when, kind, level, u.id, title, pelantikan or when)
        p.career.append(pos)
        return pos

    def history_to(self, p: Person, opd: int, level: str, before: dt.date, entry: str | None = None,
                   final_unit: Unit | None = None) -> None:
        """A definitive career from entry up to `level` (its last post `final_unit`), all before `before`."""
        entry = entry or self.r.choice(["Pelaksana", "Pelaksana", "Fungsional"])
        self.first_position(p, opd, entry)
        chain = {"Pengawas": ["Pengawas"], "Administrator": ["Pengawas", "Administrator"],
                 "JPT Pratama": ["Pengawas", "Administrator", "JPT Pratama"]}.get(level, [])
        if not chain:
            return
        lo, hi = p.tmt_cpns + dt.timedelta(days=3 * 365), before - dt.timedelta(days=30)
        if hi <= lo + dt.timedelta(days=60):
            lo = p.tmt_cpns + dt.timedelta(days=200)
        step = (hi - lo) / len(chain)
        for i, lv in enumerate(chain):
            t = lo + step * i + dt.timedelta(days=self.r.randint(0, max(1, step.days // 3)))
            es = {"Pengawas": "IV.a", "Administrator": "III.a", "JPT Pratama": OPDS[opd][2]}[lv]
            last = i == len(chain) - 1
            target = final_unit if (last and final_unit is not None) else self.r.choice(self.units_of(opd, es))
            if last and self.r.random() < 0.25:  # an older rotation: another post of the same eselon first
                other = [u for u in self.units_of(opd, target.eselon) if u.id != target.id]
                if other:
                    self.d(p, t, lv, self.r.choice(other))
                    t = t + (hi - t) / 2
            self.d(p, t, lv, target)


def make(folder: Path, seed: int = 0, n: int = 1500, fmt: str = "csv", title_row: bool = False,
         export_name: str = "Export Data ASN Pemprov Banten", root_induk: str = "null") -> Truth:
    """Write a SIASN-shaped folder (export, ref-unor, per-NIP JSON, profiling) into `folder`; return its truth.

    `fmt` "csv" (older header vintage) or "xlsx" (newer vintage, + nama_sekolah, flag_ikd); `title_row` puts a
    title line above the header; `root_induk` is the top unit's (the province's) IndukUnorId in ref-unor:
    "null" (nothing above it) or "self" (its own Id).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise ValueError(f"{folder} is not empty")
    b = _Builder(seed, n)
    r = b.r
    b.build_tree()
    traps: dict[str, set[str]] = {}

    def trap(name: str, p: Person) -> None:
        traps.setdefault(name, set()).add(p.nip)
        p.tag = p.tag or name

    # ------------------------------------------------------------ end-of-quarter heads of structural units
    q_batches = [dt.date(2026, 1, 26), dt.date(2026, 2, 13), dt.date(2026, 3, 6), dt.date(2026, 3, 27)]
    heads: list[tuple[Person, int, Unit]] = []
    vacant: list[Unit] = []
    for k in range(len(OPDS)):
        for u in b.units_of(k, structural=True):
            if _level_of(u.eselon) == "JPT Pratama":
                heads.append((None, k, u))  # type: ignore[arg-type]
            elif r.random() < 0.08:
                vacant.append(u)
            else:
                heads.append((None, k, u))  # type: ignore[arg-type]
    # plan the quarter: which heads were promoted into their post, which rotated in
    plan: dict[int, str] = {}
    idx_jpt, idx_adm, idx_pgw = ([i for i, (_, k, u) in enumerate(heads) if _level_of(u.eselon) == lv and k != ZERO_OPD]
                                 for lv in ("JPT Pratama", "Administrator", "Pengawas"))
    for i in r.sample(idx_jpt, 3):
        plan[i] = "promosi"
    for i in r.sample(idx_adm, 9):
        plan[i] = "promosi"
    for i in r.sample(idx_pgw, 30):
        plan[i] = "promosi"
    rest = [i for i in range(len(heads)) if i not in plan and _level_of(heads[i][2].eselon) != "JPT Pratama"]
    for i in r.sample(rest, 24):
        plan[i] = "rotasi"
    rest = [i for i in range(len(heads)) if i not in plan and _level_of(heads[i][2].eselon) != "JPT Pratama"]
    for i in r.sample(rest, 4):
        plan[i] = "mutasi"
    rest = [i for i in range(len(heads)) if i not in plan and _level_of(heads[i][2].eselon) != "JPT Pratama"]
    for i in r.sample(rest, 3):
        plan[i] = "boundary"  # appointed with TMT 31-12-2025, sworn in January: not a 2026Q1 promotion
    promo = [i for i, v in plan.items() if v == "promosi"]
    sub = r.sample(promo, 16)
    sub_kind = (["cross_opd"] * 4 + ["acting_before_2025"] * 4 + ["acting_then_definitive_q1"] * 3
                + ["promoted_then_acting_q1"] * 2 + ["rotation_then_promotion"] * 3)
    sub_of = dict(zip(sub, sub_kind))

    for i, (_, k, u) in enumerate(heads):
        level = _level_of(u.eselon)
        what = plan.get(i, "")
        p = b.new_person("PNS", level, u.eselon)
        heads[i] = (p, k, u)
        if what == "promosi":
            kind = sub_of.get(i, "")
            prev = {"JPT Pratama": "Administrator", "Administrator": "Pengawas"}.get(level)
            if level == "JPT Pratama":
                when = dt.date(2026, 1, 26)
            elif kind in ("acting_then_definitive_q1", "rotation_then_promotion"):
                when = r.choice(q_batches[2:])
            else:
                when = r.choice(q_batches[1:] + [b.date_between(Q_START, Q_END)])
            src_opd = k
            if kind == "cross_opd":
                src_opd = r.choice([j for j in range(len(OPDS)) if j != k])
            if prev is None:
                b.history_to(p, src_opd, r.choice(["Pelaksana", "Fungsional"]), when,
                             entry=r.choice(["Pelaksana", "Fungsional"]))
            else:
                b.history_to(p, src_opd, prev, when - dt.timedelta(days=60))
            if kind == "rotation_then_promotion":
                last = p.end()
                cand = [x for x in b.units_of(src_opd, b.units[last.unit].eselon) if x.id != last.unit]
                if cand:
                    b.d(p, dt.date(2026, 1, 12), last.level, r.choice(cand))
            if kind == "acting_before_2025":  # Plt of this very post since 2025, then appointed to it
                b.d(p, dt.date(2025, r.randint(3, 10), 1), level, u, f"Plt. {u.head_title}",
                    kind=r.choice(["PLT", "PLT", "Plt"]))
            if kind == "acting_then_definitive_q1":
                b.d(p, dt.date(2026, 1, r.randint(5, 20)), level, u, f"Plt. {u.head_title}", kind="PLT")
            b.d(p, when, level, u, pelantikan=when)
            if kind == "promoted_then_acting_q1" and level != "JPT Pratama":
                up = [x for x in b.units_of(k, structural=True) if RANK[_level_of(x.eselon)] == RANK[level] + 1]
                b.d(p, min(when + dt.timedelta(days=10), Q_END), _level_of(up[0].eselon), up[0],
                    f"Plh. {up[0].head_title}", kind=r.choice(["PLH", "Plh"]))
            p.tag = "promosi"
            if kind:
                trap(kind, p)
        elif what == "rotasi":  # from another post of the same eselon in the same OPD
            cand = [x for x in b.units_of(k, u.eselon) if x.id != u.id] or [u]
            b.history_to(p, k, level, dt.date(2025, 10, 1), final_unit=r.choice(cand))
            b.d(p, r.choice(q_batches[1:]), level, u)
            trap("rotasi", p)
        elif what == "mutasi":  # from a post of the same level in another OPD
            src = r.choice([j for j in range(len(OPDS)) if j != k])
            cand = b.units_of(src, u.eselon) or b.units_of(src, "IV.a" if level == "Pengawas" else "III.a")
            b.history_to(p, src, level, dt.date(2025, 10, 1), final_unit=r.choice(cand))
            b.d(p, r.choice(q_batches[1:]), level, u)
            trap("mutasi", p)
        elif what == "boundary":
            b.history_to(p, k, {"Administrator": "Pengawas", "Pengawas": "Pelaksana"}[level],
                         dt.date(2025, 6, 1))
            b.d(p, dt.date(2025, 12, 31), level, u, pelantikan=dt.date(2026, 1, r.randint(5, 9)))
            trap("tmt_2025_pelantikan_2026", p)
        else:
            b.history_to(p, k, level, dt.date(2025, 12, 1), final_unit=u)

    # ------------------------------------------------------------ staff: Pelaksana / Fungsional, PNS, CPNS, PPPK
    n_staff = n - len(b.people)
    shares = [o[1] for o in OPDS]
    staff: list[tuple[Person, int]] = []
    for _ in range(n_staff):
        k = r.choices(range(len(OPDS)), weights=shares)[0]
        fung_share = {0: 0.85, 1: 0.7, 2: 0.45, 4: 0.55}.get(k, 0.2)
        level = "Fungsional" if r.random() < fung_share else "Pelaksana"
        x = r.random()
        status = "PPPK" if x < 0.15 else ("CPNS" if x < 0.18 else "PNS")
        p = b.new_person(status, level, None)
        b.first_position(p, k, level)
        staff.append((p, k))
    # a few older mutations into the OPD (history only)
    for p, k in r.sample([s for s in staff if s[0].status == "PNS"], 40):
        first = p.career[0]
        src = r.choice([j for j in range(len(OPDS)) if j != k])
        tmt = p.tmt_cpns + dt.timedelta(days=r.randint(800, 2500))
        if tmt < dt.date(2025, 6, 1):
            first_unit = first.unit
            first.unit = b.staff_unit(src, first.level == "Fungsional").id
            b.d(p, tmt, first.level, first_unit, first.title)

    pool = [s for s in staff if s[0].status == "PNS" and len(s[0].career) == 1]
    r.shuffle(pool)

    def next_staff(pred=lambda p, k: True) -> tuple[Person, int]:
        for j, (p, k) in enumerate(pool):
            if pred(p, k):
                return pool.pop(j)
        raise RuntimeError("no staff member left for a planted event")

    # Pelaksana moved to another OPD in the quarter (same level)
    for _ in range(5):
        p, k = next_staff(lambda p, k: p.career[0].level == "Pelaksana")
        src = r.choice([j for j in range(len(OPDS)) if j != k])
        p.career[0].unit = b.staff_unit(src, False).id
        b.d(p, b.date_between(Q_START, Q_END), "Pelaksana", b.staff_unit(k, False), r.choice(PELAKSANA))
        trap("mutasi", p)
    # Pelaksana appointed into a functional post in the quarter (non-structural -> non-structural)
    for _ in range(5):
        p, k = next_staff(lambda p, k: p.career[0].level == "Pelaksana")
        b.d(p, b.date_between(Q_START, Q_END), "Fungsional", b.staff_unit(k, True),
            r.choice(FUNGSIONAL.get(k, FUNGSIONAL_OTHER)))
        trap("pelaksana_to_fungsional", p)
    # Pelaksana who acted as head of a subbagian in 2024 and went back: history only
    for _ in range(5):
        p, k = next_staff(lambda p, k: p.career[0].level == "Pelaksana" and p.tmt_cpns.year < 2020)
        u = r.choice([x for x in b.units_of(k, structural=True) if x.eselon.startswith("IV")])
        b.d(p, dt.date(2024, r.randint(1, 11), 2), "Pengawas", u, f"Plh. {u.head_title}", kind="PLH")
        trap("acting_past_only", p)
    # acting assignments in the quarter by staff and by heads (never promotions)
    for u in vacant:  # every vacant post is held by a Plt at the end
        k = u.opd
        lower = RANK[_level_of(u.eselon)] - 1
        cands = [h for h in heads if h[1] == k and RANK[_level_of(h[2].eselon)] == lower and not h[0].tag]
        if lower == 0 or not cands:
            try:
                p, _ = next_staff(lambda p, kk, k=k: kk == k and p.career[0].level == "Pelaksana")
            except RuntimeError:  # a small folder: the post stays vacant, with no Plt
                continue
        else:
            p = r.choice(cands)[0]
        b.d(p, b.date_between(Q_START, dt.date(2026, 3, 20)), _level_of(u.eselon), u, f"Plt. {u.head_title}",
            kind=r.choice(["PLT", "PLT", "Plt"]))
        trap("acting_q1", p)
    for _ in range(8):  # Plh / Pj of a higher post while its holder is away, keeping the own post
        p, k, u = r.choice([h for h in heads if not h[0].tag and _level_of(h[2].eselon) != "JPT Pratama"])
        up = [x for x in b.units_of(k, structural=True) if RANK[_level_of(x.eselon)] == RANK[_level_of(u.eselon)] + 1]
        x = r.choice(up)
        kind = "PJ" if _level_of(x.eselon) == "JPT Pratama" else r.choice(["PLH", "Plh", "PLT"])
        b.d(p, b.date_between(Q_START, dt.date(2026, 3, 25)), _level_of(x.eselon), x,
            f"{'Pj.' if kind == 'PJ' else kind.title() + '.'} {x.head_title}", kind=kind)
        trap("acting_q1", p)
    # a Pengawas acting as head of a Bidang in January, then rotated into this Seksi in March: not a promotion
    for _ in range(2):
        p, k, u = r.choice([h for h in heads if not h[0].tag and h[2].eselon == "IV.a"])
        last = p.end()
        cand = [x for x in b.units_of(k, "IV.a") if x.id != u.id]
        last.unit = r.choice(cand).id  # the post held before
        last.title = b.units[last.unit].head_title
        up = r.choice(b.units_of(k, "III.a"))
        b.d(p, dt.date(2026, 1, 8), "Administrator", up, f"Plh. {up.head_title}", kind="PLH")
        b.d(p, dt.date(2026, 3, 6), "Pengawas", u)
        trap("acting_then_rotation", p)
    # teachers with an additional task (Kepala Sekolah): TT, not an appointment
    for _ in range(6):
        p, k = next_staff(lambda p, k: k == 0 and p.career[0].level == "Fungsional")
        u = b.units[p.career[0].unit]
        b.d(p, b.date_between(Q_START, Q_END), "Fungsional", u, f"Kepala {u.name}", kind="TT")
        trap("tugas_tambahan_q1", p)
    # a Pengawas moved into a functional post in the quarter (structural -> functional: not a promotion)
    for _ in range(2):
        p, k, u = r.choice([h for h in heads if not h[0].tag and h[2].eselon == "IV.a"])
        b.d(p, b.date_between(Q_START, Q_END), "Fungsional", b.staff_unit(k, True),
            r.choice(FUNGSIONAL.get(k, FUNGSIONAL_OTHER)).replace("Pertama", "Muda"))
        trap("demosi_to_fungsional", p)

    # ------------------------------------------------------------ SIASN quirks of coverage
    people = b.people
    r.shuffle(people)
    no_du = set(p.nip for p in r.sample(people, int(0.3 * len(people))))
    staff_plain = [p for p in people if p.status == "PNS" and not p.tag and len(p.career) == 1]
    no_hist = set(p.nip for p in staff_plain[:4])
    for p in staff_plain[:4]:
        trap("no_history", p)
    # two persons whose unit is missing from ref-unor, but data-utama names their unit induk
    for p in staff_plain[4:6]:
        p.unit_override = b.hexid()
        no_du.discard(p.nip)
        trap("unit_not_in_tree", p)
    # one whose unit is missing from ref-unor and who has no data-utama and no history: OPD unknowable
    orphan = staff_plain[6]
    orphan.unit_override = b.hexid()
    no_du.add(orphan.nip)
    no_hist.add(orphan.nip)
    trap("unit_not_in_tree_no_data_utama", orphan)

    # ------------------------------------------------------------ truth from the careers
    opd_of = {u.id: u.opd for u in b.units.values()}
    prom_rows, act_rows, pers_rows = [], [], []

    def start_unit(p: Person) -> str:
        """The unit of the definitive position held when the quarter starts."""
        return [x for x in p.definitive() if x.tmt < Q_START][-1].unit

    for p in people:
        defs = p.definitive()
        for a, c in zip(defs, defs[1:]):
            if Q_START <= c.tmt <= Q_END and RANK[c.level] > RANK[a.level]:
                prom_rows.append({"nip": p.nip, "tanggal": c.tmt, "opd_id": b.opd_ids[opd_of[c.unit]],
                                  "opd_start": b.opd_ids[opd_of[start_unit(p)]], "level_lama": a.level,
                                  "level_baru": c.level})
        for a in p.career:
            if a.penugasan != "D":
                act_rows.append({"nip": p.nip, "tanggal": a.tmt, "penugasan": a.penugasan.upper(), "level": a.level,
                                 "opd_id": b.opd_ids[opd_of[a.unit]], "in_quarter": Q_START <= a.tmt <= Q_END})
        e = p.end()
        unit = b.units[e.unit]
        es = unit.eselon if e.level in ("Pengawas", "Administrator", "JPT Pratama") else None
        pers_rows.append({
            "nip": p.nip, "status": p.status, "opd_id": b.opd_ids[unit.opd], "unit_id": p.unit_override or unit.id,
            "opd_start": b.opd_ids[opd_of[start_unit(p)]],
            "jenis_jabatan": e.level, "eselon": es, "jenis_kelamin": {"M": "L", "F": "P"}[p.sex],
            "tanggal_lahir": p.birth, "golongan": p.golongan, "pendidikan": p.pendidikan, "tag": p.tag,
            "has_data_utama": p.nip not in no_du, "has_history": p.nip not in no_hist})
    persons = pd.DataFrame(pers_rows)
    promotions = pd.DataFrame(prom_rows).sort_values(["opd_id", "nip"]).reset_index(drop=True)
    acting = pd.DataFrame(act_rows)
    # the planted set and the rule agree (a check on this generator, not on the workbook)
    planted = {p.nip for p in people if p.tag == "promosi" or p.nip in traps.get("promoted_then_acting_q1", set())
               or any(p.nip in traps.get(t, set()) for t in ("cross_opd", "acting_before_2025",
                                                             "acting_then_definitive_q1", "rotation_then_promotion"))}
    assert planted == set(promotions["nip"]), (len(planted), len(promotions))
    assert len(promotions) == promotions["nip"].nunique()

    # ------------------------------------------------------------ write
    if root_induk == "self":
        b.units[b.root].induk = b.root
    kin = _write_json(folder, b, people, no_du, no_hist, r)
    _write_profiling(folder, people, r)
    export_file = _write_export(folder, b, people, r, fmt, title_row, export_name)
    opd = pd.DataFrame({"opd_id": b.opd_ids, "opd_nama": [o[0] for o in OPDS]})
    opd["n_pegawai"] = opd["opd_id"].map(persons[~persons["nip"].isin({orphan.nip})]["opd_id"].value_counts()
                                         ).fillna(0).astype(int)
    opd["n_promosi"] = opd["opd_id"].map(promotions["opd_id"].value_counts()).fillna(0).astype(int)
    # the same counted by the OPD each person sat in when the quarter started (the population at risk)
    opd["n_pegawai_start"] = opd["opd_id"].map(persons[~persons["nip"].isin({orphan.nip})]["opd_start"]
                                               .value_counts()).fillna(0).astype(int)
    opd["n_promosi_start"] = opd["opd_id"].map(promotions["opd_start"].value_counts()).fillna(0).astype(int)
    return Truth(folder, export_file, opd, persons, promotions, acting, kin, traps, {orphan.nip})


# ---------------------------------------------------------------- writers
def _wrap(r: random.Random, data):
    """The whole web-service response, or (as some BKDs save it) only its data member."""
    return {"code": 1, "message": "success", "data": data} if r.random() < 0.7 else data


def _eselon_name(r: random.Random, es: str) -> str:
    return r.choice([es, es, es.upper(), es.replace(".", " ").upper()])


def _write_json(folder: Path, b: _Builder, people: list[Person], no_du: set[str], no_hist: set[str],
                r: random.Random) -> pd.DataFrame:
    units = b.units
    tree = []
    for u in units.values():
        raw = u.__dict__.get("eselon_raw")
        tree.append({"Id": u.id, "DiatasanId": u.parent, "IndukUnorId": u.induk, "NamaUnor": u.name,
                     "EselonId": ESELON_ID.get(u.eselon or "", raw), "NamaJabatan": u.head_title,
                     "InstansiId": "A5EB03E23B4CF6A0E040640A040252AD"})  # pragma: allowlist secret (a public instansi id)
    r.shuffle(tree)
    (folder / "ref-unor.json").write_text(json.dumps({"code": 1, "data": tree}, ensure_ascii=False), "utf-8")
    for sub in ("data-utama", "rw-jabatan", "rw-golongan", "rw-skp22", "rw-skp"):
        (folder / sub).mkdir(exist_ok=True)
    kin_rows = []
    for p in people:
        e = p.end()
        unit = units[e.unit]
        opd = units[b.opd_ids[unit.opd]]
        es = unit.eselon if RANK[e.level] > 0 else None
        jj = {"Pelaksana": "4", "Fungsional": "2"}.get(e.level, "1")
        if p.nip not in no_du:
            du = {"id": p.pns_id, "nipBaru": p.nip, "nipLama": None, "nama": p.nama, "gelarDepan": p.gelar_depan,
                  "gelarBelakang": p.gelar_belakang, "tglLahir": _d(p.birth), "jenisKelamin": p.sex,
                  "statusPegawai": p.status, "kedudukanPnsNama": "PPPK Aktif" if p.status == "PPPK" else "Aktif",
                  "golRuangAkhir": p.golongan, "golRuangAkhirId": GOL_ID.get(p.golongan),
                  "tmtGolAkhir": _d(p.tmt_cpns), "tkPendidikanTerakhirId": PENDIDIKAN[p.pendidikan][0][0],
                  "pendidikanTerakhirNama": PENDIDIKAN[p.pendidikan][0][1], "unorId": p.unit_override or unit.id,
                  "unorNama": unit.name, "unorIndukId": opd.id, "unorIndukNama": opd.name, "jabatanNama": e.title,
                  "jenisJabatanId": jj, "eselon": es, "eselonId": ESELON_ID.get(es or "", r.choice([None, "99"])),
                  "tmtJabatan": _d(e.tmt), "tmtCpns": _d(p.tmt_cpns)}
            (folder / "data-utama" / f"{p.nip}.json").write_text(json.dumps(_wrap(r, du), ensure_ascii=False),
                                                                 "utf-8")
        if p.nip not in no_hist:
            rows = []
            prev_opd = None
            for pos in sorted(p.career, key=lambda x: x.tmt):
                u = units[pos.unit]
                o = units[b.opd_ids[u.opd]]
                structural = RANK[pos.level] > 0
                pes = u.eselon if structural else None
                jj = {"Pelaksana": "4", "Fungsional": "2"}.get(pos.level, "1")
                mut = None if pos.penugasan != "D" else ("MU" if prev_opd not in (None, o.id) else
                                                        r.choice(["MJ", "MJ", None]))
                if pos.penugasan == "D":
                    prev_opd = o.id
                pen = pos.penugasan
                rows.append({
                    "id": b.uuid(), "idPns": p.pns_id, "nipBaru": p.nip, "jenisJabatan": jj,
                    "eselon": _eselon_name(r, pes) if pes else None,
                    "eselonId": ESELON_ID[pes] if pes else r.choice([None, "99"]),
                    "unorId": u.id, "unorNama": u.name, "unorIndukId": o.id if r.random() < 0.9 else None,
                    "unorIndukNama": o.name,
                    "namaJabatan": pos.title if (structural or pen != "D") else None,
                    "jabatanFungsionalNama": pos.title if jj == "2" else None,
                    "jabatanFungsionalUmumNama": pos.title if jj == "4" else None,
                    "tmtJabatan": _d(pos.tmt), "tmtPelantikan": _d(pos.pelantikan or pos.tmt), "tmtMutasi": None,
                    "nomorSk": f"821.2/Kep.{r.randint(1, 999)}-BKD/{pos.tmt.year}", "tanggalSk": _d(
                        pos.tmt - dt.timedelta(days=r.randint(0, 20))),
                    "jenisPenugasanId": pen, "jenisMutasiId": mut})
            r.shuffle(rows)
            (folder / "rw-jabatan" / f"{p.nip}.json").write_text(json.dumps(_wrap(r, rows), ensure_ascii=False),
                                                                 "utf-8")
            if p.status != "PPPK":
                gol = [{"id": b.uuid(), "golonganId": GOL_ID[p.golongan], "golongan": p.golongan,
                        "tmtGolongan": _d(dt.date(2026, 2, 1) if r.random() < 0.1 else dt.date(2024, 4, 1)),
                        "jenisKPId": "101", "jenisKPNama": "Reguler"}]
                (folder / "rw-golongan" / f"{p.nip}.json").write_text(json.dumps(_wrap(r, gol)), "utf-8")
        # kinerja: SKP 2022 onward (kuadran), numeric up to 2021
        if r.random() < 0.92 and p.status != "CPNS":
            skp22 = []
            for tahun in range(max(2022, p.tmt_cpns.year + 1), 2026):
                h, pk = r.choices([1, 2, 3], [0.2, 0.7, 0.1])[0], r.choices([1, 2, 3], [0.25, 0.7, 0.05])[0]
                kq = SKP_MATRIX[(h, pk)]
                name = KUADRAN[kq] if r.random() < 0.85 else KUADRAN[kq].title()
                skp22.append({"id": b.uuid(), "tahun": tahun, "hasilKinerja": EKSPEKTASI[h], "hasilKinerjaNilai": h,
                              "perilakuKerja": EKSPEKTASI[pk], "PerilakuKerjaNilai": pk, "kuadranKinerja": name,
                              "KuadranKinerjaNilai": kq})
                kin_rows.append({"nip": p.nip, "tahun": tahun, "predikat": KUADRAN_PREDIKAT[kq], "source": "skp22"})
            if skp22:
                (folder / "rw-skp22" / f"{p.nip}.json").write_text(json.dumps(_wrap(r, skp22)), "utf-8")
            skp = []
            for tahun in range(max(2019, p.tmt_cpns.year + 1), 2022):
                pred, lo, hi = r.choices(NILAI_BANDS, [0.15, 0.7, 0.1, 0.03, 0.02])[0]
                v = round(r.uniform(lo, hi), 2)
                skp.append({"id": b.uuid(), "tahun": tahun, "nilaiSkp": v,
                            "nilaiPrestasiKerja": round(min(max(v + r.uniform(-0.4, 0.4), lo), hi), 2)})
                kin_rows.append({"nip": p.nip, "tahun": tahun, "predikat": pred, "source": "skp"})
            if skp:
                (folder / "rw-skp" / f"{p.nip}.json").write_text(json.dumps(_wrap(r, skp)), "utf-8")
    return pd.DataFrame(kin_rows, columns=["nip", "tahun", "predikat", "source"])


def _write_profiling(folder: Path, people: list[Person], r: random.Random) -> None:
    rows = []
    for p in people:
        if p.status == "CPNS" or r.random() > 0.8:
            continue
        comp = [round(min(5.0, max(1.0, r.gauss(3.0 + 0.3 * RANK[p.end().level], 0.5))), 2) for _ in COMPETENCIES]
        day = dt.date(2025, 11, 17) + dt.timedelta(days=r.randint(0, 4)) if r.random() < 0.3 else \
            dt.date(2024, r.randint(1, 12), r.randint(1, 28))
        rows.append({"nip": p.nip, "tanggal_asesmen": _d(day), **dict(zip(COMPETENCIES, comp)),
                     "jpm": round(min(100.0, max(0.0, 62 + 16 * (sum(comp) / 9 - 2.7) + r.gauss(0, 5))), 2)})
    pd.DataFrame(rows).to_csv(folder / "profiling.csv", index=False)


EXPORT_COLUMNS = (
    "pns_id", "nip_baru", "nip_lama", "nama", "gelar_depan", "gelar_belakang", "tempat_lahir_nama", "tanggal_lahir",
    "jenis_kelamin", "agama_nama", "gol_akhir_id", "gol_akhir_nama", "tmt_golongan", "jenis_jabatan_id",
    "jenis_jabatan_nama", "jabatan_id", "jabatan_nama", "tmt_jabatan", "tingkat_pendidikan_id",
    "tingkat_pendidikan_nama", "pendidikan_nama", "unor_id", "unor_nama", "satuan_kerja_kerja_id",
    "satuan_kerja_kerja_nama", "instansi_induk_id", "instansi_induk_nama", "instansi_kerja_id",
    "instansi_kerja_nama", "tmt_cpns", "status_cpns_pns", "kedudukan_hukum_id", "kedudukan_hukum_nama")
NEWER_COLUMNS = ("nama_sekolah", "flag_ikd")


def _write_export(folder: Path, b: _Builder, people: list[Person], r: random.Random, fmt: str, title_row: bool,
                  export_name: str) -> Path:
    rows = []
    satker = b.hexid().upper()
    for p in sorted(people, key=lambda x: (b.units[x.end().unit].opd, x.end().unit, x.nip)):
        e = p.end()
        u = b.units[e.unit]
        jj = {"Pelaksana": "4", "Fungsional": "2"}.get(e.level, "1")
        jj_nama = {"1": "Struktural", "2": "Fungsional Tertentu", "4": r.choice(["Fungsional Umum", "Pelaksana"])}[jj]
        pend_id, pend_nama = r.choice(PENDIDIKAN[p.pendidikan])
        pppk = p.status == "PPPK"
        row = {
            "pns_id": p.pns_id, "nip_baru": "'" + p.nip, "nip_lama": "null", "nama": p.nama,
            "gelar_depan": p.gelar_depan or "null", "gelar_belakang": p.gelar_belakang or "null",
            "tempat_lahir_nama": r.choice(["SERANG", "LEBAK", "PANDEGLANG", "TANGERANG", "BANDUNG"]),
            "tanggal_lahir": _d(p.birth), "jenis_kelamin": p.sex, "agama_nama": "Islam",
            "gol_akhir_id": "null" if pppk else GOL_ID[p.golongan], "gol_akhir_nama": p.golongan,
            "tmt_golongan": _d(p.tmt_cpns), "jenis_jabatan_id": jj, "jenis_jabatan_nama": jj_nama,
            "jabatan_id": b.hexid(), "jabatan_nama": e.title, "tmt_jabatan": _d(e.tmt),
            "tingkat_pendidikan_id": pend_id, "tingkat_pendidikan_nama": pend_nama,
            "pendidikan_nama": f"{pend_nama} UMUM" if p.pendidikan in ("SD", "SMP", "SMA") else pend_nama,
            "unor_id": p.unit_override or u.id, "unor_nama": u.name.upper() if r.random() < 0.4 else u.name,
            "satuan_kerja_kerja_id": satker, "satuan_kerja_kerja_nama": "PEMERINTAH PROVINSI BANTEN",
            "instansi_induk_id": satker, "instansi_induk_nama": "Pemerintah Provinsi Banten",
            "instansi_kerja_id": satker, "instansi_kerja_nama": "Pemerintah Provinsi Banten",
            "tmt_cpns": _d(p.tmt_cpns), "status_cpns_pns": {"PNS": "P", "CPNS": "C", "PPPK": "null"}[p.status],
            "kedudukan_hukum_id": "71" if pppk else "01", "kedudukan_hukum_nama": "PPPK Aktif" if pppk else "Aktif",
            "nama_sekolah": "null", "flag_ikd": r.choice(["0", "1"]),
        }
        rows.append(row)
    cols = list(EXPORT_COLUMNS) + (list(NEWER_COLUMNS) if fmt == "xlsx" else [])
    title = "DATA ASN PEMERINTAH PROVINSI BANTEN - diunduh dari SIASN 02-04-2026"
    if fmt == "csv":
        path = folder / f"{export_name}.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            if title_row:
                w.writerow([title])
            w.writerow(cols)
            for row in rows:
                w.writerow([row[c] for c in cols])
        return path
    from openpyxl import Workbook

    path = folder / f"{export_name}.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Data ASN"
    if title_row:
        ws.append([title])
    ws.append(cols)
    for row in rows:
        ws.append([row[c] for c in cols])
    wb.save(path)
    return path
