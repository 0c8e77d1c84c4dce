"""ringkasan.xlsx: the period's published tables for an Excel user.

A first sheet "Keterangan" ("About") says what every sheet holds and what every column means (words from
`domain.text.COLUMN_HELP`); then one sheet per table of DESIGN §5, named like its CSV, with the same columns in the
same order under readable headers. Each sheet has a bold, frozen, wrapped header with an autofilter, column widths
from the content, and number formats by kind of column: % for shares and rates (stored as fractions, so they sum and
sort), thousands for counts, 2 decimals for ratios (scientific below 0.01), 3 for p values, dates as dates. Numbers
stay numbers: a number the disclosure door hid, or one no finite value bounds, is an empty cell and the reason column
says why. Code columns (verdicts, directions, attributes, model terms, …) read as words of the catalogue; the CSVs keep
the codes. Every cell leaves through `data.sink` (text cells neutralised against formulas).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from merit_lib.data.sink import sheet_title, write_excel
from merit_lib.domain import followup, text
from merit_lib.domain.language import language, number, period_label
from merit_lib.domain.text import COLUMN_HELP, COLUMNS, SHEET_FOOTER, SHEET_HELP, SHEET_NAMES, column
from merit_lib.report import privacy

#: number formats by kind of column (Excel shows the thousands and decimal marks of the reader's own locale)
FORMATS: dict[str, str] = {"percent": "0.0%", "count": "#,##0", "decimal1": "#,##0.0", "ratio": "0.00", "p": "0.000"}
#: a ratio or p value too small (or a ratio too large) for its fixed format shows in scientific notation, not as 0.00
SCIENTIFIC: dict[str, tuple[float, float, str]] = {"ratio": (0.01, 1e5, "0.00E+00"), "p": (0.001, math.inf, "0.0E+00")}
#: a number beyond every finite value where a sheet has no reason column to say so: the largest Excel number, shown ∞
_HUGE, _HUGE_FORMAT = 9.99e307, '[>=9.99E+307]"∞";[<=-9.99E+307]"−∞";General'
DATE_FORMATS: dict[str, str] = {"id": "dd/mm/yyyy", "en": "d mmm yyyy"}
#: columns kept in view while scrolling right (after the header row), per sheet
KEY_COLUMNS: dict[str, int] = {"compliance": 2, "findings": 3, "model_coefficients": 2, "trend": 3}
_PERCENT = re.compile(r"^(share_|coverage_|rate_|eo_rate_|skor_|nilai_|merit_share_|explained_share_)"
                      r"|^(explained_share|moved_share)$")
_P_VALUE = re.compile(r"(^|_)p_(value|adjusted)$")
_COUNT = re.compile(r"^(n|n_.+|promoted_.+|pq_.+|fairness_flags|fairness_tested|decision_row|jendela)$")
_DECIMAL1 = re.compile(r"^(index|shortfall)(_ci_(low|high))?$|^poin_|^index_provinsi$")
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
    """The published table (privacy.publish: hidden numbers empty, numeric columns numeric), dates as dates, codes as
    words, readable headers (a header two columns would share gets its CSV name added)."""
    return _headed(in_words(_dated(privacy.publish(name, table)), name, lang), name, lang)


def in_words(table: pd.DataFrame, name: str, lang: str = "id") -> pd.DataFrame:
    """A published table as its sheet shows it: code columns in the catalogue's words (`no disparity` → "tidak ada
    disparitas", `jenis_kelamin` → "jenis kelamin"), and a number no finite value bounds (`inf`) an empty cell whose
    reason column says «tidak terbatas» (where the table has one)."""
    lang = language(lang)
    out = table.copy()
    for c in out.columns:
        word = _WORDS.get(f"{name}.{c}") or _WORDS.get(str(c))
        if word is not None and not pd.api.types.is_numeric_dtype(out[c]):
            out[c] = out[c].astype(object).map(lambda v, w=word: w(str(v), lang) if isinstance(v, str) and v else v)
    if privacy.REASON not in out.columns or pd.api.types.is_bool_dtype(out[privacy.REASON]):
        return out
    reasons = [[] if pd.isna(r) or r == "" else [text.hidden_cells(str(r), lang)] for r in out[privacy.REASON]]
    for c in out.columns:
        if pd.api.types.is_numeric_dtype(out[c]) and not pd.api.types.is_bool_dtype(out[c]):
            values = pd.to_numeric(out[c], errors="coerce").astype(float)
            endless = np.isinf(values.to_numpy())
            if endless.any():
                for i in np.flatnonzero(endless):
                    reasons[i].append(f"{header(name, str(c), lang)}: {text.UNBOUNDED[lang]}")
                out[c] = values.where(~endless)
    out[privacy.REASON] = pd.Series(["; ".join(r) if r else None for r in reasons], index=out.index, dtype=object)
    return out


def _headed(t: pd.DataFrame, name: str, lang: str) -> pd.DataFrame:
    """The table under its readable headers."""
    heads = [header(name, c, lang) for c in t.columns]
    heads = [f"{h} ({c})" if heads.count(h) > 1 else h for h, c in zip(heads, t.columns)]
    return t.set_axis(heads, axis=1)


def sheet_name(table: str, lang: str = "id") -> str:
    """The sheet that holds a published table, in the workbook's language (its CSV name where the catalogue has none)."""
    return sheet_title(SHEET_NAMES.get(table, {}).get(language(lang), table))


def about(tables: Mapping[str, pd.DataFrame], lang: str = "id") -> pd.DataFrame:
    """The "Keterangan" sheet: one row per sheet (what it holds, and its CSV file) followed by one row per column (what
    it means, and its CSV column)."""
    w = {k: v[lang] for k, v in SHEET_HELP.items() if k.startswith("_")}
    rows = [(w["_sheet"], w["_whole_sheet"], "", w["_about"]),
            (w["_sheet"], w["_whole_sheet"], "", w["_hidden"].format(reason=privacy.REASON_HEADER[lang]))]
    for name, table in tables.items():
        sheet = sheet_name(name, lang)
        rows.append((sheet, w["_whole_sheet"], f"tables/{name}.csv", SHEET_HELP.get(name, {}).get(lang, "")))
        rows += [(sheet, header(name, c, lang), c, explanation(name, c, lang)) for c in table.columns]
    return pd.DataFrame(rows, columns=[w["_col_sheet"], w["_col_column"], w["_col_csv"], w["_col_help"]])


def write_sheets(tables: Mapping[str, pd.DataFrame], target: Path | str, lang: str = "id") -> Path:
    """ringkasan.xlsx from published tables (name → table as in tables/*.csv): the "Keterangan" sheet, then one
    formatted sheet per table."""
    lang = language(lang)
    tables = {name: _dated(privacy.publish(name, t)) for name, t in tables.items()}
    front = about(tables, lang)
    sheets = {SHEET_HELP["_sheet"][lang]: front,
              **{sheet_name(name, lang): _headed(in_words(t, name, lang), name, lang) for name, t in tables.items()}}
    kinds = {sheet_name(n, lang): [column_kind(c, t[c]) for c in t.columns] for n, t in tables.items()}
    keys = {sheet_name(n, lang): KEY_COLUMNS.get(n, 0) for n in tables}

    def style(ws: object, table: pd.DataFrame) -> None:
        if ws.title in kinds:  # type: ignore[attr-defined]
            _format_table(ws, table, kinds[ws.title], keys[ws.title], lang)  # type: ignore[attr-defined]
        else:
            _format_about(ws, table)
        _print_setup(ws, lang)

    return write_excel({n: _cells(t) for n, t in sheets.items()}, target, style=style)


def write_workbook(tables_dir: Path, target: Path, lang: str = "id") -> Path:
    """ringkasan.xlsx from a period's `tables/` folder: the "Keterangan" sheet, then one sheet per DESIGN §5 table."""
    from merit_lib.report.pipeline import OPTIONAL_TABLES, TABLES

    names = [*TABLES, *(n for n in OPTIONAL_TABLES if (Path(tables_dir) / f"{n}.csv").is_file())]
    tables = {name: pd.read_csv(Path(tables_dir) / f"{name}.csv", dtype={"opd_kode": str, "scope": str})
              for name in names}
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
    """Missing values as empty cells (None), numbers left as numbers (±∞ where no reason column took it: ±_HUGE)."""
    out = table.astype(object).where(table.notna(), None)
    for c in out.columns:
        if pd.api.types.is_float_dtype(table[c]) and np.isinf(table[c].to_numpy()).any():
            out[c] = [math.copysign(_HUGE, v) if isinstance(v, float) and math.isinf(v) else v for v in out[c]]
    return out


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
        low, high, sci = SCIENTIFIC.get(kind, (0.0, math.inf, ""))
        for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):  # type: ignore[attr-defined]
            if fmt and cell.value is not None:
                cell.number_format = fmt
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    if abs(cell.value) >= _HUGE:
                        cell.number_format = _HUGE_FORMAT
                    elif sci and (0 < abs(cell.value) < low or abs(cell.value) >= high):
                        cell.number_format = sci
            shown = max(shown, _shown_width(cell.value, kind))
        head = len(str(name))
        widths.append(min(_MAX_WIDTH, max(_MIN_WIDTH, shown + 2, min(head, 22) + 2)))
    _format_header(ws, widths)
    ws.freeze_panes = ws.cell(row=2, column=keys + 1).coordinate  # type: ignore[attr-defined]
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(kinds), 1))}{len(table) + 1}"  # type: ignore[attr-defined]


def _print_setup(ws: object, lang: str) -> None:
    """A sheet that prints: A4 landscape, every column on one page's width (as many pages down as it needs), the header
    row repeated on every page, the sheet's name and "hal. x dari y" in the footer."""
    ws.page_setup.orientation = "landscape"  # type: ignore[attr-defined]
    ws.page_setup.paperSize = ws.PAPERSIZE_A4  # type: ignore[attr-defined]
    ws.page_setup.fitToWidth = 1  # type: ignore[attr-defined]
    ws.page_setup.fitToHeight = 0  # type: ignore[attr-defined]
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)  # type: ignore[attr-defined]
    ws.print_title_rows = "1:1"  # type: ignore[attr-defined]
    ws.print_options.gridLines = True  # type: ignore[attr-defined]
    ws.oddFooter.left.text = "&A"  # type: ignore[attr-defined]
    ws.oddFooter.right.text = SHEET_FOOTER[lang]  # type: ignore[attr-defined]


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


# --------------------------------------------------------------------------- codes in words


def _controls_left_out(value: str, lang: str) -> str:
    """`masa_kerja (mechanical); golongan_ordinal (|r| = 0.82)` → "masa kerja (tahun) (turunan langsung); …"."""
    parts = []
    for part in value.split("; "):
        m = re.fullmatch(r"(.+?) \((.*)\)", part)
        if not m:
            parts.append(text.term_label(part, lang))
            continue
        why = m.group(2)
        r = re.fullmatch(r"\|r\| = ([0-9.]+)", why)
        why = text.label("mechanical", lang) if why == "mechanical" else (
            f"|r| = {number(float(r.group(1)), lang, 2)}" if r else why)
        parts.append(f"{text.term_label(m.group(1), lang)} ({why})")
    return "; ".join(parts)


def _explained_parts(value: str, lang: str) -> str:
    """`opd 0.62; masa_kerja 0.30` → "komposisi OPD 62 %, masa kerja (tahun) 30 %"."""
    from merit_lib.analysis.fairness.result import explained_parts_text

    return explained_parts_text(value, lang)


def _from(table: Mapping[str, Mapping[str, str]]) -> object:
    """A code → words lookup in one catalogue table (an unknown code as it is)."""
    return lambda code, lang: table.get(code, {}).get(lang, code)


#: code columns of the published tables (`<table>.<column>` first) and how each code reads
_WORDS: dict[str, object] = {
    "flag": text.flag_label, "direction": _from(text.DIRECTION_LABELS), "explained_by": text.explained_by_label,
    "adjusted_direction": _from(text.DIRECTION_LABELS), "explained_parts": lambda v, lang: _explained_parts(v, lang),
    "measure": text.term_label,
    "verdict_basis": _from(text.BASIS_LABELS), "attribute": text.term_label, "flag_reason": text.flag_reason_label,
    "aor_method": _from(text.AOR_METHODS), "controls_left_out": _controls_left_out, "category": text.category,
    "komponen_tidak_dinilai": lambda v, lang: ", ".join(text.component_label(k, lang) for k in v.split(", ")),
    "komponen_nilai_provinsi": lambda v, lang: ", ".join(text.component_label(k, lang) for k in v.split(", ")),
    "model_coefficients.model": text.term_label, "model_coefficients.term": text.term_label,
    "model_coefficients.method": lambda v, lang: text.t(f"methods.{v}", lang, scope="OPD") if v in text.MODEL_METHODS
    else v,
    "promotions_ledger.jenis": _from(text.LEDGER_KINDS), "promotions_ledger.alasan": _from(text.LEDGER),
    "tier": lambda v, lang: text.t(f"window.{v}", lang), "sumber": lambda v, lang: text.t(f"window.{v}", lang),
}


def _register_rule(value: str, lang: str) -> str:
    """A register finding's rule: a named rule, or the index component it concerns."""
    words = text.t(f"register.rule_{value}", lang)
    return words if words != f"register.rule_{value}" else text.t(f"comp_{value}", lang)


# the register sheet (report.temuan): its code columns in words
_WORDS.update({
    "register.kind": lambda v, lang: text.t(f"register.kind_{v}", lang),
    "register.status": lambda v, lang: text.t(f"register.seen_{v}", lang),
    "register.rule": _register_rule,
    "register.verdict": lambda v, lang: text.flag_label(v, lang) if v in text.FLAG_LABELS else text.t(f"window.{v}", lang),
    "register.response": lambda v, lang: followup.label("response", v, lang),
    "register.follow_up": lambda v, lang: followup.label("follow_up", v, lang),
    **{f"register.{c}": lambda v, lang: period_label(v, lang) for c in ("first_seen", "last_seen", "since")},
})
