"""The trend's earlier quarters are what those quarters' own reports said: the same index, range, tier and province
average whether the trend recomputes a quarter from the extract's history or reads its published folder, so that an OPD
page never says "up 13 points since 2025Q4 (47)" when the 2025Q4 report showed 55."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from merit_lib.data.extract import load_extract
from merit_lib.domain.period import DEFAULT_WINDOW
from merit_lib.report.pipeline import compute
from merit_lib.report.targets import MANIFEST, MARKER
from merit_lib.report.trend import FROM_HISTORY, FROM_REPORT, FROM_THIS, trend_table
from merit_lib.synth import shapes, synthesize, write_tables

PERIOD, EARLIER = "2026Q1", "2025Q4"
SAME = ["index", "index_ci_low", "index_ci_high", "tier", "category", "index_provinsi", "n_promosi"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """An extract with tiny and one-gender OPDs and 2025Q4's own report tables (as `merit report` computes them); the
    trend of 2026Q1 over two quarters, once recomputing 2025Q4 from the history, once reading 2025Q4's folder."""
    tables = shapes.reshape(synthesize(n=300, seed=5).tables, ["tiny_opds", "one_gender_opd"])
    data = write_tables(tables, tmp_path_factory.mktemp("data"))
    reports = tmp_path_factory.mktemp("reports")
    meta = compute(data, EARLIER, reports / EARLIER / "tables", history_dir=reports)
    manifest = {**MARKER, "period": EARLIER, "window": {"n": meta["window"]["n"]}}     # the folder's, as a run writes it
    (reports / EARLIER / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    own = pd.read_csv(reports / EARLIER / "tables" / "compliance.csv", dtype={"opd_kode": str}).set_index("opd_kode")
    extract, now = load_extract(data), own.reset_index().iloc[:0]       # this quarter's row is not under test
    read = {name: trend_table(extract, PERIOD, DEFAULT_WINDOW, now, history, n=2)
            for name, history in (("history", None), ("folder", reports))}
    return read, own


def _points(trend: pd.DataFrame) -> pd.DataFrame:
    return trend[(trend["periode"] == EARLIER) & (trend["opd_kode"] != "PROVINSI")].set_index("opd_kode")


@pytest.mark.parametrize("source", ["history", "folder"])
def test_an_earlier_quarter_is_that_quarters_own_report(runs, source):
    read, own = runs
    points = _points(read[source])
    assert set(points["sumber"]) == {FROM_HISTORY if source == "history" else FROM_REPORT}
    assert sorted(points.index) == sorted(own.index)
    assert own["index"].notna().sum() >= 5 and own["skor_keadilan"].notna().any()     # something to compare
    for col in SAME:
        pd.testing.assert_series_equal(points.loc[own.index, col].reset_index(drop=True), own[col].reset_index(drop=True),
                                       check_dtype=False, check_names=False, obj=f"{source} {col}")
    province = read[source].query("periode == @EARLIER and opd_kode == 'PROVINSI'")["index"]
    assert province.iloc[0] == pytest.approx(own["index_provinsi"].dropna().iloc[0])


def test_this_periods_point_says_it_is_this_report(runs):
    read, _ = runs
    now = read["history"][read["history"]["periode"] == PERIOD]
    assert len(now) == 1 and set(now["sumber"]) == {FROM_THIS}       # (this test's current table is empty: PROVINSI)
