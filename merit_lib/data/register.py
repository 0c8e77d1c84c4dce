"""The auditor's register: every finding worth following, kept across periods in an embedded SQLite database.

Standard library `sqlite3`, not SQLAlchemy (docs/register.md): the schema is five small tables, and what matters is
exactly what sqlite3 gives without a layer between — explicit `BEGIN IMMEDIATE` transactions, the online backup API,
triggers that keep the history append-only, `STRICT` tables with CHECK constraints — with no dependency to pin.

- **Schema and migrations.** `MIGRATIONS` are numbered SQL steps; `PRAGMA user_version` and the `schema_version` table
  record which ran, when and by which program version. Opening an older register backs it up first
  (`<name>.v<old>-<time>.bak`, sqlite's backup API: a consistent copy) and runs the missing steps in one transaction;
  a register newer than the program is refused. A file that is not one of ours is refused, never changed.
- **Writers take the lock, then a transaction.** `Register.writing()` flocks `.<name>.lock` beside the database
  (holding the pid and what it does; a writer waits for the holder up to `wait` seconds, then says who holds it), then
  `BEGIN IMMEDIATE`; the block commits, or rolls back on any error, a signal or a kill (sqlite rolls back an unfinished
  transaction when the file is next opened). Readers need neither: they see the last committed state.
- **Findings** are keyed by stable fields (kind, scope, attribute, group, rule) and a short code made from them
  (`finding_code`), the same in every register. **Sightings** hold, per recorded period, whether the finding was seen
  and its evidence (the numbers as published, as JSON). Recording a period is idempotent: the same observations again
  change nothing and write no history.
- **History** is append-only (triggers refuse UPDATE and DELETE): who, when, from where, which finding, which field,
  old and new value.
Statuses are derived, as at a period, from the sightings of the periods recorded up to it (`findings_as_at`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import hashlib
import json
import math
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from merit_lib.data.lockfile import LockFile
from merit_lib.domain import codes, text
from merit_lib.domain.errors import InputError, OutputError
from merit_lib.domain.period import Period

#: the register's default file name, beside the period folders (`reports/register.sqlite`)
DEFAULT_NAME = "register.sqlite"
#: `PRAGMA application_id` of a merit register ("MRIT"): a SQLite file without it is not ours
APPLICATION_ID = 0x4D524954
#: sqlite's own wait for a lock it needs for a moment (a reader while a writer commits), milliseconds
BUSY_MS = 10_000

_FOLLOW = ", ".join(f"'{c}'" for c in ("sesuai", "proses", "belum", "tidak_dapat"))
_RESPONSE = ", ".join(f"'{c}'" for c in ("setuju", "setuju_sebagian", "tidak_setuju"))
_KINDS = ", ".join(f"'{c}'" for c in ("keadilan", "komponen", "posisi", "syarat", "rotasi"))

#: the schema, step by step (version, what it does, SQL). A step is never edited once released: a change is a new step.
MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "register: periods, findings, sightings, append-only history", f"""
CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, program TEXT NOT NULL, note TEXT NOT NULL) STRICT;
CREATE TABLE periods (
    period TEXT PRIMARY KEY CHECK (period GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'),
    window INTEGER, fingerprint TEXT, recorded_at TEXT NOT NULL, n_seen INTEGER NOT NULL) STRICT;
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    kode TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ({_KINDS})),
    scope TEXT NOT NULL, attribute TEXT NOT NULL, grp TEXT NOT NULL, rule TEXT NOT NULL,
    response TEXT CHECK (response IS NULL OR response IN ({_RESPONSE})),
    action TEXT CHECK (action IS NULL OR length(action) <= 500),
    deadline TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    follow_up TEXT NOT NULL DEFAULT 'belum' CHECK (follow_up IN ({_FOLLOW})),
    reviewer TEXT CHECK (reviewer IS NULL OR length(reviewer) <= 80),
    created_at TEXT NOT NULL, updated_at TEXT,
    UNIQUE (kind, scope, attribute, grp, rule)) STRICT;
CREATE TABLE sightings (
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    period TEXT NOT NULL REFERENCES periods(period),
    seen INTEGER NOT NULL CHECK (seen IN (0, 1)),
    evidence TEXT NOT NULL CHECK (json_valid(evidence)),
    PRIMARY KEY (finding_id, period)) STRICT;
CREATE INDEX sightings_period ON sightings(period);
CREATE TABLE history (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, who TEXT NOT NULL, source TEXT NOT NULL,
    kode TEXT, field TEXT NOT NULL, old TEXT, new TEXT) STRICT;
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
    BEGIN SELECT RAISE(ABORT, 'riwayat register hanya dapat ditambah (the history is append-only)'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
    BEGIN SELECT RAISE(ABORT, 'riwayat register hanya dapat ditambah (the history is append-only)'); END;
"""),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


class RegisterError(InputError):
    """The register cannot be used: missing, not ours, newer than the program, or busy."""


def _error(key: str, **fields: object) -> RegisterError:
    return RegisterError(text.t(f"register.{key}", "id", **fields), en=text.t(f"register.{key}", "en", **fields))


def finding_code(kind: str, scope: str, attribute: str = "", group: str = "", rule: str = "") -> str:
    """A finding's short code from its stable fields (`T` + 8 hex digits): the same in every register and period."""
    key = json.dumps([kind, scope, attribute, group, rule], ensure_ascii=False)
    return "T" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8].upper()


@dataclass(frozen=True)
class Observation:
    """One candidate finding of a period as the published tables show it: its stable fields, whether it is worth
    following in this period (`seen`) and its evidence (the numbers as published; None where the door hid one)."""

    kind: str
    scope: str
    attribute: str = ""
    group: str = ""
    rule: str = ""
    seen: bool = False
    evidence: dict = field(default_factory=dict)

    @property
    def code(self) -> str:
        return finding_code(self.kind, self.scope, self.attribute, self.group, self.rule)


@dataclass
class Recorded:
    """What recording a period did: `changed` False when the register already held exactly this."""

    period: str
    changed: bool
    seen: int = 0
    new: list[str] = field(default_factory=list)
    again: bool = False          # the period was recorded before (and is now recorded anew)


def who_am_i() -> str:
    """The user the program runs as (for the history's `who` when none is named)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return os.environ.get("USER") or "?"


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _evidence_json(evidence: dict) -> str:
    """Evidence as canonical JSON: keys sorted, NaN and ±inf as null, numpy scalars as Python numbers."""
    def clean(v: object) -> object:
        if hasattr(v, "item") and not isinstance(v, (str, bytes)):
            v = v.item()  # type: ignore[union-attr]
        if isinstance(v, float) and not math.isfinite(v):
            return None
        if v is pd.NA or v is pd.NaT:
            return None
        return v
    return json.dumps({str(k): clean(v) for k, v in evidence.items()}, sort_keys=True, ensure_ascii=False)


# --------------------------------------------------------------------------- the lock


class _Lock:
    """The register's lock file (`.<name>.lock` beside it, data.lockfile), waited for up to `wait` seconds."""

    def __init__(self, db: Path, purpose: str):
        path = db.parent / f".{db.name}.lock"
        self.file = LockFile(path, f"{purpose} ({_now()})", where=path)
        self.path = self.file.path

    def acquire(self, wait: float, on_wait: object = None) -> None:
        holder = self.file.wait(wait, on_wait)  # type: ignore[arg-type]
        if holder is not None:
            raise _error("busy", path=self.path.parent / self.path.name[1:-5], holder=holder)

    def release(self) -> None:
        self.file.release()


# --------------------------------------------------------------------------- the register


class Register:
    """An open register. `Register.open(path)`; reads anywhere, writes inside `writing()` (lock + transaction)."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn, self.path = conn, path
        self._lock: _Lock | None = None

    # ----------------------------------------------------------------- opening, schema, migration

    @classmethod
    def open(cls, path: Path | str, create: bool = False, wait: float = 60.0, purpose: str = "") -> Register:
        """The register at `path`, migrated to this program's schema (backed up first); created when `create`.
        A RegisterError when it is missing (and not to be created), not ours, or newer than the program."""
        path = Path(path).expanduser().resolve()
        if path.is_dir():
            raise _error("is_folder", path=path)
        exists = path.exists() and path.stat().st_size > 0
        if not exists and not create:
            raise _error("missing", path=path)
        if not path.parent.is_dir():
            if not create:
                raise _error("missing", path=path)
            from merit_lib.data.sink import make_folder

            make_folder(path.parent)
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_MS / 1000)
        except sqlite3.Error as exc:
            raise _error("unreadable", path=path, why=str(exc)) from exc
        reg = cls(conn, path)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            version = reg._check_ours(exists)
            if version < SCHEMA_VERSION:
                reg._migrate(version, wait, purpose or "migrasi")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _error("not_ours", path=path, why=str(exc)) from exc
        except BaseException:
            conn.close()
            raise
        return reg

    def _check_ours(self, exists: bool) -> int:
        """The schema version of an existing register of ours (0 for a new one); a RegisterError otherwise."""
        # one statement, one read: another process may create the register between three separate reads
        app, version, tables = self.conn.execute(
            "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version),"
            " (SELECT count(*) FROM sqlite_master)").fetchone()
        if app == 0 and version == 0 and tables == 0:
            return 0
        if app != APPLICATION_ID:
            raise _error("not_ours", path=self.path, why="application_id")
        if version > SCHEMA_VERSION:
            raise _error("too_new", path=self.path, version=version, ours=SCHEMA_VERSION)
        return version

    def _migrate(self, version: int, wait: float, purpose: str) -> None:
        """Back up (an existing register) and run the missing steps in one transaction, under the lock."""
        with self._locked(wait, purpose):
            now = self.conn.execute("PRAGMA user_version").fetchone()[0]   # another process may have done it
            if now >= SCHEMA_VERSION:
                return
            if now > 0:
                self.backup(self.path.with_name(f"{self.path.name}.v{now}-{dt.datetime.now():%Y%m%d-%H%M%S}.bak"))
            from merit_lib.data.provenance import package_versions

            program = f"merit_lib {package_versions(['merit_lib'])['merit_lib']}"
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if now == 0:
                    self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                for step, note, sql in MIGRATIONS:
                    if step <= now:
                        continue
                    for statement in _statements(sql):
                        self.conn.execute(statement)
                    self.conn.execute("INSERT INTO schema_version VALUES (?, ?, ?, ?)",
                                      (step, _now(), program, note))
                    self.conn.execute(f"PRAGMA user_version = {step}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def backup(self, target: Path | str) -> Path:
        """A consistent copy of the register (sqlite's online backup), e.g. before a migration."""
        target = Path(target)
        dst = sqlite3.connect(target)
        try:
            self.conn.backup(dst)
        except sqlite3.Error as exc:
            raise OutputError(f"cadangan register {target} gagal: {exc}", en=f"backing up the register to {target} "
                              f"failed: {exc}") from exc
        finally:
            dst.close()
        return target

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self.release()
        self.conn.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- lock and transactions

    @contextlib.contextmanager
    def _locked(self, wait: float, purpose: str, on_wait: object = None) -> Iterator[None]:
        if self._lock is not None:          # already ours (a migration inside a write)
            yield
            return
        lock = _Lock(self.path, purpose)
        lock.acquire(wait, on_wait)
        self._lock = lock
        try:
            yield
        finally:
            self.release()

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def begin(self, purpose: str, wait: float = 60.0, on_wait: object = None) -> None:
        """Take the lock (waiting up to `wait` seconds) and open a write transaction; `commit` or `rollback` ends it."""
        lock = _Lock(self.path, purpose)
        lock.acquire(wait, on_wait)
        self._lock = lock
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.release()
            raise

    def commit(self) -> None:
        """Commit the open write transaction and release the lock."""
        try:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")
        finally:
            self.release()

    def rollback(self) -> None:
        """Undo the open write transaction (if any) and release the lock."""
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        finally:
            self.release()

    @contextlib.contextmanager
    def writing(self, purpose: str, wait: float = 60.0, on_wait: object = None) -> Iterator[Register]:
        """A write: lock, `BEGIN IMMEDIATE`, the block, COMMIT (ROLLBACK on any error or signal)."""
        self.begin(purpose, wait, on_wait)
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def _require_write(self) -> None:
        if not self.conn.in_transaction or self._lock is None:
            raise RuntimeError("register: a write outside `writing()`")

    def _log(self, who: str, source: str, kode: str | None, fld: str, old: object, new: object) -> None:
        self.conn.execute("INSERT INTO history (at, who, source, kode, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          (_now(), who, source, kode, fld, None if old is None else str(old),
                           None if new is None else str(new)))

    # ----------------------------------------------------------------- recording a period

    def record(self, period: str, observations: Iterable[Observation], window: int | None = None,
               fingerprint: str | None = None, who: str | None = None, source: str | None = None) -> Recorded:
        """Record a period's observations (inside `writing()`): a finding seen for the first time is created; every
        finding seen, and every known one observed but not seen, gets the period's sighting with its evidence. The same
        observations again change nothing (no row, no history); different ones replace the period's sightings."""
        self._require_write()
        period = str(Period.parse(period))
        who = who or who_am_i()
        source = source or f"merit report {period}"
        obs = list(observations)
        rows = {r[0]: r[1] for r in self.conn.execute("SELECT kode, id FROM findings")}
        new = sorted({o.code for o in obs if o.seen and o.code not in rows})
        wanted: dict[str, tuple[int, str]] = {}
        for o in obs:
            if o.seen or o.code in rows:
                seen = int(o.seen)
                if o.code in wanted and wanted[o.code][0] >= seen:
                    continue
                wanted[o.code] = (seen, _evidence_json(o.evidence))
        had = self.conn.execute("SELECT window, fingerprint FROM periods WHERE period = ?", (period,)).fetchone()
        before = {k: (s, e) for k, s, e in self.conn.execute(
            "SELECT f.kode, s.seen, s.evidence FROM sightings s JOIN findings f ON f.id = s.finding_id WHERE s.period = ?",
            (period,))}
        n_seen = sum(s for s, _ in wanted.values())
        if had is not None and tuple(had) == (window, fingerprint) and before == wanted:
            return Recorded(period, False, n_seen, [], True)
        now = _now()
        for o in obs:
            if o.code in new and o.code not in rows:
                cur = self.conn.execute(
                    "INSERT INTO findings (kode, kind, scope, attribute, grp, rule, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (o.code, o.kind, o.scope, o.attribute, o.group, o.rule, now))
                rows[o.code] = int(cur.lastrowid)  # type: ignore[arg-type]
                self._log(who, source, o.code, "temuan", None,
                          " ".join(x for x in (o.kind, o.scope, o.attribute, o.group, o.rule) if x) + f" ({period})")
        self.conn.execute("INSERT INTO periods (period, window, fingerprint, recorded_at, n_seen) VALUES (?, ?, ?, ?, ?) "
                          "ON CONFLICT(period) DO UPDATE SET window = excluded.window, fingerprint = excluded.fingerprint,"
                          " recorded_at = excluded.recorded_at, n_seen = excluded.n_seen",
                          (period, window, fingerprint, now, n_seen))
        self.conn.execute("DELETE FROM sightings WHERE period = ?", (period,))
        self.conn.executemany("INSERT INTO sightings (finding_id, period, seen, evidence) VALUES (?, ?, ?, ?)",
                              [(rows[k], period, s, e) for k, (s, e) in sorted(wanted.items())])
        summary = f"{n_seen} terlihat, {len(new)} baru"
        if had is None:
            self._log(who, source, None, "periode", None, f"{period} dicatat: {summary}")
        else:
            gone = sorted(set(before) - set(wanted))
            changed = sorted(k for k in set(before) & set(wanted) if before[k] != wanted[k])
            self._log(who, source, None, "periode", f"{period}: {len(before)} pengamatan",
                      f"{period} dicatat ulang: {summary}; berubah {len(changed)}, tidak lagi diamati {len(gone)}")
        return Recorded(period, True, n_seen, new, had is not None)

    # ----------------------------------------------------------------- responses

    def update(self, kode: str, values: dict[str, object], who: str | None = None, source: str = "") -> list[str]:
        """Set the auditor's fields of one finding (inside `writing()`; values already checked by
        `domain.followup`); each changed field goes to the history. Returns the fields that changed."""
        from merit_lib.domain.followup import FIELDS

        self._require_write()
        row = self.conn.execute(f"SELECT {', '.join(FIELDS)} FROM findings WHERE kode = ?", (kode,)).fetchone()
        if row is None:
            raise _error("unknown_code", kode=kode)
        current = dict(zip(FIELDS, row))
        changed = [f for f, v in values.items() if f in FIELDS and current[f] != v]
        if not changed:
            return []
        who = who or who_am_i()
        self.conn.execute(f"UPDATE findings SET {', '.join(f'{f} = ?' for f in changed)}, updated_at = ? WHERE kode = ?",
                          (*(values[f] for f in changed), _now(), kode))
        for f in changed:
            self._log(who, source, kode, f, current[f], values[f])
        return changed

    # ----------------------------------------------------------------- reading

    def periods(self) -> list[str]:
        """The periods recorded, oldest first."""
        return [r[0] for r in self.conn.execute("SELECT period FROM periods ORDER BY period")]

    def table(self, name: str) -> pd.DataFrame:
        """One table of the register as it is (for exports and tests)."""
        if name not in ("periods", "findings", "sightings", "history", "schema_version"):
            raise ValueError(name)
        return pd.read_sql_query(f"SELECT * FROM {name} ORDER BY rowid", self.conn)

    def sightings(self) -> pd.DataFrame:
        """Every sighting with its finding's code and fields: kode, kind, scope, attribute, group, rule, period, seen,
        evidence (a dict)."""
        t = pd.read_sql_query(
            "SELECT f.kode, f.kind, f.scope, f.attribute, f.grp AS 'group', f.rule, s.period, s.seen, s.evidence "
            "FROM sightings s JOIN findings f ON f.id = s.finding_id ORDER BY f.kode, s.period", self.conn)
        t["evidence"] = [json.loads(e) for e in t["evidence"]]
        t["seen"] = t["seen"].astype(bool)
        return t

    def findings_as_at(self, period: str | None = None) -> pd.DataFrame:
        """Every finding seen in a period up to `period` (default: the last recorded), one row each, with where it
        stands as at `period`: first and last period seen, status (`codes.SEEN_*`), since when, how many recorded
        periods saw it, its age in quarters, its latest evidence, and the auditor's fields; oldest first."""
        recorded = self.periods()
        cols = ["kode", "kind", "scope", "attribute", "group", "rule", "first_seen", "last_seen", "status", "since",
                "periods_seen", "age_quarters", "evidence", "response", "action", "deadline", "follow_up", "reviewer",
                "updated_at", "open"]
        if not recorded:
            return pd.DataFrame(columns=cols)
        at = str(Period.parse(period)) if period else recorded[-1]
        upto = [p for p in recorded if p <= at]
        s = pd.read_sql_query(
            "SELECT f.kode, f.kind, f.scope, f.attribute, f.grp AS 'group', f.rule, f.response, f.action, f.deadline, "
            "f.follow_up, f.reviewer, f.updated_at, s.period, s.evidence FROM sightings s JOIN findings f "
            "ON f.id = s.finding_id WHERE s.seen = 1 AND s.period <= ? ORDER BY f.kode, s.period", self.conn, params=(at,))
        if s.empty:
            return pd.DataFrame(columns=cols)
        g = s.groupby("kode", sort=False)
        out = g.last().reset_index()                       # the latest sighting (periods ascending within a code)
        out = out.rename(columns={"period": "last_seen"})
        out["first_seen"] = g["period"].min().to_numpy()
        out["periods_seen"] = g.size().to_numpy()
        out["evidence"] = [json.loads(e) for e in out["evidence"]]
        recent = out["last_seen"] == at
        out["status"] = np.where(recent, np.where(out["first_seen"] == at, codes.SEEN_NEW, codes.SEEN_RECURRING),
                                 codes.SEEN_GONE)
        after = {p: next((q for q in upto if q > p), at) for p in set(out["last_seen"])}
        out["since"] = np.where(recent, out["first_seen"], out["last_seen"].map(after))
        out["age_quarters"] = [quarters_between(first, at) + 1 for first in out["first_seen"]]
        fields = ["response", "action", "deadline", "follow_up", "reviewer", "updated_at"]
        out[fields] = out[fields].astype(object).where(out[fields].notna(), None)      # an empty entry is None
        out["open"] = ~out["follow_up"].isin(codes.FOLLOW_CLOSED)
        out = out[cols]
        return out.sort_values(["first_seen", "kind", "scope", "kode"], kind="stable").reset_index(drop=True)

    def history(self) -> pd.DataFrame:
        """The append-only history, oldest first: id, at, who, source, kode, field, old, new."""
        return self.table("history")


def quarters_between(first: str, last: str) -> int:
    """Quarters from `first` to `last` (0 for the same quarter)."""
    a, b = Period.parse(first), Period.parse(last)
    return (b.year - a.year) * 4 + (b.quarter - a.quarter)


#: the row of `follow_up_rates` that counts every finding (a scope no OPD code takes: codes are letters and digits)
ALL = "*"


def follow_up_rates(findings: pd.DataFrame) -> pd.DataFrame:
    """Per scope (each OPD, `PROVINSI` for the province-wide findings, and `ALL` for every finding, first): findings in
    the register, how many in each follow-up category, and the follow-up rate (in line with the recommendation / all).
    The findings are a census of the register, not a sample: the rate has no confidence interval."""
    cats = list(codes.FOLLOW_UPS)
    per = pd.crosstab(findings["scope"].astype(str), findings["follow_up"].astype(str)).reindex(columns=cats,
                                                                                               fill_value=0)
    total = pd.DataFrame([per.sum().to_numpy()], index=[ALL], columns=cats)
    counts = pd.concat([total, per.sort_index()]).astype(int)
    counts.columns = [f"n_{c}" for c in cats]
    counts.insert(0, "n_temuan", counts.sum(axis=1))
    counts["n_terbuka"] = counts["n_temuan"] - counts[[f"n_{c}" for c in codes.FOLLOW_CLOSED]].sum(axis=1)
    counts["rate_tindak_lanjut"] = counts[f"n_{codes.FOLLOW_DONE}"] / counts["n_temuan"].where(counts["n_temuan"] > 0)
    return counts.rename_axis("scope").reset_index()


def _statements(sql: str) -> list[str]:
    """The statements of a migration step (sqlite3 runs one at a time inside our transaction; a trigger's body keeps
    its own semicolons)."""
    out, buf = [], ""
    for line in sql.strip().splitlines():
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
