"""The one door every file leaves by: safe file names, text cells neutralised against formulas, atomic writes.

Every CSV, JSON, text and Excel file the workbook writes goes through `write_csv`, `write_json`, `write_text`
or `write_excel`. A text cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
a tab or a carriage return; OWASP's CSV-injection guidance) is prefixed with `'`, and so is each part of a cell
after a `;`, tab or line break (a spreadsheet splitting on `;`, the Indonesian list separator, reads it as a cell).
File names made from data
(OPD codes) go through `safe_name`, and `inside` resolves a target and refuses one outside its root. Each file is
written beside its target and renamed into place, so a reader never sees half a file; a full disk, a missing
permission, a read-only folder or a path that cannot be made becomes an `OutputError` naming the file. A restricted
(`private`) file is created 0600 and the folders made for it 0700, whatever the umask; where a command may write at
all is `merit_lib.report.targets`'.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from merit_lib.domain.errors import OutputError, is_write_oserror, output_error

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SPLIT = re.compile(r"[;\t\n\r]")                                   # where a spreadsheet may split a cell
_SPLIT_FORMULA = re.compile(r"([;\t\n\r])(?=[ ]*[=+\-@\t\r])")      # … and what follows would be a formula
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str, fallback: str = "tanpa-kode") -> str:
    """A file-name part from data: letters, digits, `.`, `_`, `-` only; never a path, never hidden, never empty."""
    name = _UNSAFE.sub("_", str(text)).strip("._-")[:64]
    return name or fallback


def inside(root: Path | str, *parts: str) -> Path:
    """`root / parts`, resolved; an OutputError if it is not strictly inside `root` (a `..`, an absolute part, a link out)."""
    base = Path(root).resolve()
    target = base.joinpath(*parts).resolve()
    if target == base or not target.is_relative_to(base):
        raise OutputError(f"jalur keluaran di luar folder {base}: {'/'.join(parts)}",
                          en=f"output path outside the folder {base}: {'/'.join(parts)}")
    return target


def neutralise(value: object) -> object:
    """A text value a spreadsheet would evaluate as a formula, prefixed with `'`, and so is each part of it that a
    spreadsheet splitting on `;` (the Indonesian list separator), a tab or a line break would read as a cell of its
    own (`a;=1` → `a;'=1`); anything else as it is."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START):
        value = "'" + value
    return _SPLIT_FORMULA.sub(r"\1'", value) if _SPLIT.search(value) else value


_RESTORE_SPLIT = re.compile(r"([;\t\n\r])'(?=[ ]*[=+\-@\t\r])")


def restore(value: object) -> object:
    """A text cell of a workbook this program wrote, read back, as it was before `neutralise` (the `'` it put before a
    formula-like start, and after a `;`, tab or line break, taken away); anything else as it is."""
    if not isinstance(value, str):
        return value
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        value = value[1:]
    return _RESTORE_SPLIT.sub(r"\1", value)


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Every text cell (and text header) of a table neutralised; numeric columns untouched."""
    out = df.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])
                or pd.api.types.is_datetime64_any_dtype(out[col])):
            out[col] = out[col].map(neutralise, na_action="ignore")
    return out.rename(columns=lambda c: neutralise(c) if isinstance(c, str) else c)


PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700


def make_folder(folder: Path | str, private: bool = False) -> Path:
    """`folder` and its missing parents made (each 0700 when `private`, whatever the umask; existing ones untouched);
    an OutputError naming the folder when it cannot be made."""
    folder = Path(folder)
    missing, p = [], folder
    while not (p.exists() or p.is_symlink()) and p != p.parent:
        missing.append(p)
        p = p.parent
    try:
        for p in reversed(missing):
            p.mkdir(mode=PRIVATE_FOLDER if private else 0o777, exist_ok=True)
            if private:
                os.chmod(p, PRIVATE_FOLDER)
        if not folder.is_dir():
            folder.mkdir()                    # a file or a dangling link: its own error (EEXIST, ENOTDIR)
    except OSError as exc:
        if is_write_oserror(exc):
            raise output_error(exc, folder) from exc
        raise
    return folder


def _door(path: Path, write: Any, private: bool = False) -> Path:
    """`_atomic`, with a full disk, a missing permission, a read-only folder or a path that cannot be made reported as
    an OutputError."""
    make_folder(path.parent, private)
    try:
        return _atomic(path, write, private)
    except OSError as exc:
        if is_write_oserror(exc):
            raise output_error(exc, path) from exc
        raise


def _atomic(path: Path, write: Any, private: bool = False) -> Path:
    """Write through a temporary file beside `path`, then rename it into place.

    The writer creates the temporary file itself, so it gets the usual permissions (0666 less the umask), not
    mkstemp's 0600: a published folder must stay readable. A `private` file is created 0600 first and the writer
    writes into it (opening a file to write keeps its mode)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        if private:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
            os.fchmod(fd, PRIVATE_FILE)
            os.close(fd)
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_csv(df: pd.DataFrame, path: Path | str, private: bool = False) -> Path:
    """A table as UTF-8 CSV, text cells neutralised (`private`: 0600, see the module)."""
    return _door(Path(path), lambda p: neutralise_frame(df).to_csv(p, index=False), private)


def write_text(text: str, path: Path | str, private: bool = False) -> Path:
    """A UTF-8 text (or HTML) file."""
    return _door(Path(path), lambda p: p.write_text(text, encoding="utf-8"), private)


def write_json(data: Any, path: Path | str, private: bool = False) -> Path:
    """A UTF-8 JSON file, indented."""
    return write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), path, private)


def write_produced(path: Path | str, produce: Any) -> Path:
    """A file another program makes (`produce(tmp_path)` writes it, e.g. a PDF printed by Chromium), through the same
    door: atomic, and a full disk or a read-only folder reported as an OutputError."""
    return _door(Path(path), produce)


#: the longest sheet name Excel accepts
SHEET_NAME_MAX = 31


def sheet_title(name: str) -> str:
    """The name `write_excel` gives the sheet of `name`: made safe, cut to Excel's `SHEET_NAME_MAX` characters."""
    return safe_name(name)[:SHEET_NAME_MAX]


def write_excel(sheets: Mapping[str, pd.DataFrame], path: Path | str, style: Any = None) -> Path:
    """An .xlsx workbook, one sheet per table (text cells neutralised; sheet names by `sheet_title`); `style(worksheet,
    table)` formats each sheet."""
    def write(p: Path) -> None:
        with pd.ExcelWriter(p, engine="openpyxl") as xl:
            for name, table in sheets.items():
                sheet = sheet_title(name)
                neutralise_frame(table).to_excel(xl, sheet_name=sheet, index=False)
                if style is not None:
                    style(xl.sheets[sheet], table)
    return _door(Path(path), write)
