"""Black-box test of the SIASN reader on a folder as other BKDs and Pemdas hold it (tests/independent_siasn_bkd.py,
issue 22): only the command line (`merit siasn`, `merit validate`) and the files it writes are read; the truth is the
generator's own."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from independent_siasn_bkd import OPD_NAMES, Q_END, Q_START, deep_ref_unor, empty_pull, make  # noqa: E402

MERIT = Path(sys.executable).parent / "merit"


def merit(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(MERIT), *args], capture_output=True, text=True, timeout=timeout)


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module", params=["none", "lower"])
def converted(request, tmp_path_factory):
    """The folder without ref-unor, and with ref-unor in the other key spelling, through `merit siasn`."""
    base = tmp_path_factory.mktemp(f"bkd_{request.param}")
    truth = make(base / "src", seed=22, ref_unor=request.param)
    res = merit("siasn", str(truth.folder), "--out", str(base / "out"))
    assert res.returncode in (0, 1), res.stderr[-2000:]
    assert "Traceback" not in res.stderr
    return truth, base / "out", res


def opd_names(out: Path) -> dict[str, str]:
    """The converted opd_kode → the OPD's name as pegawai.csv gives it (upper case, trimmed)."""
    peg = read(out / "pegawai.csv")
    names = peg.groupby("opd_kode")["opd_nama"].agg(lambda s: s.str.strip().str.upper().mode().iloc[0])
    return names.to_dict()


def quarter(riw: pd.DataFrame, kind: str) -> pd.DataFrame:
    d = pd.to_datetime(riw["tanggal"]).dt.date
    return riw[(riw["jenis_mutasi"] == kind) & (d >= Q_START) & (d <= Q_END)]


def test_summary_is_sentences_and_the_exit_status_matches(converted):
    _truth, _out, res = converted
    lines = [line for line in res.stdout.splitlines() if line.strip()]
    assert not any(line.lstrip().startswith("[") for line in lines), res.stdout[:300]
    assert all(line.rstrip().endswith((".", ")")) or ":" in line for line in lines)
    said_left_out = any("status keluar 1" in line for line in lines)
    assert said_left_out == (res.returncode == 1)


def test_every_person_kept_with_their_kedudukan(converted):
    truth, out, _res = converted
    peg = read(out / "pegawai.csv").set_index("nip")
    assert set(peg.index) == set(truth.persons)                      # non-active persons are kept too
    want = pd.Series({n: p.kedudukan for n, p in truth.persons.items()})
    assert (peg["kedudukan_hukum"].reindex(want.index) == want).all()
    assert (want != "aktif").sum() == 6


def test_persons_per_opd_exact(converted):
    truth, out, _res = converted
    names = opd_names(out)
    assert sorted(names.values()) == sorted(OPD_NAMES)               # never the Pemda as an OPD
    peg = read(out / "pegawai.csv")
    got = peg["opd_kode"].map(names).value_counts().to_dict()
    assert got == truth.persons_per_opd()


def test_each_persons_own_level_never_an_acting_post(converted):
    truth, out, _res = converted
    peg = read(out / "pegawai.csv").set_index("nip")
    for nip, p in truth.persons.items():
        assert (peg.loc[nip, "jenis_jabatan"], peg.loc[nip, "eselon"]) == (p.level, p.eselon or ""), nip


def test_promotions_per_opd_exact(converted):
    truth, out, _res = converted
    riw = read(out / "riwayat_jabatan.csv")
    q = quarter(riw, "promosi")
    assert set(zip(q["nip"], q["tanggal"])) == truth.promotions
    got = q["opd_kode_baru"].map(opd_names(out)).value_counts().to_dict()
    assert {k: got.get(k, 0) for k in OPD_NAMES} == truth.promotions_per_opd()


def test_jenjang_rises_moves_and_acting_posts(converted):
    truth, out, _res = converted
    riw = read(out / "riwayat_jabatan.csv")
    assert set(zip(quarter(riw, "kenaikan_jenjang")["nip"], quarter(riw, "kenaikan_jenjang")["tanggal"])) == truth.jenjang
    moves = pd.concat([quarter(riw, "rotasi"), quarter(riw, "mutasi")])
    assert set(zip(moves["nip"], moves["tanggal"])) == truth.moves
    events = set(zip(riw["nip"], riw["tanggal"]))
    assert not [a for a in truth.acting if (a[0], a[1]) in events]
    ledger = read(out / "siasn_ledger.csv")
    assert (ledger["reason"] == "acting_assignment").sum() == len(truth.acting)


def test_every_value_it_could_not_read_is_counted(converted):
    truth, out, _res = converted
    m = read(out / "siasn_mapping.csv")
    m["unmapped"] = pd.to_numeric(m["unmapped"], errors="coerce").fillna(0).astype(int)
    cpns = m[(m["source"] == "ekspor") & (m["target"] == "pegawai.tmt_cpns")]
    assert cpns["unmapped"].sum() == truth.unreadable_export_dates > 0
    dates = m[m["rule"].str.contains("dd-mm-yyyy", na=False)]
    assert dates["unmapped"].sum() == truth.unreadable_export_dates    # ISO-Z, 01-01-0001 and the rest are read
    ledger = read(out / "siasn_ledger.csv")
    for where, _what in truth.broken_files.items():
        folder, name = where.split("/")
        row = ledger[(ledger["source"] == folder) & (ledger["file"] == name)]
        assert row["reason"].tolist() == ["unreadable"] and row["message"].str.len().iloc[0] < 200, where
    deep = ledger[ledger["file"].str.endswith("deep.json")]
    assert deep["message"].str.contains("64").all()                    # the limit is named


def test_validate_says_what_its_exit_status_says(converted):
    truth, _out, _res = converted
    res = merit("validate", str(truth.folder))
    assert res.returncode in (0, 1) and "Traceback" not in res.stderr
    clean = "Semua baris lolos validasi" in res.stdout
    assert clean == (res.returncode == 0), res.stdout[-800:]


@pytest.mark.parametrize("case", ["empty_pull", "deep_ref_unor"])
def test_an_unusable_folder_is_one_line_and_exit_2(case, tmp_path):
    src = empty_pull(tmp_path / "src") if case == "empty_pull" else deep_ref_unor(tmp_path / "src")
    for args in (("siasn", str(src), "--out", str(tmp_path / "out")), ("validate", str(src))):
        res = merit(*args)
        assert res.returncode == 2, (args, res.stdout[-500:], res.stderr[-500:])
        err = [line for line in res.stderr.splitlines() if line.strip()]
        assert len(err) == 1 and "Traceback" not in res.stderr and "Error" not in err[0], err
        if case == "deep_ref_unor":
            assert re.search(r"\b64\b", err[0])
        else:
            assert "data-utama" in err[0]
