"""The loader: Excel-style input, every bad-input case, exact rejection of planted bad rows."""

import shutil

import pandas as pd
import pytest

from merit_lib import LoadError, load_extract
from merit_lib.cli import main
from merit_lib.synth import write_tables


def test_clean_synthetic_extract_has_no_rejections(small_dir, small_synth):
    e = load_extract(small_dir)
    assert e.report.ok, e.report.render()
    assert len(e.pegawai) == len(small_synth.tables["pegawai"])
    assert e.pegawai["tanggal_lahir"].dtype.kind == "M"
    assert e.profiling["jpm"].dtype.kind == "f"


def test_planted_bad_rows_are_rejected_exactly(bad_dir, bad_synth):
    e = load_extract(bad_dir)
    truth = bad_synth.truth.bad_rows
    got = e.report.issues[["table", "row", "rule"]].drop_duplicates()
    assert set(map(tuple, got.itertuples(index=False))) == set(map(tuple, truth.itertuples(index=False)))
    # no clean pegawai row lost, every row accounted for
    n_read = e.report.rows_read["pegawai"]
    assert len(e.pegawai) + len(e.report.rejected_rows("pegawai")) == n_read
    assert len(e.pegawai) == len(bad_synth.tables["pegawai"]) - (truth["table"] == "pegawai").sum()


def _excel_style(src_dir, dst_dir):
    """Rewrite a clean CSV extract the way a hand export from Excel looks."""
    dst_dir.mkdir()
    for f in src_dir.glob("*.csv"):
        df = pd.read_csv(f, dtype=str, keep_default_na=False)
        for c in df.columns:
            if c.startswith("tanggal") or c.startswith("tmt"):
                df[c] = pd.to_datetime(df[c], errors="coerce").dt.strftime("%d/%m/%Y" if len(c) % 2 else "%d-%m-%Y").fillna("")
        if "jpm" in df:
            df["jpm"] = df["jpm"].str.replace(".", ",", regex=False)
        if "jenis_kelamin" in df:
            df["jenis_kelamin"] = " " + df["jenis_kelamin"].str.lower() + " "
            df["golongan"] = df["golongan"].str.upper()
        df = df.rename(columns={"nip": "NIP BARU", "opd_nama": "UNOR", "tanggal_lahir": "Tgl Lahir", "predikat": "Predikat SKP"})
        df.to_csv(dst_dir / f.name, sep=";", index=False, encoding="utf-8-sig")
    return dst_dir


def test_excel_style_csv_reads_the_same(small_dir, tmp_path):
    clean = load_extract(small_dir)
    messy = load_extract(_excel_style(small_dir, tmp_path / "excel"))
    assert messy.report.ok, messy.report.render()
    for t in clean.tables:
        a, b = clean.tables[t], messy.tables[t]
        pd.testing.assert_frame_equal(a[sorted(a.columns)], b[sorted(b.columns)], check_dtype=False)


def test_xlsx_workbook_and_parquet(small_synth, tmp_path):
    book = tmp_path / "extract.xlsx"
    with pd.ExcelWriter(book) as xw:
        for name, df in small_synth.tables.items():
            df.to_excel(xw, sheet_name=name.replace("_", " ").title(), index=False)
    e1 = load_extract(book)
    e2 = load_extract(write_tables(small_synth.tables, tmp_path / "pq", "parquet"))
    assert e1.report.ok and e2.report.ok
    assert len(e1.kinerja) == len(e2.kinerja) == len(small_synth.tables["kinerja"])
    assert e1.pegawai["nip"].tolist() == e2.pegawai["nip"].tolist()


def test_missing_file(small_dir, tmp_path):
    d = tmp_path / "x"
    shutil.copytree(small_dir, d)
    (d / "kinerja.csv").unlink()
    with pytest.raises(LoadError, match="kinerja"):
        load_extract(d)


def test_missing_sheet(small_synth, tmp_path):
    book = tmp_path / "b.xlsx"
    with pd.ExcelWriter(book) as xw:
        small_synth.tables["pegawai"].to_excel(xw, sheet_name="pegawai", index=False)
    with pytest.raises(LoadError, match="profiling"):
        load_extract(book)


def test_missing_column_names_it_and_the_closest_header(small_dir, tmp_path):
    d = tmp_path / "x"
    shutil.copytree(small_dir, d)
    df = pd.read_csv(d / "pegawai.csv", dtype=str).rename(columns={"tanggal_lahir": "tangal lahir"})
    df.to_csv(d / "pegawai.csv", index=False)
    with pytest.raises(LoadError) as err:
        load_extract(d)
    assert "'tanggal_lahir'" in str(err.value) and "'tangal lahir'" in str(err.value) and "pegawai.csv" in str(err.value)


def test_empty_and_unreadable_files(small_dir, tmp_path):
    d = tmp_path / "x"
    shutil.copytree(small_dir, d)
    (d / "kinerja.csv").write_text("")
    with pytest.raises(LoadError, match="kinerja.csv.*kosong"):
        load_extract(d)
    (d / "kinerja.csv").unlink()
    (d / "kinerja.xlsx").write_bytes(b"this is not a workbook")
    with pytest.raises(LoadError, match="kinerja.xlsx.*tidak dapat dibaca"):
        load_extract(d)


def _spoil(small_dir, tmp_path, table, row, **values):
    d = tmp_path / "spoiled"
    shutil.copytree(small_dir, d)
    df = pd.read_csv(d / f"{table}.csv", dtype=str, keep_default_na=False)
    for c, v in values.items():
        df.loc[row, c] = v
    df.to_csv(d / f"{table}.csv", index=False)
    return load_extract(d)


@pytest.mark.parametrize("values, rule, column", [
    ({"nip": "19671110199203100"}, "nip_length", "nip"),
    ({"nip": "19671110199203100X"}, "nip_not_digits", "nip"),
    ({"nip": "196702301992031001"}, "nip_birth_date", "nip"),
    ({"nip": "196711101992035001"}, "nip_gender_digit", "nip"),
    ({"tanggal_lahir": "1901-01-01"}, "nip_birth_mismatch", "tanggal_lahir"),
    ({"jenis_kelamin": "X"}, "enum", "jenis_kelamin"),
    ({"pendidikan": "S9"}, "enum", "pendidikan"),
    ({"tmt_jabatan": "2099-01-01"}, "future_date", "tmt_jabatan"),
    ({"tmt_jabatan": "not a date"}, "invalid_type", "tmt_jabatan"),
    ({"nama": ""}, "required", "nama"),
])
def test_pegawai_row_rules(small_dir, tmp_path, values, rule, column):
    e = _spoil(small_dir, tmp_path, "pegawai", 10, **values)
    issues = e.report.issues
    hit = issues[(issues["table"] == "pegawai") & (issues["row"] == 12)]
    assert (hit["rule"] == rule).any() and (hit["column"] == column).any(), hit
    assert e.report.rows_read["pegawai"] == len(e.pegawai) + 1
    # children of the rejected person are listed, so the counts add up
    kids = issues[issues["rule"] == "parent_rejected"]
    assert set(kids["table"]) <= {"profiling", "kinerja", "riwayat_jabatan"}


def test_gender_mismatch(small_dir, tmp_path):
    peg = pd.read_csv(small_dir / "pegawai.csv", dtype=str)
    flipped = {"L": "P", "P": "L"}[peg.loc[3, "jenis_kelamin"]]
    e = _spoil(small_dir, tmp_path, "pegawai", 3, jenis_kelamin=flipped)
    got = e.report.issues.query("table == 'pegawai' and row == 5")
    assert got["rule"].tolist() == ["nip_gender_mismatch"]


def test_duplicate_nip_names_the_first_row(small_dir, tmp_path):
    peg = pd.read_csv(small_dir / "pegawai.csv", dtype=str)
    e = _spoil(small_dir, tmp_path, "pegawai", 20, nip=peg.loc[4, "nip"])
    dup = e.report.issues.query("rule == 'duplicate_key'")
    assert dup["row"].tolist() == [22]
    assert "baris 6" in dup["message"].iloc[0]


@pytest.mark.parametrize("table, values, rule", [
    ("profiling", {"jpm": "150"}, "range"),
    ("profiling", {"integritas": "0,5"}, "range"),
    ("profiling", {"tanggal_asesmen": "01/01/2099"}, "future_date"),
    ("kinerja", {"predikat": "Istimewa"}, "enum"),
    ("kinerja", {"nip": "199001012015031999"}, "orphan"),
    ("riwayat_jabatan", {"jenis_mutasi": "naik"}, "enum"),
])
def test_child_row_rules(small_dir, tmp_path, table, values, rule):
    e = _spoil(small_dir, tmp_path, table, 7, **values)
    got = e.report.issues
    assert got[(got["table"] == table) & (got["row"] == 9)]["rule"].tolist() == [rule]
    assert len(e.tables[table]) == e.report.rows_read[table] - 1


def test_numeric_skp_is_mapped(small_dir, tmp_path):
    d = tmp_path / "num"
    shutil.copytree(small_dir, d)
    k = pd.read_csv(d / "kinerja.csv", dtype=str, keep_default_na=False)
    k["nilai"] = ""
    k.loc[0:4, "predikat"] = ""
    k.loc[0:4, "nilai"] = ["95", "80", "70", "55", "40"]
    k.to_csv(d / "kinerja.csv", index=False)
    e = load_extract(d)
    assert e.report.ok
    assert e.kinerja.loc[0:4, "predikat"].tolist() == ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]
    assert e.kinerja["predikat_dari_nilai"].sum() == 5


def test_cli_exit_codes_and_csv(small_dir, bad_dir, tmp_path, capsys):
    assert main(["validate", str(small_dir)]) == 0
    out = tmp_path / "v.csv"
    assert main(["validate", str(bad_dir), "--out", str(out)]) == 1
    v = pd.read_csv(out)
    assert {"table", "row", "column", "rule", "message"} <= set(v.columns)
    assert len(v) >= 22
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "nowhere" in err


def test_cli_validate_names_no_person(bad_dir, tmp_path):
    out = tmp_path / "v.csv"
    main(["validate", str(bad_dir), "--out", str(out)])
    text = out.read_text()
    peg = pd.read_csv(bad_dir / "pegawai.csv", dtype=str)
    assert not any(n in text for n in peg["nama"].head(200))
    assert not pd.Series(text.split(",")).str.fullmatch(r"\d{18}").any()
