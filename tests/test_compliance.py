"""Compliance per OPD: bypasses by hand, the index, and a planted merit-ignoring OPD.

How often the merit-ignoring OPD comes out lowest over many seeds and OPDs is printed by
benchmarks/bench_compliance.py; here three fixed seeds keep the test deterministic."""

from __future__ import annotations

import pandas as pd
import pytest

from merit_lib.analysis import talent as T
from merit_lib.analysis.compliance import bypasses, compliance
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
    assert c.loc["B", "share_tanpa_bypass"] == pytest.approx(0.8)
    assert c.loc["B", "share_promosi_talent_pool"] == pytest.approx(0.8) and c.loc["B", "share_promosi_eligible"] == pytest.approx(0.8)


def test_shares_of_fewer_than_five_promotions_are_left_empty_counts_kept():
    c = compliance(_people(), n_boot=200).set_index("opd_kode")
    assert c.loc["A", "suppressed_promosi"] and not c.loc["B", "suppressed_promosi"]
    assert c.loc["A", ["share_promosi_talent_pool", "share_promosi_eligible", "share_tanpa_bypass",
                       "share_promosi_talent_pool_ci_low"]].isna().all()
    assert (c.loc["A", "n_promosi"], c.loc["A", "n_promosi_eligible"], c.loc["A", "n_promosi_melangkahi"]) == (1, 0, 1)
    assert c.loc["A", "index"] == c.loc["A", "index"]       # the index is still computed (shrunk toward the province)


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
    assert c["index"].between(0, 100).all()
    assert ((c["index_ci_low"] <= c["index"] + 1e-9) & (c["index"] <= c["index_ci_high"] + 1e-9)).all()
    assert set(c["category"]) <= {"Sangat Baik", "Baik", "Kurang", "Buruk"}


def test_merit_ignoring_opd_promotes_least_from_the_talent_pool(planted):
    opd, c = planted
    shown = c.dropna(subset=["share_promosi_talent_pool"]).set_index("opd_kode")
    assert len(shown) >= 10 and opd in shown.index
    assert shown["share_promosi_talent_pool"].idxmin() == opd
    others = c[c["opd_kode"] != opd]
    pooled = others["n_promosi_talent_pool"].sum() / others["n_promosi"].sum()
    assert pooled > 0.6                                      # merit-following OPDs promote mostly from the pool
    assert shown.loc[opd, "share_promosi_talent_pool_ci_high"] < pooled
