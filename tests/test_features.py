"""The analysis frame: position before the period, outcome in it, and no look-ahead."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from merit_lib.analysis import talent as T
from merit_lib.analysis.features import analysis_frame, quarter_frame
from merit_lib.domain.period import Period

PREDICTORS = ["level_awal", "eselon_awal", "opd_kode", "usia", "masa_kerja", "tahun_dalam_jabatan", "golongan_ordinal",
              "kompetensi", "jpm", "skor_potensi", "skp_level_1", "skp_level_2", "kinerja", "memenuhi_syarat", "kotak"]


@pytest.fixture(scope="module")
def frame(small_synth):
    return analysis_frame(small_synth.tables, "2026Q1", window=1)   # one quarter: one row per person


def test_one_row_per_pegawai_and_outcome_matches_truth(frame, small_synth):
    assert len(frame) == len(small_synth.tables["pegawai"]) and frame["nip"].is_unique
    assert int(frame["dipromosikan"].sum()) == small_synth.truth.n_promoted


def test_promoted_persons_carry_their_level_before_the_promotion(frame):
    promoted = frame[frame["dipromosikan"]]
    assert len(promoted) > 10
    rank = {"Pelaksana": 0, "Fungsional": 0, "Pengawas": 1, "Administrator": 2, "JPT Pratama": 3}
    before = promoted["level_awal"].map(rank)
    after = promoted["jenis_jabatan_akhir"].map(rank)
    assert (after == before + 1).all()
    assert promoted["tahun_dalam_jabatan"].notna().all() and (promoted["tahun_dalam_jabatan"] > 0).all()


def test_rotated_heads_keep_their_opd_at_the_start(frame, small_synth):
    riw = small_synth.tables["riwayat_jabatan"]
    rot = riw[(riw["jenis_mutasi"] == "rotasi") & (riw["jenis_jabatan_baru"] == "JPT Pratama")]
    got = frame.set_index("nip").loc[rot["nip"], "opd_kode"]
    assert (got.to_numpy() == rot["opd_kode_lama"].to_numpy()).all()
    assert (rot["opd_kode_lama"].to_numpy() != rot["opd_kode_baru"].to_numpy()).any()


def test_no_look_ahead(small_synth, frame):
    """Data dated on or after the period start must not change any predictor."""
    start = Period.parse("2026Q1").start
    t = {k: v.copy() for k, v in small_synth.tables.items()}
    prof = t["profiling"]
    late = prof.copy()
    late["tanggal_asesmen"] = start + pd.Timedelta(days=10)
    for c in ["integritas", "kerja_sama", "komunikasi"]:
        late[c] = 5.0 if c != "komunikasi" else 1.0
    late["jpm"], late["skor_potensi"] = 100.0, 99.0
    t["profiling"] = pd.concat([prof, late], ignore_index=True)
    kin = t["kinerja"]
    t["kinerja"] = pd.concat([kin, kin.assign(tahun=start.year, predikat="Sangat Kurang")], ignore_index=True)
    riw = t["riwayat_jabatan"]
    extra = riw[riw["tanggal"] < start].groupby("nip").tail(1).assign(tanggal=start + pd.Timedelta(days=200),
                                                                         jenis_mutasi="mutasi")
    t["riwayat_jabatan"] = pd.concat([riw, extra], ignore_index=True)
    again = analysis_frame(t, "2026Q1", window=1)
    pd.testing.assert_frame_equal(frame[PREDICTORS], again[PREDICTORS])


def test_a_later_period_sees_later_data(small_synth, frame):
    later = quarter_frame(small_synth.tables, "2027Q1")   # one quarter's rows (the door refuses 2027Q1: below)
    assert not later["dipromosikan"].any()                # nothing happened in 2027 in the synthetic world
    assert (later["usia"] - frame["usia"]).between(0.99, 1.01).all()


def test_a_period_after_the_data_or_before_its_history_is_refused_at_the_door(small_synth):
    """Issue 23: "2030Q1" gave 0 promotions silently, "1990Q1" a pandas error, "2026-Q1" was guessed; each is now one
    line (Indonesian, with an English twin) naming the period and the quarters the data can speak for."""
    from merit_lib.data.extract import analysable, data_span, first_staffed
    from merit_lib.domain.period import PeriodError

    tables = small_synth.tables
    _, last = data_span(tables)
    staffed = first_staffed(tables)
    assert last == max(pd.to_datetime(tables["riwayat_jabatan"]["tanggal"]).max(),
                       pd.to_datetime(tables["profiling"]["tanggal_asesmen"]).max(),
                       pd.to_datetime(tables["pegawai"]["tmt_jabatan"]).max())
    tmt = pd.to_datetime(tables["pegawai"]["tmt_cpns"]).dropna()
    assert (tmt <= staffed).mean() >= 0.5 > (tmt < staffed).mean()        # the day half of today's staff were in service
    cases = {"2030Q1": ("setelah data", "after the data", str(Period.of(last))),
             "2027Q1": ("setelah data", "after the data", str(Period.of(last))),
             "1990Q1": ("di luar riwayat data", "outside the data's history", None),
             "2026-Q1": ("tidak sah", "not valid", "2026Q1"), "Q1 2026": ("tidak sah", "not valid", "2026Q1"),
             "2026Q5": ("tidak sah", "not valid", "2026Q1")}
    for period, (id_words, en_words, named) in cases.items():
        with pytest.raises(PeriodError) as caught:
            analysis_frame(tables, period)
        assert isinstance(caught.value, ValueError)                         # callers that catch a ValueError still do
        said, en = caught.value.message("id"), caught.value.message("en")
        assert period in said and id_words in said and en_words in en and "\n" not in said, said
        assert named is None or named in said
    first_ok = Period.of(staffed) if Period.of(staffed).start >= staffed else Period.of(staffed).next()
    assert analysable(tables) == (first_ok, Period.of(last))       # what an Extract's display names as analysable
    assert str(first_ok) in str(pytest.raises(PeriodError, analysis_frame, tables, str(first_ok.previous())).value)
    assert len(analysis_frame(tables, first_ok, window=1)) == len(tables["pegawai"])    # its first quarter is taken
    assert len(analysis_frame(tables, Period.of(last), window=1)) == len(tables["pegawai"])   # and its last
    # a shortlist is as at a quarter's start, nothing counted in it: the quarter after the data is its usual period
    after = Period.of(last).next()
    pytest.raises(PeriodError, analysis_frame, tables, str(after), window=1)
    ahead = analysis_frame(tables, str(after), window=1, as_at=True)
    assert len(ahead) == len(tables["pegawai"]) and not ahead["dipromosikan"].any() and ahead.attrs["period"] == str(after)
    pytest.raises(PeriodError, analysis_frame, tables, "2026-Q2", window=1, as_at=True)    # still checked for its form


def test_readiness_is_consistent_with_box_and_checks(frame):
    ready = frame[frame["kesiapan"] == T.READY_NOW]
    assert ready["talent_pool"].all() and ready["memenuhi_syarat"].all()
    assert (frame.loc[frame["level_awal"] == "JPT Pratama", "kesiapan"] == T.NOT_APPLICABLE).all()
    not_ready = frame[frame["kesiapan"] == T.NOT_READY]
    assert (~not_ready["talent_pool"]).all()
    assert (not_ready["alasan"].str.len() > 0).all()
    # merit-driven synthetic promotions: the ready are promoted more often than the not ready
    rate = frame[frame["berisiko"]].groupby("kesiapan")["dipromosikan"].mean()
    assert rate[T.READY_NOW] > rate[T.NOT_READY]


def test_nine_box_by_hand():
    f = pd.DataFrame({"skor_potensi": [70, 50, 10, np.nan], "jpm": [95, 80, 50, 60],
                      "skp_level_1": [2, 1, 0, 2], "skp_level_2": [2, 1, 0, 2]})
    box = T.nine_box(f)
    assert box["kotak"].tolist()[:3] == [9, 5, 1] and pd.isna(box["kotak"].iloc[3])
    assert box["talent_pool"].tolist() == [True, False, False, False]
    jpm_box = T.nine_box(f, T.Thresholds(potential_source="jpm"))
    assert jpm_box["kotak"].tolist() == [9, 5, 1, 4]
