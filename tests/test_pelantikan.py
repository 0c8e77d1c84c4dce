"""The pelantikan review (issue 15): the planted batch of 10 counted exactly, published through the door, internal apart."""

import re

import pytest

from merit_lib.analysis.pelantikan import review_extract
from merit_lib.cli import main
from merit_lib.domain.errors import ParameterError
from merit_lib.report.appointments_out import published_pelantikan
from merit_lib.synth import synthesize


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    s = synthesize(n=1500, seed=4)
    return s, s.write(tmp_path_factory.mktemp("data"))


def test_review_counts_the_planted_batch_exactly(world):
    s, _ = world
    truth = s.truth.appointments
    p = review_extract(s.tables, "2026-01-26")
    assert len(p.appointments) == len(truth.pelantikan) == 10
    assert set(p.appointments["nip"]) == set(truth.pelantikan["nip"])
    got = p.summary().set_index("jenis_mutasi")["n"].to_dict()
    assert got == truth.pelantikan["jenis_mutasi"].value_counts().to_dict()
    assert set(p.summary()["level_tujuan"]) == {"JPT Pratama"}
    assert p.appointments["hasil"].notna().all()          # every appointee checked against the post
    failed = p.appointments.loc[p.appointments["hasil"] == "tidak sesuai", "syarat_gagal"]
    assert (failed.str.len() > 0).all()


def test_published_form_hides_small_cells(world):
    s, _ = world
    pub = published_pelantikan(review_extract(s.tables, "2026-01-26"))
    for name in ("penilaian", "keadilan"):
        n = pub[name]["n"]
        assert not n.dropna().between(1, 4).any(), name
        assert pub[name]["suppressed"].notna().any()      # 4 rotations among 10: hidden with a complement


def test_a_date_without_appointment_is_a_clear_message(world, capsys):
    s, data = world
    with pytest.raises(ParameterError, match="tidak ada pengangkatan"):
        review_extract(s.tables, "2026-01-02")
    assert main(["pelantikan", "--data", str(data), "--date", "2026-01-02", "--out", "/tmp/h15_never"]) == 2
    err = capsys.readouterr().err
    r = s.tables["riwayat_jabatan"]
    busiest = r[r["jenis_mutasi"].isin(["promosi", "rotasi", "mutasi"])]["tanggal"].value_counts()
    assert f"{busiest.index[0]:%Y-%m-%d} ({busiest.iloc[0]})" in err and "Traceback" not in err
    assert main(["pelantikan", "--data", str(data), "--date", "26-13-2026", "--out", "/tmp/h15_never"]) == 2


def test_cli_writes_published_and_internal_apart(world, tmp_path):
    s, data = world
    out = tmp_path / "pel"
    assert main(["pelantikan", "--data", str(data), "--date", "2026-01-26", "--out", str(out), "--lang", "en"]) == 0
    internal = tmp_path / "pel.internal"
    [form] = list(internal.iterdir())
    first = form.read_text(encoding="utf-8").splitlines()[0]
    assert "RESTRICTED" in first and "RAHASIA" in first
    names = set(s.tables["pegawai"]["nama"])
    for f in out.iterdir():
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"\d{18}", text) and not any(n in text for n in names), f


def test_nothing_lands_in_a_period_folder(world, tmp_path):
    _, data = world
    period = tmp_path / "2026Q1"
    period.mkdir()
    (period / "manifest.json").write_text('{"generator": "merit_lib", "files": []}', encoding="utf-8")
    assert main(["pelantikan", "--data", str(data), "--date", "2026-01-26", "--out", str(period / "pel")]) == 2
    assert main(["kandidat", "--data", str(data), "--level", "Administrator", "--out", str(period / "k.csv")]) == 2
    assert [p.name for p in period.rglob("*")] == ["manifest.json"]
    assert not list(tmp_path.glob("*.internal"))


def test_a_review_shows_counts_and_provenance_never_a_person(world):
    """Issue 23, item 6: typed in a notebook, a review shows its counts per kind in the extract's language, no NIP or name."""
    from merit_lib.data.extract import load_extract

    s, data = world
    for lang, words in (("id", ("Pelantikan 26 Januari 2026", "10 penetapan", "RAHASIA")),
                        ("en", ("Appointments of 26 January 2026", "10 appointments", "RESTRICTED"))):
        extract = load_extract(data, lang=lang)
        shown = review_extract(extract, "2026-01-26")._repr_html_()
        assert all(w in shown for w in words), shown
        assert extract.fingerprint() in shown and "JPT Pratama" in shown
        for nip in s.truth.appointments.pelantikan["nip"]:
            assert str(nip) not in shown
        assert not any(str(n) in shown for n in s.tables["pegawai"]["nama"].head(200))
