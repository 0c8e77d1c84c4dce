"""Rotations and mutations (issue 15): post checks by hand, the planted merit-ignoring OPD, JPT tenure, ledger, shapes."""

import pandas as pd
import pytest

from merit_lib.analysis import rotations as RT
from merit_lib.analysis.features import analysis_frame
from merit_lib.analysis.ledger import for_extract
from merit_lib.data.extract import load_extract
from merit_lib.domain import contract as C
from merit_lib.report import privacy
from merit_lib.synth import synthesize

PERIOD = "2026Q1"


@pytest.fixture(scope="module")
def world():
    s = synthesize(n=3236, seed=20251117)
    frame = analysis_frame(s.tables, PERIOD)
    moves = RT.review_moves(frame, s.tables["riwayat_jabatan"], s.tables["pegawai"], PERIOD)
    return s, frame, moves


def _person(**kw):
    base = {"nip": "x", "status_kepegawaian": "PNS", "pendidikan": "S1", "golongan_ordinal": 11.0, "usia": 45.0,
            "masa_kerja": 15.0, "tahun_dalam_jabatan": 0.5, "skp_level_1": 1.0, "skp_level_2": 1.0, "kompetensi": 3.0,
            "kompetensi_min": 3.0, "jpm": 90.0, "skor_potensi": 50.0, **{c: 3.0 for c in C.COMPETENCIES}}
    base.update(kw)
    return base


def test_post_checks_by_hand():
    people = pd.DataFrame([_person(), _person(skp_level_2=0.0), _person(integritas=2.0), _person(skp_level_1=None),
                           _person(golongan_ordinal=11.0)])
    # into an Administrator post, eselon III.b (lowest golongan III/d = rank 11) and, last, III.a (IV/a = rank 12)
    out = RT.post_checks(people, pd.Series(["Administrator"] * 5), pd.Series(["III.b"] * 4 + ["III.a"]))
    assert list(out["hasil"]) == [RT.SESUAI, RT.TIDAK_SESUAI, RT.TIDAK_SESUAI, RT.TIDAK_DIKETAHUI, RT.TIDAK_SESUAI]
    assert list(out["syarat_gagal"].fillna("")) == ["", "cek_skp", "cek_kompetensi", "", "cek_golongan"]
    assert "cek_masa_jabatan" not in out          # half a year in post: a move does not ask for time in the level below
    with_time = RT.post_checks(people.iloc[:1], pd.Series(["Administrator"]), with_time=True)
    assert with_time.loc[0, "syarat_gagal"] == "cek_masa_jabatan"


def test_planted_merit_ignoring_opd_is_visible_in_its_rotation_share(world):
    s, frame, moves = world
    table = RT.rotation_table(moves, sorted(frame["opd_kode"].dropna().unique()))
    ignoring = s.truth.appointments.ignore_merit
    assert ignoring == ["BAPENDA"]
    row = table.set_index("opd_kode").loc["BAPENDA"]
    assert row["n_rotasi"] >= 6 and row["share_rotasi_memenuhi_syarat"] <= 0.2
    rest = table[~table["opd_kode"].isin(ignoring)]
    share_rest = rest["n_rotasi_memenuhi_syarat"].sum() / rest["n_rotasi"].sum()
    assert share_rest > 0.7 and row["share_rotasi_memenuhi_syarat_ci_high"] < share_rest
    # every planted move got the verdict the generator planted
    planted = s.truth.appointments.moves.dropna(subset=["sesuai"])
    got = moves.counted.drop_duplicates("nip").set_index("nip").loc[planted["nip"], "hasil"]
    assert ((got == RT.SESUAI).to_numpy() == planted["sesuai"].astype(bool).to_numpy()).all()


def test_jpt_tenure_flags_match_the_planted_truth(world):
    s, _, moves = world
    truth = s.truth.appointments
    assert set(moves.counted.loc[moves.counted[RT.PERLU_ALASAN].astype(bool), "nip"]) == truth.jpt_perlu_alasan
    assert set(moves.tenure.loc[moves.tenure[RT.MELEWATI_5_TAHUN], "nip"]) == truth.jpt_melewati_5_tahun
    assert truth.jpt_perlu_alasan and truth.jpt_melewati_5_tahun
    off = RT.review_moves(world[1], s.tables["riwayat_jabatan"], s.tables["pegawai"], PERIOD, rules=["syarat_jabatan"])
    assert not off.counted[RT.PERLU_ALASAN].any() and not off.tenure[RT.MELEWATI_5_TAHUN].any()
    with pytest.raises(ValueError, match="tidak dikenal"):
        RT.review_moves(world[1], s.tables["riwayat_jabatan"], s.tables["pegawai"], PERIOD, rules=["nope"])


def test_ledger_gives_every_move_a_reason(world, tmp_path):
    s = synthesize(n=500, seed=8)
    e = load_extract(s.write(tmp_path))
    frame = analysis_frame(e, PERIOD)
    ledger = for_extract(e, frame, PERIOD)
    r = e.tables["riwayat_jabatan"]
    in_period = r[(r["tanggal"] >= "2026-01-01") & (r["tanggal"] <= "2026-03-31") & r["jenis_mutasi"].isin(["rotasi", "mutasi"])]
    moves = ledger[ledger["jenis"].isin(["rotasi", "mutasi"])]
    assert int(moves["n_peristiwa"].sum()) == len(in_period)
    assert set(moves["alasan"]) <= set(RT.MOVE_REASONS)


def test_odd_shapes_no_move_and_one_move(world):
    s, frame, _ = world
    r = s.tables["riwayat_jabatan"]
    none = r[~r["jenis_mutasi"].isin(["rotasi", "mutasi"])]
    m = RT.review_moves(frame, none, s.tables["pegawai"], PERIOD)
    table = RT.rotation_table(m, ["BKD", "DINKES"])
    assert list(table["n_rotasi"]) == [0, 0] and table["share_rotasi_memenuhi_syarat"].isna().all()
    moves = r[r["jenis_mutasi"].isin(["rotasi", "mutasi"]) & (r["tanggal"] >= "2026-01-01")]
    one = pd.concat([none, moves.iloc[[0]], moves.iloc[[0]]])          # one move, given twice
    m = RT.review_moves(frame, one, s.tables["pegawai"], PERIOD)
    assert list(m.events["alasan"]) == [RT.COUNTED, RT.DUPLICATE]
    t = RT.rotation_table(m)
    assert t["n_rotasi"].sum() == 1
    t = t[t["n_rotasi"] == 1]
    # one move in an OPD: its verdict is a cell of one person, hidden at the door
    comp = pd.DataFrame({"opd_kode": t["opd_kode"], "n_pegawai": 50, "n_promosi": 0}).merge(t, on="opd_kode")
    pub = privacy.publish("compliance", comp)
    assert pub["n_rotasi"].iloc[0] == 1 and pd.isna(pub["n_rotasi_memenuhi_syarat"].iloc[0])
    assert pd.isna(pub["share_rotasi_memenuhi_syarat_ci_low"].iloc[0])


def test_compliance_csv_of_a_run_carries_the_rotation_columns(small_report):
    comp = pd.read_csv(small_report["out"] / "tables" / "compliance.csv")     # the shared small report's (a run's)
    assert comp["n_rotasi"].sum() > 0
    for c in RT.TABLE_COLUMNS:
        assert c in comp.columns
    small = comp["n_rotasi_memenuhi_syarat"].between(1, 4) | (comp["n_rotasi"] - comp["n_rotasi_memenuhi_syarat"]).between(1, 4)
    assert not small.any()                                # no cell of 1–4 persons published
