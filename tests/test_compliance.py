"""Compliance per OPD: bypasses by hand (by target level, over the candidates), the index (untested components missing,
not perfect; no promotion: not judged; intervals widest where the data are thinnest), and a planted merit-ignoring OPD.

How often the merit-ignoring OPD comes out lowest over many seeds and OPDs is printed by
benchmarks/bench_compliance.py; here three fixed seeds keep the test deterministic."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from merit_lib.analysis import talent as T
from merit_lib.analysis.compliance import NOT_JUDGED, bypasses, compliance, province_values
from merit_lib.analysis.features import analysis_frame
from merit_lib.synth import synthesize


def _people():
    rows = [  # opd, level, kesiapan, eligible, promoted
        ("A", "Pelaksana", T.NOT_READY, False, True),
        ("A", "Pelaksana", T.READY_NOW, True, False),       # passed over: eligible and more ready
        ("A", "Pelaksana", T.READY_DEV, True, False),       # passed over too
        ("A", "Pelaksana", T.READY_NOW, False, False),      # not eligible: not counted
        ("A", "Pengawas", T.READY_NOW, True, False),        # other level: not counted
        *[("B", "Pelaksana", T.READY_NOW, True, True)] * 4,
        ("B", "Pelaksana", T.READY_DEV, False, True),
        ("B", "Pelaksana", T.READY_NOW, True, False),       # equally ready as four of them, more than one
    ]
    f = pd.DataFrame(rows, columns=["opd_kode", "level_awal", "kesiapan", "memenuhi_syarat", "dipromosikan"])
    return f.assign(berisiko=True, opd_nama=f["opd_kode"], diprofil=True, skp_level_1=1.0, skp_level_2=1.0,
                    talent_pool=f["kesiapan"] == T.READY_NOW)


def test_bypasses_by_hand():
    b = bypasses(_people())
    assert b.groupby("scope")["n_lebih_siap"].sum().to_dict() == {"A": 2, "B": 1}
    c = compliance(_people(), n_boot=200).set_index("opd_kode")
    assert c.loc["A", "n_bypassed"] == 2 and c.loc["B", "n_bypassed"] == 1
    # candidates of the contests with a promotion: A's two eligible Pelaksana (its Pengawas aims elsewhere), B's one
    assert (c.loc["A", "n_kandidat"], c.loc["B", "n_kandidat"]) == (2, 1)
    assert c.loc["B", "share_bypassed"] == pytest.approx(1.0) and c.loc["B", "share_tanpa_bypass"] == pytest.approx(0.0)
    assert c.loc["B", "share_promosi_talent_pool"] == pytest.approx(0.8) and c.loc["B", "share_promosi_eligible"] == pytest.approx(0.8)


def test_pelaksana_and_fungsional_compete_for_the_same_target():
    """Issue 13, item 8: both aim at Pengawas, so an eligible, more ready Fungsional is passed over by a Pelaksana."""
    people = _people()
    people.loc[1, "level_awal"] = "Fungsional"                 # A's ready-now candidate is a Fungsional
    assert bypasses(people).groupby("scope")["n_lebih_siap"].sum()["A"] == 2
    assert compliance(people, n_boot=200).set_index("opd_kode").loc["A", "n_bypassed"] == 2


def test_bypass_share_does_not_grow_with_the_opd_under_the_same_rules():
    """Two OPDs that promote the same way (one less ready person in every ten candidates), one ten times the other:
    the same share of candidates passed over, although ten times as many (five promotions at least, so the share is
    the OPD's own and shown)."""
    def opd(code: str, k: int) -> list[tuple]:
        return ([(code, "Pelaksana", T.READY_DEV, True, True)] * k + [(code, "Pelaksana", T.READY_NOW, True, False)] * k
                + [(code, "Pelaksana", T.READY_DEV, True, False)] * (8 * k))
    f = pd.DataFrame(opd("S", 5) + opd("L", 50), columns=["opd_kode", "level_awal", "kesiapan", "memenuhi_syarat",
                                                          "dipromosikan"])
    f = f.assign(berisiko=True, opd_nama=f["opd_kode"], diprofil=True, skp_level_1=1.0, skp_level_2=1.0, talent_pool=False)
    c = compliance(f, n_boot=200).set_index("opd_kode")
    assert (c.loc["S", "n_bypassed"], c.loc["L", "n_bypassed"]) == (5, 50)
    assert c.loc["S", "share_bypassed"] == pytest.approx(c.loc["L", "share_bypassed"]) == pytest.approx(1 / 9)


def test_untested_fairness_is_missing_not_perfect_and_no_promotion_is_not_judged():
    """Issue 13, item 8: an OPD the audit could not test does not score 100 on fairness; one without promotions is
    `tidak dapat dinilai`, not `Baik`."""
    people = pd.concat([_people(), _people().assign(opd_kode="C", opd_nama="C", dipromosikan=False)], ignore_index=True)
    findings = pd.DataFrame({"scope": ["A", "B", "B"], "flag": ["insufficient data", "no disparity", "insufficient data"]})
    c = compliance(people, findings, n_boot=500).set_index("opd_kode")
    assert np.isnan(c.loc["A", "skor_keadilan"]) and c.loc["A", "fairness_tested"] == 0
    assert "skor_keadilan" in c.loc["A", "komponen_tidak_dinilai"]
    assert c.loc["B", "skor_keadilan"] == 1.0 and c.loc["B", "fairness_tested"] == 1
    assert np.isnan(c.loc["C", "index"]) and c.loc["C", "category"] == NOT_JUDGED and np.isnan(c.loc["C", "index_ci_low"])
    tested = compliance(people, findings.assign(flag="no disparity"), n_boot=500).set_index("opd_kode")
    # the untested component widens A's range (it may be anything) instead of lifting its index to a perfect score
    assert c.loc["A", "index_ci_high"] - c.loc["A", "index_ci_low"] > tested.loc["A", "index_ci_high"] - tested.loc["A", "index_ci_low"]
    assert c.loc["A", "index"] < tested.loc["A", "index"]
    assert list(c.index)[-1] == "C"                              # not judged: last, never ranked among the others


def test_index_range_is_widest_where_the_data_are_thinnest():
    """Issue 13, item 8: the bootstrap gave an OPD with 1 promotion a range of 1.75 points, one with 90 promotions 6.9."""
    def opd(code: str, n: int) -> list[tuple]:
        return ([(code, "Pelaksana", T.READY_NOW, True, True)] * n + [(code, "Pelaksana", T.READY_DEV, True, False)] * n
                + [(code, "Pelaksana", T.NOT_READY, False, False)] * (5 * n))
    f = pd.DataFrame(opd("ONE", 1) + opd("FIVE", 5) + opd("NINETY", 90), columns=["opd_kode", "level_awal", "kesiapan",
                                                                                   "memenuhi_syarat", "dipromosikan"])
    f = f.assign(berisiko=True, opd_nama=f["opd_kode"], diprofil=True, skp_level_1=1.0, skp_level_2=1.0,
                 talent_pool=f["kesiapan"] == T.READY_NOW)
    findings = pd.DataFrame({"scope": ["ONE", "FIVE", "NINETY"], "flag": "no disparity"})
    c = compliance(f, findings, n_boot=4000).set_index("opd_kode")
    assert (c.loc[["FIVE", "NINETY"], "komponen_tidak_dinilai"] == "").all()
    # one promotion: its promotion components stand in at the province's value, drawn anywhere in 0–1 for the range
    assert c.loc["ONE", "komponen_nilai_provinsi"] == "share_promosi_talent_pool, share_promosi_eligible, share_tanpa_bypass"
    width = c["index_ci_high"] - c["index_ci_low"]
    assert width["ONE"] > width["FIVE"] > 4 * width["NINETY"] and width["ONE"] > 40 and width["FIVE"] > 8
    assert ((c["index_ci_low"] <= c["index"]) & (c["index"] <= c["index_ci_high"])).all()


def test_shares_of_fewer_than_five_promotions_are_left_empty_counts_kept():
    c = compliance(_people(), n_boot=200).set_index("opd_kode")
    assert c.loc["A", "suppressed_promosi"] and not c.loc["B", "suppressed_promosi"]
    assert c.loc["A", ["share_promosi_talent_pool", "share_promosi_eligible", "share_tanpa_bypass", "share_bypassed",
                       "share_promosi_talent_pool_ci_low"]].isna().all()
    assert (c.loc["A", "n_promosi"], c.loc["A", "n_promosi_eligible"], c.loc["A", "n_promosi_melangkahi"]) == (1, 0, 1)


def test_an_index_of_one_to_four_promotions_uses_the_province_value_not_the_hidden_shares():
    """Decision of docs/verdicts.md §5: components resting on 1–4 promotions take the province's value, pooled over the
    OPDs whose own value is shown; an OPD none of whose promotion components is its own is `tidak dapat dinilai`, its
    index still defined. Flipping the one promoted person of A changes neither A's index nor B's."""
    people = _people()
    c = compliance(people, n_boot=200).set_index("opd_kode")
    assert c.loc["A", "komponen_nilai_provinsi"] == "share_promosi_talent_pool, share_promosi_eligible, share_tanpa_bypass"
    assert c.loc["A", "komponen_tidak_dinilai"] == ("share_promosi_talent_pool, share_promosi_eligible, "
                                                    "share_tanpa_bypass, skor_keadilan")
    assert (c.loc["A", "category"], c.loc["B", "category"]) == (NOT_JUDGED, "Baik") and c.loc["B", "komponen_nilai_provinsi"] == ""
    cov = {"A": 5.5 / 6, "B": 6.5 / 7}                 # Jeffreys means: everyone profiled, SKP of both years on file
    # province values from B alone (A's counts are not read): pool 4 of 5, eligible 4 of 5, not passed over 0 of 1
    assert c.loc["A", "index"] == pytest.approx(100 * (0.2 * cov["A"] + 0.25 * 0.8 + 0.25 * 0.8 + 0.15 * 0) / 0.85)
    # B's own, shrunk toward those values by 5 promotions (+ Jeffreys' ½): (4 + 4 + .5) / 11, and (0 + 0 + .5) / 7
    assert c.loc["B", "index"] == pytest.approx(100 * (0.2 * cov["B"] + 0.5 * 8.5 / 11 + 0.15 * 0.5 / 7) / 0.85)
    assert province_values(c.reset_index(), c[[]].assign(share_promosi_talent_pool=c.index == "A"))[
        "share_promosi_talent_pool"] == pytest.approx(0.8)
    other = people.copy()
    other.loc[0, ["talent_pool", "memenuhi_syarat"]] = True            # A's one promoted person: from the pool, eligible
    d = compliance(other, n_boot=200).set_index("opd_kode")
    assert d.loc["A", "n_promosi_talent_pool"] == 1 != c.loc["A", "n_promosi_talent_pool"]
    pd.testing.assert_series_equal(d["index"], c["index"])
    pd.testing.assert_series_equal(d["index_ci_low"], c["index_ci_low"])
    assert list(c.index)[-1] == "A"                     # not judged: after every judged OPD


def test_each_component_carries_its_value_and_points_and_they_add_up_to_the_index():
    """The value each component entered the index with and its points (100 × weight × value, weights rescaled over
    the measured components), by hand for the two OPDs of `_people`; a province-valued component carries the
    province's value; an OPD without promotion has no points (no index)."""
    people = pd.concat([_people(), _people().assign(opd_kode="C", opd_nama="C", dipromosikan=False)], ignore_index=True)
    c = compliance(people, n_boot=200).set_index("opd_kode")
    cov = {"A": 5.5 / 6, "B": 6.5 / 7}
    by_hand = {"A": {"coverage_profiling": cov["A"], "coverage_kinerja": cov["A"], "share_promosi_talent_pool": 0.8,
                     "share_promosi_eligible": 0.8, "share_tanpa_bypass": 0.0},          # province values, from B
               "B": {"coverage_profiling": cov["B"], "coverage_kinerja": cov["B"], "share_promosi_talent_pool": 8.5 / 11,
                     "share_promosi_eligible": 8.5 / 11, "share_tanpa_bypass": 0.5 / 7}}
    for code, values in by_hand.items():
        assert np.isnan(c.loc[code, "nilai_skor_keadilan"]) and np.isnan(c.loc[code, "poin_skor_keadilan"])
        for key, v in values.items():
            w = {"coverage_profiling": .1, "coverage_kinerja": .1}.get(key, .25 if key != "share_tanpa_bypass" else .15)
            assert c.loc[code, f"nilai_{key}"] == pytest.approx(v)
            assert c.loc[code, f"poin_{key}"] == pytest.approx(100 * w * v / 0.85)
        points = c.loc[code, [f"poin_{k}" for k in ("coverage_profiling", "coverage_kinerja", "share_promosi_talent_pool",
                                                    "share_promosi_eligible", "share_tanpa_bypass", "skor_keadilan")]]
        assert points.sum() == pytest.approx(c.loc[code, "index"], abs=1e-9)
    assert c.loc["C", [col for col in c.columns if col.startswith(("poin_", "nilai_"))]].isna().all()


@pytest.fixture(scope="module", params=[("DINDIKBUD", 21), ("BAPENDA", 22), ("RSUDBTN", 24)], ids=lambda p: p[0])
def planted(request):
    opd, seed = request.param
    s = synthesize(n=3236, seed=seed, ignore_merit=[opd])
    return opd, compliance(analysis_frame(s.tables, "2026Q1"))


def test_columns_index_and_intervals(planted):
    _, c = planted
    first = ["opd_kode", "opd_nama", "n_pegawai", "coverage_profiling", "coverage_kinerja", "n_promosi",
             "share_promosi_talent_pool", "share_promosi_eligible", "n_bypassed", "fairness_flags", "index", "category"]
    assert list(c.columns[:12]) == first
    judged = c[c["n_promosi"] > 0]
    assert judged["index"].between(0, 100).all() and c.loc[c["n_promosi"] == 0, "index"].isna().all()
    assert ((judged["index_ci_low"] <= judged["index"] + 1e-9) & (judged["index"] <= judged["index_ci_high"] + 1e-9)).all()
    assert set(c["category"]) <= {"Sangat Baik", "Baik", "Kurang", "Buruk", NOT_JUDGED}


def test_merit_ignoring_opd_promotes_least_from_the_talent_pool(planted):
    """The OPD that ignores merit lies below the funnel's 99.8% limit of the talent-pool share, and no other OPD does."""
    from merit_lib.analysis.tiers import outside

    opd, c = planted
    shown = c.dropna(subset=["share_promosi_talent_pool"]).set_index("opd_kode")
    assert len(shown) >= 10 and opd in shown.index
    others = c[c["opd_kode"] != opd]
    pooled = others["n_promosi_talent_pool"].sum() / others["n_promosi"].sum()
    assert pooled > 0.45                                     # merit-following OPDs promote much from the pool
    assert shown.loc[opd, "share_promosi_talent_pool_ci_high"] < pooled
    where = {o: outside(r["share_promosi_talent_pool"], r["n_promosi"], pooled, 0.998) for o, r in shown.iterrows()}
    assert where[opd] == "below" and [o for o, w in where.items() if w == "below"] == [opd]


def test_bypassed_by_level_counts_by_hand():
    """Issue 14, item 1: per OPD and target level, promotions, those passing over a more ready eligible candidate, and
    the candidates so passed over; the levels add up to compliance.csv's OPD counts and the OPDs to PROVINSI."""
    from merit_lib.analysis.summaries import bypassed_by_level

    rows = ([("A", "Pelaksana", T.READY_DEV, True, True)] * 2            # 2 less ready Pelaksana promoted …
            + [("A", "Pelaksana", T.READY_NOW, True, False)] * 3        # … over 3 ready-now eligible ones
            + [("A", "Fungsional", T.READY_DEV, True, False)]           # same rank as those promoted: not passed over
            + [("A", "Pengawas", T.READY_NOW, True, True)]              # to Administrator, nobody readier
            + [("A", "Pengawas", T.READY_DEV, True, False)] * 2         # less ready: not passed over
            + [("B", "Administrator", T.NOT_READY, False, True)]        # to JPT Pratama over 1 ready-now eligible
            + [("B", "Administrator", T.READY_NOW, True, False)]
            + [("B", "Administrator", T.READY_DEV, False, False)])      # not eligible: never a candidate
    f = pd.DataFrame(rows, columns=["opd_kode", "level_awal", "kesiapan", "memenuhi_syarat", "dipromosikan"])
    f = f.assign(berisiko=True, opd_nama=f["opd_kode"], diprofil=True, skp_level_1=1.0, skp_level_2=1.0,
                 talent_pool=False)
    t = bypassed_by_level(f).set_index(["scope", "level_tujuan"])
    cols = ["n_promosi", "n_promosi_melangkahi", "n_bypassed"]
    assert t.loc[("A", "Pengawas"), cols].tolist() == [2, 2, 3]
    assert t.loc[("A", "Administrator"), cols].tolist() == [1, 0, 0]
    assert t.loc[("A", "JPT Pratama"), cols].tolist() == [0, 0, 0]
    assert t.loc[("B", "JPT Pratama"), cols].tolist() == [1, 1, 1]
    assert t.loc[("B", "Pengawas"), cols].tolist() == [0, 0, 0]
    assert t.loc[("PROVINSI", "Pengawas"), cols].tolist() == [2, 2, 3]
    assert t.loc[("PROVINSI", "JPT Pratama"), cols].tolist() == [1, 1, 1]
    assert len(t) == 3 * 3                                                # every scope has a row per level
    c = compliance(f, n_boot=200).set_index("opd_kode")
    per_opd = t.drop(index="PROVINSI", level="scope").groupby(level="scope")[cols].sum()
    assert (per_opd == c.loc[per_opd.index, cols]).all().all()
