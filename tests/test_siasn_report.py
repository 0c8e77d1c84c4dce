"""SIASN as it comes, in the quarterly run: `merit report --data <SIASN folder>` equals the report on the contract form
of the same synthetic extract, records the SIASN input in its meta and manifest and on its pages, publishes counts only
(no NIP, no unmapped raw value); `validate`, `audit` and `model` read the folder too; a broken folder is one line."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from merit_lib.cli import main
from merit_lib.data.siasn import convert
from merit_lib.domain.period import Period
from merit_lib.report import privacy
from merit_lib.synth import synthesize, to_siasn

PERIOD = "2026Q1"
OPDS = ("DINKES", "BAPENDA")          # two OPD pages are enough; compliance and findings cover every OPD
EXPORT = "Data_ASN_Pemprov_Banten.csv"
NAME_COLUMNS = ("opd_nama", "scope_label")   # SIASN's NamaUnor is upper case: names compare ignoring case


def _plant_names(src: Path, k: int = 2) -> list[str]:
    """Write the person's own name as the education of `k` export rows whose person has a data-utama file (which
    holds the right education): an unmapped raw value that holds a name, the thing that must never be published."""
    path = src / EXPORT
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    nip, nama = header.index("nip_baru"), header.index("nama")
    edu_id, edu_name = header.index("tingkat_pendidikan_id"), header.index("tingkat_pendidikan_nama")
    planted = []
    for row in rows[1:]:
        if len(planted) == k:
            break
        if (src / "data-utama" / f"{row[nip].lstrip(chr(39))}.json").is_file():
            row[edu_id], row[edu_name] = "null", row[nama]
            planted.append(row[nama])
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return planted


def _report(data: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "merit_lib.cli", "report", "--data", str(data), "--period", PERIOD,
                           "--out", str(out), "--workers", "1", "--opd", *OPDS], capture_output=True, text=True,
                          timeout=900)


#: the SIASN form's whole report run by the command (the contract form's is the shared small report): the slow tier
#: (`make test-slow`, CI); the SIASN folder read by validate, audit and model stays in `make test`
WHOLE_RUN = pytest.mark.slow


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    """The same synthetic extract in the contract form and in the SIASN form (with two names planted as values)."""
    s = synthesize(n=400, seed=7)
    base = tmp_path_factory.mktemp("siasn_forms")
    contract = s.write(base / "contract")
    siasn = to_siasn(s.tables, base / "siasn", seed=7)
    return s, contract, siasn, _plant_names(siasn)


@pytest.fixture(scope="module")
def reports(forms, small_report, tmp_path_factory):
    """One report run per form: {form: (period folder, stdout)}. The contract form's is conftest's shared small report
    (the same extract, n=400 seed 7, its pages include OPDS); the SIASN form's is run here by the command."""
    _s, contract, siasn, _planted = forms
    assert set(OPDS) <= set(small_report["codes"])
    pd.testing.assert_frame_equal(pd.read_csv(small_report["data"] / "pegawai.csv", dtype=str),
                                  pd.read_csv(contract / "pegawai.csv", dtype=str))       # the same extract
    base = tmp_path_factory.mktemp("siasn_reports")
    out = base / "siasn" / PERIOD
    run = _report(siasn, out)
    assert run.returncode == 0, run.stderr[-3000:]
    return {"contract": (small_report["out"], small_report["stdout"]), "siasn": (out, run.stdout)}


def _same_values(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]) -> None:
    a, b = a.copy(), b.copy()
    for c in NAME_COLUMNS:
        if c in a:
            a[c], b[c] = a[c].str.upper(), b[c].str.upper()
    a = a.sort_values(keys, kind="stable").reset_index(drop=True)
    b = b.sort_values(keys, kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


def _texts(out: Path) -> dict[Path, str]:
    texts = {}
    for p in sorted(out.rglob("*")):
        if p.suffix == ".xlsx":
            with zipfile.ZipFile(p) as z:
                texts[p] = "\n".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist() if n.endswith(".xml"))
        elif p.is_file() and p.suffix in (".csv", ".html", ".ipynb", ".json", ".txt", ".md"):
            texts[p] = p.read_text(encoding="utf-8", errors="ignore")
    return texts


# --------------------------------------------------------------------------- merit report

def _cross_opd_rotasi(riw: pd.DataFrame) -> pd.Series:
    """Moves of the period into a structural post of another OPD that the synthetic contract form labels `rotasi`
    (JPT heads swapping OPDs), per OPD moved into. SIASN has no such label: the conversion names a same-level move
    into another OPD `mutasi` (siasn_codes.classify_moves); the ledger keeps each form's label."""
    per = Period.parse(PERIOD)
    t = pd.to_datetime(riw["tanggal"])
    m = riw[(t >= per.start) & (t <= per.end) & (riw["jenis_mutasi"] == "rotasi")
            & (riw["opd_kode_lama"].astype("string") != riw["opd_kode_baru"].astype("string")).fillna(False)
            & riw["jenis_jabatan_baru"].isin(["Pengawas", "Administrator", "JPT Pratama"])]
    return m.groupby("opd_kode_baru").size()


@WHOLE_RUN
def test_the_same_compliance_and_findings_as_the_contract_form(forms, reports):
    (c_out, _), (s_out, _) = reports["contract"], reports["siasn"]
    read = {"dtype": {"opd_kode": str, "scope": str}}
    comp_c = pd.read_csv(c_out / "tables" / "compliance.csv", **read)
    comp_s = pd.read_csv(s_out / "tables" / "compliance.csv", **read)
    assert len(comp_c) > 30 and comp_c["n_promosi"].sum() > 20            # a real table, not an empty one
    # n_mutasi counts moves between OPDs by the data, not by the label: the same in both forms although the contract
    # form labels the JPT swaps between OPDs `rotasi` and the SIASN conversion names them `mutasi`
    assert _cross_opd_rotasi(forms[0].tables["riwayat_jabatan"]).sum() > 0
    _same_values(comp_s, comp_c, ["opd_kode"])
    find_c = pd.read_csv(c_out / "tables" / "findings.csv", **read)
    find_s = pd.read_csv(s_out / "tables" / "findings.csv", **read)
    assert len(find_c) > 20 and find_c["n_group"].notna().any()
    _same_values(find_s, find_c, ["scope", "attribute", "group"])
    pd.testing.assert_frame_equal(pd.read_csv(s_out / "tables" / "validation.csv"),
                                  pd.read_csv(c_out / "tables" / "validation.csv"))
    ledger_c = pd.read_csv(c_out / "tables" / "promotions_ledger.csv", **read)
    ledger_s = pd.read_csv(s_out / "tables" / "promotions_ledger.csv", **read)
    assert ledger_c.loc[ledger_c["jenis"] == "promosi", "n_peristiwa"].sum() > 20
    _same_values(ledger_s, _relabel(ledger_c, _cross_opd_rotasi(forms[0].tables["riwayat_jabatan"])),
                 ["jenis", "triwulan", "opd_kode", "alasan"])


def _relabel(ledger: pd.DataFrame, moves: pd.Series) -> pd.DataFrame:
    """The contract form's promotions ledger with its cross-OPD `rotasi` counted as `mutasi` (one person each)."""
    t = ledger.set_index(["jenis", "triwulan", "opd_kode", "alasan"])[["n_peristiwa", "n_orang"]]
    emptied = []
    for opd, k in moves.items():
        for jenis, sign in (("rotasi", -1), ("mutasi", 1)):
            key = (jenis, PERIOD, opd, "dihitung")    # moves are the period's own
            t.loc[key, :] = (t.loc[key].to_numpy() if key in t.index else 0) + sign * k
            if t.loc[key, "n_peristiwa"] == 0:
                emptied.append(key)
    t = t.drop(index=emptied).reset_index()
    return t[ledger.columns].astype(ledger.dtypes.to_dict())


@WHOLE_RUN
def test_the_command_says_the_folder_was_read_as_siasn(forms, reports):
    s = forms[0]
    out, stdout = reports["siasn"]
    n = len(s.tables["pegawai"])
    assert f"Folder dibaca sebagai SIASN: {n} pegawai dipakai, 0 dikeluarkan." in stdout.splitlines()
    assert str(out.parent / f"{PERIOD}.internal" / "siasn") in stdout
    assert "SIASN" not in reports["contract"][1]


@WHOLE_RUN
def test_meta_and_manifest_record_the_siasn_inputs_never_a_nip(forms, reports):
    s, _contract, src, _planted = forms
    out, _ = reports["siasn"]
    meta = json.loads((out / "tables" / "run_meta.json").read_text(encoding="utf-8"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["siasn"] == meta["siasn"]
    facts = meta["siasn"]
    assert (facts["persons_kept"], facts["persons_left_out"], facts["left_out_reasons"]) == (len(s.tables["pegawai"]),
                                                                                             0, {})
    acting = sum(r["jenisPenugasanId"] != "D" for f in (src / "rw-jabatan").iterdir()
                 for r in json.loads(f.read_text(encoding="utf-8"))["data"])
    assert facts["acting_assignments"] == acting > 10
    inputs = facts["inputs"]
    export = src / EXPORT
    assert inputs[EXPORT] == {"bytes": export.stat().st_size, "sha256": hashlib.sha256(export.read_bytes()).hexdigest()}
    n_jabatan = len(list((src / "rw-jabatan").iterdir()))
    assert f"rw-jabatan/ ({n_jabatan} files)" in inputs and "ref-unor.json" in inputs
    assert all(v["file"].startswith("siasn/") for v in meta["inputs"].values())   # converted tables, no folder
    assert "siasn" not in json.loads((reports["contract"][0] / "manifest.json").read_text(encoding="utf-8"))
    for text in _texts(out).values():
        assert ".internal" not in text


@WHOLE_RUN
def test_the_pages_say_the_data_came_from_siasn(forms, reports):
    n = len(forms[0].tables["pegawai"])
    out, _ = reports["siasn"]
    for code in OPDS:
        page = (out / "opd" / f"{code}.html").read_text(encoding="utf-8")
        assert f"Data provinsi dibaca dari SIASN: {n} pegawai, 0 dikeluarkan;" in page, code
        assert "tables/siasn_mapping.csv" in page
    assert "SIASN" not in (reports["contract"][0] / "opd" / f"{OPDS[0]}.html").read_text(encoding="utf-8")


@WHOLE_RUN
def test_the_mapping_is_published_as_counts_and_the_ledger_stays_internal(forms, reports):
    _s, _contract, src, planted = forms
    out, _ = reports["siasn"]
    internal = out.parent / f"{PERIOD}.internal" / "siasn"
    published = pd.read_csv(out / "tables" / "siasn_mapping.csv", dtype={"item": str})
    full = pd.read_csv(internal / "siasn_mapping.csv")
    assert list(published.columns) == list(privacy.SIASN_MAPPING)
    assert (internal / "siasn_ledger.csv").is_file() and (internal / "pegawai.csv").is_file()
    assert not list(out.rglob("siasn_ledger.csv"))
    # the planted names are unmapped values of the export's education, in the internal report only
    edu = full[(full["source"] == "ekspor") & full["target"].eq("pegawai.pendidikan")].iloc[0]
    assert all(name in edu["unmapped_values"] for name in planted)
    pub_edu = published[(published["kind"] == "field") & (published["source"] == "ekspor")
                        & published["target"].eq("pegawai.pendidikan")].iloc[0]
    assert pub_edu["unmapped"] == edu["unmapped"] >= len(planted)
    # the ledger's reasons, counted: acting assignments as many as the non-definitive rows of rw-jabatan
    reasons = published[published["kind"] == "reason"].set_index(["source", "status", "item"])["rows"]
    acting = sum(r["jenisPenugasanId"] != "D" for f in (src / "rw-jabatan").iterdir()
                 for r in json.loads(f.read_text(encoding="utf-8"))["data"])
    assert reasons[("rw-jabatan", "left_out", "acting_assignment")] == acting
    n_golongan = sum(len(json.loads(f.read_text(encoding="utf-8"))["data"]) for f in (src / "rw-golongan").iterdir())
    assert reasons[("rw-golongan", "left_out", "rank_history")] == n_golongan


@WHOLE_RUN
def test_the_published_folder_holds_no_nip_and_no_unmapped_raw_value(forms, reports):
    s, _contract, _src, planted = forms
    out, _ = reports["siasn"]
    full = pd.read_csv(out.parent / f"{PERIOD}.internal" / "siasn" / "siasn_mapping.csv")
    unmapped = full.loc[full["target"].eq("pegawai.pendidikan") & (full["source"] == "ekspor"), "unmapped_values"].iloc[0]
    assert "99 (" in unmapped                        # the `value (count)` list of what could not be mapped
    names = re.compile("|".join(re.escape(n) for n in sorted(set(s.tables["pegawai"]["nama"].dropna()) | set(planted),
                                                            key=len, reverse=True)))
    texts = _texts(out)
    assert out / "tables" / "siasn_mapping.csv" in texts and len(texts) > 15
    for path, text in texts.items():
        assert not re.search(r"(?<![\d.])\d{18}(?!\d)", text), path          # an 18-digit NIP
        found = names.search(text)
        assert not found, f"{path}: {found.group(0) if found else ''}"
        assert unmapped not in text, path


# --------------------------------------------------------------------------- validate, audit, model

@pytest.fixture
def own_tmp(tmp_path, monkeypatch):
    """The temporary folder the commands convert into, watched: it must be empty afterwards."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def test_validate_audit_and_model_read_the_siasn_folder(forms, tmp_path, own_tmp, capsys):
    s, contract, src, _planted = forms
    assert main(["validate", str(src)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"Folder dibaca sebagai SIASN: {len(s.tables['pegawai'])} pegawai dipakai, 0 dikeluarkan.")
    assert "Penugasan sementara/tambahan (PLT, PLH, PJ, TT)" in said          # the conversion's data-quality lines
    for form, data in (("contract", contract), ("siasn", src)):
        assert main(["audit", "--data", str(data), "--period", PERIOD, "--out", str(tmp_path / f"audit_{form}")]) == 0
    said = capsys.readouterr().out
    assert said.count("Folder dibaca sebagai SIASN") == 1
    _same_values(pd.read_csv(tmp_path / "audit_siasn" / "findings.csv", dtype={"scope": str}),
                 pd.read_csv(tmp_path / "audit_contract" / "findings.csv", dtype={"scope": str}),
                 ["scope", "attribute", "group"])
    for form, data in (("contract", contract), ("siasn", src)):
        assert main(["model", "--data", str(data), "--period", PERIOD, "--out", str(tmp_path / f"model_{form}")]) == 0
    coef = {form: pd.read_csv(tmp_path / f"model_{form}" / "model_coefficients.csv") for form in ("contract", "siasn")}
    assert len(coef["siasn"]) > 3
    pd.testing.assert_frame_equal(coef["siasn"], coef["contract"])
    assert not list(own_tmp.iterdir())                                    # the converted copy is gone


def _one_line_error(capsys, argv: list[str], *expected: str) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"merit {argv[0]}: "), err
    assert "Traceback" not in err and all(e in err for e in expected), err
    return err


def test_a_broken_siasn_folder_is_a_one_line_user_error(forms, tmp_path, own_tmp, capsys):
    src = forms[2]
    broken = shutil.copytree(src, tmp_path / "broken")
    (broken / "ref-unor.json").write_text((src / "ref-unor.json").read_text(encoding="utf-8")[:300], encoding="utf-8")
    out = tmp_path / "reports" / PERIOD
    _one_line_error(capsys, ["report", "--data", str(broken), "--period", PERIOD, "--out", str(out)], "ref-unor.json")
    assert not out.exists() and not (tmp_path / "reports" / f"{PERIOD}.internal").exists()
    _one_line_error(capsys, ["audit", "--data", str(broken), "--period", PERIOD, "--out", str(tmp_path / "a")],
                    "ref-unor.json")
    shutil.copy(src / "ref-unor.json", broken / "ref-unor.json")
    (broken / "profiling.csv").write_bytes(b"\x00\x01 not a table\n")
    _one_line_error(capsys, ["validate", str(broken)], "profiling.csv", "nip")
    (broken / "profiling.csv").unlink()
    _one_line_error(capsys, ["model", "--data", str(broken), "--period", PERIOD, "--out", str(tmp_path / "m")],
                    "profiling")
    assert not list(own_tmp.iterdir())


def test_the_synth_command_writes_the_siasn_form(tmp_path, capsys):
    out = tmp_path / "siasn"
    assert main(["synth", "--n", "60", "--seed", "2", "--format", "siasn", "--out", str(out)]) == 0
    assert {"ref-unor.json", "data-utama", "rw-jabatan", "rw-skp22", EXPORT} <= {p.name for p in out.iterdir()}
    assert not (out / "pegawai.csv").exists()
    result = convert(out)
    assert len(result.tables["pegawai"]) == len(synthesize(n=60, seed=2).tables["pegawai"])
