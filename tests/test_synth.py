"""The synthetic extract reproduces the seed facts and its planted structure."""

import pandas as pd

from merit_lib import load_extract
from merit_lib.cli import main
from merit_lib.synth import synthesize


def test_seed_facts_at_default_size():
    s = synthesize()
    prof = s.tables["profiling"]
    assert prof["nip"].nunique() == len(prof)
    assert abs(len(prof) - 3236) <= 60  # profiled share is drawn at random around n
    recent = prof[prof["gelombang"].notna()]
    assert set(recent["gelombang"].astype(int)) == set(range(1, 11))
    assert recent["tanggal_asesmen"].min() == pd.Timestamp(2025, 11, 17)
    assert recent["tanggal_asesmen"].max() == pd.Timestamp(2025, 11, 21)
    assert abs(len(recent) / len(prof) - 936 / 3236) < 0.01
    r = s.tables["riwayat_jabatan"]
    eselon2 = r[(r["tanggal"] == pd.Timestamp(2026, 1, 26)) & (r["jenis_jabatan_baru"] == "JPT Pratama")]
    assert len(eselon2) == 10
    assert set(eselon2["jenis_mutasi"]) == {"promosi", "rotasi"}
    later = r[(r["jenis_mutasi"] == "promosi") & r["eselon_baru"].str.startswith(("III", "IV"), na=False)
              & (r["tanggal"] >= pd.Timestamp(2026, 1, 1))]
    assert later["tanggal"].min() > pd.Timestamp(2026, 1, 26)
    peg = s.tables["pegawai"]
    assert peg["opd_kode"].value_counts().idxmax() == "DINDIKBUD"
    assert 0.4 < (peg["jenis_kelamin"] == "P").mean() < 0.65


def test_same_seed_same_extract_other_seed_differs():
    a, b, c = synthesize(n=200, seed=1), synthesize(n=200, seed=1), synthesize(n=200, seed=2)
    pd.testing.assert_frame_equal(a.tables["pegawai"], b.tables["pegawai"])
    assert not a.tables["pegawai"]["nip"].equals(c.tables["pegawai"]["nip"])


def test_promotion_depends_on_merit_as_planted(small_synth):
    s = synthesize(n=3000, seed=3)
    prof = s.tables["profiling"].set_index("nip")
    r = s.tables["riwayat_jabatan"]
    promoted = set(r[(r["jenis_mutasi"] == "promosi") & (r["tanggal"] >= pd.Timestamp(2026, 1, 1))]["nip"])
    comp = prof[["integritas", "kerja_sama", "komunikasi"]].mean(axis=1)
    is_p = comp.index.isin(promoted)
    assert comp[is_p].mean() > comp[~is_p].mean() + 0.2


def test_cli_synth_writes_every_format(tmp_path, capsys):
    for fmt in ("csv", "xlsx", "parquet"):
        out = tmp_path / fmt
        assert main(["synth", "--out", str(out), "--n", "120", "--format", fmt, "--bad-rows", "3"]) == 0
        e = load_extract(out)
        assert len(e.report.issues[["table", "row"]].drop_duplicates()) == 3
    assert main(["synth", "--out", str(tmp_path / "z"), "--disparity", "nonsense"]) == 2
    assert "OPD:atribut" in capsys.readouterr().err


def test_demo_path_is_whole_per_option_and_safe_side_by_side(tmp_path, monkeypatch):
    """Notebooks on parallel test workers share the demo extract: it appears whole or not at all, one per option."""
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    from merit_lib.synth import demo_path

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    half = tmp_path / "merit_demo_120_3_2026Q1"
    half.mkdir()
    (half / "pegawai.csv").write_text("nip\n", encoding="utf-8")      # what an interrupted writer leaves
    with ThreadPoolExecutor(3) as pool:
        folders = list(pool.map(lambda _: demo_path(n=120, seed=3), range(3)))
    assert folders == [half] * 3
    assert load_extract(half).report.ok and len(load_extract(half).pegawai) > 100
    bad = demo_path(n=120, seed=3, bad_rows=4)
    assert bad != half and not load_extract(bad).report.ok
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([half.name, bad.name])   # no private folder left
