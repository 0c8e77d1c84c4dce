"""The disclosure plan's system of sums (report.linked) holds the true numbers: a relation that the published tables
do not obey makes the plan fail on a real period ("the published numbers admit no solution")."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

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


@settings(max_examples=200)
@given(st.integers(2, 6).flatmap(lambda n: st.tuples(
    st.lists(st.lists(st.sampled_from([0, 0, 1, 2, 3]), min_size=n, max_size=n), min_size=1, max_size=4),  # sums
    st.lists(st.tuples(st.integers(0, 15), st.integers(0, 3)), min_size=4, max_size=4),   # each total, and its slack
    st.lists(st.integers(0, 2), min_size=n, max_size=n),                                   # lower bounds
    st.lists(st.sampled_from([-1, 0, 1, 1, 2]), min_size=n, max_size=n),                  # a target
    st.lists(st.integers(-3, 3), min_size=n, max_size=n),         # another direction, to find a point that is not best
    st.sampled_from(["best", "next", "neither"]))))               # found before: the best points, the next best, neither
def test_an_exact_range_is_the_integer_programs_whatever_the_points_found_before(case):
    """A group's exact range of a target (taken, where it can be, from a point found before that reaches the linear
    relaxation's bound) is the range an integer program gives on its own — also where the relaxation is fractional
    (sums with coefficients above 1, totals known only within a range, as shares give them), and whether the points
    found before hold the best ones, the next best ones (which must not be taken for the best) or neither. (Checked to
    fail with the bound loosened by one.)"""
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    rows, totals, lower, target, other, found = case
    a = sparse.csr_matrix(np.array(rows, dtype=float))
    hi = np.array([t for t, _ in totals[: len(rows)]], dtype=float)
    lo = hi - np.array([slack for _, slack in totals[: len(rows)]], dtype=float)
    lower, c = np.array(lower, dtype=float), np.array(target, dtype=float)
    try:
        group = linked._Group(a, lo, hi, lower)
    except linked.Infeasible:
        return
    bounds, cons = Bounds(lower, np.full(len(lower), np.inf)), [LinearConstraint(a, lo, hi)]
    low, high = (milp(sign * c, constraints=cons, integrality=np.ones(len(c)), bounds=bounds) for sign in (1, -1))
    assume(low.status == 0)                        # a target of counts has a least value (an unbounded one: no range)
    elsewhere = milp(np.array(other, dtype=float), constraints=cons, integrality=np.ones(len(c)),
                     bounds=Bounds(lower, np.full(len(lower), 50.0)))
    if elsewhere.status == 0:
        group.add(np.round(elsewhere.x))           # a feasible point, most often not the best for this target
    for sign, best in ((1, low), (-1, high)):
        if best.status != 0 or found == "neither":
            continue
        if found == "best":                        # the best point itself, as a plan's rounds may have found it
            group.add(np.round(best.x))
            continue
        # a point one short of the best (the relaxation's bound rounded up may still be reached by none)
        cut = [*cons, LinearConstraint(sign * c[np.newaxis, :], best.fun + 1, best.fun + 1)]
        near = milp(np.zeros(len(c)), constraints=cut, integrality=np.ones(len(c)), bounds=bounds)
        if near.status == 0:
            group.add(np.round(near.x))
    assert group.exact(c) == pytest.approx((low.fun, -high.fun if high.status == 0 else np.inf))
