"""What a user can cause is one clear line and exit 2; anything else is a bug: exit 3 and a saved traceback."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest

import merit_lib.data.sink as sink
from merit_lib.cli import main
from merit_lib.domain.errors import InputError, MeritError, OutputError, ParameterError, output_error
from merit_lib.synth import synthesize

PERIOD = "2026Q1"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return synthesize(n=300, seed=41, bad_rows=4).write(tmp_path_factory.mktemp("errors") / "data")


@pytest.fixture
def crash_dir(tmp_path, monkeypatch):
    """The temp folder where a bug's traceback goes, made private to the test."""
    d = tmp_path / "tmp"
    d.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(d))
    return d


def one_line(capsys, code: int, argv: list[str]) -> str:
    assert main(argv) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err.strip()


def test_the_hierarchy_and_its_languages():
    assert all(issubclass(c, MeritError) for c in (InputError, ParameterError, OutputError))
    e = ParameterError("periode tidak sah", en="period not valid")
    assert e.message("id") == "periode tidak sah" and e.message("en") == "period not valid"
    assert ParameterError("hanya\n  bahasa   Indonesia").message("en") == "hanya bahasa Indonesia"
    full = output_error(OSError(errno.ENOSPC, "No space left on device", "/x/.tmp"), "/x/a.csv")
    assert full.message("id") == "tidak dapat menulis /x/a.csv: disk penuh"
    assert full.message("en") == "cannot write /x/a.csv: no space left on the device"


def test_a_bad_period_is_a_parameter_error_in_the_chosen_language(data, tmp_path, capsys):
    err = one_line(capsys, 2, ["model", "--data", str(data), "--period", "2026Q5", "--out", str(tmp_path / "m"), "--lang", "en"])
    assert "--period" in err and "'2026Q5' is not a valid period" in err
    err = one_line(capsys, 2, ["report", "--data", str(data), "--period", "kemarin", "--out", str(tmp_path / "r")])
    assert "periode 'kemarin' tidak sah" in err and not (tmp_path / "r").exists()


def test_a_folder_that_is_not_an_extract(tmp_path, capsys):
    (tmp_path / "catatan.txt").write_text("bukan ekstrak")
    err = one_line(capsys, 2, ["validate", str(tmp_path)])
    assert "pegawai" in err


def test_a_folder_where_a_file_is_expected(data, tmp_path, capsys):
    folder = tmp_path / "folder"
    folder.mkdir()
    err = one_line(capsys, 2, ["audit", "--flat", str(data / "pegawai.csv"), "--roles", str(folder), "--out", str(tmp_path / "a")])
    assert str(folder) in err
    err = one_line(capsys, 2, ["validate", str(data), "--out", str(folder)])   # the listing's file is a folder
    assert f"tidak dapat menulis {folder}" in err and "folder, bukan berkas" in err
    assert list(folder.iterdir()) == []


def test_an_out_under_a_file(data, tmp_path, capsys):
    (tmp_path / "berkas").write_text("x")
    err = one_line(capsys, 2, ["audit", "--data", str(data), "--period", PERIOD, "--out", str(tmp_path / "berkas" / "a")])
    assert "berkas" in err and "bukan folder" in err
    err = one_line(capsys, 2, ["report", "--data", str(data), "--period", PERIOD, "--out", str(tmp_path / "berkas" / PERIOD),
                               "--lang", "en"])
    assert "lies under the file" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder (see the simulated case)")
def test_a_read_only_folder(data, tmp_path, capsys):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        err = one_line(capsys, 2, ["report", "--data", str(data), "--period", PERIOD, "--out", str(ro / PERIOD)])
        assert "tidak ada izin menulis" in err and str(ro) in err
        err = one_line(capsys, 2, ["validate", str(data), "--out", str(ro / "v.csv")])
        assert "tidak ada izin menulis" in err
    finally:
        ro.chmod(0o755)
    assert list(ro.iterdir()) == []


def test_a_read_only_file_system_simulated(data, tmp_path, capsys, monkeypatch):
    """As root a chmod does not stop a write: a read-only file system is simulated where the run starts writing."""
    real_open = os.open

    def read_only(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    err = one_line(capsys, 2, ["report", "--data", str(data), "--period", PERIOD, "--out", str(tmp_path / "r" / PERIOD),
                               "--lang", "en"])
    assert err == f"merit report: cannot write {tmp_path / 'r'}: read-only file system"
    assert list((tmp_path / "r").iterdir()) == []


def test_a_full_disk(data, tmp_path, capsys, monkeypatch):
    def full(path, write, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(sink, "_atomic", full)
    err = one_line(capsys, 2, ["validate", str(data), "--out", str(tmp_path / "v.csv")])
    assert err.endswith(f"tidak dapat menulis {tmp_path / 'v.csv'}: disk penuh")
    err = one_line(capsys, 2, ["report", "--data", str(data), "--period", PERIOD, "--out", str(tmp_path / "r" / PERIOD)])
    assert "disk penuh" in err
    assert list((tmp_path / "r").iterdir()) == []                 # no staging folder, no lock left behind


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="a path that cannot be made: one under /proc")
def test_an_output_path_that_cannot_exist_is_a_clear_exit_2(data, capsys, crash_dir):
    never = "/proc/self/merit-keluaran"
    for argv in (["validate", str(data), "--out", f"{never}/v.csv"],
                 ["audit", "--data", str(data), "--period", PERIOD, "--out", never],
                 ["model", "--data", str(data), "--period", PERIOD, "--out", never],
                 ["report", "--data", str(data), "--period", PERIOD, "--out", f"{never}/{PERIOD}"]):
        err = one_line(capsys, 2, [*argv, "--lang", "en"])
        assert "merit-keluaran" in err and "does not exist and cannot be made" in err, err
    assert not list(crash_dir.iterdir())                          # no traceback saved: none of it is a bug


def test_an_internal_bug_is_exit_3_with_the_traceback_saved(data, tmp_path, capsys, monkeypatch, crash_dir):
    import merit_lib.data.extract as extract

    def bug(*args, **kwargs):
        raise FileNotFoundError(errno.ENOENT, "a file the code expected", "/nowhere/internal.json")

    monkeypatch.setattr(extract, "load_extract", bug)
    err = one_line(capsys, 3, ["validate", str(data)])
    saved = list(crash_dir.glob("merit-validate-*.txt"))
    assert len(saved) == 1 and str(saved[0]) in err and "kesalahan internal (FileNotFoundError)" in err
    text = saved[0].read_text()
    assert "Traceback" in text and "a file the code expected" in text and "def bug" not in err


def test_a_bug_during_a_report_leaves_no_staging(data, tmp_path, capsys, monkeypatch, crash_dir):
    import merit_lib.report.pipeline as pipeline

    def bug(*args, **kwargs):
        raise ValueError("a library bug, not the user's")

    monkeypatch.setattr(pipeline, "compute", bug)
    err = one_line(capsys, 3, ["report", "--data", str(data), "--period", PERIOD, "--out", str(tmp_path / "r" / PERIOD),
                               "--lang", "en"])
    assert "internal error (ValueError)" in err and "full traceback saved to" in err
    assert "a library bug" in next(crash_dir.glob("merit-report-*.txt")).read_text()
    assert list((tmp_path / "r").iterdir()) == []


def test_bad_options_stay_user_errors(data, tmp_path, capsys):
    err = one_line(capsys, 2, ["audit", "--data", str(data), "--period", PERIOD, "--out", str(tmp_path / "a"),
                               "--reference", "jenis_kelamin=X"])
    assert "--attributes/--reference" in err and "'X'" in err
    err = one_line(capsys, 2, ["model", "--data", str(data), "--period", PERIOD, "--out", str(tmp_path / "m"),
                               "--controls", "golongan_ordinal,bogus", "--lang", "en"])
    assert err == "merit model: --controls: columns not in the data: bogus"
    err = one_line(capsys, 2, ["synth", "--out", str(tmp_path / "s"), "--disparity", "DINKES:warna:P:0.3"])
    assert "warna" in err and not (tmp_path / "s").exists()


@pytest.mark.parametrize("option, value", [("--disparity", "DINKES:jenis_kelamin:P:tiga"),
                                           ("--merit-gap", "DINKES:jenis_kelamin:P:satu"),
                                           ("--missing-assessment", "*:jenis_kelamin:P:separuh")])
def test_a_planted_effect_whose_number_is_not_one_says_how_to_write_it(option, value, tmp_path, capsys):
    err = one_line(capsys, 2, ["synth", "--out", str(tmp_path / "s"), option, value])
    word = value.rsplit(":", 1)[1]
    assert f"'{word}' bukan angka; tulis OPD:atribut:kelompok:" in err and "could not convert" not in err
    assert not (tmp_path / "s").exists()
