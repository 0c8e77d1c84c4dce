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
from collections.abc import Mapping
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
from merit_lib.domain.language import language
from merit_lib.domain.period import Period

__all__ = [
    "CHUNK_BYTES", "DATE_FORMATS", "DATE_MAX", "DATE_MIN", "HEAD_BYTES", "HEADER_SEARCH_ROWS", "ISSUE_COLUMNS",
    "MAX_RECORD_LINES", "NOTES", "OLD_EXCEL", "READABLE", "SEPARATORS", "SPARE_FIELDS", "STRUCTURE_RULES", "WHOLE_ROW",
    "WHY", "Extract", "LoadError", "Note", "RawTable", "Source", "ValidationReport", "coerce", "find_sources",
    "is_temporary", "load_extract", "nip_not_text", "normalise_headers", "parse_dates", "parse_numbers", "read_raw",
    "read_table", "sha256", "skp_from_nilai", "validate_pegawai",
]


#: the dated columns of each table that say how far an extract reaches (`data_span`)
DATED = {"riwayat_jabatan": ("tanggal",), "profiling": ("tanggal_asesmen",), "pegawai": ("tmt_jabatan", "tmt_kedudukan_hukum")}


def _dates(table: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    parts = [pd.to_datetime(table[c], errors="coerce") for c in columns if c in table]
    parts = [p.dropna() for p in parts]
    return pd.concat(parts, ignore_index=True) if parts else pd.Series(dtype="datetime64[ns]")


def data_span(tables: Mapping[str, pd.DataFrame]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """(the first dated event of the position history, the last date any table holds); NaT where there is none."""
    history = _dates(tables["riwayat_jabatan"], DATED["riwayat_jabatan"]) if "riwayat_jabatan" in tables else None
    every = [d for name, cols in DATED.items() if name in tables for d in [_dates(tables[name], cols)] if len(d)]
    first = history.min() if history is not None and len(history) else pd.NaT
    last = max(d.max() for d in every) if every else pd.NaT
    return first, last


#: a quarter an extract can speak for: at least this share of its staff (with a known TMT CPNS) in service at its start
MIN_IN_SERVICE = 0.5


def first_staffed(tables: Mapping[str, pd.DataFrame], share: float = MIN_IN_SERVICE) -> pd.Timestamp:
    """The first day on which at least `share` of the extract's staff with a known `tmt_cpns` were in service (NaT
    without the column): an extract lists today's staff, so before that day most of a quarter's staff are missing from
    it and the rest would be counted as if they had been there."""
    peg = tables["pegawai"]
    if "tmt_cpns" not in peg:
        return pd.NaT
    tmt = pd.to_datetime(peg["tmt_cpns"], errors="coerce").dropna()
    return tmt.sort_values().iloc[int(np.ceil(share * len(tmt))) - 1] if len(tmt) else pd.NaT


def first_quarter_from(day: pd.Timestamp) -> Period:
    """The first quarter that starts on or after `day`."""
    q = Period.of(day)
    return q if q.start >= day else q.next()


def analysable(tables: Mapping[str, pd.DataFrame]) -> tuple[Period | None, Period | None]:
    """The first and last quarter an analysis of the extract may take (`analysis.door.check_period`'s rule): from the
    later of its history's first event and `first_staffed`, to the quarter of the last date it holds."""
    first, last = data_span(tables)
    staffed = first_staffed(tables)
    starts = [p for p in (Period.of(first) if pd.notna(first) else None,
                          first_quarter_from(staffed) if pd.notna(staffed) else None) if p is not None]
    begin = max(starts, key=lambda p: (p.year, p.quarter)) if starts else None
    return begin, (Period.of(last) if pd.notna(last) else None)


@dataclass
class Extract:
    """The accepted rows of each table (with `_row`, their spreadsheet row) and the validation report. In a notebook it
    shows its sizes, the period it covers and its validation summary (`_repr_html_`), never a NIP or a name."""

    tables: dict[str, pd.DataFrame]
    report: ValidationReport
    sources: dict[str, Source]
    fingerprints: dict[str, str]  # SHA-256 of each input, keyed by `Source.describe()` (its path)
    lang: str = "id"              # the language it was loaded in: its report's messages, its displays, the frames made of it

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

    def span(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """(first dated event of the position history, last date any table holds): the quarters it can speak for."""
        return data_span(self.tables)

    def overview(self, lang: str | None = None) -> pd.DataFrame:
        """Per table: rows read, rejected, accepted, and the first and last date it holds (aggregates only)."""
        from merit_lib.domain import language as L
        from merit_lib.domain import text

        lang = lang or self.lang
        out = self.report.summary()
        first, last = [], []
        for name in out["table"]:
            d = _dates(self.tables[name], DATED.get(name, ())) if name in self.tables else pd.Series(dtype="datetime64[ns]")
            first.append(L.date(d.min().date(), lang) if len(d) else "–")
            last.append(L.date(d.max().date(), lang) if len(d) else "–")
        out = out.assign(first=first, last=last)
        return out.rename(columns={c: text.t(f"api.extract_{c}", lang) for c in out.columns})

    def _lines(self, lang: str) -> list[str]:
        from merit_lib.domain import language as L
        from merit_lib.domain import text

        first, last = self.span()
        first_q, last_q = analysable(self.tables)
        sizes = ", ".join(f"{name} {L.number(len(df), lang)}" for name, df in self.tables.items())
        lines = [text.t("api.extract_sizes", lang, sizes=sizes)]
        if pd.notna(first) and pd.notna(last) and first_q is not None and last_q is not None:
            lines.append(text.t("api.extract_span", lang, first=L.date(first.date(), lang), last=L.date(last.date(), lang),
                                first_q=str(first_q), last_q=str(last_q)))
        rejected = self.report.issues["row"].groupby(self.report.issues["table"]).nunique().sum() if len(self.report.issues) else 0
        rules = self.report.rule_counts().head(3)
        top = ", ".join(f"{r.rule} {L.number(int(r.rows), lang)}" for r in rules.itertuples())
        lines.append(text.t("api.extract_clean", lang) if not rejected else
                     text.t("api.extract_rejected", lang, n=L.number(int(rejected), lang), rules=top))
        lines.append(f"{text.label('fingerprint', lang)}: {self.fingerprint()}")
        return lines

    def __repr__(self) -> str:
        """Sizes, the period covered, the validation summary and the fingerprint (never a row of a table)."""
        return "<Extract: " + "; ".join(self._lines(self.lang)) + ">"

    def _repr_html_(self) -> str:
        from merit_lib.domain import text
        from merit_lib.domain.display import block, paragraph, table

        lines = self._lines(self.lang)
        parts = [paragraph(line) for line in lines[:-1]] + [table(self.overview()), paragraph(lines[-1], small=True),
                                                             paragraph(text.t("api.extract_more", self.lang), small=True)]
        return block(text.t("api.extract_title", self.lang), parts)


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
                              [note.text(lang) for r in read.values() for note in r.notes], language(lang))
    prints = {s.describe(): sha256(s.path) for s in sources.values()}
    return Extract(tables, report, sources, prints, language(lang))
