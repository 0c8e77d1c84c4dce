"""`merit report --out`: safe by construction (DESIGN §5) — it refuses what is not its own, writes only into its
period folder and that folder's siblings, cleans up after a signal, and publishes no live markup or formula."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from merit_lib.cli import main
from merit_lib.data.sink import inside, safe_name
from merit_lib.domain.errors import OutputError
from merit_lib.report.output import MARKER, PeriodFolder, page_names
from merit_lib.report.pipeline import run_report
from merit_lib.synth import synthesize

PERIOD = "2026Q1"
SCRIPT = "<script>alert(1)</script>"
HYPERLINK = '=HYPERLINK("http://x","y")'
SUM = "@SUM(A1)"


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under `root` → its SHA-256 (folders: "dir")."""
    found = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        found[rel] = "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def refused(argv: list[str], capsys) -> str:
    """Run `merit` expecting a refusal: exit 2, one line on stderr, no traceback. Returns that line."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


@pytest.fixture(scope="module")
def extract(tmp_path_factory):
    """A small extract on disk and its two largest OPDs."""
    s = synthesize(n=300, seed=23)
    root = tmp_path_factory.mktemp("safety")
    data = s.write(root / "data")
    codes = s.tables["pegawai"]["opd_kode"].value_counts().index[:2].tolist()
    return root, data, codes


def report_argv(data: Path, out: Path | str, *extra: str) -> list[str]:
    return ["report", "--data", str(data), "--period", PERIOD, "--out", str(out), *extra]


# --------------------------------------------------------------------------- refusals: nothing of the user's is touched

def test_out_equal_to_the_data_folder_is_refused_and_the_data_intact(extract, capsys):
    root, data, _ = extract
    before = snapshot(root)
    err = refused(report_argv(data, data), capsys)
    assert "akan menimpa masukan" in err and str(data) in err                 # the output policy (report.targets)
    assert snapshot(root) == before                      # byte-identical inputs, no lock or staging left


def test_out_dot_is_refused(extract, tmp_path, monkeypatch, capsys):
    _, data, _ = extract
    (tmp_path / "catatan.txt").write_text("milik pengguna")
    before = snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert "folder kerja" in refused(report_argv(data, "."), capsys)
    assert snapshot(tmp_path) == before


def test_a_parent_of_period_folders_is_refused(extract, tmp_path, capsys):
    _, data, _ = extract
    reports = tmp_path / "reports"
    (reports / "2025Q4").mkdir(parents=True)
    (reports / "2025Q4" / "manifest.json").write_text(json.dumps({**MARKER, "files": []}))
    (reports / "2025Q4" / "index.html").write_text("<p>2025Q4</p>")
    before = snapshot(tmp_path)
    err = refused(report_argv(data, reports, "--lang", "en"), capsys)
    assert "is not a merit report folder" in err
    assert snapshot(tmp_path) == before


def test_an_existing_file_is_refused_and_untouched(extract, tmp_path, capsys):
    _, data, _ = extract
    target = tmp_path / "2026Q1"
    target.write_bytes(b"penting\x00")
    assert "berupa berkas" in refused(report_argv(data, target), capsys)
    assert target.read_bytes() == b"penting\x00" and sorted(os.listdir(tmp_path)) == ["2026Q1"]
    assert "di bawah berkas" in refused(report_argv(data, target / "2026Q1"), capsys)
    assert sorted(os.listdir(tmp_path)) == ["2026Q1"]


@pytest.mark.parametrize("workers", [0, -1, max(64, (os.cpu_count() or 1) + 1)])
def test_workers_out_of_range_is_a_clear_message(extract, tmp_path, capsys, workers):
    _, data, _ = extract
    err = refused(report_argv(data, tmp_path / PERIOD, "--workers", str(workers)), capsys)
    assert f"--workers {workers}" in err and f"1 sampai {os.cpu_count()}" in err
    assert not any(tmp_path.iterdir())


# --------------------------------------------------------------------------- our own folder: replaced, never mixed

@pytest.fixture(scope="module")
def ours(hostile):
    """Our own period folder: the hostile extract's report (below), rendered by the command into a folder whose name
    holds braces (papermill formats the paths it is given with the notebook's parameters: `{period}` must stay
    literal). Returns (the folder, the data, the OPDs rendered)."""
    _, data, out, codes, _ = hostile
    return out, data, codes


@pytest.mark.slow      # a second whole run (make test-slow, CI)
def test_a_second_run_replaces_our_folder_and_leaves_nothing_beside_it(ours):
    out, data, codes = ours
    inode = out.stat().st_ino
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["generator"] == "merit_lib" and "index.html" in manifest["files"]
    again = run_report(data, PERIOD, out, opds=codes, workers=1, progress=False)
    assert again.ok and again.out == out and out.stat().st_ino != inode       # a new folder swapped in
    assert sorted(os.listdir(out.parent)) == [PERIOD, f"{PERIOD}.internal", "register.sqlite"]   # no staging, no lock,
    # no old folder: the period folder, its steward's folder and the auditor's register beside them (DESIGN §5)


def test_braces_in_the_out_path_are_literal(ours):
    out, _, _ = ours
    manifest = json.loads((out / "manifest.json").read_text())
    assert "{period}" in str(out) and manifest["notebooks"] and all(n["status"] == "ok" for n in manifest["notebooks"])
    assert (out / "notebooks" / "provinsi.ipynb").is_file() and (out / "provinsi.html").is_file()
    assert sorted(p.name for p in out.parent.parent.iterdir() if p.is_dir()) == sorted(["data", out.parent.name])
    # (nothing written under a formatted name)


def test_the_internal_folder_is_private(ours):
    """The steward's folder of a report run (default umask): 0700, its row-level listing 0600."""
    out, _, _ = ours
    internal = out.parent / f"{PERIOD}.internal"
    assert oct(internal.stat().st_mode & 0o777) == "0o700"
    assert oct((internal / "validasi.csv").stat().st_mode & 0o777) == "0o600"


def test_a_foreign_file_in_our_folder_makes_it_not_ours(ours, capsys):
    out, data, codes = ours
    (out / "catatan.txt").write_text("milik pengguna")
    try:
        before = snapshot(out.parent)
        err = refused(report_argv(data, out, "--opd", codes[0]), capsys)
        assert "catatan.txt" in err and snapshot(out.parent) == before
    finally:
        (out / "catatan.txt").unlink()


def test_a_partial_run_into_a_full_period_folder_is_refused(ours, capsys):
    out, data, codes = ours
    path = out / "manifest.json"
    text = path.read_text()
    manifest = json.loads(text)
    path.write_text(json.dumps({**manifest, "parameters": {**manifest["parameters"], "opd": None}}))  # as a full run
    try:
        before = snapshot(out.parent)
        err = refused(report_argv(data, out, "--opd", codes[1]), capsys)
        assert "--out tersendiri" in err and snapshot(out.parent) == before
    finally:
        path.write_text(text)


def test_stale_staging_of_ours_is_cleaned_and_a_look_alike_left_alone(tmp_path):
    out = tmp_path / PERIOD
    pid = dead_pid()
    stale = tmp_path / f".{PERIOD}.partial-{pid}-0123abcd"
    stale.mkdir()
    (stale / "manifest.json").write_text(json.dumps({**MARKER, "pid": pid}))
    (stale / "tables").mkdir()
    foreign = tmp_path / f".{PERIOD}.partial-{pid}-89abcdef"          # same shape, no manifest of ours
    foreign.mkdir()
    (foreign / "milik.txt").write_text("bukan milik merit")
    odd = tmp_path / f".{PERIOD}.partial-kerja"
    odd.mkdir()
    alive = tmp_path / f".{PERIOD}.partial-{os.getpid()}-fedcba98"     # a live process's: not stale
    alive.mkdir()
    (alive / "manifest.json").write_text(json.dumps(MARKER))
    with PeriodFolder(out) as folder:
        assert folder.stage.is_dir() and not stale.exists()
    assert foreign.is_dir() and (foreign / "milik.txt").read_text() == "bukan milik merit" and odd.is_dir()
    assert alive.is_dir() and not folder.stage.exists() and not folder.lock_path.exists()


def test_a_swap_killed_between_its_renames_is_undone_at_the_next_start(tmp_path):
    out = tmp_path / PERIOD
    old = tmp_path / f".{PERIOD}.old-{dead_pid()}-0123abcd"
    old.mkdir()
    (old / "index.html").write_text("lama")
    (old / "manifest.json").write_text(json.dumps({**MARKER, "files": ["index.html"]}))
    with PeriodFolder(out):
        assert (out / "index.html").read_text() == "lama" and not old.exists()


# --------------------------------------------------------------------------- a run stopped by a signal

def _start(data: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "merit_lib.cli", *report_argv(data, out, "--workers", "1")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, proc: subprocess.Popen, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def test_sigterm_leaves_no_staging_and_a_concurrent_run_is_refused(extract, tmp_path, capsys):
    _, data, _ = extract
    out = tmp_path / PERIOD
    proc = _start(data, out)
    try:
        _wait_for(lambda: any(tmp_path.glob(f".{PERIOD}.partial-*/tables/compliance.csv")), proc)
        err = refused(report_argv(data, out, "--opd", extract[2][0]), capsys)     # the second run into the same --out
        assert f"pid {proc.pid}" in err
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM and "dihentikan" in stderr and "Traceback" not in stderr
    left = sorted(os.listdir(tmp_path))                                          # no staging, no lock, no --out
    assert [n for n in left if n != "register.sqlite"] in ([], [f"{PERIOD}.internal"])


def test_what_a_sigkill_leaves_is_cleaned_at_the_next_start(extract, tmp_path):
    _, data, _ = extract
    out = tmp_path / PERIOD
    proc = _start(data, out)
    try:
        _wait_for(lambda: any(tmp_path.glob(f".{PERIOD}.partial-*/manifest.json")), proc)
        proc.kill()
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert list(tmp_path.glob(f".{PERIOD}.partial-*"))                            # what the kill left …
    with PeriodFolder(out) as folder:
        assert [p.name for p in tmp_path.glob(f".{PERIOD}.partial-*")] == [folder.stage.name]
    assert not list(tmp_path.glob(f".{PERIOD}.*"))                                # … is gone, and so is ours


# --------------------------------------------------------------------------- names from data never make a path

def test_page_names_are_safe_and_unique():
    names = page_names(["DINKES", "../../x", "A/B", "A_B", ".hidden", "", "RSUD.BANTEN"])
    assert names["DINKES"] == "DINKES" and names["../../x"] == "x" and names["RSUD.BANTEN"] == "RSUD.BANTEN"
    assert names["A/B"] == "A_B" and names["A_B"] == "A_B-2" and names[".hidden"] == "hidden"
    assert names[""] == "tanpa-kode" and len(set(names.values())) == len(names)
    assert all(safe_name(n) == n.split("-2")[0] or n.endswith("-2") for n in names.values())


def test_inside_refuses_a_path_out_of_its_root(tmp_path):
    assert inside(tmp_path, "opd", "DINKES.html") == (tmp_path / "opd" / "DINKES.html").resolve()
    for parts in (("opd", "../../x.html"), ("/etc/passwd",), ("..",), (".",)):
        with pytest.raises(OutputError):
            inside(tmp_path, *parts)
    (tmp_path / "link").symlink_to(tmp_path.parent)
    with pytest.raises(OutputError):
        inside(tmp_path, "link", "x.html")


# --------------------------------------------------------------------------- a hostile extract

class _Scripts(HTMLParser):
    """Script elements, event-handler attributes and javascript: links of a page; `outside` those not in a table."""

    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[str, bool]] = []      # (text, inside a table)
        self.handlers: list[tuple[str, bool]] = []
        self._in_script = False
        self._tables = 0

    def handle_starttag(self, tag, attrs):
        self._tables += tag == "table"
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append(("", self._tables > 0))
        self.handlers += [(f"{k}={v}", self._tables > 0) for k, v in attrs
                          if k.startswith("on") or (v or "").strip().lower().startswith("javascript:")]

    def handle_endtag(self, tag):
        self._tables -= tag == "table" and self._tables > 0
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] = (self.scripts[-1][0] + data, self.scripts[-1][1])

    def live(self, tables: bool) -> list[str]:
        """Injected scripts and handlers (outside tables only, unless `tables`)."""
        found = [t for t, in_table in self.scripts if "alert(" in t and (tables or not in_table)]
        return found + [h for h, in_table in self.handlers if tables or not in_table]


def _show_escapes() -> bool:
    """Whether `views.show` (pandas Styler, the privacy/views engineer's) escapes cell text."""
    from merit_lib.report.views import show

    return "&lt;b&gt;" in show(pd.DataFrame({"a": ["<b>x</b>"]})).to_html()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """An extract whose OPD names are markup and formulas, with a row whose code is a path; rendered by the command for
    those OPDs, into `<root>/reports {period} {x}/2026Q1` (a folder name with braces: see `ours`)."""
    s = synthesize(n=300, seed=29)
    peg = s.tables["pegawai"]
    codes = peg["opd_kode"].value_counts().index[:3].tolist()
    for code, name in zip(codes, (SCRIPT, HYPERLINK, SUM)):
        peg.loc[peg["opd_kode"] == code, "opd_nama"] = name
    peg.loc[peg.index[-1], "opd_kode"] = "../../x"
    root = tmp_path_factory.mktemp("hostile")
    data = s.write(root / "data")
    before = snapshot(root)
    out = root / "reports {period} {x}" / PERIOD
    assert main(report_argv(data, out, "--opd", *codes, "--workers", "2")) == 0
    return root, data, out, codes, before


def test_a_hostile_extract_writes_nothing_outside_out_and_its_siblings(hostile):
    root, _, out, _, before = hostile
    after = snapshot(root)
    assert {k: v for k, v in after.items() if k in before} == before                  # the data untouched
    new = set(after) - set(before)
    reports = out.parent.name
    ours = (f"{reports}/{PERIOD}/", f"{reports}/{PERIOD}.internal/")
    assert all(n in (reports, f"{reports}/{PERIOD}", f"{reports}/{PERIOD}.internal", f"{reports}/register.sqlite")
               or n.startswith(ours) for n in new)
    assert sorted(os.listdir(out.parent)) == [PERIOD, f"{PERIOD}.internal", "register.sqlite"]
    assert not list(root.rglob("x.html")) and not (root.parent / "x.html").exists()


def _pages(out: Path) -> list[Path]:
    return [out / "index.html", out / "provinsi.html", out / "audit_keadilan.html", *(out / "opd").glob("*.html")]


def test_a_hostile_extract_has_no_live_markup_in_what_we_render(hostile):
    """index.html, every page's header and title and what the notebooks display: the name is text, never markup."""
    _, _, out, codes, _ = hostile
    page = out / "opd" / f"{safe_name(codes[0])}.html"
    assert page in _pages(out)
    for path in _pages(out):
        parser = _Scripts()
        parser.feed(path.read_text(encoding="utf-8"))
        assert not parser.live(tables=False), (path.name, parser.live(tables=False)[:3])
    text = page.read_text(encoding="utf-8")
    assert "<h1>Laporan &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in text                 # the page header
    assert "<title>Laporan &lt;script&gt;alert(1)&lt;/script&gt; — " in text                # the browser's title
    index = (out / "index.html").read_text(encoding="utf-8")
    assert SCRIPT not in index and "&lt;script&gt;alert(1)&lt;/script&gt;" in index


def test_views_show_escapes_cell_text():
    assert _show_escapes()


def test_a_hostile_extract_has_no_live_markup_anywhere(hostile):
    """The same for every table cell too: no live `<script>` besides nbconvert's own."""
    _, _, out, _, _ = hostile
    for path in _pages(out):
        text = path.read_text(encoding="utf-8")
        parser = _Scripts()
        parser.feed(text)
        assert SCRIPT not in text and not parser.live(tables=True), path.name


def test_a_hostile_extract_gives_no_formula_cell(hostile):
    _, _, out, _, _ = hostile
    wb = openpyxl.load_workbook(out / "ringkasan.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "@", "+", "-"))]
    assert {"'" + HYPERLINK, "'" + SUM} <= {c.value for c in cells}
    with open(out / "tables" / "compliance.csv", newline="", encoding="utf-8") as f:
        values = [v for row in csv.reader(f) for v in row]
    assert "'" + HYPERLINK in values and "'" + SUM in values and SCRIPT in values
    for table in (out / "tables").glob("*.csv"):
        with open(table, newline="", encoding="utf-8") as f:
            assert not [v for row in csv.reader(f) for v in row if v[:1] in ("=", "@", "+")], table.name


def test_the_row_level_validation_listing_is_not_published(hostile):
    _, _, out, _, _ = hostile
    listing = pd.read_csv(out.parent / f"{PERIOD}.internal" / "validasi.csv")
    assert {"table", "row", "column", "rule", "message"} <= set(listing.columns)
    assert "opd_kode_pattern" in set(listing["rule"])
    published = pd.read_csv(out / "tables" / "validation.csv")
    assert list(published.columns) == ["table", "rule", "n"]
    expected = listing.groupby(["table", "rule"])["row"].nunique()
    assert published.set_index(["table", "rule"])["n"].sort_index().to_dict() == expected.sort_index().to_dict()
    manifest = json.loads((out / "manifest.json").read_text())
    texts = [p.read_text(encoding="utf-8") for p in out.rglob("*") if p.suffix in (".html", ".json", ".csv")]
    assert not any(".internal" in t or "validasi.csv" in t for t in texts)
    assert not any("internal" in f for f in manifest["files"])


def test_a_code_that_is_a_path_plans_a_page_inside_the_folder(hostile, tmp_path):
    """Defence in depth: even a code the loader would reject (here asked for directly) names a page inside --out."""
    from merit_lib.report.pipeline import plan

    _, _, out, codes, _ = hostile
    jobs = plan(out / "tables", PERIOD, "id", [codes[0], "../../x", "/etc/cron.d/x"])
    names = [j.name for j in jobs if j.opd is not None]
    assert names == [f"opd/{safe_name(codes[0])}", "opd/x", "opd/etc_cron.d_x"]
    assert all(inside(tmp_path, f"{n}.html").parent == (tmp_path / "opd").resolve() for n in names)
