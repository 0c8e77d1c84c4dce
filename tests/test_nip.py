import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from merit_lib.domain.nip import make_nip, mask, parse_nip

TODAY = dt.date(2026, 11, 23)
births = st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(1990, 12, 31))
genders = st.sampled_from(["L", "P"])
serials = st.integers(1, 999)


def _one(nip):
    return parse_nip(pd.Series([nip]), today=TODAY).iloc[0]


@given(births, genders, serials, st.integers(18, 35), st.integers(1, 12))
def test_pns_roundtrip(birth, gender, serial, entry_age, month):
    tmt = dt.date(birth.year + entry_age, month, 1)
    r = _one(make_nip(birth, gender, serial, tmt=tmt))
    assert r["nip_valid"], r["nip_rule"]
    assert r["nip_jenis"] == "PNS"
    assert r["nip_tanggal_lahir"].date() == birth
    assert r["nip_jenis_kelamin"] == gender
    assert (r["nip_tmt"].year, r["nip_tmt"].month) == (tmt.year, tmt.month)


@given(births, genders, serials, st.integers(2019, 2025))
def test_pppk_roundtrip(birth, gender, serial, year):
    r = _one(make_nip(birth, gender, serial, pppk_year=year))
    assert r["nip_valid"], r["nip_rule"]
    assert r["nip_jenis"] == "PPPK" and r["nip_jenis_kelamin"] == gender and r["nip_tmt"].year == year


@given(st.text(alphabet="0123456789", min_size=0, max_size=30).filter(lambda s: len(s) != 18))
def test_wrong_length_is_rejected(s):
    r = _one(s)
    assert not r["nip_valid"]
    assert r["nip_rule"] in ("nip_length", "nip_missing")


@given(births, genders, serials, st.integers(0, 17), st.sampled_from("AZx-."))
def test_a_non_digit_anywhere_is_rejected(birth, gender, serial, pos, ch):
    nip = make_nip(birth, gender, serial, tmt=dt.date(birth.year + 22, 3, 1))
    bad = nip[:pos] + ch + nip[pos + 1:]
    assert _one(bad)["nip_rule"] == "nip_not_digits"


def test_specific_failures():
    good = "196711101992031001"
    assert _one(good)["nip_valid"]
    assert _one("196713101992031001")["nip_rule"] == "nip_birth_date"  # month 13
    assert _one("196702301992031001")["nip_rule"] == "nip_birth_date"  # 30 Feb
    assert _one("196711101992033001")["nip_rule"] == "nip_gender_digit"
    assert _one("196711101992131001")["nip_rule"] == "nip_tmt"  # TMT month 13
    assert _one("196711101975031001")["nip_rule"] == "nip_tmt"  # entered at age 7
    assert _one("196711101992031000")["nip_rule"] == "nip_serial"
    assert _one("203011101992031001")["nip_rule"] == "nip_birth_date"  # born in the future


def test_mask_hides_the_middle():
    m = mask(pd.Series(["196711101992031001"])).iloc[0]
    assert m.startswith("1967") and m.endswith("1001") and "1110199203" not in m and len(m) == 18
