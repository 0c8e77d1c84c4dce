"""The one door every file leaves by: safe file names, text cells neutralised against formulas, atomic writes.

Every CSV, JSON, text and Excel file the workbook writes goes through `write_csv`, `write_json`, `write_text`
or `write_excel`. A text cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
a tab or a carriage return; OWASP's CSV-injection guidance) is prefixed with `'`. File names made from data
(OPD codes) go through `safe_name`. Each file is written beside its target and renamed into place, so a
reader never sees half a file.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str, fallback: str = "tanpa-kode") -> str:
    """A file-name part from data: letters, digits, `.`, `_`, `-` only; never a path, never hidden, never empty."""
    name = _UNSAFE.sub("_", str(text)).strip("._-")[:64]
    return name or fallback


def neutralise(value: object) -> object:
    """A text value a spreadsheet would evaluate as a formula, prefixed with `'`; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Every text cell (and text header) of a table neutralised; numeric columns untouched."""
    out = df.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])
                or pd.api.types.is_datetime64_any_dtype(out[col])):
            out[col] = out[col].map(neutralise, na_action="ignore")
    return out.rename(columns=lambda c: neutralise(c) if isinstance(c, str) else c)


def _atomic(path: Path, write: Any) -> Path:
    """Write through a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_csv(df: pd.DataFrame, path: Path | str) -> Path:
    """A table as UTF-8 CSV, text cells neutralised."""
    return _atomic(Path(path), lambda p: neutralise_frame(df).to_csv(p, index=False))


def write_text(text: str, path: Path | str) -> Path:
    """A UTF-8 text (or HTML) file."""
    return _atomic(Path(path), lambda p: p.write_text(text, encoding="utf-8"))


def write_json(data: Any, path: Path | str) -> Path:
    """A UTF-8 JSON file, indented."""
    return write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), path)


def write_excel(sheets: Mapping[str, pd.DataFrame], path: Path | str, style: Any = None) -> Path:
    """An .xlsx workbook, one sheet per table (text cells neutralised); `style(worksheet, table)` formats each sheet."""
    def write(p: Path) -> None:
        with pd.ExcelWriter(p, engine="openpyxl") as xl:
            for name, table in sheets.items():
                sheet = safe_name(name)[:31]
                neutralise_frame(table).to_excel(xl, sheet_name=sheet, index=False)
                if style is not None:
                    style(xl.sheets[sheet], table)
    return _atomic(Path(path), write)
