"""A flat promotion table (one row per person) plus a roles file → an analysis frame and its declared `Roles`.

For an analyst at another instansi, or an auditor with a one-sheet export: the readiness model and the
fairness audit read any CSV/XLSX/Parquet table whose columns a YAML roles file maps to roles.

```yaml
outcome:    {column: is_promoted, map: {1: true, 0: false}}
competency: [{column: avg_training_score, name: skor_pelatihan}]
kinerja:
  - column: previous_year_rating
    name: peringkat_kinerja
    type: categorical
    reference: "3"
    missing: {level: tanpa rating}        # a separate level, stated in the report
controls:   [length_of_service, {column: education, missing: {level: tidak diketahui}}]
scope:      {column: department, name: departemen}     # the OPD analogue; absent → PROVINSI = all rows
protected:
  - {column: gender, name: jenis_kelamin, map: {m: L, f: P}, reference: L}
  - {column: age, name: kelompok_usia, bands: [0, 30, 40, 50, 200], reference: "30–39"}
id: employee_id
```

Each role entry is a column name or a mapping with `column` (the file's header; case, spaces and punctuation
are ignored when matching), and optionally `name` (the frame's column, a Python identifier; default the
header in snake case), `type` (numeric, categorical, boolean), `map` (raw value → value; an unmapped value
counts as unreadable), `bands`/`labels` (numbers → bands), `reference` (reference group of a protected
attribute, or reference level of a categorical measure) and `missing`, the missing-value policy:

- `error` (the default): a missing cell stops the load, naming the file and the key — every policy is explicit;
- `drop`: the row leaves the analysis (counted in the report); for a merit measure or control it leaves the models
  only: the fairness audit keeps it in its raw comparison (`FlatData.audit_frame`), since who has a merit score, by
  group and outcome, is part of what the audit checks;
- `keep`: the cell stays empty; the models leave such rows out (counted in the report);
- `{fill: VALUE}`: the cell gets VALUE;
- `{fill: VALUE, indicator: NAME}`: the cell gets VALUE and a 0/1 column NAME marks it; NAME joins the same role;
- `{level: LABEL}` (categorical): the cell becomes its own level LABEL.

A merit measure or control may say when it was measured, `measured: before` (before the start of the period the outcome
counts) or `measured: after` — refused, since a control taken after the start (training taken after selection, an
allowance of the new post) can be caused by the promotion and would explain a real gap away; left out, the audit checks
it from the data and says it is undeclared. A merit measure may declare its `reliability` (0–1], as an assessment centre
reports it: the audit then also estimates every finding at that reliability (docs/verdicts.md).

Merit measures (`competency`, `kinerja`) are optional: a table with only an outcome, protected attributes and a scope
(the Berkeley admissions case) is audited raw and stratified by scope, and the audit says that no merit was measured,
so no gap is ever "explained by merit". The readiness model (`merit model --flat`) needs one of each.

Unreadable cells (text in a numeric column, a value the `map` does not cover, a number outside `bands`)
follow the same policy and are counted separately. Nothing is dropped silently: `FlatData.missing` says,
for every role, how many rows lacked it and what was done.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from merit_lib.data.extract import LoadError, Source, parse_numbers, read_raw, sha256
from merit_lib.data.limits import load_roles_yaml
from merit_lib.data.sink import write_csv
from merit_lib.domain import contract as C
from merit_lib.domain.language import number
from merit_lib.domain.roles import Roles
from merit_lib.domain.rules import AGE_BANDS, AGE_LABELS

#: the example of examples/hr_promotion: the public data set lives next to the repository, in ../shared (never copied in)
REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_DATA = REPO_ROOT.parent / "shared" / "external" / "hr_promotion" / "train.csv"
EXAMPLE_ROLES = Path(__file__).resolve().parent / "roles" / "hr_promotion.yaml"   # package data
SCOPE_ALL = "semua"   # the one scope of a table without a `scope` role; not PROVINSI, which names the all-rows test
NO_SCOPE_COLUMN = "lingkup"
READABLE = (".csv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq")
LIST_ROLES = ("competency", "kinerja", "controls", "protected")
SINGLE_ROLES = ("outcome", "scope", "id", "qualified", "eligible", "at_risk")
TOP_KEYS = frozenset(LIST_ROLES + SINGLE_ROLES + ("sheet", "description"))
SPEC_KEYS = frozenset({"column", "name", "type", "map", "bands", "labels", "reference", "missing", "measured",
                       "reliability"})
#: roles whose entries may say when they were measured (`measured: before|after`) and how reliable they are
TIMED_ROLES = ("competency", "kinerja", "controls")
RELIABLE_ROLES = ("competency", "kinerja")
KINDS = ("numeric", "categorical", "boolean", "text")
DEFAULT_KIND = {"outcome": "boolean", "competency": "numeric", "kinerja": "numeric", "controls": None,
                "protected": "categorical", "scope": "categorical", "id": "text",
                "qualified": "boolean", "eligible": "boolean", "at_risk": "boolean"}
FIXED_KIND = {"outcome", "protected", "scope", "id", "qualified", "eligible", "at_risk"}
ALL_POLICIES = frozenset({"error", "drop", "keep", "fill", "indicator", "level"})
POLICIES_BY_KIND = {"numeric": {"error", "drop", "keep", "fill", "indicator"},
                    "categorical": {"error", "drop", "keep", "fill", "level"},
                    "boolean": {"error", "drop", "keep", "fill"},
                    "text": {"error", "drop", "keep"}}
#: roles whose rows cannot be analysed without a value: only `error` or `drop` (protected/scope may also get a level)
POLICIES_BY_ROLE = {"outcome": {"error", "drop"}, "protected": {"error", "drop", "level", "fill"},
                    "scope": {"error", "drop", "level", "fill"}}
TRUE_WORDS = frozenset({"1", "true", "yes", "ya", "y"})
FALSE_WORDS = frozenset({"0", "false", "no", "tidak", "n"})
REPORT_COLUMNS = ["role", "key", "column", "name", "n_rows", "n_missing", "n_unreadable", "policy", "treatment", "n_dropped"]


@dataclass(frozen=True)
class Missing:
    """A missing-value policy: action (error, drop, keep, fill, indicator, level), its value and indicator column."""

    action: str = "error"
    value: object = None
    indicator: str | None = None

    def describe(self, n: int, lang: str = "id") -> str:
        """What happened to the n rows without a value, in plain words."""
        if n == 0:
            return "tidak ada nilai kosong" if lang == "id" else "no missing values"
        id_, en = {
            "drop": ("baris dikeluarkan dari analisis", "rows left out of the analysis"),
            "keep": ("dibiarkan kosong; model dan audit tidak memakai baris ini", "left empty; models and audit leave these rows out"),
            "fill": (f"diisi {self.value!r}", f"filled with {self.value!r}"),
            "indicator": (f"diisi {self.value!r} dan ditandai di kolom {self.indicator} (ikut dalam model)",
                          f"filled with {self.value!r} and flagged in column {self.indicator} (in the model)"),
            "level": (f"menjadi kategori tersendiri '{self.value}'", f"a category of its own, '{self.value}'"),
        }.get(self.action, ("galat", "error"))
        return id_ if lang == "id" else en


@dataclass(frozen=True)
class Spec:
    """One role entry of the roles file: which header, which frame column, how to read it, what to do when empty."""

    role: str
    key: str              # where it sits in the roles file, e.g. `kinerja[0]`
    column: str           # the header in the data file
    name: str             # the column in the analysis frame
    kind: str
    mapping: dict[str, object] | None = None
    bands: tuple[float, ...] | None = None
    labels: tuple[str, ...] | None = None
    reference: str | None = None
    missing: Missing = field(default_factory=Missing)
    measured: str | None = None     # before / after the start of the period (merit measures and controls)
    reliability: float | None = None  # a merit measure's declared reliability (0–1]


@dataclass
class FlatData:
    """The analysis frame read from a flat table, its roles, and the missing-value report."""

    frame: pd.DataFrame
    roles: Roles
    missing: pd.DataFrame
    path: Path
    roles_path: Path
    n_read: int
    scoped: bool = True
    sha256: dict[str, str] = field(default_factory=dict)
    specs: list[Spec] = field(default_factory=list)
    #: rows left out only by a merit measure's or control's `drop` policy (their values typed, that one missing)
    model_dropped: pd.DataFrame = field(default_factory=pd.DataFrame)

    def audit_frame(self) -> pd.DataFrame:
        """The frame the fairness audit reads: the analysis frame plus the rows a merit measure's or control's `drop`
        left out, so that the raw comparison covers everyone and who has a merit score (by group and outcome) can be
        checked; the models leave those rows out, as `drop` asks."""
        if self.model_dropped is None or self.model_dropped.empty:
            return self.frame
        return pd.concat([self.frame, self.model_dropped[self.frame.columns]], ignore_index=True)

    @property
    def n_dropped(self) -> int:
        """Rows of the file left out of the analysis under a `drop` policy."""
        return self.n_read - len(self.frame)

    def summary(self, lang: str = "id") -> str:
        """A few lines: rows read, rows analysed, promotions, and every role that had missing values."""
        r, f = self.roles, self.frame
        n_pos = int(f[r.outcome].sum())
        n = {k: number(v, lang, 0) for k, v in (("read", self.n_read), ("kept", len(f)), ("out", self.n_dropped), ("pos", n_pos))}
        share = number(100 * n_pos / max(len(f), 1), lang, 1) + "%"
        lines = [f"{self.path.name}: {n['read']} baris dibaca, {n['kept']} dianalisis ({n['out']} dikeluarkan); "
                 f"{r.outcome} = ya: {n['pos']} ({share})" if lang == "id" else
                 f"{self.path.name}: {n['read']} rows read, {n['kept']} analysed ({n['out']} left out); "
                 f"{r.outcome} = yes: {n['pos']} ({share})"]
        policy = {s.key: s.missing for s in self.specs}
        gaps = self.missing[(self.missing["n_missing"] + self.missing["n_unreadable"]) > 0]
        for row in gaps.itertuples():
            done = policy[row.key].describe(row.n_missing + row.n_unreadable, lang) if row.key in policy else row.treatment
            gap, bad = number(row.n_missing, lang, 0), number(row.n_unreadable, lang, 0)
            lines.append(f"  {row.key} ({row.column}): {gap} kosong, {bad} tak terbaca → {done}" if lang == "id" else
                         f"  {row.key} ({row.column}): {gap} missing, {bad} unreadable → {done}")
        if self.model_dropped is not None and len(self.model_dropped):
            k = number(len(self.model_dropped), lang, 0)
            lines.append(f"  {k} baris yang dikeluarkan karena ukuran merit atau kontrol kosong tetap ikut perbandingan "
                         "mentah audit keadilan (siapa yang bernilai merit termasuk yang diperiksanya)" if lang == "id" else
                         f"  {k} rows left out for a missing merit measure or control stay in the fairness audit's raw "
                         "comparison (who has merit scores is part of what it checks)")
        return "\n".join(lines)

    def context(self) -> dict[str, object]:
        """Provenance for the audit's metadata: the files, their SHA-256, and a short data fingerprint."""
        return {"source": str(self.path), "roles_file": str(self.roles_path), "sha256": self.sha256,
                "data_fingerprint": self.sha256.get(str(self.path), "")[:12]}

    def write_missing(self, out: Path | str) -> Path:
        """Write the missing-value report as `missing_report.csv` in a folder."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        path = out / "missing_report.csv"
        write_csv(self.missing, path)
        return path


# --------------------------------------------------------------------------- the roles file


def roles_error(roles_path: Path, key: str, message: str) -> LoadError:
    return LoadError(f"{roles_path}: {key}: {message}")


def read_roles_file(roles_path: Path | str) -> dict:
    """The roles file as a mapping; a missing file, bad YAML or an unknown top-level key is a LoadError."""
    roles_path = Path(roles_path)
    if not roles_path.is_file():
        raise LoadError(f"{roles_path}: berkas peran tidak ditemukan (roles file not found)")
    try:
        doc = load_roles_yaml(roles_path)      # within its size, no anchors or aliases (merit_lib.data.limits)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" baris {where.line + 1}" if where is not None else ""
        raise LoadError(f"{roles_path}:{line} YAML tidak sah (bad YAML): {getattr(exc, 'problem', exc)}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"{roles_path}: tidak dapat dibaca ({type(exc).__name__}: {exc})") from exc
    if not isinstance(doc, dict):
        raise LoadError(f"{roles_path}: harus berupa pemetaan peran → kolom (a YAML mapping of role: column)")
    unknown = sorted(set(map(str, doc)) - TOP_KEYS)
    if unknown:
        hint = difflib.get_close_matches(unknown[0], sorted(TOP_KEYS), n=1)
        raise roles_error(roles_path, unknown[0], "peran tidak dikenal (unknown role)" + (f"; maksudnya '{hint[0]}'?" if hint else "")
                    + f" — peran yang sah: {', '.join(sorted(TOP_KEYS))}")
    if doc.get("outcome") is None:
        raise roles_error(roles_path, "outcome", "peran wajib tidak ada (required role missing): kolom hasil, mis. is_promoted")
    return doc   # no merit measure is allowed: the audit is then raw + stratified by scope (docs/verdicts.md §1)


def _snake(header: str) -> str:
    name = re.sub(r"[^0-9a-zA-Z]+", "_", str(header)).strip("_").lower()
    return name if name and not name[0].isdigit() else f"k_{name}"


def _value_key(value: object) -> str:
    """A raw or roles-file value as a comparable key: stripped, lower case, `5.0` → `5`, YAML true → `true`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().lower()
    return re.sub(r"^(-?\d+)\.0+$", r"\1", text)


def _missing_policy(raw: object, roles_path: Path, key: str) -> Missing:
    if raw is None:
        return Missing()
    if isinstance(raw, str) and raw in ("error", "drop", "keep"):
        return Missing(raw)
    if isinstance(raw, dict) and set(raw) <= {"fill", "indicator", "level"} and len(raw) > 0:
        if "level" in raw:
            if len(raw) > 1:
                raise roles_error(roles_path, f"{key}.missing", "`level` tidak dapat digabung dengan fill/indicator")
            return Missing("level", str(raw["level"]))
        if "fill" not in raw:
            raise roles_error(roles_path, f"{key}.missing", "`indicator` memerlukan `fill` (indicator needs a fill value)")
        if "indicator" in raw:
            ind = str(raw["indicator"])
            if not ind.isidentifier():
                raise roles_error(roles_path, f"{key}.missing.indicator", f"'{ind}' bukan nama kolom yang sah (not an identifier)")
            return Missing("indicator", raw["fill"], ind)
        return Missing("fill", raw["fill"])
    raise roles_error(roles_path, f"{key}.missing", f"kebijakan tidak dikenal {raw!r}; gunakan error, drop, keep, "
                "{fill: V}, {fill: V, indicator: NAMA} atau {level: LABEL}")


def _parse_spec(role: str, key: str, raw: object, roles_path: Path) -> Spec:
    """One role entry (a header, or a mapping with `column` and options) → a Spec, checked against the roles grammar."""
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        raw = {"column": str(raw)}
    if not isinstance(raw, dict) or "column" not in raw:
        raise roles_error(roles_path, key, "harus berupa nama kolom atau pemetaan dengan `column` (a column, or a mapping with `column`)")
    unknown = sorted(set(map(str, raw)) - SPEC_KEYS)
    if unknown:
        raise roles_error(roles_path, f"{key}.{unknown[0]}", f"kunci tidak dikenal (unknown key); yang sah: {', '.join(sorted(SPEC_KEYS))}")
    column = str(raw["column"])
    name = str(raw.get("name") or _snake(column))
    if not name.isidentifier():
        raise roles_error(roles_path, f"{key}.name", f"'{name}' bukan nama kolom yang sah (must be a Python identifier)")
    kind = raw.get("type") or ("categorical" if raw.get("bands") else DEFAULT_KIND[role])
    if kind is not None and kind not in KINDS:
        raise roles_error(roles_path, f"{key}.type", f"'{kind}' tidak dikenal; gunakan {', '.join(KINDS)}")
    if role in FIXED_KIND and raw.get("type") and kind != DEFAULT_KIND[role]:
        raise roles_error(roles_path, f"{key}.type", f"peran {role} selalu bertipe {DEFAULT_KIND[role]}")
    mapping = raw.get("map")
    if mapping is not None and not isinstance(mapping, dict):
        raise roles_error(roles_path, f"{key}.map", "harus berupa pemetaan nilai asal → nilai (a mapping raw value → value)")
    bands, labels = _bands(raw, roles_path, key)
    missing = _missing_policy(raw.get("missing"), roles_path, key)
    ref = raw.get("reference")
    measured, reliability = _timing(raw, role, roles_path, key)
    return Spec(role, key, column, name, kind or "", None if mapping is None else {_value_key(k): v for k, v in mapping.items()},
                bands, labels, None if ref is None else str(_value_key(ref) if isinstance(ref, bool | int | float) else ref), missing,
                measured, reliability)


def _timing(raw: dict, role: str, roles_path: Path, key: str) -> tuple[str | None, float | None]:
    """`measured` (before / after the start of the period) and `reliability` (0–1] of a role entry, checked. A merit
    measure or control measured after the start can be caused by the promotion: refused here, with the key named."""
    from merit_lib.domain.roles import AFTER, TIMES

    measured, reliability = raw.get("measured"), raw.get("reliability")
    if measured is not None:
        if role not in TIMED_ROLES:
            raise roles_error(roles_path, f"{key}.measured", f"hanya untuk {', '.join(TIMED_ROLES)} (only for merit measures "
                              "and controls)")
        if str(measured) not in TIMES:
            raise roles_error(roles_path, f"{key}.measured", f"'{measured}' tidak dikenal; gunakan {' atau '.join(TIMES)} "
                              "(before or after the start of the period)")
        if str(measured) == AFTER:
            raise roles_error(roles_path, f"{key}.measured", f"kolom '{raw['column']}' diukur setelah awal periode: dapat "
                              "disebabkan oleh promosi yang hendak dijelaskannya, jadi tidak dapat menjadi ukuran merit "
                              "atau kontrol (measured after the start of the period, it can be caused by the promotion it "
                              "would explain); hapus dari peran, atau pakai nilai yang diukur sebelum periode")
    if reliability is not None:
        if role not in RELIABLE_ROLES:
            raise roles_error(roles_path, f"{key}.reliability", "hanya untuk ukuran merit (only for competency and kinerja "
                              "measures)")
        try:
            value = float(reliability)
        except (TypeError, ValueError) as exc:
            raise roles_error(roles_path, f"{key}.reliability", f"'{reliability}' bukan angka 0–1") from exc
        if not 0 < value <= 1:
            raise roles_error(roles_path, f"{key}.reliability", f"{value:g} di luar (0, 1] (a reliability lies in (0, 1])")
        reliability = value
    return (None if measured is None else str(measured)), reliability


def _bands(raw: dict, roles_path: Path, key: str) -> tuple[tuple[float, ...] | None, tuple[str, ...] | None]:
    bands = raw.get("bands")
    if bands is None:
        if raw.get("labels") is not None:
            raise roles_error(roles_path, f"{key}.labels", "`labels` memerlukan `bands`")
        return None, None
    try:
        edges = tuple(float(b) for b in bands)
    except (TypeError, ValueError) as exc:
        raise roles_error(roles_path, f"{key}.bands", "harus berupa daftar angka naik (a rising list of numbers)") from exc
    if len(edges) < 2 or any(b <= a for a, b in zip(edges, edges[1:])):
        raise roles_error(roles_path, f"{key}.bands", "harus berupa daftar angka naik, paling sedikit dua (a rising list of numbers)")
    labels = raw.get("labels")
    if labels is None:
        labels = AGE_LABELS if edges == AGE_BANDS else band_labels(edges)
    if len(labels) != len(edges) - 1:
        raise roles_error(roles_path, f"{key}.labels", f"perlu {len(edges) - 1} label untuk {len(edges)} batas")
    return edges, tuple(str(x) for x in labels)


def band_labels(edges: tuple[float, ...]) -> tuple[str, ...]:
    """Labels of bands [a, b): `< b1`, `a–<b`, …, `≥ a_last`."""
    inner = [f"{a:g}–<{b:g}" for a, b in zip(edges[1:-2], edges[2:-1])]
    return (f"< {edges[1]:g}", *inner, f"≥ {edges[-2]:g}") if len(edges) > 2 else (f"{edges[0]:g}–<{edges[1]:g}",)


def parse_roles(doc: dict, roles_path: Path | str) -> list[Spec]:
    """Every role entry of a roles document as Specs (list roles may hold one entry or a list)."""
    roles_path = Path(roles_path)
    specs: list[Spec] = []
    for role in SINGLE_ROLES + LIST_ROLES:
        raw = doc.get(role)
        if raw is None:
            continue
        if role in SINGLE_ROLES:
            if isinstance(raw, list):
                raise roles_error(roles_path, role, "hanya satu kolom (exactly one column)")
            specs.append(_parse_spec(role, role, raw, roles_path))
        else:
            for i, item in enumerate(raw if isinstance(raw, list) else [raw]):
                specs.append(_parse_spec(role, f"{role}[{i}]", item, roles_path))
    names = [s.name for s in specs] + [s.missing.indicator for s in specs if s.missing.indicator]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise roles_error(roles_path, next(s.key for s in specs if s.name == dup[0] or s.missing.indicator == dup[0]),
                    f"nama kolom '{dup[0]}' dipakai dua kali (used twice); beri `name` yang berbeda")
    for s in specs:
        allowed = POLICIES_BY_KIND.get(s.kind, ALL_POLICIES) & POLICIES_BY_ROLE.get(s.role, ALL_POLICIES)
        if s.missing.action not in allowed:
            raise roles_error(roles_path, f"{s.key}.missing", f"kebijakan '{s.missing.action}' tidak berlaku untuk {s.role} "
                        f"({s.kind or 'numeric/categorical'}); yang berlaku: {', '.join(sorted(allowed))}")
    return specs


# --------------------------------------------------------------------------- the data file


def read_flat(file: Path | str, sheet: str | None = None) -> pd.DataFrame:
    """A flat CSV/XLSX/Parquet table as read (CSV/XLSX cells as text); a missing or unreadable file is a LoadError."""
    path = Path(file)
    if not path.is_file():
        raise LoadError(f"{path}: berkas tidak ditemukan (no such file)")
    if path.suffix.lower() not in READABLE:
        raise LoadError(f"{path}: jenis berkas tidak dikenal; gunakan CSV, XLSX atau Parquet")
    return read_raw(Source("flat", path, sheet))


def resolve_header(column: str, headers: list[str], roles_path: Path, key: str, path: Path) -> str:
    """The file's header for a declared column: exact, else ignoring case/spaces/punctuation; else a LoadError naming the closest."""
    if column in headers:
        return column
    loose = [h for h in headers if C.header_key(h) == C.header_key(column)]
    if len(loose) == 1:
        return loose[0]
    close = difflib.get_close_matches(column, headers, n=1, cutoff=0.5)
    hint = f"; header terdekat: '{close[0]}'" if close else f"; header yang ada: {', '.join(headers)}"
    raise roles_error(roles_path, key, f"kolom '{column}' tidak ada di {path.name} (unknown column){hint}")


def _text(s: pd.Series) -> pd.Series:
    out = s.astype("string").str.strip()
    return out.mask(out == "")


def _label(value: object) -> str:
    """A category label: text as written (stripped), numbers without a trailing `.0`, booleans as true/false."""
    if isinstance(value, bool | int | float | np.number):
        return _value_key(value)
    return re.sub(r"^(-?\d+)\.0+$", r"\1", str(value).strip())


def _per_value(values: pd.Series, fn: Callable[[object], object]) -> pd.Series:
    """`fn` of each distinct non-missing value, spread back over the rows (NA stays NA); an object Series."""
    codes, uniques = pd.factorize(values)
    mapped = pd.Series([fn(u) for u in uniques] + [pd.NA], dtype=object).to_numpy()
    return pd.Series(mapped[codes], index=values.index, dtype=object)


def _apply_map(txt: pd.Series, mapping: dict[str, object]) -> pd.Series:
    """Map raw cells through `mapping` (keys compared as `_value_key`); unmapped cells → NA."""
    return _per_value(txt, lambda u: mapping.get(_value_key(u), pd.NA))


def _as_bool(values: pd.Series) -> pd.Series:
    """true/false, 1/0, yes/no, ya/tidak → nullable boolean; anything else → NA."""
    def one(v: object) -> object:
        key = _value_key(v)
        return True if key in TRUE_WORDS else False if key in FALSE_WORDS else pd.NA
    return _per_value(values, one).astype("boolean")


def _is_numeric(values: pd.Series) -> bool:
    present = values.dropna()
    return len(present) > 0 and parse_numbers(present.astype("string")).notna().all()


def read_column(raw: pd.Series, spec: Spec) -> tuple[pd.Series, str]:
    """One column typed by its spec (mapping, bands), missing and unreadable cells as NA; returns it and its kind."""
    txt = raw if pd.api.types.is_numeric_dtype(raw) and not spec.mapping else _text(raw)
    values: pd.Series = _apply_map(txt, spec.mapping) if spec.mapping is not None else txt
    kind = spec.kind or ("numeric" if _is_numeric(values) else "categorical")
    if spec.bands is not None:
        kind = "categorical"
        num = parse_numbers(values.astype("string")) if not pd.api.types.is_numeric_dtype(values) else values.astype(float)
        out = pd.cut(num, list(spec.bands), right=False, labels=list(spec.labels)).astype("string")
    elif kind == "numeric":
        out = values.astype(float) if pd.api.types.is_numeric_dtype(values) else parse_numbers(values.astype("string"))
    elif kind == "boolean":
        out = _as_bool(values)
    else:
        out = _per_value(values, _label).astype("string")
    return out, kind


def _levels(values: pd.Series, reference: str | None, last: str | None) -> list[str]:
    """Category order: the reference first (the model's baseline), then the rest (numbers numerically), the missing level last."""
    present = set(values.dropna().unique().tolist())
    found = [v for v in present if v not in (reference, last)]
    found.sort(key=lambda v: (0, float(v), "") if re.fullmatch(r"-?\d+(\.\d+)?", v) else (1, 0.0, v))
    head = [reference] if reference in present else []
    return head + found + ([last] if last in present else [])


def apply_missing(out: pd.Series, spec: Spec, kind: str) -> tuple[pd.Series, pd.Series | None]:
    """Fill the NA cells of a typed column by its policy; returns the column and the indicator column if any."""
    gap = out.isna()
    pol = spec.missing
    indicator = None
    if pol.action in ("fill", "indicator", "level") and gap.any():
        fill = pol.value
        if kind == "numeric":
            fill = float(fill)
        elif kind == "boolean":
            fill = _value_key(fill) in TRUE_WORDS
        else:
            fill = str(fill)
        out = out.astype(object).where(~gap, fill).astype(out.dtype if kind != "categorical" else "string")
    if pol.action == "indicator":
        indicator = gap.astype(float).rename(pol.indicator)
    return out, indicator


# --------------------------------------------------------------------------- putting it together


def _report_row(spec: Spec, n: int, n_missing: int, n_unreadable: int, dropped: int, lang: str) -> dict:
    policy = spec.missing.action + (f" {spec.missing.value!r}" if spec.missing.value is not None else "")
    return {"role": spec.role, "key": spec.key, "column": spec.column, "name": spec.name, "n_rows": n,
            "n_missing": n_missing, "n_unreadable": n_unreadable, "policy": policy,
            "treatment": spec.missing.describe(n_missing + n_unreadable, lang), "n_dropped": dropped}


def build_frame(raw: pd.DataFrame, specs: list[Spec], path: Path, roles_path: Path, lang: str = "id"
                ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str], pd.DataFrame]:
    """Typed role columns, missing policies applied; returns the frame, the missing-value report, each column's kind, and
    the rows only a merit measure's or control's `drop` left out (for the audit's raw comparison)."""
    headers = [str(h) for h in raw.columns]
    raw = raw.set_axis(headers, axis=1)
    columns: dict[str, pd.Series] = {}
    kinds: dict[str, str] = {}
    rows: list[dict] = []
    drop = pd.Series(False, index=raw.index)
    model_drop = pd.Series(False, index=raw.index)     # dropped by a merit measure's or control's policy
    for spec in specs:
        header = resolve_header(spec.column, headers, roles_path, spec.key, path)
        empty = _text(raw[header]).isna() if not pd.api.types.is_numeric_dtype(raw[header]) else raw[header].isna()
        typed, kind = read_column(raw[header], spec)
        unreadable = typed.isna() & ~empty
        n_gap = int(typed.isna().sum())
        if n_gap and spec.missing.action == "error":
            raise roles_error(roles_path, f"{spec.key}.missing", f"kolom '{header}' di {path.name} kosong di {int(empty.sum()):,} baris "
                        f"dan tak terbaca di {int(unreadable.sum()):,}; nyatakan kebijakan nilai kosong: drop, keep, "
                        "{fill: V}, {fill: V, indicator: NAMA} atau {level: LABEL} (an explicit missing-value policy is required)")
        if spec.missing.action == "level" and kind != "categorical":
            raise roles_error(roles_path, f"{spec.key}.missing", "`level` hanya untuk kolom kategorik (type: categorical)")
        typed, indicator = apply_missing(typed, spec, kind)
        gone = typed.isna() if spec.missing.action == "drop" else pd.Series(False, index=raw.index)
        drop |= gone
        if spec.role in MODEL_ROLES:
            model_drop |= gone
        columns[spec.name], kinds[spec.name] = typed, kind
        if indicator is not None:
            columns[indicator.name], kinds[str(indicator.name)] = indicator, "numeric"
        rows.append(_report_row(spec, len(raw), int(empty.sum()), int(unreadable.sum()), int(gone.sum()), lang))
    every = pd.DataFrame(columns, index=raw.index)
    frame = every.loc[~drop].reset_index(drop=True)
    # rows only a merit measure's or control's `drop` left out: the audit's raw comparison keeps them (who has a merit
    # score, by group and outcome, is part of what it checks); the models leave them out either way
    extra = every.loc[model_drop & ~_dropped_by_other(every, specs)].reset_index(drop=True)
    for spec in specs:
        if spec.reference is not None and spec.reference not in set(frame[spec.name].dropna().astype(str).unique().tolist()):
            seen = ", ".join(map(str, frame[spec.name].dropna().astype(str).unique()[:10]))
            raise roles_error(roles_path, f"{spec.key}.reference", f"kelompok acuan '{spec.reference}' tidak ada di kolom {spec.name} "
                        f"(reference group not found); nilai yang ada: {seen}")
    report = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    total = {"role": "(semua)" if lang == "id" else "(all)", "key": "", "column": "", "name": "", "n_rows": len(raw),
             "n_missing": 0, "n_unreadable": 0, "policy": "", "n_dropped": int(drop.sum()),
             "treatment": (f"{len(frame):,} baris dianalisis" if lang == "id" else f"{len(frame):,} rows analysed")}
    return frame, pd.concat([report, pd.DataFrame([total])], ignore_index=True), kinds, extra


#: the roles only the models read: a row without one of them is out of the models, not out of the audit's raw comparison
MODEL_ROLES = ("competency", "kinerja", "controls")


def _dropped_by_other(every: pd.DataFrame, specs: list[Spec]) -> pd.Series:
    """Rows a `drop` policy of a role other than a merit measure or control leaves out (outcome, protected, scope, …)."""
    out = pd.Series(False, index=every.index)
    for s in specs:
        if s.role not in MODEL_ROLES and s.missing.action == "drop":
            out |= every[s.name].isna()
    return out


def _categorise(frame: pd.DataFrame, specs: list[Spec], kinds: dict[str, str]) -> tuple[str, ...]:
    """Categorical merit measures and controls become ordered pandas categories (reference first); returns their names."""
    names = []
    for s in specs:
        if s.role in ("competency", "kinerja", "controls") and kinds[s.name] == "categorical":
            last = str(s.missing.value) if s.missing.action == "level" else None
            frame[s.name] = pd.Categorical(frame[s.name].to_numpy(object), categories=_levels(frame[s.name], s.reference, last))
            names.append(s.name)
    return tuple(names)


def make_roles(specs: list[Spec], categorical: tuple[str, ...], scope: str, scope_label: str) -> Roles:
    """The `Roles` of a flat frame: indicator columns join their role, reference groups of protected attributes."""
    def names(role: str) -> tuple[str, ...]:
        out: list[str] = []
        for s in specs:
            if s.role == role:
                out += [s.name] + ([s.missing.indicator] if s.missing.indicator else [])
        return tuple(out)

    one = {s.role: s.name for s in specs if s.role in SINGLE_ROLES}
    measured = {s.name: s.measured for s in specs if s.measured}
    measured.update({s.missing.indicator: s.measured for s in specs if s.measured and s.missing.indicator})
    return Roles(outcome=one["outcome"], competency=names("competency"), kinerja=names("kinerja"),
                 controls=names("controls"), categorical=categorical, scope=scope, scope_label=scope_label,
                 protected=names("protected"),
                 reference={s.name: s.reference for s in specs if s.role == "protected" and s.reference is not None},
                 qualified=one.get("qualified"), eligible=one.get("eligible"), at_risk=one.get("at_risk"), id=one.get("id"),
                 measured=measured,
                 reliability={s.name: s.reliability for s in specs if s.reliability is not None})


def load_flat(file: Path | str, roles_path: Path | str, lang: str = "id") -> FlatData:
    """Read a flat promotion table and its roles file → analysis frame, `Roles` and missing-value report."""
    path, roles_path = Path(file), Path(roles_path)
    doc = read_roles_file(roles_path)
    specs = parse_roles(doc, roles_path)
    raw = read_flat(path, doc.get("sheet"))
    frame, report, kinds, extra = build_frame(raw, specs, path, roles_path, lang)
    outcome = next(s.name for s in specs if s.role == "outcome")
    if len(frame) == 0 or frame[outcome].nunique() < 2:
        raise roles_error(roles_path, "outcome", f"kolom hasil di {path.name} harus memuat kedua nilai (ya dan tidak) setelah pemetaan "
                    f"({len(frame):,} baris; both promoted and not promoted rows are needed)")
    frame[outcome] = frame[outcome].astype(bool)
    categorical = _categorise(frame, specs, kinds)
    scope_spec = next((s for s in specs if s.role == "scope"), None)
    scope = NO_SCOPE_COLUMN if scope_spec is None else scope_spec.name
    label = f"{scope}_nama" if f"{scope}_nama" not in frame else f"_{scope}_label"   # as opd_kode has opd_nama
    for part in (frame, extra):
        if scope_spec is None:
            part[NO_SCOPE_COLUMN] = pd.Series(SCOPE_ALL, index=part.index, dtype="string")
        part[label] = part[scope]
    if len(extra):
        extra[outcome] = extra[outcome].astype(bool)
        for c in categorical:   # the frame's levels; a level seen only among these rows is missing (out of the models)
            extra[c] = pd.Categorical(extra[c].astype(object).where(extra[c].notna(), None),
                                      categories=frame[c].cat.categories)
    roles = make_roles(specs, categorical, scope, label)
    return FlatData(frame, roles, report, path, roles_path, len(raw), scoped=scope_spec is not None,
                    sha256={str(path): sha256(path), str(roles_path): sha256(roles_path)}, specs=specs,
                    model_dropped=extra)
