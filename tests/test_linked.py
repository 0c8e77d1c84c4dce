"""The disclosure plan's system of sums (report.linked) holds the true numbers: a relation that the published tables
do not obey makes the plan fail on a real period ("the published numbers admit no solution")."""

from __future__ import annotations

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
