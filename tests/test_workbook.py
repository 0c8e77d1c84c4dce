"""ringkasan.xlsx for an Excel user: read back with openpyxl, as Excel would open it."""

from __future__ import annotations

import csv
import shutil

import openpyxl
import pandas as pd
import pytest

from merit_lib.data.sink import neutralise
from merit_lib.domain import codes, text
from merit_lib.report import privacy
from merit_lib.report.pipeline import TABLES
from merit_lib.report.workbook import column_kind, header, sheet_name, write_sheets, write_workbook

PERIOD = "2026Q1"
#: the tables a report's workbook holds: DESIGN §5's, then the auditor's register (the shared report records its findings)
SHEETS = (*TABLES, "register")
HYPERLINK = '=HYPERLINK("http://x","klik")'


@pytest.fixture(scope="module")
def books(small_report, tmp_path_factory):
    """The shared small report's tables (conftest), its largest OPD named like a formula as the output door writes
    such a name (neutralised); its workbook in both languages. (A formula-like name in the extract itself, carried
    through the whole run: tests/test_output_safety.py.)"""
    tables = tmp_path_factory.mktemp("workbook") / "tables"
    shutil.copytree(small_report["out"] / "tables", tables)
    hostile = small_report["codes"][0]
    comp = pd.read_csv(tables / "compliance.csv", dtype=str)
    name = comp.loc[comp["opd_kode"] == hostile, "opd_nama"].iloc[0]
    for path in tables.glob("*.csv"):                    # every cell that holds its name, the other cells as they were
        with open(path, newline="", encoding="utf-8") as f:
            rows = [[neutralise(HYPERLINK) if cell == name else cell for cell in row] for row in csv.reader(f)]
        with open(path, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)
    ind = Book(openpyxl.load_workbook(write_workbook(tables, tables.parent / "ringkasan.xlsx", "id")), "id")
    en = Book(openpyxl.load_workbook(write_workbook(tables, tables.parent / "summary.xlsx", "en")), "en")
    read = {name: pd.read_csv(tables / f"{name}.csv", dtype={"opd_kode": str, "scope": str}) for name in SHEETS}
    return ind, en, read, hostile


class Book:
    """A workbook read back, its sheets reached by table name (a sheet is named in the workbook's language); the rows
    of its first sheet name tables, not sheets."""

    def __init__(self, wb, lang: str):
        self.wb, self.lang = wb, lang
        self.tables = {sheet_name(t, lang): t for t in SHEETS}

    def __getitem__(self, key: str):
        return self.wb[sheet_name(key, self.lang) if key in SHEETS else key]

    @property
    def sheetnames(self) -> list[str]:
        return self.wb.sheetnames

    @property
    def worksheets(self) -> list:
        return self.wb.worksheets

    def about(self) -> list[tuple]:
        """The first sheet's rows after the header, the sheet column as the table's name."""
        return [(self.tables.get(r[0], r[0]), *r[1:]) for r in self.wb.worksheets[0].iter_rows(min_row=2, values_only=True)]


def _col(ws, head: str) -> int:
    """The 1-based index of a header in row 1."""
    heads = [c.value for c in ws[1]]
    assert head in heads, (head, heads)
    return heads.index(head) + 1


def test_sheets_keterangan_first_then_each_table_named_in_the_workbooks_language(books):
    ind, en, _, _ = books
    assert ind.sheetnames == ["Keterangan", "kepatuhan", "temuan_keadilan", "terlewati_per_jenjang", "koefisien_model",
                              "validasi", "catatan_promosi", "tren", "selisih_merit", "kepekaan_posisi", "register_temuan"]
    assert en.sheetnames == ["About", "compliance", "fairness_findings", "passed_over_by_level", "model_coefficients",
                             "validation", "promotions_ledger", "trend", "merit_gaps", "tier_sensitivity",
                             "findings_register"]
    rows = ind.wb["Keterangan"].iter_rows(min_row=2, values_only=True)       # each sheet names the CSV it holds
    assert {r[0]: r[2] for r in rows if r[1] == text.SHEET_HELP["_whole_sheet"]["id"]}["kepatuhan"] == \
        "tables/compliance.csv"


def test_every_sheet_prints_landscape_fitted_to_width_with_its_header_on_every_page(books):
    ind, en, _, _ = books
    for book, footer in ((ind, "hal. &P dari &N"), (en, "page &P of &N")):
        for ws in book.wb.worksheets:
            setup = ws.page_setup
            assert (setup.orientation, int(setup.paperSize), int(setup.fitToWidth), int(setup.fitToHeight)) == \
                ("landscape", 9, 1, 0), ws.title
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
            assert ws.print_title_rows == "$1:$1", ws.title            # the header row repeated on every page
            assert (ws.oddFooter.left.text, ws.oddFooter.right.text) == ("&A", footer), ws.title


def test_header_bold_frozen_filtered_and_wide_enough(books):
    ind, _, csv, _ = books
    for name in SHEETS:
        ws = ind[name]
        assert all(c.font.bold for c in ws[1]), name
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2"), name     # the header row stays
        last = openpyxl.utils.get_column_letter(len(csv[name].columns))
        assert ws.auto_filter.ref == f"A1:{last}{len(csv[name]) + 1}", name         # every column, every row
        assert all(ws.column_dimensions[c.column_letter].width >= 8 for c in ws[1]), name
    assert ind["findings"].freeze_panes == "D2"                  # scope, attribute, group stay in view


def test_a_share_is_a_percent_number_and_counts_and_ratios_have_their_formats(books):
    ind, _, csv, _ = books
    ws, comp = ind["compliance"], csv["compliance"]
    share = _col(ws, text.column("coverage_profiling"))
    cells = [ws.cell(row=r, column=share) for r in range(2, ws.max_row + 1)]
    assert all(isinstance(c.value, (int, float)) and 0 <= c.value <= 1 and "%" in c.number_format for c in cells)
    assert any(isinstance(c.value, float) and 0 < c.value < 1 for c in cells)     # 0.857…, not "85,7 %" text
    assert [c.value for c in cells] == pytest.approx(comp["coverage_profiling"].tolist())
    staff = ws.cell(row=2, column=_col(ws, text.column("n_pegawai")))
    assert isinstance(staff.value, int) and staff.number_format == "#,##0" and staff.value == comp["n_pegawai"][0]
    index = ws.cell(row=2, column=_col(ws, text.column("index")))
    assert index.number_format == "#,##0.0" and (index.value is None or 0 <= index.value <= 100)
    f = ind["findings"]
    ratio = [f.cell(row=r, column=_col(f, text.column("impact_ratio"))) for r in range(2, f.max_row + 1)]
    assert any(isinstance(c.value, float) for c in ratio) and all(c.number_format == "0.00" for c in ratio if c.value)
    p = [f.cell(row=r, column=_col(f, text.column("p_adjusted"))) for r in range(2, f.max_row + 1)]
    assert all(c.number_format == "0.000" for c in p if c.value is not None)
    rate = [f.cell(row=r, column=_col(f, text.column("rate_group"))) for r in range(2, f.max_row + 1)]
    assert all("%" in c.number_format for c in rate if c.value is not None)


def test_a_suppressed_cell_is_empty_and_its_reason_filled(books):
    ind, _, csv, _ = books
    ws, fnd = ind["findings"], csv["findings"]
    n_group, reason = _col(ws, text.column("n_group")), _col(ws, privacy.REASON_HEADER["id"])
    hidden = fnd.index[fnd["n_group"].isna() & fnd[privacy.REASON].notna()]
    assert len(hidden) > 0                                   # this extract has small cells
    for i in hidden:
        assert ws.cell(row=i + 2, column=n_group).value is None
        assert ws.cell(row=i + 2, column=reason).value == fnd.loc[i, privacy.REASON]
        assert ws.cell(row=i + 2, column=reason).data_type == "s"
    shown = [ws.cell(row=r, column=n_group).value for r in range(2, ws.max_row + 1)]
    assert not [v for v in shown if isinstance(v, str)]      # never "< 5" in a numeric column
    assert not [v for v in shown if v is not None and 1 <= v <= 4]


def test_keterangan_lists_every_sheet_and_every_column_in_plain_words(books):
    ind, en, csv, _ = books
    for book, lang, first in ((ind, "id", "Keterangan"), (en, "en", "About")):
        rows = book.about()
        assert book.sheetnames[0] == first
        whole = text.SHEET_HELP["_whole_sheet"][lang]
        sheets = {r[0] for r in rows if r[1] == whole}
        assert set(SHEETS) <= sheets
        listed = {(r[0], r[2]) for r in rows if r[1] != whole}
        assert listed == {(name, c) for name in SHEETS for c in csv[name].columns}
        assert all(r[3] and len(r[3]) > 10 for r in rows), [r for r in rows if not r[3] or len(r[3]) <= 10]
        for name in SHEETS:                                   # the header a reader sees is the one explained
            heads = [c.value for c in book[name][1]]
            assert heads == [r[1] for r in rows if r[0] == name and r[1] != whole], name
    about = {(r[0], r[2]): r[3] for r in ind.about()}
    assert "Mantel–Haenszel" in about[("findings", "mh_odds_ratio")]
    assert "batas bawah" in about[("compliance", "coverage_profiling_ci_low")].lower()
    assert "Cakupan profiling" in about[("compliance", "coverage_profiling_ci_low")]


def test_no_machine_header_in_either_language(books):
    ind, en, csv, _ = books
    for book, lang in ((ind, "id"), (en, "en")):
        for name in SHEETS:
            heads = [c.value for c in book[name][1]]
            named = [c for c in csv[name].columns if c == privacy.REASON or c in text.COLUMNS
                     or f"{name}.{c}" in text.COLUMNS]
            assert named == list(csv[name].columns), (name, set(csv[name].columns) - set(named))
            assert all(text.COLUMNS.get(f"{name}.{c}", text.COLUMNS.get(c, {})).get(lang) for c in named
                       if c != privacy.REASON), name
            assert "Aor p value" not in heads and "Mh ci low" not in heads and "N" not in heads
    assert header("validation", "n", "id") == "Baris ditolak" and header("model_coefficients", "n", "en") == \
        "Person-quarters in the model"


def test_english_headers_sheet_names_and_explanations(books):
    ind, en, _, _ = books
    heads = [c.value for c in en["compliance"][1]]
    assert {"OPD code", "Promotions from the talent pool", "Staff"} <= set(heads)
    assert "Kode OPD" not in heads and privacy.REASON_HEADER["en"] in heads
    about = [r for r in en["About"].iter_rows(values_only=True)]
    assert about[0] == ("Sheet", "Column", "Column name in the CSV", "Explanation")
    assert any("Short code of the regional agency" in (r[3] or "") for r in about)
    assert en["findings"].cell(row=1, column=1).value == "Scope"
    # the same numbers, hidden the same way, whatever the language (only the words differ)
    for name in ("compliance", "findings"):
        a = [[c.value for c in row] for row in ind[name].iter_rows(min_row=2)]
        b = [[c.value for c in row] for row in en[name].iter_rows(min_row=2)]
        assert [[v for v in r if not isinstance(v, str)] for r in a] == [[v for v in r if not isinstance(v, str)]
                                                                         for r in b]
        assert [[v is None for v in r] for r in a] == [[v is None for v in r] for r in b]


def test_a_formula_looking_opd_name_stays_text(books):
    ind, _, _, hostile = books
    ws = ind["compliance"]
    code, name = _col(ws, text.column("opd_kode")), _col(ws, text.column("opd_nama"))
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=code).value == hostile)
    cell = ws.cell(row=row, column=name)
    assert cell.data_type == "s" and cell.value == "'" + HYPERLINK
    for book in books[:2]:
        assert not [c.coordinate for ws in book.worksheets for r in ws.iter_rows() for c in r if c.data_type == "f"]


def test_dates_are_dates_and_column_kinds(tmp_path):
    ledger = pd.DataFrame({"jenis": ["promosi", "promosi"], "opd_kode": ["BKD", "DINKES"],
                           "alasan": ["dihitung", "dihitung"], "tanggal": ["2026-01-26", None],
                           "n_peristiwa": [10, 12], "n_orang": [10, 12]})
    book = Book(openpyxl.load_workbook(write_sheets({"promotions_ledger": ledger}, tmp_path / "r.xlsx", "id")), "id")
    ws = book["promotions_ledger"]
    cell = ws.cell(row=2, column=4)
    assert cell.is_date and cell.value.date().isoformat() == "2026-01-26" and cell.number_format == "dd/mm/yyyy"
    assert ws.cell(row=3, column=4).value is None
    assert ws.cell(row=2, column=5).value == 10 and ws.cell(row=2, column=5).number_format == "#,##0"
    kinds = {c: column_kind(c, s) for c, s in {
        "share_promosi_eligible": pd.Series([0.5]), "eo_rate_group": pd.Series([0.1]), "p_adjusted": pd.Series([0.2]),
        "aor_p_value": pd.Series([0.2]), "n_group": pd.Series([5.0]), "odds_ratio": pd.Series([1.2]),
        "index_ci_low": pd.Series([60.0]), "simpson": pd.Series([True]), "opd_nama": pd.Series(["x"]),
        "suppressed": pd.Series(["kelompok"])}.items()}
    assert kinds == {"share_promosi_eligible": "percent", "eo_rate_group": "percent", "p_adjusted": "p",
                     "aor_p_value": "p", "n_group": "count", "odds_ratio": "ratio", "index_ci_low": "decimal1",
                     "simpson": "bool", "opd_nama": "text", "suppressed": "text"}


def test_bad_language_is_a_clear_error(tmp_path):
    from merit_lib.domain.errors import ParameterError

    with pytest.raises((ParameterError, ValueError), match="fr"):
        write_sheets({"validation": pd.DataFrame({"table": [], "rule": [], "n": []})}, tmp_path / "x.xlsx", "fr")


def _values(ws, head: str) -> list:
    """The non-empty cells under a header."""
    j = _col(ws, head)
    return [ws.cell(row=r, column=j).value for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=j).value is not None]


def test_code_columns_read_as_words_in_both_languages_and_the_csv_keeps_the_codes(books):
    ind, en, csv, _ = books
    fnd = csv["findings"]
    assert set(fnd["flag"]) <= set(codes.FLAGS) and "jenis_kelamin" in set(fnd["attribute"])    # the CSV: codes
    for book, lang in ((ind, "id"), (en, "en")):
        f = book["findings"]
        flags = _values(f, text.column("flag", lang))
        assert flags == [text.flag_label(c, lang) for c in fnd["flag"]]
        assert {text.DIRECTION_LABELS[d][lang] for d in fnd["direction"].dropna() if d} == \
            set(_values(f, text.column("direction", lang)))
        assert set(_values(f, text.column("verdict_basis", lang))) <= {v[lang] for v in text.BASIS_LABELS.values()}
        attrs = _values(f, text.column("attribute", lang))
        assert text.term_label("jenis_kelamin", lang) in attrs and not [a for a in attrs if "_" in a]
        methods = _values(f, text.column("aor_method", lang))
        assert methods and set(methods) <= {v[lang] for v in text.AOR_METHODS.values()}
        why = _values(f, text.column("flag_reason", lang))
        assert why and not [w for w in why if "_" in w or ">" in w]
        left_out = _values(f, text.column("controls_left_out", lang))
        assert not [c for c in left_out if "_" in c or "mechanical" in c and lang == "id"]
        comp = book["compliance"]
        assert not [v for v in _values(comp, text.column("komponen_tidak_dinilai", lang)) if "_" in v]
        assert set(_values(comp, text.column("category", lang))) <= {text.category(c, lang) for c in codes.CATEGORIES}
        coef = book["model_coefficients"]
        terms = _values(coef, text.COLUMNS["term"][lang])
        assert text.term_label("Intercept", lang) in terms and not [t for t in terms if "_" in t or "[T." in t]
        assert not set(_values(coef, text.COLUMNS["method"][lang])) & set(text.MODEL_METHODS)
        assert not [m for m in _values(coef, text.COLUMNS["model"][lang]) if "_" in m]
    shown = set(_values(ind["findings"], "Putusan"))
    assert shown and shown <= {text.flag_label(c, "id") for c in codes.FLAGS}
    assert text.column("fairness_tested", "id") == "Temuan keadilan yang dapat diuji"


def test_no_text_in_a_numeric_column_and_an_unbounded_number_is_empty_with_its_reason(books, tmp_path):
    ind, en, csv, _ = books
    for book in (ind, en):
        for name in SHEETS:
            ws = book[name]
            for j, c in enumerate(csv[name].columns, start=1):
                if pd.api.types.is_numeric_dtype(csv[name][c]) and not pd.api.types.is_bool_dtype(csv[name][c]):
                    texts = [ws.cell(row=r, column=j).value for r in range(2, ws.max_row + 1)
                             if isinstance(ws.cell(row=r, column=j).value, str)]
                    assert not texts, (name, c, texts[:3])
    fnd = csv["findings"].copy()
    fnd["detectable_odds_ratio"] = fnd["detectable_odds_ratio"].astype(float)
    fnd.loc[0, "detectable_odds_ratio"] = float("inf")
    coef = csv["model_coefficients"].copy()
    coef.loc[0, "ci_high"] = float("inf")
    for lang in ("id", "en"):
        book = Book(openpyxl.load_workbook(write_sheets({"findings": fnd, "model_coefficients": coef},
                                                        tmp_path / f"inf_{lang}.xlsx", lang)), lang)
        ws = book["findings"]
        cell = ws.cell(row=2, column=_col(ws, text.column("detectable_odds_ratio", lang)))
        reason = ws.cell(row=2, column=_col(ws, privacy.REASON_HEADER[lang])).value
        assert cell.value is None and text.UNBOUNDED[lang] in reason and text.column("detectable_odds_ratio", lang) \
            in reason
        wc = book["model_coefficients"]                      # no reason column: the largest number, shown as ∞
        top = wc.cell(row=2, column=_col(wc, text.COLUMNS["ci_high"][lang]))
        assert isinstance(top.value, float) and top.value > 1e300 and "∞" in top.number_format


def test_a_tiny_odds_ratio_shows_in_scientific_notation_not_as_zero(books):
    ind, _, csv, _ = books
    ws, coef = ind["model_coefficients"], csv["model_coefficients"]
    j = _col(ws, text.COLUMNS["odds_ratio"]["id"])
    for r, v in enumerate(coef["odds_ratio"], start=2):
        if pd.notna(v):
            fmt = ws.cell(row=r, column=j).number_format
            assert fmt == ("0.00E+00" if 0 < v < 0.01 or v >= 1e5 else "0.00"), (v, fmt)


def test_keterangan_explains_the_words_a_reader_sees(books):
    ind, en, _, _ = books
    for book, lang, first in ((ind, "id", "Keterangan"), (en, "en", "About")):
        about = {(r[0], r[2]): r[3] for r in book.about()}
        assert book.sheetnames[0] == first
        for c in codes.FLAGS:
            assert text.flag_label(c, lang).split(" (")[0].lower() in about[("findings", "flag")].lower(), (lang, c)
        assert "«disparity»" not in about[("compliance", "fairness_flags")] or lang == "en"
        assert "logit_cluster" not in about[("model_coefficients", "method")]
        assert "1 = " not in text.column("fairness_tested", lang)
