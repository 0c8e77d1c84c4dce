"""Every writer behind the door (issue 25, item 3; DESIGN §5): one output policy for every command — never inside a
period folder unless it is the report writing its own, never onto or into an input, never over another extract —
and restricted outputs created 0700 (folders) / 0600 (files) whatever the umask."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from merit_lib.cli import main
from merit_lib.synth import synthesize, to_siasn

PERIOD = "2026Q1"
PEL_DATE = "2026-01-26"


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under `root` → its SHA-256 (folders: "dir")."""
    return {p.relative_to(root).as_posix(): "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))}


def refused(capsys, argv: list[str]) -> str:
    """`merit ARGV` refused: exit 2, one line, no traceback; the line."""
    code = main(argv)
    err = capsys.readouterr().err.strip()
    assert code == 2 and "Traceback" not in err and len(err.splitlines()) == 1, (code, err)
    return err


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """An extract, its SIASN form, and a period folder of ours (manifest listing a findings.csv and readiness.csv)."""
    root = tmp_path_factory.mktemp("door")
    s = synthesize(n=300, seed=23)
    data = s.write(root / "data")
    siasn = to_siasn(s.tables, root / "sx" / "siasn", seed=23)
    period = root / "reports" / PERIOD
    (period / "tables").mkdir(parents=True)
    (period / "tables" / "findings.csv").write_text("scope,attribute\nPROVINSI,jenis_kelamin\n")
    (period / "tables" / "readiness.csv").write_text("opd_kode,n\nBKD,12\n")
    (period / "manifest.json").write_text(json.dumps({"generator": "merit_lib", "files": ["tables/findings.csv",
                                                                                          "tables/readiness.csv"]}))
    return root, data, siasn, period


# --------------------------------------------------------------------------- the cases

def test_audit_into_a_period_folder_is_refused(world, capsys):
    root, data, _, period = world
    before = snapshot(root)
    err = refused(capsys, ["audit", "--data", str(data), "--period", PERIOD, "--out", str(period / "tables"), "--lang", "en"])
    assert str(period) in err and "period report folder" in err
    assert snapshot(root) == before


def test_model_person_level_into_a_period_folder_is_refused(world, capsys):
    root, data, _, period = world
    before = snapshot(root)
    refused(capsys, ["model", "--data", str(data), "--period", PERIOD, "--out", str(period / "tables"), "--person-level"])
    assert snapshot(root) == before


@pytest.mark.parametrize("target", ["pegawai.csv", "validasi.csv"])
def test_validate_onto_or_into_its_input_is_refused(world, capsys, target):
    root, data, _, _ = world
    before = snapshot(root)
    err = refused(capsys, ["validate", str(data), "--out", str(data / target), "--lang", "en"])
    assert str(data) in err and "input" in err
    assert snapshot(root) == before


def test_siasn_over_another_extract_is_refused_and_a_rerun_into_its_own_conversion_is_not(world, tmp_path, capsys):
    root, data, siasn, _ = world
    before = snapshot(root)
    err = refused(capsys, ["siasn", str(siasn), "--out", str(data), "--lang", "en"])
    assert str(data) in err and "extract" in err
    assert snapshot(root) == before
    out = tmp_path / "converted"
    assert main(["siasn", str(siasn), "--out", str(out)]) == 0
    assert main(["siasn", str(siasn), "--out", str(out)]) == 0                   # its own earlier conversion
    refused(capsys, ["siasn", str(siasn), "--out", str(siasn / "rw-jabatan")])  # a folder inside the input
    assert snapshot(root) == before


def test_internal_set_to_the_parent_of_the_siasn_input_is_refused(world, tmp_path, capsys):
    root, _, siasn, _ = world
    before = snapshot(root)
    out = tmp_path / "reports" / PERIOD
    err = refused(capsys, ["report", "--data", str(siasn), "--period", PERIOD, "--out", str(out),
                           "--internal", str(siasn.parent), "--lang", "en"])
    assert str(siasn) in err and "--internal" in err
    assert snapshot(root) == before and not out.exists()


# --------------------------------------------------------------------------- every command, one policy

def _argv(command: str, data: Path, siasn: Path, out: Path) -> list[str]:
    return {"audit": ["audit", "--data", str(data), "--period", PERIOD, "--out", str(out)],
            "model": ["model", "--data", str(data), "--period", PERIOD, "--out", str(out)],
            "validate": ["validate", str(data), "--out", str(out / "v.csv")],
            "siasn": ["siasn", str(siasn), "--out", str(out)],
            "pelantikan": ["pelantikan", "--data", str(data), "--date", PEL_DATE, "--out", str(out)],
            "kandidat": ["kandidat", "--data", str(data), "--level", "Administrator", "--out", str(out / "k.csv")],
            "report": ["report", "--data", str(data), "--period", PERIOD, "--out", str(out.parent.parent / "r" / PERIOD),
                       "--internal", str(out)],
            "report_nested": ["report", "--data", str(data), "--period", PERIOD, "--out", str(out)]}[command]


COMMANDS = ["audit", "model", "validate", "siasn", "pelantikan", "kandidat", "report", "report_nested"]


@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_writes_inside_a_period_folder(world, capsys, command):
    root, data, siasn, period = world
    before = snapshot(root)
    refused(capsys, _argv(command, data, siasn, period / "tables" / "sub"))
    assert snapshot(root) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_writes_into_its_input(world, capsys, command):
    root, data, siasn, _ = world
    before = snapshot(root)
    source = siasn if command == "siasn" else data
    refused(capsys, _argv(command, data, siasn, source / "keluaran"))
    assert snapshot(root) == before


def test_a_flat_table_is_never_overwritten_by_its_own_audit(tmp_path, capsys):
    """A flat table named like an output, written beside: the audit would replace its own input."""
    flat = tmp_path / "findings.csv"
    flat.write_text("promoted,gender\n" + "1,m\n0,f\n0,m\n1,f\n" * 30)
    roles = tmp_path / "roles.yaml"
    roles.write_text("outcome: {column: promoted, map: {1: true, 0: false}}\nprotected: [gender]\n")
    before = snapshot(tmp_path)
    err = refused(capsys, ["audit", "--flat", str(flat), "--roles", str(roles), "--out", str(tmp_path), "--lang", "en"])
    assert str(flat) in err and snapshot(tmp_path) == before
    assert main(["audit", "--flat", str(flat), "--roles", str(roles), "--out", str(tmp_path / "a")]) == 0


# --------------------------------------------------------------------------- restricted outputs

@pytest.fixture
def open_umask():
    """The most permissive umask while the test runs: restricted outputs must not depend on it."""
    old = os.umask(0)
    yield
    os.umask(old)


def _private(path: Path) -> list[str]:
    """What under `path` (itself included) is not 0700 (folders) / 0600 (files)."""
    found = [path, *path.rglob("*")] if path.is_dir() else [path]
    return [f"{p} {oct(mode(p))}" for p in found if mode(p) != (0o700 if p.is_dir() else 0o600)]


def test_restricted_outputs_are_private_whatever_the_umask(world, tmp_path, open_umask, capsys):
    _, data, siasn, _ = world
    assert main(["siasn", str(siasn), "--out", str(tmp_path / "conv")]) == 0
    assert main(["kandidat", "--data", str(data), "--level", "Administrator", "--out", str(tmp_path / "k" / "k.csv")]) == 0
    assert main(["pelantikan", "--data", str(data), "--date", PEL_DATE, "--out", str(tmp_path / "pel")]) == 0
    assert main(["model", "--data", str(data), "--period", PERIOD, "--out", str(tmp_path / "m"), "--person-level"]) == 0
    assert main(["validate", str(data), "--out", str(tmp_path / "v" / "validasi.csv")]) in (0, 1)
    capsys.readouterr()
    assert _private(tmp_path / "conv") == []
    assert _private(tmp_path / "k") == []
    assert _private(tmp_path / "pel.internal") == []
    assert _private(tmp_path / "m" / "readiness.csv") == []
    assert _private(tmp_path / "v") == []
    assert mode(tmp_path / "pel") == 0o777 and mode(tmp_path / "m" / "model_coefficients.csv") == 0o666  # published


def test_the_reports_internal_folder_is_private_whatever_the_umask(world, tmp_path, open_umask):
    """The steward's folder of `merit report` (row-level listing, SIASN conversion), as `compute` writes it."""
    from merit_lib.report.pipeline import compute

    _, _, siasn, _ = world
    from merit_lib.data.siasn import convert

    result = convert(siasn)
    internal = tmp_path / f"{PERIOD}.internal"
    source = result.write(internal / "siasn")
    compute(source, PERIOD, tmp_path / "tables", internal_dir=internal, siasn=result)
    assert _private(internal) == []
