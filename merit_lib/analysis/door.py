"""The analyst's door: what each verb takes, checked once where it comes in, and the provenance a frame carries.

`analysis_frame(extract, period)` is the one door of a period: `check_period` refuses a malformed period, one before
the extract's position history begins and one after the last date the extract holds, each in one clear line
(`PeriodError`). The frame it returns carries its provenance in `frame.attrs` (`CONTEXT`: period, window, data
fingerprint, rejected rows, language), so `audit(frame)`, `fit_readiness(frame)` and `compliance(frame)` name the data
they rest on without an extra argument (`context`). A verb handed an `Extract` (or anything but a frame) where it wants
a frame says so and shows the call that makes one (`require_frame`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from merit_lib.data.extract import MIN_IN_SERVICE, data_span, first_quarter_from, first_staffed
from merit_lib.domain import language as L
from merit_lib.domain import text
from merit_lib.domain.errors import ParameterError
from merit_lib.domain.period import Period, PeriodError

#: what a frame carries from its extract (frame.attrs), read back by every verb that takes a frame
CONTEXT = ("period", "window", "data_fingerprint", "rows_rejected", "lang")


class FrameError(ParameterError, TypeError):
    """A verb was handed something other than what it takes (an Extract where it wants the analysis frame)."""


def _kind(obj: object) -> str:
    return type(obj).__name__


def require_frame(obj: object, verb: str) -> pd.DataFrame:
    """`obj` when it is a DataFrame; otherwise a FrameError naming what was given and the call that makes a frame."""
    if isinstance(obj, pd.DataFrame):
        return obj
    fields = {"verb": verb, "got": _kind(obj)}
    raise FrameError(text.t("api.not_a_frame", "id", **fields), en=text.t("api.not_a_frame", "en", **fields))


def require_tables(extract: object, verb: str = "analysis_frame") -> Mapping[str, pd.DataFrame]:
    """The tables of an Extract (or of a mapping of them, as `synthesize(...).tables`); a FrameError for a DataFrame
    or anything without a `pegawai` table."""
    tables = getattr(extract, "tables", extract)
    if isinstance(extract, pd.DataFrame) or not isinstance(tables, Mapping) or "pegawai" not in tables:
        fields = {"verb": verb, "got": _kind(extract)}
        raise FrameError(text.t("api.not_an_extract", "id", **fields), en=text.t("api.not_an_extract", "en", **fields))
    return tables


def check_period(extract: object, period: Period | str, as_at: bool = False) -> Period:
    """The period, parsed (a malformed one: PeriodError) and checked against the extract: it must not end before the
    position history begins, nor start before most of the extract's staff were in service (`first_staffed`), nor begin
    after the last date the extract holds (where nothing can be counted). `as_at`: the staff as at the period's start
    only (a shortlist), where nothing is counted in the period: a period after the data's last date is allowed."""
    per = Period.parse(period)
    tables = require_tables(extract)
    first, last = data_span(tables)
    staffed = first_staffed(tables)
    if pd.notna(staffed) and per.start < staffed:
        first_q = first_quarter_from(staffed)
        fields = {"period": str(per), "first_q": str(first_q), "pct": L.percent(MIN_IN_SERVICE, "id", 0)}
        raise PeriodError(text.t("api.period_staff", "id", first=L.date(staffed.date(), "id"), **fields),
                          en=text.t("api.period_staff", "en", first=L.date(staffed.date(), "en"),
                                    **{**fields, "pct": L.percent(MIN_IN_SERVICE, "en", 0)}))
    if pd.notna(first) and per.end < first:
        fields = {"period": str(per), "first_q": str(Period.of(first))}
        raise PeriodError(text.t("api.period_before", "id", first=L.date(first.date(), "id"), **fields),
                          en=text.t("api.period_before", "en", first=L.date(first.date(), "en"), **fields))
    if pd.notna(last) and per.start > last and not as_at:
        fields = {"period": str(per), "last_q": str(Period.of(last))}
        raise PeriodError(text.t("api.period_after", "id", last=L.date(last.date(), "id"), **fields),
                          en=text.t("api.period_after", "en", last=L.date(last.date(), "en"), **fields))
    return per


def extract_context(extract: object) -> dict[str, Any]:
    """What a frame made from `extract` carries: its data fingerprint, rejected rows per table and language."""
    out: dict[str, Any] = {}
    if hasattr(extract, "fingerprint"):
        out["data_fingerprint"] = extract.fingerprint()
    report = getattr(extract, "report", None)
    if report is not None:
        out["rows_rejected"] = {str(k): int(v) for k, v in report.summary().set_index("table")["rows_rejected"].items()}
    if getattr(extract, "lang", None):
        out["lang"] = extract.lang
    return out


def context(frame: pd.DataFrame) -> dict[str, Any]:
    """The provenance a frame carries (`CONTEXT` keys present in `frame.attrs`)."""
    return {k: frame.attrs[k] for k in CONTEXT if k in frame.attrs}


def lang_of(frame: pd.DataFrame, lang: str | None = None) -> str:
    """The language asked for: `lang` when given, else the frame's (its extract's), else Indonesian."""
    return L.language(lang or frame.attrs.get("lang") or "id")
