"""The register where auditors work: an Excel sheet of findings to fill in, and reading it back.

`export` writes the findings (open ones by default) to a workbook: sheet "Temuan" ("Findings" in English) with one row
per finding — its code, OPD, what it is and where it stands, read-only and shaded — and the auditor's five columns
(`domain.followup.FIELDS`), each with Excel data validation: drop-down lists for the response and the follow-up status
(BPK's four categories), a date from today on for the deadline, a length limit for the texts. The sheet is protected
without a password so that a code is not changed by a slip (the auditor's columns stay editable). Sheet "Bukti"
("Evidence") lists each finding's evidence period by period, "Petunjuk" ("How to") says what to do. Every cell leaves
through `data.sink` (text neutralised against formulas).

`read_changes` reads a filled sheet back and checks every cell (`domain.followup`): an unknown or repeated code, a value
outside its list, a date that is none or a deadline set in the past, a text too long, a NIP-like number, a formula —
each problem one message naming the file, sheet, cell and column. `apply` runs it inside one write transaction of the
register: with any problem nothing is written; otherwise each changed field is set and goes to the history.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from merit_lib.data.register import Register
from merit_lib.data.sink import restore, write_excel
from merit_lib.domain import codes, followup, language, text
from merit_lib.domain.errors import InputError
from merit_lib.report import register_view

#: the sheets, per language (the catalogue's `register.sheet_<kind>`; a sheet is found back under either name)
SHEETS = {kind: {lang: text.t(f"register.sheet_{kind}", lang) for lang in text.LANGS}
          for kind in ("findings", "evidence", "help")}
#: the read-only columns of the findings sheet (machine name → catalogue key of its header)
READ_ONLY = ("kode", "scope", "kind", "what", "status", "first_seen", "last_seen", "age_quarters")
#: most rows a sheet read back may hold (a register holds hundreds of findings)
MAX_ROWS = 50_000
_LOCKED_FILL = PatternFill("solid", fgColor="EEEEEE")
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_WIDTHS = {"kode": 12, "scope": 14, "kind": 16, "what": 60, "status": 36, "first_seen": 10, "last_seen": 10,
           "age_quarters": 8, "response": 18, "action": 50, "deadline": 13, "follow_up": 30, "reviewer": 22}
_CELL = re.compile(r"^[A-Z]+[0-9]+$")


def header(name: str, lang: str = "id") -> str:
    """A column's header on the findings sheet."""
    return text.t(f"register.xlsx_{name}", lang)


def _headers_known() -> dict[str, str]:
    """Every header a sheet read back may carry (either language, or the machine name) → the column."""
    out = {}
    for name in (*READ_ONLY, *followup.FIELDS):
        out[_key(name)] = name
        for lang in text.LANGS:
            out[_key(header(name, lang))] = name
    return out


def _key(s: object) -> str:
    return re.sub(r"[^a-z0-9]+", "", str(s).lower())


# --------------------------------------------------------------------------- export


def findings_frame(reg: Register, period: str | None = None, opds: list[str] | None = None, kinds: list[str] | None = None,
                   statuses: list[str] | None = None, follow_ups: list[str] | None = None, everything: bool = False
                   ) -> pd.DataFrame:
    """The register's findings as at `period` (default: the last recorded), filtered: open ones unless `everything`;
    only these OPDs (scope codes), kinds, statuses (`codes.SEEN_*`) and follow-up statuses when given."""
    from merit_lib.report.temuan import published_table

    f = reg.findings_as_at(period)
    if not everything:
        f = f[f["open"]]
    if opds:
        f = f[f["scope"].isin([o.upper() for o in opds])]
    if kinds:
        f = f[f["kind"].isin(kinds)]
    if statuses:
        f = f[f["status"].isin(statuses)]
    if follow_ups:
        f = f[f["follow_up"].isin(follow_ups)]
    table = published_table(f.reset_index(drop=True))
    table["reviewer"] = f["reviewer"].to_numpy() if len(f) else pd.Series(dtype=object)
    return table


def export(reg: Register, target: Path | str, period: str | None = None, lang: str = "id", **filters: object) -> int:
    """Write the findings sheet (with data validation), the evidence and the instructions to `target`; the number of
    findings written."""
    table = findings_frame(reg, period, **filters)  # type: ignore[arg-type]
    at = period or (reg.periods()[-1] if reg.periods() else None)
    rows = []
    for _, r in table.iterrows():
        rows.append({
            header("kode", lang): r["kode"], header("scope", lang): r["scope"],
            header("kind", lang): text.t(f"register.kind_{r['kind']}", lang),
            header("what", lang): f"{register_view.title(r, lang)}: {register_view.detail(r, lang)}",
            header("status", lang): register_view.status_phrase(r, lang),
            header("first_seen", lang): r["first_seen"], header("last_seen", lang): r["last_seen"],
            header("age_quarters", lang): int(r["age_quarters"]),
            header("response", lang): followup.label("response", r["response"], lang),
            header("action", lang): r["action"] if pd.notna(r["action"]) else None,
            header("deadline", lang): dt.datetime.fromisoformat(str(r["deadline"])) if pd.notna(r["deadline"]) else None,
            header("follow_up", lang): followup.label("follow_up", r["follow_up"], lang),
            header("reviewer", lang): r["reviewer"] if pd.notna(r["reviewer"]) else None})
    columns = [header(c, lang) for c in (*READ_ONLY, *followup.FIELDS)]
    sheet = pd.DataFrame(rows, columns=columns)
    evidence = _evidence(reg, set(table["kode"]), at, lang)
    guide = pd.DataFrame({text.t("register.xlsx_help_head", lang): [
        text.t(f"register.xlsx_help_{i}", lang, **_help_fields(lang)) for i in range(1, 7)]})
    names = {SHEETS["findings"][lang]: sheet, SHEETS["evidence"][lang]: evidence, SHEETS["help"][lang]: guide}

    def style(ws: object, frame: pd.DataFrame) -> None:
        if ws.title == SHEETS["findings"][lang]:  # type: ignore[attr-defined]
            _style_findings(ws, len(frame), lang)
        else:
            _style_plain(ws, frame)

    write_excel(names, target, style=style)
    return len(sheet)


def _help_fields(lang: str) -> dict[str, object]:
    return {"follow": "; ".join(followup.choices("follow_up", lang)), "response": "; ".join(followup.choices("response",
            lang)), "action": followup.MAX_LENGTH["action"], "reviewer": followup.MAX_LENGTH["reviewer"],
            "sheet": SHEETS["findings"][lang]}


def _evidence(reg: Register, kodes: set[str], at: str | None, lang: str) -> pd.DataFrame:
    """Each finding's evidence, period by period (the numbers as published, in words)."""
    from merit_lib.report.temuan import published_table

    s = reg.sightings()
    s = s[s["kode"].isin(kodes) & ((s["period"] <= at) if at else True)].reset_index(drop=True)
    heads = [text.t(f"register.xlsx_{k}", lang) for k in ("kode", "period", "seen", "what")]
    if s.empty:
        return pd.DataFrame(columns=heads)
    as_rows = s.assign(first_seen=s["period"], last_seen=s["period"], status=codes.SEEN_NEW, since=s["period"],
                       periods_seen=1, age_quarters=1, response=None, action=None, deadline=None,
                       follow_up=codes.FOLLOW_NOT_YET, reviewer=None, updated_at=None, open=True)
    table = published_table(as_rows)
    return pd.DataFrame({
        heads[0]: s["kode"], heads[1]: [language.period_label(p, lang) for p in s["period"]],
        heads[2]: [text.t("register.yes" if v else "register.no", lang) for v in s["seen"]],
        heads[3]: [register_view.detail(r, lang) for _, r in table.iterrows()]})


def _style_plain(ws: object, frame: pd.DataFrame) -> None:
    for i, c in enumerate(frame.columns, start=1):
        cell = ws.cell(row=1, column=i)  # type: ignore[attr-defined]
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        width = max([len(str(c))] + [len(str(v)) for v in frame[c].head(200)]) + 2
        ws.column_dimensions[get_column_letter(i)].width = min(max(width, 10), 100)  # type: ignore[attr-defined]
    ws.freeze_panes = "A2"  # type: ignore[attr-defined]


def _style_findings(ws: object, n: int, lang: str) -> None:
    """Header, widths, shaded read-only cells, editable auditor's cells, data validation, protection."""
    names = [*READ_ONLY, *followup.FIELDS]
    last = max(n + 1, 2)
    for i, name in enumerate(names, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _WIDTHS.get(name, 14)  # type: ignore[attr-defined]
        head = ws.cell(row=1, column=i)  # type: ignore[attr-defined]
        head.font, head.fill = Font(bold=True), _HEADER_FILL
        head.alignment = Alignment(wrap_text=True, vertical="top")
        editable = name in followup.FIELDS
        for r in range(2, n + 2):
            cell = ws.cell(row=r, column=i)  # type: ignore[attr-defined]
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.protection = Protection(locked=not editable)
            if not editable:
                cell.fill = _LOCKED_FILL
            if name == "deadline":
                cell.number_format = "dd/mm/yyyy" if lang == "id" else "d mmm yyyy"
        if editable:                 # rows added below the list stay editable too (and validated)
            for r in range(n + 2, n + 202):
                ws.cell(row=r, column=i).protection = Protection(locked=False)  # type: ignore[attr-defined]
    col = {name: get_column_letter(i) for i, name in enumerate(names, start=1)}
    span = lambda name: f"{col[name]}2:{col[name]}{last + 200}"  # noqa: E731
    lists = {"response": (followup.choices("response", lang), True), "follow_up": (followup.choices("follow_up", lang), False)}
    for name, (values, blank) in lists.items():
        dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=blank, showDropDown=False,
                            showErrorMessage=True, errorTitle=header(name, lang),
                            error=text.t("register.xlsx_list_error", lang, allowed="; ".join(values)))
        dv.add(span(name))
        ws.add_data_validation(dv)  # type: ignore[attr-defined]
    date = DataValidation(type="date", operator="greaterThanOrEqual", formula1="TODAY()", allow_blank=True,
                          showErrorMessage=True, errorTitle=header("deadline", lang),
                          error=text.t("register.xlsx_date_error", lang))
    date.add(span("deadline"))
    ws.add_data_validation(date)  # type: ignore[attr-defined]
    for name, limit in followup.MAX_LENGTH.items():
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(limit), allow_blank=True,
                            showErrorMessage=True, errorTitle=header(name, lang),
                            error=text.t("register.xlsx_length_error", lang, limit=limit))
        dv.add(span(name))
        ws.add_data_validation(dv)  # type: ignore[attr-defined]
    ws.freeze_panes = "B2"  # type: ignore[attr-defined]
    ws.auto_filter.ref = f"A1:{get_column_letter(len(names))}{last}"  # type: ignore[attr-defined]
    ws.protection.sheet = True  # type: ignore[attr-defined]
    ws.protection.autoFilter = False  # type: ignore[attr-defined]
    ws.protection.sort = False  # type: ignore[attr-defined]
    ws.protection.formatColumns = False  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- reading back


@dataclass
class ReadBack:
    """A filled sheet read back: per finding code, the auditor's values as they should be stored; and every problem."""

    changes: dict[str, dict[str, object]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    rows: int = 0


def _problem(path: Path, sheet: str, row: int, col: int, head: str, message: str, lang: str) -> str:
    return text.t("register.xlsx_problem", lang, file=path.name, sheet=sheet,
                  cell=f"{get_column_letter(col)}{row}", row=row, column=head, message=message)


def _open_sheet(path: Path, lang: str) -> tuple[object, object]:
    """The workbook (read-only) and its findings sheet; an InputError for a file that is not one."""
    import zipfile

    from openpyxl import load_workbook

    from merit_lib.data.limits import check_workbook

    if not path.is_file():
        raise InputError(text.t("register.xlsx_missing", "id", file=path), en=text.t("register.xlsx_missing", "en", file=path))
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(text.t("register.xlsx_not_xlsx", "id", file=path),
                         en=text.t("register.xlsx_not_xlsx", "en", file=path))
    check_workbook(path)
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(text.t("register.xlsx_unreadable", "id", file=path, why=exc),
                         en=text.t("register.xlsx_unreadable", "en", file=path, why=exc)) from exc
    wanted = {_key(v) for v in SHEETS["findings"].values()}
    sheet = next((book[n] for n in book.sheetnames if _key(n) in wanted), None)
    if sheet is None:
        book.close()
        names = ", ".join(book.sheetnames)
        fields = {"file": path, "sheets": names, "wanted": " / ".join(SHEETS["findings"].values())}
        raise InputError(text.t("register.xlsx_no_sheet", "id", **fields), en=text.t("register.xlsx_no_sheet", "en", **fields))
    return book, sheet


def read_changes(reg: Register, path: Path | str, today: dt.date | None = None, lang: str = "id") -> ReadBack:
    """Every row of a filled findings sheet checked against the register (see the module)."""
    from merit_lib.data.limits import check_cells

    path = Path(path)
    today = today or dt.date.today()
    book, sheet = _open_sheet(path, lang)
    out = ReadBack()
    try:
        rows = sheet.iter_rows()  # type: ignore[attr-defined]
        head = next(rows, None)
        known = _headers_known()
        columns: dict[str, int] = {}
        heads: dict[int, str] = {}
        for i, cell in enumerate(head or (), start=1):
            if cell.value is None:
                continue
            name = known.get(_key(cell.value))
            if name is not None and name not in columns:
                columns[name], heads[i] = i, str(cell.value)
        missing = [n for n in ("kode", *followup.FIELDS) if n not in columns]
        if missing:
            found = [str(c.value) for c in (head or ()) if c.value is not None]
            wanted = header(missing[0], lang)
            close = difflib.get_close_matches(wanted, found, n=1)
            fields = {"file": path.name, "sheet": sheet.title, "column": wanted,  # type: ignore[attr-defined]
                      "close": close[0] if close else "–"}
            raise InputError(text.t("register.xlsx_no_column", "id", **fields),
                             en=text.t("register.xlsx_no_column", "en", **fields))
        width = max(columns.values())
        current = reg.table("findings").set_index("kode")
        sheet_name = sheet.title  # type: ignore[attr-defined]
        codes_seen: set[str] = set()
        for n, row in enumerate(rows, start=2):
            if n - 1 > MAX_ROWS:
                check_cells(n, width, path)
                raise InputError(text.t("register.xlsx_too_many", "id", file=path.name, limit=MAX_ROWS),
                                 en=text.t("register.xlsx_too_many", "en", file=path.name, limit=MAX_ROWS))
            cells = {name: (row[i - 1] if i - 1 < len(row) else None) for name, i in columns.items()}
            values = {name: (None if c is None else c.value) for name, c in cells.items()}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
                continue                                               # an empty row
            out.rows += 1

            def problem(name: str, message: str, n: int = n) -> None:
                out.problems.append(_problem(path, sheet_name, n, columns[name], heads[columns[name]], message, lang))

            kode = str(values["kode"]).strip().upper() if values["kode"] is not None else ""
            if not kode:
                problem("kode", text.t("register.problem_no_code", lang))
                continue
            if kode not in current.index:
                problem("kode", text.t("register.problem_unknown", lang, kode=kode))
                continue
            if kode in codes_seen:
                problem("kode", text.t("register.problem_twice", lang, kode=kode))
                continue
            codes_seen.add(kode)
            stored = current.loc[kode]
            wanted_values: dict[str, object] = {}
            bad = False
            for name in followup.FIELDS:
                cell = cells[name]
                raw = None if cell is None else cell.value
                # a formula cell is refused; a text that starts with "=" (typed as '=… in Excel) is text, as written
                if getattr(cell, "data_type", None) == "f":
                    problem(name, text.t("register.problem_formula", lang))
                    bad = True
                    continue
                value, issue = followup.parse(name, restore(raw))
                if issue is None and name == "deadline":
                    old = stored["deadline"] if pd.notna(stored["deadline"]) else None
                    issue = followup.check_deadline(value, old, today)  # type: ignore[arg-type]
                if issue is not None:
                    problem(name, issue.message(lang))
                    bad = True
                    continue
                wanted_values[name] = value
            if not bad:
                out.changes[kode] = wanted_values
    finally:
        book.close()
    return out


@dataclass
class Applied:
    """What an import did: the problems (then nothing was written), or the findings and fields it changed."""

    problems: list[str]
    findings: int = 0
    fields: int = 0
    rows: int = 0


def apply(reg: Register, path: Path | str, who: str | None = None, wait: float = 60.0, today: dt.date | None = None,
          lang: str = "id", on_wait: object = None) -> Applied:
    """Read a filled sheet back and, in one write transaction of the register (under its lock), set every changed
    value; with any problem, nothing is written."""
    path = Path(path)
    with reg.writing(f"merit temuan impor {path.name}", wait=wait, on_wait=on_wait):
        back = read_changes(reg, path, today, lang)
        if back.problems:
            return Applied(back.problems, rows=back.rows)
        findings = fields = 0
        for kode, values in back.changes.items():
            changed = reg.update(kode, values, who=who, source=f"impor {path.name}")
            findings += bool(changed)
            fields += len(changed)
        return Applied([], findings, fields, back.rows)


def set_one(reg: Register, kode: str, raw: dict[str, object], who: str | None = None, wait: float = 60.0,
            today: dt.date | None = None, lang: str = "id") -> tuple[list[str], list[str]]:
    """One response from the command line: the given fields of one finding, checked as a sheet's cells are; returns
    (problems, fields changed). With any problem nothing is written."""
    today = today or dt.date.today()
    kode = kode.strip().upper()
    with reg.writing(f"merit temuan catat {kode}", wait=wait):
        stored = reg.table("findings").set_index("kode")
        if kode not in stored.index:
            return [text.t("register.problem_unknown", lang, kode=kode)], []
        values, problems = {}, []
        for name, value in raw.items():
            parsed, issue = followup.parse(name, value)
            if issue is None and name == "deadline":
                old = stored.at[kode, "deadline"] if pd.notna(stored.at[kode, "deadline"]) else None
                issue = followup.check_deadline(parsed, old, today)  # type: ignore[arg-type]
            if issue is not None:
                problems.append(f"--{text.t(f'register.option_{name}', 'id')}: {issue.message(lang)}")
            else:
                values[name] = parsed
        if problems:
            return problems, []
        return [], reg.update(kode, values, who=who, source="baris perintah")
