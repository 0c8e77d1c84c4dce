"""The rules of issue 22 one by one: every SIASN date shape, acting titles, kedudukan hukum, ids across spellings, moves
by kelas/eselon/jenjang, JSON within limits, and the one-line errors of an unusable folder."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from merit_lib.data.siasn import convert
from merit_lib.data.siasn_json import MAX_JSON_DEPTH, JsonProblem, json_depth, load_json
from merit_lib.domain import contract as C
from merit_lib.domain import rules as R
from merit_lib.domain import siasn_codes as S
from merit_lib.domain.errors import InputError


def s(*values: object) -> pd.Series:
    return pd.Series(list(values), dtype="object")


def listed(series: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in series]


# --------------------------------------------------------------------------- dates

SHAPES = {
    "dmy": lambda d: d.strftime("%d-%m-%Y"), "dmy_slash": lambda d: d.strftime("%d/%m/%Y"),
    "iso": lambda d: d.strftime("%Y-%m-%d"), "iso_time": lambda d: d.strftime("%Y-%m-%d 00:00:00"),
    "iso_z": lambda d: d.strftime("%Y-%m-%dT00:00:00Z"), "iso_ms_z": lambda d: d.strftime("%Y-%m-%dT00:00:00.000Z"),
    "wib_midnight_in_utc": lambda d: (pd.Timestamp(d) - pd.Timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "offset": lambda d: d.strftime("%Y-%m-%dT00:00:00+07:00"), "offset_wita": lambda d: d.strftime("%Y-%m-%dT00:00:00+08:00"),
    "dmy_time": lambda d: d.strftime("%d-%m-%Y 08:30:00"),
    "excel_serial": lambda d: str((pd.Timestamp(d) - pd.Timestamp(1899, 12, 30)).days),
}


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1927, 6, 1), max_value=dt.date(2099, 12, 1)), st.sampled_from(sorted(SHAPES)))
def test_every_date_shape_reads_back_the_same_day(day, shape):
    values, bad = S.read_dates(s(SHAPES[shape](day)))
    assert values.iloc[0] == pd.Timestamp(day) and not bad.iloc[0]


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=30))
def test_any_cell_is_a_date_an_empty_one_or_counted_never_an_error(text):
    values, bad = S.read_dates(s(text))
    assert pd.isna(values.iloc[0]) or (values.iloc[0].year >= 1900 and not bad.iloc[0])
    assert not (bad.iloc[0] and pd.notna(values.iloc[0]))


def test_placeholders_are_empty_and_impossible_dates_are_counted():
    values, bad = S.read_dates(s("01-01-0001", "0001-01-01T00:00:00Z", "0000-00-00", "0", "null", None, "31-02-2025",
                                 "kemarin", "2020", "1850-01-01", "12-13-2020"))
    assert values.isna().all()
    assert listed(bad) == [False] * 6 + [True] * 5


# --------------------------------------------------------------------------- acting titles, kedudukan, ids, sex

def test_acting_posts_in_titles_in_any_case_and_spacing():
    titles = s("PLT. KEPALA DINAS", "Plt.Kepala Bidang", "plt kepala seksi", "P l t  Kepala", "Plh. Kepala Bidang",
               "PELAKSANA HARIAN KEPALA", "Pj. Sekretaris Daerah", "Pjs. Kepala", "Penjabat Sekda",
               "Guru Ahli Muda (Tugas Tambahan Kepala Sekolah)", "Kepala Seksi", "Operator PLTU", "Guru PJOK",
               "Pelaksana", "Pengadministrasi Umum", None)
    assert listed(S.penugasan_of_title(titles)) == ["PLT", "PLT", "PLT", "PLT", "PLH", "PLH", "PJ", "PJ", "PJ", "TT"] + \
        [None] * 6


def test_kedudukan_hukum_by_id_then_name_and_who_is_active():
    got = S.kedudukan_hukum(s("1", "01", "02", "13", "3", "20", "98", "99", "88", "77", "04", "71", None, "55", None),
                            s(None, None, None, None, None, None, None, None, None, None, None, None,
                              "Masa Persiapan Pensiun", "Meninggal Dunia", "Antah Berantah"))
    assert listed(got) == ["aktif", "aktif", "cltn", "cltn", "tugas_belajar", "mpp", "bup", "pensiun", "pensiun",
                           "diberhentikan", "pemberhentian_sementara", "aktif", "mpp", "meninggal", None]
    assert set(S.KEDUDUKAN_HUKUM_ID.values()) | set(S.KEDUDUKAN_HUKUM_NAMA.values()) == set(C.KEDUDUKAN_HUKUM)
    assert listed(R.is_active(s("aktif", None, "mpp", "pensiun", "cltn"))) == [True, True, False, False, False]


def test_ids_across_spellings_and_sex_as_other_bkds_write_it():
    same = S.unit_id(s("8ae483a8670b5bd1016710d1c4900846", "8AE483A8670B5BD1016710D1C4900846",
                       "8ae483a8-670b-5bd1-0167-10d1c4900846"))
    assert same.nunique() == 1 and listed(S.unit_id(s(" dinkes ", "gone-too"))) == ["dinkes", "gone-too"]
    assert listed(S.jenis_kelamin(s("M", "f", "1", "2", "3"))) == ["L", "P", "L", "P", None]


# --------------------------------------------------------------------------- moves

def test_moves_by_kelas_eselon_ab_and_jf_jenjang():
    lv = {"A": "Administrator", "P": "Pengawas", "J": "JPT Pratama", "F": "Fungsional", "L": "Pelaksana"}
    cases = [  # (old level, old OPD, new level, new OPD, old eselon, new eselon, old kelas, new kelas, old title, new title, want)
        ("A", "X", "A", "X", "III.b", "III.a", None, None, "", "", "promosi"),
        ("P", "X", "P", "Y", "IV.b", "IV.a", None, None, "", "", "promosi"),
        ("A", "X", "A", "X", "III.a", "III.b", None, None, "", "", "rotasi"),
        ("J", "X", "J", "Y", "II.b", "II.a", None, None, "", "", "mutasi"),       # JPT Pratama: one level
        ("A", "X", "A", "X", "III.b", "III.b", 11, 12, "", "", "promosi"),        # kelas jabatan where given
        ("A", "X", "A", "X", "III.b", "III.a", 12, 12, "", "", "rotasi"),         # kelas wins over eselon
        ("F", "X", "F", "X", None, None, None, None, "Perencana Ahli Pertama", "Perencana Ahli Muda", "kenaikan_jenjang"),
        ("F", "X", "F", "Y", None, None, None, None, "Pranata Komputer Terampil", "Pranata Komputer Mahir",
         "kenaikan_jenjang"),
        ("F", "X", "F", "X", None, None, None, None, "Pranata Komputer Penyelia", "Pranata Komputer Ahli Pertama",
         "rotasi"),
        ("F", "X", "F", "X", None, None, None, None, "Analis Ahli Muda", "Analis Ahli Pertama", "rotasi"),
        ("L", "X", "F", "X", None, None, None, None, "Pengadministrasi", "Analis Ahli Pertama", "rotasi"),
        ("L", "X", "P", "X", None, "IV.b", None, None, "", "", "promosi"),
        ("A", "X", "P", "X", "III.b", "IV.a", None, None, "", "", "demosi"),
    ]
    cols = list(zip(*cases))
    got = S.classify_moves(s(*[lv[c] for c in cols[0]]), s(*cols[1]), s(*[lv[c] for c in cols[2]]), s(*cols[3]),
                           s(*cols[4]), s(*cols[5]), s(*cols[6]), s(*cols[7]), s(*cols[8]), s(*cols[9]))
    assert listed(got) == list(cols[10])
    assert "kenaikan_jenjang" in C.JENIS_MUTASI


# --------------------------------------------------------------------------- JSON within limits

@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=300_000), st.sampled_from(["[", "{\"a\":"]))
def test_any_nesting_is_measured_or_refused_never_a_recursion_error(tmp_path_factory, depth, opener):
    closer = "]" if opener == "[" else "}"
    body = opener * depth + ("1" if opener != "[" else "") + closer * depth
    path = tmp_path_factory.mktemp("deep") / "x.json"
    path.write_text(body, encoding="utf-8")
    assert json_depth(body.encode()) == depth
    if depth > MAX_JSON_DEPTH:
        with pytest.raises(JsonProblem) as info:
            load_json(path)
        assert info.value.problem == "too_deep" and str(MAX_JSON_DEPTH) in info.value.message("en")
    else:
        load_json(path)


@pytest.mark.parametrize("body, problem", [
    ('{"a": NaN}', "nan"), ("[Infinity]", "nan"), ('{"a": 1, "a": 2}', "duplicate_key"), ("{not json", "bad_json"),
    ("", "bad_json"), (b'{"a": "\xff"}', "bad_utf8"), ('{"s": "[[[[[[[[[[[[{{{{{{{{{{"}', None)])
def test_strict_json_one_reason_each(tmp_path, body, problem):
    path = tmp_path / "x.json"
    path.write_bytes(body if isinstance(body, bytes) else body.encode())
    if problem is None:
        assert load_json(path) == {"s": "[[[[[[[[[[[[{{{{{{{{{{"}
        return
    with pytest.raises(JsonProblem) as info:
        load_json(path)
    assert info.value.problem == problem and "\n" not in info.value.message("id")


def _json(path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj), encoding="utf-8")


def test_a_failed_pull_is_one_input_error_naming_what_is_empty(tmp_path):
    src = tmp_path / "pull"
    _json(src / "ref-unor.json", [{"Id": "a", "NamaUnor": "PEMERINTAH PROVINSI BANTEN"}])
    for name in ("data-utama", "rw-jabatan", "rw-skp22"):
        (src / name).mkdir(parents=True)
    with pytest.raises(InputError) as info:
        convert(src)
    assert "data-utama/ kosong" in info.value.message("id") and "data-utama/ folder empty" in info.value.message("en")
    (src / "data-utama" / "196701111991031001.json").write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(InputError) as info:
        convert(src)
    assert "196701111991031001.json" in info.value.message("en") and "limit of 64" in info.value.message("en")


def test_broken_files_are_ledgered_and_the_rest_converted(tmp_path):
    src = tmp_path / "mixed"
    nip = "198001012005011001"
    _json(src / "data-utama" / f"{nip}.json", {"nipBaru": nip, "nama": "A", "jenisKelamin": "1", "golRuangAkhirId": "33",
                                               "tkPendidikanTerakhirId": "40", "jenisJabatanId": "4",
                                               "jabatanNama": "Staf", "tmtJabatan": "2020-01-01T00:00:00Z",
                                               "unorId": "U1", "unorIndukId": "OPD1", "unorIndukNama": " DINAS X ",
                                               "kedudukanPnsId": "02", "kedudukanPnsNama": "CLTN"})
    (src / "data-utama" / "198502022010012002.json").write_text('{"nipBaru": "x", "nipBaru": "y"}', encoding="utf-8")
    (src / "data-utama" / "catatan.txt").write_text("-", encoding="utf-8")
    res = convert(src, lang="en")
    peg = res.tables["pegawai"].iloc[0]
    assert (peg["nip"], peg["jenis_kelamin"], peg["opd_nama"], peg["kedudukan_hukum"]) == (nip, "L", "DINAS X", "cltn")
    led = res.ledger.set_index("file")
    assert led.loc["198502022010012002.json", "reason"] == "unreadable"
    assert "occurs twice" in led.loc["198502022010012002.json", "message"]
    assert led.loc["catatan.txt", "message"].endswith("not a .json file")
    assert "not_active" in led.loc[f"{nip}.json", "reason"]


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False,
                                                                                           allow_infinity=False)
                           | st.text(max_size=12),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                               st.sampled_from(["data", "success", "nipBaru", "tmtJabatan", "jenisPenugasanId",
                                                "namaJabatan", "unorId", "eselonId", "jenisJabatan", "tahun",
                                                "kuadranKinerjaNilai", "x"]), inner, max_size=5), max_leaves=12)


@pytest.mark.slow      # the fuzz tier (make test-slow, CI): 40 generated answers, each converted whole
@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["data-utama", "rw-jabatan", "rw-skp22", "rw-golongan"]), JSON_VALUES)
def test_any_json_answer_is_converted_or_ledgered_never_a_crash(tmp_path_factory, folder, value):
    src = tmp_path_factory.mktemp("fuzz")
    nip = "198001012005011001"
    _json(src / "data-utama" / f"{nip}.json", {"nipBaru": nip, "nama": "A", "jenisKelamin": "M", "golRuangAkhirId": "33",
                                               "tkPendidikanTerakhirId": "40", "jenisJabatanId": "4",
                                               "jabatanNama": "Staf", "tmtJabatan": "01-01-2020", "unorId": "U1",
                                               "unorIndukId": "OPD1", "unorIndukNama": "DINAS X"})
    _json(src / folder / "199001012015011002.json", value)
    try:
        res = convert(src)
    except InputError:
        return                       # a user's error, one line (never anything else)
    files = res.ledger[res.ledger["source"] == folder]["file"]
    assert "199001012015011002.json" in set(files)
