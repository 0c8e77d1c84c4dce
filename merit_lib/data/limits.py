"""The bounds on what a run reads (issue 25): each a named limit, each refusal a one-line `LimitError` naming it.

A workbook is checked from its zip directory before any reader opens it: its parts may hold `MAX_WORKBOOK_BYTES`
together once decompressed, and no part over `RATIO_FROM` may be compressed more than `MAX_RATIO`:1 (Apache POI's
ZipSecureFile draws the same 1:100 line). Python's zipfile never inflates a part past the size the directory gives,
so the check bounds what openpyxl can be made to read. A sheet is read to its header's width and down to Excel's
last row, at most `MAX_CELLS` cells; a header has at most `MAX_COLUMNS` cells and its line fits in
`MAX_HEADER_BYTES`. A roles file holds at most `MAX_ROLES_BYTES` and no YAML anchor or alias (a kilobyte of them can
expand to gigabytes).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import yaml

from merit_lib.domain.errors import LimitError
from merit_lib.domain.text import t

MAX_COLUMNS = 1_000                 # cells in a header row (the contract's tables have about 15)
MAX_HEADER_BYTES = 1 << 16          # the top of a CSV file, where its header line must end
MAX_WORKBOOK_BYTES = 256 << 20      # an XLSX workbook's parts, decompressed, together
MAX_RATIO = 100                     # how far one part of a workbook may be compressed …
RATIO_FROM = 1 << 20                # … once it holds more than this (small XML parts compress well)
MAX_SHEET_ROWS = 1_048_576          # Excel's last row: a sheet is read no further
MAX_CELLS = 10_000_000              # rows × header width of one sheet (a province's history is about 1 million)
MAX_ROLES_BYTES = 64 << 10          # a roles file (the example is 4.5 KB)


def limit_error(key: str, **fields: object) -> LimitError:
    """The LimitError of catalogue entry `limits.<key>`, in both languages."""
    return LimitError(t(f"limits.{key}", "id", **fields), en=t(f"limits.{key}", "en", **fields))


def check_workbook(path: Path | str) -> None:
    """A LimitError when an XLSX workbook would decompress past `MAX_WORKBOOK_BYTES`, or a part of it past `RATIO_FROM`
    is compressed more than `MAX_RATIO`:1. A file that is no zip is left to the reader to say so."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    total = sum(p.file_size for p in parts)
    if total > MAX_WORKBOOK_BYTES:
        raise limit_error("workbook_size", file=path, size=total >> 20, limit=MAX_WORKBOOK_BYTES >> 20)
    for p in parts:
        if p.file_size > RATIO_FROM and p.file_size > MAX_RATIO * max(p.compress_size, 1):
            raise limit_error("workbook_ratio", file=path, part=p.filename, ratio=p.file_size // max(p.compress_size, 1),
                              limit=MAX_RATIO)


def check_width(columns: int, where: object) -> None:
    """A LimitError when a header has more than `MAX_COLUMNS` cells (`columns`, or more when it was cut there)."""
    if columns > MAX_COLUMNS:
        raise limit_error("header_width", file=where, n=columns, limit=MAX_COLUMNS)


def header_line_too_long(where: object) -> LimitError:
    """The LimitError of a CSV whose first line does not end within `MAX_HEADER_BYTES`."""
    return limit_error("header_line", file=where, kb=MAX_HEADER_BYTES >> 10, limit=MAX_COLUMNS)


def check_cells(rows: int, width: int, where: object) -> None:
    """A LimitError once a sheet's rows read × its header width pass `MAX_CELLS`."""
    if rows * width > MAX_CELLS:
        raise limit_error("sheet_cells", file=where, limit=MAX_CELLS, width=width)


class _PlainLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses any anchor or alias (their expansion is unbounded)."""

    where: object = "?"

    def compose_node(self, parent: object, index: object) -> object:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise limit_error("yaml_alias", file=self.where, line=event.start_mark.line + 1)
        return super().compose_node(parent, index)


def load_roles_yaml(path: Path) -> object:
    """A roles file's YAML document, within `MAX_ROLES_BYTES` and without anchors or aliases (else a LimitError);
    YAML and decoding errors are the caller's to report."""
    size = path.stat().st_size
    if size > MAX_ROLES_BYTES:
        raise limit_error("roles_size", file=path, kb=-(-size // 1024), limit=MAX_ROLES_BYTES >> 10)
    loader = _PlainLoader(path.read_text(encoding="utf-8-sig"))
    loader.where = path
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
