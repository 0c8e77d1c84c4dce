"""Where a command may write: the one output policy of DESIGN §5, for every command that writes.

Each command states its targets once, at its door (`claim`): the folders it writes into with the entries it puts
there, or the files it writes, and which of them is `merit report`'s own period folder. A target is refused (an
OutputError naming it; nothing is written) when
- it is or lies inside a period folder (ours: a `manifest.json` with our generator marker), unless it is the
  period folder the report itself writes (which must not lie inside another one);
- it is or lies inside an input, or an entry it writes is an input or holds one (a period folder is replaced
  whole, so no input may lie anywhere in it);
- it puts an extract's tables (`pegawai.csv` …) into a folder that holds another extract (one our SIASN
  conversion did not write: ours carry `siasn_ledger.csv`) or a SIASN folder;
- it is one file and an existing folder.
How the files are made is `merit_lib.data.sink`'s: restricted ones (`private=True`) 0600 in folders made 0700.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from merit_lib.data.siasn import LEDGER_FILE, is_siasn_folder
from merit_lib.data.sources import READABLE, is_temporary
from merit_lib.domain import contract as C
from merit_lib.domain.errors import OutputError, output_error
from merit_lib.domain.text import t

MARKER = {"generator": "merit_lib"}
MANIFEST = "manifest.json"


def read_manifest(folder: Path) -> dict | None:
    """A folder's manifest.json if it is ours (our generator marker), else None."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or any(data.get(k) != v for k, v in MARKER.items()):
        return None
    return data


def period_folder_of(path: Path | str) -> Path | None:
    """The period report folder (ours: a merit_lib manifest) that `path` is or lies in, else None."""
    p = Path(path).expanduser().resolve()
    for folder in (p, *p.parents):
        if folder.is_dir() and read_manifest(folder) is not None:
            return folder
    return None


@dataclass(frozen=True)
class Target:
    """One place a command writes: a folder and the entries (files or sub-folders) it puts there, or one file."""

    path: Path | str
    option: str = "--out"
    entries: tuple[str, ...] = ()
    file: bool = False
    period: bool = False          # merit report's period folder, replaced whole

    @property
    def folder(self) -> Path:
        return Path(self.path).parent if self.file else Path(self.path)

    @property
    def written(self) -> tuple[str, ...]:
        return (Path(self.path).name,) if self.file else self.entries


def claim(targets: Iterable[Target], inputs: Iterable[Path | str | None] = ()) -> list[Path]:
    """Check every target of a command against the policy (see the module); their resolved paths, or an OutputError."""
    sources = [Path(i).expanduser().resolve() for i in inputs if i]
    resolved = [replace(x, path=Path(x.path).expanduser().resolve()) for x in targets]
    for target in resolved:
        _check(target, sources)
    return [Path(x.path) for x in resolved]


def _refuse(key: str, target: Target, **fields: object) -> OutputError:
    fields = {"option": target.option, "path": target.path, **fields}
    return OutputError(t(f"door.{key}", "id", **fields), en=t(f"door.{key}", "en", **fields))


def _check(target: Target, sources: list[Path]) -> None:
    folder, path = target.folder, Path(target.path)
    host = period_folder_of(folder.parent if target.period else folder)
    if host is not None:
        raise _refuse("period", target, folder=host)
    for source in sources:
        if path == source:
            raise _refuse("onto_input", target, input=source)
        if folder == source or folder.is_relative_to(source):
            raise _refuse("into_input", target, input=source)
        hit = source.is_relative_to(folder) if target.period else any(
            source == folder / e or source.is_relative_to(folder / e) for e in target.written)
        if hit:
            raise _refuse("onto_input", target, input=source)
    if target.file and path.is_dir():
        raise output_error(OSError(errno.EISDIR, "Is a directory"), path)
    tables = [e for e in target.written if C.header_key(Path(e).stem) in {C.header_key(n) for n in C.TABLES}]
    if tables and folder.is_dir():
        found = _other_extract(folder)
        if found:
            raise _refuse("other_extract", target, found=found)


def _other_extract(folder: Path) -> str | None:
    """What makes `folder` another extract (a table file, or SIASN's form), or None (none, or a conversion of ours)."""
    if (folder / LEDGER_FILE).is_file():
        return None
    names = {C.header_key(n) for n in C.TABLES}
    tables = sorted(f.name for f in folder.iterdir()
                    if f.is_file() and not is_temporary(f) and f.suffix.lower() in READABLE and C.header_key(f.stem) in names)
    if tables:
        return ", ".join(tables)
    return "SIASN" if is_siasn_folder(folder) else None
