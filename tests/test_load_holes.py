"""The loader on files a BKD may really send: broken quotes, line breaks in cells, control characters, impossible
dates, NIPs stored as numbers, blank and title rows, other encodings and separators, duplicate NIP columns,
lock files, OPD codes, missing optional columns, and a fingerprint that ignores where the files lie.

Each test builds its bad file in tmp_path from one small synthetic extract (n=300, seed=3).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import tempfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from merit_lib import LoadError, load_extract
from merit_lib.cli import main
from merit_lib.data.extract import Source, read_table
from merit_lib.synth import synthesize

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def synth():
    return synthesize(n=300, seed=3)


@pytest.fixture(scope="module")
def clean_dir(tmp_path_factory, synth):
    return synth.write(tmp_path_factory.mktemp("holes") / "x")


@pytest.fixture(scope="module")
def clean(clean_dir):
    e = load_extract(clean_dir)
    assert e.report.ok, e.report.render()
    return e


@pytest.fixture
def d(tmp_path, clean_dir):
    """A fresh copy of the clean CSV extract to corrupt."""
    return Path(shutil.copytree(clean_dir, tmp_path / "x"))


def lines(path: Path) -> list[str]:
    """The file's lines (index 0 = spreadsheet row 1, the header)."""
    return path.read_text(encoding="utf-8").split("\n")


def write_lines(path: Path, rows: list[str], end: str = "\n") -> None:
    path.write_bytes(end.join(rows).encode("utf-8"))


def table(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def spoil_nip(line: str) -> str:
    """The same CSV line with a NIP that is not all digits (rule nip_not_digits)."""
    nip, rest = line.split(",", 1)
    return nip[:10] + "AB" + nip[12:] + "," + rest


def issues_at(e, table_name: str, row: int) -> pd.DataFrame:
    i = e.report.issues
    return i[(i["table"] == table_name) & (i["row"] == row)]


def assert_same_tables(a, b) -> None:
    for t in a.tables:
        x, y = a.tables[t], b.tables[t]
        pd.testing.assert_frame_equal(x[sorted(x.columns)], y[sorted(y.columns)])


# --------------------------------------------------------------------------- 1. quotes and line breaks


def test_unbalanced_quote_rejects_only_its_row(d, clean):
    p = d / "pegawai.csv"
    rows = lines(p)
    nip, nama = rows[9].split(",")[:2]          # spreadsheet row 10
    rows[9] = rows[9].replace(f",{nama},", f',"{nama},', 1)
    write_lines(p, rows)
    e = load_extract(d)
    hit = issues_at(e, "pegawai", 10)
    assert hit[["column", "rule"]].values.tolist() == [["nama", "unbalanced_quote"]]
    assert e.report.rows_read["pegawai"] == len(clean.pegawai)
    assert len(e.pegawai) == len(clean.pegawai) - 1                     # nothing after it was swallowed
    assert set(clean.pegawai["nip"]) - set(e.pegawai["nip"]) == {nip}
    kids = e.report.issues[e.report.issues["table"] != "pegawai"]
    assert set(kids["rule"]) <= {"parent_rejected"}                     # its NIP came before the quote
    assert len(kids) == sum((clean.tables[t]["nip"] == nip).sum() for t in ("profiling", "kinerja", "riwayat_jabatan"))


def test_unbalanced_quote_on_the_last_row(d, clean):
    p = d / "kinerja.csv"
    rows = lines(p)
    last = len([r for r in rows if r]) - 1
    rows[last] = rows[last].replace(",", ',"', 1)
    write_lines(p, rows)
    e = load_extract(d)
    assert e.report.issues["rule"].tolist() == ["unbalanced_quote"]
    assert e.report.issues["row"].tolist() == [last + 1]
    assert len(e.kinerja) == len(clean.kinerja) - 1


def test_quote_that_swallows_a_quoted_cell_further_down(d, clean):
    """An unclosed quote followed, rows later, by a row with a properly quoted cell: only the first row is lost."""
    p = d / "pegawai.csv"
    rows = lines(p)
    quoted = next(i for i, r in enumerate(rows) if '"' in r and i > 3)
    bad = quoted - 3
    nama = rows[bad].split(",")[1]
    rows[bad] = rows[bad].replace(f",{nama},", f',"{nama},', 1)
    write_lines(p, rows)
    e = load_extract(d)
    assert e.report.rejected_rows("pegawai") == {bad + 1}
    assert len(e.pegawai) == len(clean.pegawai) - 1


def test_line_breaks_inside_quoted_cells_are_read(d, clean):
    p = d / "pegawai.csv"
    rows = lines(p)
    nama = rows[4].split(",")[1]                                        # row 5: "Nama\nBelakang"
    rows[4] = rows[4].replace(f",{nama},", ',"' + nama.replace(" ", "\n", 1) + '",', 1)
    jab = rows[7].split(",")[1]                                         # row 8: CRLF inside the cell
    rows[7] = rows[7].replace(f",{jab},", ',"' + jab.replace(" ", " \r\n ", 1) + '",', 1)
    rows[11] = spoil_nip(rows[11])                                      # row 12 as Excel shows it
    write_lines(p, rows)
    e = load_extract(d)
    assert e.report.rejected_rows("pegawai") == {12}
    assert issues_at(e, "pegawai", 12)["rule"].tolist() == ["nip_not_digits"]
    got = e.pegawai.set_index("_row")
    want = clean.pegawai.set_index("_row")
    assert got.loc[5, "nama"] == want.loc[5, "nama"] and got.loc[8, "nama"] == want.loc[8, "nama"]
    assert "\n" not in "".join(e.pegawai["nama"]) and "\r" not in "".join(e.pegawai["nama"])
    assert got.loc[13, "nip"] == want.loc[13, "nip"]                    # rows after the breaks keep their numbers
    assert any("2 baris" in n for n in e.report.notes)


def test_row_with_too_many_cells_is_rejected(d, clean):
    p = d / "pegawai.csv"
    rows = lines(p)
    rows[6] += ",catatan"                                               # row 7: one cell too many
    rows[7] = rows[7].replace(",", ",,", 1)                             # row 8: every cell shifted by one
    rows[8] += ",,,,,,,,x"                                              # row 9: far too many
    write_lines(p, rows)
    e = load_extract(d)
    assert e.report.rejected_rows("pegawai") == {7, 8, 9}
    assert set(e.report.issues.query("table == 'pegawai'")["rule"]) == {"malformed_row"}
    assert len(e.pegawai) == len(clean.pegawai) - 3


# --------------------------------------------------------------------------- 2. control characters


def test_control_characters_are_removed(d, tmp_path):
    peg = table(d, "pegawai")
    peg.loc[3, "opd_nama"] = "Dinas\x02 Kesehatan"
    peg.loc[4, "nama"] = "Bu\x02di\x0bSan\x7ftoso\x00"
    peg.to_csv(d / "pegawai.csv", index=False)
    e = load_extract(d)
    assert e.report.ok, e.report.render()
    for c in ("nama", "opd_nama", "jabatan"):
        assert not e.pegawai[c].str.contains(CONTROL).any()
    assert e.pegawai.loc[3, "opd_nama"] == "Dinas Kesehatan"
    assert e.pegawai.loc[4, "nama"] == "Budi Santoso"
    assert any("karakter kontrol" in n for n in e.report.notes)
    with pd.ExcelWriter(tmp_path / "out.xlsx") as xw:                   # openpyxl refuses control characters
        e.pegawai.to_excel(xw, index=False)


# --------------------------------------------------------------------------- 3. dates


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "31/02/2025", "1899-12-31"])
def test_impossible_dates_reject_the_row(d, value):
    peg = table(d, "pegawai")
    peg.loc[5, "tmt_jabatan"] = value                                   # row 7
    peg.to_csv(d / "pegawai.csv", index=False)
    prof = table(d, "profiling")
    prof.loc[2, "tanggal_asesmen"] = value                              # row 4
    prof.to_csv(d / "profiling.csv", index=False)
    e = load_extract(d)
    hit = issues_at(e, "pegawai", 7)
    assert hit[["column", "value", "rule"]].values.tolist() == [["tmt_jabatan", value, "date_invalid"]]
    assert value in hit["message"].iloc[0]
    assert issues_at(e, "profiling", 4)[["column", "rule"]].values.tolist() == [["tanggal_asesmen", "date_invalid"]]
    assert e.pegawai["tmt_jabatan"].dtype == "datetime64[ns]"


def test_impossible_dates_in_xlsx_and_parquet(synth, tmp_path):
    peg = synth.tables["pegawai"].copy()
    book = tmp_path / "b" / "extract.xlsx"
    book.parent.mkdir()
    with pd.ExcelWriter(book) as xw:
        for name, df in synth.tables.items():
            df.to_excel(xw, sheet_name=name, index=False)
    wb = openpyxl.load_workbook(book)
    col = list(peg.columns).index("tmt_jabatan") + 1
    wb["pegawai"].cell(row=6, column=col).value = dt.datetime(1, 1, 1)
    wb.save(book)
    e = load_extract(book)
    assert issues_at(e, "pegawai", 6)[["column", "rule"]].values.tolist() == [["tmt_jabatan", "date_invalid"]]

    pq = tmp_path / "pq"
    tables = {k: v.copy() for k, v in synth.tables.items()}
    prof = tables["profiling"]
    prof["tanggal_asesmen"] = prof["tanggal_asesmen"].astype("datetime64[s]")
    prof.loc[2, "tanggal_asesmen"] = np.datetime64("0001-01-01", "s")
    from merit_lib.synth import write_tables
    e = load_extract(write_tables(tables, pq, "parquet"))
    assert issues_at(e, "profiling", 4)[["column", "rule"]].values.tolist() == [["tanggal_asesmen", "date_invalid"]]
    assert e.profiling["tanggal_asesmen"].dtype == "datetime64[ns]"


# --------------------------------------------------------------------------- 4. NIPs stored as numbers


def test_nip_written_as_a_number_in_csv(d):
    peg = table(d, "pegawai")
    peg.loc[3, "nip"] = "1.96711101992031E+17"                          # row 5
    peg.loc[4, "nip"] = peg.loc[4, "nip"][:15] + "000"                  # row 6: 15 digits kept, then zeros
    peg.to_csv(d / "pegawai.csv", index=False)
    kin = table(d, "kinerja")
    kin.loc[0, "nip"] = "1,97902162003072E+17"                          # a child row, decimal comma
    kin.to_csv(d / "kinerja.csv", index=False)
    e = load_extract(d)
    for row in (5, 6):
        assert issues_at(e, "pegawai", row)["rule"].tolist() == ["nip_not_text"]
    assert issues_at(e, "kinerja", 2)["rule"].tolist() == ["nip_not_text"]
    msg = issues_at(e, "pegawai", 5)["message"].iloc[0]
    assert "Teks" in msg and "angka" in msg
    e_en = load_extract(d, lang="en")
    assert "as Text" in issues_at(e_en, "pegawai", 5)["message"].iloc[0]


def test_nip_stored_as_a_number_in_xlsx(synth, tmp_path):
    book = tmp_path / "extract.xlsx"
    with pd.ExcelWriter(book) as xw:
        for name, df in synth.tables.items():
            df.to_excel(xw, sheet_name=name, index=False)
    wb = openpyxl.load_workbook(book)
    ws = wb["pegawai"]
    ws["A4"].value = float(ws["A4"].value)                              # as Excel keeps it: 1.96…e17
    ws["A5"].value = int(ws["A5"].value)                                # an integer cell: still a number cell
    wb.save(book)
    e = load_extract(book)
    assert e.report.rejected_rows("pegawai") == {4, 5}
    assert set(e.report.issues.query("table == 'pegawai'")["rule"]) == {"nip_not_text"}
    assert len(e.pegawai) == len(synth.tables["pegawai"]) - 2
    assert e.pegawai["nip"].str.fullmatch(r"\d{18}").all()              # the text NIPs stay as they are


# --------------------------------------------------------------------------- 5. blank rows keep the numbering


@pytest.mark.parametrize("blank", ["", ",,,,,,,,,,,,,,,", "   "])
def test_blank_line_does_not_shift_rows(d, clean, blank):
    p = d / "pegawai.csv"
    rows = lines(p)
    rows.insert(5, blank)                                               # row 6 is blank now
    rows[9] = spoil_nip(rows[9])                                        # the bad NIP at spreadsheet row 10
    write_lines(p, rows + ["", ""])                                     # and trailing empty lines
    e = load_extract(d)
    assert e.report.issues.query("table == 'pegawai'")["row"].tolist() == [10]
    assert e.report.rows_read["pegawai"] == len(clean.pegawai)
    assert 6 not in set(e.pegawai["_row"]) and 7 in set(e.pegawai["_row"])
    assert any("baris kosong" in n and "(baris 6)" in n for n in e.report.notes)


def test_blank_and_title_rows_in_xlsx(synth, tmp_path):
    book = tmp_path / "extract.xlsx"
    with pd.ExcelWriter(book) as xw:
        for name, df in synth.tables.items():
            df.to_excel(xw, sheet_name=name, index=False, startrow=2 if name == "pegawai" else 0)
    wb = openpyxl.load_workbook(book)
    ws = wb["pegawai"]
    ws["A1"] = "DATA PEGAWAI PEMPROV BANTEN"
    ws.insert_rows(8)                                                   # row 8 blank, data below moves down
    ws.cell(row=12, column=1).value = "19671110199203100X"
    wb.save(book)
    e = load_extract(book)
    assert e.report.issues.query("table == 'pegawai'")[["row", "rule"]].values.tolist() == [[12, "nip_not_digits"]]
    assert e.pegawai["_row"].iloc[0] == 4
    assert any("baris 3" in n for n in e.report.notes)


# --------------------------------------------------------------------------- 6. encodings, separators, headers, files


def test_utf16_tab_separated_file(d, clean):
    """Excel's "Unicode Text" export: UTF-16 with BOM, tab separated."""
    for name in ("pegawai", "kinerja"):
        table(d, name).to_csv(d / f"{name}.csv", sep="\t", index=False, encoding="utf-16")
    e = load_extract(d)
    assert e.report.ok, e.report.render()
    assert_same_tables(clean, e)
    assert any("UTF-16" in n for n in e.report.notes)


@pytest.mark.parametrize("sep", ["\t", "|", ";"])
def test_other_separators(d, clean, sep):
    table(d, "pegawai").to_csv(d / "pegawai.csv", sep=sep, index=False)
    e = load_extract(d)
    assert_same_tables(clean, e)


def test_old_xls_and_html_files_say_how_to_convert(d):
    (d / "kinerja.csv").unlink()
    (d / "kinerja.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(LoadError, match=r"kinerja\.xls.*Excel lama.*xlsx"):
        load_extract(d)
    (d / "kinerja.xls").write_text("<html><body><table><tr><td>nip</td></tr></table></body></html>")
    with pytest.raises(LoadError, match=r"kinerja\.xls.*HTML"):
        load_extract(d)


def test_title_rows_above_the_header(d, clean):
    p = d / "pegawai.csv"
    rows = lines(p)
    rows = ["DATA PEGAWAI PEMPROV BANTEN,,,", "Keadaan per 31 Desember 2025", ""] + rows   # header now at row 4
    rows[12] = spoil_nip(rows[12])                                      # spreadsheet row 13
    write_lines(p, rows)
    e = load_extract(d)
    assert e.report.issues[["table", "row"]].values.tolist()[0] == ["pegawai", 13]
    assert e.pegawai["_row"].iloc[0] == 5
    assert any("header dibaca dari baris 4" in n for n in e.report.notes)


def test_no_recognisable_header_names_the_row_used(d):
    p = d / "pegawai.csv"
    rows = lines(p)
    rows[0] = ",".join(f"kolom {i}" for i in range(len(rows[0].split(","))))
    write_lines(p, ["Judul laporan"] + rows)
    with pytest.raises(LoadError) as err:
        load_extract(d)
    msg = str(err.value)
    assert "pegawai.csv" in msg and "'nip'" in msg and "baris 2" in msg and "no header row recognised" in msg


def test_two_nip_columns_the_18_digit_one_is_used(d, clean):
    peg = table(d, "pegawai")
    peg.insert(0, "NIP", peg["nip"].str[8:17])                          # an old 9-digit NIP column
    peg.rename(columns={"nip": "NIP BARU"}).to_csv(d / "pegawai.csv", index=False)
    e = load_extract(d)
    assert e.report.ok, e.report.render()
    assert e.pegawai["nip"].tolist() == clean.pegawai["nip"].tolist()
    assert any("'NIP BARU' dipakai sebagai nip" in n for n in e.report.notes)


def test_two_conflicting_18_digit_nip_columns_are_refused(d):
    peg = table(d, "pegawai")
    peg.insert(0, "NIP", peg["nip"])
    peg.loc[3, "NIP"] = peg.loc[4, "nip"]
    peg.rename(columns={"nip": "NIP BARU"}).to_csv(d / "pegawai.csv", index=False)
    with pytest.raises(LoadError, match=r"pegawai\.csv.*'NIP' dan 'NIP BARU'"):
        load_extract(d)


def test_lock_hidden_and_backup_files_are_ignored(d, clean):
    (d / "~$pegawai.xlsx").write_bytes(b"\x00lock")
    (d / ".~lock.kinerja.csv#").write_text("lock")
    (d / "._profiling.csv").write_bytes(b"\x00\x05\x16\x07")
    (d / "riwayat_jabatan.csv~").write_text("backup")
    e = load_extract(d)
    assert e.report.ok
    assert e.fingerprint() == clean.fingerprint()


# --------------------------------------------------------------------------- 7. OPD codes


def test_opd_codes_are_normalised_and_checked(d):
    peg = table(d, "pegawai")
    peg.loc[0, "opd_kode"] = "01"
    peg.loc[1, "opd_kode"] = " dinkes "
    peg.loc[2, "opd_kode"] = "../../x"                                  # row 4
    peg.loc[3, "opd_kode"] = "<script>"                                 # row 5
    peg.to_csv(d / "pegawai.csv", index=False)
    riw = table(d, "riwayat_jabatan")
    riw.loc[0, "opd_kode_baru"] = "dinkes"
    riw.loc[1, "opd_kode_lama"] = " bkd"
    riw.loc[2, "opd_kode_baru"] = "a/b"                                 # row 4
    riw.to_csv(d / "riwayat_jabatan.csv", index=False)
    e = load_extract(d)
    bad = e.report.issues.query("rule == 'opd_kode_pattern'")
    assert bad[["table", "row", "column"]].values.tolist() == [
        ["pegawai", 4, "opd_kode"], ["pegawai", 5, "opd_kode"], ["riwayat_jabatan", 4, "opd_kode_baru"]]
    peg_ok = e.pegawai.set_index("_row")
    assert peg_ok.loc[2, "opd_kode"] == "01" and peg_ok.loc[3, "opd_kode"] == "DINKES"
    riw_ok = e.riwayat_jabatan.set_index("_row")
    assert riw_ok.loc[2, "opd_kode_baru"] == "DINKES" and riw_ok.loc[3, "opd_kode_lama"] == "BKD"
    assert e.pegawai["opd_kode"].dtype == "string"


# --------------------------------------------------------------------------- 8. fingerprint


def test_fingerprint_depends_on_content_only(d, tmp_path, clean):
    elsewhere = Path(shutil.copytree(d, tmp_path / "somewhere" / "else"))
    assert load_extract(elsewhere).fingerprint() == load_extract(d).fingerprint() == clean.fingerprint()
    p = elsewhere / "pegawai.csv"
    raw = bytearray(p.read_bytes())
    i = raw.index(b"a", raw.index(b"\n"))                              # one byte of a name
    raw[i:i + 1] = b"e"
    p.write_bytes(bytes(raw))
    assert load_extract(elsewhere).fingerprint() != clean.fingerprint()


# --------------------------------------------------------------------------- 9. empty tables, optional columns


def test_pegawai_without_data_rows_is_unusable(d):
    p = d / "pegawai.csv"
    write_lines(p, [lines(p)[0], "", ""])
    with pytest.raises(LoadError, match=r"pegawai\.csv.*tidak berisi baris data"):
        load_extract(d)


OPTIONAL = {"pegawai": {"tmt_cpns": "datetime64[ns]", "diklat_kepemimpinan": "string"},
            "profiling": {"gelombang": "Int64", "kategori_jpm": "string", "skor_potensi": "float64"},
            "kinerja": {"nilai": "float64"},
            "riwayat_jabatan": {"eselon_lama": "string", "opd_kode_lama": "string"}}


def test_every_optional_column_may_be_absent(d, clean):
    for name, cols in OPTIONAL.items():
        table(d, name).drop(columns=list(cols), errors="ignore").to_csv(d / f"{name}.csv", index=False)
    e = load_extract(d)
    assert e.report.ok, e.report.render()
    for name, cols in OPTIONAL.items():
        assert len(e.tables[name]) == len(clean.tables[name])
        for col, dtype in cols.items():
            assert str(e.tables[name][col].dtype) == dtype, (name, col)
            assert e.tables[name][col].isna().all()


# --------------------------------------------------------------------------- the command


def test_validate_command_on_bad_files_shows_no_traceback(d, tmp_path, capsys):
    p = d / "pegawai.csv"
    rows = lines(p)
    nama = rows[9].split(",")[1]
    rows[9] = rows[9].replace(f",{nama},", f',"{nama},', 1)
    write_lines(p, rows)
    out = tmp_path / "v.csv"
    assert main(["validate", str(d), "--out", str(out)]) == 1
    v = pd.read_csv(out)
    assert v.query("rule == 'unbalanced_quote'")["row"].tolist() == [10]
    (d / "kinerja.csv").unlink()
    (d / "kinerja.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert main(["validate", str(d)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "kinerja.xls" in err


# --------------------------------------------------------------------------- any CSV: properties


CELL = st.text(alphabet='ab ,;|\t"\n', max_size=6)


@settings(max_examples=150)
@given(st.integers(2, 5).flatmap(lambda n: st.lists(st.lists(CELL, min_size=n, max_size=n), min_size=1, max_size=10)),
       st.sampled_from([",", ";", "\t", "|"]), st.sampled_from(["\n", "\r\n"]))
def test_any_well_formed_csv_reads_back(rows, sep, end):
    """Whatever the cells hold (quotes, separators, line breaks), a CSV written by a proper writer reads back cell
    for cell, one spreadsheet row per record, blank records skipped. (Known limit, excluded here: a line inside a
    multi-line cell that holds a whole row's worth of separators is taken for an unclosed quote.)"""
    ncols = len(rows[0])
    rows = [[c.replace(sep, "") if "\n" in c else c for c in r] for r in rows]
    df = pd.DataFrame(rows, columns=[f"h{j}" for j in range(ncols)])
    text = df.to_csv(index=False, sep=sep, lineterminator=end)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, skipinitialspace=True))[1:]
    want = {i + 2: r for i, r in enumerate(records) if any(records[i])}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        path.write_bytes(text.encode("utf-8"))
        raw = read_table(Source("t", path))
    assert raw.broken.empty and list(raw.frame.index) == list(want)
    for row, cells in want.items():
        got = ["" if pd.isna(v) else v for v in raw.frame.loc[row]]
        assert got == cells + [""] * (len(got) - len(cells))


@settings(max_examples=150)
@given(st.integers(1, 5), st.text(alphabet='ab,;"\n\r \t', max_size=120))
def test_any_text_reads_or_says_why(ncols, body):
    """Random bytes after a header: never a crash, every row either read or listed as broken, never both."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        path.write_bytes((",".join(f"h{j}" for j in range(ncols)) + "\n" + body).encode("utf-8"))
        try:
            raw = read_table(Source("t", path))
        except LoadError:
            return
    assert raw.frame.index.is_unique and not set(raw.frame.index) & set(raw.broken.index)
    assert sorted(raw.problems["row"]) == sorted(raw.broken.index)
