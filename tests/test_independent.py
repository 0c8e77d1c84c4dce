"""Load and analyse an extract written by an independent generator (tests/independent_extract.py).

The generator was written from DESIGN.md §3–§4 only, not from merit_lib.synth, so these tests check the
loader and the analysis frame against someone else's reading of the data contract: OPD codes with leading
zeros, a riwayat_jabatan holding only the events of the period, promotions from Pelaksana/Fungsional with
an empty eselon_lama, PPPK staff with NI PPPK, no optional columns.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from independent_extract import make_extract  # noqa: E402

from merit_lib.analysis.features import analysis_frame  # noqa: E402
from merit_lib.data.extract import load_extract  # noqa: E402
from merit_lib.domain.nip import parse_nip  # noqa: E402

PERIOD = "2026Q1"


@pytest.fixture(scope="module")
def independent(tmp_path_factory):
    """A small independent extract (n=2000, 6 OPDs, seed 1): its folder and its truth."""
    folder = tmp_path_factory.mktemp("independent")
    truth = make_extract(folder, n=2000, n_opd=6, seed=1, period=PERIOD)
    return folder, truth


@pytest.fixture(scope="module")
def extract(independent):
    return load_extract(independent[0])


@pytest.fixture(scope="module")
def frame(extract):
    return analysis_frame(extract, PERIOD)


def test_generator_writes_the_shapes_it_promises(independent):
    folder, truth = independent
    riw = pd.read_csv(folder / "riwayat_jabatan.csv", dtype=str)
    peg = pd.read_csv(folder / "pegawai.csv", dtype=str)
    start, end = truth["period_start"].isoformat(), truth["period_end"].isoformat()
    assert riw["tanggal"].between(start, end).all()                         # history="inside"
    prom = riw[riw["jenis_mutasi"] == "promosi"]
    assert set(prom["nip"]) == truth["promoted_nips"] and len(prom) == truth["n_promotion_events"]
    assert prom["eselon_lama"].isna().sum() == truth["n_promotions_without_eselon_lama"] > len(prom) / 2
    assert peg["opd_kode"].str.fullmatch(r"\d{2}").all() and "01" in set(peg["opd_kode"])
    assert not {"tmt_cpns", "agama"} & set(peg.columns)
    parsed = parse_nip(peg["nip"])
    assert parsed["nip_valid"].all() and peg["nip"].is_unique
    assert (parsed["nip_jenis"] == peg["status_kepegawaian"]).all()
    assert (parsed["nip_jenis_kelamin"] == peg["jenis_kelamin"]).all()
    assert (parsed["nip_tanggal_lahir"] == pd.to_datetime(peg["tanggal_lahir"])).all()


def test_loader_accepts_every_row(extract, independent):
    rep = extract.report
    assert rep.ok, "rejected rows:\n" + rep.rule_counts().to_string()
    assert rep.rows_read == independent[1]["rows"]


def test_every_promotion_is_counted_and_at_risk(frame, independent):
    truth = independent[1]
    promoted = frame.loc[frame["dipromosikan"]]
    lost = frame.loc[frame["dipromosikan"] & ~frame["berisiko"].astype(bool)]
    assert set(promoted["nip"]) == truth["promoted_nips"], (
        f"{len(truth['promoted_nips'] - set(promoted['nip']))} promotions missed, "
        f"{len(set(promoted['nip']) - truth['promoted_nips'])} extra")
    assert lost.empty, f"{len(lost)} of {len(promoted)} promoted persons are outside the at-risk population"
    assert promoted["level_awal"].notna().all(), f"{promoted['level_awal'].isna().sum()} promoted without level_awal"


def test_level_and_eselon_at_start_match_the_truth(frame, independent):
    persons = independent[1]["persons"].set_index("nip")
    f = frame.set_index("nip").reindex(persons.index)
    # the frame merges Pelaksana and Fungsional into one level (a non-structural post)
    want = persons["level_awal"].replace({"Pelaksana": "Pelaksana/Fungsional", "Fungsional": "Pelaksana/Fungsional"})
    got = f["level_awal"].astype(object).replace({"Pelaksana": "Pelaksana/Fungsional",
                                                   "Fungsional": "Pelaksana/Fungsional"})
    bad = want != got
    assert not bad.any(), pd.crosstab(want[bad], got[bad].fillna("<NA>")).to_string()
    es_bad = persons["eselon_awal"].fillna("-") != f["eselon_awal"].astype(object).fillna("-")
    assert not es_bad.any(), f"{es_bad.sum()} persons with a wrong eselon_awal"


def test_model_audit_and_compliance_count_every_promotion(frame, independent):
    from merit_lib.analysis.compliance import compliance
    from merit_lib.analysis.fairness import audit
    from merit_lib.analysis.features import counted_promotions
    from merit_lib.analysis.model import fit_readiness

    n_promoted = len(independent[1]["promoted_nips"])
    assert int(counted_promotions(frame).sum()) == n_promoted
    result = audit(frame)
    assert result.meta["counts"]["n_promoted"] == n_promoted
    province = result.findings[(result.findings["scope"] == "PROVINSI") & (result.findings["attribute"] == "jenis_kelamin")]
    assert int(province["promoted_group"].sum() + province["promoted_reference"].iloc[0]) == n_promoted
    assert int(compliance(frame, result.findings, n_boot=200)["n_promosi"].sum()) == n_promoted
    coef = fit_readiness(frame).coefficients
    logit = coef[coef["model"] == "logit"].set_index("term")
    for term in ("kompetensi", "kinerja"):        # the planted effects are positive: the CI says so
        assert logit.loc[term, "ci_low"] > 1, logit.loc[term].to_dict()
