"""The smaller defects of issue 25 (item 5), each with its test: an OPD without staff at the quarter's end on the
province page, and a `;` inside a text cell that a spreadsheet splitting on `;` would read as a formula; and two
notebooks asking for the same tables at once computing them once. (Braces in
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


def test_notebooks_asking_for_the_same_tables_at_once_compute_them_once(small_report, tmp_path, monkeypatch):
    """`views.tables_for` without a tables folder (a notebook run as is): two kernels at once compute the extract's
    tables once; the second waits for the first and reads the same tables."""
    import shutil
    import tempfile
    import threading
    import time

    import merit_lib.report.pipeline as pipeline
    from merit_lib.report import views

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))          # a cache of this test's own
    calls = []

    def compute(data, period, stage, lang):                         # the shared report's tables, slowly
        calls.append(period)
        time.sleep(1.0)
        shutil.copytree(small_report["out"] / "tables", stage, dirs_exist_ok=True)

    monkeypatch.setattr(pipeline, "compute", compute)
    got, errors = [], []

    def ask():
        try:
            got.append(views.tables_for(None, small_report["data"], PERIOD, "id").compliance)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors and len(got) == 2 and calls == [PERIOD]
    pd.testing.assert_frame_equal(got[0], got[1])
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []     # no lock file left behind
