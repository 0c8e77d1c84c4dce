"""Reporting periods: quarters such as `2026Q1`, and the evidence window of quarters a period's verdicts rest on."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from merit_lib.domain.errors import ParameterError


class PeriodError(ParameterError, ValueError):
    """A period that is malformed, or that the data cannot speak for (before its history, after its last date); one
    clear line in both languages (a ValueError too, for callers that catch one)."""


@dataclass(frozen=True)
class Period:
    """A calendar quarter; `start` is its first day, `end` its last."""

    year: int
    quarter: int

    @classmethod
    def parse(cls, text: str | Period) -> Period:
        """Parse `2026Q1` (the year, `Q` and the quarter, nothing between them; `q` is read as `Q`); a PeriodError that
        says how to write it otherwise (`2026-Q1`, `Q1 2026`, `2026Q5` are refused, never guessed)."""
        if isinstance(text, Period):
            return text
        m = re.fullmatch(r"\s*(\d{4})[Qq]([1-4])\s*", str(text))
        if not m:
            raise PeriodError(f"periode '{text}' tidak sah: tulis tahun, Q dan nomor triwulan tanpa pemisah, mis. 2026Q1",
                              en=f"period '{text}' is not valid: write the year, Q and the quarter's number with nothing "
                                 "between them, e.g. 2026Q1")
        return cls(int(m.group(1)), int(m.group(2)))

    @property
    def start(self) -> pd.Timestamp:
        return pd.Timestamp(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> pd.Timestamp:
        return (self.start + pd.offsets.QuarterEnd(0)).normalize()

    def previous(self) -> Period:
        return Period(self.year - 1, 4) if self.quarter == 1 else Period(self.year, self.quarter - 1)

    def next(self) -> Period:
        return Period(self.year + 1, 1) if self.quarter == 4 else Period(self.year, self.quarter + 1)

    @classmethod
    def of(cls, date: pd.Timestamp) -> Period:
        """The quarter a date falls in."""
        return cls(int(date.year), (int(date.month) - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"


#: the evidence window's default length in quarters: the twelve months ending with the period (DESIGN §8)
DEFAULT_WINDOW = 4


@dataclass(frozen=True)
class Window:
    """The evidence window of a period: the quarters (oldest first, the period last) whose events verdicts rest on.

    `requested` is the length asked for; `quarters` may be shorter where the extract's history does not reach back
    that far (`shrunk`)."""

    quarters: tuple[Period, ...]
    requested: int

    @classmethod
    def ending(cls, period: Period | str, n: int = DEFAULT_WINDOW, history_from: pd.Timestamp | None = None) -> Window:
        """The `n` quarters ending with `period`, less those that end before `history_from` (the first dated event of
        the extract's history; the period itself always stays)."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(f"jendela {n!r} tidak sah: tulis jumlah triwulan, bilangan bulat ≥ 1 (window must be a whole "
                             "number of quarters, at least 1)")
        last = Period.parse(period)
        quarters = [last]
        while len(quarters) < n:
            before = quarters[0].previous()
            if history_from is not None and not pd.isna(history_from) and before.end < history_from:
                break
            quarters.insert(0, before)
        return cls(tuple(quarters), n)

    @property
    def period(self) -> Period:
        """The quarter the report is published for (the window's last)."""
        return self.quarters[-1]

    @property
    def first(self) -> Period:
        return self.quarters[0]

    @property
    def start(self) -> pd.Timestamp:
        return self.first.start

    @property
    def end(self) -> pd.Timestamp:
        return self.period.end

    @property
    def n(self) -> int:
        """How many quarters the window holds."""
        return len(self.quarters)

    @property
    def shrunk(self) -> bool:
        """Whether the extract's history held fewer quarters than asked for."""
        return self.n < self.requested

    def labels(self) -> list[str]:
        """The quarters as text, oldest first (`2025Q2`, …, `2026Q1`)."""
        return [str(q) for q in self.quarters]

    def quarter_of(self, dates: pd.Series) -> pd.Series:
        """The window quarter (`2025Q3`) each date falls in; NA outside the window."""
        d = pd.to_datetime(dates)
        out = pd.Series(pd.NA, index=dates.index, dtype="string")
        for q in self.quarters:
            out[((d >= q.start) & (d <= q.end)).fillna(False).to_numpy(bool)] = str(q)
        return out

    def as_dict(self) -> dict[str, object]:
        """The window for a manifest or run meta: its quarters, what was asked for, and whether it shrank."""
        return {"quarters": self.labels(), "requested": self.requested, "n": self.n, "shrunk": self.shrunk}

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> Window:
        """The window a run meta recorded (`as_dict`)."""
        quarters = tuple(Period.parse(q) for q in d["quarters"])  # type: ignore[union-attr]
        return cls(quarters, int(d.get("requested", len(quarters))))  # type: ignore[arg-type]
