"""Notebook parameters checked up front, before any computing: one clear line naming the parameter, with a suggestion.

Each notebook of `merit_lib/notebooks/` declares its papermill parameters in its `parameters` cell; `check_parameters`
reads that cell to know them and their defaults, and returns them normalised: an OPD code in any case becomes the
data's own code (or a `ParameterError` with the closest codes), a string where a list is expected becomes a list
(`-p attributes jenis_kelamin` → `["jenis_kelamin"]`, `"a, b"` → `["a", "b"]`), a language is checked
(`domain.language.language`), a period parsed, input paths must exist and an output folder is created when missing.
In a notebook, right after its parameters cell::

    from merit_lib.report.parameters import check_parameters; globals().update(check_parameters("10_opd_report", globals(), strict=False))
"""

from __future__ import annotations

import ast
import difflib
import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from merit_lib.domain.errors import ParameterError
from merit_lib.domain.language import language
from merit_lib.domain.period import Period

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
#: parameters that take a list of column names (None = the notebook's own choice)
LISTS = ("attributes", "controls")
#: input paths: parameter → (a folder is expected, a file it must hold)
INPUTS: dict[str, tuple[bool | None, str | None]] = {
    "data_path": (None, None), "roles_path": (False, None), "tables_dir": (True, "compliance.csv"),
    "results_dir": (True, "findings.csv")}
#: output folders, created when missing
OUTPUTS = ("out_dir",)
#: parameters that name an OPD by its code
OPD_PARAMS = ("opd_kode", "opd")
#: the levels a post can be filled at (notebook 13's `level`)
LEVELS = ("JPT Pratama", "Administrator", "Pengawas")
LINE = ('from merit_lib.report.parameters import check_parameters; '
        'globals().update(check_parameters("{name}", globals(), strict=False))')


def _error(name: str, id_text: str, en_text: str) -> ParameterError:
    """A ParameterError naming the parameter, in both languages, on one line."""
    return ParameterError(" ".join(f"parameter {name}: {id_text}".split()), en=" ".join(f"parameter {name}: {en_text}".split()))


def _hint(word: str, choices: list[str], lang: str) -> str:
    """'; maksud Anda 'X'?' for the closest choice (case-insensitive), or '' when none is close."""
    folded = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
    if not close:
        return ""
    return f"; maksud Anda '{folded[close[0]]}'?" if lang == "id" else f"; did you mean '{folded[close[0]]}'?"


# --------------------------------------------------------------------------- what a notebook declares


def notebook_path(notebook: str | Path) -> Path:
    """The notebook file: a name of `merit_lib/notebooks/` (`10_opd_report`, with or without `.ipynb`) or a path."""
    path = Path(notebook)
    if path.suffix == ".ipynb" and path.is_file():
        return path
    own = NOTEBOOKS / f"{path.name.removesuffix('.ipynb')}.ipynb"
    if own.is_file():
        return own
    names = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    raise _error("notebook", f"'{notebook}' tidak ada di {NOTEBOOKS} (ada: {', '.join(names)}){_hint(path.stem, names, 'id')}",
                 f"'{notebook}' is not in {NOTEBOOKS} (there are: {', '.join(names)}){_hint(path.stem, names, 'en')}")


def notebook_parameters(notebook: str | Path) -> dict[str, object]:
    """The parameters a notebook declares in its papermill `parameters` cell: name → default value."""
    path = notebook_path(notebook)
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    cell = next((c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        raise _error("notebook", f"{path.name} tidak punya sel bertanda 'parameters'",
                     f"{path.name} has no cell tagged 'parameters'")
    source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    found: dict[str, object] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                found[node.targets[0].id] = None
    return found


# --------------------------------------------------------------------------- the checks, one per kind of parameter


def check_list(name: str, value: object) -> list[str] | None:
    """A list of names from a list, a tuple or a string (comma-separated); None stays None."""
    if value is None:
        return None
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        items = [part for v in value for part in v.split(",")]
    else:
        raise _error(name, f"harus daftar nama kolom, mis. [\"jenis_kelamin\"] atau \"jenis_kelamin,agama\" (diberikan: "
                           f"{value!r})",
                     f"must be a list of column names, e.g. [\"jenis_kelamin\"] or \"jenis_kelamin,agama\" (given: {value!r})")
    names = [i.strip() for i in items if i.strip()]
    if not names:
        raise _error(name, "daftar kosong: beri sedikitnya satu nama kolom, atau None untuk pilihan bawaan",
                     "empty list: give at least one column name, or None for the default")
    return names


def check_language(value: object) -> str:
    """`id` or `en` (any case); a ParameterError with a suggestion otherwise."""
    try:
        return language(None if value is None else str(value))
    except ValueError as exc:
        close = difflib.get_close_matches(str(value).strip().lower(), ["id", "en"], n=1)
        hint = f" — did you mean '{close[0]}'?" if close else ""
        raise _error("lang", str(exc), f"language '{value}' is not known (choose: id, en){hint}") from exc


def check_period(value: object) -> str:
    """The period as `2026Q1`."""
    try:
        return str(Period.parse(str(value)))
    except ValueError as exc:
        raise _error("period", str(exc), f"'{value}' is not a period: write year and quarter, e.g. 2026Q1") from exc


def check_input(name: str, value: object) -> str | None:
    """An input path that must exist (a folder holding its expected file, or a file); None stays None."""
    if value is None or value == "":
        return None
    path = Path(str(value)).expanduser()
    folder, holds = INPUTS[name]
    if not path.exists():
        raise _error(name, f"'{path}' tidak ada (folder kerja: {Path.cwd()})", f"'{path}' does not exist (working folder: "
                                                                            f"{Path.cwd()})")
    if folder is True and not path.is_dir():
        raise _error(name, f"'{path}' bukan folder", f"'{path}' is not a folder")
    if folder is False and not path.is_file():
        raise _error(name, f"'{path}' bukan berkas", f"'{path}' is not a file")
    if holds and not (path / holds).is_file():
        raise _error(name, f"folder '{path}' tidak berisi {holds} (apakah ini folder tables/ sebuah periode?)",
                     f"folder '{path}' holds no {holds} (is it a period's tables/ folder?)")
    return str(value)


def check_output(name: str, value: object) -> str | None:
    """An output folder, created (with its parents) when missing; None stays None."""
    if value is None or value == "":
        return None
    path = Path(str(value)).expanduser()
    if path.exists() and not path.is_dir():
        raise _error(name, f"'{path}' adalah berkas, bukan folder", f"'{path}' is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error(name, f"folder '{path}' tidak dapat dibuat ({exc.strerror})",
                     f"folder '{path}' cannot be made ({exc.strerror})") from exc
    return str(value)


def check_choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    """One of `choices`, given in any case; a ParameterError with the closest otherwise."""
    match = {c.casefold(): c for c in choices}.get(str(value).strip().casefold())
    if match is None:
        raise _error(name, f"'{value}' tidak dikenal (pilih: {', '.join(choices)}){_hint(str(value), list(choices), 'id')}",
                     f"'{value}' is not known (choose: {', '.join(choices)}){_hint(str(value), list(choices), 'en')}")
    return match


def check_count(name: str, value: object) -> int:
    """A whole number of at least 1 (also given as text, e.g. `-p n 10` from a shell)."""
    try:
        n = int(str(value).strip()) if not isinstance(value, bool) else 0
    except ValueError:
        n = 0
    if n < 1 or (isinstance(value, float) and value != n):
        raise _error(name, f"harus bilangan bulat ≥ 1 (diberikan: {value!r})", f"must be a whole number ≥ 1 (given: {value!r})")
    return n


def check_date(name: str, value: object) -> str:
    """A calendar date as `YYYY-MM-DD` (also given as `26/01/2026` or `26-01-2026`)."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return pd.to_datetime(str(value).strip(), format=fmt).strftime("%Y-%m-%d")
        except ValueError:
            continue
    raise _error(name, f"'{value}' bukan tanggal yang sah (tulis mis. 2026-01-26)",
                 f"'{value}' is not a valid date (write e.g. 2026-01-26)")


def opd_codes(params: Mapping[str, object]) -> list[str]:
    """The OPD codes the notebook will see: from `tables_dir`'s compliance.csv, else `data_path`'s pegawai table, else
    the demo extract the notebook falls back to."""
    if params.get("tables_dir"):
        table = pd.read_csv(Path(str(params["tables_dir"])) / "compliance.csv", dtype={"opd_kode": str})
        return sorted(table["opd_kode"].dropna().unique())
    from merit_lib.data.extract import load_extract
    from merit_lib.synth import demo_path

    data = Path(str(params["data_path"])) if params.get("data_path") else demo_path()
    return sorted(load_extract(data).pegawai["opd_kode"].dropna().unique())


def check_opd(name: str, value: object, codes: list[str]) -> str | None:
    """The data's own spelling of an OPD code given in any case; None stays None."""
    if value is None or value == "":
        return None
    given = str(value).strip()
    match = {c.casefold(): c for c in codes}.get(given.casefold())
    if match is not None:
        return match
    shown = ", ".join(codes[:12]) + (" …" if len(codes) > 12 else "")
    raise _error(name, f"'{given}' tidak ada di data (ada {len(codes)} OPD: {shown}){_hint(given, codes, 'id')}",
                 f"'{given}' is not in the data ({len(codes)} OPDs: {shown}){_hint(given, codes, 'en')}")


# --------------------------------------------------------------------------- the door


def check_parameters(notebook: str, params: Mapping[str, object], strict: bool = True) -> dict:
    """Every parameter of `notebook` (its defaults, overridden by `params`), checked and normalised.

    `strict`: a name in `params` that the notebook does not declare is an error (with the closest name); without it,
    other names are ignored (pass a notebook's `globals()`). Raises ParameterError with one line naming the parameter."""
    declared = notebook_parameters(notebook)
    unknown = [k for k in params if k not in declared]
    if strict and unknown:
        name = unknown[0]
        choices = sorted(declared)
        raise _error(name, f"tidak dikenal oleh {Path(notebook).stem} (parameternya: {', '.join(choices)})"
                           f"{_hint(name, choices, 'id')}",
                     f"not known to {Path(notebook).stem} (its parameters: {', '.join(choices)}){_hint(name, choices, 'en')}")
    values = {k: params[k] if k in params else default for k, default in declared.items()}
    checks: dict[str, Callable[[object], object]] = {
        "lang": check_language, "period": check_period, "level": lambda v: check_choice("level", v, LEVELS),
        "n": lambda v: check_count("n", v), "date": lambda v: check_date("date", v)}
    checks |= {k: (lambda v, k=k: check_list(k, v)) for k in LISTS}
    checks |= {k: (lambda v, k=k: check_input(k, v)) for k in INPUTS}
    checks |= {k: (lambda v, k=k: check_output(k, v)) for k in OUTPUTS}
    for name in values:
        if name in checks:
            values[name] = checks[name](values[name])
    for name in OPD_PARAMS:
        if values.get(name) not in (None, ""):
            values[name] = check_opd(name, values[name], opd_codes(values))
    return values


def notebook_line(notebook: str) -> str:
    """The one line a notebook runs right after its parameters cell."""
    return LINE.format(name=Path(notebook).stem)
