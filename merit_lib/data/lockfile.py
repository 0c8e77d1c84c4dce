"""An exclusive lock file beside what it guards (a period folder, the register): flock'ed, holding who holds it and
why; unlinked on release while it is still ours. A process that dies releases its flock with it."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from merit_lib.domain.errors import output_error


class LockFile:
    """`.<name>.lock` taken with `try_acquire()` (never waits: the caller decides whether to wait or refuse)."""

    def __init__(self, path: Path, note: str, where: Path | None = None):
        self.path, self.note = Path(path), note
        self.where = where or self.path.parent          # named in the message when the lock file cannot be opened
        self.fd: int | None = None

    def try_acquire(self) -> str | None:
        """Take the lock now: None once taken, else what its holder wrote ("?" when nothing). A lock file its holder
        unlinked while we opened it is not the lock: opened again."""
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise output_error(exc, self.where) from exc
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 300).decode("utf-8", "replace").strip() or "?"
                os.close(fd)
                return holder
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.write(fd, f"pid {os.getpid()}: {self.note}\n".encode())
                self.fd = fd
                return None
            os.close(fd)

    def release(self) -> None:
        """Unlink the lock file (when it is still ours) and let the lock go."""
        if self.fd is None:
            return
        try:
            if os.stat(self.path).st_ino == os.fstat(self.fd).st_ino:
                self.path.unlink()
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None
