"""Regulatory tables and the named promotion checks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from merit_lib.domain import rules as R


def test_golongan_rank_pns_and_pppk():
    r = R.golongan_rank(pd.Series(["I/a", "III/a", "IV/e", "IX", "I", "XVII", None, "zz"]))
    assert r.tolist()[:6] == [0, 8, 16, 8, 0, 16]
    assert r.iloc[6:].isna().all()


@pytest.mark.parametrize("jpm,cat", [(90, "Optimal"), (89.9, "Cukup Optimal"), (78, "Cukup Optimal"),
                                     (77.99, "Kurang Optimal"), (0, "Kurang Optimal")])
def test_jpm_category_boundaries(jpm, cat):
    assert R.jpm_category(pd.Series([jpm])).iloc[0] == cat


def test_nine_box_is_a_permutation_and_pool_is_top_right():
    assert sorted(R.NINE_BOX.values()) == list(range(1, 10))
    assert {R.NINE_BOX[(2, 2)], R.NINE_BOX[(1, 2)], R.NINE_BOX[(2, 1)]} == set(R.TALENT_POOL)
    assert set(R.BOX_ACTIONS) == set(range(1, 10))


def test_skp_matrix_follows_permenpanrb_6_2022():
    assert R.SKP_MATRIX[("di atas", "di atas")] == "Sangat Baik"
    assert R.SKP_MATRIX[("di atas", "di bawah")] == "Kurang"
    assert R.SKP_MATRIX[("di bawah", "di bawah")] == "Sangat Kurang"
    assert len(R.SKP_MATRIX) == 9 and set(R.SKP_MATRIX.values()) <= set(R.SKP_LEVEL)


def _person(**kw):
    base = dict(level_awal="Pengawas", pendidikan="S1", tahun_dalam_jabatan=3.5, masa_kerja=12.0, skp_level_1=1.0,
                skp_level_2=2.0, kompetensi=3.2, status_kepegawaian="PNS", golongan_ordinal=11.0, usia=40.0)
    base.update(kw)
    return base


def test_every_check_passes_for_a_qualified_pengawas():
    out = R.promotion_checks(pd.DataFrame([_person()]))
    assert (out[list(R.CHECKS)].iloc[0] == R.PASS).all()
    assert bool(out["memenuhi_syarat"].iloc[0]) and out["syarat_gagal"].iloc[0] == ""


@pytest.mark.parametrize("change,check", [
    ({"pendidikan": "D3"}, "cek_pendidikan"),
    ({"tahun_dalam_jabatan": 2.9}, "cek_masa_jabatan"),
    ({"skp_level_2": 0.0}, "cek_skp"),
    ({"kompetensi": 2.9}, "cek_kompetensi"),
    ({"golongan_ordinal": 10.0}, "cek_golongan"),     # III/c below III/d, the floor of eselon III.b
    ({"level_awal": "Administrator", "usia": 57.0, "golongan_ordinal": 13.0, "kompetensi": 4.0}, "cek_usia"),
])
def test_each_failure_is_named(change, check):
    out = R.promotion_checks(pd.DataFrame([_person(**change)]))
    assert out[check].iloc[0] == R.FAIL
    assert out["syarat_gagal"].iloc[0] == check
    assert not out["memenuhi_syarat"].iloc[0]


def test_missing_data_is_unknown_not_fail():
    out = R.promotion_checks(pd.DataFrame([_person(skp_level_2=np.nan, kompetensi=np.nan)]))
    assert out["cek_skp"].iloc[0] == R.UNKNOWN and out["cek_kompetensi"].iloc[0] == R.UNKNOWN
    assert out["syarat_tidak_diketahui"].iloc[0] == "cek_skp; cek_kompetensi"
    assert not out["memenuhi_syarat"].iloc[0]


def test_d4_counts_as_s1_and_pppk_fails_the_status_rule_not_golongan():
    out = R.promotion_checks(pd.DataFrame([_person(pendidikan="D4", status_kepegawaian="PPPK")]))
    assert out["cek_pendidikan"].iloc[0] == R.PASS
    assert out["cek_status"].iloc[0] == R.FAIL and out["syarat_gagal"].iloc[0] == "cek_status"
    assert pd.isna(out["cek_golongan"].iloc[0]) and out["syarat_tidak_diketahui"].iloc[0] == ""   # not "golongan unknown"
    assert not out["memenuhi_syarat"].iloc[0]
    assert "cek_status" in R.ELIGIBILITY_RULES and "PP 49/2018" in R.CHECK_SOURCES["cek_status"]
    pns = R.promotion_checks(pd.DataFrame([_person(status_kepegawaian="PNS")]))
    assert pns["cek_status"].iloc[0] == R.PASS


_LEVELS = dict(zip(R.C.COMPETENCIES, [3.0] * 9))


def test_competency_requirement_is_per_competency_not_the_mean():
    """Administrator needs level 3 in every competency: a mean of 3.2 with one competency at 2 fails (PermenPANRB 38/2017);
    the old mean rule passed it, JPM is the documented alternative."""
    one_low = {**_LEVELS, "integritas": 2.0, "komunikasi": 4.0, "kerja_sama": 4.0, "orientasi_hasil": 4.0}
    person = _person(**one_low, kompetensi=np.mean(list(one_low.values())), jpm=70.0)
    assert person["kompetensi"] > 3
    frame = pd.DataFrame([person])
    assert R.promotion_checks(frame)["cek_kompetensi"].iloc[0] == R.FAIL
    assert R.promotion_checks(frame, competency_rule="mean")["cek_kompetensi"].iloc[0] == R.PASS
    assert R.promotion_checks(frame, competency_rule="jpm")["cek_kompetensi"].iloc[0] == R.PASS         # 70 ≥ 68
    assert R.promotion_checks(frame.assign(jpm=60.0), competency_rule="jpm")["cek_kompetensi"].iloc[0] == R.FAIL
    every = pd.DataFrame([_person(**_LEVELS, kompetensi=3.0)])
    assert R.promotion_checks(every)["cek_kompetensi"].iloc[0] == R.PASS
    one_missing = pd.DataFrame([_person(**{**_LEVELS, "integritas": np.nan}, kompetensi=3.0)])
    assert R.promotion_checks(one_missing)["cek_kompetensi"].iloc[0] == R.UNKNOWN
    with pytest.raises(ValueError, match="competency_rule"):
        R.promotion_checks(frame, competency_rule="median")


@pytest.mark.parametrize("title,jenjang,target", [
    ("Analis Kebijakan Ahli Madya", "Ahli Madya", "JPT Pratama"),
    ("Perencana Ahli Muda", "Ahli Muda", "Administrator"),
    ("Pranata Komputer ahli pertama", "Ahli Pertama", "Pengawas"),
    ("Arsiparis Terampil", "Terampil", "Pengawas"),
    ("Widyaiswara Ahli Utama", "Ahli Utama", None),     # equivalent to JPT: nothing above it in a province
    ("Guru", None, "Pengawas"),                          # jenjang not in the title: the lowest target, as before
])
def test_jf_jenjang_and_its_structural_equivalent(title, jenjang, target):
    found = R.jf_jenjang(pd.Series([title])).iloc[0]
    assert (pd.isna(found) and jenjang is None) or found == jenjang
    frame = pd.DataFrame([_person(level_awal="Fungsional", jenjang_jf=found)])
    got = R.target_level(frame).iloc[0]
    assert (pd.isna(got) and target is None) or got == target


def test_jf_ahli_madya_is_checked_against_the_jpt_requirements():
    """DESIGN §4: JPT Pratama from Administrator *or JF Ahli Madya* ≥ 2 years; age ≤ 56, competency level 4."""
    madya = _person(level_awal="Fungsional", jenjang_jf="Ahli Madya", tahun_dalam_jabatan=2.5, golongan_ordinal=14.0,
                    kompetensi=4.0, usia=57.0)
    out = R.promotion_checks(pd.DataFrame([madya]))
    assert out["syarat_gagal"].iloc[0] == "cek_usia"                   # the JPT age limit applies to a JF Ahli Madya
    assert out.loc[0, ["cek_masa_jabatan", "cek_kompetensi", "cek_golongan"]].eq(R.PASS).all()
    assert "Fungsional Ahli Madya" in R.REQUIREMENTS["JPT Pratama"]["from"]


def test_jpt_has_no_target():
    out = R.promotion_checks(pd.DataFrame([_person(level_awal="JPT Pratama")]))
    assert out["cek_pendidikan"].isna().all() and not out["memenuhi_syarat"].iloc[0]
