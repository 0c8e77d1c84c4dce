"""What an auditor may record about a finding of the register, and the rules each value must follow.

Five fields are the auditor's (`FIELDS`): the OPD's response (`codes.RESPONSES`), the action agreed, the deadline, the
follow-up status in BPK's four categories (`codes.FOLLOW_UPS`) and the reviewer. Every value, from a spreadsheet cell or
the command line, is read by `parse` here, so both say the same thing about the same mistake: a value outside its
list, a date that is none (or, once set anew, in the past), a text too long, or a text holding an 18-digit number (a
NIP has no place in the register). Words are the catalogue's (`text.t("register.…")`), in either language; codes are
stable.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from merit_lib.domain import codes, text

#: the auditor's fields, in the order a sheet shows them
FIELDS: tuple[str, ...] = ("response", "action", "deadline", "follow_up", "reviewer")
#: the longest text each text field holds (characters)
MAX_LENGTH: dict[str, int] = {"action": 500, "reviewer": 80}
_NIP_LIKE = re.compile(r"(?<!\d)\d{18}(?!\d)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE_TEXT = (("%Y-%m-%d", re.compile(r"\d{4}-\d{2}-\d{2}")), ("%d/%m/%Y", re.compile(r"\d{1,2}/\d{1,2}/\d{4}")),
              ("%d-%m-%Y", re.compile(r"\d{1,2}-\d{1,2}-\d{4}")))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value: a catalogue key (`register.problem_<key>`) and what fills it."""

    key: str
    fields: dict = field(default_factory=dict)

    def message(self, lang: str = "id") -> str:
        return text.t(f"register.problem_{self.key}", lang, **self.fields)


def _norm(value: object) -> str:
    return " ".join(str(value).replace("_", " ").lower().split())


def _words(prefix: str, values: tuple[str, ...]) -> dict[str, str]:
    """Every way a value may be written (its code, its words in each language, long and short) → its code."""
    out: dict[str, str] = {}
    for code in values:
        out[_norm(code)] = code
        for lang in text.LANGS:
            for key in (f"register.{prefix}_{code}", f"register.{prefix}_short_{code}"):
                words = text.t(key, lang)
                if words != key:
                    out[_norm(words)] = code
    return out


def choices(name: str, lang: str = "id") -> list[str]:
    """The words a list field offers (a spreadsheet's drop-down list), in `codes` order."""
    prefix, values = ("follow", codes.FOLLOW_UPS) if name == "follow_up" else ("response", codes.RESPONSES)
    return [text.t(f"register.{prefix}_{v}", lang) for v in values]


def label(name: str, code: object, lang: str = "id", short: bool = False) -> str:
    """A list field's code in words ('' for none)."""
    if code is None or code == "" or code != code:
        return ""
    prefix = "follow" if name == "follow_up" else "response"
    key = f"register.{prefix}_{'short_' if short else ''}{code}"
    words = text.t(key, lang)
    return words if words != key else str(code)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or (isinstance(value, str) and not value.strip())


def parse(name: str, value: object) -> tuple[object, Problem | None]:
    """A field's value as stored (a code, an ISO date, a text, or None for an empty cell), or the problem with it.
    The deadline's place in time is `check_deadline`'s (only a deadline set anew must lie ahead)."""
    if name not in FIELDS:
        raise ValueError(f"unknown field {name!r}")
    if name == "follow_up" and _blank(value):
        return None, Problem("required", {"allowed": "; ".join(choices("follow_up"))})
    if _blank(value):
        return None, None
    if name in ("response", "follow_up"):
        words = _words("follow" if name == "follow_up" else "response",
                       codes.FOLLOW_UPS if name == "follow_up" else codes.RESPONSES)
        code = words.get(_norm(value))
        if code is None:
            return None, Problem("choice", {"value": _shown(value), "allowed": "; ".join(choices(name))})
        return code, None
    if name == "deadline":
        day = _date(value)
        return (day.isoformat(), None) if day is not None else (None, Problem("date", {"value": _shown(value)}))
    if not isinstance(value, str):
        value = str(value)
    cleaned = value.strip()
    if _CONTROL.search(cleaned):
        return None, Problem("control", {})
    if len(cleaned) > MAX_LENGTH[name]:
        return None, Problem("too_long", {"n": len(cleaned), "limit": MAX_LENGTH[name]})
    if _NIP_LIKE.search(cleaned):
        return None, Problem("nip", {})
    return cleaned, None


def check_deadline(new: str | None, old: str | None, today: dt.date) -> Problem | None:
    """A deadline set or changed must not lie before `today`; one kept as it was may have passed since."""
    if new is None or new == old or dt.date.fromisoformat(new) >= today:
        return None
    return Problem("past", {"value": dt.date.fromisoformat(new).isoformat(), "today": today.isoformat()})


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else None
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    s = value.strip()
    for fmt, pattern in _DATE_TEXT:
        if pattern.fullmatch(s):
            try:
                return dt.datetime.strptime(s, fmt).date()
            except ValueError:
                return None
    return None


def _shown(value: object) -> str:
    """A value for a message: on one line, at most 60 characters."""
    s = " ".join(str(value).split())
    return s if len(s) <= 60 else s[:57] + "…"
