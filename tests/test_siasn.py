"""SIASN as it comes: the code tables, each derivation on hand-made cases, a hand-made SIASN folder, and the round
trip synth → to_siasn → convert → the same persons, promotions and analysis frame."""

from __future__ import annotations

import csv
import json
import re

import pandas as pd
import pytest

from merit_lib.analysis.features import analysis_frame
from merit_lib.data.extract import load_extract
from merit_lib.data.siasn import (
    LEDGER_FILE,
    MAPPING_COUNT_COLUMNS,
    MAPPING_FILE,
    convert,
    history_table,
    is_siasn_folder,
    merge_persons,
    opd_of_units,
    person_raw,
    person_values,
    quality_line,
    read_line,
)
from merit_lib.domain import siasn_codes as S
from merit_lib.domain.errors import InputError
from merit_lib.domain.period import Period
from merit_lib.synth.siasn import to_siasn


def s(*values: object) -> pd.Series:
    return pd.Series(list(values), dtype="object")


def listed(series: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in series]


# --------------------------------------------------------------------------- the code tables

def test_cells_as_siasn_writes_them():
    assert listed(S.clean(s("'196711101992031001", " null ", "NULL", "", None, " x ", 33.0, 7))) == \
        ["196711101992031001", None, None, None, None, "x", "33", "7"]
    got = S.dates(s("17-11-2025", "2025-11-17", "17/11/2025", "01-01-0001", "null", "31-02-2025"))
    assert listed(got) == [pd.Timestamp(2025, 11, 17)] * 3 + [None] * 3


def test_golongan_ids_and_names():
    got = S.golongan(s("11", "14", "21", "34", "41", "45", 33.0, "46", None), s(None, None, None, None, None, None, None,
                                                                                 None, "iii/C"))
    assert listed(got) == ["I/a", "I/d", "II/a", "III/d", "IV/a", "IV/e", "III/c", None, "III/c"]
    assert listed(S.unknown(s("46", None), S.golongan(s("46", None)))) == [True, False]
    assert listed(S.golongan(None, s("IX", "XVII", "III c", "IV/f"))) == ["IX", "XVII", "III/c", None]


def test_pendidikan_ids_and_names():
    ids = S.pendidikan(s("05", "5", 5, "10", "12", "15", "17", "18", "20", "25", "30", "35", "40", "45", "50", "99"))
    assert listed(ids) == ["SD", "SD", "SD", "SMP", "SMP", "SMA", "SMA", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3",
                           None]
    assert listed(S.pendidikan(None, s("S-1", "D-III", "SLTA", "Diploma IV", "SMK", "S4"))) == \
        ["S1", "D3", "SMA", "D4", "SMA", None]


def test_eselon_ids_their_kinds_and_the_level():
    assert listed(S.eselon(s("21", "22", "31", "32", "41", "42", "99", "11", "52", "77"))) == \
        ["II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b", None, None, None, None]
    assert listed(S.eselon_kind(s("21", "99", None, "10", "12", "51", "77"))) == \
        ["eselon", "none", "none", "outside", "outside", "outside", "unknown"]
    assert listed(S.eselon(None, s("III.a", "IIIa", "iv/b", "NON"))) == ["III.a", "III.a", "IV.b", None]
    lv = S.level(s("1", "1", "1", "2", "4", "1", "3", "3", "9", 1), s("II.b", "III.a", "IV.b", None, None, None, "III.b",
                                                                      None, None, "IV.a"))
    assert listed(lv) == ["JPT Pratama", "Administrator", "Pengawas", "Fungsional", "Pelaksana", None, "Administrator",
                          "Fungsional", None, "Pengawas"]
    assert listed(S.jenis_jabatan(s(None, None, "4"), s("Jabatan Fungsional Umum", "jabatan struktural", None))) == \
        ["4", "1", "4"]


def test_kuadran_codes_and_names_in_any_case():
    assert listed(S.kuadran(s("1", 2, "3", "4", "5", "6"))) == \
        ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang", None]
    names = S.kuadran(None, s("sangat baik", "Butuh Perbaikan", " BAIK ", "kurang", "KURANG/MISCONDUCT", "Luar Biasa"))
    assert listed(names) == ["Sangat Baik", "Butuh Perbaikan", "Baik", "Kurang", "Kurang", None]
    # a code wins over a name
    assert listed(S.kuadran(s("3"), s("BAIK"))) == ["Butuh Perbaikan"]


def test_ratings_in_bkn_spelling_give_the_permenpanrb_predikat():
    hasil = S.rating(None, s("DIATAS ESPEKTASI", "Di atas ekspektasi", "SESUAI ESPEKTASI", "dibawah espektasi",
                             "DIBAWAH ESPEKTASI", "sesuai espektasi"))
    perilaku = S.rating(s("1", "2", "3", "2", "3", None), s(None, None, None, None, None, "LUAR BIASA"))
    assert listed(hasil) == ["di atas", "di atas", "sesuai", "di bawah", "di bawah", "sesuai"]
    assert listed(S.predikat_from_ratings(hasil, perilaku)) == \
        ["Sangat Baik", "Baik", "Kurang", "Butuh Perbaikan", "Sangat Kurang", None]


def test_old_numeric_skp_at_the_band_edges():
    nilai = s(0, 50, 50.01, 51, 60, 60.5, 61, 75, 75.5, 76, 90, 90.01, 91, 100, 120, 121, -1, "85,5", None)
    assert listed(S.predikat_from_nilai(nilai)) == [
        "Sangat Kurang", "Sangat Kurang", "Kurang", "Kurang", "Kurang", "Butuh Perbaikan", "Butuh Perbaikan",
        "Butuh Perbaikan", "Baik", "Baik", "Baik", "Sangat Baik", "Sangat Baik", "Sangat Baik", "Sangat Baik", None,
        None, "Baik", None]


def test_sex_assignment_and_status():
    assert listed(S.jenis_kelamin(s("M", "F", "m", " f ", "L", "P", "Laki-laki", "PEREMPUAN", "X", None))) == \
        ["L", "P", "L", "P", "L", "P", "L", "P", None, None]
    assert listed(S.penugasan(s("D", "PLT", "plh", "Pj", "TT", "XX"))) == ["D", "PLT", "PLH", "PJ", "TT", None]
    assert listed(S.penugasan(None, s("Pelaksana Tugas (PLT)", "Definitif"))) == ["PLT", "D"]
    st = S.status(s("P", "C", None, None, None, "P", None), s("01", None, "71", None, None, "72", None),
                  s(None, None, None, "PPPK Aktif", "PNS Aktif", None, "Aktif"))
    assert listed(st) == ["PNS", "PNS", "PPPK", "PPPK", "PNS", "PPPK", None]
    assert listed(S.is_cpns(s("C", "P", None), s(None, None, "CPNS Aktif"))) == [True, False, True]


def test_moves_are_named_by_level():
    old = s(None, "Pelaksana", "Fungsional", "Pengawas", "JPT Pratama", "Administrator", "Pelaksana", "Pengawas", "x")
    new = s("Pelaksana", "Pengawas", "Pengawas", "Pengawas", "JPT Pratama", "Pengawas", "Fungsional", "Administrator",
            "Pengawas")
    opd_old = s(None, "A", "A", "A", "A", "A", "A", "A", "A")
    opd_new = s("A", "A", "B", "A", "B", "A", "A", "B", "A")
    assert listed(S.classify_moves(old, opd_old, new, opd_new)) == \
        ["pengangkatan", "promosi", "promosi", "rotasi", "mutasi", "demosi", "rotasi", "promosi", None]


# --------------------------------------------------------------------------- derivations

def _units(rows: list[tuple]) -> pd.DataFrame:
    cols = ["id", "diatasan_id", "induk_unor_id", "nama_unor", "eselon_id", "cepat_kode"]
    return pd.DataFrame(rows, columns=cols).astype("string")


def test_opd_is_the_units_induk_and_never_the_top_of_the_tree():
    units = _units([
        ("root", None, "root", "PEMERINTAH PROVINSI BANTEN", None, "36"),
        ("dinkes", "root", "dinkes", "DINAS KESEHATAN", "21", " dinkes "),
        ("yankes", "dinkes", "dinkes", "BIDANG PELAYANAN", "32", None),
        ("rujukan", "yankes", "dinkes", "SEKSI RUJUKAN", "42", None),
        # a tree as some BKDs have it: units point at the instansi as their induk
        ("dlh", "root", "root", "DINAS LINGKUNGAN HIDUP", "21", "../dlh"),
        ("dlh-b1", "dlh", "root", "BIDANG I", "32", None),
        # two OPDs with the same CepatKode: both fall back to their Id
        ("bpbd-1", "root", "bpbd-1", "BPBD", "22", "X"),
        ("bpbd-2", "root", "bpbd-2", "BPBD LAMA", "22", "X"),
        # no DiatasanId: the IndukUnorId is followed
        ("orphan", None, "dinkes", "UPTD", "41", None),
        ("cyc-a", "cyc-b", "cyc-b", "A", None, None), ("cyc-b", "cyc-a", "cyc-a", "B", None, None),
        # a tree that starts at an OPD (no instansi above it), self-induk or pointing at an induk outside the tree
        ("disdik", None, "disdik", "DINAS PENDIDIKAN", "21", None), ("smk", "disdik", "disdik", "SMKN 1", None, None),
        ("bpkad", None, "pemda-x", "BPKAD", "21", None), ("aset", "bpkad", "pemda-x", "BIDANG ASET", "32", None),
    ])
    got = opd_of_units(units)
    assert got.loc[["dinkes", "yankes", "rujukan", "orphan"], "opd_kode"].tolist() == ["DINKES"] * 4
    assert got.loc[["dlh", "dlh-b1"], "opd_id"].tolist() == ["dlh", "dlh"]
    assert got.loc["dlh", "opd_kode"] == "DLH"          # '../dlh' is no code: the Id, upper case
    assert got.loc[["bpbd-1", "bpbd-2"], "opd_kode"].tolist() == ["BPBD1", "BPBD2"]
    assert got.loc["root", "opd_id"] == "root"
    assert got.loc["rujukan", "opd_nama"] == "DINAS KESEHATAN"
    assert got.loc["rujukan", "eselon_unit"] == "IV.b"
    assert pd.isna(got.loc["cyc-a", "opd_id"]) and pd.isna(got.loc["cyc-b", "opd_id"])
    assert got.loc[["disdik", "smk"], "opd_id"].tolist() == ["disdik"] * 2
    assert got.loc[["bpkad", "aset"], "opd_id"].tolist() == ["bpkad"] * 2


def test_a_top_unit_with_a_null_induk_is_the_top_not_a_crash():
    """The web service answers IndukUnorId null for the top of the tree (the instansi): the walk stops there."""
    units = _units([
        ("root", None, None, "PEMERINTAH PROVINSI BANTEN", None, None),
        ("dinkes", "root", "dinkes", "DINAS KESEHATAN", "21", "DINKES"),
        ("yankes", "dinkes", "dinkes", "BIDANG PELAYANAN", "32", None),
        ("dlh", "root", None, "DINAS LINGKUNGAN HIDUP", "21", "DLH"),       # no induk of its own either
        ("dlh-b1", "dlh", None, "BIDANG I", "32", None),
    ])
    got = opd_of_units(units)
    assert got.loc[["dinkes", "yankes", "dlh", "dlh-b1"], "opd_kode"].tolist() == ["DINKES", "DINKES", "DLH", "DLH"]
    assert got.loc["root", "opd_id"] == "root" and bool(got.loc["root", "instansi"])


def test_data_utama_wins_and_each_disagreement_is_counted():
    export = pd.DataFrame({"nip_baru": ["196711101992031001", "197001011995032002"], "nama": ["Asep", "Siti"],
                           "gol_akhir_id": ["33", "34"], "gol_akhir_nama": [None, None], "jenis_kelamin": ["M", "F"],
                           "tmt_jabatan": ["01-01-2020", "01-01-2021"]})
    utama = pd.DataFrame({"nipbaru": ["196711101992031001"], "nama": ["Asep"], "golruangakhirid": ["34"],
                          "jeniskelamin": ["M"], "tmtjabatan": ["01-02-2026"]})
    ex_raw, _ = person_raw(export, "ekspor")
    du_raw, used = person_raw(utama, "data-utama")
    assert used["gol_akhir_id"] == "golRuangAkhirId"
    E = person_values(ex_raw).set_index("nip")
    D = person_values(du_raw).set_index("nip").reindex(E.index)
    merged, conflicts = merge_persons(E, D)
    assert merged["golongan"].tolist() == ["III/d", "III/d"]
    assert merged["tmt_jabatan"].tolist() == [pd.Timestamp(2026, 2, 1), pd.Timestamp(2021, 1, 1)]
    assert conflicts["golongan"].tolist() == [True, False] and conflicts["tmt_jabatan"].tolist() == [True, False]
    assert conflicts["nama"].sum() == 0 and conflicts["jenis_kelamin"].sum() == 0


def test_history_is_sorted_and_compared_with_the_previous_definitive_position():
    rows = pd.DataFrame({
        "nip": ["1"] * 5 + ["2"] * 2,
        "tanggal": pd.to_datetime(["2026-02-01", "2005-01-01", "2015-01-01", "2015-01-01", "2005-01-01",
                                   "2019-01-01", "2026-01-26"]),
        "level": ["Pengawas", "Pelaksana", "Pelaksana", "Pelaksana", "Pelaksana", "JPT Pratama", "JPT Pratama"],
        "eselon": ["IV.a", None, None, None, None, "II.a", "II.b"],
        "opd_kode": ["DINKES"] * 5 + ["DINKES", "BAPPEDA"],
        "jabatan": ["Kepala Seksi", "Pengadministrasi", "Pengolah Data", "Pengolah Data", "Pengadministrasi",
                    "Kepala Dinas", "Kepala Badan"],
        "_file": "f", "_row": [1, 2, 3, 4, 5, 1, 2]})
    riwayat, duplicates = history_table(rows)
    one = riwayat[riwayat["nip"] == "1"]
    assert one["jenis_mutasi"].tolist() == ["pengangkatan", "rotasi", "promosi"]
    assert one["tanggal"].tolist() == [pd.Timestamp(2005, 1, 1), pd.Timestamp(2015, 1, 1), pd.Timestamp(2026, 2, 1)]
    last = one.iloc[-1]
    assert pd.isna(last["eselon_lama"]) and last["opd_kode_lama"] == "DINKES" and last["eselon_baru"] == "IV.a"
    assert sorted(duplicates.tolist()) == ["2", "3"]      # rows 4 and 5 repeat rows 3 and 2
    two = riwayat[riwayat["nip"] == "2"]
    assert two["jenis_mutasi"].tolist() == ["pengangkatan", "mutasi"]   # II.a → II.b in another OPD: same level


# --------------------------------------------------------------------------- a hand-made SIASN folder

A, B, C, D = "198001012005011001", "198502022010012002", "197503032000031003", "199004042015042004"
E, F, J, K = "199105052016051005", "199206062017061006", "198709092012092010", "196001012000011011"
PPPK, CPNS = "199307072021212008", "199808082024031009"
EXPORT_HEADER = ["pns_id", "nip_baru", "nama", "tanggal_lahir", "jenis_kelamin", "gol_akhir_id", "gol_akhir_nama",
                 "jenis_jabatan_id", "jabatan_nama", "tmt_jabatan", "tingkat_pendidikan_id", "unor_id", "tmt_cpns",
                 "status_cpns_pns", "kedudukan_hukum_id"]


def _export_rows() -> list[list[str]]:
    q = "'"
    return [
        ["p1", q + A, "Andi", "01-01-1980", "M", "32", "null", "4", "Pengadministrasi Umum", "01-01-2015", "40", "yankes",
         "01-01-2005", "P", "01"],
        ["p2", q + B, "Budi", "02-02-1985", "F", "34", "null", "1", "Kepala Seksi Rujukan", "01-06-2020", "40", "rujukan",
         "01-01-2010", "P", "01"],
        ["p3", q + C, "Cecep", "03-03-1975", "M", "43", "null", "1", "Kepala Dinas Kesehatan", "01-01-2019", "45",
         "dinkes", "01-03-2000", "P", "01"],
        ["p4", q + D, "Dewi", "04-04-1990", "F", "33", "null", "2", "Dokter Ahli Muda", "01-03-2018", "40", "yankes",
         "01-04-2015", "P", "01"],
        ["p5", q + E, "Eko", "05-05-1991", "M", "31", "null", "4", "Pengadministrasi", "01-01-2017", "77", "yankes",
         "01-05-2016", "P", "01"],
        ["p6", q + F, "Fajar", "06-06-1992", "M", "31", "null", "4", "Pengadministrasi", "01-01-2018", "40", "ZZZ",
         "01-06-2017", "P", "01"],
        ["p1", q + A, "Andi", "01-01-1980", "M", "32", "null", "4", "Pengadministrasi Umum", "01-01-2015", "40", "yankes",
         "01-01-2005", "P", "01"],
        ["p8", "'12345", "Hana", "08-08-1988", "F", "31", "null", "4", "Pengadministrasi", "01-01-2018", "40", "yankes",
         "01-01-2010", "P", "01"],
        ["p9", q + PPPK, "Intan", "07-07-1993", "F", "null", "IX", "2", "Guru Ahli Pertama", "01-03-2021", "40", "yankes",
         "01-03-2021", "null", "71"],
        ["p10", q + CPNS, "Joko", "08-08-1998", "M", "null", "null", "4", "Pengadministrasi", "01-03-2024", "15", "yankes",
         "01-03-2024", "C", "01"],
    ]


def _json(path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj), encoding="utf-8")


def _wrap(data):
    return {"success": True, "message": "success", "data": data}


def _jab(tmt, jenis, unit, name, eselon_id=None, pen="D", nip=None):
    row = {"tmtJabatan": tmt, "jenisJabatan": jenis, "unorId": unit, "eselonId": eselon_id, "namaJabatan": name,
           "jabatanFungsionalNama": name, "jabatanFungsionalUmumNama": name, "jenisPenugasanId": pen}
    if nip:
        row["nipBaru"] = nip
    return row


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    src = tmp_path_factory.mktemp("siasn")
    with (src / "Export Data ASN 2026.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(EXPORT_HEADER)
        w.writerows(_export_rows())
    _json(src / "ref-unor.json", _wrap([
        {"Id": "root", "DiatasanId": None, "IndukUnorId": "root", "NamaUnor": "PEMERINTAH PROVINSI BANTEN"},
        {"Id": "dinkes", "DiatasanId": "root", "IndukUnorId": "dinkes", "NamaUnor": "DINAS KESEHATAN", "EselonId": "21",
         "CepatKode": "dinkes"},
        {"Id": "yankes", "DiatasanId": "dinkes", "IndukUnorId": "dinkes", "NamaUnor": "BIDANG PELAYANAN", "EselonId": "32"},
        {"Id": "rujukan", "DiatasanId": "yankes", "IndukUnorId": "dinkes", "NamaUnor": "SEKSI RUJUKAN", "EselonId": "42"},
        {"Id": "bappeda", "DiatasanId": "root", "IndukUnorId": "bappeda", "NamaUnor": "BAPPEDA", "EselonId": "21",
         "CepatKode": "BAPPEDA"},
        {"Id": "bappeda-sek", "DiatasanId": "bappeda", "IndukUnorId": "bappeda", "NamaUnor": "SEKRETARIAT",
         "EselonId": "31"}]))
    du = src / "data-utama"
    _json(du / f"{A}.json", _wrap({"nipBaru": A, "nama": "Andi", "tglLahir": "01-01-1980", "jenisKelamin": "M",
                                   "golRuangAkhirId": "33", "tkPendidikanTerakhirId": "40", "jenisJabatanId": "1",
                                   "eselonId": "41", "jabatanNama": "Kepala Seksi Rujukan", "tmtJabatan": "01-02-2026",
                                   "unorId": "rujukan", "tmtCpns": "01-01-2005", "statusPegawai": "PNS",
                                   "kedudukanPnsNama": "Aktif"}))
    _json(du / f"{C}.json", {"nipBaru": C, "nama": "Cecep", "tglLahir": "03-03-1975", "jenisKelamin": "M",
                             "golRuangAkhirId": "43", "tkPendidikanTerakhirId": "45", "jenisJabatanId": "1",
                             "eselonId": "22", "jabatanNama": "Kepala Bappeda", "tmtJabatan": "26-01-2026",
                             "unorId": "bappeda", "tmtCpns": "01-03-2000", "statusPegawai": "PNS"})
    _json(du / f"{J}.json", _wrap({"nipBaru": J, "nama": "Julia", "tglLahir": "09-09-1987", "jenisKelamin": "F",
                                   "golRuangAkhirId": "33", "tkPendidikanTerakhirId": "40", "jenisJabatanId": "2",
                                   "jabatanNama": "Perencana Ahli Muda", "tmtJabatan": "01-01-2022",
                                   "unorId": "bappeda-sek", "tmtCpns": "01-09-2012", "statusPegawai": "PNS"}))
    rj = src / "rw-jabatan"
    _json(rj / f"{A}.json", _wrap([          # newest first, with the acting row before the appointment
        _jab("01-02-2026", "1", "rujukan", "Kepala Seksi Rujukan", "41"),
        _jab("01-12-2025", "1", "rujukan", "Plt. Kepala Seksi Rujukan", "42", pen="PLT"),
        _jab("01-01-2015", "4", "yankes", "Pengolah Data"),
        _jab("01-01-2005", "4", "yankes", "Pengadministrasi Umum")]))
    _json(rj / f"{B}.json", _wrap([
        {**_jab("01-06-2010", "4", "yankes", "Pengadministrasi"), "jenisPenugasanId": None},
        _jab("01-06-2020", "1", "rujukan", "Kepala Seksi Rujukan"),            # no eselonId: the unit's (IV.b)
        _jab("10-02-2026", "1", "yankes", "Plh. Kepala Bidang Pelayanan", "32", pen="PLH")]))
    _json(rj / f"{C}.json", _wrap([
        _jab("01-03-2000", "4", "dinkes", "Pengadministrasi"), _jab("01-01-2010", "1", "yankes", "Kepala Bidang", "31"),
        _jab("01-01-2019", "1", "dinkes", "Kepala Dinas Kesehatan", "21"),
        _jab("01-01-2019", "1", "dinkes", "Kepala Dinas Kesehatan", "21"),
        _jab("26-01-2026", "1", "bappeda", "Kepala Bappeda", "22")]))
    _json(rj / f"{E}.json", _wrap([_jab("01-01-2017", "4", "yankes", "Pengadministrasi")]))
    _json(rj / f"{J}.json", _wrap([_jab("01-09-2012", "2", "bappeda-sek", "Perencana Ahli Pertama"),
                                   _jab("01-01-2020", "9", "bappeda-sek", "?"),
                                   _jab("01-01-2021", "1", "bappeda-sek", "Kepala Seksi", "52"),
                                   _jab("01-01-2022", "2", "bappeda-sek", "Perencana Ahli Muda")]))
    _json(rj / f"{K}.json", _wrap([_jab("01-01-2000", "4", "yankes", "Pengadministrasi", nip=K)]))
    _json(rj / f"{PPPK}.json", _wrap([_jab("01-03-2021", "2", "yankes", "Guru Ahli Pertama")]))
    _json(rj / f"{CPNS}.json", _wrap([_jab("01-03-2024", "4", "yankes", "Pengadministrasi")]))
    sk = src / "rw-skp22"
    _json(sk / f"{A}.json", _wrap([{"tahun": 2024, "KuadranKinerjaNilai": 2, "kuadranKinerja": "BAIK"},
                                   {"tahun": "2025", "kuadranKinerja": "sangat baik"}]))
    _json(sk / f"{B}.json", [{"tahun": 2025, "hasilKinerja": "DIATAS ESPEKTASI", "perilakuKerja": "Diatas Espektasi"},
                             {"tahun": 2024, "KuadranKinerjaNilai": "3", "kuadranKinerja": "BAIK"}])
    _json(sk / f"{C}.json", _wrap([{"tahun": 2025, "KuadranKinerjaNilai": 9}]))
    _json(sk / f"{D}.json", {"success": False, "message": "Data tidak ditemukan", "data": None})
    _json(sk / f"{E}.json", _wrap([{"tahun": 2025, "KuadranKinerjaNilai": 1}]))
    (sk / f"{F}.json").write_text("{not json", encoding="utf-8")
    _json(src / "rw-skp" / f"{A}.json", _wrap([{"tahun": 2021, "nilaiPrestasiKerja": "90,5", "nilaiSkp": 70},
                                               {"tahun": 2024, "nilaiSkp": 80}, {"tahun": 2020, "nilaiSkp": 76}]))
    _json(src / "rw-golongan" / f"{CPNS}.json", _wrap([{"golonganId": "21", "tmtGolongan": "01-03-2024"}]))
    pd.DataFrame({"nip": [A, B, C, E, K], "tanggal_asesmen": ["2025-11-17"] * 5, "gelombang": [1] * 5,
                  **{c: [3.0] * 5 for c in ("integritas", "kerja_sama", "komunikasi", "orientasi_hasil",
                                            "pelayanan_publik", "pengembangan_diri", "mengelola_perubahan",
                                            "pengambilan_keputusan", "perekat_bangsa")},
                  "jpm": [80.0] * 5}).to_csv(src / "profiling.csv", index=False)
    return src


@pytest.fixture(scope="module")
def result(folder):
    return convert(folder)


def _led(result, source, nip=None):
    led = result.ledger[result.ledger["source"] == source]
    return led if nip is None else led[led["nip"] == nip]


def test_folder_detection(folder, tmp_path, small_dir):
    assert is_siasn_folder(folder)
    assert not is_siasn_folder(small_dir)                      # a contract extract
    assert not is_siasn_folder(tmp_path / "nothing")
    only = tmp_path / "only"
    (only / "rw-jabatan").mkdir(parents=True)
    assert is_siasn_folder(only)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert not is_siasn_folder(empty)
    with pytest.raises(InputError, match="Export Data ASN"):
        convert(empty)


def test_persons_kept_and_left_out_with_their_reasons(result):
    peg = result.tables["pegawai"].set_index("nip")
    assert set(peg.index) == {A, B, C, D, J, PPPK, CPNS}
    export = _led(result, "ekspor").set_index("row")
    assert export.loc[6, "reason"] == "unknown_code" and "pendidikan=77" in export.loc[6, "message"]
    assert export.loc[7, "reason"] == "unit_not_in_tree" and "ZZZ" in export.loc[7, "message"]
    assert export.loc[8, "reason"] == "duplicate_nip" and export.loc[8, "status"] == "left_out"
    assert export.loc[9, "reason"] == "invalid_nip"
    assert sorted(export.index) == list(range(2, 12))        # every export row once (header = row 1)
    a = peg.loc[A]
    assert (a["golongan"], a["jenis_jabatan"], a["eselon"], a["opd_kode"]) == ("III/c", "Pengawas", "IV.a", "DINKES")
    assert a["tmt_jabatan"] == pd.Timestamp(2026, 2, 1) and a["jenis_kelamin"] == "L"
    assert "golongan" in export.loc[2, "message"] and "data-utama" in export.loc[2, "message"]
    assert (peg.loc[B, "eselon"], peg.loc[B, "jenis_jabatan"]) == ("IV.b", "Pengawas")
    assert (peg.loc[C, "opd_kode"], peg.loc[C, "eselon"], peg.loc[C, "opd_nama"]) == ("BAPPEDA", "II.b", "BAPPEDA")
    assert (peg.loc[PPPK, "status_kepegawaian"], peg.loc[PPPK, "golongan"]) == ("PPPK", "IX")
    assert (peg.loc[CPNS, "status_kepegawaian"], peg.loc[CPNS, "golongan"]) == ("PNS", "II/a")
    assert not result.ok
    assert set(export.loc[11, "reason"].split("; ")) == {"cpns_as_pns", "filled_golongan", "no_data_utama"}
    assert "no_history" in export.loc[5, "reason"]            # D has no rw-jabatan file: kept, noted
    assert _led(result, "data-utama", J)["reason"].iloc[0] == "not_in_export"


def test_the_mapping_report_counts_conflicts_gaps_and_unknown_codes(result):
    m = result.mapping
    du = m[m["source"] == "data-utama"].set_index("target")
    assert du.loc["pegawai.golongan", "conflicts"] == 1 and du.loc["pegawai.golongan", "winner"] == "data-utama"
    assert du.loc["pegawai.opd_kode, opd_nama", "conflicts"] == 2       # A and C moved after the export
    ex = m[m["source"] == "ekspor"].set_index("target")
    assert ex.loc["pegawai.pendidikan", "unmapped"] == 1 and "77 (1)" in ex.loc["pegawai.pendidikan", "unmapped_values"]
    assert ex.loc["pegawai.eselon, jenis_jabatan", "field"] == "-"      # an older export: no eselon column
    assert m.loc[(m["source"] == "ref-unor") & (m["field"] == "unorId → OPD"), "unmapped"].item() == 1
    no_history = m[(m["source"] == "rw-jabatan") & (m["field"] == "<nip>.json")]
    assert no_history["unmapped"].item() == 1
    assert m.loc[(m["source"] == "rw-golongan") & (m["target"] == "pegawai.golongan"), "mapped"].item() == 1
    assert m.loc[m["source"] == "status_cpns_pns", "mapped"].item() == 1


def test_acting_assignments_are_recorded_never_appointments(result):
    riw = result.tables["riwayat_jabatan"]
    a = riw[riw["nip"] == A]
    assert a["jenis_mutasi"].tolist() == ["pengangkatan", "rotasi", "promosi"]
    assert pd.isna(a["eselon_lama"].iloc[-1]) and a["opd_kode_lama"].iloc[-1] == "DINKES"
    b = riw[riw["nip"] == B]
    assert b["jenis_mutasi"].tolist() == ["pengangkatan", "promosi"] and b["tanggal"].max() == pd.Timestamp(2020, 6, 1)
    acting = result.ledger[result.ledger["reason"] == "acting_assignment"]
    assert sorted(acting["nip"]) == sorted([A, B]) and (acting["status"] == "left_out").all()
    q1 = riw[(riw["tanggal"] >= Period.parse("2026Q1").start) & (riw["tanggal"] <= Period.parse("2026Q1").end)]
    assert q1.loc[q1["jenis_mutasi"] == "promosi", "nip"].tolist() == [A]
    assert q1.loc[q1["nip"] == C, "jenis_mutasi"].tolist() == ["mutasi"]


def test_history_rows_left_out_are_named(result):
    rj = _led(result, "rw-jabatan")
    by = rj.groupby("reason")["nip"].apply(sorted).to_dict()
    assert by["unknown_code"] == [J] and by["outside_contract"] == [J]
    assert by["duplicate_row"] == [C] and by["not_in_pegawai"] == [K] and by["person_left_out"] == [E]
    assert by["assumed_definitive"] == [B]
    assert (rj.loc[rj["reason"] == "assumed_definitive", "status"] == "used").all()
    assert result.mapping.loc[result.mapping["field"] == "jenisJabatan, eselonId", "note"].item().endswith(": 1")


def test_kinerja_from_codes_names_ratings_and_old_numbers(result):
    k = result.tables["kinerja"].set_index(["nip", "tahun"])["predikat"]
    assert k[(A, 2024)] == "Baik" and k[(A, 2025)] == "Sangat Baik"
    assert k[(A, 2021)] == "Sangat Baik" and k[(A, 2020)] == "Baik"       # 90,5 and 76 on PP 46/2011's bands
    assert k[(B, 2025)] == "Sangat Baik" and k[(B, 2024)] == "Butuh Perbaikan"
    assert (C, 2025) not in k.index
    skp = result.ledger[result.ledger["source"].isin(["rw-skp22", "rw-skp"])]
    reasons = dict(zip(skp["file"] + ":" + skp["row"].astype("string").fillna("-"), skp["reason"]))
    assert reasons[f"{C}.json:1"] == "unknown_code" and reasons[f"{D}.json:-"] == "empty_response"
    assert reasons[f"{F}.json:-"] == "unreadable" and reasons[f"{E}.json:1"] == "person_left_out"
    old = skp[skp["source"] == "rw-skp"].set_index("row")["reason"]
    assert old[2] == "replaced_by_skp22" and pd.isna(old[1]) and pd.isna(old[3])
    m = result.mapping.set_index("source")
    assert m.loc["rw-skp22", "conflicts"] == 1                # code 3 vs name BAIK: the code wins


def test_every_json_file_is_in_the_ledger(folder, result):
    for name in ("data-utama", "rw-jabatan", "rw-skp22", "rw-skp", "rw-golongan"):
        files = {f.name for f in (folder / name).iterdir()}
        assert set(_led(result, name)["file"]) == files, name
    assert not result.ledger.duplicated(["source", "file", "row"]).any()
    prof = _led(result, "profiling").set_index("nip")["reason"]
    assert prof[E] == "person_left_out" and prof[K] == "not_in_pegawai" and pd.isna(prof[A])


def test_written_tables_load_clean_and_the_ledger_masks_nips(result, tmp_path):
    out = result.write(tmp_path / "out")
    extract = load_extract(out)
    assert extract.report.ok
    assert len(extract.tables["pegawai"]) == 7 and len(extract.tables["riwayat_jabatan"]) == len(
        result.tables["riwayat_jabatan"])
    ledger = (out / LEDGER_FILE).read_text(encoding="utf-8")
    assert A not in ledger and "1980**********1001" in ledger
    assert "conflicts" in (out / MAPPING_FILE).read_text(encoding="utf-8").splitlines()[0]


def test_fingerprints_name_files_and_folders_never_nips(result):
    prints = result.fingerprints()
    assert set(prints) == {"Export Data ASN 2026.csv", "ref-unor.json", "profiling.csv", "data-utama/ (3 files)",
                           "rw-jabatan/ (8 files)", "rw-skp22/ (6 files)", "rw-skp/ (1 files)", "rw-golongan/ (1 files)"}
    assert all(re.fullmatch(r"[0-9a-f]{64}", v) for v in prints.values()) and prints == result.fingerprints()


def test_persons_kept_and_left_out_for_a_run(result, folder):
    """A run's line: 7 kept; E (unknown education), F (unit not in the tree), Hana (invalid NIP) left out; row 8 is A
    again (a duplicate of a kept person, no person left out)."""
    counts = result.persons()
    assert (counts.kept, counts.left_out) == (7, 3)
    assert counts.reasons == {"unknown_code": 1, "unit_not_in_tree": 1, "invalid_nip": 1}
    assert read_line(counts.as_dict()) == ("Folder dibaca sebagai SIASN: 7 pegawai dipakai, 3 dikeluarkan (kode tidak "
                                           "dikenal 1; unit tidak di ref-unor 1; NIP tidak sah 1).")
    meta = result.run_meta()
    assert meta["persons_left_out"] == 3 and meta["acting_assignments"] == 2 and meta["ok"] is False
    export = folder / "Export Data ASN 2026.csv"
    assert meta["inputs"]["Export Data ASN 2026.csv"]["bytes"] == export.stat().st_size
    assert meta["inputs"]["rw-jabatan/ (8 files)"]["bytes"] == sum(f.stat().st_size for f in (folder / "rw-jabatan").iterdir())
    assert not re.search(r"\d{18}", json.dumps(meta))
    line = quality_line(meta, "en")
    assert line.startswith("Province data read from SIASN: 7 staff, 3 left out (why: unknown code 1; unit not in "
                           "ref-unor 1; invalid NIP 1); 2 acting assignments")


def test_validate_reads_the_folder_and_rejects_persons_left_out(folder, capsys):
    from merit_lib.cli import main

    assert main(["validate", str(folder)]) == 1                 # the tables load clean, but 3 persons were left out
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Folder dibaca sebagai SIASN: 7 pegawai dipakai, 3 dikeluarkan (")
    assert any(line.startswith("Penugasan sementara/tambahan") for line in out)


def test_mapping_counts_hold_counts_and_never_a_raw_value(result):
    counts = result.mapping_counts()
    assert list(counts.columns) == list(MAPPING_COUNT_COLUMNS) and "unmapped_values" not in counts
    full = " ".join(result.mapping["unmapped_values"].fillna(""))
    assert "77 (1)" in full and "ZZZ (1)" in full and "1234" in full      # in the full report …
    text = counts.to_csv(index=False)
    assert "77" not in text and "ZZZ" not in text and "1234" not in text  # … never in the counts
    fields = counts[counts["kind"] == "field"]
    assert fields["rows"].tolist() == result.mapping["rows"].tolist()
    reasons = counts[counts["kind"] == "reason"].set_index(["source", "status", "item"])["rows"]
    assert reasons[("rw-jabatan", "left_out", "acting_assignment")] == 2
    assert reasons[("ekspor", "left_out", "duplicate_nip")] == 1
    assert reasons.sum() == result.reason_counts().query("reason != ''")["n"].sum()


def test_a_run_needs_all_four_tables(tmp_path, folder):
    import shutil

    src = shutil.copytree(folder, tmp_path / "no_history")
    shutil.rmtree(src / "rw-jabatan")
    shutil.rmtree(src / "rw-skp22")
    shutil.rmtree(src / "rw-skp")
    with pytest.raises(InputError, match="rw-jabatan/.*; .*rw-skp22/|rw-skp22/.*; .*rw-jabatan/"):
        convert(src).require_tables()
    convert(folder).require_tables()                            # the hand-made folder has all four
    (src / "profiling.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(InputError, match="profiling.csv.*nip"):
        convert(src)


def test_messages_in_english(folder):
    en = convert(folder, lang="en")
    assert en.ledger.loc[en.ledger["reason"] == "acting_assignment", "message"].str.contains("never counted").all()
    lines = en.summary()
    assert any(line.startswith("Acting/additional assignments") and line.endswith(": 2.") for line in lines)
    assert any("data-utama used" in line for line in lines)
    assert not any(re.search(r"\d{18}", line) for line in lines)


def test_export_as_xlsx_with_a_nip_stored_as_a_number(tmp_path):
    from openpyxl import Workbook

    src = tmp_path / "x"
    src.mkdir()
    wb = Workbook()
    ws = wb.active
    ws.append(["Daftar ASN"])                               # a title row above the header
    ws.append(EXPORT_HEADER)
    row = [c.removeprefix("'") for c in _export_rows()[1]]
    ws.append(row)
    ws.append([*row[:1], int(D), *row[2:]])
    wb.save(src / "export.xlsx")
    _json(src / "ref-unor.json", [{"Id": "dinkes", "IndukUnorId": "dinkes", "NamaUnor": "DINAS KESEHATAN",
                                   "CepatKode": "DINKES"},
                                  {"Id": "rujukan", "DiatasanId": "dinkes", "IndukUnorId": "dinkes", "EselonId": "42"}])
    res = convert(src)
    assert res.tables["pegawai"]["nip"].tolist() == [B]
    assert res.tables["pegawai"][["opd_kode", "jenis_jabatan", "eselon"]].iloc[0].tolist() == ["DINKES", "Pengawas",
                                                                                                "IV.b"]
    led = res.ledger.set_index("row")
    assert led.loc[4, "reason"] == "nip_as_number" and led.loc[3, "status"] == "used"


def _utama(nip: str, unit: str, induk: str | None = None, **more: str) -> dict:
    born = f"{nip[6:8]}-{nip[4:6]}-{nip[:4]}"
    return _wrap({"nipBaru": nip, "nama": "X", "tglLahir": born, "jenisKelamin": "M" if nip[14] == "1" else "F",
                  "golRuangAkhirId": "33", "tkPendidikanTerakhirId": "40", "jenisJabatanId": "4", "jabatanNama": "Staf",
                  "tmtJabatan": "01-01-2020", "unorId": unit, "unorIndukId": induk, "statusPegawai": "PNS", **more})


def test_a_unit_outside_the_tree_falls_back_to_its_induk_never_to_the_instansi(folder, tmp_path):
    import shutil

    src = shutil.copytree(folder, tmp_path / "copy")
    L, M = "198810102013101012", "198911112014112013"
    _json(src / "data-utama" / f"{L}.json", _utama(L, "gone", "dinkes"))
    _json(src / "data-utama" / f"{M}.json", _utama(M, "gone-too", "root"))
    (src / "rw-jabatan" / "catatan.txt").write_text("bukan json", encoding="utf-8")
    res = convert(src)
    peg = res.tables["pegawai"].set_index("nip")
    assert peg.loc[L, "opd_kode"] == "DINKES" and M not in peg.index
    du = _led(res, "data-utama").set_index("nip")
    assert du.loc[M, "reason"] == "unit_not_in_tree" and "gone-too" in du.loc[M, "message"]
    note = res.mapping.loc[res.mapping["field"] == "unorId → OPD", "note"].item()
    assert "unorIndukId 1" in note
    txt = _led(res, "rw-jabatan")
    assert txt.loc[txt["file"] == "catatan.txt", "reason"].tolist() == ["unreadable"]


def test_without_a_tree_data_utamas_induk_is_the_opd(tmp_path):
    src = tmp_path / "du-only"
    N = "198810102013101012"
    _json(src / "data-utama" / f"{N}.json", _utama(N, "u-1", "8ae4-dinkes", unorIndukNama="DINAS KESEHATAN"))
    res = convert(src)
    row = res.tables["pegawai"].iloc[0]
    assert (row["nip"], row["opd_kode"], row["opd_nama"], row["jenis_jabatan"]) == (N, "8AE4DINKES", "DINAS KESEHATAN",
                                                                                     "Pelaksana")
    assert res.tables["riwayat_jabatan"].empty and "no_history" in res.ledger["reason"].iloc[0]


def test_an_old_excel_export_is_named_not_ignored(tmp_path):
    src = tmp_path / "xls"
    (src / "rw-jabatan").mkdir(parents=True)
    (src / "Data ASN.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match="Data ASN.xls"):
        convert(src)


# --------------------------------------------------------------------------- the round trip

@pytest.fixture(scope="module")
def round_trip(tmp_path_factory, small_synth, small_dir):
    base = tmp_path_factory.mktemp("siasn_rt")
    src = to_siasn(small_synth.tables, base / "src", seed=3)
    result = convert(src)
    converted = load_extract(result.write(base / "converted"))
    return src, result, converted, load_extract(small_dir)


def test_synthetic_siasn_looks_like_siasn(round_trip):
    src = round_trip[0]
    lines = (src / "Data_ASN_Pemprov_Banten.csv").read_text(encoding="utf-8").splitlines()
    header, first = lines[0].split(","), dict(zip(lines[0].split(","), next(csv.reader([lines[1]]))))
    assert "eselon_id" not in header and {"nip_baru", "unor_id", "gol_akhir_id"} <= set(header)
    assert first["nip_baru"].startswith("'") and first["jenis_kelamin"] in ("M", "F")
    assert re.fullmatch(r"\d\d-\d\d-\d{4}", first["tanggal_lahir"]) and "null" in first.values()
    units = json.loads((src / "ref-unor.json").read_text(encoding="utf-8"))["data"]
    assert {"Id", "DiatasanId", "IndukUnorId", "NamaUnor", "EselonId"} <= set(units[0])
    kinds = {r["jenisPenugasanId"] for f in (src / "rw-jabatan").iterdir()
             for r in json.loads(f.read_text(encoding="utf-8"))["data"]}
    assert {"D", "PLT", "PLH"} <= kinds


def test_round_trip_same_persons_and_pegawai(round_trip, small_synth):
    _src, result, converted, _original = round_trip
    assert converted.report.ok
    want = small_synth.tables["pegawai"].set_index("nip").sort_index()
    got = result.tables["pegawai"].set_index("nip").sort_index()
    assert list(got.index) == list(want.index)
    for col in ("nama", "jenis_kelamin", "tanggal_lahir", "status_kepegawaian", "golongan", "pendidikan", "opd_kode",
                "opd_nama", "jabatan", "jenis_jabatan", "eselon", "tmt_jabatan", "tmt_cpns", "agama"):
        a, b = want[col], got[col]
        if col == "opd_nama":
            a = a.str.upper()
        same = (a.astype("string").fillna("∅") == b.astype("string").fillna("∅")) if a.dtype != "datetime64[ns]" \
            else (pd.to_datetime(a) == pd.to_datetime(b))
        assert same.all(), (col, pd.concat([a[~same], b[~same]], axis=1).head())


def test_round_trip_same_promotions_per_opd(round_trip, small_synth):
    per = Period.parse("2026Q1")

    def promotions(riw: pd.DataFrame) -> pd.Series:
        t = pd.to_datetime(riw["tanggal"])
        p = riw[(t >= per.start) & (t <= per.end) & (riw["jenis_mutasi"] == "promosi")]
        return p.groupby("opd_kode_baru").size().sort_index()

    want = promotions(small_synth.tables["riwayat_jabatan"])
    got = promotions(round_trip[1].tables["riwayat_jabatan"])
    assert want.sum() > 20 and got.to_dict() == want.to_dict()


def test_round_trip_same_analysis_frame(round_trip):
    _src, _result, converted, original = round_trip
    key = ["nip", "opd_kode", "level_awal", "dipromosikan", "kompetensi", "kinerja", "jenis_kelamin",
           "status_kepegawaian"]
    a = analysis_frame(original, "2026Q1")[key].sort_values("nip").reset_index(drop=True)
    b = analysis_frame(converted, "2026Q1")[key].sort_values("nip").reset_index(drop=True)
    assert a["dipromosikan"].sum() > 20
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_round_trip_acting_rows_are_no_promotions(round_trip):
    src, result, _converted, _original = round_trip
    acting = []
    for f in (src / "rw-jabatan").iterdir():
        for r in json.loads(f.read_text(encoding="utf-8"))["data"]:
            if r["jenisPenugasanId"] != "D":
                acting.append((f.stem, pd.to_datetime(r["tmtJabatan"], format="%d-%m-%Y")))
    assert len(acting) > 10
    riw = result.tables["riwayat_jabatan"]
    events = set(zip(riw["nip"], riw["tanggal"]))
    assert not [a for a in acting if a in events]
    assert int((result.ledger["reason"] == "acting_assignment").sum()) == len(acting)


def test_round_trip_every_row_and_file_accounted_for(round_trip):
    src, result, _converted, _original = round_trip
    led = result.ledger
    n_export = len((src / "Data_ASN_Pemprov_Banten.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert sorted(led.loc[led["source"] == "ekspor", "row"]) == list(range(2, n_export + 2))
    for name in ("data-utama", "rw-jabatan", "rw-skp22", "rw-skp", "rw-golongan"):
        assert set(led.loc[led["source"] == name, "file"]) == {f.name for f in (src / name).iterdir()}, name
    n_history = sum(len(json.loads(f.read_text(encoding="utf-8"))["data"]) for f in (src / "rw-jabatan").iterdir())
    assert (led["source"] == "rw-jabatan").sum() == n_history
    conflicts = result.mapping.loc[result.mapping["source"] == "data-utama", "conflicts"].fillna(0)
    assert conflicts.sum() > 0                                # the export predates the period's moves
    # what the synthetic folder plants, and nothing else: acting rows, rank history, empty SKP answers
    left = led.loc[led["status"] == "left_out", "reason"]
    assert left.isin(["acting_assignment", "rank_history", "empty_response"]).all()
    assert result.ok == (not left.isin(["empty_response"]).any())


def test_merit_siasn_command_converts_a_folder(tmp_path):
    """`merit siasn SRC --out DIR` writes the contract tables that `merit validate` accepts."""
    from merit_lib.cli import main
    from merit_lib.synth import synthesize
    from merit_lib.synth.siasn import to_siasn

    src = to_siasn(synthesize(n=200, seed=4).tables, tmp_path / "siasn")
    assert main(["siasn", str(src), "--out", str(tmp_path / "tables")]) in (0, 1)
    for table in ("pegawai", "profiling", "kinerja", "riwayat_jabatan", "siasn_mapping"):
        assert (tmp_path / "tables" / f"{table}.csv").is_file()
    assert main(["validate", str(tmp_path / "tables")]) == 0
    assert main(["siasn", str(tmp_path / "tables"), "--out", str(tmp_path / "x")]) == 2   # not a SIASN folder
