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


def test_d4_counts_as_s1_and_pppk_golongan_is_unknown():
    out = R.promotion_checks(pd.DataFrame([_person(pendidikan="D4", status_kepegawaian="PPPK")]))
    assert out["cek_pendidikan"].iloc[0] == R.PASS
    assert out["cek_golongan"].iloc[0] == R.UNKNOWN


def test_jpt_has_no_target():
    out = R.promotion_checks(pd.DataFrame([_person(level_awal="JPT Pratama")]))
    assert out["cek_pendidikan"].isna().all() and not out["memenuhi_syarat"].iloc[0]
