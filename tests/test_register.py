"""The register's store (merit_lib.data.register): schema and migrations with a backup, refusals, recording a period
(idempotent, in any order), statuses against a hand-made oracle, the append-only history, the lock and transactions —
two writers at once, and a writer killed half way."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_dump import dump

from merit_lib.data import register as R
from merit_lib.data.register import Observation, Register, RegisterError, follow_up_rates
from merit_lib.domain import codes, followup
from merit_lib.domain.period import Period

QUARTERS = ["2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2"]
KEYS = [("keadilan", "DINKES", "jenis_kelamin", "P", ""), ("keadilan", "PROVINSI", "agama", "Kristen", ""),
        ("komponen", "BKD", "", "", "share_promosi_talent_pool"), ("posisi", "BAPENDA", "", "", "di_bawah_provinsi"),
        ("syarat", "DINDIKBUD", "", "", "promosi_melangkahi")]


def obs(key: tuple[str, ...], seen: bool, value: float = 0.5) -> Observation:
    kind, scope, attribute, group, rule = key
    return Observation(kind, scope, attribute, group, rule, seen=seen, evidence={"value": value, "seen": seen})


def record(reg: Register, period: str, seen: dict[tuple, bool], **kw) -> R.Recorded:
    with reg.writing("test") as w:
        return w.record(period, [obs(k, s) for k, s in seen.items()], window=4, fingerprint="f", **kw)


@pytest.fixture
def reg(tmp_path):
    r = Register.open(tmp_path / "register.sqlite", create=True)
    yield r
    r.close()


# --------------------------------------------------------------------------- schema, migrations, refusals


def test_a_new_register_records_its_schema_version_and_is_ours(reg):
    assert reg.version == R.SCHEMA_VERSION
    versions = reg.table("schema_version")
    assert versions["version"].tolist() == [m[0] for m in R.MIGRATIONS]
    assert versions["program"].str.startswith("merit_lib").all()
    assert reg.conn.execute("PRAGMA application_id").fetchone()[0] == R.APPLICATION_ID
    assert reg.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_schema_checks_follow_the_codes(reg):
    """The CHECK constraints of migration 1 spell the codes out: a code changed without a migration fails here."""
    schema = R.MIGRATIONS[0][2]
    for values in (codes.FOLLOW_UPS, codes.RESPONSES, codes.FINDING_KINDS):
        for v in values:
            assert f"'{v}'" in schema
    assert f"length(action) <= {followup.MAX_LENGTH['action']}" in schema
    assert f"length(reviewer) <= {followup.MAX_LENGTH['reviewer']}" in schema
    record(reg, "2025Q1", {KEYS[0]: True})
    with reg.writing("test"), pytest.raises(sqlite3.IntegrityError):
        reg.conn.execute("UPDATE findings SET follow_up = 'selesai'")


def test_a_missing_register_is_not_created_unless_asked(tmp_path):
    with pytest.raises(RegisterError) as err:
        Register.open(tmp_path / "none.sqlite")
    assert "tidak ada" in err.value.message("id") and "does not exist" in err.value.message("en")
    assert not (tmp_path / "none.sqlite").exists()
    with pytest.raises(RegisterError, match="folder"):
        Register.open(tmp_path, create=True)


def test_a_file_that_is_not_ours_is_refused_and_left_as_it_was(tmp_path):
    text_file = tmp_path / "notes.sqlite"
    text_file.write_bytes(b"catatan rapat\x00" * 100)
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    for path in (text_file, other):
        before = path.read_bytes()
        with pytest.raises(RegisterError) as err:
            Register.open(path, create=True)
        assert "bukan register merit" in err.value.message("id")
        assert path.read_bytes() == before


def test_a_register_newer_than_the_program_is_refused(tmp_path):
    path = tmp_path / "register.sqlite"
    Register.open(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {R.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(RegisterError) as err:
        Register.open(path)
    assert f"versi {R.SCHEMA_VERSION + 1}" in err.value.message("id")


def _step_two(sql: str) -> tuple:
    return (*R.MIGRATIONS, (R.SCHEMA_VERSION + 1, "a test step", sql))


def test_an_older_register_is_backed_up_then_migrated_in_one_step(tmp_path, monkeypatch):
    path = tmp_path / "register.sqlite"
    with Register.open(path, create=True) as reg:
        record(reg, "2025Q1", {KEYS[0]: True, KEYS[2]: True})
    before = dump(path)
    monkeypatch.setattr(R, "MIGRATIONS", _step_two("ALTER TABLE findings ADD COLUMN note TEXT;\n"
                                                    "CREATE INDEX findings_scope ON findings(scope);"))
    monkeypatch.setattr(R, "SCHEMA_VERSION", R.SCHEMA_VERSION + 1)
    with Register.open(path) as reg:
        assert reg.version == R.SCHEMA_VERSION
        assert reg.table("schema_version")["version"].tolist()[-1] == R.SCHEMA_VERSION
        assert "note" in reg.table("findings").columns
        assert len(reg.table("findings")) == 2                       # the data came along
    [backup] = list(tmp_path.glob("register.sqlite.v1-*.bak"))
    assert dump(backup) == before                                    # the copy is the register as it was
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == R.SCHEMA_VERSION - 1


def test_a_migration_that_fails_leaves_the_register_at_its_version(tmp_path, monkeypatch):
    path = tmp_path / "register.sqlite"
    with Register.open(path, create=True) as reg:
        record(reg, "2025Q1", {KEYS[0]: True})
    before = dump(path)
    monkeypatch.setattr(R, "MIGRATIONS", _step_two("ALTER TABLE findings ADD COLUMN note TEXT;\nCREATE TABLE oops (;"))
    monkeypatch.setattr(R, "SCHEMA_VERSION", R.SCHEMA_VERSION + 1)
    with pytest.raises(RegisterError):
        Register.open(path)
    assert dump(path) == before                                      # rolled back whole: no half migration
    assert list(tmp_path.glob("register.sqlite.v1-*.bak"))
    assert not list(tmp_path.glob(".register.sqlite.lock"))


# --------------------------------------------------------------------------- recording and statuses


def test_recording_the_same_period_again_changes_nothing(reg):
    first = record(reg, "2025Q1", {KEYS[0]: True, KEYS[1]: False})
    assert first.changed and first.new == [obs(KEYS[0], True).code]   # an unseen candidate is no finding
    before = dump(reg.path)
    again = record(reg, "2025Q1", {KEYS[0]: True, KEYS[1]: False})
    assert not again.changed and again.again and dump(reg.path) == before
    other = record(reg, "2025Q1", {KEYS[0]: False, KEYS[1]: True})  # another extract for the same quarter: recorded anew
    assert other.changed and other.again
    assert reg.history()["new"].str.contains("dicatat ulang").any()


def test_a_write_outside_a_transaction_is_refused(reg):
    with pytest.raises(RuntimeError):
        reg.record("2025Q1", [obs(KEYS[0], True)])


def oracle(seen: dict[str, set[tuple]], at: str) -> dict[str, tuple[str, str, str, int]]:
    """By hand: each finding seen up to `at` → (status, since, first, age in quarters)."""
    recorded = sorted(p for p in seen if p <= at)
    out = {}
    for key in {k for p in recorded for k in seen[p]}:
        periods = [p for p in recorded if key in seen[p]]
        first, last = periods[0], periods[-1]
        if last == at:
            status, since = ("baru" if first == at else "berulang"), first
        else:
            status, since = "tidak_terlihat", next(p for p in recorded if p > last)
        a, b = Period.parse(first), Period.parse(at)
        out[obs(key, True).code] = (status, since, first, (b.year - a.year) * 4 + b.quarter - a.quarter + 1)
    return out


@given(st.lists(st.lists(st.booleans(), min_size=len(KEYS), max_size=len(KEYS)), min_size=1, max_size=len(QUARTERS)),
       st.randoms(use_true_random=False))
def test_statuses_match_the_oracle_whatever_the_order_periods_are_recorded_in(tmp_path_factory, matrix, rnd):
    periods = QUARTERS[:len(matrix)]
    seen = {p: {k for k, s in zip(KEYS, row) if s} for p, row in zip(periods, matrix)}
    order = list(periods)
    rnd.shuffle(order)
    path = tmp_path_factory.mktemp("prop") / "register.sqlite"
    with Register.open(path, create=True) as reg:
        for p in order:
            record(reg, p, {k: k in seen[p] for k in KEYS})
        for at in periods:
            got = reg.findings_as_at(at)
            expected = oracle(seen, at)
            assert set(got["kode"]) == set(expected)
            for r in got.itertuples():
                assert (r.status, r.since, r.first_seen, r.age_quarters) == expected[r.kode], (at, r.kode)
                assert r.periods_seen == sum(r.kode in {obs(k, True).code for k in seen[p]} for p in periods if p <= at)


def test_a_finding_keeps_the_evidence_of_each_period_seen_or_not(reg):
    record(reg, "2025Q1", {KEYS[0]: True})
    record(reg, "2025Q2", {KEYS[0]: False})
    s = reg.sightings()
    assert s["period"].tolist() == ["2025Q1", "2025Q2"] and s["seen"].tolist() == [True, False]
    assert [e["seen"] for e in s["evidence"]] == [True, False]
    f = reg.findings_as_at()
    assert f.iloc[0]["status"] == codes.SEEN_GONE and f.iloc[0]["evidence"]["seen"] is True   # latest evidence seen


def test_the_code_is_stable_and_the_same_in_every_register():
    assert R.finding_code("keadilan", "DINKES", "jenis_kelamin", "P") == R.finding_code("keadilan", "DINKES",
                                                                                        "jenis_kelamin", "P", "")
    assert R.finding_code("keadilan", "DINKES", "jenis_kelamin", "P") != R.finding_code("keadilan", "DINKES",
                                                                                        "jenis_kelamin", "L")
    assert R.finding_code("keadilan", "A|B", "x") != R.finding_code("keadilan", "A", "B|x")
    code = R.finding_code("komponen", "BKD", rule="share_promosi_talent_pool")
    assert len(code) == 9 and code[0] == "T" and code == code.upper()


def test_follow_up_rates_count_every_category_with_the_province_first():
    f = pd.DataFrame({"scope": ["A", "A", "A", "B", "PROVINSI"],
                      "follow_up": ["sesuai", "proses", "tidak_dapat", "belum", "sesuai"]})
    rates = follow_up_rates(f).set_index("scope")
    assert rates.index[0] == R.ALL and rates.loc[codes.PROVINCE, "n_temuan"] == 1
    assert rates.loc["A", "n_temuan"] == 3 and rates.loc["A", "n_terbuka"] == 1
    assert rates.loc["A", "rate_tindak_lanjut"] == pytest.approx(1 / 3)
    assert rates.loc["B", "rate_tindak_lanjut"] == 0
    assert rates.loc[R.ALL, "n_temuan"] == 5 and rates.loc[R.ALL, "rate_tindak_lanjut"] == 0.4
    empty = follow_up_rates(pd.DataFrame({"scope": [], "follow_up": []}))
    assert len(empty) == 1 and empty.iloc[0]["n_temuan"] == 0 and pd.isna(empty.iloc[0]["rate_tindak_lanjut"])


# --------------------------------------------------------------------------- responses and the append-only history


def test_each_changed_field_goes_to_the_history_and_the_history_cannot_be_changed(reg):
    record(reg, "2025Q1", {KEYS[0]: True})
    kode = obs(KEYS[0], True).code
    with reg.writing("test"):
        changed = reg.update(kode, {"follow_up": "proses", "deadline": "2030-01-31", "reviewer": "Auditor A"},
                             who="Tim Inspektorat", source="uji")
        assert reg.update(kode, {"follow_up": "proses"}, who="x") == []            # unchanged: nothing logged
    assert sorted(changed) == ["deadline", "follow_up", "reviewer"]
    h = reg.history()
    mine = h[h["kode"] == kode].set_index("field")
    assert mine.loc["follow_up", "old"] == "belum" and mine.loc["follow_up", "new"] == "proses"
    assert mine.loc["deadline", "who"] == "Tim Inspektorat" and mine.loc["deadline", "source"] == "uji"
    n = len(h)
    for sql in ("UPDATE history SET who = 'x'", "DELETE FROM history"):
        with reg.writing("test"), pytest.raises(sqlite3.DatabaseError, match="append-only"):
            reg.conn.execute(sql)
    assert len(reg.history()) == n
    with reg.writing("test"), pytest.raises(RegisterError):
        reg.update("T00000000", {"follow_up": "sesuai"})


# --------------------------------------------------------------------------- the lock: busy, two writers, a kill


def test_a_second_writer_waits_then_says_who_holds_the_register(reg, tmp_path):
    reg.begin("merit report 2026Q1", wait=1)
    other = Register.open(reg.path)
    try:
        t0 = time.monotonic()
        told = []
        with pytest.raises(RegisterError) as err:
            with other.writing("impor", wait=0.5, on_wait=told.append):
                pass
        assert time.monotonic() - t0 >= 0.5
        message = err.value.message("id")
        assert f"pid {os.getpid()}: merit report 2026Q1" in message and "tidak ada yang diubah" in message
        assert told and "merit report 2026Q1" in told[0]
        assert other.periods() == []                                   # a reader is never blocked
    finally:
        other.close()
        reg.rollback()
    assert not (tmp_path / ".register.sqlite.lock").exists()          # released and removed


WRITER = textwrap.dedent("""
    import sys, time
    from merit_lib.data.register import Register, Observation
    path, period, n, hold = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    reg = Register.open(path, create=True, wait=60)
    reg.conn.execute("PRAGMA cache_size = 5")     # a small cache: the transaction spills into the file before COMMIT
    with reg.writing("writer " + period, wait=60):
        reg.record(period, [Observation("syarat", f"OPD{i}", rule="promosi_melangkahi", seen=True, evidence={"n": i})
                            for i in range(n)], window=4, fingerprint=period)
        print("recorded", flush=True)
        time.sleep(hold)
    reg.close()
""")


def _writer(path: Path, period: str, n: int = 50, hold: float = 0.0) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), period, str(n), str(hold)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_writers_at_once_all_land_and_the_register_stays_whole(tmp_path):
    path = tmp_path / "register.sqlite"
    procs = [_writer(path, q, n=40, hold=0.3) for q in QUARTERS[:4]]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with Register.open(path) as reg:
        assert reg.periods() == QUARTERS[:4]
        assert reg.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(reg.table("findings")) == 40
        s = reg.sightings()
        assert s.groupby("period").size().tolist() == [40] * 4
        assert (reg.history()["field"] == "periode").sum() == 4


def test_a_register_created_while_another_opens_it_is_read_as_ours(tmp_path, monkeypatch):
    """The check that a file is ours reads it at once: another process that creates the register while the check
    runs (here: as the check's second read starts, if it has one) never makes it "not ours" half way through."""
    path = tmp_path / "register.sqlite"
    connect, reads, done, made = sqlite3.connect, [], [], []

    def between_reads(statement: str) -> None:
        if done or not any(k in statement for k in ("application_id", "user_version", "sqlite_master")):
            return
        reads.append(statement)
        if len(reads) == 2:                                     # (sqlite ignores what a trace callback raises)
            try:
                Register.open(path, create=True).close()
                made.append("created")
            except Exception as exc:                            # noqa: BLE001 - told by the assertion below
                made.append(repr(exc))
        if "sqlite_master" in statement:
            done.append(True)

    def traced(*args, **kwargs):
        conn = connect(*args, **kwargs)
        if not reads:
            conn.set_trace_callback(between_reads)
        return conn

    monkeypatch.setattr(R.sqlite3, "connect", traced)
    path.write_bytes(b"")                                       # what a creator leaves at first
    with Register.open(path, create=True) as reg:
        assert reg.version == R.SCHEMA_VERSION
        assert reg.conn.execute("PRAGMA application_id").fetchone()[0] == R.APPLICATION_ID
    assert done and len(reads) == 1 and made == []


def test_a_writer_killed_half_way_leaves_the_register_as_it_was(tmp_path):
    path = tmp_path / "register.sqlite"
    with Register.open(path, create=True) as reg:
        record(reg, "2025Q1", {KEYS[0]: True, KEYS[1]: True})
    before = dump(path)
    proc = _writer(path, "2025Q2", n=2000, hold=60)
    try:
        assert proc.stdout.readline().strip() == "recorded"        # inside its transaction, the rows written
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    journal = path.with_name(path.name + "-journal")
    assert journal.is_file() and journal.stat().st_size > 0        # the file was written to: a hot journal is left
    assert dump(path) == before                                     # … and sqlite rolls it back on the next open
    with Register.open(path) as reg:                                 # the stale lock file does not block the next one
        assert reg.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        record(reg, "2025Q2", {KEYS[0]: True})
        assert reg.periods() == ["2025Q1", "2025Q2"]
