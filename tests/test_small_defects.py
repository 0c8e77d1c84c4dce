"""The smaller defects of issue 25 (item 5), each with its test: an OPD without staff at the quarter's end on the
province page, and a `;` inside a text cell that a spreadsheet splitting on `;` would read as a formula. (Braces in
`--out` and an output path that cannot exist: tests/test_output_safety.py and tests/test_cli_errors.py.)"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from merit_lib.data.sink import FORMULA_START, neutralise, write_csv
from merit_lib.synth import synthesize, write_tables
from merit_lib.synth.shapes import opd_emptied

PERIOD = "2026Q1"


@pytest.fixture(scope="module")
def emptied(tmp_path_factory):
    """The tables of an extract where one OPD lost all its staff during the quarter, computed as a report does."""
    from merit_lib.report.pipeline import compute

    root = tmp_path_factory.mktemp("emptied")
    s = synthesize(n=300, seed=23)
    code = s.tables["pegawai"]["opd_kode"].value_counts().index[15]
    data = write_tables(opd_emptied(s.tables, PERIOD, code), root / "data")
    compute(data, PERIOD, root / "tables")
    return root / "tables", code


def test_the_province_grid_names_an_opd_without_staff_at_the_quarters_end(emptied):
    from merit_lib.report import views

    tables_dir, code = emptied
    tables = views.tables_for(str(tables_dir), None, PERIOD, "id")
    comp = tables.compliance
    assert code in set(comp["opd_kode"]) and comp.loc[comp["opd_kode"] == code, "opd_nama"].isna().all()
    grid = views.verdict_grid(tables.findings, comp, "id", views.page_links(None, comp))
    assert f">{code}</a></td>" in grid                      # its code stands for the name it no longer has


@pytest.mark.parametrize("text", ["abc;=HYPERLINK(\"http://x\",\"y\")", "a; +1+1", "x;@SUM(A1)", "x;-2+3",
                                  "a;\t=1", "baris\n=1+1", "a;b;=c"])
def test_a_cell_that_a_semicolon_splitting_spreadsheet_would_read_as_a_formula_is_neutralised(tmp_path, text):
    path = write_csv(pd.DataFrame({"opd_nama": [text], "n": [3]}), tmp_path / "t.csv")
    raw = path.read_text(encoding="utf-8")
    for sep in (";", ",", "\t"):                             # Indonesian Excel splits on `;`, English on `,`
        for record in csv.reader(io.StringIO(raw), delimiter=sep):
            for cell in record:
                assert not cell.lstrip(" ").startswith(FORMULA_START), (sep, cell)
    for line in raw.splitlines():                            # `;` outside quotes, as a spreadsheet splitting on it
        for cell in line.split(";"):                         # reads a cell that does not start with a quote
            assert not cell.lstrip(" \"").startswith(FORMULA_START), cell
    back = pd.read_csv(path)["opd_nama"].iloc[0]
    assert back.replace("'", "") == text                     # only the neutralising quotes were added


def test_harmless_semicolons_are_left_alone():
    assert neutralise("Biro Umum; Biro Hukum") == "Biro Umum; Biro Hukum"
    assert neutralise(";") == ";" and neutralise(3) == 3
