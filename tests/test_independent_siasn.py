"""Black-box test of the SIASN reader on an independently made SIASN folder (tests/independent_siasn.py, issue 16).

Only the command line is used (`merit siasn SRC --out DIR`, `merit report --data SRC …`) and only the files it
writes are read (pegawai.csv, riwayat_jabatan.csv, kinerja.csv, siasn_ledger.csv; tables/compliance.csv,
tables/promotions_ledger.csv). The truth comes from the generator's planted careers, not from merit_lib.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from independent_siasn import Q_END, Q_START, make  # noqa: E402

MERIT = Path(sys.executable).parent / "merit"
PERIOD = "2026Q1"
# planted moves in the quarter that are promotions / that are not (tests/independent_siasn.py, Truth.traps)
PROMOTION_TRAPS = ("cross_opd", "acting_before_2025", "acting_then_definitive_q1", "promoted_then_acting_q1",
                   "rotation_then_promotion")
NOT_PROMOTION_TRAPS = ("rotasi", "mutasi", "tmt_2025_pelantikan_2026", "pelaksana_to_fungsional", "acting_past_only",
                       "acting_q1", "acting_then_rotation", "tugas_tambahan_q1", "demosi_to_fungsional")


def merit(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the `merit` command of this venv."""
    return subprocess.run([str(MERIT), *args], capture_output=True, text=True, timeout=timeout)


def converted(res: subprocess.CompletedProcess, out: Path) -> None:
    """`merit siasn` ended as documented (0 clean, 1 rows left out with a reason) and wrote pegawai.csv."""
    assert res.returncode in (0, 1), f"exit {res.returncode}: {res.stdout[-500:]} {res.stderr[-1500:]}"
    assert "Traceback" not in res.stderr
    assert (out / "pegawai.csv").is_file()


def export_nips(truth) -> list[str]:
    """The NIP of each data row of the export file, in file order (read from our own file)."""
    with truth.export_file.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return [r[1].lstrip("'") for r in rows[1:]]


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def siasn(tmp_path_factory):
    """The main folder (1,500 ASN, 8 OPDs, seed 16) converted by `merit siasn`.

    ref-unor's top unit carries its own Id as IndukUnorId here: with IndukUnorId null the conversion crashes
    (see test_tree_top_unit_without_induk), which would hide every other check.
    """
    base = tmp_path_factory.mktemp("indep_siasn")
    truth = make(base / "src", seed=16, root_induk="self")
    out = base / "tables"
    res = merit("siasn", str(truth.folder), "--out", str(out))
    converted(res, out)
    return truth, out


@pytest.fixture(scope="module")
def pegawai(siasn):
    return read(siasn[1] / "pegawai.csv")


@pytest.fixture(scope="module")
def q1_promosi(siasn):
    """The promosi events of riwayat_jabatan.csv dated inside 2026Q1."""
    r = read(siasn[1] / "riwayat_jabatan.csv")
    d = pd.to_datetime(r["tanggal"], errors="coerce").dt.date
    return r[(r["jenis_mutasi"] == "promosi") & (d >= Q_START) & (d <= Q_END)]


def lower(s: pd.Series) -> pd.Series:
    return s.str.strip().str.lower()


# ---------------------------------------------------------------- the unit tree
def test_tree_top_unit_without_induk(tmp_path):
    """The top unit (the province) has IndukUnorId null, as the web service answers: read, never a crash."""
    truth = make(tmp_path / "src", seed=3, n=500)  # root_induk="null": as the web service would answer
    res = merit("siasn", str(truth.folder), "--out", str(tmp_path / "out"))
    converted(res, tmp_path / "out")
    assert len(read(tmp_path / "out" / "pegawai.csv")) == truth.n - len(truth.unresolvable)


# ---------------------------------------------------------------- every person is read
def test_every_person_kept_or_left_out_with_a_reason(siasn, pegawai):
    truth, out = siasn
    kept = set(pegawai["nip"])
    assert pegawai["nip"].is_unique
    assert kept <= set(truth.persons["nip"]), "pegawai.csv holds NIPs that are not in the export"
    ledger = read(out / "siasn_ledger.csv")
    ex = ledger[ledger["source"] == "ekspor"]
    nips = export_nips(truth)
    left = ex[ex["status"] != "used"]
    left_nips = {nips[int(row) - 2] for row in left["row"]}  # the header is row 1
    assert (left["reason"].str.strip() != "").all(), "a person left out without a named reason"
    assert kept.isdisjoint(left_nips)
    assert len(kept) + len(left_nips) == truth.n == len(nips)
    # only the person whose unit is in no tree and who has no data-utama/history may be left out
    assert left_nips <= truth.unresolvable
    assert set(left.loc[left["row"].astype(int).map(lambda r: nips[r - 2]).isin(truth.unresolvable),
                        "reason"]) <= {"unit_not_in_tree"}


def test_persons_per_opd(siasn, pegawai):
    truth, _ = siasn
    got = lower(pegawai["opd_kode"]).value_counts().to_dict()
    want = {k: v for k, v in truth.persons_per_opd.items() if v}
    assert {k: got.get(k, 0) for k in want} == want
    # the two persons whose unit is missing from ref-unor are placed through data-utama's unorIndukId
    placed = pegawai.set_index("nip").loc[sorted(truth.traps["unit_not_in_tree"]), "opd_kode"].str.lower()
    expect = truth.persons.set_index("nip").loc[placed.index, "opd_id"]
    assert (placed == expect).all()
    names = pegawai.assign(k=lower(pegawai["opd_kode"])).drop_duplicates("k").set_index("k")["opd_nama"]
    assert names.reindex(truth.opd["opd_id"]).tolist() == truth.opd["opd_nama"].tolist()


@pytest.mark.parametrize("column", ["jenis_kelamin", "status_kepegawaian", "golongan", "pendidikan",
                                    "jenis_jabatan", "eselon", "tanggal_lahir"])
def test_person_fields(siasn, pegawai, column):
    """M/F -> L/P, status (CPNS counted as PNS, kedudukan 71 = PPPK), ids -> names, level from jenis + eselon."""
    truth, _ = siasn
    t = truth.persons.set_index("nip")
    p = pegawai.set_index("nip")
    want = {"status_kepegawaian": t["status"].replace({"CPNS": "PNS"}),
            "tanggal_lahir": t["tanggal_lahir"].astype(str)}.get(column, t.get(column))
    want = want.reindex(p.index).fillna("").astype(str)
    bad = p[column] != want
    assert not bad.any(), pd.DataFrame({"got": p.loc[bad, column], "want": want[bad]}).head(10).to_string()


# ---------------------------------------------------------------- promotions and acting assignments
def test_quarter_promotions_exact(siasn, q1_promosi):
    truth, _ = siasn
    got = set(zip(q1_promosi["nip"], q1_promosi["tanggal"]))
    want = set(zip(truth.promotions["nip"], truth.promotions["tanggal"].astype(str)))
    assert got == want, f"extra {sorted(got - want)[:5]}, missing {sorted(want - got)[:5]}"


def test_quarter_promotions_per_opd(siasn, q1_promosi):
    truth, _ = siasn
    got = lower(q1_promosi["opd_kode_baru"]).value_counts().to_dict()
    assert {k: got.get(k, 0) for k in truth.promotions_per_opd} == truth.promotions_per_opd
    assert set(got) <= set(truth.promotions_per_opd)
    assert truth.promotions_per_opd[truth.opd["opd_id"][6]] == 0  # an OPD without promotion stays at 0


def test_acting_assignments_are_never_promotions(siasn, q1_promosi):
    truth, out = siasn
    r = read(out / "riwayat_jabatan.csv")
    acting = truth.acting.assign(tanggal=truth.acting["tanggal"].astype(str))
    events = set(zip(r["nip"], r["tanggal"]))
    hits = [(n, d, k) for n, d, k in zip(acting["nip"], acting["tanggal"], acting["penugasan"]) if (n, d) in events]
    assert not hits, f"acting rows turned into events: {hits[:5]}"
    only_acting = truth.traps["acting_q1"] | truth.traps["tugas_tambahan_q1"] | truth.traps["acting_past_only"]
    assert only_acting.isdisjoint(set(q1_promosi["nip"]))
    # the current position is the definitive one, not the acting post
    p = read(out / "pegawai.csv").set_index("nip")
    t = truth.persons.set_index("nip")
    nips = sorted(only_acting)
    assert (p.loc[nips, "jenis_jabatan"] == t.loc[nips, "jenis_jabatan"]).all()


@pytest.mark.parametrize("trap", PROMOTION_TRAPS + NOT_PROMOTION_TRAPS)
def test_planted_moves(siasn, q1_promosi, trap):
    """Each planted case: promoted in 2026Q1 exactly when the truth says so."""
    truth, _ = siasn
    nips = truth.traps[trap]
    promoted = set(q1_promosi["nip"]) & nips
    want = nips & set(truth.promotions["nip"])
    assert promoted == want, f"{trap}: promoted {sorted(promoted)}, truth {sorted(want)}"
    if trap in PROMOTION_TRAPS:
        assert want  # the case really is a promotion (a check on the generator)
        assert (q1_promosi[q1_promosi["nip"].isin(nips)].groupby("nip").size() == 1).all()


def test_kinerja_predikat(siasn):
    """rw-skp22 kuadran (code + BKN's upper-case names, some title case) and rw-skp numbers -> predikat."""
    truth, out = siasn
    k = read(out / "kinerja.csv")
    got = dict(zip(zip(k["nip"], k["tahun"].astype(int)), k["predikat"]))
    want = truth.kinerja[~truth.kinerja["nip"].isin(truth.unresolvable)]
    want = dict(zip(zip(want["nip"], want["tahun"]), want["predikat"]))
    assert set(got) == set(want)
    bad = {key: (got[key], v) for key, v in want.items() if got[key] != v}
    assert not bad, list(bad.items())[:5]


# ---------------------------------------------------------------- another vintage: XLSX with a title row
def test_xlsx_export_with_title_row(tmp_path):
    truth = make(tmp_path / "src", seed=4, n=500, fmt="xlsx", title_row=True, root_induk="self")
    res = merit("siasn", str(truth.folder), "--out", str(tmp_path / "out"))
    converted(res, tmp_path / "out")
    p = read(tmp_path / "out" / "pegawai.csv")
    assert set(p["nip"]) == set(truth.persons["nip"]) - truth.unresolvable
    got = lower(p["opd_kode"]).value_counts().to_dict()
    assert {k: got.get(k, 0) for k in truth.persons_per_opd} == truth.persons_per_opd


# ---------------------------------------------------------------- the quarterly report on the SIASN folder
@pytest.fixture(scope="module")
def report(siasn, tmp_path_factory):
    truth, _ = siasn
    out = tmp_path_factory.mktemp("indep_siasn_report") / PERIOD
    # every table covers every OPD; one OPD's page is enough here (the pages are tests/test_siasn_report.py's)
    res = merit("report", "--data", str(truth.folder), "--period", PERIOD, "--out", str(out), "--workers", "1",
                "--opd", str(truth.opd["opd_id"].iloc[0]).upper(), timeout=300)
    assert res.returncode in (0, 1), f"exit {res.returncode}: {res.stdout[-500:]} {res.stderr[-1500:]}"
    return truth, out


@pytest.mark.slow      # a whole run on a SIASN folder, as those of tests/test_siasn_report.py (make test-slow, CI)
def test_report_counts_per_opd(report):
    """compliance.csv and promotions_ledger.csv count, per OPD, the persons and promotions of the quarter.

    The report attributes both to the OPD a person sat in when the quarter started (the population at risk;
    a promotion into another OPD counts for the OPD of origin), so the truth is counted the same way here;
    riwayat_jabatan.csv is checked by the OPD of the new post in test_quarter_promotions_per_opd.
    """
    truth, out = report
    start = truth.opd.set_index("opd_id")
    comp = read(out / "tables" / "compliance.csv").assign(k=lambda d: lower(d["opd_kode"])).set_index("k")
    assert set(comp.index) == set(start.index)
    assert comp.loc[start.index, "n_pegawai"].astype(int).to_dict() == start["n_pegawai_start"].to_dict()
    assert comp.loc[start.index, "n_promosi_triwulan"].astype(int).to_dict() == start["n_promosi_start"].to_dict()
    assert start["n_promosi_start"].sum() == len(truth.promotions)
    led = read(out / "tables" / "promotions_ledger.csv")
    led = led[(led["jenis"] == "promosi") & (led["alasan"] == "dihitung") & (led["triwulan"] == "2026Q1")]
    counted = led.assign(k=lower(led["opd_kode"])).groupby("k")["n_peristiwa"].apply(
        lambda s: int(pd.to_numeric(s).sum())).to_dict()
    assert {k: counted.get(k, 0) for k in start.index} == start["n_promosi_start"].to_dict()
