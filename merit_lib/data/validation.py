"""Row rules and the validation report: which typed rows are rejected, and why.

Rules that need one table: rows that could not be split into cells (`structure_issues`), the contract's
enumerations and ranges (`schema_issues`), OPD codes (`code_issues`), a NIP the file kept as a number
(`nip_not_text`: an XLSX number cell, a float Parquet column, or the text Excel writes for one:
`1.96711101992031E+17`, `196711101992031000`; its last digits are already lost), pegawai's NIP structure and
cross-checks, golongan, eselon (`validate_pegawai`), kinerja's predikat and one row per year (`validate_kinerja`),
duplicate keys, dates in the future (`future_dates`). Across tables: a child row whose NIP is not in pegawai
(`orphan`) or whose pegawai row was rejected (`parent_rejected`) (`child_issues`).

`finish_issues` turns the issues into the `ValidationReport`'s table (NIPs masked, one message per issue, sorted);
the report writes it through `merit_lib.data.sink`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.compute as pc

from merit_lib.data.coerce import CONTROL_CHARS, arrow_strings, issue_frame
from merit_lib.data.sink import write_csv
from merit_lib.data.sources import RawTable
from merit_lib.domain import contract as C
from merit_lib.domain import text
from merit_lib.domain.nip import excel_number, mask, parse_nip
from merit_lib.domain.text import label, rule_message

ISSUE_COLUMNS = ["table", "row", "column", "value", "rule", "message"]
STRUCTURE_RULES = ("unbalanced_quote", "malformed_row")


def structure_issues(name: str, raw: RawTable, rename: dict[str, str]) -> pd.DataFrame:
    """The rows that could not be split into cells, as issues (columns renamed like the table's)."""
    pr = raw.problems
    if pr.empty:
        return pd.DataFrame(columns=ISSUE_COLUMNS[:-1])
    return pd.DataFrame({"table": name, "row": pr["row"].astype(np.int64).to_numpy(),
                         "column": pr["column"].map(lambda c: rename.get(c, c)).to_numpy(),
                         "value": pr["value"].astype("string").to_numpy(), "rule": pr["rule"].to_numpy()})


def schema_issues(df: pd.DataFrame, table: C.Table) -> list[pd.DataFrame]:
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
            found.append(issue_frame(table.name, idx, column, df.loc[idx, column].astype("string"), rule))
        return found


def _per_distinct(s: pd.Series, test: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """A True/False `test` on each distinct non-NA value of `s`, spread back over the rows (False for NA)."""
    codes, uniques = pd.factorize(s)
    if not len(uniques):
        return pd.Series(False, index=s.index)
    hit = test(pd.Series(uniques, dtype=s.dtype)).fillna(False).to_numpy(dtype=bool)
    return pd.Series(np.where(codes >= 0, hit[np.maximum(codes, 0)], False), index=s.index)


def code_issues(name: str, df: pd.DataFrame, table: C.Table) -> list[pd.DataFrame]:
    """Rule `opd_kode_pattern`: a code column's value must match `C.CODE_PATTERN` (it ends up in file names)."""
    found = []
    for col in table.all_columns:
        if col.code:
            bad = df[col.name].notna() & ~_per_distinct(df[col.name], lambda u: u.str.fullmatch(C.CODE_PATTERN))
            found += _rows(name, df, bad, col.name, "opd_kode_pattern")
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
    return [issue_frame(table, df.index[mask_], column, vals, rule)]


def _iso(col: pd.Series) -> Callable[[pd.Series], pd.Series]:
    """The dates of the masked rows as text (formatting a million dates nobody reads is slow)."""
    return lambda m: col[m].dt.strftime("%Y-%m-%d")


def future_dates(table: str, df: pd.DataFrame, cols: tuple[str, ...], today: pd.Timestamp) -> list[pd.DataFrame]:
    """Rule `future_date`: a date in one of `cols` after `today`."""
    found = []
    for c in cols:
        found += _rows(table, df, df[c] > today, c, "future_date", _iso(df[c]))
    return found


def _duplicates(table: str, df: pd.DataFrame, keys: tuple[str, ...]) -> list[pd.DataFrame]:
    complete = df[list(keys)].notna().all(axis=1)
    dup = df.duplicated(list(keys), keep="first") & complete
    if not dup.any():
        return []
    rows = pd.Series(df.index[complete], index=df.index[complete])
    first_row = rows.groupby([df.loc[complete, k] for k in keys]).transform("min")
    first_row = first_row[dup[complete]]  # the message is only needed for the duplicates
    desc = "sama dengan baris " + first_row.astype(str) + " (" + ", ".join(keys) + ")"
    return _rows(table, df, dup, keys[0], "duplicate_key", desc)


def nip_not_text(name: str, df: pd.DataFrame, numeric: pd.Series | None) -> tuple[pd.Series, list[pd.DataFrame]]:
    """Rule `nip_not_text`: a NIP the file stored as a number (an XLSX number cell, a float Parquet column) or as
    the text a spreadsheet writes for one (1.96711101992031E+17, 196711101992031000). Returns the mask and issues."""
    hit = excel_number(df["nip"])
    if numeric is not None:
        hit = hit | numeric.reindex(df.index, fill_value=False).astype(bool)
    return hit, _rows(name, df, hit, "nip", "nip_not_text")


def validate_pegawai(df: pd.DataFrame, today: pd.Timestamp, not_text: pd.Series | None = None) -> list[pd.DataFrame]:
    """Row rules of `pegawai`: NIP structure and cross-checks, duplicates, golongan, eselon, dates.

    Rows in `not_text` (NIPs stored as numbers) are already rejected: their NIP is not checked again."""
    t = "pegawai"
    p = parse_nip(df["nip"], today=today.date())
    found = []
    checked = df["nip"].notna() if not_text is None else df["nip"].notna() & ~not_text
    for rule, grp in p[~p["nip_valid"] & checked].groupby("nip_rule"):
        found.append(issue_frame(t, grp.index, "nip", df["nip"], str(rule)))
    ok = p["nip_valid"] & checked
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
    found += future_dates(t, df, ("tanggal_lahir", "tmt_jabatan", "tmt_cpns"), today)
    return found


def validate_kinerja(k: pd.DataFrame) -> list[pd.DataFrame]:
    """Row rules of `kinerja`: a predikat (or a nilai it was taken from), one row per NIP and year."""
    found = _rows("kinerja", k, k["predikat"].isna() & k["nilai"].isna(), "predikat", "required")
    found += _duplicates("kinerja", k, ("nip", "tahun"))
    return found


def child_issues(typed: dict[str, pd.DataFrame], issues: pd.DataFrame, not_text: dict[str, pd.Series],
                 broken_nips: pd.Series) -> list[pd.DataFrame]:
    """Rules `orphan` (NIP not in pegawai) and `parent_rejected` (its pegawai row was rejected) for the child tables.

    `issues`: those found so far; `not_text`: per table, the rows whose NIP the file stored as a number;
    `broken_nips`: the NIPs of the pegawai rows that could not be split into cells. Such a row still names its NIP
    when the NIP came before the broken cell, so its children are `parent_rejected`; a child NIP stored as a number
    is `nip_not_text` only."""
    peg = typed["pegawai"]
    bad_peg = set(issues.loc[issues["table"] == "pegawai", "row"].astype(int))
    broken = broken_nips.dropna()
    everyone = peg["nip"]
    if len(broken):
        everyone = pd.concat([everyone.astype("string"), broken.astype("string")], ignore_index=True)
    child_nips = [typed[name]["nip"] for name in C.CHILD_TABLES]
    known_all = _isin(child_nips, everyone)
    # when no pegawai row is rejected, every known NIP is accepted
    rejected_any = bool(bad_peg) or len(broken) > 0
    accepted_all = _isin(child_nips, peg.loc[~peg.index.isin(bad_peg), "nip"]) if rejected_any else known_all
    found = []
    for name, known, accepted in zip(C.CHILD_TABLES, known_all, accepted_all):
        child = typed[name]
        counted = ~not_text[name]
        found += _rows(name, child, ~known & counted, "nip", "orphan")
        found += _rows(name, child, known & ~accepted & counted, "nip", "parent_rejected")
    return found


def _isin(cols: list[pd.Series], values: pd.Series) -> list[pd.Series]:
    """`s.isin(set(values.dropna()))` for each of several long text columns.

    pandas turns every value of the set into a Python scalar first (minutes for a million NIPs);
    pyarrow's `is_in` hashes the arrays directly, once for all the columns. NA never matches."""
    values = values.dropna()
    b = arrow_strings(values)
    arrs = [arrow_strings(s) for s in cols]
    if b is None or any(a is None for a in arrs):
        return [s.isin(set(values)) for s in cols]
    if any(a.type != b.type for a in arrs):  # e.g. pegawai.csv (string) with kinerja.parquet (large_string)
        b, arrs = b.cast(pa_arrow.large_string()), [a.cast(pa_arrow.large_string()) for a in arrs]
    together = pa_arrow.chunked_array([c for a in arrs for c in a.chunks], type=b.type)
    hit = pc.is_in(together, value_set=b.combine_chunks(), skip_nulls=True).fill_null(False)
    hit = hit.to_numpy(zero_copy_only=False)
    ends = np.cumsum([0, *map(len, cols)])
    return [pd.Series(hit[lo:hi], index=s.index) for s, lo, hi in zip(cols, ends[:-1], ends[1:])]


def flatten(found: list[pd.DataFrame]) -> pd.DataFrame:
    """The issue frames as one table (without `message`)."""
    found = [f for f in found if len(f)]
    if not found:
        return pd.DataFrame(columns=ISSUE_COLUMNS[:-1])
    return pd.concat(found, ignore_index=True)


def finish_issues(issues: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Masked NIPs, values cut to 60 characters (no control characters), a message per issue, sorted by table and row.

    A row that could not be split into cells (`STRUCTURE_RULES`) is listed for that reason only."""
    if issues.empty:
        return pd.DataFrame(columns=ISSUE_COLUMNS)
    issues = issues.copy()
    structural = issues.loc[issues["rule"].isin(STRUCTURE_RULES), ["table", "row"]]
    if len(structural):
        key = issues["table"].astype(str) + ":" + issues["row"].astype(str)
        broken = set(structural["table"].astype(str) + ":" + structural["row"].astype(str))
        issues = issues[~key.isin(broken) | issues["rule"].isin(STRUCTURE_RULES)]
    nip_col = (issues["column"] == "nip") & (issues["rule"] != "duplicate_key")
    issues.loc[nip_col, "value"] = mask(issues.loc[nip_col, "value"].fillna(""))
    value = issues["value"].astype("string")
    if value.str.contains(f"[{CONTROL_CHARS}]", regex=True).fillna(False).any():
        value = value.str.replace(f"[{CONTROL_CHARS}]", "", regex=True)
    issues["value"] = value.str.slice(0, 60)
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


@dataclass
class ValidationReport:
    """Every rejected row with its table, spreadsheet row, column and rule; rows read per table."""

    issues: pd.DataFrame
    rows_read: dict[str, int]
    sources: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # how the files were read (header row, blank rows, …): no rejections
    lang: str = "id"                                 # the language of its messages and displays

    def __repr__(self) -> str:
        """Counts only (rows rejected, the rules they broke): never a rejected row, whose value may be a NIP."""
        from merit_lib.domain import language as L

        n = int(self.issues.groupby("table")["row"].nunique().sum()) if len(self.issues) else 0
        top = ", ".join(f"{r.rule} {L.number(int(r.rows), self.lang)}" for r in self.rule_counts().head(3).itertuples())
        words = label("clean", self.lang) if not n else text.t("api.extract_rejected", self.lang,
                                                                n=L.number(n, self.lang), rules=top)
        return f"<ValidationReport: {words}>"

    def _repr_html_(self) -> str:
        """Rows read, rejected and accepted per table, and the rules broken (counts; the rows are in `issues`)."""
        from merit_lib.domain import display as D

        lang = self.lang
        parts = [D.table(self.summary().rename(columns={c: label(c, lang) for c in ("table", "rows_read", "rows_rejected",
                                                                                     "rows_accepted")}))]
        if self.ok:
            parts.append(D.paragraph(label("clean", lang)))
        else:
            parts.append(D.table(self.rule_counts()))
        parts += [D.paragraph(n, small=True) for n in self.notes]
        parts.append(D.paragraph(text.t("api.validation_more", lang), small=True))
        return D.block(text.t("api.validation_title", lang), parts)

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
        """Write every issue as CSV (table,row,column,value,rule,message), through the sink (`merit_lib.data.sink`),
        restricted (0600: row-level, for the data steward)."""
        return write_csv(self.issues[ISSUE_COLUMNS], Path(path), private=True)

    def render(self, lang: str = "id", first: int = 10) -> str:
        """A readable text summary for the terminal."""
        lines = [self.summary().rename(columns={"table": label("table", lang), "rows_read": label("rows_read", lang),
                                                 "rows_rejected": label("rows_rejected", lang),
                                                 "rows_accepted": label("rows_accepted", lang)}).to_string(index=False)]
        lines += [f"  * {n}" for n in self.notes]
        if self.ok:
            lines.append(label("clean", lang))
            return "\n".join(lines)
        lines += ["", self.rule_counts().to_string(index=False), "", label("first_problems", lang) + ":"]
        for r in self.issues.head(first).itertuples():
            lines.append(f"  {r.table} {label('row', lang)} {r.row}, {r.column}: {r.message} [{r.rule}]")
        if len(self.issues) > first:
            lines.append(f"  … (+{len(self.issues) - first})")
        return "\n".join(lines)
