"""An exclusive lock file beside what it guards (a period folder, the register): flock'ed, holding who holds it and
why; unlinked on release while it is still ours. A process that dies releases its flock with it."""

from __future__ import annotations

import fcntl
import math
import os
import time
from collections.abc import Callable
from pathlib import Path

from merit_lib.domain.errors import output_error


class LockFile:
    """`.<name>.lock` taken with `try_acquire()` (never waits: the caller decides whether to wait or refuse) or with
    `wait()` (tries until it is taken or the time is up)."""

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

    def wait(self, seconds: float = math.inf, on_wait: Callable[[str], object] | None = None,
             poll: float = 0.1) -> str | None:
        """Take the lock within `seconds`: None once taken, else what its holder wrote when the time is up. `on_wait`
        is told the holder once, the first time the lock is found held (unless the time is already up)."""
        deadline = time.monotonic() + max(seconds, 0.0)
        told = False
        while (holder := self.try_acquire()) is not None:
            if time.monotonic() >= deadline:
                return holder
            if on_wait is not None and not told:
                on_wait(holder)
                told = True
            time.sleep(poll)
        return None

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
