"""What a user can cause: errors the `merit` command shows as one clear line (exit 2), never as a traceback.

Anything else that escapes is a bug (exit 3, traceback saved to a file). Each error carries its message in
Indonesian and, where given, in English; `message(lang)` picks one.
"""

from __future__ import annotations

import errno

#: OSError numbers that are the user's environment, not a bug: a full disk, no permission, a read-only or
#: wrong path
_OUTPUT_ERRNOS = {
    errno.ENOSPC: ("disk penuh", "no space left on the device"),
    errno.EDQUOT: ("kuota disk habis", "disk quota exceeded"),
    errno.EFBIG: ("berkas terlalu besar untuk sistem berkas ini", "file too large for this file system"),
    errno.EACCES: ("tidak ada izin menulis", "permission denied"),
    errno.EPERM: ("tidak ada izin menulis", "operation not permitted"),
    errno.EROFS: ("sistem berkas hanya-baca", "read-only file system"),
    errno.ENOTDIR: ("bagian jalurnya adalah berkas, bukan folder", "a part of the path is a file, not a folder"),
    errno.EISDIR: ("jalur itu adalah folder, bukan berkas", "the path is a folder, not a file"),
    errno.ENAMETOOLONG: ("nama jalur terlalu panjang", "path name too long"),
    errno.EEXIST: ("sudah ada", "already exists"),
}
#: and, while writing, a path that does not exist and cannot be made (e.g. under /proc); elsewhere a missing file is a bug
_WRITE_ERRNOS = {**_OUTPUT_ERRNOS, errno.ENOENT: ("jalur itu tidak ada dan tidak dapat dibuat",
                                                  "the path does not exist and cannot be made")}


class MeritError(Exception):
    """A problem the user can fix; `message(lang)` is one line in the report's language."""

    def __init__(self, message: str, en: str | None = None):
        super().__init__(message)
        self.en = en

    def message(self, lang: str = "id") -> str:
        """The message in `lang` (English when given, else the Indonesian one), on one line."""
        text = self.en if lang == "en" and self.en else str(self)
        return " ".join(text.split())


class InputError(MeritError):
    """The input cannot be used: a missing, unreadable or wrong file or folder."""


class LimitError(InputError):
    """The input passes a limit set to keep a run bounded (a workbook's size, a header's width, a roles file's
    anchors); the message names the limit."""


class ParameterError(MeritError):
    """A command-line or function parameter that is not valid (a period, a worker count, an option)."""


class OutputError(MeritError):
    """The output cannot be written: no space, no permission, read-only, or `--out` refused."""


def is_output_oserror(exc: BaseException) -> bool:
    """True for an OSError the user's environment caused (full disk, permission, read-only, path)."""
    return isinstance(exc, OSError) and exc.errno in _OUTPUT_ERRNOS


def is_write_oserror(exc: BaseException) -> bool:
    """True for an OSError that, raised while writing, is the user's environment: those of `is_output_oserror` and a
    path that cannot be made."""
    return isinstance(exc, OSError) and exc.errno in _WRITE_ERRNOS


def output_error(exc: OSError, path: object = None) -> OutputError:
    """An OSError while writing `path` (default: the error's own file name) as an OutputError naming the path and
    the reason in both languages."""
    id_reason, en_reason = _WRITE_ERRNOS.get(exc.errno or 0, (exc.strerror or str(exc), exc.strerror or str(exc)))
    where = path if path is not None else (exc.filename or "?")
    return OutputError(f"tidak dapat menulis {where}: {id_reason}", en=f"cannot write {where}: {en_reason}")
