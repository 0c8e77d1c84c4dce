"""Bounded input (issue 25, item 4): each hostile file of `merit_lib.synth.hostile` ends in seconds, read as far as it
matters or refused in one line that names the limit (exit 2, no traceback).

The hostile runs are separate processes with a 2 GB address-space limit and a time-out, so a reader that is not
bounded fails the test instead of taking the machine."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from merit_lib.data import limits
from merit_lib.data.extract import LoadError, load_extract
from merit_lib.data.flat import read_roles_file
from merit_lib.domain.errors import LimitError
from merit_lib.synth import synthesize
from merit_lib.synth.hostile import anchor_bomb_roles, stray_cell_workbook, wide_header_csv, zip_bomb_workbook

MEMORY = 2 << 30          # bytes of address space a hostile run may take
SECONDS = 60


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def merit(*argv: str) -> subprocess.CompletedProcess:
    """`merit ARGV` in its own process, memory and time bounded; a run past either fails the test."""
    try:
        return subprocess.run([sys.executable, "-m", "merit_lib.cli", *argv], capture_output=True, text=True,
                              timeout=SECONDS, preexec_fn=_bounded)
    except subprocess.TimeoutExpired:
        pytest.fail(f"merit {argv[0]} still running after {SECONDS} s")


def refused(proc: subprocess.CompletedProcess) -> str:
    """The one stderr line of a refusal (exit 2, no traceback)."""
    err = proc.stderr.strip()
    assert proc.returncode == 2 and "Traceback" not in err and len(err.splitlines()) == 1, (proc.returncode, err[-2000:])
    return err


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return synthesize(n=300, seed=31).write(tmp_path_factory.mktemp("limits") / "data")


# --------------------------------------------------------------------------- workbooks

def test_a_stray_cell_at_the_last_cell_of_the_sheet_is_read_to_the_headers_width(data, tmp_path):
    """One value at XFD1048576: the sheet is read only as wide as its header, so the run is quick and clean."""
    stray = stray_cell_workbook(data, tmp_path / "stray")
    proc = merit("validate", str(stray))
    assert proc.returncode == 0, proc.stderr[-2000:]
    same = load_extract(stray).tables["pegawai"].drop(columns="_row")
    assert same.equals(load_extract(data).tables["pegawai"].drop(columns="_row"))


def test_a_header_wider_than_the_limit_in_a_workbook_is_refused(data, tmp_path):
    stray = stray_cell_workbook(data, tmp_path / "stray", cell="XFD1")
    err = refused(merit("validate", str(stray), "--lang", "en"))
    assert "pegawai.xlsx" in err and f"limit {limits.MAX_COLUMNS} columns" in err


def test_a_zip_bomb_is_refused_before_it_is_read(data, tmp_path):
    bomb = zip_bomb_workbook(data, tmp_path / "bomb", megabytes=60)
    assert (bomb / "pegawai.xlsx").stat().st_size < 1 << 20
    err = refused(merit("validate", str(bomb), "--lang", "en"))
    assert "pegawai.xlsx" in err and f"limit {limits.MAX_RATIO}:1" in err


def test_a_workbook_larger_than_the_limit_once_decompressed(data, tmp_path, monkeypatch):
    book = synthesize(n=300, seed=31).write(tmp_path / "x", "xlsx")
    monkeypatch.setattr(limits, "MAX_WORKBOOK_BYTES", 20_000)
    with pytest.raises(LimitError) as caught:
        load_extract(book)
    assert "MB" in caught.value.message("en") and "limit" in caught.value.message("en")


def test_a_missing_required_column_stops_a_workbook_right_after_its_header(data, tmp_path, monkeypatch):
    """The header is checked before the body: a workbook without `nip` is never read past its header row."""
    import pandas as pd

    from merit_lib.data import sources

    folder = Path(shutil.copytree(data, tmp_path / "x"))        # pegawai the one workbook, without its nip column
    table = pd.read_csv(folder / "pegawai.csv", dtype=str).drop(columns="nip")
    table.to_excel(folder / "pegawai.xlsx", index=False)
    (folder / "pegawai.csv").unlink()
    rows: list[int] = []           # body rows read from the sheet
    real = sources._sheet_rows

    def counted(*args, **kwargs):
        for r in real(*args, **kwargs):
            rows.append(1)
            yield r

    monkeypatch.setattr(sources, "_sheet_rows", counted)
    with pytest.raises(LoadError) as caught:
        load_extract(folder)
    assert "kolom wajib 'nip'" in str(caught.value) and rows == []


# --------------------------------------------------------------------------- headers

def test_a_50000_column_header_is_refused_naming_the_limit(data, tmp_path):
    wide = wide_header_csv(data, tmp_path / "wide")
    err = refused(merit("validate", str(wide), "--lang", "en"))
    assert "pegawai.csv" in err and f"limit {limits.MAX_COLUMNS} columns" in err and "empty file" not in err


def test_a_header_of_a_few_thousand_short_columns_is_refused_too(data, tmp_path):
    wide = wide_header_csv(data, tmp_path / "wide", columns=limits.MAX_COLUMNS + 1)
    with pytest.raises(LimitError) as caught:
        load_extract(wide)
    assert f"{limits.MAX_COLUMNS + 1}" in caught.value.message("en")


# --------------------------------------------------------------------------- roles files

def test_a_yaml_anchor_bomb_in_a_roles_file_is_refused(data, tmp_path):
    roles = anchor_bomb_roles(tmp_path / "roles.yaml")
    assert roles.stat().st_size < 1024
    err = refused(merit("audit", "--flat", str(data / "pegawai.csv"), "--roles", str(roles), "--out", str(tmp_path / "a"),
                        "--lang", "en"))
    assert "roles.yaml" in err and "anchors" in err and not (tmp_path / "a").exists()


def test_one_alias_is_refused_and_a_plain_roles_file_still_reads(tmp_path):
    plain = tmp_path / "plain.yaml"
    plain.write_text("outcome: is_promoted\nprotected: [gender]\n")
    assert read_roles_file(plain)["protected"] == ["gender"]
    for name, body, line in (("anchor.yaml", "outcome: &o is_promoted\nid: x\n", 1),
                             ("alias.yaml", "outcome: is_promoted\nid: *o\n", 2)):
        (tmp_path / name).write_text(body)
        with pytest.raises(LimitError) as caught:
            read_roles_file(tmp_path / name)
        assert name in caught.value.message("en") and f"line {line}:" in caught.value.message("en")


def test_a_roles_file_larger_than_the_limit(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("outcome: is_promoted\n" + "# padding\n" * (limits.MAX_ROLES_BYTES // 10 + 1))
    with pytest.raises(LimitError) as caught:
        read_roles_file(big)
    assert f"limit {limits.MAX_ROLES_BYTES // 1024} KB" in caught.value.message("en")
