"""Compliance per OPD: bypasses by hand, the index, and a planted merit-ignoring OPD."""

from __future__ import annotations

import pandas as pd
import pytest

from merit_lib import talent as T
from merit_lib.compliance import bypasses, compliance
from merit_lib.features import analysis_frame
from merit_lib.synth import synthesize


def _people():
    rows = [  # opd, level, kesiapan, eligible, promoted
        ("A", "Pelaksana", T.NOT_READY, False, True),
        ("A", "Pelaksana", T.READY_NOW, True, False),       # passed over: eligible and more ready
        ("A", "Pelaksana", T.READY_DEV, True, False),       # passed over too
        ("A", "Pelaksana", T.READY_NOW, False, False),      # not eligible: not counted
        ("A", "Pengawas", T.READY_NOW, True, False),        # other level: not counted
        ("B", "Pelaksana", T.READY_NOW, True, True),
        ("B", "Pelaksana", T.READY_NOW, True, False),       # equally ready: not passed over
    ]
    f = pd.DataFrame(rows, columns=["opd_kode", "level_awal", "kesiapan", "memenuhi_syarat", "dipromosikan"])
    return f.assign(berisiko=True, opd_nama=f["opd_kode"], diprofil=True, skp_level_1=1.0, skp_level_2=1.0,
                    talent_pool=f["kesiapan"] == T.READY_NOW)


def test_bypasses_by_hand():
    b = bypasses(_people())
    assert b.set_index("scope")["n_lebih_siap"].to_dict() == {"A": 2, "B": 0}
    c = compliance(_people(), n_boot=200).set_index("opd_kode")
    assert c.loc["A", "n_bypassed"] == 2 and c.loc["B", "n_bypassed"] == 0
    assert c.loc["A", "share_tanpa_bypass"] == 0 and c.loc["B", "share_tanpa_bypass"] == 1
    assert c.loc["B", "share_promosi_talent_pool"] == 1 and c.loc["A", "share_promosi_eligible"] == 0


@pytest.fixture(scope="module")
def planted():
    s = synthesize(n=3236, seed=21, ignore_merit=["DINDIKBUD"])
    return compliance(analysis_frame(s.tables, "2026Q1"))


def test_columns_index_and_intervals(planted):
    first = ["opd_kode", "opd_nama", "n_pegawai", "coverage_profiling", "coverage_kinerja", "n_promosi",
             "share_promosi_talent_pool", "share_promosi_eligible", "n_bypassed", "fairness_flags", "index", "category"]
    assert list(planted.columns[:12]) == first
    assert planted["index"].between(0, 100).all()
    assert ((planted["index_ci_low"] <= planted["index"] + 1e-9) & (planted["index"] <= planted["index_ci_high"] + 1e-9)).all()
    assert set(planted["category"]) <= {"Sangat Baik", "Baik", "Kurang", "Buruk"}


def test_merit_ignoring_opd_promotes_least_from_the_talent_pool(planted):
    big = planted[planted["n_promosi"] >= 20].set_index("opd_kode")
    assert "DINDIKBUD" in big.index and len(big) >= 2
    assert big["share_promosi_talent_pool"].idxmin() == "DINDIKBUD"
    others = planted[planted["opd_kode"] != "DINDIKBUD"]
    pooled = others["share_promosi_talent_pool"].mul(others["n_promosi"]).sum() / others["n_promosi"].sum()
    assert big.loc["DINDIKBUD", "share_promosi_talent_pool_ci_high"] < pooled
