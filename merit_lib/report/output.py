"""The `--out` policy of DESIGN §5: `merit report` owns its period folder and touches nothing else.

`PeriodFolder(out)` is held for the length of a run. On entry it refuses a target that is a file, lies under
a file, contains the current folder, or exists without being one of our report folders (a `manifest.json`
with `"generator": "merit_lib"` whose file list covers every file in it; an empty folder is accepted, there
is nothing in it to lose); a partial run (`--opd`) into a folder with other OPD pages; it takes a lock (`.<name>.lock`,
flock'ed, holding the pid: a second run into the same folder is refused), removes stale staging folders
of its own (`.<name>.partial-<pid>-<hex>` of a dead pid) and makes a fresh one. `seal` writes the manifest,
`commit` swaps the staging folder in (the old folder is removed only after the new one is in place, and
only if it is still ours). Where it may write at all is the policy every command follows (`report.targets.claim`):
`out` not inside another period folder, neither `out` nor `<name>.internal/` (or `--internal`) onto or into the input. On exit, on an error or on SIGTERM/SIGINT/SIGHUP, the staging folder is removed
and the lock released; what a SIGKILL leaves is cleaned at the next start. The only entries written beside
`out` are those siblings, `<name>.internal/` (the steward's row-level files) and, for a failed run that
must not replace a good folder, `<name>.gagal-<time>/`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import signal
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from merit_lib.data.lockfile import LockFile
from merit_lib.data.sink import safe_name, write_json
from merit_lib.domain.errors import OutputError, output_error
from merit_lib.report.targets import MANIFEST, MARKER, Target, claim, read_manifest

__all__ = ["MANIFEST", "MARKER", "PeriodFolder", "Stopped", "page_names", "read_manifest"]

_SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGTERM", "SIGINT", "SIGHUP")) if s is not None)
_OWN = re.compile(r"-(?P<pid>\d+)-[0-9a-f]{8}")


class Stopped(KeyboardInterrupt):
    """The run was stopped by a signal (SIGTERM, SIGINT, SIGHUP); `signum` says which."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def files_in(folder: Path) -> list[str]:
    """Every file (and link) under `folder`, as sorted relative POSIX paths; links are not followed."""
    found = []
    for root, dirs, files in os.walk(folder):
        base = Path(root)
        found += [(base / f).relative_to(folder).as_posix() for f in files]
        found += [(base / d).relative_to(folder).as_posix() for d in dirs if (base / d).is_symlink()]
    return sorted(found)


def foreign_files(folder: Path, manifest: dict) -> list[str]:
    """Files in one of our folders that its manifest does not list: someone else put them there."""
    listed = set(manifest.get("files") or []) | {MANIFEST}
    return [f for f in files_in(folder) if f not in listed]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class PeriodFolder:
    """One `--out` owned for the length of a run: checks, lock, staging folder, swap, cleanup (see the module)."""

    def __init__(self, out: Path | str, opds: list[str] | None = None, internal: Path | str | None = None,
                 inputs: tuple[Path | str, ...] = (), internal_entries: tuple[str, ...] = ()):
        self.inputs, self.internal_entries = inputs, internal_entries
        self.out = Path(out).expanduser().resolve()
        self.parent, self.name = self.out.parent, self.out.name
        self.opds = list(opds) if opds else None
        self.internal = Path(internal).expanduser().resolve() if internal else self.parent / f"{self.name}.internal"
        self.stage = self.parent / f".{self.name}.partial-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.lock_path = self.parent / f".{self.name}.lock"
        self._lockfile = LockFile(self.lock_path, f"merit report {self.name} ({dt.datetime.now():%Y-%m-%d %H:%M:%S})")
        self._handlers: dict[int, object] = {}
        self._stopping = False
        self._deferred: int | None = None
        self._defer = False
        self.warnings: list[str] = []

    # ----------------------------------------------------------------- entry and exit

    def __enter__(self) -> PeriodFolder:
        self.check_target()
        self._make_parent()
        self._lock()
        try:
            self._clean_stale()
            self._check_existing()
            self._guard_signals()
            try:
                self.stage.mkdir()
            except OSError as exc:
                raise output_error(exc, self.stage) from exc
            write_json({**MARKER, "status": "running", "pid": os.getpid(), "out": self.name}, self.stage / MANIFEST)
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._release()

    def _release(self) -> None:
        """Remove the staging folder (it is ours by construction), release the lock, restore the signal handlers."""
        self._stopping = True
        try:
            if self.stage.is_dir() and not self.stage.is_symlink():
                shutil.rmtree(self.stage, ignore_errors=True)
            self._unlock()
        finally:
            for sig, handler in self._handlers.items():
                signal.signal(sig, signal.SIG_DFL if handler is None else handler)  # type: ignore[arg-type]
            self._handlers.clear()

    # ----------------------------------------------------------------- the checks

    def _refuse(self, id_text: str, en_text: str) -> OutputError:
        return OutputError(f"--out {self.out}: {id_text}", en=f"--out {self.out}: {en_text}")

    def check_target(self) -> None:
        """Refuse a target that is a file, lies under a file, or contains the current folder; check `--internal`."""
        for p in (self.out, *self.out.parents):
            if p.exists() or p.is_symlink():
                if not p.is_dir():
                    if p == self.out:
                        raise self._refuse("sudah ada dan berupa berkas, bukan folder laporan",
                                           "exists and is a file, not a report folder")
                    raise self._refuse(f"berada di bawah berkas {p}", f"lies under the file {p}")
                break
        cwd = Path.cwd().resolve()
        if cwd == self.out or cwd.is_relative_to(self.out):
            raise self._refuse("memuat folder kerja saat ini; pilih folder periode tersendiri, mis. reports/2026Q1",
                               "contains the current folder; name a period folder of its own, e.g. reports/2026Q1")
        if self.internal == self.out or self.internal.is_relative_to(self.out):
            raise self._refuse(f"--internal {self.internal} tidak boleh berada di dalam folder yang diterbitkan",
                               f"--internal {self.internal} must not lie inside the published folder")
        if self.internal.exists() and not self.internal.is_dir():
            raise self._refuse(f"--internal {self.internal} adalah berkas, bukan folder",
                               f"--internal {self.internal} is a file, not a folder")
        # the policy every command follows (report.targets): not inside another period folder, not onto or into the input
        claim([Target(self.out, period=True), Target(self.internal, "--internal", self.internal_entries)], self.inputs)

    def _check_existing(self) -> None:
        """An existing target must be an empty folder or one of ours; a partial (`--opd`) run never drops OPD pages."""
        if not self.out.exists() or not any(self.out.iterdir()):
            return
        manifest = read_manifest(self.out)
        if manifest is None:
            raise self._refuse(
                "sudah ada dan bukan folder laporan merit (tidak ada manifest.json merit_lib); tidak ada yang diubah — "
                "pilih folder periode baru, mis. reports/2026Q1, atau kosongkan folder itu sendiri",
                "exists and is not a merit report folder (no merit_lib manifest.json); nothing was changed — name a "
                "new period folder, e.g. reports/2026Q1, or empty that folder yourself")
        extra = foreign_files(self.out, manifest)
        if extra:
            shown = ", ".join(extra[:3]) + (" …" if len(extra) > 3 else "")
            raise self._refuse(f"berisi berkas yang tidak ditulis merit ({shown}); tidak ada yang diubah",
                               f"holds files merit did not write ({shown}); nothing was changed")
        if self.opds is not None:
            before = (manifest.get("parameters") or {}).get("opd")
            if before is None or set(before) - set(self.opds):
                raise self._refuse(
                    "sudah berisi laporan OPD lain yang akan hilang; gunakan --out tersendiri untuk run sebagian (--opd)",
                    "already holds other OPD pages that would be lost; use a separate --out for a partial (--opd) run")

    # ----------------------------------------------------------------- lock and stale entries

    def _make_parent(self) -> None:
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise output_error(exc, self.parent) from exc

    def _lock(self) -> None:
        """flock `.<name>.lock` (holding our pid, data.lockfile); a lock held by a live run is a refusal."""
        holder = self._lockfile.try_acquire()
        if holder is not None:
            raise self._refuse(f"sedang ditulis oleh run lain ({holder}); tunggu sampai selesai",
                               f"is being written by another run ({holder}); wait until it is done")

    def _unlock(self) -> None:
        self._lockfile.release()

    def _stale(self, kind: str) -> list[Path]:
        """Our own `.<name>.<kind>-<pid>-<hex>` folders whose process is dead (a foreign look-alike is left alone)."""
        prefix = f".{self.name}.{kind}"
        found = []
        for entry in self.parent.iterdir():
            m = _OWN.fullmatch(entry.name[len(prefix):]) if entry.name.startswith(prefix) else None
            if m is None or entry.is_symlink() or not entry.is_dir():
                continue
            if read_manifest(entry) is None and any(entry.iterdir()):     # not ours (an empty one has nothing to lose)
                continue
            if not _pid_alive(int(m["pid"])):
                found.append(entry)
        return found

    def _clean_stale(self) -> None:
        """Remove what a killed run of ours left: staging folders, and an old folder a swap had moved aside."""
        for entry in self._stale("partial"):
            if read_manifest(entry) is None:
                with contextlib.suppress(OSError):   # killed before its manifest was written: empty
                    entry.rmdir()
            else:
                shutil.rmtree(entry, ignore_errors=True)
        for entry in self._stale("old"):
            if read_manifest(entry) is None:
                with contextlib.suppress(OSError):
                    entry.rmdir()
            elif not self.out.exists():
                entry.rename(self.out)            # a swap killed between its two renames: put the old folder back
            elif not foreign_files(entry, read_manifest(entry) or {}):
                shutil.rmtree(entry, ignore_errors=True)

    # ----------------------------------------------------------------- signals

    def _guard_signals(self) -> None:
        """SIGTERM/SIGINT/SIGHUP raise `Stopped` (so the run cleans up); during a swap they wait until it is done."""
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in _SIGNALS:
            self._handlers[sig] = signal.signal(sig, self._on_signal)

    def _on_signal(self, signum: int, frame: object) -> None:
        if self._stopping:
            return
        if self._defer:
            self._deferred = signum
            return
        self._stopping = True
        raise Stopped(signum)

    # ----------------------------------------------------------------- manifest and swap

    def seal(self, manifest: dict) -> dict:
        """Write the staging folder's manifest.json: our marker and the list of every file in it."""
        files = [f for f in files_in(self.stage) if f != MANIFEST]
        sealed = {**MARKER, **manifest, "files": files}
        write_json(sealed, self.stage / MANIFEST)
        return sealed

    def commit(self, failed: bool = False, before_swap: Callable[[], None] | None = None) -> Path | None:
        """Swap the staging folder in. A failed run never replaces a folder with reports: it goes to
        `<name>.gagal-<time>` (returned). Signals wait until the swap is done. `before_swap` (e.g. the register's
        commit) runs just before the staging folder takes `out`'s place, and only then: never for a run kept aside."""
        self._defer = True
        try:
            return self._swap(failed, before_swap)
        except OSError as exc:
            raise output_error(exc, self.out) from exc
        finally:
            self._defer = False
            if self._deferred is not None:
                self._stopping = True
                raise Stopped(self._deferred)

    def _swap(self, failed: bool, before_swap: Callable[[], None] | None = None) -> Path | None:
        exists = self.out.exists()
        empty = exists and not any(self.out.iterdir())
        if failed and exists and not empty:
            aside = self.parent / f"{self.name}.gagal-{dt.datetime.now():%Y%m%d-%H%M%S}"
            while aside.exists():
                aside = aside.with_name(f"{aside.name}-{uuid.uuid4().hex[:4]}")
            self.stage.rename(aside)
            return aside
        if exists and not empty:
            self._check_existing()               # still ours, still nothing foreign in it (before anything is committed)
        if before_swap is not None:
            before_swap()
        old = None
        if empty:
            self.out.rmdir()                     # an empty folder: nothing to lose (rmdir cannot delete content)
        elif exists:
            self._check_existing()               # still ours, still nothing foreign in it
            old = self.parent / f".{self.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}"
            self.out.rename(old)
        try:
            self.stage.rename(self.out)
        except OSError:
            if old is not None:
                old.rename(self.out)
            raise
        if old is not None:
            manifest = read_manifest(old)
            if manifest is not None and not foreign_files(old, manifest):
                shutil.rmtree(old)
            else:
                self.warnings.append(f"{old}: folder lama disimpan (berisi berkas asing) — old folder kept: it holds foreign files")
        return None


def page_names(codes: list[str]) -> dict[str, str]:
    """OPD code → a file-name stem made safe (`safe_name`) and unique among the codes."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for code in codes:
        stem = base = safe_name(code)
        i = 2
        while stem.lower() in taken:
            stem, i = f"{base}-{i}", i + 1
        taken.add(stem.lower())
        names[code] = stem
    return names
