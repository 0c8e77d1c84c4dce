"""ringkasan.xlsx: the period's published tables for an Excel user.

A first sheet "Keterangan" ("About") says what every sheet holds and what every column means (words from
`domain.text.COLUMN_HELP`); then one sheet per table of DESIGN §5, named like its CSV, with the same columns in the
same order under readable headers. Each sheet has a bold, frozen, wrapped header with an autofilter, column widths
from the content, and number formats by kind of column: % for shares and rates (stored as fractions, so they sum and
sort), thousands for counts, 2 decimals for ratios, 3 for p values, dates as dates. Numbers stay numbers: a number
the disclosure door hid is an empty cell and the reason column says why. Every cell leaves through `data.sink`
(text cells neutralised against formulas).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from merit_lib.data.sink import safe_name, write_excel
from merit_lib.domain.language import language
from merit_lib.domain.text import COLUMN_HELP, COLUMNS, SHEET_HELP, column
from merit_lib.report import privacy

#: number formats by kind of column (Excel shows the thousands and decimal marks of the reader's own locale)
FORMATS: dict[str, str] = {"percent": "0.0%", "count": "#,##0", "decimal1": "#,##0.0", "ratio": "0.00", "p": "0.000"}
DATE_FORMATS: dict[str, str] = {"id": "dd/mm/yyyy", "en": "d mmm yyyy"}
#: columns kept in view while scrolling right (after the header row), per sheet
KEY_COLUMNS: dict[str, int] = {"compliance": 2, "findings": 3, "model_coefficients": 2}
_PERCENT = re.compile(r"^(share_|coverage_|rate_|eo_rate_|skor_|nilai_)|^(explained_share|moved_share)$")
_P_VALUE = re.compile(r"(^|_)p_(value|adjusted)$")
_COUNT = re.compile(r"^(n|n_.+|promoted_.+|fairness_flags|fairness_tested|decision_row)$")
_DECIMAL1 = re.compile(r"^(index|shortfall)(_ci_(low|high))?$|^poin_")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_MIN_WIDTH, _MAX_WIDTH, _HELP_WIDTH = 8, 48, 100


def column_kind(name: str, values: pd.Series) -> str:
    """How a column is shown: `percent`, `count`, `decimal1`, `ratio`, `p`, `date`, `bool` or `text`."""
    if name == privacy.REASON or pd.api.types.is_bool_dtype(values):
        return "text" if name == privacy.REASON else "bool"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    if not pd.api.types.is_numeric_dtype(values):
        present = values.dropna().astype(str)
        return "date" if len(present) and present.str.match(_ISO_DATE).all() else "text"
    for kind, pattern in (("p", _P_VALUE), ("percent", _PERCENT), ("decimal1", _DECIMAL1), ("count", _COUNT)):
        if pattern.search(name):
            return kind
    return "count" if pd.api.types.is_integer_dtype(values) else "ratio"


def header(table: str, name: str, lang: str = "id") -> str:
    """The readable header of a column of a sheet: its table's own words first, then the shared ones."""
    if name == privacy.REASON:
        return privacy.REASON_HEADER[lang]
    own = COLUMNS.get(f"{table}.{name}", {}).get(lang)
    return own or column(name, lang)


def explanation(table: str, name: str, lang: str = "id") -> str:
    """What a column of a sheet means, in plain words ('' when the catalogue has nothing for it)."""
    for key in (f"{table}.{name}", name):
        if key in COLUMN_HELP:
            return COLUMN_HELP[key][lang]
    for end in ("_ci_low", "_ci_high"):
        if name.endswith(end):
            return COLUMN_HELP[end][lang].format(base=header(table, name.removesuffix(end), lang))
    return ""


def readable(table: pd.DataFrame, name: str, lang: str = "id") -> pd.DataFrame:
    """The published table (privacy.publish: hidden numbers empty, numeric columns numeric), dates as dates, readable
    headers (a header two columns would share gets its CSV name added)."""
    t = _dated(privacy.publish(name, table))
    heads = [header(name, c, lang) for c in t.columns]
    heads = [f"{h} ({c})" if heads.count(h) > 1 else h for h, c in zip(heads, t.columns)]
    return t.set_axis(heads, axis=1)


def about(tables: Mapping[str, pd.DataFrame], lang: str = "id") -> pd.DataFrame:
    """The "Keterangan" sheet: one row per sheet (what it holds) followed by one row per column (what it means)."""
    w = {k: v[lang] for k, v in SHEET_HELP.items() if k.startswith("_")}
    rows = [(w["_sheet"], w["_whole_sheet"], "", w["_about"]),
            (w["_sheet"], w["_whole_sheet"], "", w["_hidden"].format(reason=privacy.REASON_HEADER[lang]))]
    for name, table in tables.items():
        rows.append((name, w["_whole_sheet"], "", SHEET_HELP.get(name, {}).get(lang, "")))
        rows += [(name, header(name, c, lang), c, explanation(name, c, lang)) for c in table.columns]
    return pd.DataFrame(rows, columns=[w["_col_sheet"], w["_col_column"], w["_col_csv"], w["_col_help"]])


def write_sheets(tables: Mapping[str, pd.DataFrame], target: Path | str, lang: str = "id") -> Path:
    """ringkasan.xlsx from published tables (name → table as in tables/*.csv): the "Keterangan" sheet, then one
    formatted sheet per table."""
    lang = language(lang)
    tables = {name: _dated(privacy.publish(name, t)) for name, t in tables.items()}
    front = about(tables, lang)
    sheets = {SHEET_HELP["_sheet"][lang]: front, **{name: readable(t, name, lang) for name, t in tables.items()}}
    kinds = {safe_name(n)[:31]: [column_kind(c, t[c]) for c in t.columns] for n, t in tables.items()}
    keys = {safe_name(n)[:31]: KEY_COLUMNS.get(n, 0) for n in tables}

    def style(ws: object, table: pd.DataFrame) -> None:
        if ws.title in kinds:  # type: ignore[attr-defined]
            _format_table(ws, table, kinds[ws.title], keys[ws.title], lang)  # type: ignore[attr-defined]
        else:
            _format_about(ws, table)

    return write_excel({n: _cells(t) for n, t in sheets.items()}, target, style=style)


def write_workbook(tables_dir: Path, target: Path, lang: str = "id") -> Path:
    """ringkasan.xlsx from a period's `tables/` folder: the "Keterangan" sheet, then one sheet per DESIGN §5 table."""
    from merit_lib.report.pipeline import TABLES

    tables = {name: pd.read_csv(Path(tables_dir) / f"{name}.csv", dtype={"opd_kode": str, "scope": str})
              for name in TABLES}
    return write_sheets(tables, target, lang)


# --------------------------------------------------------------------------- cells and styles


def _dated(table: pd.DataFrame) -> pd.DataFrame:
    """Text columns that hold only ISO dates (as a CSV gives them back) as dates."""
    out = table.copy()
    for c in out.columns:
        if column_kind(str(c), out[c]) == "date" and not pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = pd.to_datetime(out[c], format="%Y-%m-%d")
    return out


def _cells(table: pd.DataFrame) -> pd.DataFrame:
    """Missing values as empty cells (None), numbers left as numbers."""
    return table.astype(object).where(table.notna(), None)


def _format_header(ws: object, widths: list[float]) -> None:
    """Bold, shaded, wrapped header row, tall enough for its longest header; column widths set."""
    lines = 1
    for i, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=i)  # type: ignore[attr-defined]
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = width  # type: ignore[attr-defined]
        lines = max(lines, math.ceil(len(str(cell.value or "")) / max(width - 1, 1)))
    ws.row_dimensions[1].height = 15 * lines  # type: ignore[attr-defined]


def _shown_width(value: object, kind: str) -> int:
    """About how many characters a cell shows in its format."""
    if value is None:
        return 0
    if kind == "percent":
        return 6
    if kind in ("ratio", "p", "decimal1") and isinstance(value, (int, float)):
        return len(f"{value:,.3f}")
    if kind == "count" and isinstance(value, (int, float)):
        return len(f"{value:,.0f}")
    if kind == "date":
        return 11
    return len(str(value))


def _format_table(ws: object, table: pd.DataFrame, kinds: list[str], keys: int, lang: str) -> None:
    """A data sheet: header, widths, number formats, frozen header (and key columns), autofilter."""
    widths = []
    for i, (name, kind) in enumerate(zip(table.columns, kinds), start=1):
        fmt = DATE_FORMATS[lang] if kind == "date" else FORMATS.get(kind)
        shown = 0
        for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):  # type: ignore[attr-defined]
            if fmt and cell.value is not None:
                cell.number_format = fmt
            shown = max(shown, _shown_width(cell.value, kind))
        head = len(str(name))
        widths.append(min(_MAX_WIDTH, max(_MIN_WIDTH, shown + 2, min(head, 22) + 2)))
    _format_header(ws, widths)
    ws.freeze_panes = ws.cell(row=2, column=keys + 1).coordinate  # type: ignore[attr-defined]
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(kinds), 1))}{len(table) + 1}"  # type: ignore[attr-defined]


def _format_about(ws: object, table: pd.DataFrame) -> None:
    """The "Keterangan" sheet: a readable table of sheets and columns, explanations wrapped."""
    widths = [22, 34, 28, _HELP_WIDTH]
    _format_header(ws, widths)
    for row in ws.iter_rows(min_row=2):  # type: ignore[attr-defined]
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row[1].value == table.iloc[0, 1]:            # a sheet's own row, before its columns
            for cell in row:
                cell.font = Font(bold=True)
        text = str(row[-1].value or "")
        ws.row_dimensions[row[0].row].height = 15 * max(1, math.ceil(len(text) / (_HELP_WIDTH - 5)))  # type: ignore
    ws.freeze_panes = "A2"  # type: ignore[attr-defined]
    ws.auto_filter.ref = f"A1:D{len(table) + 1}"  # type: ignore[attr-defined]
