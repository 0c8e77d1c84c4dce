"""NIP (PNS) and NI PPPK: structure, parsing and validation (DESIGN §4).

PNS : birth date YYYYMMDD + TMT CPNS YYYYMM + gender digit (1 male, 2 female) + serial 001–999.
PPPK: birth date YYYYMMDD + appointment year YYYY + `2` + frequency digit + gender digit + serial.
The two cannot be confused: a PNS month starts with 0 or 1, the PPPK code at position 13 is 2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow.compute as pc

MIN_AGE_AT_ENTRY = 14  # years; a TMT earlier than this after birth is impossible


def per_value(s: pd.Series, fn: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`fn(s)` for a cell-by-cell `fn` that maps NA to NA, computed once per distinct value of `s`.

    Dates, codes and enumerations repeat a lot (a million NIPs hold a few thousand birth dates)."""
    codes, uniques = pd.factorize(s)
    if 2 * len(uniques) > len(s):
        return fn(s)
    res = fn(pd.Series(uniques, dtype=s.dtype))
    return pd.Series(res.array.take(codes, allow_fill=True), index=s.index, name=res.name)


def _dates(s: pd.Series, fmt: str) -> pd.Series:
    return per_value(s, lambda u: pd.to_datetime(u, format=fmt, errors="coerce"))


def parse_nip(nips: pd.Series, today: dt.date | None = None) -> pd.DataFrame:
    """Parse a Series of NIPs; returns kind, birth date, gender, entry year and the failed rule (or NA)."""
    today = pd.Timestamp(today or dt.date.today())
    s = nips.astype("string").str.strip()
    out = pd.DataFrame(index=nips.index)
    shape_ok = s.str.fullmatch(r"\d{18}").fillna(False).astype(bool)
    birth = _dates(s.str.slice(0, 8).where(shape_ok), "%Y%m%d")
    pppk = shape_ok & (s.str.slice(12, 13) == "2")
    tmt_pns = _dates(s.str.slice(8, 14).where(shape_ok & ~pppk), "%Y%m")
    tmt_pppk = _dates(s.str.slice(8, 12).where(pppk), "%Y")
    tmt = tmt_pns.where(~pppk, tmt_pppk)
    gender_digit = s.str.slice(14, 15)
    serial = s.str.slice(15, 18)

    reason = pd.Series(pd.NA, index=nips.index, dtype="string")

    def fail(mask: pd.Series, rule: str) -> None:
        reason[mask.fillna(False).astype(bool) & reason.isna()] = rule

    fail(s.isna() | (s == ""), "nip_missing")
    fail(s.str.len() != 18, "nip_length")
    fail(~shape_ok, "nip_not_digits")
    fail(birth.isna() | (birth > today), "nip_birth_date")
    fail(tmt.isna() | (tmt > today) | (tmt < birth + pd.DateOffset(years=MIN_AGE_AT_ENTRY)), "nip_tmt")
    fail(~gender_digit.isin(["1", "2"]), "nip_gender_digit")
    fail(serial == "000", "nip_serial")

    out["nip_valid"] = reason.isna().to_numpy()
    out["nip_rule"] = reason
    out["nip_jenis"] = np.where(pppk, "PPPK", "PNS")
    out["nip_tanggal_lahir"] = birth
    out["nip_jenis_kelamin"] = gender_digit.map({"1": "L", "2": "P"})
    out["nip_tmt"] = tmt
    return out


def make_nip(birth: dt.date, gender: str, serial: int, tmt: dt.date | None = None,
             pppk_year: int | None = None, frequency: int = 1) -> str:
    """Build a NIP (PNS when `tmt` is given) or an NI PPPK (when `pppk_year` is given)."""
    g = {"L": "1", "P": "2"}[gender]
    if not 1 <= serial <= 999:
        raise ValueError("serial must be 1–999")
    if pppk_year is not None:
        return f"{birth:%Y%m%d}{pppk_year:04d}2{frequency % 10}{g}{serial:03d}"
    if tmt is None:
        raise ValueError("a PNS NIP needs tmt")
    return f"{birth:%Y%m%d}{tmt:%Y%m}{g}{serial:03d}"


#: what a spreadsheet writes for a NIP it keeps as a number: scientific notation (`1.96711101992031E+17`, also with
#: a decimal comma) or the 15 significant digits it can hold padded with zeros (`196711101992031000`; serial 000
#: is impossible in a real NIP). The last digits are lost either way.
EXCEL_NUMBER = r"\d+(?:[.,]\d+)?[eE]\+?\d+|\d{15}000"


def excel_number(nips: pd.Series) -> pd.Series:
    """True where a NIP is text that a spreadsheet wrote for a number (see `EXCEL_NUMBER`); False for NA."""
    s = nips.astype("string")
    out = pd.Series(False, index=nips.index)
    if isinstance(s.array, pd.arrays.ArrowStringArray):
        # candidates in two cheap pyarrow passes: anything but plain digits, or digits ending in 000
        arr = s.array.__arrow_array__()
        hit = pc.or_(pc.invert(pc.ascii_is_decimal(arr)), pc.ends_with(arr, "000")).fill_null(False)
        if not pc.any(hit).as_py():
            return out
        maybe = pd.Series(hit.to_numpy(zero_copy_only=False), index=nips.index)
    else:
        maybe = (~s.str.fullmatch(r"\d+") | s.str.endswith("000")).fillna(False).astype(bool)
    if maybe.any():
        s = s.str.strip()
        out[maybe] = s[maybe].str.fullmatch(EXCEL_NUMBER).fillna(False).astype(bool)
    return out


def mask(nips: pd.Series) -> pd.Series:
    """Hide the middle of a NIP (e.g. `1967**********1001`) for anything a person may read."""
    s = nips.astype("string")
    return s.str.slice(0, 4) + s.str.slice(4, -4).str.replace(r".", "*", regex=True) + s.str.slice(-4)
