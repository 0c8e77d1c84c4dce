"""The register meets `merit report` (issue 24): observations from published tables of odd shapes, a quarter without
promotions, runs at once with an import among them, a run killed half way, a register where none may be (the year of
quarters is tests/test_register_year.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sqlite_dump import dump

from merit_lib.cli import main
from merit_lib.data.register import Register
from merit_lib.domain import codes
from merit_lib.report import temuan
from merit_lib.report import temuan_xlsx as X
from merit_lib.report.pipeline import compute
from merit_lib.synth import synthesize


@pytest.fixture(scope="module")
def small_tables(small_report):
    """The published tables of the shared small report (read only)."""
    return small_report["out"] / "tables"


def test_tables_without_optional_columns_give_fewer_observations_never_an_error(small_tables, tmp_path):
    full = temuan.observations(small_tables)
    comp = pd.read_csv(small_tables / "compliance.csv", dtype={"opd_kode": str})
    slim = tmp_path / "tables"
    slim.mkdir()
    drop = [c for c in comp.columns if c.startswith(("n_rotasi", "share_rotasi", "n_perlu", "n_melewati")) or c == "tier"]
    comp.drop(columns=drop).to_csv(slim / "compliance.csv", index=False)
    pd.read_csv(small_tables / "findings.csv").iloc[0:0].to_csv(slim / "findings.csv", index=False)
    fewer = temuan.observations(slim)
    assert {o.kind for o in fewer} <= {codes.KIND_COMPONENT, codes.KIND_RULE}
    assert not any(o.rule in (codes.RULE_NEEDS_GROUNDS, codes.RULE_MOVE_NOT_ELIGIBLE) for o in fewer)
    assert 0 < len(fewer) < len(full)
    assert temuan.observations(tmp_path / "nothing") == []


def test_a_rule_count_of_one_to_four_persons_is_never_kept():
    # compliance as published: the door hides such counts already; the register refuses them again on its own
    comp = pd.DataFrame({"opd_kode": ["A", "B", "C", "D", "E"], "n_promosi": [12, 12, 9, 8, 10],
                         "n_promosi_eligible": [7, 12, 4, None, 6], "n_promosi_melangkahi": [0, 3, 5, 7, 1]})
    obs = {(o.scope, o.rule): o for o in temuan._rules(comp)}
    assert set(obs) == {("A", codes.RULE_NOT_ELIGIBLE), ("B", codes.RULE_NOT_ELIGIBLE), ("C", codes.RULE_NOT_ELIGIBLE),
                        ("A", codes.RULE_BYPASS), ("C", codes.RULE_BYPASS), ("D", codes.RULE_BYPASS)}
    assert not obs[("B", codes.RULE_NOT_ELIGIBLE)].seen and obs[("B", codes.RULE_NOT_ELIGIBLE)].evidence["n"] == 0
    assert obs[("C", codes.RULE_NOT_ELIGIBLE)].evidence["n"] == 5 and obs[("C", codes.RULE_NOT_ELIGIBLE)].seen
    assert [o.evidence["n"] for o in temuan._rules(comp) if o.seen] == [5, 5, 5, 7]


def test_a_quarter_without_promotions_records_no_promotion_finding(tmp_path):
    s = synthesize(n=300, seed=3, no_promotion=("*",))
    compute(s.write(tmp_path / "data"), "2026Q1", tmp_path / "tables")
    obs = temuan.observations(tmp_path / "tables")
    rules = [o for o in obs if o.rule in (codes.RULE_NOT_ELIGIBLE, codes.RULE_BYPASS)]
    assert rules and not any(o.seen for o in rules)
    assert not any(o.seen for o in obs if o.kind == codes.KIND_FAIRNESS)
    with Register.open(tmp_path / "register.sqlite", create=True) as reg:
        with reg.writing("test"):
            done = reg.record("2026Q1", obs)
        assert done.seen == sum(o.seen for o in obs)


# --------------------------------------------------------------------------- at once, and killed


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    s = synthesize(n=600, seed=13)
    data = s.write(root / "data")
    code = s.tables["pegawai"]["opd_kode"].value_counts().index[0]
    return data, code


def _report(data: Path, out: Path, period: str, code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "merit_lib.cli", "report", "--data", str(data), "--period", period,
                             "--out", str(out), "--opd", code, "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _holding(lock: Path, what: str) -> bool:
    try:
        return what in lock.read_text()
    except OSError:
        return False


def _wait(condition, procs, timeout=600.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        for p in procs:
            assert p.poll() is None, p.communicate()
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


@pytest.mark.slow      # three whole runs at once (minutes): make test-slow, CI
def test_two_runs_and_an_import_at_once_never_corrupt_the_register(small, tmp_path, capsys):
    data, code = small
    reports = tmp_path / "reports"
    register = reports / "register.sqlite"
    assert main(["report", "--data", str(data), "--period", "2025Q3", "--out", str(reports / "2025Q3"), "--opd", code,
                 "--workers", "1"]) == 0
    sheet = tmp_path / "temuan.xlsx"
    assert main(["temuan", "--register", str(register), "ekspor", str(sheet)]) == 0
    book = openpyxl.load_workbook(sheet)
    ws = book[X.SHEETS["findings"]["id"]]
    head = [c.value for c in ws[1]]
    ws.cell(row=2, column=head.index(X.header("follow_up")) + 1).value = "sesuai rekomendasi"
    first = ws.cell(row=2, column=1).value
    book.save(sheet)
    lock = reports / ".register.sqlite.lock"
    runs = [_report(data, reports / q, q, code) for q in ("2025Q4", "2026Q1")]
    try:
        _wait(lambda: _holding(lock, "merit report"), runs)          # one run holds the register: an import waits …
        before = dump(register)
        assert main(["temuan", "--register", str(register), "impor", str(sheet), "--tunggu", "0.2"]) == 2
        assert "sedang dipakai" in capsys.readouterr().err
        assert dump(register) == before                              # … or, told not to wait, writes nothing
        waited = subprocess.run([sys.executable, "-m", "merit_lib.cli", "temuan", "--register", str(register), "impor",
                                 str(sheet), "--tunggu", "900"], capture_output=True, text=True, timeout=1200)
        assert waited.returncode == 0, waited.stderr
        for p in runs:
            out, err = p.communicate(timeout=1200)
            assert p.returncode == 0, err
    finally:
        for p in runs:
            if p.poll() is None:
                p.kill()
    with Register.open(register) as reg:
        assert reg.periods() == ["2025Q3", "2025Q4", "2026Q1"]
        assert reg.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert reg.table("findings").set_index("kode").loc[first, "follow_up"] == codes.FOLLOW_DONE
        assert (reg.history()["field"] == "periode").sum() == 3
    assert not lock.exists()
    assert sorted(os.listdir(reports)) == ["2025Q3", "2025Q3.internal", "2025Q4", "2025Q4.internal", "2026Q1",
                                           "2026Q1.internal", "register.sqlite"]


@pytest.mark.slow      # two whole runs, one killed half way (make test-slow, CI)
def test_a_run_killed_half_way_leaves_the_register_as_it_was(small, tmp_path):
    data, code = small
    reports = tmp_path / "reports"
    register = reports / "register.sqlite"
    assert main(["report", "--data", str(data), "--period", "2025Q4", "--out", str(reports / "2025Q4"), "--opd", code,
                 "--workers", "1"]) == 0
    before = dump(register)
    lock = reports / ".register.sqlite.lock"
    proc = _report(data, reports / "2026Q1", "2026Q1", code)
    try:
        _wait(lambda: _holding(lock, "merit report 2026Q1"), [proc])   # the period recorded, its pages rendering
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert dump(register) == before
    assert not (reports / "2026Q1").exists()
    with Register.open(register) as reg:                            # the next writer is not kept waiting
        assert reg.periods() == ["2025Q4"]
        with reg.writing("next", wait=0):
            pass


def test_a_register_inside_a_period_folder_or_the_input_is_refused(small_dir, tmp_path, capsys):
    out = tmp_path / "reports" / "2026Q1"
    for place in (out / "register.sqlite", tmp_path / "reports" / "2026Q1.internal" / "r.sqlite",
                  small_dir / "register.sqlite"):
        argv = ["report", "--data", str(small_dir), "--period", "2026Q1", "--out", str(out), "--register", str(place)]
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "--register" in err and "Traceback" not in err
        assert not place.exists() and not out.exists()
