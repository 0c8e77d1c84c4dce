"""SIASN as other BKDs hold it (issue 22): the synthetic SIASN form in each shape — acting posts named only in titles,
non-active kedudukan hukum, ISO dates with `Z`, no ref-unor, III.b → III.a, JF jenjang rises — converted back to the
same persons and promotions per OPD as its contract form, with every value it could not read counted."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from merit_lib.analysis.features import analysis_frame, promotion_mask
from merit_lib.analysis.ledger import for_extract
from merit_lib.data.extract import load_extract
from merit_lib.data.siasn import convert
from merit_lib.domain import rules as R
from merit_lib.domain import siasn_codes as S
from merit_lib.domain.period import Period
from merit_lib.synth.siasn import to_siasn
from merit_lib.synth.siasn_shapes import NON_ACTIVE, Shapes, plant_moves

PERIOD = Period.parse("2026Q1")


@pytest.fixture(scope="module")
def truth(small_synth):
    """The contract form, with III.b → III.a promotions, JF jenjang rises and non-active persons planted."""
    return plant_moves(small_synth.tables, seed=5, eselon_ab=5, jenjang=5, nonaktif=len(NON_ACTIVE) + 2)


SHAPES = {
    "default": lambda: None,
    "acting_titles": lambda: Shapes(acting_titles=True),
    "iso_dates": lambda: Shapes(iso_dates=True, unreadable_dates=4, unknown_kedudukan=3),
    "no_ref_unor": lambda: Shapes(no_ref_unor=True),
    "all": lambda: Shapes(acting_titles=True, iso_dates=True, no_ref_unor=True, unreadable_dates=2, unknown_kedudukan=2),
}


@pytest.fixture(scope="module", params=list(SHAPES))
def shaped(request, truth, tmp_path_factory):
    shapes = SHAPES[request.param]()
    src = to_siasn(truth, tmp_path_factory.mktemp(f"shape_{request.param}") / "src", seed=9, shapes=shapes)
    return request.param, shapes or Shapes(), src, convert(src)


def in_quarter(riw: pd.DataFrame, kind: str) -> pd.DataFrame:
    t = pd.to_datetime(riw["tanggal"])
    return riw[(t >= PERIOD.start) & (t <= PERIOD.end) & (riw["jenis_mutasi"] == kind)]


def code_map(truth: dict, result) -> dict[str, str]:
    """Our opd_kode → the converted one, read from the persons (one-to-one, or the test fails)."""
    both = truth["pegawai"][["nip", "opd_kode"]].merge(result.tables["pegawai"][["nip", "opd_kode"]], on="nip",
                                                       suffixes=("", "_siasn"))
    pairs = both.drop_duplicates(["opd_kode", "opd_kode_siasn"])
    assert pairs["opd_kode"].is_unique and pairs["opd_kode_siasn"].is_unique, pairs.head()
    return dict(zip(pairs["opd_kode"], pairs["opd_kode_siasn"]))


def test_persons_per_opd_exact(shaped, truth):
    _name, _shapes, _src, result = shaped
    codes = code_map(truth, result)
    want = truth["pegawai"]["opd_kode"].map(codes).value_counts().sort_index()
    got = result.tables["pegawai"]["opd_kode"].value_counts().sort_index()
    assert len(result.tables["pegawai"]) == len(truth["pegawai"])
    assert got.to_dict() == want.to_dict()


@pytest.mark.parametrize("kind", ["promosi", "kenaikan_jenjang"])
def test_promotions_and_jenjang_rises_per_opd_exact(shaped, truth, kind):
    _name, _shapes, _src, result = shaped
    codes = code_map(truth, result)
    want = in_quarter(truth["riwayat_jabatan"], kind)
    got = in_quarter(result.tables["riwayat_jabatan"], kind)
    assert len(want) >= 5
    assert got["opd_kode_baru"].value_counts().to_dict() == want["opd_kode_baru"].map(codes).value_counts().to_dict()
    assert set(zip(got["nip"], pd.to_datetime(got["tanggal"]))) == set(zip(want["nip"], pd.to_datetime(want["tanggal"])))


def test_levels_dates_and_kedudukan_as_the_contract_form(shaped, truth):
    """Every person's own level and eselon (never an acting post's), every date (whatever shape it was written in),
    and the kedudukan hukum with its TMT."""
    _name, _shapes, _src, result = shaped
    want = truth["pegawai"].set_index("nip").sort_index()
    got = result.tables["pegawai"].set_index("nip").sort_index()
    for col in ("jenis_jabatan", "eselon", "jabatan", "kedudukan_hukum"):
        same = want[col].astype("string").fillna("∅") == got[col].astype("string").fillna("∅")
        assert same.all(), (col, pd.concat([want.loc[~same, col], got.loc[~same, col]], axis=1).head())
    for col in ("tanggal_lahir", "tmt_jabatan", "tmt_cpns", "tmt_kedudukan_hukum"):
        a, b = pd.to_datetime(want[col]), pd.to_datetime(got[col])
        assert ((a == b) | (a.isna() & b.isna())).all(), col
    assert set(got["kedudukan_hukum"]) == {"aktif", *NON_ACTIVE}
    assert (R.is_active(got["kedudukan_hukum"]) == (got["kedudukan_hukum"] == "aktif")).all()


def test_every_value_that_cannot_be_read_is_counted(shaped):
    """The mapping report's unmapped counts are exactly what the shape planted (and the export's unknown education id
    the default world plants), and each such export row carries a note in the ledger."""
    _name, shapes, src, result = shaped
    m = result.mapping.set_index(["source", "target"])
    assert m.loc[("ekspor", "pegawai.tmt_cpns"), "unmapped"] == shapes.planted.get("ekspor.tmt_cpns", 0)
    assert m.loc[("ekspor", "pegawai.kedudukan_hukum"), "unmapped"] == shapes.planted.get("ekspor.kedudukan_hukum", 0)
    dates = result.mapping[result.mapping["rule"].str.startswith("siasn.md: dd-mm-yyyy")]
    assert dates["unmapped"].sum() == shapes.planted.get("ekspor.tmt_cpns", 0)
    export = result.ledger[result.ledger["source"] == "ekspor"]
    noted = export["reason"].fillna("").str.contains("date_unreadable")
    assert noted.sum() == shapes.planted.get("ekspor.tmt_cpns", 0) and (export.loc[noted, "status"] == "used").all()
    header = (src / "Data_ASN_Pemprov_Banten.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    edu = [i for i, h in enumerate(header) if h.lower().replace(" ", "_") == "tingkat_pendidikan_id"][0]
    rows = [line.split(",") for line in (src / "Data_ASN_Pemprov_Banten.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert m.loc[("ekspor", "pegawai.pendidikan"), "unmapped"] == sum(r[edu] == "99" for r in rows if len(r) > edu)
    assert result.problem_rows() == 0


def test_acting_posts_are_never_appointments(shaped):
    _name, shapes, src, result = shaped
    acting = result.ledger[result.ledger["reason"] == "acting_assignment"]
    n_rows = sum(len(json.loads(f.read_text(encoding="utf-8"))["data"]) for f in (src / "rw-jabatan").iterdir())
    riw = result.tables["riwayat_jabatan"]
    assert (result.ledger["source"] == "rw-jabatan").sum() == n_rows          # every row in the ledger once
    if shapes.acting_titles:
        assert len(acting) == shapes.planted["rw-jabatan.acting"] > 10
        note = result.mapping.loc[result.mapping["target"] == "riwayat_jabatan (D only)", "note"].iloc[0]
        assert "dari judul jabatan" in note and "dari jenisMutasiId" in note
        examples = result.mapping.loc[result.mapping["rule"].str.contains("only in the title"), "note"].iloc[0]
        assert any(p in examples for p in ("PLT.", "Plh.", "Pj.", "Pjs.", "Tugas Tambahan", "plt "))
    events = set(zip(riw["nip"], pd.to_datetime(riw["tanggal"])))
    days = S.dates(pd.Series([_tmt(src, f, r) for f, r in zip(acting["file"], acting["row"])], dtype="object"))
    assert days.notna().all() and not set(zip(acting["nip"], days)) & events


def _tmt(src, file: str, row: int) -> str:
    return json.loads((src / "rw-jabatan" / file).read_text(encoding="utf-8"))["data"][int(row) - 1]["tmtJabatan"]


def test_how_each_opd_was_found_is_counted(shaped):
    name, _shapes, _src, result = shaped
    note = result.mapping.loc[result.mapping["field"] == "unorId → OPD", "note"].item()
    counts = {k: int(v) for k, v in zip(["unit", "induk", "tanpa", "nama", "kepala"],
                                         [s.rsplit(" ", 1)[1] for s in note.split(", ")])}
    assert sum(counts.values()) == len(result.tables["pegawai"])
    if "no_ref_unor" in name or name == "all":
        assert counts["unit"] == 0 and counts["kepala"] > 0 and counts["nama"] > 0
    else:
        assert counts["unit"] == len(result.tables["pegawai"])
    assert any("OPD" in line for line in result.summary())


def test_contract_form_of_the_conversion_counts_the_same_promotions(shaped, truth, tmp_path):
    """Loaded back, the converted tables give the contract form's promotions (III.b → III.a included) and ledger
    every JF jenjang rise as neither a promotion nor a rotation."""
    _name, _shapes, _src, result = shaped
    extract = load_extract(result.write(tmp_path / "converted"))
    assert extract.report.ok
    riw = extract.tables["riwayat_jabatan"]
    in_q = riw[(riw["tanggal"] >= PERIOD.start) & (riw["tanggal"] <= PERIOD.end)]
    want = in_quarter(truth["riwayat_jabatan"], "promosi")
    assert promotion_mask(in_q).sum() == len(want)
    ab = want[(want["eselon_lama"] == "III.b") & (want["eselon_baru"] == "III.a")]
    assert len(ab) >= 3 and set(ab["nip"]) <= set(in_q.loc[promotion_mask(in_q), "nip"])
    frame = analysis_frame(extract, "2026Q1")
    ledger = for_extract(extract, frame, "2026Q1")
    jenjang = ledger[ledger["jenis"] == "kenaikan_jenjang"]
    assert jenjang["n_peristiwa"].sum() == len(in_quarter(truth["riwayat_jabatan"], "kenaikan_jenjang"))
    assert set(jenjang["alasan"]) == {"kenaikan_jenjang_jf"}
    moved = ledger[ledger["jenis"].isin(["rotasi", "mutasi"])]
    rises = set(in_quarter(truth["riwayat_jabatan"], "kenaikan_jenjang")["nip"])
    assert not rises & set(in_q.loc[in_q["jenis_mutasi"].isin(["rotasi", "mutasi"]), "nip"])
    assert moved["n_peristiwa"].sum() == in_q["jenis_mutasi"].isin(["rotasi", "mutasi"]).sum()
