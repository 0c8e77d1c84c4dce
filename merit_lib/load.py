"""Files → typed, validated tables plus a validation report (DESIGN §3).

`load_extract(path)` reads a folder of CSV/XLSX/Parquet files (base name = table name) or one XLSX
workbook with a sheet per table. Rows that break a rule are rejected, never dropped silently:
each one is listed in the `ValidationReport` with its table, spreadsheet row, column and rule.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.compute as pc

from . import contract as C
from .nip import mask, parse_nip, per_value
from .text import label, rule_message

READABLE = (".csv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq")
ISSUE_COLUMNS = ["table", "row", "column", "value", "rule", "message"]


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


def sha256(path: Path) -> str:
    """SHA-256 of a file, for the audit trail."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------- finding and reading


def find_sources(path: Path | str) -> dict[str, Source]:
    """Locate each table in a folder of files or in one XLSX workbook."""
    path = Path(path)
    if not path.exists():
        raise LoadError(f"{path}: tidak ditemukan (no such file or folder)")
    wanted = {C.header_key(t): t for t in C.TABLES}
    found: dict[str, Source] = {}
    if path.is_file():
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            raise LoadError(f"{path}: satu berkas harus berupa buku kerja XLSX dengan satu sheet per tabel")
        for sheet in _sheet_names(path):
            table = wanted.get(C.header_key(sheet))
            if table:
                found[table] = Source(table, path, sheet)
    else:
        for f in sorted(path.iterdir()):
            table = wanted.get(C.header_key(f.stem))
            if table and f.suffix.lower() in READABLE and f.is_file():
                if table in found:
                    raise LoadError(f"{path}: tabel {table} ada di dua berkas: {found[table].path.name} dan {f.name}")
                found[table] = Source(table, f)
    missing = [t for t, spec in C.TABLES.items() if spec.required and t not in found]
    if missing:
        where = "sheet" if path.is_file() else "berkas"
        raise LoadError(f"{path}: {where} untuk tabel {', '.join(missing)} tidak ditemukan "
                        f"(nama berkas/sheet = nama tabel, mis. pegawai.csv)")
    return found


def _sheet_names(path: Path) -> list[str]:
    try:
        return pd.ExcelFile(path, engine="openpyxl").sheet_names
    except Exception as exc:  # noqa: BLE001 - any reader failure is the user's unreadable file
        raise LoadError(f"{path}: tidak dapat dibaca sebagai XLSX ({type(exc).__name__}: {exc})") from exc


def _sniff_sep(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def read_raw(src: Source) -> pd.DataFrame:
    """Read one table as it is in the file (CSV cells as text); errors name the file and why."""
    suffix = src.path.suffix.lower()
    try:
        if suffix in (".parquet", ".pq"):
            df = pd.read_parquet(src.path)
        elif suffix in (".xlsx", ".xlsm"):
            df = pd.read_excel(src.path, sheet_name=src.sheet or 0, dtype=str, engine="openpyxl")
        else:
            if src.path.stat().st_size == 0:
                raise LoadError(f"{src.describe()}: berkas kosong (empty file)")
            df = None
            for enc in ("utf-8-sig", "cp1252"):
                try:
                    with open(src.path, encoding=enc) as fh:
                        sep = _sniff_sep(fh.readline())
                    df = pd.read_csv(src.path, sep=sep, dtype=str, encoding=enc, keep_default_na=False,
                                     na_values=[""], skipinitialspace=True)
                    break
                except UnicodeDecodeError:
                    continue
            if df is None:
                raise LoadError(f"{src.describe()}: pengodean teks tidak dikenal (not UTF-8 or Windows-1252)")
    except LoadError:
        raise
    except Exception as exc:  # noqa: BLE001 - the message says which file and why
        raise LoadError(f"{src.describe()}: tidak dapat dibaca ({type(exc).__name__}: {exc})") from exc
    if df.shape[1] == 0:
        raise LoadError(f"{src.describe()}: berkas kosong, tidak ada header (empty file)")
    return df.reset_index(drop=True)


def normalise_headers(raw: pd.DataFrame, table: C.Table, src: Source) -> pd.DataFrame:
    """Rename headers to canonical names via aliases; a missing required column is a LoadError."""
    hmap = C.header_map(table)
    rename: dict[str, str] = {}
    for h in raw.columns:
        key = C.header_key(h)
        rename[h] = hmap.get(key) or (re.sub(r"[^0-9a-z]+", "_", str(h).strip().lower()).strip("_") or str(h))
    df = raw.rename(columns=rename)
    df = df.loc[:, ~df.columns.duplicated()]
    unmatched = [str(h) for h in raw.columns if rename[h] not in table.names]
    for col in table.columns:
        if col.required and col.name not in df.columns:
            close = difflib.get_close_matches(C.header_key(col.name), [C.header_key(u) for u in unmatched], n=1, cutoff=0.5)
            hint = next((u for u in unmatched if close and C.header_key(u) == close[0]), None)
            found = f"header terdekat yang ditemukan: '{hint}'" if hint else "header yang ada: " + ", ".join(map(str, raw.columns))
            raise LoadError(f"{src.describe()}: kolom wajib '{col.name}' tidak ada di tabel {table.name} ({found})")
    for col in table.columns:
        if col.name not in df.columns:
            df[col.name] = pd.NA
    return df


# --------------------------------------------------------------------------- typing


#: every character Python's `str.isspace()` / regex `\s` treats as white space, except the plain space
#: (pyarrow's utf8_trim_whitespace strips this same set)
_WS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: a cell that `strip` + collapsing `\s+` would change: other white space, a double space, a space at either end.
#: No `\s`, which pyarrow's RE2 reads differently; the end of the text is `$` in RE2, `\Z` in Python's `re`.
_UNTIDY_RE2 = f"[{_WS}]|  |^ | $"
_UNTIDY_PY = f"[{_WS}]|  |^ | \\Z"


def _arrow(s: pd.Series) -> pa_arrow.ChunkedArray | None:
    return s.array.__arrow_array__() if isinstance(s.array, pd.arrays.ArrowStringArray) else None


def _surely_tidy(s: pd.Series) -> bool:
    """True when no cell of a text column has white space to strip or collapse.

    Looks at the column's UTF-8 bytes in one go (no control byte, no non-ASCII byte: so no white space
    but the plain space; no two spaces in a row) and at each cell's ends; False only means "look cell by cell"."""
    arr = _arrow(s)
    if arr is None or arr.type not in (pa_arrow.string(), pa_arrow.large_string()):
        return False
    for chunk in arr.chunks:
        _, offsets, data = chunk.buffers()
        if data is None or len(chunk) == 0:
            continue
        width = np.int32 if chunk.type == pa_arrow.string() else np.int64
        ends = np.frombuffer(offsets, dtype=width)[chunk.offset:chunk.offset + len(chunk) + 1]
        b = np.frombuffer(data, dtype=np.uint8)[ends[0]:ends[-1]]
        if b.size and (b.min() < 32 or b.max() >= 128):
            return False
        for start in (0, 1):  # two spaces in a row = the 16-bit word 0x2020 at an even or an odd offset
            pairs = b[start:start + (b.size - start) // 2 * 2]
            if (pairs.view(np.uint16) == 0x2020).any():
                return False
    edge = pc.or_(pc.starts_with(arr, " "), pc.ends_with(arr, " "))
    return not pc.any(edge).as_py()


def _text(s: pd.Series) -> pd.Series:
    """Cells as text: stripped, inner white space collapsed to one space, empty → NA.

    Only the cells that need it go through the (slow, per-cell) Python regex; the rest are already tidy."""
    out = s.astype("string")
    if _surely_tidy(out):
        return out.mask(out == "")
    arr = _arrow(out)
    if arr is not None:
        hit = pc.match_substring_regex(arr, _UNTIDY_RE2).fill_null(False)
        untidy = pd.Series(hit.to_numpy(zero_copy_only=False), index=out.index)
    else:  # text held as Python strings (pandas' string_storage="python")
        untidy = out.str.contains(_UNTIDY_PY, regex=True).fillna(False).astype(bool)
    if untidy.any():
        out = out.copy()
        out[untidy] = out[untidy].str.strip().str.replace(r"\s+", " ", regex=True)
    return out.mask(out == "")


def _nip_text(s: pd.Series, txt: pd.Series | None = None) -> pd.Series:
    out = _text(s) if txt is None else txt
    if out.str.endswith(".0").any():  # (the checks are much cheaper than a replace that changes nothing)
        out = out.str.replace(r"\.0$", "", regex=True)
    if out.str.contains(" ", regex=False).any():
        out = out.str.replace(" ", "", regex=False)
    return out


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d")


def _dates_from_text(txt: pd.Series) -> pd.Series:
    out = pd.Series(pd.NaT, index=txt.index, dtype="datetime64[ns]")
    for fmt in DATE_FORMATS:  # each format only on the cells no earlier format could read
        todo = out.isna() & txt.notna()
        if not todo.any():
            break
        out[todo] = pd.to_datetime(txt[todo], format=fmt, errors="coerce")
    return out


def parse_dates(s: pd.Series, txt: pd.Series | None = None) -> pd.Series:
    """Dates written as 2025-11-17, 17/11/2025 or 17-11-2025 (or already dates) → datetime64."""
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.dt.tz_localize(None).dt.normalize() if getattr(s.dt, "tz", None) else s.dt.normalize()
    out = per_value(_text(s) if txt is None else txt, _dates_from_text)
    out.name = None
    return out


def _numbers_from_text(txt: pd.Series) -> pd.Series:
    return pd.to_numeric(txt.str.replace(",", ".", regex=False), errors="coerce").astype("float64")


def _is_number(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def parse_numbers(s: pd.Series, txt: pd.Series | None = None) -> pd.Series:
    """Numbers with a decimal point or a decimal comma (or already numbers) → float."""
    if _is_number(s):
        return s.astype("float64")
    return per_value(_text(s) if txt is None else txt, _numbers_from_text)


def _enum(s: pd.Series, values: tuple[str, ...], txt: pd.Series | None = None) -> pd.Series:
    lookup = {re.sub(r"[\s_\-/.]", "", k): v for k, v in C.enum_lookup(values).items()}

    def canonical(txt: pd.Series) -> pd.Series:
        keys = txt.str.lower().str.replace(r"[\s_\-/.]", "", regex=True)
        mapped = keys.map(lookup)
        return mapped.where(mapped.notna(), txt).astype("string")  # unknown values stay, for the enum check

    return per_value(_text(s) if txt is None else txt, canonical)


def _issues(table: str, rows: pd.Index, column: str, values: pd.Series | None, rule: str) -> pd.DataFrame:
    vals = values.loc[rows].astype("string") if values is not None else pd.Series(pd.NA, index=rows, dtype="string")
    return pd.DataFrame({"table": table, "row": rows.to_numpy() + 2, "column": column,
                         "value": vals.to_numpy(), "rule": rule})


def coerce(df: pd.DataFrame, table: C.Table) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    """Give each contract column its type; unreadable or missing-but-required cells become issues."""
    out = df.copy(deep=False)  # every column is replaced below (copy-on-write keeps `df` as it was)
    found: list[pd.DataFrame] = []
    for col in table.columns:
        raw = df[col.name]
        if pd.api.types.is_datetime64_any_dtype(raw):
            present, txt = raw, None
        elif col.kind in ("int", "float") and _is_number(raw):
            # already numbers (Parquet): the text of a number is never empty, so only the unreadable
            # cells (an int column holding 2.5) need their text, for the report
            present, txt = None, None
        else:
            present = txt = _text(raw)
        if col.kind == "nip":
            typed = _nip_text(raw, txt)
        elif col.kind == "text":
            typed = txt if txt is not None else _text(raw)
        elif col.kind == "enum":
            typed = _enum(raw, col.values, txt)
        elif col.kind == "date":
            typed = parse_dates(raw, txt)
        else:
            typed = parse_numbers(raw, txt)
            if col.kind == "int":
                frac = typed.notna() & (typed % 1 != 0)
                typed = typed.mask(frac)
                typed = typed.astype("Int64")
        has_value = present.notna() if present is not None else raw.notna()
        bad = has_value & pd.Series(typed, index=df.index).isna()
        if bad.any():
            values = present if present is not None else _text(raw[bad].astype("string"))
            found.append(_issues(table.name, df.index[bad], col.name, values.astype("string"), "invalid_type"))
        if not col.nullable:
            empty = ~has_value
            if empty.any():
                found.append(_issues(table.name, df.index[empty], col.name, None, "required"))
        out[col.name] = typed
    for extra in [c for c in df.columns if c not in table.names]:
        out[extra] = _text(df[extra])
    return out, found


# --------------------------------------------------------------------------- validation


def _schema_issues(df: pd.DataFrame, table: C.Table) -> list[pd.DataFrame]:
    """Enumeration and range checks through the contract's pandera schema."""
    try:
        # pandera stays the definition of these checks (C.schema); on a typed million-row table it costs ~1 s.
        # inplace=True spares it a deep copy of the table: the schema does not coerce, so nothing is changed.
        C.schema(table).validate(df.copy(deep=False), lazy=True, inplace=True)
        return []
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
        fc = fc[fc["index"].notna() & fc["column"].isin(table.names)]
        found = []
        for (column, check), grp in fc.groupby(["column", "check"]):
            rule = "enum" if ("isin" in str(check) or str(check).startswith("enum")) else "range"
            idx = pd.Index(grp["index"].astype(int).unique())
            found.append(_issues(table.name, idx, column, df.loc[idx, column].astype("string"), rule))
        return found


def _rows(table: str, df: pd.DataFrame, mask_: pd.Series, column: str, rule: str,
          values: pd.Series | Callable[[pd.Series], pd.Series] | None = None) -> list[pd.DataFrame]:
    """Issues for the rows in `mask_`; `values` may be a function of the mask that gives only those rows' values."""
    mask_ = mask_.fillna(False).astype(bool)
    if not mask_.any():
        return []
    vals = values(mask_) if callable(values) else values
    if vals is None:
        vals = df[column] if column in df else None
    return [_issues(table, df.index[mask_], column, vals, rule)]


def _iso(col: pd.Series) -> Callable[[pd.Series], pd.Series]:
    """The dates of the masked rows as text (formatting a million dates nobody reads is slow)."""
    return lambda m: col[m].dt.strftime("%Y-%m-%d")


def _future(table: str, df: pd.DataFrame, cols: tuple[str, ...], today: pd.Timestamp) -> list[pd.DataFrame]:
    found = []
    for c in cols:
        found += _rows(table, df, df[c] > today, c, "future_date", _iso(df[c]))
    return found


def _duplicates(table: str, df: pd.DataFrame, keys: tuple[str, ...]) -> list[pd.DataFrame]:
    complete = df[list(keys)].notna().all(axis=1)
    dup = df.duplicated(list(keys), keep="first") & complete
    if not dup.any():
        return []
    first_row = df[complete].reset_index().groupby(list(keys), dropna=True)["index"].transform("min")
    first_row.index = df.index[complete]
    first_row = first_row[dup[complete]]  # the message is only needed for the duplicates
    desc = "sama dengan baris " + (first_row + 2).astype(str) + " (" + ", ".join(keys) + ")"
    return _rows(table, df, dup, keys[0], "duplicate_key", desc)


def _isin(cols: list[pd.Series], values: pd.Series) -> list[pd.Series]:
    """`s.isin(set(values.dropna()))` for each of several long text columns.

    pandas turns every value of the set into a Python scalar first (minutes for a million NIPs);
    pyarrow's `is_in` hashes the arrays directly, once for all the columns. NA never matches."""
    values = values.dropna()
    b = _arrow(values)
    arrs = [_arrow(s) for s in cols]
    if b is None or any(a is None for a in arrs):
        return [s.isin(set(values)) for s in cols]
    if any(a.type != b.type for a in arrs):  # e.g. pegawai.csv (string) with kinerja.parquet (large_string)
        b, arrs = b.cast(pa_arrow.large_string()), [a.cast(pa_arrow.large_string()) for a in arrs]
    together = pa_arrow.chunked_array([c for a in arrs for c in a.chunks], type=b.type)
    hit = pc.is_in(together, value_set=b.combine_chunks(), skip_nulls=True).fill_null(False)
    hit = hit.to_numpy(zero_copy_only=False)
    ends = np.cumsum([0, *map(len, cols)])
    return [pd.Series(hit[lo:hi], index=s.index) for s, lo, hi in zip(cols, ends[:-1], ends[1:])]


def validate_pegawai(df: pd.DataFrame, today: pd.Timestamp) -> list[pd.DataFrame]:
    """Row rules of `pegawai`: NIP structure and cross-checks, duplicates, golongan, eselon, dates."""
    t = "pegawai"
    p = parse_nip(df["nip"], today=today.date())
    found = []
    for rule, grp in p[~p["nip_valid"] & df["nip"].notna()].groupby("nip_rule"):
        found.append(_issues(t, grp.index, "nip", df["nip"], str(rule)))
    ok = p["nip_valid"]
    found += _rows(t, df, ok & df["tanggal_lahir"].notna() & (df["tanggal_lahir"] != p["nip_tanggal_lahir"]),
                   "tanggal_lahir", "nip_birth_mismatch", _iso(df["tanggal_lahir"]))
    found += _rows(t, df, ok & df["jenis_kelamin"].isin(["L", "P"]) & (df["jenis_kelamin"] != p["nip_jenis_kelamin"]),
                   "jenis_kelamin", "nip_gender_mismatch")
    found += _duplicates(t, df, ("nip",))
    wrong_gol = ((df["status_kepegawaian"] == "PNS") & df["golongan"].isin(C.GOLONGAN_PPPK)) | (
        (df["status_kepegawaian"] == "PPPK") & df["golongan"].isin(C.GOLONGAN_PNS))
    found += _rows(t, df, wrong_gol, "golongan", "golongan_status")
    structural = df["jenis_jabatan"].isin(list(C.ESELON_OF_JENIS))
    found += _rows(t, df, structural & df["eselon"].isna(), "eselon", "eselon_required", df["jenis_jabatan"])
    allowed = [f"{j}|{e}" for j, es in C.ESELON_OF_JENIS.items() for e in es]
    pair = df["jenis_jabatan"].fillna("") + "|" + df["eselon"].fillna("")
    mismatch = df["eselon"].isin(C.ESELON) & ~pair.isin(allowed)
    found += _rows(t, df, mismatch, "eselon", "eselon_jenis")
    found += _future(t, df, ("tanggal_lahir", "tmt_jabatan", "tmt_cpns"), today)
    return found


def _flatten(found: list[pd.DataFrame]) -> pd.DataFrame:
    found = [f for f in found if len(f)]
    if not found:
        return pd.DataFrame(columns=ISSUE_COLUMNS[:-1])
    return pd.concat(found, ignore_index=True)


@dataclass
class ValidationReport:
    """Every rejected row with its table, spreadsheet row, column and rule; rows read per table."""

    issues: pd.DataFrame
    rows_read: dict[str, int]
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.issues.empty

    def rejected_rows(self, table: str) -> set[int]:
        """Spreadsheet row numbers rejected in one table."""
        return set(self.issues.loc[self.issues["table"] == table, "row"].astype(int))

    def summary(self) -> pd.DataFrame:
        """Rows read, rejected and accepted per table."""
        rej = self.issues.groupby("table")["row"].nunique()
        out = pd.DataFrame({"table": list(self.rows_read), "rows_read": list(self.rows_read.values())})
        out["rows_rejected"] = out["table"].map(rej).fillna(0).astype(int)
        out["rows_accepted"] = out["rows_read"] - out["rows_rejected"]
        return out

    def rule_counts(self) -> pd.DataFrame:
        """How many rows broke each rule, per table."""
        if self.issues.empty:
            return pd.DataFrame(columns=["table", "rule", "rows"])
        return (self.issues.groupby(["table", "rule"])["row"].nunique().rename("rows").reset_index()
                .sort_values("rows", ascending=False, kind="stable"))

    def to_csv(self, path: Path | str) -> Path:
        """Write every issue as CSV (table,row,column,value,rule,message)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.issues[ISSUE_COLUMNS].to_csv(path, index=False)
        return path

    def render(self, lang: str = "id", first: int = 10) -> str:
        """A readable text summary for the terminal."""
        lines = [self.summary().rename(columns={"table": label("table", lang), "rows_read": label("rows_read", lang),
                                                 "rows_rejected": label("rows_rejected", lang),
                                                 "rows_accepted": label("rows_accepted", lang)}).to_string(index=False)]
        if self.ok:
            lines.append(label("clean", lang))
            return "\n".join(lines)
        lines += ["", self.rule_counts().to_string(index=False), "", label("first_problems", lang) + ":"]
        for r in self.issues.head(first).itertuples():
            lines.append(f"  {r.table} {label('row', lang)} {r.row}, {r.column}: {r.message} [{r.rule}]")
        if len(self.issues) > first:
            lines.append(f"  … (+{len(self.issues) - first})")
        return "\n".join(lines)


def _finish_issues(issues: pd.DataFrame, lang: str) -> pd.DataFrame:
    if issues.empty:
        return pd.DataFrame(columns=ISSUE_COLUMNS)
    issues = issues.copy()
    nip_col = (issues["column"] == "nip") & (issues["rule"] != "duplicate_key")
    issues.loc[nip_col, "value"] = mask(issues.loc[nip_col, "value"].fillna(""))
    issues["value"] = issues["value"].astype("string").str.slice(0, 60)
    # one message per distinct (rule, column, value): a dirty national extract has hundreds of thousands of issues
    messages: dict[tuple[str, str, str], str] = {}
    texts = []
    for key in zip(issues["rule"].tolist(), issues["column"].tolist(), issues["value"].fillna("").tolist()):
        text = messages.get(key)
        if text is None:
            text = messages[key] = rule_message(key[0], lang, column=key[1], value=key[2])
        texts.append(text)
    issues["message"] = texts
    order = {t: i for i, t in enumerate(C.TABLES)}
    issues["_o"] = issues["table"].map(order)
    issues = issues.drop_duplicates(["table", "row", "column", "rule"])
    return issues.sort_values(["_o", "row", "column"], kind="stable").drop(columns="_o").reset_index(drop=True)


# --------------------------------------------------------------------------- the extract


@dataclass
class Extract:
    """The accepted rows of each table (with `_row`, their spreadsheet row) and the validation report."""

    tables: dict[str, pd.DataFrame]
    report: ValidationReport
    sources: dict[str, Source]
    fingerprints: dict[str, str]

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

    def fingerprint(self) -> str:
        """One short hash over every input file's SHA-256, printed on every report page."""
        joined = "".join(f"{k}:{v}" for k, v in sorted(self.fingerprints.items()))
        return hashlib.sha256(joined.encode()).hexdigest()[:12]


def skp_from_nilai(nilai: pd.Series) -> pd.Series:
    """Old numeric SKP (PP 46/2011) → today's predikat (Cukup → Butuh Perbaikan, Buruk → Sangat Kurang)."""
    bins = [-np.inf, 50, 60, 75, 90, np.inf]
    labels = ["Sangat Kurang", "Kurang", "Butuh Perbaikan", "Baik", "Sangat Baik"]
    return pd.cut(nilai, bins=bins, labels=labels, right=True).astype("string")


def load_extract(path: Path | str, today: dt.date | None = None, lang: str = "id") -> Extract:
    """Read, type and validate an extract; rejected rows go to `extract.report`, the rest to `extract.tables`."""
    today_ts = pd.Timestamp(today or dt.date.today())
    sources = find_sources(path)
    typed: dict[str, pd.DataFrame] = {}
    found: list[pd.DataFrame] = []
    for name, src in sources.items():
        spec = C.TABLES[name]
        df = normalise_headers(read_raw(src), spec, src)
        if df.empty:
            raise LoadError(f"{src.describe()}: tabel {name} tidak berisi baris data (no data rows)")
        df, f = coerce(df, spec)
        found += f + _schema_issues(df, spec)
        typed[name] = df

    found += validate_pegawai(typed["pegawai"], today_ts)
    k = typed["kinerja"]
    from_nilai = k["predikat"].isna() & k["nilai"].notna()
    k.loc[from_nilai, "predikat"] = skp_from_nilai(k.loc[from_nilai, "nilai"])
    k["predikat_dari_nilai"] = from_nilai
    found += _rows("kinerja", k, k["predikat"].isna() & k["nilai"].isna(), "predikat", "required")
    found += _duplicates("kinerja", k, ("nip", "tahun"))
    found += _future("profiling", typed["profiling"], ("tanggal_asesmen",), today_ts)
    found += _future("riwayat_jabatan", typed["riwayat_jabatan"], ("tanggal",), today_ts)

    issues = _flatten(found)
    peg = typed["pegawai"]
    bad_peg = set(issues.loc[issues["table"] == "pegawai", "row"].astype(int) - 2)
    child_nips = [typed[name]["nip"] for name in C.CHILD_TABLES]
    known_all = _isin(child_nips, peg["nip"])
    # when no pegawai row is rejected, every known NIP is accepted
    accepted_all = _isin(child_nips, peg.loc[~peg.index.isin(bad_peg), "nip"]) if bad_peg else known_all
    for name, known, accepted in zip(C.CHILD_TABLES, known_all, accepted_all):
        child = typed[name]
        orphan = ~known
        parent_bad = known & ~accepted
        issues = _flatten([issues, *_rows(name, child, orphan, "nip", "orphan"),
                           *_rows(name, child, parent_bad, "nip", "parent_rejected")])
    issues = _finish_issues(issues, lang)

    tables = {}
    for name, df in typed.items():
        rejected = set(issues.loc[issues["table"] == name, "row"].astype(int) - 2)
        kept = df.loc[~df.index.isin(rejected)] if rejected else df.copy(deep=False)  # copy-on-write: `df` stays as is
        kept.insert(0, "_row", kept.index + 2)
        tables[name] = kept.reset_index(drop=True)
    report = ValidationReport(issues, {n: len(typed[n]) for n in C.TABLES if n in typed},
                              {n: s.describe() for n, s in sources.items()})
    prints = {s.describe(): sha256(s.path) for s in sources.values()}
    return Extract(tables, report, sources, prints)
