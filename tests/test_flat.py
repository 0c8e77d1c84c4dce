"""A flat promotion table through a roles file: the loader on small tables, and on a real public data set
(../shared/external/hr_promotion) our figures against ones computed here with plain pandas and statsmodels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from merit_lib.data.extract import LoadError
from merit_lib.data.flat import SCOPE_ALL, load_flat

REPO = Path(__file__).resolve().parents[1]
HR_CSV = REPO.parent / "shared" / "external" / "hr_promotion" / "train.csv"
HR_ROLES = REPO / "examples" / "hr_promotion" / "roles.yaml"
needs_hr = pytest.mark.skipif(not HR_CSV.is_file(), reason=f"public data set absent: {HR_CSV} (clone ../shared next to the repo)")

SMALL = """id,dept,gender,rating,score,edu,promoted
1,A,m,5,80,S1,1
2,A,f,,70,S2,0
3,A,m,3,60,,0
4,B,f,4,75,S1,1
5,B,m,1,55,S1,0
6,B,x,2,50,S2,0
7,B,f,3,,S1,1
8,A,m,5,90,S2,0
"""

ROLES = """
outcome: {column: promoted, map: {1: true, 0: false}}
competency:
  - {column: score, name: skor, missing: drop}
kinerja:
  - {column: rating, name: peringkat, missing: {fill: 3, indicator: tanpa_rating}}
controls:
  - {column: EDU, name: pendidikan, type: categorical, reference: S1, missing: {level: tidak diketahui}}
scope: dept
protected:
  - {column: gender, name: jenis_kelamin, map: {m: L, f: P}, reference: L, missing: {level: tidak diketahui}}
id: id
"""


def write(tmp: Path, text: str, name: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path):
    return write(tmp_path, SMALL, "small.csv"), write(tmp_path, ROLES, "roles.yaml")


# --------------------------------------------------------------------------- the loader on small tables


def test_small_table_roles_mappings_and_missing_report(small):
    data = load_flat(*small)
    f, r = data.frame, data.roles
    assert data.n_read == 8 and len(f) == 7 and data.n_dropped == 1          # row 7 has no score: dropped, counted
    assert r.outcome == "promoted" and r.competency == ("skor",) and r.kinerja == ("peringkat", "tanpa_rating")
    assert r.scope == "dept" and r.protected == ("jenis_kelamin",) and r.reference == {"jenis_kelamin": "L"}
    assert r.categorical == ("pendidikan",) and r.id == "id"
    assert f["promoted"].dtype == bool and f["promoted"].sum() == 2
    # m/f → L/P; the unmapped 'x' counts as unreadable and follows the missing policy
    assert f["jenis_kelamin"].tolist() == ["L", "P", "L", "P", "L", "tidak diketahui", "L"]
    # the rating gap filled with 3 and flagged
    assert f["peringkat"].tolist() == [5, 3, 3, 4, 1, 2, 5] and f["tanpa_rating"].tolist() == [0, 1, 0, 0, 0, 0, 0]
    # categorical control: the reference first (the model's baseline), the missing level last
    assert list(f["pendidikan"].cat.categories) == ["S1", "S2", "tidak diketahui"]
    rep = data.missing.set_index("key")
    assert rep.loc["competency[0]", ["n_missing", "n_dropped"]].tolist() == [1, 1]
    assert rep.loc["kinerja[0]", "n_missing"] == 1 and "tanpa_rating" in rep.loc["kinerja[0]", "treatment"]
    assert rep.loc["protected[0]", ["n_missing", "n_unreadable"]].tolist() == [0, 1]
    assert rep.loc["controls[0]", "n_missing"] == 1
    assert "1 dikeluarkan" in data.summary() and "1 left out" in data.summary("en")
    # the row a merit measure's drop left out still enters the audit's raw comparison, and the summary says so
    assert len(data.model_dropped) == 1 and len(data.audit_frame()) == 8
    assert "1 baris yang dikeluarkan" in data.summary() and "1 rows left out for a missing merit" in data.summary("en")


def test_xlsx_and_parquet_give_the_same_frame(small, tmp_path):
    csv, roles = small
    raw = pd.read_csv(csv, dtype=str, keep_default_na=False)
    raw.to_excel(tmp_path / "small.xlsx", index=False)
    typed = pd.read_csv(csv)                      # numbers as numbers, missing as NaN
    typed.to_parquet(tmp_path / "small.parquet", index=False)
    want = load_flat(csv, roles).frame
    for other in ("small.xlsx", "small.parquet"):
        got = load_flat(tmp_path / other, roles).frame
        pd.testing.assert_frame_equal(got.drop(columns="id"), want.drop(columns="id"), check_dtype=False)


def test_no_scope_means_all_rows(small, tmp_path):
    csv, _ = small
    roles = write(tmp_path, ROLES.replace("scope: dept\n", ""), "noscope.yaml")
    data = load_flat(csv, roles)
    assert not data.scoped and (data.frame[data.roles.scope] == SCOPE_ALL).all()


def test_roles_without_merit_load_as_an_outcome_a_group_and_strata(small, tmp_path):
    """Issue 13 item 5: a roles file with only an outcome, a protected attribute and a scope loads (no merit measure)."""
    csv, _ = small
    roles = write(tmp_path, "outcome: {column: promoted, map: {1: true, 0: false}}\nscope: dept\n"
                  "protected: {column: gender, name: jenis_kelamin, map: {m: L, f: P}, reference: L, missing: drop}\n",
                  "nomerit.yaml")
    data = load_flat(csv, roles)
    assert data.roles.merit == () and data.roles.controls == () and data.scoped
    assert list(data.frame.columns[:3]) == ["promoted", "dept", "jenis_kelamin"]
    assert len(data.frame) == 7 and data.n_dropped == 1                     # the `x` gender is unmapped → dropped
    assert data.frame["promoted"].tolist() == [True, False, False, True, False, True, False]


def test_age_bands_are_derived(tmp_path):
    csv = write(tmp_path, "promoted,score,age\n1,1,25\n0,2,35\n1,3,51\n0,4,44\n", "ages.csv")
    roles = write(tmp_path, "outcome: promoted\ncompetency: score\nprotected:\n  - {column: age, name: kelompok_usia, "
                  "bands: [0, 30, 40, 50, 200], reference: '30–39'}\n", "r.yaml")
    f = load_flat(csv, roles).frame
    assert f["kelompok_usia"].tolist() == ["< 30", "30–39", "≥ 50", "40–49"]


@pytest.mark.parametrize("roles, expect", [
    (ROLES.replace("column: score", "column: skore"), ["competency[0]", "skore", "score"]),        # unknown column, closest named
    (ROLES + "kinerj: rating\n", ["kinerj", "kinerja"]),                                          # unknown role, suggestion
    (ROLES.replace("outcome: {column: promoted, map: {1: true, 0: false}}\n", ""), ["outcome"]),  # required role missing
    ("outcome: [promoted\ncompetency: score\n", ["YAML", "baris"]),                               # bad YAML, with its line
    (ROLES.replace(", missing: drop", ""), ["competency[0].missing", "kosong di 1"]),               # a gap needs a policy
    (ROLES.replace("reference: S1", "reference: S3"), ["controls[0].reference", "S3"]),             # reference not in the data
    (ROLES.replace("missing: drop", "missing: {level: x}"), ["competency[0].missing", "level"]),    # level on a number
    (ROLES.replace("name: skor,", "name: 'skor pelatihan',"), ["competency[0].name"]),             # not an identifier
    ("- just\n- a list\n", ["pemetaan"]),
])
def test_bad_roles_file_names_file_and_key(small, tmp_path, roles, expect):
    csv, _ = small
    path = write(tmp_path, roles, "bad_roles.yaml")
    with pytest.raises(LoadError) as err:
        load_flat(csv, path)
    msg = str(err.value)
    assert "bad_roles.yaml" in msg and all(e in msg for e in expect), msg


def test_missing_files_are_clear_errors(small, tmp_path):
    csv, roles = small
    with pytest.raises(LoadError, match="nope.csv"):
        load_flat(tmp_path / "nope.csv", roles)
    with pytest.raises(LoadError, match="nope.yaml"):
        load_flat(csv, tmp_path / "nope.yaml")


# --------------------------------------------------------------------------- the CLI, without the shared data


@pytest.fixture
def generated(tmp_path):
    """A generated flat table (600 persons, merit-driven promotions, a gap in ratings) and its roles file."""
    rng = np.random.default_rng(6)
    n = 600
    score = rng.normal(60, 10, n).round()
    rating = rng.integers(1, 6, n).astype(float)
    p = 1 / (1 + np.exp(-(-2.2 + 0.08 * (score - 60) + 0.5 * (rating - 3))))
    rating[rng.random(n) < 0.1] = np.nan
    table = pd.DataFrame({"id": range(n), "dept": rng.choice(["A", "B", "C"], n), "gender": rng.choice(["m", "f"], n),
                          "score": score, "rating": rating, "years": rng.integers(1, 20, n), "promoted": (rng.random(n) < p).astype(int)})
    table.to_csv(tmp_path / "flat.csv", index=False)
    roles = ("outcome: {column: promoted, map: {1: true, 0: false}}\ncompetency: score\n"
             "kinerja: {column: rating, missing: {fill: 3, indicator: tanpa_rating}}\ncontrols: years\nscope: dept\n"
             "protected: {column: gender, name: jenis_kelamin, map: {m: L, f: P}, reference: L}\nid: id\n")
    return tmp_path / "flat.csv", write(tmp_path, roles, "roles.yaml")


def test_cli_model_and_audit_on_a_generated_flat_table(generated, tmp_path, capsys):
    from merit_lib.cli import main

    csv, roles = generated
    assert main(["model", "--flat", str(csv), "--roles", str(roles), "--out", str(tmp_path / "m")]) == 0
    assert main(["audit", "--flat", str(csv), "--roles", str(roles), "--out", str(tmp_path / "a")]) == 0
    coef = pd.read_csv(tmp_path / "m" / "model_coefficients.csv")
    assert {"score", "rating", "tanpa_rating"} <= set(coef["term"])
    found = pd.read_csv(tmp_path / "a" / "findings.csv")
    assert found.loc[0, ["scope", "attribute", "group", "reference_group"]].tolist() == ["PROVINSI", "jenis_kelamin", "P", "L"]
    rep = pd.read_csv(tmp_path / "a" / "missing_report.csv", keep_default_na=False).set_index("key")
    assert rep.loc["kinerja[0]", "n_missing"] == (pd.read_csv(csv)["rating"].isna()).sum() > 0
    out = capsys.readouterr().out
    assert "missing_report.csv" in out and "tanpa_rating" in out


def test_cli_audit_of_a_flat_table_without_scope_writes_the_province_rows_once(generated, tmp_path, capsys):
    """No `scope` role: the table has no OPDs, so `merit audit --flat` reports PROVINSI only (scopes=[PROVINSI]), each
    (attribute, group) once and tested once; the same table without merit is audited raw (no merit-adjusted estimate)."""
    from scipy.stats import fisher_exact

    from merit_lib.cli import main

    csv, roles = generated
    table = pd.read_csv(csv)
    unscoped = write(tmp_path, roles.read_text().replace("scope: dept\n", ""), "unscoped.yaml")
    bare = write(tmp_path, "outcome: {column: promoted, map: {1: true, 0: false}}\n"
                 "protected: {column: gender, name: jenis_kelamin, map: {m: L, f: P}, reference: L}\n", "bare.yaml")
    women, men = (table[table["gender"] == g]["promoted"] for g in ("f", "m"))
    p = fisher_exact([[women.sum(), len(women) - women.sum()], [men.sum(), len(men) - men.sum()]]).pvalue
    for name, path in (("u", unscoped), ("b", bare)):
        assert main(["audit", "--flat", str(csv), "--roles", str(path), "--out", str(tmp_path / name)]) == 0
        f = pd.read_csv(tmp_path / name / "findings.csv")
        assert f[["scope", "attribute", "group"]].values.tolist() == [["PROVINSI", "jenis_kelamin", "P"]]
        assert (f.loc[0, "n_group"], f.loc[0, "promoted_group"]) == (len(women), women.sum())
        assert f.loc[0, "p_value"] == pytest.approx(p) and f.loc[0, "p_adjusted"] == pytest.approx(p)   # a family of one
    # no merit: no adjusted estimate; the basis is Mantel–Haenszel over one stratum, i.e. the plain sample odds ratio
    odds = (women.sum() / (len(women) - women.sum())) / (men.sum() / (len(men) - men.sum()))
    assert pd.isna(f.loc[0, "adjusted_odds_ratio"]) and f.loc[0, "verdict_basis"] == "opd"
    assert f.loc[0, "mh_odds_ratio"] == pytest.approx(odds, rel=1e-9)
    assert "ukuran merit" in capsys.readouterr().out


@pytest.mark.parametrize("argv, expect", [
    (["audit", "--out", "{tmp}/x"], "--flat"),                                        # neither --data nor --flat
    (["model", "--flat", "{csv}", "--out", "{tmp}/x"], "--roles"),                    # --flat without --roles
    (["audit", "--flat", "{csv}", "--roles", "{tmp}/bad.yaml", "--out", "{tmp}/x"], "bad.yaml: protected[0]"),
    (["model", "--flat", "{csv}", "--roles", "{tmp}/nokinerja.yaml", "--out", "{tmp}/x"], "nokinerja.yaml: competency/kinerja"),
])
def test_cli_errors_are_one_clear_line(generated, tmp_path, capsys, argv, expect):
    from merit_lib.cli import main

    csv, roles = generated
    write(tmp_path, roles.read_text().replace("column: gender", "column: sex"), "bad.yaml")
    write(tmp_path, roles.read_text().replace("kinerja: {column: rating, missing: {fill: 3, indicator: tanpa_rating}}\n", ""),
          "nokinerja.yaml")
    assert main([a.format(tmp=tmp_path, csv=csv) for a in argv]) == 2
    err = capsys.readouterr().err
    assert expect in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


# --------------------------------------------------------------------------- the real public data set


@pytest.fixture(scope="module")
def hr():
    if not HR_CSV.is_file():
        pytest.skip(f"public data set absent: {HR_CSV}")
    return load_flat(HR_CSV, HR_ROLES)


@pytest.fixture(scope="module")
def raw():
    if not HR_CSV.is_file():
        pytest.skip(f"public data set absent: {HR_CSV}")
    return pd.read_csv(HR_CSV)


@needs_hr
def test_hr_missing_report_counts(hr, raw):
    rep = hr.missing.set_index("column")
    assert hr.n_read == len(raw) == 54_808 and hr.n_dropped == 0
    assert rep.loc["previous_year_rating", "n_missing"] == 4_124 == raw["previous_year_rating"].isna().sum()
    assert rep.loc["education", "n_missing"] == 2_409
    assert (hr.frame["peringkat_kinerja"] == "tanpa rating").sum() == 4_124
    # first-year staff: every missing rating belongs to someone with one year of service
    assert (raw.loc[raw["previous_year_rating"].isna(), "length_of_service"] == 1).all()
    assert (rep.drop(index="")["n_unreadable"] == 0).all()


@needs_hr
def test_hr_frame_matches_raw_columns(hr, raw):
    f = hr.frame
    assert np.array_equal(f["dipromosikan"].to_numpy(), raw["is_promoted"].to_numpy() == 1)
    assert np.array_equal(f["jenis_kelamin"].to_numpy(), raw["gender"].map({"m": "L", "f": "P"}).to_numpy())
    assert np.allclose(f["skor_pelatihan"], raw["avg_training_score"]) and np.allclose(f["kpi_tercapai"], raw["KPIs_met >80%"])
    rated = raw["previous_year_rating"].notna()
    assert (f.loc[rated, "peringkat_kinerja"].astype(str) == raw.loc[rated, "previous_year_rating"].astype(int).astype(str)).all()


# --------------------------------------------------------------------------- our audit against an independent computation


def independent_frame(raw: pd.DataFrame) -> pd.DataFrame:
    """The raw CSV with plain column names for formulas, coded here (not by merit_lib)."""
    d = raw.rename(columns={"KPIs_met >80%": "kpi", "awards_won?": "awards"})
    d["rating"] = d["previous_year_rating"].map(lambda v: "none" if pd.isna(v) else str(int(v)))
    d["edu"] = d["education"].fillna("unknown")
    d["ageband"] = np.select([d["age"] < 30, d["age"] < 40, d["age"] < 50], ["<30", "30-39", "40-49"], ">=50")
    return d


def logit(formula: str, d: pd.DataFrame, **fit_kw: object) -> object:
    """A plain statsmodels logit from a formula on the raw columns (BLAS on one thread: faster at this size)."""
    import statsmodels.formula.api as smf
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return smf.logit(formula, d).fit(disp=0, **fit_kw)


MERIT = ("avg_training_score + C(rating, Treatment('3')) + kpi + awards + length_of_service + no_of_trainings"
         " + C(edu, Treatment(\"Bachelor's\"))")


def _hr_cli(command: str, tmp_path_factory) -> Path:
    """`merit COMMAND --flat … --roles … --out DIR` run end to end on the public data set; the output folder."""
    if not HR_CSV.is_file():
        pytest.skip(f"public data set absent: {HR_CSV}")
    from merit_lib.cli import main

    out = tmp_path_factory.mktemp(command)
    assert main([command, "--flat", str(HR_CSV), "--roles", str(HR_ROLES), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def audit_dir(tmp_path_factory):
    """`merit audit --flat … --roles … --out DIR` run once, end to end, on the public data set."""
    return _hr_cli("audit", tmp_path_factory)


@pytest.fixture(scope="module")
def findings(audit_dir):
    """findings.csv as the CLI wrote it: these are the figures compared below."""
    from merit_lib.analysis.fairness import FINDINGS_COLUMNS, AuditResult

    f = AuditResult.from_dir(audit_dir).findings
    assert list(f.columns[:len(FINDINGS_COLUMNS)]) == list(FINDINGS_COLUMNS)     # DESIGN §6
    return f


@needs_hr
def test_hr_cli_audit_writes_findings_and_missing_report(audit_dir, findings):
    rep = pd.read_csv(audit_dir / "missing_report.csv", keep_default_na=False)
    assert rep.set_index("column").loc["previous_year_rating", "n_missing"] == 4_124
    assert set(findings["scope"]) == {"PROVINSI", *pd.read_csv(HR_CSV, usecols=["department"])["department"].unique()}
    assert set(findings["attribute"]) == {"jenis_kelamin", "kelompok_usia", "jalur_rekrutmen"}


@needs_hr
def test_hr_rates_and_impact_ratios_by_gender(findings, raw):
    rate = raw.groupby("gender")["is_promoted"].mean()
    assert raw["is_promoted"].mean() == pytest.approx(4_668 / 54_808)
    f = findings.set_index(["scope", "attribute", "group"])
    prov = f.loc[("PROVINSI", "jenis_kelamin", "P")]
    assert prov["reference_group"] == "L"
    assert prov["n_group"] == (raw["gender"] == "f").sum() and prov["promoted_group"] == raw.loc[raw["gender"] == "f", "is_promoted"].sum()
    assert prov["rate_group"] == pytest.approx(rate["f"], abs=1e-12) and prov["rate_reference"] == pytest.approx(rate["m"], abs=1e-12)
    assert prov["impact_ratio"] == pytest.approx(rate["f"] / rate["m"], rel=1e-12)
    table = raw.assign(f=raw["gender"] == "f").groupby("f")["is_promoted"].agg(["sum", "size"])
    from scipy.stats import fisher_exact
    p = fisher_exact([[table.loc[True, "sum"], table.loc[True, "size"] - table.loc[True, "sum"]],
                      [table.loc[False, "sum"], table.loc[False, "size"] - table.loc[False, "sum"]]]).pvalue
    assert prov["p_value"] == pytest.approx(p, rel=1e-6)
    # every department (the OPD analogue)
    by_dept = raw.groupby(["department", "gender"])["is_promoted"].mean().unstack()
    for dept, row in by_dept.iterrows():
        ours = f.loc[(dept, "jenis_kelamin", "P")]
        assert ours["rate_group"] == pytest.approx(row["f"]) and ours["impact_ratio"] == pytest.approx(row["f"] / row["m"])
    # age bands, the same way
    d = independent_frame(raw)
    age = d.groupby("ageband")["is_promoted"].mean()
    assert f.loc[("PROVINSI", "kelompok_usia", "≥ 50"), "impact_ratio"] == pytest.approx(age[">=50"] / age["30-39"])


@needs_hr
def test_hr_adjusted_odds_ratio_of_gender_matches_statsmodels(findings, raw):
    """Province: a logit with department fixed effects, the gender dummy and merit + controls, fitted here on the raw columns."""
    d = independent_frame(raw)
    fit = logit(f"is_promoted ~ C(department) + C(gender, Treatment('m')) + {MERIT}", d)
    term = "C(gender, Treatment('m'))[T.f]"
    lo, hi = np.exp(fit.conf_int().loc[term])
    ours = findings.set_index(["scope", "attribute", "group"]).loc[("PROVINSI", "jenis_kelamin", "P")]
    assert ours["adjusted_odds_ratio"] == pytest.approx(np.exp(fit.params[term]), rel=1e-4)
    assert (ours["aor_ci_low"], ours["aor_ci_high"]) == pytest.approx((lo, hi), rel=1e-4)
    assert ours["n_model_group"] + ours["n_model_reference"] == fit.nobs == 54_808


@needs_hr
def test_hr_department_odds_ratio_is_a_contrast_of_cell_intercepts(findings, raw):
    """One department (Procurement): an intercept per department × gender cell, shared slopes; women vs men of that department."""
    d = independent_frame(raw)
    d["cell"] = d["department"] + "|" + d["gender"]
    fit = logit(f"is_promoted ~ 0 + C(cell) + {MERIT}", d)
    names = list(fit.params.index)
    c = np.zeros(len(names))
    c[names.index("C(cell)[Procurement|f]")], c[names.index("C(cell)[Procurement|m]")] = 1, -1
    est = float(c @ fit.params)
    se = float(np.sqrt(c @ fit.cov_params().to_numpy() @ c))
    ours = findings.set_index(["scope", "attribute", "group"]).loc[("Procurement", "jenis_kelamin", "P")]
    assert ours["adjusted_odds_ratio"] == pytest.approx(np.exp(est), rel=1e-4)
    assert ours["aor_ci_high"] == pytest.approx(np.exp(est + 1.959964 * se), rel=1e-4)


# --------------------------------------------------------------------------- our model against an independent computation


@pytest.fixture(scope="module")
def coefficients(tmp_path_factory):
    """`merit model --flat … --roles … --out DIR` run once, end to end; model_coefficients.csv as written."""
    out = _hr_cli("model", tmp_path_factory)
    assert (out / "missing_report.csv").is_file()
    coef = pd.read_csv(out / "model_coefficients.csv")
    assert list(coef.columns[:8]) == ["model", "term", "odds_ratio", "ci_low", "ci_high", "p_value", "n", "auc"]  # DESIGN §6
    return coef


@needs_hr
def test_hr_merit_odds_ratios_match_statsmodels(coefficients, raw):
    """The main logit: the same terms fitted here on the raw columns; each SE clustered by department (t, G − 1 df)
    unless the model-based SE is larger, then model-based with a normal interval (our few-cluster floor)."""
    d = independent_frame(raw)
    groups = pd.factorize(d["department"])[0]
    fit = logit(f"is_promoted ~ {MERIT}", d, cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
    plain = logit(f"is_promoted ~ {MERIT}", d)
    floor = plain.bse > fit.bse
    ci = np.exp(fit.conf_int().where(~floor, plain.conf_int(), axis=0))
    ours = coefficients[coefficients["model"] == "logit"].set_index("term")
    pairs = {"skor_pelatihan": "avg_training_score", "kpi_tercapai": "kpi", "penghargaan": "awards",
             "C(peringkat_kinerja)[T.5]": "C(rating, Treatment('3'))[T.5]",
             "C(peringkat_kinerja)[T.1]": "C(rating, Treatment('3'))[T.1]",
             "C(peringkat_kinerja)[T.tanpa rating]": "C(rating, Treatment('3'))[T.none]",
             "masa_kerja": "length_of_service", "C(pendidikan)[T.tidak diketahui]": "C(edu, Treatment(\"Bachelor's\"))[T.unknown]"}
    for term, theirs in pairs.items():
        assert ours.loc[term, "odds_ratio"] == pytest.approx(np.exp(fit.params[theirs]), rel=1e-4), term
        assert (ours.loc[term, "ci_low"], ours.loc[term, "ci_high"]) == pytest.approx(tuple(ci.loc[theirs]), rel=1e-3), term
    assert (ours["n"] == 54_808).all()
    # merit predicts promotion: competency and both 0/1 kinerja measures have CIs above 1
    assert (ours.loc[["skor_pelatihan", "kpi_tercapai", "penghargaan"], "ci_low"] > 1).all()
