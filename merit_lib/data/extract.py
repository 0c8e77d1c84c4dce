"""Files → typed, validated tables plus a validation report (DESIGN §3): the orchestration.

`load_extract(path)` reads a folder of CSV/XLSX/Parquet files (base name = table name) or one XLSX workbook with a
sheet per table. Rows that break a rule are rejected, never dropped silently: each one is listed in the
`ValidationReport` with its table, spreadsheet row, column and rule. The steps live beside this module:

- `merit_lib.data.sources`: finding the files, reading each as a raw table (encodings, separators, header row,
  quotes, row numbers);
- `merit_lib.data.coerce`: headers → contract columns, cells → typed columns;
- `merit_lib.data.validation`: row rules and the `ValidationReport`.

Every public name of those modules that callers used from here is still importable from here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from merit_lib.data.coerce import (
    DATE_FORMATS,
    DATE_MAX,
    DATE_MIN,
    coerce,
    nip_text,
    normalise_headers,
    parse_dates,
    parse_numbers,
    predikat_from_nilai,
    skp_from_nilai,
)
from merit_lib.data.sources import (
    CHUNK_BYTES,
    HEAD_BYTES,
    HEADER_SEARCH_ROWS,
    MAX_RECORD_LINES,
    NOTES,
    OLD_EXCEL,
    READABLE,
    SEPARATORS,
    SPARE_FIELDS,
    WHOLE_ROW,
    WHY,
    LoadError,
    Note,
    RawTable,
    Source,
    find_sources,
    is_temporary,
    read_raw,
    read_table,
    sha256,
)
from merit_lib.data.validation import (
    ISSUE_COLUMNS,
    STRUCTURE_RULES,
    ValidationReport,
    child_issues,
    code_issues,
    finish_issues,
    flatten,
    future_dates,
    nip_not_text,
    schema_issues,
    structure_issues,
    validate_kinerja,
    validate_pegawai,
)
from merit_lib.domain import contract as C

__all__ = [
    "CHUNK_BYTES", "DATE_FORMATS", "DATE_MAX", "DATE_MIN", "HEAD_BYTES", "HEADER_SEARCH_ROWS", "ISSUE_COLUMNS",
    "MAX_RECORD_LINES", "NOTES", "OLD_EXCEL", "READABLE", "SEPARATORS", "SPARE_FIELDS", "STRUCTURE_RULES", "WHOLE_ROW",
    "WHY", "Extract", "LoadError", "Note", "RawTable", "Source", "ValidationReport", "coerce", "find_sources",
    "is_temporary", "load_extract", "nip_not_text", "normalise_headers", "parse_dates", "parse_numbers", "read_raw",
    "read_table", "sha256", "skp_from_nilai", "validate_pegawai",
]


@dataclass
class Extract:
    """The accepted rows of each table (with `_row`, their spreadsheet row) and the validation report."""

    tables: dict[str, pd.DataFrame]
    report: ValidationReport
    sources: dict[str, Source]
    fingerprints: dict[str, str]  # SHA-256 of each input, keyed by `Source.describe()` (its path)

    @property
    def pegawai(self) -> pd.DataFrame:
        return self.tables["pegawai"]

    @property
    def profiling(self) -> pd.DataFrame:
        return self.tables["profiling"]

    @property
    def kinerja(self) -> pd.DataFrame:
        return self.tables["kinerja"]

    @property
    def riwayat_jabatan(self) -> pd.DataFrame:
        return self.tables["riwayat_jabatan"]

    @property
    def content_fingerprints(self) -> dict[str, str]:
        """Each input's SHA-256 keyed by table, file base name and sheet (`pegawai:pegawai.csv`), never the folder."""
        return {src.content_key(): self.fingerprints[src.describe()] for src in self.sources.values()}

    def fingerprint(self) -> str:
        """One short hash over every input file's name and SHA-256, printed on every report page.

        The same files give the same fingerprint wherever they lie (`fingerprints` is keyed by full path, for the
        manifest's per-file listing; this hash uses `content_fingerprints`)."""
        joined = "".join(f"{k}:{v}" for k, v in sorted(self.content_fingerprints.items()))
        return hashlib.sha256(joined.encode()).hexdigest()[:12]


@dataclass
class _Read:
    """One table after reading, header matching and typing."""

    typed: pd.DataFrame
    rows_read: int
    found: list[pd.DataFrame]
    not_text: pd.Series
    broken_nips: pd.Series
    notes: list[Note]


def _read_one(name: str, src: Source) -> _Read:
    """Read, rename, type and check one table (rules that need only this table)."""
    spec = C.TABLES[name]
    raw = read_table(src, spec)
    df, rename = normalise_headers(raw, spec, src)
    if df.empty and raw.broken.empty:
        raise LoadError(f"{src.describe()}: tabel {name} tidak berisi baris data (no data rows)")
    stats = {"control": 0}
    df, found = coerce(df, spec, stats)
    numeric = next((m for h, m in raw.numeric.items() if rename.get(h) == "nip"), None)
    not_text, f = nip_not_text(name, df, numeric)
    found = [structure_issues(name, raw, rename), *found, *f, *schema_issues(df, spec), *code_issues(name, df, spec)]
    nip_header = next((h for h, c in rename.items() if c == "nip"), None)
    broken_nips = (nip_text(raw.broken[nip_header]) if nip_header in raw.broken.columns
                   else pd.Series(dtype="string"))
    notes = list(raw.notes)
    if stats["control"]:
        notes.append(Note("control_chars", {"table": name, "n": stats["control"]}))
    return _Read(df, raw.rows_read, found, not_text, broken_nips, notes)


def load_extract(path: Path | str, today: dt.date | None = None, lang: str = "id") -> Extract:
    """Read, type and validate an extract; rejected rows go to `extract.report`, the rest to `extract.tables`.

    Each table's `_row` is the spreadsheet row of the record (see `merit_lib.data.sources` for title rows, blank
    rows and multi-line CSV records)."""
    today_ts = pd.Timestamp(today or dt.date.today())
    sources = find_sources(path)
    read = {name: _read_one(name, src) for name, src in sources.items()}
    typed = {name: r.typed for name, r in read.items()}
    found = [f for r in read.values() for f in r.found]

    found += validate_pegawai(typed["pegawai"], today_ts, read["pegawai"].not_text)
    predikat_from_nilai(typed["kinerja"])
    found += validate_kinerja(typed["kinerja"])
    found += future_dates("profiling", typed["profiling"], ("tanggal_asesmen",), today_ts)
    found += future_dates("riwayat_jabatan", typed["riwayat_jabatan"], ("tanggal",), today_ts)

    issues = flatten(found)
    not_text = {name: r.not_text for name, r in read.items()}
    issues = flatten([issues, *child_issues(typed, issues, not_text, read["pegawai"].broken_nips)])
    issues = finish_issues(issues, lang)

    tables = {}
    for name, df in typed.items():
        rejected = set(issues.loc[issues["table"] == name, "row"].astype(int))
        kept = df.loc[~df.index.isin(rejected)] if rejected else df.copy(deep=False)  # copy-on-write: `df` stays as is
        kept.insert(0, "_row", np.asarray(kept.index, dtype=np.int64))
        tables[name] = kept.reset_index(drop=True)
    report = ValidationReport(issues, {n: read[n].rows_read for n in C.TABLES if n in read},
                              {n: s.describe() for n, s in sources.items()},
                              [note.text(lang) for r in read.values() for note in r.notes])
    prints = {s.describe(): sha256(s.path) for s in sources.values()}
    return Extract(tables, report, sources, prints)
