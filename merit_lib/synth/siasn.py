"""The synthetic extract written as BKN's SIASN would deliver it: `to_siasn(tables, out)`.

From the four contract tables (`synthesize(...).tables`) it writes a folder as a BKD assembles it (the shapes of
/work/shared/siasn.md; `merit_lib.data.siasn.convert` reads it back):

    Data_ASN_Pemprov_Banten.csv   the Export Data ASN, an older vintage (no eselon column): lower snake_case headers,
                                  NIPs with a leading `'`, the text `null` in empty cells, dates dd-mm-yyyy, sex M/F,
                                  golongan and education as ids, `unor_id` of a sub-unit under each OPD
    ref-unor.json                 the unit tree: the province at the top, each OPD (IndukUnorId = itself, CepatKode =
                                  our opd_kode) with 2–3 sub-units, one of which has a sub-unit of its own
    data-utama/<nip>.json         the state at the end of the period (every 4th file is the bare `data` member)
    rw-jabatan/<nip>.json         one definitive row per history event (jenisJabatan + eselonId, unorId, tmtJabatan),
                                  plus acting rows (PLT, PLH, TT) that must never become promotions
    rw-skp22/<nip>.json           kuadran code and name, hasil and perilaku ratings in BKN's "ESPEKTASI" spelling
    rw-skp/<nip>.json             numeric SKP for 2019–2021 for a tenth of the long-serving staff
    rw-golongan/<nip>.json        the rank history of PNS (current golongan and the one before)
    profiling.csv                 the assessment results in our columns

What it plants, so a conversion has something to find (all drawn from `seed`; assumptions, not facts about Banten):
- the export is a snapshot at `as_of` (default: the start of the quarter of the last history event): whoever moved
  after it shows the old position there, data-utama (queried later) the new one — export/data-utama conflicts;
- 3 % of the non-structural staff who did not move have no data-utama file (the export alone describes them),
  and 1 % have no rw-jabatan file (a NIP with no history);
- a PLT row at the target level 30–60 days before every third promotion, a PLH row one level up inside the period
  for 5 % of the Pelaksana and Pengawas, a TT row for 2 % of the Fungsional;
- an unknown education id (`99`) in the export for 1 % of those who have data-utama (which has the right one);
- the three PNS with the latest TMT CPNS marked CPNS (status_cpns_pns `C`);
- 5 % of the SKP 2022+ rows without the kuadran code (name only), 2 % with neither (hasil × perilaku only), and an
  empty answer (`success: false`) for a third of those without any SKP.
A value outside the code tables (an extract made with `bad_rows`) is written as the unknown id `99`, which the
conversion counts. `shapes=siasn_shapes.Shapes(...)` writes the same facts in the habits of other BKDs (issue 22): acting
posts named only in the title, ISO dates with `Z`, no ref-unor; `siasn_shapes.plant_moves` adds III.b → III.a
promotions, JF jenjang rises and non-active persons to the contract tables first. It uses only the domain layer: files are written here, plainly (the folder is no report output).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd

from merit_lib.domain import siasn_codes as S
from merit_lib.domain.period import Period
from merit_lib.synth.opd import opd_table
from merit_lib.synth.siasn_shapes import KEDUDUKAN_WRITTEN, PROVINCE_NAME, Shapes, Writer, acting_row

EXPORT_FILE = "Data_ASN_Pemprov_Banten.csv"
PROVINCE = PROVINCE_NAME
EXPORT_COLUMNS = (
    "pns_id", "nip_baru", "nip_lama", "nama", "gelar_depan", "gelar_belakang", "tanggal_lahir", "jenis_kelamin",
    "agama_nama", "gol_akhir_id", "gol_akhir_nama", "tmt_golongan", "jenis_jabatan_id", "jenis_jabatan_nama",
    "jabatan_id", "jabatan_nama", "tmt_jabatan", "tingkat_pendidikan_id", "tingkat_pendidikan_nama", "pendidikan_nama",
    "unor_id", "unor_nama", "instansi_induk_nama", "satuan_kerja_induk_nama", "tmt_cpns", "status_cpns_pns",
    "kedudukan_hukum_id", "kedudukan_hukum_nama",
)
#: our values → SIASN ids (the first id of each name in siasn_codes)
GOLONGAN_ID = {v: k for k, v in S.GOLONGAN.items()}
PENDIDIKAN_ID = {v: k for k, v in reversed(list(S.PENDIDIKAN.items()))}
PENDIDIKAN_NAMA = {"SD": "SD", "SMP": "SLTP", "SMA": "SLTA", "D1": "D-I", "D2": "D-II", "D3": "D-III", "D4": "D-IV",
                   "S1": "S-1", "S2": "S-2", "S3": "S-3"}
ESELON_ID = {v: k for k, v in S.ESELON.items()}
JENIS_ID = {"JPT Pratama": "1", "Administrator": "1", "Pengawas": "1", "Fungsional": "2", "Pelaksana": "4"}
JENIS_NAMA = {"1": "Jabatan Struktural", "2": "Jabatan Fungsional Tertentu", "4": "Jabatan Fungsional Umum"}
UP = {"Pelaksana": ("Pengawas", "IV.a", "Kepala Subbagian"), "Pengawas": ("Administrator", "III.b", "Kepala Bidang")}
#: predikat → (hasil kerja, perilaku kerja) rating ids consistent with rules.SKP_MATRIX
RATINGS = {"Sangat Baik": ("1", "1"), "Baik": ("2", "2"), "Butuh Perbaikan": ("3", "2"), "Kurang": ("2", "3"),
           "Sangat Kurang": ("3", "3")}
KUADRAN_ID = {v: k for k, v in S.KUADRAN.items()}
RATING_NAMA = {"1": "DIATAS ESPEKTASI", "2": "SESUAI ESPEKTASI", "3": "DIBAWAH ESPEKTASI"}


def to_siasn(tables: dict[str, pd.DataFrame], out: Path | str, seed: int = 0, as_of: str | None = None,
             shapes: Shapes | None = None) -> Path:
    """Write the contract tables as a SIASN folder in `out` (see the module docstring), in the habits `shapes` turns
    on (siasn_shapes.Shapes; what it plants unreadable is counted in `shapes.planted`); returns `out`."""
    rng = np.random.default_rng(seed)
    w = Writer(shapes, seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    peg = tables["pegawai"].reset_index(drop=True).copy()
    riw = tables["riwayat_jabatan"].copy()
    riw["tanggal"] = pd.to_datetime(riw["tanggal"])
    for c in ("tanggal_lahir", "tmt_jabatan", "tmt_cpns", "tmt_kedudukan_hukum"):
        if c in peg:
            peg[c] = pd.to_datetime(peg[c])
    cut = pd.Timestamp(as_of) if as_of else _quarter_start(riw["tanggal"].max())
    ids = _Ids(rng)
    units, place = _tree(peg, riw, ids, rng)
    if not w.shapes.no_ref_unor:
        _write_json({"success": True, "message": "success", "data": units}, out / "ref-unor.json")

    peg["pns_id"] = [ids.new() for _ in range(len(peg))]
    peg["unit"] = [place(o, lv) for o, lv in zip(peg["opd_kode"], peg["jenis_jabatan"])]
    moved = set(riw.loc[riw["tanggal"] >= cut, "nip"])
    quiet = peg.index[~peg["nip"].isin(moved) & peg["eselon"].isna()].to_numpy()
    no_utama = set(peg.loc[rng.choice(quiet, int(len(quiet) * 0.03), replace=False), "nip"]) if len(quiet) else set()
    rest = np.setdiff1d(quiet, peg.index[peg["nip"].isin(no_utama)].to_numpy())
    no_history = set(peg.loc[rng.choice(rest, int(len(rest) * 0.01), replace=False), "nip"]) if len(rest) else set()
    pns = peg.index[peg["status_kepegawaian"] == "PNS"]
    cpns = set(peg.loc[peg.loc[pns, "tmt_cpns"].sort_values(kind="stable").index[-3:], "nip"]) if len(pns) else set()

    _write_export(peg, riw, cut, units, place, no_utama, cpns, rng, out / EXPORT_FILE, w)
    _write_data_utama(peg, units, no_utama, cpns, out / "data-utama", w)
    _write_rw_jabatan(peg, riw, cut, units, place, no_history, ids, rng, out / "rw-jabatan", w, no_utama)
    _write_skp(peg, tables["kinerja"], ids, rng, out)
    _write_golongan(peg, ids, out / "rw-golongan", w)
    prof = tables["profiling"].copy()
    for c in prof.columns:
        if pd.api.types.is_datetime64_any_dtype(prof[c]):
            prof[c] = prof[c].dt.strftime("%Y-%m-%d")
    prof.to_csv(out / "profiling.csv", index=False)
    return out


# --------------------------------------------------------------------------- the unit tree

class _Ids:
    """SIASN-like ids: 32 lower-case hex digits, unique, drawn from the generator."""

    def __init__(self, rng: np.random.Generator):
        self.rng, self.seen = rng, set()

    def new(self) -> str:
        while True:
            x = "".join("0123456789abcdef"[d] for d in self.rng.integers(0, 16, 32))
            if x not in self.seen:
                self.seen.add(x)
                return x


def _quarter_start(day: pd.Timestamp) -> pd.Timestamp:
    return Period(day.year, (day.month - 1) // 3 + 1).start


def _tree(peg: pd.DataFrame, riw: pd.DataFrame, ids: _Ids, rng: np.random.Generator):
    """ref-unor rows, and `place(opd_kode, level)` → the unit id such a position sits in."""
    names = opd_table().set_index("opd_kode")["opd_nama"].to_dict()
    names.update(peg.drop_duplicates("opd_kode").set_index("opd_kode")["opd_nama"].to_dict())
    heads = peg[peg["jenis_jabatan"] == "JPT Pratama"].drop_duplicates("opd_kode").set_index("opd_kode")["eselon"]
    codes = sorted(set(peg["opd_kode"]) | set(riw["opd_kode_baru"].dropna()) | set(riw["opd_kode_lama"].dropna()))
    root = ids.new()
    units = [_unit(root, None, root, PROVINCE, None, "36")]
    slots: dict[str, dict[str, list[str]]] = {}
    for code in codes:
        opd = ids.new()
        nama = str(names.get(code, code))
        units.append(_unit(opd, root, opd, nama.upper(), ESELON_ID.get(heads.get(code, "II.b"), "22"), code))
        sek, subbag = ids.new(), ids.new()
        units.append(_unit(sek, opd, opd, f"SEKRETARIAT {nama.upper()}", "31", None))
        units.append(_unit(subbag, sek, opd, f"SUBBAGIAN UMUM DAN KEPEGAWAIAN {nama.upper()}", "41", None))
        bidang = []
        for i in range(int(rng.integers(1, 3))):
            b = ids.new()
            units.append(_unit(b, opd, opd, f"BIDANG {'I' * (i + 1)} {nama.upper()}", "32", None))
            bidang.append(b)
        slots[code] = {"JPT Pratama": [opd], "Administrator": [sek, *bidang], "Pengawas": [subbag, *bidang],
                       "other": [sek, subbag, *bidang]}

    def place(code: str, level: str) -> str:
        options = slots[code].get(level, slots[code]["other"])
        return options[int(rng.integers(len(options)))]

    return units, place


def _unit(uid: str, parent: str | None, induk: str, nama: str, eselon: str | None, cepat: str | None) -> dict:
    return {"Id": uid, "InstansiId": None, "DiatasanId": parent, "EselonId": eselon, "NamaUnor": nama,
            "NamaJabatan": None, "CepatKode": cepat, "IndukUnorId": induk, "PemimpinPnsId": None, "JenisUnorId": None}


# --------------------------------------------------------------------------- writing

def _sex(x: str) -> str:
    return {"L": "M", "P": "F"}[x]


def _write_json(obj: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def _names(units: list[dict]) -> dict[str, tuple[str, str, str]]:
    """unit id → (unit name, OPD id, OPD name)."""
    by_id = {u["Id"]: u for u in units}
    return {u["Id"]: (u["NamaUnor"], u["IndukUnorId"], by_id[u["IndukUnorId"]]["NamaUnor"]) for u in units}


def _induk(units: list[dict], unit: str, w: Writer) -> tuple[str, str]:
    """(unorIndukId, unorIndukNama) of a unit as written: its OPD; with `no_ref_unor`, the Pemda for an OPD's own unit
    (its head's), as some answers have it (siasn.md)."""
    unit_name, opd_id, opd_name = _names(units)[unit]
    if w.shapes.no_ref_unor and opd_id == unit:
        return units[0]["Id"], PROVINCE
    return opd_id, opd_name


def _kedudukan(p: object, pppk: bool) -> tuple[str, str]:
    """The kedudukan hukum id and name written for a person (the contract's `kedudukan_hukum`, else aktif)."""
    state = getattr(p, "kedudukan_hukum", None)
    if not isinstance(state, str) or state == "aktif":
        return ("71", "PPPK Aktif") if pppk else ("01", "Aktif")
    return KEDUDUKAN_WRITTEN[state]


def _position_before(riw: pd.DataFrame, cut: pd.Timestamp) -> pd.DataFrame:
    """Each moved person's position just before `cut` (from the last history event before it)."""
    before = riw[riw["tanggal"] < cut].sort_values(["nip", "tanggal"], kind="stable").groupby("nip").tail(1)
    return before.set_index("nip")


def _write_export(peg: pd.DataFrame, riw: pd.DataFrame, cut: pd.Timestamp, units: list[dict], place,
                  no_utama: set[str], cpns: set[str], rng: np.random.Generator, path: Path, w: Writer) -> None:
    names = _names(units)
    with_utama = [n for n in peg["nip"] if n not in no_utama]
    bad_dates = set(with_utama[:w.shapes.unreadable_dates])           # data-utama has the right value
    bad_kedudukan = set(with_utama[-w.shapes.unknown_kedudukan:]) if w.shapes.unknown_kedudukan else set()
    before = _position_before(riw, cut)
    moved = set(riw.loc[riw["tanggal"] >= cut, "nip"])
    unknown_edu = {n for n in peg["nip"] if n not in no_utama and rng.random() < 0.01}
    # without ref-unor the export names the OPD in its UNOR INDUK column (upper-case headers with spaces)
    columns = (*EXPORT_COLUMNS, "unor_induk") if w.shapes.no_ref_unor else EXPORT_COLUMNS
    rows = []
    for p in peg.itertuples(index=False):
        level, jabatan, tmt, unit = p.jenis_jabatan, p.jabatan, p.tmt_jabatan, p.unit
        if p.nip in moved and p.nip in before.index:        # the snapshot predates the move
            b = before.loc[p.nip]
            level, jabatan, tmt = b["jenis_jabatan_baru"], b["jabatan_baru"], b["tanggal"]
            unit = place(b["opd_kode_baru"], level)
        pppk = p.status_kepegawaian == "PPPK"
        jid = JENIS_ID[level]
        edu_id = "99" if p.nip in unknown_edu else PENDIDIKAN_ID.get(p.pendidikan, "99")
        kedudukan = ("55", "STATUS TIDAK DIKENAL") if p.nip in bad_kedudukan else _kedudukan(p, pppk)
        tmt_cpns = ("31-02-" + str(p.tmt_cpns.year)) if p.nip in bad_dates else w.date(p.tmt_cpns, json=False)
        for planted, key in ((bad_kedudukan, "ekspor.kedudukan_hukum"), (bad_dates, "ekspor.tmt_cpns")):
            if p.nip in planted:
                w.shapes.count(key)
        row = {"pns_id": p.pns_id, "nip_baru": "'" + p.nip, "nip_lama": None, "nama": p.nama, "gelar_depan": None,
               "gelar_belakang": None, "tanggal_lahir": w.date(p.tanggal_lahir, json=False),
               "jenis_kelamin": _sex(p.jenis_kelamin),
               "agama_nama": getattr(p, "agama", None), "gol_akhir_id": None if pppk else GOLONGAN_ID.get(p.golongan, "99"),
               "gol_akhir_nama": p.golongan, "tmt_golongan": None, "jenis_jabatan_id": jid,
               "jenis_jabatan_nama": JENIS_NAMA[jid], "jabatan_id": None, "jabatan_nama": jabatan,
               "tmt_jabatan": w.date(tmt, json=False), "tingkat_pendidikan_id": edu_id,
               "tingkat_pendidikan_nama": None if p.nip in unknown_edu else PENDIDIKAN_NAMA.get(p.pendidikan),
               "pendidikan_nama": None, "unor_id": w.uid(unit), "unor_nama": names[unit][0],
               "instansi_induk_nama": PROVINCE, "satuan_kerja_induk_nama": PROVINCE, "tmt_cpns": tmt_cpns,
               "status_cpns_pns": None if pppk else ("C" if p.nip in cpns else "P"),
               "kedudukan_hukum_id": kedudukan[0], "kedudukan_hukum_nama": kedudukan[1],
               "unor_induk": w.pad(_induk(units, unit, w)[1])}
        rows.append(["null" if v is None or (isinstance(v, float) and np.isnan(v)) else v
                     for v in (row[c] for c in columns)])
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([c.upper().replace("_", " ") for c in columns] if w.shapes.no_ref_unor else columns)
        out.writerows(rows)


def _write_data_utama(peg: pd.DataFrame, units: list[dict], no_utama: set[str], cpns: set[str], folder: Path,
                      w: Writer) -> None:
    names = _names(units)
    for i, p in enumerate(peg.itertuples(index=False)):
        if p.nip in no_utama:
            continue
        pppk = p.status_kepegawaian == "PPPK"
        unit_name = names[p.unit][0]
        opd_id, opd_name = _induk(units, p.unit, w)
        kedudukan = _kedudukan(p, pppk)
        tmt_pensiun = getattr(p, "tmt_kedudukan_hukum", None)
        data = {"id": p.pns_id, "nipBaru": p.nip, "nipLama": None, "nama": p.nama, "gelarDepan": None,
                "gelarBelakang": None, "tglLahir": w.date(p.tanggal_lahir), "jenisKelamin": _sex(p.jenis_kelamin),
                "agama": getattr(p, "agama", None), "golRuangAkhirId": None if pppk else GOLONGAN_ID.get(p.golongan, "99"),
                "golRuangAkhir": p.golongan, "tkPendidikanTerakhirId": PENDIDIKAN_ID.get(p.pendidikan, "99"),
                "tkPendidikanTerakhir": PENDIDIKAN_NAMA.get(p.pendidikan), "jenisJabatanId": JENIS_ID[p.jenis_jabatan],
                "jabatanNama": p.jabatan, "eselon": None if pd.isna(p.eselon) else p.eselon,
                "eselonId": None if pd.isna(p.eselon) else ESELON_ID[p.eselon], "tmtJabatan": w.date(p.tmt_jabatan),
                "unorId": w.uid(p.unit), "unorNama": unit_name, "unorIndukId": w.uid(opd_id),
                "unorIndukNama": w.pad(opd_name), "tmtCpns": w.date(p.tmt_cpns),
                "statusPegawai": "PPPK" if pppk else ("CPNS" if p.nip in cpns else "PNS"),
                "kedudukanPnsId": kedudukan[0], "kedudukanPnsNama": kedudukan[1], "instansiKerjaNama": PROVINCE}
        if tmt_pensiun is not None and not pd.isna(tmt_pensiun):
            data["tmtPensiun"] = w.date(tmt_pensiun)
        _write_json(data if i % 4 == 3 else {"success": True, "mapData": None, "message": "success", "data": data},
                    folder / f"{p.nip}.json")


def _jabatan_row(ids: _Ids, pns_id: str, nip: str, level: str, eselon: object, unit: str, units: list[dict],
                 title: str, day: pd.Timestamp, penugasan: str, mutasi: str, w: Writer) -> dict:
    jid = JENIS_ID[level]
    esl = None if pd.isna(eselon) else str(eselon)
    unit_name = _names(units)[unit][0] if w.shapes.no_ref_unor else None
    opd_id, opd_name = _induk(units, unit, w)
    return {"id": ids.new(), "idPns": pns_id, "nipBaru": nip, "jenisJabatan": jid, "eselon": esl,
            "eselonId": ESELON_ID.get(esl) if esl else None, "unorId": w.uid(unit),
            "unorNama": unit_name or _names(units)[unit][0], "unorIndukId": w.uid(opd_id),
            "unorIndukNama": w.pad(opd_name), "namaJabatan": title if jid == "1" else None,
            "jabatanFungsionalNama": title if jid == "2" else None,
            "jabatanFungsionalUmumNama": title if jid == "4" else None, "tmtJabatan": w.date(day),
            "tmtPelantikan": w.date(day), "nomorSk": None, "tanggalSk": w.date(day), "jenisPenugasanId": penugasan,
            "jenisMutasiId": mutasi, "tmtMutasi": "01-01-0001"}


def _write_rw_jabatan(peg: pd.DataFrame, riw: pd.DataFrame, cut: pd.Timestamp, units: list[dict], place,
                      no_history: set[str], ids: _Ids, rng: np.random.Generator, folder: Path, w: Writer,
                      no_utama: set[str]) -> None:
    end = Period(cut.year, (cut.month - 1) // 3 + 1).end
    by_nip: dict[str, list[dict]] = {}
    for e in riw.sort_values(["nip", "tanggal"], kind="stable").to_dict("records"):
        by_nip.setdefault(e["nip"], []).append(e)
    promoted = set(riw.loc[(riw["tanggal"] >= cut) & (riw["jenis_mutasi"] == "promosi"), "nip"])
    k = acting_k = 0

    def acting(args: tuple, base: str, default_title: str, day: pd.Timestamp, code: str) -> dict:
        """An acting row: as the default world writes it (its code, a titled name), or as other BKDs hold it."""
        nonlocal acting_k
        if not w.shapes.acting_titles:
            return _jabatan_row(*args, default_title, day, code, "", w)
        acting_k += 1
        w.shapes.count("rw-jabatan.acting")
        return acting_row(_jabatan_row(*args, base, day, code, "", w), code, acting_k)

    for i, p in enumerate(peg.itertuples(index=False)):
        if p.nip in no_history:
            continue
        rows = []
        events = by_nip.get(p.nip, [])
        for j, e in enumerate(events):
            same_as_now = (j == len(events) - 1 and e["opd_kode_baru"] == p.opd_kode
                           and e["jenis_jabatan_baru"] == p.jenis_jabatan)
            level = e["jenis_jabatan_baru"]
            unit = p.unit if same_as_now else place(e["opd_kode_baru"], level)
            lama = e["opd_kode_lama"]
            mutasi = "MU" if isinstance(lama, str) and lama != e["opd_kode_baru"] else "MJ"
            if e["jenis_mutasi"] == "promosi" and e["tanggal"] >= cut:
                k += 1
                if k % 3 == 1:   # acting in the post first, appointed later
                    day = e["tanggal"] - pd.Timedelta(days=int(rng.integers(30, 61)))
                    rows.append(acting((ids, p.pns_id, p.nip, level, e["eselon_baru"], unit, units),
                                       str(e["jabatan_baru"]), f"Plt. {e['jabatan_baru']}", day, "PLT"))
            rows.append(_jabatan_row(ids, p.pns_id, p.nip, level, e["eselon_baru"], unit, units, str(e["jabatan_baru"]),
                                     e["tanggal"], "D", "" if j == 0 else mutasi, w))
        # with acting titles, a person without data-utama acts one level up too (their level must stay their own)
        if p.nip not in promoted and p.jenis_jabatan in UP and (rng.random() < 0.05 or (
                w.shapes.acting_titles and p.nip in no_utama)):
            level, eselon, title = UP[p.jenis_jabatan]
            day = cut + pd.Timedelta(days=int(rng.integers(5, max(6, (end - cut).days - 5))))
            rows.append(acting((ids, p.pns_id, p.nip, level, eselon, place(p.opd_kode, level), units), title,
                               f"Plh. {title}", day, "PLH"))
        if p.jenis_jabatan == "Fungsional" and rng.random() < 0.02:
            day = cut + pd.Timedelta(days=int(rng.integers(5, 60)))
            rows.append(acting((ids, p.pns_id, p.nip, "Fungsional", None, p.unit, units), str(p.jabatan),
                               f"{p.jabatan} (tugas tambahan)", day, "TT"))
        if w.shapes.acting_titles:      # "D" on the newest definitive row only, "" on the others (a regency's answer)
            definitive = [r for r in rows if r["jenisPenugasanId"] == "D"]
            for r in definitive[:-1]:
                r["jenisPenugasanId"] = ""
        if i % 2:
            rows.reverse()      # some services answer newest first
        _write_json({"success": True, "message": "success", "data": rows}, folder / f"{p.nip}.json")


def _write_skp(peg: pd.DataFrame, kinerja: pd.DataFrame, ids: _Ids, rng: np.random.Generator, out: Path) -> None:
    pns_id = dict(zip(peg["nip"], peg["pns_id"]))
    k = kinerja.copy()
    k["tahun"] = k["tahun"].astype(int)
    new = k[k["tahun"] >= 2022]
    by_nip: dict[str, list[dict]] = {}
    for r in new.to_dict("records"):
        hasil, perilaku = RATINGS[r["predikat"]]
        u = rng.random()
        by_nip.setdefault(r["nip"], []).append({
            "id": ids.new(), "tahun": int(r["tahun"]), "hasilKinerja": RATING_NAMA[hasil], "hasilKinerjaNilai": int(hasil),
            "perilakuKerja": RATING_NAMA[perilaku], "PerilakuKerjaNilai": int(perilaku),
            "kuadranKinerja": None if u < 0.02 else r["predikat"].upper(),
            "KuadranKinerjaNilai": None if u < 0.07 else int(KUADRAN_ID[r["predikat"]]), "namaPenilai": None,
            "statusPenilai": "ASN", "pnsDinilaiId": pns_id.get(r["nip"])})
    for nip, rows in by_nip.items():
        _write_json({"success": True, "message": "success", "data": rows}, out / "rw-skp22" / f"{nip}.json")
    without = [n for n in peg["nip"] if n not in by_nip]
    for j, nip in enumerate(without):
        if j % 3 == 0:
            _write_json({"success": False, "message": "Data tidak ditemukan", "data": None},
                        out / "rw-skp22" / f"{nip}.json")
    old = peg[(peg["tmt_cpns"].dt.year <= 2018) & (rng.random(len(peg)) < 0.1)]
    for p in old.itertuples(index=False):
        rows = [{"id": ids.new(), "tahun": year, "nilaiSkp": round(float(rng.uniform(65, 95)), 2),
                 "nilaiPrestasiKerja": round(float(rng.uniform(60, 98)), 2), "pnsDinilaiId": p.pns_id}
                for year in (2019, 2020, 2021)]
        _write_json({"success": True, "message": "success", "data": rows}, out / "rw-skp" / f"{p.nip}.json")


def _write_golongan(peg: pd.DataFrame, ids: _Ids, folder: Path, w: Writer) -> None:
    order = list(GOLONGAN_ID)
    for p in peg[(peg["status_kepegawaian"] == "PNS") & peg["golongan"].isin(order)].itertuples(index=False):
        i = order.index(p.golongan)
        rows = [{"id": ids.new(), "golonganId": GOLONGAN_ID[p.golongan], "golongan": p.golongan,
                 "tmtGolongan": w.date(pd.Timestamp(2022, 4, 1)), "jenisKPId": "101", "jenisKPNama": "Reguler"}]
        if i > 0:
            rows.append({"id": ids.new(), "golonganId": GOLONGAN_ID[order[i - 1]], "golongan": order[i - 1],
                         "tmtGolongan": w.date(pd.Timestamp(2018, 4, 1)), "jenisKPId": "101", "jenisKPNama": "Reguler"})
        _write_json({"success": True, "message": "success", "data": rows}, folder / f"{p.nip}.json")
