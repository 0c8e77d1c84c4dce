"""Property-based extracts: whatever the generator's knobs and the shapes applied, the run accounts for everything.

A bounded number of examples run here (the computed tables for several, one whole `merit report`);
`benchmarks/fuzz_report.py` runs hundreds of whole reports.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from merit_lib.report.pipeline import compute
from merit_lib.synth import shapes, write_tables

pytestmark = pytest.mark.slow     # the fuzz tier: `make quick` leaves it out, `make test` (and CI) runs it

cases = st.builds(
    shapes.Case,
    n=st.integers(120, 700),
    seed=st.integers(0, 2**31 - 1),
    shapes=st.sets(st.sampled_from(sorted(shapes.SHAPES))).map(tuple),
    no_promotion=st.sampled_from([(), ("*",), ("Fungsional",), ("Pengawas",), ("DINKES",)]),
    unprofiled=st.floats(0.0, 0.6),
    base_rate=st.floats(0.02, 0.2),
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=cases)
def test_computed_tables_account_for_everything(case, tmp_path_factory):
    tables = case.tables()
    data = write_tables(tables, tmp_path_factory.mktemp("case"))
    out = tmp_path_factory.mktemp("tables")
    compute(data, "2026Q1", out)
    assert shapes.report_problems(out, tables, pages=False) == []


def test_whole_report_on_a_hostile_shape(tmp_path):
    case = shapes.Case(n=300, seed=5, shapes=("history_inside", "pengawas_without_eselon_lama", "without_optional",
                                              "odd_codes", "tiny_opds", "second_promotions", "moves_inside",
                                              "one_gender_opd", "few_opds"))
    tables = case.tables()
    data = write_tables(tables, tmp_path / "data")
    out = tmp_path / "rep" / "2026Q1"
    run = subprocess.run([sys.executable, "-m", "merit_lib.cli", "report", "--data", str(data), "--period", "2026Q1",
                          "--out", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert shapes.report_problems(out, tables) == []
