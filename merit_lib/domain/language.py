"""The language door: which languages a report speaks, and numbers, percentages, dates and periods in each (Babel).

Indonesian (`id`, locale `id_ID`) is the default: 3.517; 69,5 %; 26 Januari 2026; "Triwulan I 2026".
English (`en`): 3,517; 69.5%; 26 January 2026; "Q1 2026". Every page and table formats through here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math

from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent, format_scientific

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
    """None, NaN, NaT or pandas' NA (anything that is not equal to itself, or has no truth value when compared)."""
    if x is None:
        return True
    try:
        return bool(x != x)
    except (TypeError, ValueError):
        return True


def number(x: float | int | None, lang: str = "id", decimals: int = 0) -> str:
    """A number with the language's separators (`3.517`, `0,89` in Indonesian); empty for a missing value."""
    if _missing(x):
        return ""
    if math.isinf(x):  # type: ignore[arg-type]
        return "∞" if x > 0 else "−∞"  # type: ignore[operator]
    if abs(x) >= 1e15:  # type: ignore[arg-type]   # beyond what a decimal pattern can hold (a degenerate estimate)
        return format_scientific(x, format="0.##E0", locale=LANGUAGES[language(lang)])
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(x, format=pattern, locale=LANGUAGES[language(lang)])


def percent(x: float | None, lang: str = "id", decimals: int = 1) -> str:
    """A share as a percentage (`69,5%` in Indonesian, as PUEBI writes it; `69.5%` in English); empty for a missing value."""
    if _missing(x):
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(x, format=pattern, locale=LANGUAGES[language(lang)])


def date(d: dt.date | None, lang: str = "id") -> str:
    """A date in words (`26 Januari 2026`)."""
    if d is None:
        return ""
    return format_date(d, format="long", locale=LANGUAGES[language(lang)])


def moment(t: dt.datetime, lang: str = "id") -> str:
    """A time of day on a date, in words (`7 Desember 2026 pukul 01.25`, `7 December 2026, 01:25`)."""
    day = date(t.date(), lang)
    if language(lang) == "id":
        return f"{day} pukul {format_time(t, 'HH.mm', locale=LANGUAGES['id'])}"
    return f"{day}, {format_time(t, 'HH:mm', locale=LANGUAGES['en'])}"


def period_label(period: object, lang: str = "id") -> str:
    """A quarter for a reader: `Triwulan I 2026` (id) or `Q1 2026` (en), from a Period or text like `2026Q1`."""
    from merit_lib.domain.period import Period

    p = Period.parse(period)  # type: ignore[arg-type]
    return f"Triwulan {_ROMAN[p.quarter - 1]} {p.year}" if language(lang) == "id" else f"Q{p.quarter} {p.year}"


def p_value(p: float | None, lang: str = "id") -> str:
    """A p-value as `< 0,001` or `= 0,034` (3 decimals, the language's separator); `–` when missing."""
    if _missing(p):
        return "–"
    return "< " + number(0.001, lang, 3) if p < 0.001 else "= " + number(p, lang, 3)  # type: ignore[operator]


def signed(x: float | None, lang: str = "id", decimals: int = 0) -> str:
    """A number with its sign always shown (`+1,5`, `−2`); empty for a missing value."""
    if _missing(x):
        return ""
    sign = "+" if x >= 0 else "−"  # type: ignore[operator]
    return sign + number(abs(x), lang, decimals)  # type: ignore[arg-type]


def significant(x: float | None, lang: str = "id", digits: int = 3) -> str:
    """A number to `digits` significant digits (`0,0123`, `0,456`, `12,3`), as Python's `{:.3g}` but in the language's
    format and never in exponent notation for the small p-values a report shows (below 0.001: `< 0,001`)."""
    if _missing(x):
        return ""
    if x == 0:
        return number(0, lang)
    if 0 < abs(x) < 0.001:  # type: ignore[operator]
        return "< " + number(0.001, lang, 3)
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(x))))  # type: ignore[arg-type]
    return number(x, lang, decimals)


def separators(lang: str = "id") -> tuple[str, str]:
    """The decimal and thousands separators of the language (`,` and `.` in Indonesian), e.g. for a pandas Styler."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    loc = LANGUAGES[language(lang)]
    return get_decimal_symbol(loc), get_group_symbol(loc)


def general(x: float | None, lang: str = "id") -> str:
    """A number with as many decimals as it needs, like Python's `{:g}` (`0,05`, `1,25`, `4`), in the language's format."""
    if _missing(x):
        return ""
    shown = f"{x:g}"
    if "e" in shown:
        return number(x, lang, 6).rstrip("0").rstrip(",.")
    return number(x, lang, len(shown.split(".")[1]) if "." in shown else 0)


def span_label(window: object, lang: str = "id") -> str:
    """The quarters of an evidence window for a reader: `Triwulan II 2025 – Triwulan I 2026` (one quarter: its label),
    from a `Window` or the dict a run meta records."""
    from merit_lib.domain.period import Window

    w = window if isinstance(window, Window) else Window.from_dict(window)  # type: ignore[arg-type]
    last = period_label(w.period, lang)
    return last if w.n == 1 else f"{period_label(w.first, lang)} – {last}"


def window_label(window: object, lang: str = "id") -> str:
    """An evidence window for a reader: `berdasarkan 4 triwulan: Triwulan II 2025 – Triwulan I 2026` (a `Window` or the
    dict a run meta records)."""
    from merit_lib.domain import text
    from merit_lib.domain.period import Window

    w = window if isinstance(window, Window) else Window.from_dict(window)  # type: ignore[arg-type]
    if w.n == 1:
        return text.t("window.based_on_one", lang, last=period_label(w.period, lang))
    return text.t("window.based_on", lang, n=w.n, first=period_label(w.first, lang), last=period_label(w.period, lang))
