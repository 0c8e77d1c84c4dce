"""Notebook parameters checked up front: case-insensitive OPD codes, lists from strings, languages, folders."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from merit_lib.domain.errors import ParameterError
from merit_lib.report.parameters import NOTEBOOKS, check_parameters, notebook_line, notebook_parameters
from merit_lib.synth import synthesize

NAMES = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """A period's tables/ folder as the quarterly run leaves it (only compliance.csv is read)."""
    d = tmp_path_factory.mktemp("tables")
    pd.DataFrame({"opd_kode": ["DINKES", "DINDIKBUD", "BKD", "RSUD_MLP"],
                  "opd_nama": ["Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan", "BKD", "RSUD Malingping"]}
                 ).to_csv(d / "compliance.csv", index=False)
    return d


@pytest.fixture(scope="module")
def extract(tmp_path_factory):
    s = synthesize(n=150, seed=3)
    return s.write(tmp_path_factory.mktemp("extract")), sorted(s.tables["pegawai"]["opd_kode"].unique())


def _one_line(exc: pytest.ExceptionInfo) -> tuple[str, str]:
    ind, en = exc.value.message("id"), exc.value.message("en")
    assert "\n" not in ind and "\n" not in en and ind != en
    return ind, en


@pytest.mark.parametrize("name", NAMES)
def test_every_notebook_declares_its_parameters_and_its_defaults_pass(name):
    declared = notebook_parameters(name)
    assert "lang" in declared and declared["lang"] == "id"
    given = {k: None if k in ("opd_kode", "opd") else v for k, v in declared.items()}   # no data needed for a code
    checked = check_parameters(name, given)
    assert set(checked) == set(declared)
    assert checked["lang"] == "id" and checked.get("period") == declared.get("period")


def test_the_shortlist_and_pelantikan_parameters(extract):
    data, codes = extract
    got = check_parameters("13_kandidat", {"data_path": str(data), "opd": codes[1].lower(), "level": "administrator",
                                           "n": "5"})
    assert (got["opd"], got["level"], got["n"]) == (codes[1], "Administrator", 5)
    with pytest.raises(ParameterError, match="parameter level: .*maksud Anda 'Pengawas'"):
        check_parameters("13_kandidat", {"data_path": str(data), "level": "pengawass"})
    with pytest.raises(ParameterError, match="parameter n:"):
        check_parameters("13_kandidat", {"data_path": str(data), "n": 0})
    with pytest.raises(ParameterError, match="parameter opd: "):
        check_parameters("13_kandidat", {"data_path": str(data), "opd": "NOPE"})
    assert check_parameters("12_pelantikan", {"date": "26/01/2026"})["date"] == "2026-01-26"
    with pytest.raises(ParameterError, match="parameter date:"):
        check_parameters("12_pelantikan", {"date": "2026-02-30"})


def test_opd_code_in_any_case_becomes_the_datas_own(tables):
    assert check_parameters("10_opd_report", {"tables_dir": str(tables), "opd_kode": "dinkes"})["opd_kode"] == "DINKES"
    assert check_parameters("10_opd_report.ipynb", {"tables_dir": str(tables), "opd_kode": " Rsud_mlp "})["opd_kode"] \
        == "RSUD_MLP"
    with pytest.raises(ParameterError) as exc:
        check_parameters("10_opd_report", {"tables_dir": str(tables), "opd_kode": "dinkess"})
    ind, en = _one_line(exc)
    assert "opd_kode" in ind and "maksud Anda 'DINKES'?" in ind and "did you mean 'DINKES'?" in en
    with pytest.raises(ParameterError, match="opd_kode.*'ZZZ' tidak ada di data") as exc:
        check_parameters("10_opd_report", {"tables_dir": str(tables), "opd_kode": "ZZZ"})
    assert "maksud" not in str(exc.value) and "DINDIKBUD" in str(exc.value)


def test_opd_code_is_checked_against_the_extract_when_there_are_no_tables(extract):
    data, codes = extract
    code = codes[0]
    assert check_parameters("10_opd_report", {"data_path": str(data), "opd_kode": code.lower()})["opd_kode"] == code
    with pytest.raises(ParameterError, match="opd_kode"):
        check_parameters("10_opd_report", {"data_path": str(data), "opd_kode": "NOPE"})


@pytest.mark.parametrize("given, expected", [
    ("jenis_kelamin", ["jenis_kelamin"]), ("jenis_kelamin, agama", ["jenis_kelamin", "agama"]),
    (["jenis_kelamin"], ["jenis_kelamin"]), (("agama", "status_kepegawaian"), ["agama", "status_kepegawaian"]),
    (["jenis_kelamin,agama"], ["jenis_kelamin", "agama"]), (None, None)])
def test_a_string_where_a_list_is_expected(given, expected):
    assert check_parameters("03_fairness_audit", {"attributes": given})["attributes"] == expected


@pytest.mark.parametrize("given", [5, ["a", 3], " , ", []])
def test_a_list_that_is_not_one_names_the_parameter(given):
    with pytest.raises(ParameterError) as exc:
        check_parameters("03_fairness_audit", {"attributes": given})
    assert _one_line(exc)[0].startswith("parameter attributes:")


def test_controls_of_the_readiness_notebook_are_a_list_too():
    assert check_parameters("02_readiness_model", {"controls": "golongan_ordinal,masa_kerja"})["controls"] == \
        ["golongan_ordinal", "masa_kerja"]


def test_language_any_case_and_unknown_with_a_suggestion():
    assert check_parameters("11_province", {"lang": "EN"})["lang"] == "en"
    with pytest.raises(ParameterError) as exc:
        check_parameters("11_province", {"lang": "fr"})
    ind, en = _one_line(exc)
    assert ind.startswith("parameter lang:") and "'fr'" in ind and "id, en" in en
    with pytest.raises(ParameterError) as exc:
        check_parameters("01_data_quality", {"lang": "ind"})
    assert "maksud Anda 'id'" in _one_line(exc)[0]


def test_period_and_input_paths(tmp_path, tables):
    assert check_parameters("01_data_quality", {"period": "2026q2"})["period"] == "2026Q2"
    with pytest.raises(ParameterError, match="parameter period:"):
        check_parameters("01_data_quality", {"period": "2026Q5"})
    with pytest.raises(ParameterError, match="parameter data_path: .*tidak ada"):
        check_parameters("01_data_quality", {"data_path": str(tmp_path / "nope")})
    with pytest.raises(ParameterError, match="parameter tables_dir: .*compliance.csv"):
        check_parameters("11_province", {"tables_dir": str(tmp_path)})
    with pytest.raises(ParameterError, match="parameter results_dir: .*findings.csv"):
        check_parameters("03_fairness_audit", {"results_dir": str(tables)})
    with pytest.raises(ParameterError, match="parameter roles_path: .*bukan berkas"):
        check_parameters("90_external_validation", {"roles_path": str(tmp_path)})


def test_the_output_folder_is_created(tmp_path):
    target = tmp_path / "a" / "b"
    assert check_parameters("90_external_validation", {"out_dir": str(target)})["out_dir"] == str(target)
    assert target.is_dir()
    assert check_parameters("90_external_validation", {"out_dir": str(target)})["out_dir"] == str(target)  # again
    (tmp_path / "file").write_text("x")
    with pytest.raises(ParameterError, match="parameter out_dir: .*berkas, bukan folder"):
        check_parameters("90_external_validation", {"out_dir": str(tmp_path / "file")})


def test_unknown_parameter_and_notebook_with_suggestions():
    with pytest.raises(ParameterError) as exc:
        check_parameters("10_opd_report", {"opd_code": "DINKES"})
    ind, en = _one_line(exc)
    assert ind.startswith("parameter opd_code:") and "maksud Anda 'opd_kode'?" in ind
    with pytest.raises(ParameterError, match="maksud Anda '10_opd_report'"):
        check_parameters("10_opd_reprot", {})
    # a notebook's globals: other names are ignored
    assert check_parameters("01_data_quality", {"lang": "en", "In": [], "pd": pd}, strict=False)["lang"] == "en"


def test_the_notebook_line_after_the_parameters_cell(tables):
    """What papermill does: the parameters cell, the injected values, then the one line; normalised in place."""
    cell = next(c for c in json.loads((NOTEBOOKS / "10_opd_report.ipynb").read_text())["cells"]
                if "parameters" in c["metadata"].get("tags", []))
    ns: dict = {"leftover_from_an_earlier_notebook": 1}
    exec("".join(cell["source"]), ns)
    exec(f"tables_dir = {str(tables)!r}\nopd_kode = 'dinkes'\nlang = 'EN'", ns)
    exec(notebook_line("10_opd_report"), ns)
    assert ns["opd_kode"] == "DINKES" and ns["lang"] == "en" and ns["leftover_from_an_earlier_notebook"] == 1
    exec("opd_kode = 'dinkess'", ns)
    with pytest.raises(ParameterError, match="opd_kode"):
        exec(notebook_line("10_opd_report"), ns)
