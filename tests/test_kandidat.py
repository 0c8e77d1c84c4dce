"""The shortlist for a vacancy (issue 15): the planted ready-now candidate first, never an ineligible one as eligible."""

import pandas as pd
import pytest

from merit_lib.analysis.features import analysis_frame
from merit_lib.analysis.kandidat import jpm_for_post, shortlist
from merit_lib.cli import main
from merit_lib.domain import contract as C
from merit_lib.domain import rules as R
from merit_lib.domain.errors import ParameterError
from merit_lib.synth import synthesize


@pytest.fixture(scope="module")
def world():
    s = synthesize(n=1500, seed=4)
    return s, analysis_frame(s.tables, "2026Q2", window=1, as_at=True)   # a shortlist is as at the quarter's start


def test_planted_ready_now_candidate_ranks_first_and_the_near_miss_apart(world):
    s, frame = world
    truth = s.truth.appointments.shortlist
    sl = shortlist(frame, "Administrator", opd=truth["opd"], n=10)
    assert sl.eligible.loc[0, "nip"] == truth["ready"] and sl.eligible.loc[0, "peringkat"] == 1
    assert "kotak 9" in sl.eligible.loc[0, "alasan_peringkat"]
    assert truth["near_miss"] not in set(sl.eligible["nip"])
    miss = sl.near_miss.set_index("nip").loc[truth["near_miss"], "syarat_kurang"]
    assert miss == truth["missing"]


def test_no_ineligible_candidate_is_listed_as_eligible(world):
    _, frame = world
    for level, opd in (("Pengawas", "DINDIKBUD"), ("Administrator", None), ("JPT Pratama", None)):
        sl = shortlist(frame, level, opd=opd, n=50)
        ok = frame.set_index("nip").loc[sl.eligible["nip"]]
        assert (ok[list(R.CHECKS)] == R.PASS).all().all() and (ok["level_tujuan"] == level).all()
        assert (sl.eligible["syarat_kurang"] == "").all()
        assert (sl.near_miss["syarat_kurang"].str.count(";") == 0).all() and (sl.near_miss["syarat_kurang"] != "").all()


def test_jpm_against_the_post_by_hand():
    row = {c: 4.0 for c in C.COMPETENCIES} | {"integritas": 2.0}
    assert jpm_for_post(pd.DataFrame([row]), "Administrator").iloc[0] == pytest.approx(100 * (8 * 3 + 2) / 27)


def test_bad_parameters_are_clear(world):
    _, frame = world
    with pytest.raises(ParameterError, match="--level"):
        shortlist(frame, "Eselon V")
    with pytest.raises(ParameterError, match="--opd"):
        shortlist(frame, "Administrator", opd="NOPE")


def test_cli_writes_only_the_file_asked_with_a_restricted_header(world, tmp_path, capsys):
    s, _ = world
    data = s.write(tmp_path / "d")
    out = tmp_path / "k" / "shortlist.csv"
    assert main(["kandidat", "--data", str(data), "--level", "Administrator", "--opd", "BKD", "--n", "5",
                 "--period", "2026Q2", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# RAHASIA") and s.truth.appointments.shortlist["ready"] in lines[2]
    assert [p.name for p in (tmp_path / "k").iterdir()] == ["shortlist.csv"]
    assert main(["kandidat", "--data", str(data), "--level", "Kepala", "--out", str(out)]) == 2
    assert "--level" in capsys.readouterr().err


def test_a_shortlist_shows_counts_and_provenance_never_a_person(world):
    """Issue 23, item 6: typed in a notebook, a shortlist shows how many, in its language; the persons stay in its tables."""
    from merit_lib.domain import language as L

    s, frame = world
    truth = s.truth.appointments.shortlist
    for lang, words in (("id", ("Daftar calon untuk jabatan Administrator", "memenuhi semua syarat", "RAHASIA")),
                        ("en", ("Shortlist for the post: Administrator", "meet every check", "RESTRICTED"))):
        sl = shortlist(frame, "Administrator", opd=truth["opd"], n=10, lang=lang)
        shown = sl._repr_html_()
        assert all(w in shown for w in words) and f"({truth['opd']})" in shown, shown
        assert f"{sl.n_eligible}" in shown and f"{len(sl.near_miss)}" in shown
        assert L.period_label(frame.attrs["period"], lang) in shown        # the frame's provenance line
        assert not any(str(x) in shown for x in [*sl.eligible["nip"], *sl.near_miss["nip"], *sl.eligible["nama"]])
