"""Extracts shaped unlike our generator's default: every promotion of every quarter of the evidence window is counted
or excluded with a named reason.

Each shape is a transform of `merit_lib.synth.shapes` over a small synthetic extract (with its past), written to disk
and read back through the loader, so the whole path (load → person-quarters → model → audit → compliance → ledger)
sees it as a BKD would send it. The ledger must balance and its counts must agree with the compliance table, the
audit's PROVINSI rows and the model's events; a shape whose history starts inside the period shrinks the window.
"""

from __future__ import annotations

import pandas as pd
import pytest

import merit_lib as ml
from merit_lib.analysis.compliance import compliance
from merit_lib.analysis.fairness import audit
from merit_lib.analysis.features import analysis_frame, counted_promotions, window_of
from merit_lib.analysis.ledger import COUNTED, SECOND, for_extract, promotion_ledger
from merit_lib.analysis.model import fit_readiness
from merit_lib.synth import shapes, synthesize, write_tables

PERIOD = "2026Q1"
CASES = {
    **{name: ([name], {}) for name in shapes.SHAPES},
    "no_promotion_at_all": ([], {"no_promotion": ("*",)}),
    "level_without_promotion": ([], {"no_promotion": ("Fungsional",)}),
    "opd_without_promotion": ([], {"no_promotion": ("DINKES",)}),
    "independent_like": (["history_inside", "pengawas_without_eselon_lama", "without_optional", "odd_codes"], {}),
}


def _promotion_events(t: dict[str, pd.DataFrame], frame: pd.DataFrame) -> pd.DataFrame:
    """The promotion events of the frame's evidence window (the ground truth a ledger must account for)."""
    r, win = t["riwayat_jabatan"], window_of(frame)
    when = pd.to_datetime(r["tanggal"])
    events = r[(r["jenis_mutasi"] == "promosi") & (when >= win.start) & (when <= win.end)]
    return events.assign(triwulan=win.quarter_of(pd.to_datetime(events["tanggal"])))


@pytest.fixture(scope="module", params=sorted(CASES))
def shaped(request, tmp_path_factory):
    names, knobs = CASES[request.param]
    tables = shapes.reshape(synthesize(n=500, seed=13, **knobs).tables, names)
    folder = write_tables(tables, tmp_path_factory.mktemp(request.param))
    extract = ml.load_extract(folder)
    frame = analysis_frame(extract, PERIOD)
    return request.param, tables, extract, frame


def test_loads_every_row(shaped):
    name, tables, extract, frame = shaped
    assert len(extract.report.issues) == 0, extract.report.issues.head()
    win = window_of(frame)
    assert len(frame) == win.n * len(tables["pegawai"])
    assert win.n == (1 if name in ("history_inside", "independent_like") else 4)     # a history inside the period


def test_every_promotion_is_counted_or_named(shaped):
    name, tables, extract, frame = shaped
    events = _promotion_events(tables, frame)
    ledger = promotion_ledger(frame, extract.riwayat_jabatan, PERIOD)
    assert len(ledger) == len(events)                       # every event of every quarter has a line
    assert ledger["alasan"].notna().all() and set(ledger["triwulan"]) <= set(window_of(frame).labels())
    # on these shapes nothing is lost: each person promoted in a quarter is counted once, repeat promotions are named
    assert set(ledger["alasan"]) <= {COUNTED, SECOND}
    once = events.drop_duplicates(["nip", "triwulan"])
    assert int(counted_promotions(frame).sum()) == len(once)
    assert (ledger["alasan"] == COUNTED).sum() == len(once)


def test_counts_agree_across_model_audit_compliance(shaped):
    name, tables, extract, frame = shaped
    counted = int(counted_promotions(frame).sum())
    result = audit(frame)
    comp = compliance(frame, result.findings, n_boot=200)
    assert int(comp["n_promosi"].sum()) == counted
    assert result.meta["counts"]["n_promoted"] == counted
    models = fit_readiness(frame)
    with_merit = counted_promotions(frame) & frame["kompetensi"].notna() & frame["kinerja"].notna()
    if counted:
        assert models["logit"].n_events <= int(with_merit.sum())
    table = for_extract(extract, frame, PERIOD)
    people = table[table["jenis"] == "pegawai"]
    assert int(people["n_orang"].sum()) == extract.report.rows_read["pegawai"]   # every pegawai row is somewhere


def test_level_before_is_known_for_every_promoted_person(shaped):
    name, tables, extract, frame = shaped
    promoted = frame[frame["dipromosikan"]]
    assert promoted["level_awal"].notna().all()
    assert promoted["berisiko"].all()
