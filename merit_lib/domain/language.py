"""The language door: which languages a report speaks, and numbers, percentages, dates and periods in each (Babel).

Indonesian (`id`, locale `id_ID`) is the default: 3.517; 69,5 %; 26 Januari 2026; "Triwulan I 2026".
English (`en`): 3,517; 69.5%; 26 January 2026; "Q1 2026". Every page and table formats through here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LANGUAGES = {"id": "id_ID", "en": "en_GB"}
_ROMAN = ("I", "II", "III", "IV")


def language(lang: str | None) -> str:
    """The language code, checked: `id` or `en` (any case); a clear ValueError with a suggestion otherwise."""
    code = (lang or "id").strip().lower()
    if code in LANGUAGES:
        return code
    close = difflib.get_close_matches(code, list(LANGUAGES), n=1)
    hint = f" — maksud Anda '{close[0]}'?" if close else ""
    raise ValueError(f"bahasa '{lang}' tidak dikenal (pilih: {', '.join(LANGUAGES)}){hint}")


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def number(x: float | int | None, lang: str = "id", decimals: int = 0) -> str:
    """A number with the language's separators (`3.517`, `0,89` in Indonesian); empty for a missing value."""
    if _missing(x):
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(x, format=pattern, locale=LANGUAGES[language(lang)])


def percent(x: float | None, lang: str = "id", decimals: int = 1) -> str:
    """A share as a percentage (`69,5 %` in Indonesian, `69.5%` in English); empty for a missing value."""
    if _missing(x):
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + ("\u00a0%" if language(lang) == "id" else "%")
    return format_percent(x, format=pattern, locale=LANGUAGES[language(lang)])


def date(d: dt.date | None, lang: str = "id") -> str:
    """A date in words (`26 Januari 2026`)."""
    if d is None:
        return ""
    return format_date(d, format="long", locale=LANGUAGES[language(lang)])


def period_label(period: object, lang: str = "id") -> str:
    """A quarter for a reader: `Triwulan I 2026` (id) or `Q1 2026` (en), from a Period or text like `2026Q1`."""
    from merit_lib.domain.period import Period

    p = Period.parse(period)  # type: ignore[arg-type]
    return f"Triwulan {_ROMAN[p.quarter - 1]} {p.year}" if language(lang) == "id" else f"Q{p.quarter} {p.year}"
