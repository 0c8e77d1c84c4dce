"""The language door: Indonesian formats by default, English as a parameter, unknown languages refused clearly."""

import datetime as dt

import pytest

from merit_lib.domain import language as L


def test_indonesian_formats():
    assert L.number(3517) == "3.517"
    assert L.number(0.892, decimals=2) == "0,89"
    assert L.percent(0.6954) == "69,5\u00a0%"
    assert L.date(dt.date(2026, 1, 26)) == "26 Januari 2026"
    assert L.period_label("2026Q1") == "Triwulan I 2026"
    assert L.period_label("2025q4") == "Triwulan IV 2025"


def test_english_formats():
    assert L.number(3517, "en") == "3,517"
    assert L.percent(0.6954, "EN") == "69.5%"
    assert L.date(dt.date(2026, 1, 26), "en") == "26 January 2026"
    assert L.period_label("2026Q3", "en") == "Q3 2026"


def test_missing_values_are_empty_not_nan():
    assert L.number(float("nan")) == "" and L.percent(None) == ""


def test_unknown_language_is_refused_with_a_suggestion():
    with pytest.raises(ValueError, match="'fr' tidak dikenal"):
        L.language("fr")
    with pytest.raises(ValueError, match="maksud Anda 'en'"):
        L.language("eng")
