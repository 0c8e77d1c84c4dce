"""Reporting periods: quarters such as `2026Q1`."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Period:
    """A calendar quarter; `start` is its first day, `end` its last."""

    year: int
    quarter: int

    @classmethod
    def parse(cls, text: str | Period) -> Period:
        """Parse `2026Q1` (also `2026-Q1`, `2026q1`); a clear ValueError otherwise."""
        if isinstance(text, Period):
            return text
        m = re.fullmatch(r"\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*", str(text))
        if not m:
            raise ValueError(f"periode '{text}' tidak sah: tulis tahun dan kuartal, mis. 2026Q1")
        return cls(int(m.group(1)), int(m.group(2)))

    @property
    def start(self) -> pd.Timestamp:
        return pd.Timestamp(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> pd.Timestamp:
        return (self.start + pd.offsets.QuarterEnd(0)).normalize()

    def previous(self) -> Period:
        return Period(self.year - 1, 4) if self.quarter == 1 else Period(self.year, self.quarter - 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"
