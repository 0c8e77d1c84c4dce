"""Finding an extract's files and reading each one as a raw table (cells as text, before any typing).

`find_sources` locates each table in a folder of CSV/XLSX/Parquet files (base name = table name) or in one XLSX
workbook with a sheet per table; `read_table` reads one of them into a `RawTable` (`read_raw`: the bare frame).
Also here: `Source`, `LoadError`, `sha256` (the audit trail's file fingerprint) and `Note` (how a file was read,
for the validation report's notes).

Row numbers. The index of every table read here is the row number a spreadsheet shows for the record:
title rows above the header and blank rows count, so a blank line in the middle of a CSV never shifts the
rows after it. A CSV record whose quoted cell holds a line break is one row, as Excel shows it, numbered by
the row it starts on; after such a record a text editor's line number is larger than the reported row
(the report's notes say how many such records a file holds). Parquet rows are numbered from 2.

Reading CSV. The separator (`,` `;` tab `|`) and the header row (within the first rows: title rows above it
are skipped and the report says which row was used) are found by matching the table's column names. The
file is parsed by pandas in one go; only when a line holds an odd number of quotes does a careful pass look at
those lines: a quoted cell with a line break is kept (the break becomes a space, like any white space in
text), and a quote that is never closed rejects that row only (rule `unbalanced_quote`) instead of swallowing
the rows after it. A row with more cells than the header is rejected (`malformed_row`); a row with fewer is
read with the missing cells empty (Excel leaves trailing empty cells out). UTF-8 (with or without BOM),
UTF-16 (Excel's "Unicode Text") and Windows-1252 are read; Excel's `sep=;` first line is obeyed. Blank rows
are skipped and counted in the report's notes.

Files that are no table (Excel lock files `~$x.xlsx`, hidden and backup files) are ignored; an old `.xls`
workbook or an HTML page saved as `.xls` is refused with a message saying how to convert it.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import functools
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from merit_lib.data import limits
from merit_lib.domain import contract as C
from merit_lib.domain.errors import MeritError

READABLE = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".parquet", ".pq")
OLD_EXCEL = (".xls",)
SEPARATORS = (",", ";", "\t", "|")
HEADER_SEARCH_ROWS = 10    # the header row is looked for among this many rows at the top of a file
MAX_RECORD_LINES = 20      # a quoted CSV cell spanning more lines than this is taken for an unclosed quote
SPARE_FIELDS = 1           # cells read beyond the header, to see rows that have too many (pandas fails on more)
WHOLE_ROW = "*"            # the `column` of an issue about a whole row
HEAD_BYTES = limits.MAX_HEADER_BYTES  # the top of a file, where its header is looked for (and its first line ends)
CHUNK_BYTES = 1 << 23  # a file is scanned in pieces of this size when it is not read whole


class LoadError(Exception):
    """The input cannot be used at all (missing or unreadable file, missing required column)."""


@dataclass(frozen=True)
class Source:
    """Where one table came from."""

    table: str
    path: Path
    sheet: str | None = None

    def describe(self) -> str:
        return f"{self.path}" + (f" [sheet {self.sheet}]" if self.sheet else "")

    def content_key(self) -> str:
        """Table, file base name and sheet: what the data fingerprint names, never the folder it lies in."""
        return f"{self.table}:{self.path.name}" + (f"[{self.sheet}]" if self.sheet else "")


def sha256(path: Path) -> str:
    """SHA-256 of a file, for the audit trail."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


#: notes for the validation report (not rejections): id / en templates
NOTES: dict[str, dict[str, str]] = {
    "header_row": {"id": "{file}: header dibaca dari baris {row} (baris di atasnya dilewati)",
                   "en": "{file}: header read from row {row} (the rows above it are skipped)"},
    "blank_rows": {"id": "{file}: {n} baris kosong dilewati (baris {rows})", "en": "{file}: {n} blank rows skipped (rows {rows})"},
    "multiline": {"id": "{file}: {n} baris berisi sel dengan ganti baris (dalam tanda kutip); nomor baris mengikuti "
                        "spreadsheet, bukan nomor baris teks",
                  "en": "{file}: {n} rows hold a cell with a line break (in quotes); row numbers are the spreadsheet's, "
                        "not the text file's line numbers"},
    "encoding": {"id": "{file}: dibaca sebagai teks {encoding}", "en": "{file}: read as {encoding} text"},
    "column_choice": {"id": "{file}: kolom '{used}' dipakai sebagai {column} ({why}); kolom {ignored} diabaikan",
                      "en": "{file}: column '{used}' used as {column} ({why}); column {ignored} ignored"},
    "control_chars": {"id": "{table}: {n} sel berisi karakter kontrol; karakter itu dihapus",
                      "en": "{table}: {n} cells held control characters; they were removed"},
    "not_xlsx_name": {"id": "{file}: isinya buku kerja XLSX, dibaca sebagai XLSX",
                      "en": "{file}: holds an XLSX workbook, read as XLSX"},
}
WHY = {"18_digits": {"id": "berisi NIP 18 digit", "en": "it holds 18-digit NIPs"},
       "same": {"id": "isinya sama", "en": "same content"},
       "exact": {"id": "nama kolomnya persis", "en": "exact column name"}}


@dataclass(frozen=True)
class Note:
    """A fact about how a file was read, for the report (not a rejection)."""

    key: str
    fields: dict

    def text(self, lang: str = "id") -> str:
        fields = {k: (WHY[v][lang] if k == "why" else v) for k, v in self.fields.items()}
        return NOTES[self.key][lang].format(**fields)


# --------------------------------------------------------------------------- finding the files


def is_temporary(f: Path) -> bool:
    """A file that sits beside an extract but is no table: Excel's lock file `~$pegawai.xlsx`, LibreOffice's
    `.~lock.pegawai.csv#`, hidden files (`.pegawai.csv`, macOS `._pegawai.csv`), backups (`pegawai.csv~`, `.tmp`)."""
    name = f.name
    return name.startswith(("~", ".")) or name.endswith(("~", "#")) or name.lower().endswith(".tmp")


def find_sources(path: Path | str) -> dict[str, Source]:
    """Locate each table in a folder of files or in one XLSX workbook (lock, hidden and backup files ignored)."""
    path = Path(path)
    if not path.exists():
        raise LoadError(f"{path}: tidak ditemukan (no such file or folder)")
    wanted = {C.header_key(t): t for t in C.TABLES}
    found: dict[str, Source] = {}
    if path.is_file():
        if path.suffix.lower() in OLD_EXCEL:
            raise _old_excel(path)
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            raise LoadError(f"{path}: satu berkas harus berupa buku kerja XLSX dengan satu sheet per tabel")
        for sheet in _sheet_names(path):
            table = wanted.get(C.header_key(sheet))
            if table:
                found[table] = Source(table, path, sheet)
    else:
        for f in sorted(path.iterdir()):
            if not f.is_file() or is_temporary(f):
                continue
            table = wanted.get(C.header_key(f.stem))
            if table and f.suffix.lower() in READABLE + OLD_EXCEL:
                if table in found:
                    raise LoadError(f"{path}: tabel {table} ada di dua berkas: {found[table].path.name} dan {f.name}")
                found[table] = Source(table, f)
    missing = [t for t, spec in C.TABLES.items() if spec.required and t not in found]
    if missing:
        where = "sheet" if path.is_file() else "berkas"
        raise LoadError(f"{path}: {where} untuk tabel {', '.join(missing)} tidak ditemukan "
                        f"(nama berkas/sheet = nama tabel, mis. pegawai.csv)")
    return found


def _old_excel(path: Path) -> LoadError:
    return LoadError(f"{path}: format Excel lama (.xls) tidak dapat dibaca; buka di Excel, format kolom NIP sebagai Teks, "
                     f"lalu Simpan Sebagai 'Excel Workbook (*.xlsx)' atau 'CSV UTF-8' (old Excel format: open it in "
                     f"Excel and Save As .xlsx or CSV UTF-8)")


def _sheet_names(path: Path) -> list[str]:
    limits.check_workbook(path)
    try:
        import openpyxl

        with open(path, "rb") as fh:
            wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
            names = list(wb.sheetnames)
            wb.close()
        return names
    except Exception as exc:  # noqa: BLE001 - any reader failure is the user's unreadable file
        raise LoadError(f"{path}: tidak dapat dibaca sebagai XLSX ({type(exc).__name__}: {exc})") from exc


# --------------------------------------------------------------------------- reading one table


@dataclass
class RawTable:
    """One table as its file holds it, before typing.

    `frame`: one column per header (CSV/XLSX cells as text), index = spreadsheet row. `broken`: the rows that
    could not be split into cells reliably (cells as far as they are known), `problems` says why (row, column,
    value, rule). `numeric`: for a NIP-like column, which cells the file stored as numbers."""

    frame: pd.DataFrame
    header_row: int = 1
    header_found: bool = True
    broken: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["row", "column", "value", "rule"]))
    numeric: dict[str, pd.Series] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return len(self.frame) + len(self.broken)


def read_table(src: Source, table: C.Table | None = None) -> RawTable:
    """Read one table from its file; `table` (when given) helps find the header row. Errors name the file and why."""
    suffix = src.path.suffix.lower()
    try:
        if suffix in (".parquet", ".pq"):
            return _read_parquet(src, table)
        kind = _content_kind(src.path)
        if kind == "ole2":
            raise _old_excel(src.path)
        if kind == "html":
            raise LoadError(f"{src.describe()}: berkas ini halaman HTML (ekspor aplikasi web), bukan Excel atau CSV; buka di "
                            f"Excel lalu Simpan Sebagai .xlsx atau CSV UTF-8 (an HTML page, not a spreadsheet)")
        if suffix in (".xlsx", ".xlsm") and kind != "zip":
            raise LoadError(f"{src.describe()}: tidak dapat dibaca sebagai XLSX (isinya bukan buku kerja Excel; "
                            f"not an Excel workbook)")
        if kind == "zip":
            raw = _read_xlsx(src, table)
            if suffix not in (".xlsx", ".xlsm"):
                raw.notes.append(Note("not_xlsx_name", {"file": src.path.name}))
            return raw
        return _read_csv(src, table)
    except (LoadError, MeritError):
        raise
    except Exception as exc:  # noqa: BLE001 - the message says which file and why
        raise LoadError(f"{src.describe()}: tidak dapat dibaca ({type(exc).__name__}: {exc})") from exc


def read_raw(src: Source) -> pd.DataFrame:
    """Read one table as it is in the file (CSV/XLSX cells as text); errors name the file and why.

    For callers without a validation report: a row that cannot be split into cells is a LoadError naming it."""
    raw = read_table(src)
    if len(raw.broken):
        first = raw.problems.iloc[0]
        raise LoadError(f"{src.describe()}: baris {int(first['row'])} tidak dapat dibagi menjadi sel ({first['rule']}); "
                        f"{len(raw.broken)} baris seperti itu (rows that cannot be split into cells)")
    return raw.frame.reset_index(drop=True)


def _content_kind(path: Path) -> str:
    """What the file holds, from its first bytes: zip (XLSX), ole2 (old .xls), html, or text."""
    with open(path, "rb") as fh:
        head = fh.read(512)
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole2"
    if re.match(rb"(\xef\xbb\xbf)?\s*<(!doctype html|html|table)", head, re.IGNORECASE):
        return "html"
    return "text"


def _unique_headers(cells: Iterable[object]) -> list[str]:
    """Header cells as unique column names (pandas' way: `Unnamed: 3` for an empty one, `NIP.1` for a repeat)."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, c in enumerate(cells):
        name = "" if c is None or (isinstance(c, float) and np.isnan(c)) else str(c).replace("\ufeff", "").strip()
        name = name or f"Unnamed: {i}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        seen.setdefault(name, 0)
        out.append(name)
    return out


def _header_score(cells: list[str], table: C.Table, fuzzy: bool = False) -> int:
    """How many of the table's columns a row names exactly (`fuzzy`: how many cells are close to a column name)."""
    hmap = C.header_map(table)
    keys = [C.header_key(c) for c in cells if c]
    if fuzzy:
        return sum(1 for k in keys if k and difflib.get_close_matches(k, hmap, n=1, cutoff=0.8))
    return len({hmap[k] for k in keys if k in hmap})


@dataclass(frozen=True)
class _Header:
    """The row taken for the header: its position among the candidate rows, its cells, its separator, and
    whether it names any of the table's columns."""

    index: int
    cells: list[str]
    sep: str
    found: bool


def _pick_header(candidates: list[tuple[int, list[str], str]], table: C.Table | None) -> _Header | None:
    """The (row, cells, separator) that names most of the table's columns (ties: the earlier row, then more cells).

    When no row names any: the row with most cells close to a column name, else the widest row (a title row has
    one cell); with no table given, the first non-blank row."""
    filled = [(k, cells, sep) for k, cells, sep in candidates if any(c.strip() for c in cells)]
    if not filled:
        return None
    if table is None:
        k, cells, sep = min(filled, key=lambda f: f[0])
        return _Header(k, cells, sep, True)
    for fuzzy in (False, True):
        scored = [(_header_score(cells, table, fuzzy), -k, len(cells), k) for k, cells, _ in filled]
        best = max(range(len(filled)), key=lambda i: scored[i][:3])
        if scored[best][0]:
            k, cells, sep = filled[best]
            return _Header(k, cells, sep, not fuzzy)
    k, cells, sep = max(filled, key=lambda f: (sum(1 for c in f[1] if c.strip()), -f[0]))
    return _Header(k, cells, sep, False)


# ---- CSV


def _csv_bytes(src: Source) -> tuple[bytes, list[str], list[Note], bool]:
    """The file's bytes in an ASCII-compatible encoding, the encodings to try, a note when not UTF-8, and whether
    pandas may read the file itself (its records are those of the bytes: no re-encoding, no line ends changed)."""
    data = src.path.read_bytes()
    if not data or data.isspace():
        raise LoadError(f"{src.describe()}: berkas kosong (empty file)")
    notes = []
    utf16 = None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        utf16 = "utf-16"
    elif data[:1000].count(b"\x00") > len(data[:1000]) // 4:  # UTF-16 without BOM: every other byte is NUL
        utf16 = "utf-16-le" if data[1:1000:2].count(b"\x00") > data[0:1000:2].count(b"\x00") else "utf-16-be"
    if utf16:
        try:
            data = data.decode(utf16).encode("utf-8")
        except UnicodeDecodeError as exc:
            raise LoadError(f"{src.describe()}: tampak seperti teks UTF-16 tetapi tidak dapat dibaca ({exc}); simpan ulang "
                            f"sebagai CSV UTF-8 (looks like UTF-16 but cannot be decoded)") from exc
        notes.append(Note("encoding", {"file": src.path.name, "encoding": "UTF-16"}))
    as_is = utf16 is None
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        data = re.sub(rb"\r(?!\n)", b"\n", data)  # old Mac line ends: the line counting below knows only \n
        as_is = False
    if not data.endswith(b"\n"):
        data += b"\n"  # (the same records: pandas reads a last line without its newline)
    return data, ["utf-8-sig", "cp1252"], notes, as_is


def _head_text(data: bytes, more: bool = False) -> str:
    """The first lines of the file as text (for finding the header), whole lines only (`more`: `data` is only the
    beginning of the file)."""
    head = data[:HEAD_BYTES]
    if (more or len(data) > len(head)) and b"\n" in head:
        head = head[:head.rindex(b"\n") + 1]
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return head.decode("cp1252", errors="replace")


def _csv_records(head: str, sep: str, limit: int) -> list[tuple[int, int, list[str]]]:
    """The first `limit` records of `head` as (first line, last line, cells), lines counted from 0."""
    lines = head.split("\n")
    it = (ln + "\n" for ln in lines[:-1])
    reader = csv.reader(it, delimiter=sep, skipinitialspace=True)
    out = []
    start = 0
    try:
        for cells in reader:
            end = reader.line_num - 1
            out.append((start, end, cells))
            start = end + 1
            if len(out) >= limit:
                break
    except csv.Error:
        pass
    return out


def _sniff_sep(line: str) -> str:
    """The separator a header line uses most (`,` when it holds none)."""
    counts = [line.count(s) for s in SEPARATORS]
    return SEPARATORS[int(np.argmax(counts))] if max(counts) else ","


@dataclass(frozen=True)
class _Scan:
    """One physical CSV line followed through the tokenizer's states."""

    in_quote: bool   # the line ends inside a quoted cell
    seps: int        # separators outside quotes
    strict: bool     # every closing quote is followed by a separator or the end of the line
    open_field: int  # index of the field whose quote opened last (-1: none)
    open_pos: int    # byte offset of that quote in the line
    closes: bool     # a quoted cell ends on this line


def _scan(line: bytes, sep: int, in_quote: bool) -> _Scan:
    """Follow one line through pandas' CSV tokenizer (quote `"`, doubled inside a quoted cell, leading spaces skipped).

    Called only for the few lines with an odd number of quotes and the lines that follow them."""
    start, in_field, quoted, after_quote = 0, 1, 2, 3
    state = quoted if in_quote else start
    seps, strict, open_field, open_pos, closes = 0, True, -1, -1, False
    for pos, ch in enumerate(line):
        if state == quoted:
            if ch == 34:
                state = after_quote
        elif ch == sep:
            closes = closes or state == after_quote
            seps += 1
            state = start
        elif state == start:
            if ch == 34:
                state, open_field, open_pos = quoted, seps, pos
            elif ch != 32:
                state = in_field
        elif state == after_quote:
            if ch == 34:
                state = quoted
            else:
                state, strict, closes = in_field, False, True
    return _Scan(state == quoted, seps, strict, open_field, open_pos, closes or state == after_quote)


@functools.cache
def _complete_line(sep: str) -> re.Pattern[bytes]:
    """A line that ends outside quotes, in the tokenizer's terms (a cheap first look before `_scan`).

    Fields: leading spaces, then either a quoted cell (`""` inside), optionally followed by more characters, or
    an unquoted cell that does not start with a quote (quotes inside it are literal)."""
    s = re.escape(sep).encode()
    field = (rb' *(?:"(?:[^"]|"")*"(?:[^"' + s + rb'][^' + s + rb']*)?|(?:[^ "' + s + rb'][^' + s + rb']*)?)')
    return re.compile(field + rb"(?:" + s + field + rb")*", re.DOTALL)


class _Lines:
    """Physical lines of a CSV buffer (ending with a newline) by number, from 0; newline offsets found when needed."""

    def __init__(self, data: bytes):
        self.data = data

    @functools.cached_property
    def n(self) -> int:
        return self.data.count(b"\n")

    @functools.cached_property
    def nl(self) -> np.ndarray:
        return np.flatnonzero(np.frombuffer(self.data, dtype=np.uint8) == 10)

    def __len__(self) -> int:
        return self.n

    def start(self, i: int) -> int:
        """Byte offset where line `i` starts (the end of the buffer past the last line)."""
        if i <= 0:
            return 0
        if "nl" not in self.__dict__ and i <= 64:  # a line near the top: no need for every newline's offset
            pos = -1
            for _ in range(i):
                pos = self.data.find(b"\n", pos + 1)
                if pos < 0:
                    return len(self.data)
            return pos + 1
        return int(self.nl[i - 1]) + 1 if i <= self.n else len(self.data)

    def __getitem__(self, i: int) -> bytes:
        line = self.data[self.start(i):int(self.nl[i])]
        return line[:-1] if line.endswith(b"\r") else line


def _resolve_quotes(lines: _Lines, candidates: Iterable[int], sep: str, ncols: int
                    ) -> tuple[list[int], dict[int, tuple[int, int]]]:
    """Decide, for each line that may open a multi-line quoted cell, whether it does.

    A line that ends inside quotes starts a record that goes on until the quote closes. That is a real cell
    with line breaks when it closes within MAX_RECORD_LINES lines, every closing quote is followed by a
    separator or the line's end, and no line wholly inside the cell is a whole row by itself (which is what an
    unclosed quote swallows; the closing line may hold the rest of the row).

    Returns the continuation lines of the real ones, and for each line whose quote never closes: (field index
    of the quote, byte offset of the quote in the buffer)."""
    sepb, complete = ord(sep), _complete_line(sep)
    continuations: list[int] = []
    broken: dict[int, tuple[int, int]] = {}
    done_until = -1
    for i in candidates:
        if i <= done_until or complete.fullmatch(lines[i]):
            continue
        first = _scan(lines[i], sepb, False)
        if not first.in_quote:
            continue
        ok, closed, j = first.strict, False, i
        while ok and not closed:
            j += 1
            if j >= len(lines) or j - i >= MAX_RECORD_LINES:
                ok = False
                break
            text = lines[j]
            st = _scan(text, sepb, True)
            ok, closed = st.strict, not st.in_quote
            inside = not closed and not st.closes  # the whole line lies inside the quoted cell
            if inside and ncols > 1 and complete.fullmatch(text) and _scan(text, sepb, False).seps >= ncols - 1:
                ok = False  # a line inside the cell that is a whole row by itself: an unclosed quote swallowing rows
        if ok and closed:
            continuations.extend(range(i + 1, j + 1))
            done_until = j
        else:
            broken[i] = (first.open_field, lines.start(i) + first.open_pos)
    return continuations, broken


def _quote_candidates(data: bytes, lines: _Lines, from_line: int, all_quoted: bool) -> np.ndarray:
    """Lines (from `from_line` on) with an odd number of quotes, or with any quote when `all_quoted`."""
    b = np.frombuffer(data, dtype=np.uint8)
    q = np.flatnonzero(b == 34)
    per_line = np.bincount(np.searchsorted(lines.nl, q), minlength=len(lines) + 1)[:len(lines)]
    hit = per_line > 0 if all_quoted else per_line % 2 == 1
    hit[:from_line] = False
    return np.flatnonzero(hit)


def _cut(data: bytes, cuts: dict[int, tuple[int, int]], lines: _Lines) -> bytes:
    """The buffer with each broken line cut at its unclosed quote (its newline kept, so lines keep their numbers)."""
    parts, pos = [], 0
    for i in sorted(cuts):
        quote_at = cuts[i][1]
        parts.append(data[pos:quote_at])
        pos = int(lines.nl[i])
    parts.append(data[pos:])
    return b"".join(parts)


def _parse_csv(data: bytes | Path, offset: int, sep: str, ncols: int, encodings: list[str], where: str
               ) -> tuple[pd.DataFrame, str]:
    """pandas' C parser over the buffer (or the file itself: faster) from `offset`: one row per record, blank lines
    kept as empty rows.

    The header's `ncols` columns are read as text, and SPARE_FIELDS more (as objects: cheap when empty); a row with
    even more cells makes pandas fail, and the file is read again wider."""
    body = data if offset == 0 or isinstance(data, Path) else data[offset:]
    for enc in encodings:
        w = ncols + SPARE_FIELDS
        for _ in range(6):
            names = [f"_c{i}" for i in range(w)]
            try:
                df = pd.read_csv(body if isinstance(body, Path) else io.BytesIO(body), sep=sep, header=None, names=names,
                                 dtype={c: (str if i < ncols else object) for i, c in enumerate(names)},
                                 encoding=enc, keep_default_na=False, na_values=[""],
                                 skipinitialspace=True, skip_blank_lines=False, quotechar='"', engine="c")
                return df, enc
            except pd.errors.ParserError as exc:  # a row with more cells than `w`: read wider, reject it later
                m = re.search(r"Expected \d+ fields in line \d+, saw (\d+)", str(exc))
                if not m:
                    raise
                w = int(m.group(1)) + SPARE_FIELDS
            except UnicodeDecodeError:
                break
        else:
            raise LoadError(f"{where}: ada baris dengan jauh lebih banyak sel daripada header (rows with far too many cells)")
    raise LoadError(f"{where}: pengodean teks tidak dikenal (not UTF-8, UTF-16 or Windows-1252)")


def _csv_header(head: str, table: C.Table | None, where: str) -> tuple[_Header, int, list[int]]:
    """The header record of a CSV: its cells and separator, the line it starts on, and the lines above and in it
    that are no spreadsheet row (continuation lines of quoted cells; Excel's `sep=;` directive)."""
    directive = re.match(r"\ufeff?sep=(.)\s*$", head.split("\n", 1)[0])
    seps = (directive.group(1),) if directive else SEPARATORS
    records = {sep: _csv_records(head, sep, HEADER_SEARCH_ROWS + (1 if directive else 0)) for sep in seps}
    skip = 1 if directive else 0
    header = _pick_header([(k, r[2], sep) for sep in seps for k, r in enumerate(records[sep]) if k >= skip], table)
    if header is None:
        raise LoadError(f"{where}: berkas kosong, tidak ada header (empty file)")
    if (table is None or not header.found) and not directive:  # no header to match: the separator its line uses most
        line = records[header.sep][header.index][0]
        sep = _sniff_sep(head.split("\n")[line])
        k = next((k for k, r in enumerate(records[sep]) if r[0] == line), header.index)
        header = _Header(k, records[sep][k][2], sep, table is None)
    limits.check_width(len(header.cells), where)
    head_records = records[header.sep][:header.index + 1]
    uncounted = [ln for s, e, _ in head_records for ln in range(s + 1, e + 1)] + ([0] if directive else [])
    return header, head_records[-1][0], uncounted


def _needs_care(path: Path, data_offset: int) -> bool:
    """Whether a file may hold anything one pandas pass gets wrong: a quote (after `data_offset`, where the data
    starts), a NUL byte, or a carriage return that ends no line by itself. Read in chunks, nothing kept."""
    pending_cr = False
    with open(path, "rb") as fh:
        for k, chunk in enumerate(iter(lambda: fh.read(CHUNK_BYTES), b"")):
            if chunk.find(b'"', data_offset if k == 0 else 0) >= 0 or b"\x00" in chunk:
                return True
            if pending_cr and not chunk.startswith(b"\n"):
                return True
            pending_cr = False
            if b"\r" in chunk:
                crs = chunk.count(b"\r") - chunk.endswith(b"\r")
                pending_cr = chunk.endswith(b"\r")
                if crs != chunk.count(b"\r\n"):
                    return True
    return pending_cr


def _plain_csv(src: Source, table: C.Table | None) -> tuple[pd.DataFrame, str, _Header] | None:
    """The common case, read by pandas straight from the file: UTF-8 or Windows-1252, the header on the first line,
    no quote below it, line ends LF or CRLF. None when the file needs a closer look (`_csv_bytes` and on)."""
    with open(src.path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    if not head.strip() or head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head or b"\n" not in head:
        return None
    header, first_line, head_cont = _csv_header(_head_text(head, more=True), table, src.describe())
    if first_line != 0 or head_cont or _needs_care(src.path, head.index(b"\n") + 1):
        return None
    df, enc = _parse_csv(src.path, 0, header.sep, len(header.cells), ["utf-8-sig", "cp1252"], src.describe())
    return df, enc, header


def _read_csv(src: Source, table: C.Table | None) -> RawTable:
    """A CSV/TXT file: separator, header row, records with their spreadsheet rows, broken and blank rows."""
    plain = _plain_csv(src, table)
    if plain is not None:  # one record per line
        df, enc, header = plain
        notes: list[Note] = []
        head_cont, cont, cuts, starts = [], [], {}, np.arange(len(df), dtype=np.int64)
    else:
        data, encodings, notes, as_is = _csv_bytes(src)
        if len(data) > HEAD_BYTES and b"\n" not in data[:HEAD_BYTES]:
            raise limits.header_line_too_long(src.describe())
        header, first_line, head_cont = _csv_header(_head_text(data), table, src.describe())
        df, enc, cont, cuts, starts = _parse_records(data, _Lines(data), first_line, head_cont, header.sep,
                                                     len(header.cells), encodings, src.describe(),
                                                     src.path if as_is else None)
    cells = _unique_headers(header.cells)
    if enc == "cp1252":
        notes.append(Note("encoding", {"file": src.path.name, "encoding": "Windows-1252"}))
    continuation = np.sort(np.array(head_cont + cont, dtype=np.int64))
    rows = starts + 1 - np.searchsorted(continuation, starts)
    header_row = int(rows[0])
    df = df.iloc[1:]
    df.index = _row_index(rows[1:])
    broken_rows = {ln + 1 - int(np.searchsorted(continuation, ln)): cut for ln, cut in cuts.items()}
    if header_row != 1:
        notes.append(Note("header_row", {"file": src.path.name, "row": header_row}))
    if cont:
        n_multi = int(np.count_nonzero(np.diff(np.concatenate([[-2], np.sort(cont)])) != 1))
        notes.append(Note("multiline", {"file": src.path.name, "n": n_multi}))
    return _finish_raw(df, cells, header_row, header.found, broken_rows, src, notes)


def _parse_records(data: bytes, lines: _Lines, first_line: int, head_cont: list[int], sep: str, ncols: int,
                   encodings: list[str], where: str, path: Path | None = None
                   ) -> tuple[pd.DataFrame, str, list[int], dict[int, tuple[int, int]], np.ndarray]:
    """Parse the records from the header's line on: the frame, the encoding, the continuation lines of multi-line
    data records, the lines cut at an unclosed quote, and the line each record starts on. `head_cont`: the
    continuation lines of the records down to the header (a header cell may hold a line break too). `path`: the
    file, when pandas may read it instead of the bytes (nothing to cut, the header on the first line).

    Without quotes every line is a record. With quotes, pandas' records are taken as they are when there are as
    many as lines. Otherwise the lines that may open a multi-line cell are looked at (first only those with an
    odd number of quotes; when pandas disagrees with that view, every line with a quote), broken lines are cut
    at their unclosed quote, and the file is parsed again."""
    data_line = max([first_line, *head_cont]) + 1
    whole = path if path is not None and first_line == 0 else data
    has_quote = data.find(b'"', lines.start(data_line)) >= 0
    if not has_quote and data.find(b"\x00") < 0:  # one record per line from the data on: nothing to check
        df, enc = _parse_csv(whole, lines.start(first_line), sep, ncols, encodings, where)
        return df, enc, [], {}, np.concatenate([[first_line], np.arange(data_line, data_line + len(df) - 1)])
    try:  # as many records as lines: no quoted cell spans lines, no quote is left open
        df, enc = _parse_csv(whole, lines.start(first_line), sep, ncols, encodings, where)
        starts = _record_starts(len(lines), first_line, head_cont)
        if len(df) == len(starts):
            return df, enc, [], {}, starts
    except pd.errors.ParserError:
        pass
    for careful in (False, True):
        cont: list[int] = []
        cuts: dict[int, tuple[int, int]] = {}
        if has_quote:
            cont, cuts = _resolve_quotes(lines, _quote_candidates(data, lines, data_line, careful), sep, ncols)
        body = _cut(data, cuts, lines) if cuts else (path if path is not None and first_line == 0 else data)
        try:
            df, enc = _parse_csv(body, lines.start(first_line), sep, ncols, encodings, where)
        except pd.errors.ParserError:
            continue
        starts = _record_starts(len(lines), first_line, head_cont + cont)
        if len(df) == len(starts):
            return df, enc, cont, cuts, starts
    raise LoadError(f"{where}: tanda kutip (\") di berkas ini tidak dapat dipasangkan dengan pasti; periksa sel yang berisi "
                    f"tanda kutip (quotes cannot be matched reliably)")


def _record_starts(n_lines: int, first_line: int, continuation: list[int]) -> np.ndarray:
    """The physical line each record starts on, from the header's on (continuation lines are no start)."""
    starts = np.arange(first_line, n_lines, dtype=np.int64)
    if continuation:
        starts = starts[~np.isin(starts, np.asarray(continuation, dtype=np.int64))]
    return starts


def _row_index(rows: np.ndarray) -> pd.Index:
    """Spreadsheet rows as an index (a RangeIndex when they follow each other)."""
    if len(rows) and rows[-1] - rows[0] == len(rows) - 1:
        return pd.RangeIndex(int(rows[0]), int(rows[-1]) + 1)
    return pd.Index(rows.astype(np.int64))


def _finish_raw(df: pd.DataFrame, cells: list[str], header_row: int, found: bool,
                broken_rows: dict[int, tuple[int, int]], src: Source, notes: list[Note]) -> RawTable:
    """Split parsed CSV rows into good rows, rows with too many cells, rows cut at an unclosed quote, blank rows."""
    ncols = len(cells)
    extra = df.iloc[:, ncols:]
    df = df.iloc[:, :ncols]
    df.columns = cells
    df = _drop_empty_unnamed(df)
    over = extra.notna().any(axis=1) if extra.shape[1] > 1 else extra.iloc[:, 0].notna() if extra.shape[1] else (
        pd.Series(False, index=df.index))
    cut = df.index.isin(list(broken_rows)) if broken_rows else np.zeros(len(df), dtype=bool)
    over = over & ~cut  # a row cut at its quote is reported for the quote only
    blank = _blank_rows(df) & ~cut & ~over
    problems = []
    if cut.any():
        rows = df.index[cut]
        cols = [cells[broken_rows[r][0]] if 0 <= broken_rows[r][0] < ncols else WHOLE_ROW for r in rows]
        problems.append(pd.DataFrame({"row": rows, "column": cols, "value": pd.NA, "rule": "unbalanced_quote"}))
    if over.any():
        first_extra = extra[over].bfill(axis=1).iloc[:, 0]
        problems.append(pd.DataFrame({"row": df.index[over], "column": WHOLE_ROW, "value": first_extra.to_numpy(),
                                      "rule": "malformed_row"}))
    bad = cut | over.to_numpy()
    _note_blank(blank, src, notes)
    keep = ~bad & ~blank.to_numpy()
    raw = RawTable(df if keep.all() else df[keep], header_row, found, df[bad] if bad.any() else df.iloc[:0], notes=notes)
    if problems:
        raw.problems = pd.concat(problems, ignore_index=True).sort_values("row", kind="stable")
    return raw


def _blank_rows(df: pd.DataFrame) -> pd.Series:
    """Rows without any value (only rows whose first cell is empty are looked at closely)."""
    if df.shape[1] == 0:
        return pd.Series(True, index=df.index)
    first_empty = df.iloc[:, 0].isna()
    if not first_empty.any():
        return first_empty
    return first_empty & df[first_empty].isna().all(axis=1).reindex(df.index, fill_value=False)


def _drop_empty_unnamed(df: pd.DataFrame) -> pd.DataFrame:
    """Without the columns that have neither a header nor any value (Excel's trailing empty columns)."""
    empty = [c for c in df.columns if str(c).startswith("Unnamed: ") and df[c].isna().all()]
    return df.drop(columns=empty) if empty else df


def _note_blank(blank: pd.Series, src: Source, notes: list[Note]) -> None:
    """A note naming the blank rows before the last row with data (trailing empty rows are not worth one)."""
    if not blank.any():
        return
    filled = blank.index[~blank.to_numpy()]
    inner = blank[blank & (blank.index < (filled.max() if len(filled) else 0))]
    if len(inner):
        rows = ", ".join(map(str, inner.index[:10])) + (" …" if len(inner) > 10 else "")
        notes.append(Note("blank_rows", {"file": src.path.name, "n": len(inner), "rows": rows}))


# ---- XLSX and Parquet


def _nip_headers(table: C.Table | None) -> set[str]:
    """Header keys that name a NIP column of the table."""
    if table is None:
        return set()
    return {k for k, v in C.header_map(table).items() if table.column(v).kind == "nip"}


def _numeric_cell(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _cell_text(v: object) -> str | None:
    """An XLSX cell as text: numbers without a spurious `.0`, dates as 2025-11-17."""
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, dt.datetime):
        day = f"{v.year:04d}-{v.month:02d}-{v.day:02d}"
        return day if v.time() == dt.time() else f"{day} {v:%H:%M:%S}"
    if isinstance(v, dt.date):
        return f"{v.year:04d}-{v.month:02d}-{v.day:02d}"
    return str(v)


def _lacks_required(cells: list[str], table: C.Table) -> bool:
    """Whether a header (its cells) misses a required column of the table (the contract's header map, as
    `coerce.normalise_headers` reads it)."""
    hmap = C.header_map(table)
    present = {hmap.get(C.header_key(c)) for c in cells}
    return any(col.required and col.name not in present for col in table.columns)


def _sheet_rows(ws: object, first: int, width: int) -> Iterator[tuple[int, tuple]]:
    """(spreadsheet row, cells) of every row from row `first` down to Excel's last row, `width` cells each (what lies
    right of them is never read)."""
    rows = ws.iter_rows(min_row=first, max_row=limits.MAX_SHEET_ROWS, max_col=width, values_only=True)  # type: ignore[attr-defined]
    yield from enumerate(rows, first)


def _read_xlsx(src: Source, table: C.Table | None) -> RawTable:
    """A sheet: header row found among the top rows, then read only as wide as the header (`limits`), cells as text,
    numeric cells of NIP columns remembered. A header without a required column stops the read there (the caller
    names the column)."""
    import openpyxl

    where = src.describe()
    limits.check_workbook(src.path)
    with open(src.path, "rb") as fh:
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        try:
            ws = wb[src.sheet] if src.sheet else wb.worksheets[0]
            ws.reset_dimensions()  # some writers record a wrong sheet size
            top = [[_cell_text(v) or "" for v in r] for r in ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)]
            header = _pick_header([(k, cells, "") for k, cells in enumerate(top)], table)
            if header is None:
                raise LoadError(f"{where}: berkas kosong, tidak ada header (empty file)")
            width = max((j + 1 for j, c in enumerate(header.cells) if c.strip()), default=0)
            limits.check_width(width, where)
            cells = _unique_headers(header.cells[:width])
            if table is not None and _lacks_required(cells, table):
                return RawTable(pd.DataFrame(columns=cells), header.index + 1, header.found)
            numbers, body = [], []
            for row, values in _sheet_rows(ws, header.index + 2, width):
                if any(v is not None for v in values):
                    numbers.append(row)
                    body.append(values)
                    if len(body) % 10_000 == 0:
                        limits.check_cells(len(body), width, where)
            limits.check_cells(len(body), width, where)
        finally:
            wb.close()
    nip_like = _nip_headers(table)
    index = pd.Index(numbers, dtype=np.int64)
    columns, numeric = {}, {}
    for j, name in enumerate(cells):
        values = [r[j] for r in body]
        columns[name] = pd.Series([_cell_text(v) for v in values], index=index, dtype="str")
        if C.header_key(name) in nip_like:
            numeric[name] = np.array([_numeric_cell(v) for v in values], dtype=bool)
    df = _drop_empty_unnamed(pd.DataFrame(columns, index=index))
    notes: list[Note] = []
    if numbers:     # the blank rows between the header and the last row with data
        span = pd.RangeIndex(header.index + 2, numbers[-1] + 1)
        _note_blank(pd.Series(~span.isin(numbers), index=span), src, notes)
    if header.index:
        notes.append(Note("header_row", {"file": src.path.name, "row": header.index + 1}))
    numeric = {c: pd.Series(m, index=df.index) for c, m in numeric.items() if m.any()}
    return RawTable(df, header.index + 1, header.found, df.iloc[:0], numeric=numeric, notes=notes)


def _read_parquet(src: Source, table: C.Table | None) -> RawTable:
    """A Parquet file: typed columns as they are, rows numbered from 2; a float NIP column is numbers."""
    df = pd.read_parquet(src.path)
    df.index = pd.RangeIndex(2, len(df) + 2)
    nip_like = _nip_headers(table)
    numeric = {c: df[c].notna() for c in df.columns
               if C.header_key(c) in nip_like and pd.api.types.is_float_dtype(df[c])}
    return RawTable(df, numeric=numeric)
