"""A SIASN-shaped folder as other BKDs and Pemdas hold it, written from /work/shared/siasn.md (its section "Seen in
other public BKD and Pemda code") and the text of issue 22 only. It imports nothing from merit_lib and does not use
its SIASN reader's tables or names, so that its truth is its own.

`make(folder, seed, ref_unor=...)` writes:

* an "Export Data ASN" with upper-case headers and spaces (``NIP BARU``, ``GOL AKHIR ID``, ``UNOR INDUK``, ``IS VALID
  NIK``, ``FLAG IKD``), ``|`` as separator, a leading ``'`` on NIP and NIK, sex as ``M/F``, ``f/m`` or ``1/2``, dates
  ``dd-mm-yyyy`` or ``yyyy-mm-dd hh:mm:ss``, the kedudukan hukum id and name; ``UNOR INDUK`` names the OPD;
* ``data-utama/<nip>.json`` for most persons (ISO dates with ``Z``, ids in 32-hex upper or lower case or as dashed
  UUIDs, ``unorIndukNama`` padded with blanks, a head of an OPD with the Pemda itself as ``unorInduk``),
  ``kedudukanPnsId``/``kedudukanPnsNama``;
* ``rw-jabatan/<nip>.json`` whose ``jenisPenugasanId`` is ``"D"`` on the newest row only and ``""`` on the others;
  acting posts named only in the title (``PLT. KEPALA …``, ``Plh.``, ``Pj.``, ``Pjs.``, ``… Tugas Tambahan``), a few with
  the code in ``jenisMutasiId`` and a few with ``jenisPenugasanId`` itself; ``eselonId`` null on old structural rows;
  ``tmtMutasi`` ``01-01-0001``;
* ``rw-skp22/`` (``…Nilai`` fields as integer codes), ``rw-golongan/``, ``profiling.csv`` in the contract's columns;
* ref-unor: none (``ref_unor="none"``), or in the other key spelling (``id/diatasanId/namaUnor/eselonId``, ``'0'`` for
  no eselon, ``aktif``; ``ref_unor="lower"``);
* a few broken files beside the good ones (NaN, a key twice, invalid UTF-8, nested 200,000 deep, a note that is no JSON).

Quarter 2026Q1 holds the planted moves (`Truth`): promotions Pelaksana → Pengawas, Pengawas → Administrator,
III.b → III.a, Administrator → JPT; JF jenjang rises (Ahli Pertama → Ahli Muda), rotations and mutations (no
promotions); acting posts (never promotions, never a person's level); persons whose kedudukan hukum is CLTN, tugas
belajar, MPP, BUP or pensiun (kept, not active). Names, NIPs and numbers are invented.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path

Q_START, Q_END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
PEMDA = "Pemerintah Provinsi Banten"
OPD_NAMES = ("DINAS KESEHATAN", "DINAS PERHUBUNGAN", "BADAN KEPEGAWAIAN DAERAH", "DINAS SOSIAL",
             "BADAN PENDAPATAN DAERAH", "DINAS PERTANIAN")
# siasn.md: eselonId 21/22 II.a/II.b, 31/32 III.a/III.b, 41/42 IV.a/IV.b; jenisJabatan 1 struktural, 2 JFT, 4 JFU
ESELON_ID = {"II.a": "21", "II.b": "22", "III.a": "31", "III.b": "32", "IV.a": "41", "IV.b": "42"}
LEVEL_OF = {"II": "JPT Pratama", "III": "Administrator", "IV": "Pengawas"}
GOL_ID = {"III/a": "31", "III/b": "32", "III/c": "33", "III/d": "34", "IV/a": "41", "IV/b": "42", "IV/c": "43"}
# kedudukan hukum (siasn.md): 1 Aktif; 2 CLTN, 3 Tugas Belajar, 20 MPP, 98 BUP, 99 Pensiun
NOT_ACTIVE = (("02", "CLTN", "cltn"), ("03", "Tugas Belajar", "tugas_belajar"),
              ("20", "Masa Persiapan Pensiun", "mpp"), ("98", "BUP", "bup"), ("99", "Pensiun", "pensiun"))
FIRST = ("Asep", "Siti", "Dedi", "Nur", "Rina", "Agus", "Yuni", "Budi", "Euis", "Iwan", "Lilis", "Ujang")
LAST = ("Suryana", "Rohimah", "Kurniawan", "Hidayat", "Permana", "Lestari", "Saputra", "Nurjanah")
EXPORT_HEADER = ("PNS ID", "NIP BARU", "NAMA", "TANGGAL LAHIR", "JENIS KELAMIN", "GOL AKHIR ID", "GOL AKHIR NAMA",
                 "JENIS JABATAN ID", "JABATAN NAMA", "TMT JABATAN", "TINGKAT PENDIDIKAN ID", "UNOR ID", "UNOR NAMA",
                 "UNOR INDUK", "TMT CPNS", "STATUS CPNS PNS", "KEDUDUKAN HUKUM ID", "KEDUDUKAN HUKUM NAMA", "NIK",
                 "IS VALID NIK", "FLAG IKD")


@dataclass
class Person:
    nip: str
    nama: str
    sex: str
    born: dt.date
    opd: int
    level: str
    eselon: str | None
    title: str
    tmt: dt.date
    tmt_cpns: dt.date
    golongan: str
    unit: str
    kedudukan: str = "aktif"
    kedudukan_id: str = "01"
    kedudukan_nama: str = "Aktif"
    has_utama: bool = True
    rows: list[dict] = field(default_factory=list)     # rw-jabatan rows (definitive and acting)


@dataclass
class Truth:
    folder: Path
    persons: dict[str, Person]
    opd_ids: list[str]
    promotions: set[tuple[str, str]]           # (nip, yyyy-mm-dd) of 2026Q1
    promotion_opd: dict[tuple[str, str], str]  # → OPD name of the new post
    jenjang: set[tuple[str, str]]
    moves: set[tuple[str, str]]                # rotations and mutations of 2026Q1
    acting: list[tuple[str, str, str]]         # (nip, yyyy-mm-dd, how) of every acting row
    unreadable_export_dates: int
    broken_files: dict[str, str] = field(default_factory=dict)   # folder/file → what is wrong

    def persons_per_opd(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.persons.values():
            out[OPD_NAMES[p.opd]] = out.get(OPD_NAMES[p.opd], 0) + 1
        return out

    def promotions_per_opd(self) -> dict[str, int]:
        out = {name: 0 for name in OPD_NAMES}
        for key in self.promotions:
            out[self.promotion_opd[key]] += 1
        return out


class _Ids:
    def __init__(self, rnd: random.Random):
        self.rnd = rnd

    def new(self) -> str:
        return f"{self.rnd.getrandbits(128):032x}"

    def spelt(self, hex32: str) -> str:
        """siasn.md: 32-hex upper case, lower case and dashed UUIDs mixed in one answer."""
        k = self.rnd.randrange(3)
        return (hex32.upper(), hex32.lower(), str(uuid.UUID(hex32)))[k]


def _iso_z(d: dt.date) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def _dmy(d: dt.date) -> str:
    return d.strftime("%d-%m-%Y")


def _nip(rnd: random.Random, born: dt.date, cpns: dt.date, sex: str, used: set[str]) -> str:
    while True:
        nip = f"{born:%Y%m%d}{cpns:%Y%m}{1 if sex == 'M' else 2}{rnd.randint(1, 999):03d}"
        if nip not in used:
            used.add(nip)
            return nip


def _day(rnd: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rnd.randrange((end - start).days + 1))


def make(folder: Path, seed: int = 22, n_per_opd: int = 40, ref_unor: str = "none") -> Truth:
    """Write the folder (see the module docstring); returns the truth of what it holds."""
    rnd = random.Random(seed)
    ids = _Ids(rnd)
    folder.mkdir(parents=True, exist_ok=True)
    pemda_id = ids.new()
    opd_ids = [ids.new() for _ in OPD_NAMES]
    # per OPD: a secretariat (III.a), two bidang (III.b), a seksi under each bidang (IV.a / IV.b)
    units: list[dict] = [{"id": pemda_id, "diatasanId": None, "namaUnor": PEMDA.upper(), "eselonId": "0", "aktif": True}]
    unit_of: dict[tuple[int, str], str] = {}
    for i, oid in enumerate(opd_ids):
        units.append({"id": oid, "diatasanId": pemda_id, "namaUnor": OPD_NAMES[i], "eselonId": "21", "aktif": True})
        sek, b1, b2, s1, s2 = (ids.new() for _ in range(5))
        for uid, parent, name, esl in ((sek, oid, "SEKRETARIAT", "31"), (b1, oid, "BIDANG PROGRAM", "32"),
                                       (b2, oid, "BIDANG LAYANAN", "32"), (s1, b1, "SEKSI DATA", "41"),
                                       (s2, b2, "SEKSI MUTU", "42")):
            units.append({"id": uid, "diatasanId": parent, "namaUnor": f"{name} {OPD_NAMES[i]}", "eselonId": esl,
                          "aktif": True})
        unit_of.update({(i, "head"): oid, (i, "III.a"): sek, (i, "III.b"): b1, (i, "III.b2"): b2, (i, "IV.a"): s1,
                        (i, "IV.b"): s2, (i, "staff"): b1, (i, "staff2"): s2})

    used: set[str] = set()
    persons: dict[str, Person] = {}
    truth = Truth(folder, persons, opd_ids, set(), {}, set(), set(), [], 0)

    def person(i: int, level: str, eselon: str | None, title: str, unit: str, golongan: str) -> Person:
        sex = rnd.choice("MF")
        # structural officials joined before their first structural post (2012 at the earliest)
        youngest = dt.date(1980, 12, 31) if eselon else dt.date(1996, 12, 31)
        born = _day(rnd, dt.date(1966, 1, 1), youngest)
        cpns = dt.date(max(born.year + 22, 1990) + rnd.randrange(6), rnd.choice((1, 3, 4)), 1)
        nip = _nip(rnd, born, cpns, sex, used)
        p = Person(nip, f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", sex, born, i, level, eselon, title, cpns, cpns,
                   golongan, unit)
        persons[nip] = p
        # the first definitive row: CPNS as Pelaksana (or straight into a JF)
        first_level = "Fungsional" if level == "Fungsional" else "Pelaksana"
        first_title = "Analis Kebijakan Ahli Pertama" if level == "Fungsional" else "Pengadministrasi Umum"
        _definitive(p, cpns, first_level, None, first_title, unit_of[(i, "staff")], i)
        return p

    def _definitive(p: Person, day: dt.date, level: str, eselon: str | None, title: str, unit: str, opd: int,
                    old_row: bool = False) -> None:
        jenis = {"Fungsional": "2", "Pelaksana": "4"}.get(level, "1")
        p.rows.append({"kind": "D", "day": day, "jenis": jenis, "eselon": eselon, "title": title, "unit": unit,
                       "opd": opd, "old": old_row})
        p.level, p.eselon, p.title, p.tmt, p.unit, p.opd = level, eselon, title, day, unit, opd

    def _acting(p: Person, day: dt.date, level: str, eselon: str | None, title: str, unit: str, opd: int,
                how: str) -> None:
        jenis = "1" if eselon else ("2" if level == "Fungsional" else "4")
        p.rows.append({"kind": "acting", "how": how, "day": day, "jenis": jenis, "eselon": eselon, "title": title,
                       "unit": unit, "opd": opd, "old": False})
        truth.acting.append((p.nip, day.isoformat(), how))

    for i in range(len(OPD_NAMES)):
        head = person(i, "JPT Pratama", "II.a", "", unit_of[(i, "head")], "IV/c")
        _definitive(head, dt.date(2012, 1, 2), "Pengawas", "IV.a", "Kepala Seksi", unit_of[(i, "IV.a")], i, old_row=True)
        _definitive(head, dt.date(2017, 1, 2), "Administrator", "III.a", "Sekretaris", unit_of[(i, "III.a")], i)
        _definitive(head, dt.date(2021, 6, 1), "JPT Pratama", "II.a", f"Kepala {OPD_NAMES[i].title()}",
                    unit_of[(i, "head")], i)
        for esl, key, title in (("III.a", "III.a", "Sekretaris"), ("III.b", "III.b", "Kepala Bidang Program"),
                                ("III.b", "III.b2", "Kepala Bidang Layanan")):
            a = person(i, "Administrator", esl, title, unit_of[(i, key)], "IV/a")
            _definitive(a, dt.date(2014, 3, 1), "Pengawas", "IV.b", "Kepala Seksi", unit_of[(i, "IV.b")], i, old_row=True)
            _definitive(a, dt.date(2020, 3, 1), "Administrator", esl, title, unit_of[(i, key)], i)
        for esl, key in (("IV.a", "IV.a"), ("IV.b", "IV.b")):
            w = person(i, "Pengawas", esl, "Kepala Seksi", unit_of[(i, key)], "III/c")
            _definitive(w, dt.date(2019, 7, 1), "Pengawas", esl, "Kepala Seksi", unit_of[(i, key)], i)
        for k in range(n_per_opd - 6):
            if k % 3 == 0:
                f = person(i, "Fungsional", None, "", unit_of[(i, "staff2")], "III/b")
                _definitive(f, f.tmt + dt.timedelta(days=30), "Fungsional", None, "Analis Kebijakan Ahli Pertama",
                            unit_of[(i, "staff2")], i)
            else:
                s = person(i, "Pelaksana", None, "", unit_of[(i, "staff")], "III/a")
                s.title = "Pengadministrasi Umum"

    # ---- 2026Q1: the planted moves
    by_opd = {i: [p for p in persons.values() if p.opd == i] for i in range(len(OPD_NAMES))}

    def promote(p: Person, level: str, eselon: str, title: str, unit: str, opd: int, acting_first: str | None) -> None:
        day = _day(rnd, dt.date(2026, 1, 5), dt.date(2026, 3, 27))
        if acting_first:
            _acting(p, day - dt.timedelta(days=40), level, eselon, title, unit, opd, acting_first)
        _definitive(p, day, level, eselon, title, unit, opd)
        truth.promotions.add((p.nip, day.isoformat()))
        truth.promotion_opd[(p.nip, day.isoformat())] = OPD_NAMES[opd]

    hows = ["title", "mutasi_code", "code", None]
    for i in range(len(OPD_NAMES)):
        staff = [p for p in by_opd[i] if p.level == "Pelaksana"]
        jf = [p for p in by_opd[i] if p.level == "Fungsional"]
        pengawas = [p for p in by_opd[i] if p.level == "Pengawas"]
        kabid = [p for p in by_opd[i] if p.eselon == "III.b"]
        if i % 2 == 0:        # Pelaksana → Pengawas IV.b (after an acting post in some)
            promote(staff[0], "Pengawas", "IV.b", "Kepala Seksi Mutu", unit_of[(i, "IV.b")], i, hows[i % 4])
        if i in (0, 1, 3):    # III.b → III.a: a head of division becomes secretary (a promotion inside one level)
            promote(kabid[0], "Administrator", "III.a", "Sekretaris", unit_of[(i, "III.a")], i, None)
        if i in (2, 4):       # Pengawas → Administrator III.b
            promote(pengawas[0], "Administrator", "III.b", "Kepala Bidang Layanan", unit_of[(i, "III.b2")], i,
                    hows[(i + 1) % 4])
        if i == 5:            # Administrator III.a → JPT in another OPD (the head there retired: BUP)
            sek = next(p for p in by_opd[i] if p.eselon == "III.a")
            promote(sek, "JPT Pratama", "II.a", f"Kepala {OPD_NAMES[0].title()}", unit_of[(0, "head")], 0, None)
        for f in jf[:2]:      # JF jenjang rises: neither promotions nor rotations
            day = _day(rnd, dt.date(2026, 1, 5), dt.date(2026, 3, 27))
            _definitive(f, day, "Fungsional", None, "Analis Kebijakan Ahli Muda", f.unit, i)
            truth.jenjang.add((f.nip, day.isoformat()))
        # a rotation inside the OPD and a mutation to the next OPD (same level)
        r = staff[3]
        day = _day(rnd, dt.date(2026, 1, 5), dt.date(2026, 3, 27))
        _definitive(r, day, "Pelaksana", None, "Pengolah Data", unit_of[(i, "staff2")], i)
        truth.moves.add((r.nip, day.isoformat()))
        m = staff[4]
        j = (i + 1) % len(OPD_NAMES)
        day = _day(rnd, dt.date(2026, 1, 5), dt.date(2026, 3, 27))
        _definitive(m, day, "Pelaksana", None, "Pengadministrasi Umum", unit_of[(j, "staff")], j)
        truth.moves.add((m.nip, day.isoformat()))
        # acting posts that are the person's newest row, one level up, in every way SIASN clients record them
        for k, p in enumerate(staff[5:9]):
            how = ("title", "title", "mutasi_code", "code")[k]
            _acting(p, _day(rnd, Q_START, Q_END), "Pengawas", "IV.a", "Kepala Seksi Data", unit_of[(i, "IV.a")], i, how)
        f = jf[2]
        _acting(f, _day(rnd, Q_START, Q_END), "Fungsional", None, f"{f.title} Tugas Tambahan Kepala UPT", f.unit, i,
                "title_tt")
    # the head of the first OPD reached BUP; others are not active either: kept, with their kedudukan
    retired = next(p for p in by_opd[0] if p.level == "JPT Pratama")
    retired.kedudukan, retired.kedudukan_id, retired.kedudukan_nama = "bup", "98", "BUP"
    for k, (code, name, ours) in enumerate(NOT_ACTIVE):
        p = [q for q in by_opd[k % len(OPD_NAMES)] if q.level == "Pelaksana"][10 + k]
        p.kedudukan, p.kedudukan_id, p.kedudukan_nama = ours, code, name
        if k == 2:
            p.kedudukan_id = ""            # the name alone tells
    # persons the export alone describes (no data-utama), some acting one level up as their newest row
    for i in range(len(OPD_NAMES)):
        for p in [q for q in by_opd[i] if q.level == "Pelaksana"][5:8] + [q for q in by_opd[i] if q.level == "Pelaksana"][15:17]:
            p.has_utama = False
    _write(folder, truth, units, pemda_id, ids, rnd, ref_unor)
    return truth


def _title(title: str, k: int) -> str:
    """An acting post's title as clients write it: `PLT. KEPALA …`, `Plh. Kepala …`, `Pj.`, `Pjs.`, `plt …`."""
    prefix = ("PLT. ", "Plh. ", "Pj. ", "Pjs. ", "plt ")[k % 5]
    return prefix + (title.upper() if k % 2 else title)


def _write(folder: Path, truth: Truth, units: list[dict], pemda_id: str, ids: _Ids, rnd: random.Random,
           ref_unor: str) -> None:
    unit_name = {u["id"]: u["namaUnor"] for u in units}
    opd_of_unit = {}
    for u in units:
        cur = u
        while cur["diatasanId"] and cur["diatasanId"] != pemda_id:
            cur = next(x for x in units if x["id"] == cur["diatasanId"])
        opd_of_unit[u["id"]] = cur["id"]
    if ref_unor == "lower":
        (folder / "ref-unor.json").write_text(json.dumps({"success": True, "data": units}), encoding="utf-8")

    def induk(unit: str) -> tuple[str, str]:
        """unorIndukId/Nama: the OPD; for the OPD's own unit (its head) the Pemda itself (siasn.md)."""
        opd = opd_of_unit[unit]
        return (pemda_id, PEMDA) if opd == unit else (opd, unit_name[opd])

    k_title = 0
    for p in truth.persons.values():
        rows = sorted(p.rows, key=lambda r: r["day"])
        newest_d = max((r for r in rows if r["kind"] == "D"), key=lambda r: r["day"])
        out = []
        for r in rows:
            iid, iname = induk(r["unit"])
            row = {"id": ids.new(), "nipBaru": p.nip, "jenisJabatan": r["jenis"],
                   "eselon": None if r["old"] else r["eselon"],
                   "eselonId": None if r["old"] or not r["eselon"] else ESELON_ID[r["eselon"]],
                   "unorId": ids.spelt(r["unit"]), "unorNama": unit_name[r["unit"]], "unorIndukId": ids.spelt(iid),
                   "unorIndukNama": f" {iname}  " if rnd.random() < 0.5 else iname,
                   "namaJabatan": r["title"] if r["jenis"] == "1" else None,
                   "jabatanFungsionalNama": r["title"] if r["jenis"] == "2" else None,
                   "jabatanFungsionalUmumNama": r["title"] if r["jenis"] == "4" else None,
                   "tmtJabatan": _iso_z(r["day"]) if rnd.random() < 0.7 else _dmy(r["day"]),
                   "tmtPelantikan": _iso_z(r["day"] + dt.timedelta(days=3)), "tmtMutasi": "01-01-0001",
                   "jenisPenugasanId": "D" if r is newest_d else "", "jenisMutasiId": ""}
            if r["kind"] == "acting":
                how = r["how"]
                if how == "title":
                    k_title += 1
                    for key in ("namaJabatan", "jabatanFungsionalNama", "jabatanFungsionalUmumNama"):
                        if row[key]:
                            row[key] = _title(row[key], k_title)
                elif how == "mutasi_code":
                    row["jenisMutasiId"] = "PLT"
                elif how == "code":
                    row["jenisPenugasanId"] = "PLH"
                # title_tt: "… Tugas Tambahan …" already in the title; code empty
            out.append(row)
        if rnd.random() < 0.5:
            out.reverse()
        body = {"success": True, "message": "success", "data": out} if rnd.random() < 0.7 else out
        _json(folder / "rw-jabatan" / f"{p.nip}.json", body)
    # data-utama
    for p in truth.persons.values():
        if not p.has_utama:
            continue
        iid, iname = induk(p.unit)
        data = {"nipBaru": p.nip, "nama": p.nama, "tglLahir": _iso_z(p.born), "jenisKelamin": p.sex,
                "golRuangAkhirId": GOL_ID[p.golongan], "golRuangAkhir": p.golongan, "tkPendidikanTerakhirId": "40",
                "jenisJabatanId": {"Fungsional": "2", "Pelaksana": "4"}.get(p.level, "1"), "jabatanNama": p.title,
                "eselonId": ESELON_ID.get(p.eselon or ""), "eselon": p.eselon, "tmtJabatan": _iso_z(p.tmt),
                "unorId": ids.spelt(p.unit), "unorNama": unit_name[p.unit], "unorIndukId": ids.spelt(iid),
                "unorIndukNama": f"{iname}   ", "tmtCpns": _iso_z(p.tmt_cpns), "statusPegawai": "PNS",
                "kedudukanPnsId": p.kedudukan_id or None, "kedudukanPnsNama": p.kedudukan_nama}
        _json(folder / "data-utama" / f"{p.nip}.json", {"success": True, "data": data})
    # the export: upper-case headers with spaces, '|' separator; a few unreadable TMT CPNS where data-utama has it
    bad = 0
    with (folder / "Export Data ASN Pemprov Banten.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="|")
        w.writerow(EXPORT_HEADER)
        for k, p in enumerate(truth.persons.values()):
            sex = (p.sex, p.sex.lower(), "1" if p.sex == "M" else "2")[k % 3]
            tmt_cpns = _dmy(p.tmt_cpns) if k % 2 else f"{p.tmt_cpns.isoformat()} 00:00:00"
            if p.has_utama and k % 37 == 5:
                tmt_cpns, bad = "31-02-" + str(p.tmt_cpns.year), bad + 1
            iid, iname = induk(p.unit)
            w.writerow(["'" + ids.new(), "'" + p.nip, p.nama, _dmy(p.born), sex, GOL_ID[p.golongan], p.golongan,
                        {"Fungsional": "2", "Pelaksana": "4"}.get(p.level, "1"), p.title, _dmy(p.tmt), "40",
                        ids.spelt(p.unit), unit_name[p.unit], iname, tmt_cpns, "P", p.kedudukan_id or "null",
                        p.kedudukan_nama, "'3604" + p.nip[:12], "true", "false"])
    truth.unreadable_export_dates = bad
    # kinerja, rank history, profiling
    for p in truth.persons.values():
        _json(folder / "rw-skp22" / f"{p.nip}.json", {"success": True, "data": [
            {"tahun": 2024, "kuadranKinerjaNilai": 2, "kuadranKinerja": "BAIK", "hasilKinerjaNilai": 2,
             "perilakuKerjaNilai": 2},
            {"tahun": 2025, "KuadranKinerjaNilai": 1, "kuadranKinerja": "SANGAT BAIK"}]})
        _json(folder / "rw-golongan" / f"{p.nip}.json", [{"golonganId": GOL_ID[p.golongan], "tmtGolongan":
                                                        _iso_z(dt.date(2024, 4, 1)), "jenisKPId": "101"}])
    comps = ("integritas", "kerja_sama", "komunikasi", "orientasi_hasil", "pelayanan_publik", "pengembangan_diri",
             "mengelola_perubahan", "pengambilan_keputusan", "perekat_bangsa")
    with (folder / "profiling.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(("nip", "tanggal_asesmen", *comps, "jpm"))
        for p in truth.persons.values():
            w.writerow((p.nip, "2025-11-18", *(round(rnd.uniform(2, 4), 1) for _ in comps), round(rnd.uniform(60, 95), 1)))
    # broken files beside the good ones: each must be ledgered, the rest converted
    skp = folder / "rw-skp22"
    broken = {"nan.json": '{"success": true, "data": [{"tahun": 2025, "kuadranKinerjaNilai": NaN}]}',
              "dup.json": '{"success": true, "data": [{"tahun": 2025, "tahun": 2024}]}',
              "deep.json": "[" * 200_000 + "]" * 200_000}
    for name, body in broken.items():
        (skp / f"{truth.opd_ids[0][:6]}{name}").write_text(body, encoding="utf-8")
        truth.broken_files[f"rw-skp22/{truth.opd_ids[0][:6]}{name}"] = name
    (skp / "utf8.json").write_bytes(b'{"data": [{"tahun": "2025\xff"}]}')
    truth.broken_files["rw-skp22/utf8.json"] = "invalid UTF-8"
    (folder / "rw-jabatan" / "catatan.txt").write_text("diunduh 2026-04-01", encoding="utf-8")
    truth.broken_files["rw-jabatan/catatan.txt"] = "no JSON"


def _json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def empty_pull(folder: Path) -> Path:
    """A failed pull: a ref-unor.json beside empty data-utama/ and rw-*/ folders."""
    folder.mkdir(parents=True, exist_ok=True)
    _json(folder / "ref-unor.json", {"success": True, "data": [{"id": "A1", "diatasanId": None, "namaUnor": PEMDA}]})
    for name in ("data-utama", "rw-jabatan", "rw-skp22", "rw-golongan"):
        (folder / name).mkdir(exist_ok=True)
    return folder


def deep_ref_unor(folder: Path, depth: int = 200_000) -> Path:
    """A folder whose ref-unor.json is nested `depth` levels deep (and a valid data-utama file)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ref-unor.json").write_text("[" * depth + "]" * depth, encoding="utf-8")
    _json(folder / "data-utama" / "196701111991031001.json", {"nipBaru": "196701111991031001", "nama": "X"})
    return folder
