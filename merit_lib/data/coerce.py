"""Headers → contract columns, and cells → typed columns: what a raw table becomes before its rows are checked.

Headers. `normalise_headers` renames each header to its contract column through the contract's aliases. Two
columns that both name one contract column (`NIP` and `NIP BARU`) are resolved once, with a note: same content →
the first; for the NIP, the one column holding 18-digit NIPs; otherwise the header that is exactly the column's
name; anything else is a LoadError naming both. Absent optional columns are added, all missing, with their type.

Cells. `coerce` gives each contract column its type; a cell it cannot read, or a required cell left empty, is an
issue. Text is tidied: control characters removed, white space (line breaks too) collapsed to one space. Dates
(`parse_dates`) outside 1900–2100 or not on the calendar are `date_invalid`; numbers (`parse_numbers`) take a
decimal point or a decimal comma; enumerations are matched ignoring case, spaces and punctuation; codes (OPD) are
upper-cased text. An old numeric SKP gives the kinerja predikat (`skp_from_nilai`).
"""

from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd
import pyarrow as pa_arrow
import pyarrow.compute as pc

from merit_lib.data.sources import HEADER_SEARCH_ROWS, LoadError, Note, RawTable, Source
from merit_lib.domain import contract as C
from merit_lib.domain.nip import per_value

# --------------------------------------------------------------------------- headers


def _snake(header: object) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(header).strip().lower()).strip("_") or str(header)


def _eighteen_digits(s: pd.Series) -> float:
    """Share of a column's non-empty cells that are 18 digits."""
    t = s.astype("string").str.strip().dropna()
    return float(t.str.fullmatch(r"\d{18}").mean()) if len(t) else 0.0


def _choose_column(canonical: str, headers: list[str], frame: pd.DataFrame, table: C.Table, src: Source
                   ) -> tuple[str, str]:
    """Which of several headers that all name `canonical` to use, and why.

    Same content: the first. A NIP: the one column whose cells are mostly 18 digits (`NIP BARU` beside an old
    9-digit `NIP`). Otherwise the header that is exactly the column's name. Anything else is a LoadError naming
    them all: guessing would silently analyse the wrong column."""
    first = frame[headers[0]]
    if all(first.equals(frame[h]) for h in headers[1:]):
        return headers[0], "same"
    if table.column(canonical).kind == "nip":
        full = [h for h in headers if _eighteen_digits(frame[h]) >= 0.5]
        if len(full) == 1:
            return full[0], "18_digits"
    exact = [h for h in headers if C.header_key(h) == C.header_key(canonical)]
    if len(exact) == 1 and table.column(canonical).kind != "nip":
        return exact[0], "exact"
    names = " dan ".join(f"'{h}'" for h in headers)
    raise LoadError(f"{src.describe()}: kolom {names} sama-sama dibaca sebagai '{canonical}' dan isinya berbeda; hapus atau "
                    f"ganti nama salah satunya (several columns map to '{canonical}' with different content)")


def normalise_headers(raw: RawTable, table: C.Table, src: Source) -> tuple[pd.DataFrame, dict[str, str]]:
    """Rename headers to canonical names via aliases; a missing required column is a LoadError.

    Returns the table and the header → column-name map. Absent optional columns are added, all missing."""
    hmap = C.header_map(table)
    rename: dict[str, str] = {}
    claims: dict[str, list[str]] = {}
    for h in raw.frame.columns:
        canonical = hmap.get(C.header_key(h))
        if canonical:
            claims.setdefault(canonical, []).append(h)
        else:
            rename[h] = _snake(h)
    drop = []
    for canonical, headers in claims.items():
        chosen = headers[0]
        if len(headers) > 1:
            chosen, why = _choose_column(canonical, headers, raw.frame, table, src)
            ignored = ", ".join(f"'{h}'" for h in headers if h != chosen)
            raw.notes.append(Note("column_choice", {"file": src.path.name, "used": chosen, "column": canonical,
                                                    "why": why, "ignored": ignored}))
            drop += [h for h in headers if h != chosen]
        rename[chosen] = canonical
    df = raw.frame.drop(columns=drop).rename(columns=rename)
    df = df.loc[:, ~df.columns.duplicated()]
    unmatched = [str(h) for h in raw.frame.columns if rename.get(h) not in table.names]
    for col in table.all_columns:
        if col.required and col.name not in df.columns:
            raise LoadError(_missing_column(col.name, unmatched, list(raw.frame.columns), raw, table, src))
    for col in table.all_columns:
        if col.name not in df.columns:
            df[col.name] = pd.NA
    return df, rename


def _missing_column(name: str, unmatched: list[str], headers: list[str], raw: RawTable, table: C.Table, src: Source) -> str:
    """The message for a missing required column: the closest header found and which row was read as the header."""
    close = difflib.get_close_matches(C.header_key(name), [C.header_key(u) for u in unmatched], n=1, cutoff=0.5)
    hint = next((u for u in unmatched if close and C.header_key(u) == close[0]), None)
    found = f"header terdekat yang ditemukan: '{hint}'" if hint else "header yang ada: " + ", ".join(map(str, headers))
    msg = f"{src.describe()}: kolom wajib '{name}' tidak ada di tabel {table.name} ({found})"
    if not raw.header_found:
        msg += (f"; tidak ada baris di {HEADER_SEARCH_ROWS} baris pertama yang memuat nama kolom tabel {table.name}, "
                f"baris {raw.header_row} yang paling mirip header dipakai (no header row recognised)")
    elif raw.header_row != 1:
        msg += f"; header dibaca dari baris {raw.header_row}"
    return msg


# --------------------------------------------------------------------------- typing


#: every character Python's `str.isspace()` / regex `\s` treats as white space, except the plain space
#: (pyarrow's utf8_trim_whitespace strips this same set)
_WS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: control characters that are no white space (C0, DEL, C1): removed from text (openpyxl refuses to write them).
#: Written as escapes, which both pyarrow's RE2 and Python's `re` read.
CONTROL_CHARS = "\\x00-\\x08\\x0e-\\x1b\\x7f-\\x84\\x86-\\x9f"
#: a cell that `strip` + collapsing `\s+` would change: other white space, a double space, a space at either end.
#: No `\s`, which pyarrow's RE2 reads differently; the end of the text is `$` in RE2, `\Z` in Python's `re`.
_UNTIDY_RE2 = f"[{_WS}{CONTROL_CHARS}]|  |^ | $"
_UNTIDY_PY = f"[{_WS}{CONTROL_CHARS}]|  |^ | \\Z"


def arrow_strings(s: pd.Series) -> pa_arrow.ChunkedArray | None:
    """The pyarrow array behind a text column (None when its text is held as Python strings)."""
    return s.array.__arrow_array__() if isinstance(s.array, pd.arrays.ArrowStringArray) else None


def _surely_tidy(s: pd.Series) -> bool:
    """True when no cell of a text column has white space to strip or collapse.

    Looks at the column's UTF-8 bytes in one go (no control byte or DEL, no non-ASCII byte: so no white space
    but the plain space; no two spaces in a row) and at each cell's ends; False only means "look cell by cell"."""
    arr = arrow_strings(s)
    if arr is None or arr.type not in (pa_arrow.string(), pa_arrow.large_string()):
        return False
    for chunk in arr.chunks:
        _, offsets, data = chunk.buffers()
        if data is None or len(chunk) == 0:
            continue
        width = np.int32 if chunk.type == pa_arrow.string() else np.int64
        ends = np.frombuffer(offsets, dtype=width)[chunk.offset:chunk.offset + len(chunk) + 1]
        b = np.frombuffer(data, dtype=np.uint8)[ends[0]:ends[-1]]
        if b.size and (b.min() < 32 or b.max() >= 127):
            return False
        for start in (0, 1):  # two spaces in a row = the 16-bit word 0x2020 at an even or an odd offset
            pairs = b[start:start + (b.size - start) // 2 * 2]
            if (pairs.view(np.uint16) == 0x2020).any():
                return False
    edge = pc.or_(pc.starts_with(arr, " "), pc.ends_with(arr, " "))
    return not pc.any(edge).as_py()


def _text(s: pd.Series, stats: dict[str, int] | None = None) -> pd.Series:
    """Cells as text: control characters removed, stripped, inner white space collapsed to one space, empty → NA.

    Only the cells that need it go through the (slow, per-cell) regex; the rest are already tidy. `stats["control"]`
    (when given) counts the cells that held a control character."""
    out = s.astype("string")
    if _surely_tidy(out):
        return out.mask(out == "")
    arr = arrow_strings(out)
    if arr is not None:
        hit = pc.match_substring_regex(arr, _UNTIDY_RE2).fill_null(False)
        untidy = pd.Series(hit.to_numpy(zero_copy_only=False), index=out.index)
    else:  # text held as Python strings (pandas' string_storage="python")
        untidy = out.str.contains(_UNTIDY_PY, regex=True).fillna(False).astype(bool)
    if untidy.any():
        out = out.copy()
        cells = out[untidy]
        if stats is not None:
            stats["control"] = stats.get("control", 0) + int(cells.str.contains(f"[{CONTROL_CHARS}]", regex=True).sum())
        cells = cells.str.replace(f"[{CONTROL_CHARS}]", "", regex=True).str.replace(f"[{_WS} ]+", " ", regex=True)
        out[untidy] = cells.str.strip(" ")
    return out.mask(out == "")


def nip_text(s: pd.Series, txt: pd.Series | None = None) -> pd.Series:
    """NIPs as text: tidied, without a trailing `.0` or inner spaces (`txt`: the column already tidied)."""
    out = _text(s) if txt is None else txt
    if out.str.endswith(".0").any():  # (the checks are much cheaper than a replace that changes nothing)
        out = out.str.replace(r"\.0$", "", regex=True)
    if out.str.contains(" ", regex=False).any():
        out = out.str.replace(" ", "", regex=False)
    return out


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d")
#: the dates accepted at all (a 0001-01-01 or 9999-12-31 placeholder is no date; it also does not fit datetime64[ns])
DATE_MIN, DATE_MAX = pd.Timestamp("1900-01-01"), pd.Timestamp("2100-12-31")
#: text shaped like a date (digits and separators): when it cannot be read, the rule is `date_invalid`
_DATE_SHAPE = r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T].*)?"


def _in_range(d: pd.Series) -> pd.Series:
    """Dates outside DATE_MIN–DATE_MAX → NaT, then datetime64[ns] (any input resolution)."""
    outside = (d < DATE_MIN) | (d > DATE_MAX)
    if outside.any():
        d = d.mask(outside)
    return d if d.dtype == "datetime64[ns]" else d.astype("datetime64[ns]")


def _dates_from_text(txt: pd.Series) -> pd.Series:
    out = pd.Series(pd.NaT, index=txt.index, dtype="datetime64[ns]")
    for fmt in DATE_FORMATS:  # each format only on the cells no earlier format could read
        todo = out.isna() & txt.notna()
        if not todo.any():
            break
        out[todo] = _in_range(pd.to_datetime(txt[todo], format=fmt, errors="coerce"))
    return out


def parse_dates(s: pd.Series, txt: pd.Series | None = None) -> pd.Series:
    """Dates written as 2025-11-17, 17/11/2025 or 17-11-2025 (or already dates) → datetime64[ns]; NaT outside 1900–2100."""
    if pd.api.types.is_datetime64_any_dtype(s):
        s = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) else s
        return _in_range(s.dt.normalize())
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


def issue_frame(table: str, rows: pd.Index, column: str, values: pd.Series | None, rule: str | pd.Series
                ) -> pd.DataFrame:
    """Issues for the rows labelled `rows` (a table's index is its spreadsheet rows); `rule` may differ per row."""
    vals = values.loc[rows].astype("string") if values is not None else pd.Series(pd.NA, index=rows, dtype="string")
    rules = rule.loc[rows].to_numpy() if isinstance(rule, pd.Series) else rule
    return pd.DataFrame({"table": table, "row": np.asarray(rows, dtype=np.int64), "column": column,
                         "value": vals.to_numpy(), "rule": rules})


def _unreadable_rule(col: C.Column, values: pd.Series) -> str | pd.Series:
    """`invalid_type`, or for a date column `date_invalid` where the text looks like a date (31/02/2025, 0001-01-01)."""
    if col.kind != "date":
        return "invalid_type"
    shaped = values.astype("string").str.fullmatch(_DATE_SHAPE).fillna(False).astype(bool)
    return pd.Series(np.where(shaped, "date_invalid", "invalid_type"), index=values.index)


def _code(s: pd.Series, txt: pd.Series | None = None) -> pd.Series:
    """An identifier code (OPD): text, trimmed and upper-cased; leading zeros stay."""
    return (_text(s) if txt is None else txt).str.upper()


def coerce(df: pd.DataFrame, table: C.Table, stats: dict[str, int] | None = None
           ) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    """Give each contract column its type; unreadable or missing-but-required cells become issues.

    `stats["control"]` (when given) counts the text cells that held control characters (they are removed)."""
    out = df.copy(deep=False)  # every column is replaced below (copy-on-write keeps `df` as it was)
    found: list[pd.DataFrame] = []
    for col in table.all_columns:
        raw = df[col.name]
        if pd.api.types.is_datetime64_any_dtype(raw):
            present, txt = raw, None
        elif col.kind in ("int", "float") and _is_number(raw):
            # already numbers (Parquet): the text of a number is never empty, so only the unreadable
            # cells (an int column holding 2.5) need their text, for the report
            present, txt = None, None
        else:
            present = txt = _text(raw, stats)
        if col.kind == "nip":
            typed = nip_text(raw, txt)
        elif col.code:
            typed = _code(raw, txt)
        elif col.kind == "text":
            typed = txt if txt is not None else _text(raw, stats)
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
            values = (present if present is not None else _text(raw[bad].astype("string"))).astype("string")
            found.append(issue_frame(table.name, df.index[bad], col.name, values, _unreadable_rule(col, values[bad])))
        if not col.nullable:
            empty = ~has_value
            if empty.any():
                found.append(issue_frame(table.name, df.index[empty], col.name, None, "required"))
        out[col.name] = typed
    for extra in [c for c in df.columns if c not in table.names]:
        out[extra] = _text(df[extra], stats)
    return out, found


def skp_from_nilai(nilai: pd.Series) -> pd.Series:
    """Old numeric SKP (PP 46/2011) → today's predikat (Cukup → Butuh Perbaikan, Buruk → Sangat Kurang)."""
    bins = [-np.inf, 50, 60, 75, 90, np.inf]
    labels = ["Sangat Kurang", "Kurang", "Butuh Perbaikan", "Baik", "Sangat Baik"]
    return pd.cut(nilai, bins=bins, labels=labels, right=True).astype("string")


def predikat_from_nilai(k: pd.DataFrame) -> None:
    """In `kinerja`: a missing predikat taken from the old numeric SKP in `nilai` (`skp_from_nilai`), those rows
    marked in a new column `predikat_dari_nilai`. Changes `k` in place."""
    from_nilai = k["predikat"].isna() & k["nilai"].notna()
    k.loc[from_nilai, "predikat"] = skp_from_nilai(k.loc[from_nilai, "nilai"])
    k["predikat_dari_nilai"] = from_nilai
