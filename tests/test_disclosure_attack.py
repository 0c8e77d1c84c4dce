"""Private by proof (issue 25): an attacker with every published number of a period folder and of the folders beside it
(tests/attacker.py: every CSV of tables/, the run facts, the ledger; integer programming) pins no cell of 1–4 persons.

Cases: the default extract (`merit synth` defaults) as two consecutive windows published side by side (2025Q4 and
2026Q1: one quarter in, one out), a 5-person OPD, and odd shapes (merit_lib/synth/shapes.py). Each folder is made
once (session fixtures); the attacker reads what was published, never reruns the analysis. The workbook and the pages
are read too: every number they show must be one the tables show.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from attacker import attack, read_folder

from merit_lib.cli import main
from merit_lib.domain import text
from merit_lib.report import privacy as P
from merit_lib.report.pipeline import compute, run_report
from merit_lib.report.workbook import sheet_name
from merit_lib.synth import synthesize, write_tables
from merit_lib.synth.shapes import reshape, tiny_opds

Q_BEFORE, Q_NOW = "2025Q4", "2026Q1"
#: the default extract's two periods (a full-size extract planned twice, minutes) are the slow tier (`make test-slow`,
#: CI); the attacker's own check, a 5-person OPD and the odd shapes stay in `make test`
DEFAULT = pytest.mark.slow


def _pinned_text(found) -> str:
    return "; ".join(f"{t.name} in [{lo:g}, {hi:g}]" for t, lo, hi in found[:10])


@pytest.fixture(scope="session")
def default_folders(tmp_path_factory) -> tuple[Path, Path]:
    """The default extract published for 2025Q4 (its tables and run facts: all the attacker and the plan read of a
    folder) and then for 2026Q1 beside it, planned with it (`merit report`: tables, workbook, the province page and
    the page of the smallest OPD)."""
    data = tmp_path_factory.mktemp("default_data")
    assert main(["synth", "--out", str(data)]) == 0              # `merit synth` defaults (the demo's planted effects)
    reports = tmp_path_factory.mktemp("default_reports")
    compute(data, Q_BEFORE, reports / Q_BEFORE / "tables")
    (reports / Q_BEFORE / "manifest.json").write_text("{}", encoding="utf-8")   # sealed, as `linked.beside` asks
    smallest = pd.read_csv(data / "pegawai.csv", dtype=str)["opd_kode"].value_counts().index[-1]
    run_report(data, Q_NOW, reports / Q_NOW, opds=[smallest], workers=1, progress=False)
    return reports / Q_BEFORE, reports / Q_NOW


def _tables_only(tmp: Path, tables: dict[str, pd.DataFrame], period: str = Q_NOW) -> Path:
    """An extract's tables published (no pages): the attacker reads tables/ and run_meta.json only."""
    data = write_tables(tables, tmp / "data")
    compute(data, period, tmp / period / "tables")
    return tmp / period


def test_the_attacker_finds_a_cell_left_open(tmp_path):
    """The attacker's own power: a 9-box line with one hidden box and a public total gives the box back, a line with
    two hidden boxes (3 and its complement) does not."""
    folder = tmp_path / Q_NOW
    (folder / "tables").mkdir(parents=True)
    pd.DataFrame({"opd_kode": ["A", "B"], "n_pegawai": [20, 40], "n_promosi": [0, 0]}).to_csv(
        folder / "tables" / "compliance.csv", index=False)
    boxes = list(range(1, 10))
    a = [np.nan, 5, 5, 0, 0, 0, 0, 7, 0]                   # 3 hidden, the rest shown: 20 − 17 = 3
    b = [np.nan, np.nan, 5, 5, 5, 5, 5, 5, 5]              # 3 and its complement 2 … hidden together
    rows = [("A", k, v) for k, v in zip(boxes, a)] + [("B", k, v) for k, v in zip(boxes, b)]
    pd.DataFrame(rows, columns=["scope", "kotak", "n"]).assign(suppressed=lambda d: np.where(
        d["n"].isna(), P.GRID_LABEL, None)).to_csv(folder / "tables" / "talent_box.csv", index=False)
    (folder / "tables" / "run_meta.json").write_text(json.dumps(
        {"period": Q_NOW, "window": {"quarters": [Q_NOW]}, "n_pegawai": 60, "n_promosi": 0}))
    _, found = attack([folder])
    assert [(t.name[1:], lo, hi) for t, lo, hi in found] == [(("talent_box", "A", "1"), 3.0, 3.0)]


@DEFAULT
def test_default_period_pins_nothing(default_folders):
    model, found = attack([default_folders[1]])
    assert not model.problems, model.problems[:5]
    assert not found, _pinned_text(found)
    assert len(model.index) > 200                          # the attacker did see the hidden cells


@DEFAULT
def test_two_consecutive_windows_pin_nothing(default_folders):
    """2025Q4 and 2026Q1 share three quarters: differencing their window counts (with the ledger's quarter totals)
    gives the quarters' cells, which must stay open too."""
    model, found = attack(list(default_folders))
    assert not model.problems, model.problems[:5]
    assert not found, _pinned_text(found)
    assert any(k[0] == "q" and k[1] == "2025Q1" for k in model.index)     # the quarter one window drops


@DEFAULT
def test_no_reason_words_are_published(default_folders):
    """One neutral mark: no published mark says why a cell is hidden (1–4, a complement, a small total, or empty)."""
    words = (P.PRIMARY, P.COMPLEMENT, P.SMALL_TOTAL)
    for folder in default_folders:
        marks = 0
        for csv in (folder / "tables").glob("*.csv"):
            t = pd.read_csv(csv, dtype=str)
            if P.REASON in t:
                values = t[P.REASON].dropna()
                marks += len(values)
                assert not any(w in v for v in values for w in words), csv.name
        book = pd.read_excel(folder / "ringkasan.xlsx", sheet_name=None, dtype=str) if \
            (folder / "ringkasan.xlsx").is_file() else {}
        for sheet, frame in book.items():
            for v in frame.get(P.REASON_HEADER["id"], pd.Series(dtype=str)).dropna():
                assert not any(w in v for w in words), sheet
        assert marks > 50


@DEFAULT
def test_the_workbook_shows_no_number_the_tables_hide(default_folders):
    """Every sheet of a table has the table's rows and columns in its order: a number hidden in the CSV is
    empty (or "< 5") in the sheet."""
    folder = default_folders[1]
    book = pd.read_excel(folder / "ringkasan.xlsx", sheet_name=None, dtype=str)
    checked = 0
    for csv in sorted((folder / "tables").glob("*.csv")):
        t = pd.read_csv(csv)
        if sheet_name(csv.stem) not in book or P.REASON not in t:
            continue
        sheet = book[sheet_name(csv.stem)]                   # a sheet is named in the workbook's language
        assert sheet.shape == t.shape, csv.stem
        for k, col in enumerate(t.columns):
            if not pd.api.types.is_numeric_dtype(t[col]):
                continue
            gone = t[col].isna().to_numpy() & t[P.REASON].notna().to_numpy()
            told = sheet.iloc[gone, k].dropna()
            assert told.isin([P.SHOWN, "–", "-", ""]).all(), (csv.stem, col, told.head(3).tolist())
        checked += 1
    assert checked >= 3


def _page_text(path: Path) -> str:
    body = path.read_text(encoding="utf-8")
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@DEFAULT
def test_pages_never_say_nobody_beside_a_hidden_count(default_folders):
    """A page that hides an OPD's candidates never says in words that there were none (issue 25: '< 5' followed by
    'no candidate could be passed over')."""
    folder = default_folders[1]
    comp = pd.read_csv(folder / "tables" / "compliance.csv", dtype={"opd_kode": str}).set_index("opd_kode")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pages = sorted((folder / "opd").glob("*.html"))
    assert pages, manifest.get("outputs")
    none_words = text.t("bypass_none", "id", period="").split("{")[0].strip()[:30]
    for page in pages:
        body = _page_text(page)
        code = next((c for c in comp.index if re.search(rf"\b{re.escape(c)}\b", body)), None)
        if code is None or "n_kandidat" not in comp:
            continue
        if pd.isna(comp.at[code, "n_kandidat"]):
            assert none_words not in body, page.name


def test_odd_shapes_pin_nothing(tmp_path):
    """OPDs of 1–3 persons and one of 5 (every breakdown of it a cell of 1–4 or a total of 5 split), an OPD of one
    gender, second promotions in the window, moves inside the quarter, no optional column, odd OPD codes: one extract
    of them all (one run keeps the suite short)."""
    s = synthesize(n=400, seed=7)
    tables = reshape(s.tables, ("moves_inside", "second_promotions", "one_gender_opd"))
    tables = tiny_opds(tables, sizes=(1, 2, 3, 5), seed=3)             # KECIL1–KECIL4, in the shapes' own order
    folder = _tables_only(tmp_path, reshape(tables, ("without_optional", "odd_codes")))
    comp = read_folder(folder).comp
    assert {1, 2, 3, 5} <= {len(g) for _, g in tables["pegawai"].groupby("opd_kode")}
    assert (comp["n_pegawai"] == 5).any()                    # the five-person OPD, its head count published
    model, found = attack([folder])
    assert not model.problems, model.problems[:5]
    assert not found, _pinned_text(found)


# --------------------------------------------------------------------------- an independent check: ACRO

ACRO_PYTHON = Path(__file__).resolve().parents[1] / ".venv" / "acro" / "bin" / "python"
#: the grid tables checked with ACRO, by (row, column) of their crosstab (the OPD × the cell's category)
ACRO_GRIDS = {"talent_box": ["kotak"], "readiness": ["kesiapan"], "promotions": ["level_awal", "jenis_jabatan_akhir",
                                                                                  "kesiapan"]}


def _acro(tmp: Path, tables: list[dict]) -> dict:
    assert ACRO_PYTHON.is_file(), f"{ACRO_PYTHON} missing: `make setup` installs acro in its own environment"
    src, dst = tmp / "acro_in.json", tmp / "acro_out.json"
    src.write_text(json.dumps({"tables": tables}), encoding="utf-8")
    subprocess.run([str(ACRO_PYTHON), str(Path(__file__).with_name("acro_check.py")), str(src), str(dst)],
                   check=True, capture_output=True, text=True, cwd=tmp, timeout=600)
    return json.loads(dst.read_text(encoding="utf-8"))


def _label(values: pd.Series) -> pd.Series:
    """A category as text, the same in a published CSV and in a table computed here (9-box 1.0 → "1", missing "NA")."""
    return values.astype(object).where(values.notna(), "NA").astype(str).str.removesuffix(".0")


def _rows(t: pd.DataFrame, cats: list[str]) -> list[list]:
    t = t[t["scope"].astype(str) != P.PROVINCE]
    col = pd.DataFrame({c: _label(t[c]) for c in cats}).agg("|".join, axis=1)
    return [[str(s), c, float(n)] for s, c, n in zip(t["scope"], col, t["n"].fillna(0))]


@DEFAULT
def test_acro_agrees_with_the_door(default_folders, tmp_path):
    """ACRO's threshold check (5, empty cells not disclosive) on the OPD grids of 2026Q1: on the true counts, every cell
    of 1–4 it flags is hidden in the published table; on the published counts (hidden ones left out), it flags no cell
    the table shows. ACRO flags empty cells too under its threshold check: those are shown as 0 by design."""
    from merit_lib.analysis import summaries
    from merit_lib.analysis.features import analysis_frame
    from merit_lib.data.extract import load_extract

    folder = default_folders[1]
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["parameters"]["data"]
    truth = summaries.all_tables(analysis_frame(load_extract(data), Q_NOW, window=4))
    published = {name: pd.read_csv(folder / "tables" / f"{name}.csv", dtype={"scope": str}) for name in ACRO_GRIDS}
    shown = {name: p[p["n"].notna()] for name, p in published.items()}
    result = _acro(tmp_path, [{"name": f"true {n}", "rows": _rows(truth[n], c)} for n, c in ACRO_GRIDS.items()] +
                   [{"name": f"published {n}", "rows": _rows(shown[n], c)} for n, c in ACRO_GRIDS.items()])
    assert result["acro_version"] and result["threshold"] == 5
    for name, cats in ACRO_GRIDS.items():
        value = {(s, c): n for s, c, n in _rows(truth[name], cats)}
        gone = published[name].loc[published[name]["n"].isna(), ["scope", *cats]]
        hidden = {(str(s), c) for s, c in zip(gone["scope"], pd.DataFrame({c: _label(gone[c]) for c in cats})
                                                    .agg("|".join, axis=1))}
        flagged = [(r, c) for r, c, why in result["tables"][f"true {name}"]["flagged"] if "Threshold" in why]
        small = [rc for rc in flagged if value.get(rc, 0) > 0]
        assert small, f"{name}: ACRO flags no cell of 1–4 on the true counts (a check that cannot fail)"
        assert set(small) <= hidden, f"{name}: ACRO flags cells the door shows: {sorted(set(small) - hidden)[:5]}"
        shown_flagged = [(r, c) for r, c, _ in result["tables"][f"published {name}"]["flagged"]
                         if value.get((r, c), 0) > 0 and (r, c) not in hidden]
        assert not shown_flagged, f"{name}: ACRO flags shown cells of the published table: {shown_flagged[:5]}"
