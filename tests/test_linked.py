"""The disclosure plan's system of sums (report.linked) holds the true numbers: a relation that the published tables
do not obey makes the plan fail on a real period ("the published numbers admit no solution")."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from merit_lib.report import linked

QUARTERS = ["2025Q3", "2025Q4", "2026Q1", "2026Q2"]


def _published(jf_jenjang: bool) -> linked.Published:
    """One OPD whose window holds 12 promotions: 5 Fungsional → Pengawas, 6 Fungsional → Administrator (a jump) and one
    Pengawas → Administrator; the level table counts a promotion at the level its start level aims at (Pengawas for
    every Fungsional of an extract without JF jenjang), so it shows Pengawas 11, Administrator 1."""
    comp = pd.DataFrame({"opd_kode": ["A"], "n_pegawai": [120.0], "n_promosi": [12.0], "n_promosi_triwulan": [3.0]})
    grid = pd.DataFrame({"scope": ["A"] * 3, "level_awal": ["Fungsional", "Fungsional", "Pengawas"],
                         "jenis_jabatan_akhir": ["Pengawas", "Administrator", "Administrator"],
                         "kesiapan": ["Siap sekarang"] * 3, "n": [5.0, 6.0, 1.0]})
    levels = pd.DataFrame({"scope": ["A", "A"], "level_tujuan": ["Pengawas", "Administrator"], "n_promosi": [11.0, 1.0],
                           "n_promosi_melangkahi": [0.0, 0.0], "n_bypassed": [0.0, 0.0]})
    ledger = pd.DataFrame({"jenis": "promosi", "alasan": "dihitung", "triwulan": QUARTERS, "opd_kode": "A",
                           "n_peristiwa": [3, 3, 3, 3], "n_orang": [3, 3, 3, 3]})
    return linked.Published("2026Q2", QUARTERS, {"compliance": comp, "promotions": grid, "bypassed_by_level": levels,
                                                 "promotions_ledger": ledger},
                            {"n_pegawai": 120.0, "n_promosi": 12.0, "jf_jenjang": jf_jenjang}, current=True)


@pytest.mark.parametrize("jf_jenjang", [False, True])
def test_a_promotion_counts_in_the_level_table_at_the_level_its_start_aims_at(jf_jenjang):
    builder = linked.Builder()
    builder.add(_published(jf_jenjang))
    linked.pinned(builder.done())          # before: Infeasible, the jump counted at the post reached (Administrator)


def test_a_level_table_no_promotion_can_give_is_still_refused():
    p = _published(False)
    levels = p.tables["bypassed_by_level"].copy()
    levels["n_promosi"] = [1.0, 11.0]      # 11 at Administrator: only one promotion started at Pengawas
    builder = linked.Builder()
    builder.add(linked.Published(p.period, p.quarters, {**p.tables, "bypassed_by_level": levels}, p.totals, current=True))
    with pytest.raises(linked.Infeasible):
        linked.pinned(builder.done())


def _hiding(p: linked.Published, rows: list[int]) -> linked.Published:
    """The same folder with the level grid's counts of `rows` hidden."""
    grid = p.tables["promotions"].copy()
    grid.loc[rows, "n"] = float("nan")
    return linked.Published(p.period, p.quarters, {**p.tables, "promotions": grid}, p.totals, current=p.current)


def _found(found) -> list[tuple]:
    return sorted((t.name, lo, hi) for t, lo, hi in found)


def test_a_round_of_the_plan_gives_what_a_plan_from_scratch_gives():
    """A plan's rounds share the folders beside (`Builder.fork`) and the groups audited before (`Memo`): the same
    targets and ranges as a system built and audited from nothing, and the folders beside left as they were."""
    beside = dataclasses.replace(_published(False), period="2026Q1", current=False)
    around = linked.Builder()
    around.add(beside)
    rows, unknowns = len(around.s.rows), len(around.s.lower)
    memo = linked.Memo()
    for hidden in ([0], [0, 1], [0, 1, 2]):
        me = _hiding(_published(False), hidden)
        fork = around.fork()
        fork.add(me)
        planned = _found(linked.pinned(fork.done(), memo))
        fresh = linked.Builder()
        fresh.add(beside)
        fresh.add(me)
        assert planned and planned == _found(linked.pinned(fresh.done()))
        assert (len(around.s.rows), len(around.s.lower)) == (rows, unknowns)     # the fork added to itself alone
    assert memo.misses > 0
    again = linked.Builder()
    again.add(beside)
    again.add(_hiding(_published(False), [0, 1, 2]))
    hits = memo.hits
    assert _found(linked.pinned(again.done(), memo)) == planned and memo.hits > hits   # nothing solved again
