"""The fairness audit: planted truths are found, statistics agree with independent computations, small cells are hidden.

Two synthetic extracts of Banten's size (n=3236, seed 1) carry the known truth: a penalty at equal merit for women in
the largest OPD (odds ratio 0.3), and a gap created only through lower merit. The audit finds such a penalty in most
but not all extracts (benchmarks/bench_fairness.py prints the rate); the seed is fixed so the test is deterministic.
A small hand-made flat table with other column names checks every statistic against scipy/statsmodels/fairlearn.
The decision table row by row, the scenarios of benchmarks/bench_verdicts.py and Berkeley 1973 are in test_verdicts.py.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from fairlearn.metrics import MetricFrame, selection_rate
from scipy.stats import chi2, fisher_exact
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

from merit_lib.analysis import fairness as F
from merit_lib.analysis.features import analysis_frame
from merit_lib.cli import main
from merit_lib.domain.roles import Roles
from merit_lib.report import figures as plots
from merit_lib.synth import Disparity, MeritGap, synthesize

BIG_OPD = "DINDIKBUD"
SEED = 1


def _audit(**planted):
    s = synthesize(n=3236, seed=SEED, **planted)
    frame = analysis_frame(s.tables, "2026Q1")
    return frame, F.audit(frame, reference={"jenis_kelamin": "L"})


@pytest.fixture(scope="module")
def planted():
    """Women in the largest OPD promoted at odds ratio 0.3 against men of equal merit; nothing else planted."""
    return _audit(disparities=[Disparity(BIG_OPD, "jenis_kelamin", "P", 0.3)])


@pytest.fixture(scope="module")
def merit_gap():
    """Women in the largest OPD have 1.5 SD lower ability (so lower competency and kinerja) and no penalty at equal merit."""
    return _audit(merit_gaps=[MeritGap(BIG_OPD, "jenis_kelamin", "P", 1.5)])


def _row(findings: pd.DataFrame, scope: str, attribute: str, group: str) -> pd.Series:
    hit = findings[(findings["scope"] == scope) & (findings["attribute"] == attribute) & (findings["group"] == group)]
    assert len(hit) == 1
    return hit.iloc[0]


# --------------------------------------------------------------------------- planted truths


def test_planted_penalty_is_flagged_there_and_clean_opds_stay_quiet(planted):
    _, result = planted
    f = result.findings
    r = _row(f, BIG_OPD, "jenis_kelamin", "P")
    assert r["flag"] == F.DISPARITY and r["direction"] == F.LOWER and r["verdict_basis"] == F.BASIS_MERIT
    assert r["aor_ci_low"] < 0.3 < r["aor_ci_high"] < 1           # the planted odds ratio lies inside the CI
    assert r["aor_p_adjusted"] < 0.05 and r["adjusted_impact_ratio"] < 0.8
    clean = f[(f["scope"] != BIG_OPD) & (f["scope"] != F.PROVINCE)]
    assert (clean["flag"] == F.DISPARITY).sum() <= 1
    # tested exactly where the test could detect an odds ratio of 4: the rule is about power, not about shares
    detectable = clean["detectable_odds_ratio"] <= 4
    assert (clean.loc[~detectable, "flag"] == F.INSUFFICIENT).all() and (clean.loc[detectable, "decision_row"] != 1).all()
    assert detectable.sum() >= 1 and (~detectable).sum() >= 1    # both branches of the rule are exercised
    prov = _row(f, F.PROVINCE, "jenis_kelamin", "P")              # the province: lower at equal merit, and the one
    assert prov["direction"] == F.LOWER and prov["adjusted_odds_ratio"] < 1   # OPD's gap shows as heterogeneity
    assert prov["flag"] == F.DISPARITY or prov["bd_p_value"] < 0.05   # flagged itself, or heterogeneous across OPDs


def test_gap_through_lower_merit_is_explained_not_disparity(merit_gap):
    _, result = merit_gap
    r = _row(result.findings, BIG_OPD, "jenis_kelamin", "P")
    assert r["flag"] == F.EXPLAINED and r["explained_by"] == F.BY_MERIT and r["direction"] in (F.LOWER, F.HIGHER)
    assert r["impact_ratio"] < 0.8 and r["p_adjusted"] < 0.05     # a real raw gap …
    assert r["aor_ci_low"] < 1 < r["aor_ci_high"]                 # … that disappears at equal merit …
    assert r["moved_share"] >= 0.5 and r["explained_share"] > 0.5  # … because the adjustment moved it, on the same persons
    assert (result.findings["flag"] == F.DISPARITY).sum() == 0


def test_rates_agree_with_fairlearn_metricframe(planted):
    frame, result = planted
    f = result.findings
    at_risk = frame[frame["berisiko"] & (frame["cek_status"] != "gagal")]   # PPPK: outside by the status rule
    for attribute in ("jenis_kelamin", "kelompok_usia"):
        mf = F.metric_frame(frame, attribute)
        rows = f[(f["attribute"] == attribute) & (f["scope"] != F.PROVINCE)]
        theirs = mf.by_group.loc[list(zip(rows["scope"], rows["group"]))]
        np.testing.assert_allclose(rows["rate_group"], theirs["rate"], rtol=1e-12)
        np.testing.assert_array_equal(rows["n_group"], theirs["n"])
        refs = mf.by_group.loc[list(zip(rows["scope"], rows["reference_group"]))]
        has_ref = (rows["n_reference"] > 0).to_numpy()
        np.testing.assert_allclose(rows["rate_reference"][has_ref], refs["rate"][has_ref], rtol=1e-12)
        people = at_risk.sort_values("triwulan").groupby("nip").agg(y=("dipromosikan", "max"), a=(attribute, "last"))
        y = people["y"].astype(int)                  # one row per person of the window: promoted in any quarter
        province = MetricFrame(metrics=selection_rate, y_true=y, y_pred=y, sensitive_features=people["a"].astype(str))
        prov = f[(f["attribute"] == attribute) & (f["scope"] == F.PROVINCE)]
        np.testing.assert_allclose(prov["rate_group"], province.by_group.loc[prov["group"]], rtol=1e-12)


def test_benjamini_hochberg_within_each_attribute_province_and_opds_apart(planted):
    f = planted[1].findings
    tested = f["decision_row"] != 1
    assert f.loc[~tested, ["p_value", "p_adjusted", "aor_p_adjusted"]].isna().all().all()
    for _, d in f[tested].groupby([f.loc[tested, "attribute"], f.loc[tested, "scope"] == F.PROVINCE]):
        np.testing.assert_allclose(d["p_adjusted"], multipletests(d["p_value"], method="fdr_bh")[1])
        np.testing.assert_allclose(d["aor_p_adjusted"], multipletests(d["aor_p_value"], method="fdr_bh")[1])
        prov = d[d["scope"] == F.PROVINCE]
        np.testing.assert_allclose(prov["mh_p_adjusted"], multipletests(prov["mh_p_value"], method="fdr_bh")[1])
    assert (f.loc[tested, "p_adjusted"] >= f.loc[tested, "p_value"]).all()
    assert tested.sum() >= 8 and (f.loc[tested, "p_adjusted"] > f.loc[tested, "p_value"]).any()


def test_another_attribute_never_flips_a_flag(planted):
    """The families are the attributes: auditing `agama` besides leaves every other row exactly as it was."""
    frame, result = planted
    more = F.audit(frame, reference={"jenis_kelamin": "L"}, attributes=["agama"]).findings
    mine = more[more["attribute"] != "agama"].reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, result.findings.reset_index(drop=True))
    assert (more["attribute"] == "agama").any()


def test_small_groups_are_suppressed_and_not_tested(planted):
    f = planted[1].findings
    small = f[(f["n_group"] < 5) | (f["n_reference"] < 5)]
    assert len(small) > 10
    assert small["suppressed"].all() and (small["flag"] == F.INSUFFICIENT).all() and small["p_value"].isna().all()
    assert not f.loc[(f["n_group"] >= 5) & (f["n_reference"] >= 5), "suppressed"].any()
    weak = f[~f["suppressed"] & (f["detectable_odds_ratio"] > 4) & (f["promoted_group"] + f["promoted_reference"] > 0)]
    assert len(weak) and (weak["flag_reason"] == "detectable_or>4").all()
    shown = planted[1].table("id")
    hidden = shown[f["suppressed"].to_numpy()]
    for col in ("promosi kelompok", "tingkat promosi kelompok (rentang 95%)", "rasio dampak", "kekurangan (orang; positif = kelompok kurang dipromosikan)"):
        assert (hidden[col] == "< 5").all()
    n_small = shown.loc[(f["n_group"] < 5).to_numpy(), "n kelompok"]
    assert (n_small == "< 5").all()


# --------------------------------------------------------------------------- every statistic, by hand, on a flat table

FLAT = Roles(outcome="promoted", competency=("score",), kinerja=("rating",), controls=("tenure",), categorical=(),
             scope="dept", scope_label="dept_name", protected=("sex", "band"), reference={"sex": "L"},
             qualified="pool", eligible=None, at_risk=None, id=None)


@pytest.fixture(scope="module")
def flat():
    """Three departments; women of A penalised (OR 0.4); no woman of C promoted; band `c` has 3 persons."""
    rng = np.random.default_rng(0)
    dept = np.repeat(["A", "B", "C"], [600, 500, 400])
    n = len(dept)
    sex = np.where(rng.random(n) < 0.5, "P", "L")
    score, rating, tenure = rng.normal(0, 1, n), rng.integers(0, 3, n).astype(float), rng.uniform(0, 30, n)
    eta = -1.8 + 1.0 * score + 0.5 * (rating - 1) + 0.02 * tenure + np.log(0.4) * ((dept == "A") & (sex == "P"))
    promoted = rng.random(n) < 1 / (1 + np.exp(-eta))
    promoted[(dept == "C") & (sex == "P")] = False
    band = np.where(rng.random(n) < 0.7, "a", "b")
    band[:3] = "c"
    score[5] = np.nan                                  # one person without merit data: raw rates only
    frame = pd.DataFrame({"dept": dept, "dept_name": "Dept " + dept, "sex": sex, "band": band, "score": score,
                          "rating": rating, "tenure": tenure, "promoted": promoted, "pool": score > 0.5})
    return frame, F.audit(frame, FLAT)


def test_flat_table_raw_statistics_by_hand(flat):
    frame, result = flat
    f = result.findings
    r = _row(f, F.PROVINCE, "sex", "P")
    w, m = frame[frame["sex"] == "P"], frame[frame["sex"] == "L"]
    k1, n1, k2, n2 = int(w["promoted"].sum()), len(w), int(m["promoted"].sum()), len(m)
    assert (r["n_group"], r["promoted_group"], r["n_reference"], r["promoted_reference"]) == (n1, k1, n2, k2)
    assert r["rate_group"] == pytest.approx(k1 / n1) and r["impact_ratio"] == pytest.approx((k1 / n1) / (k2 / n2))
    assert (r["rate_group_ci_low"], r["rate_group_ci_high"]) == pytest.approx(proportion_confint(k1, n1, method="wilson"))
    assert r["impact_ratio_ci_low"] < r["impact_ratio"] < r["impact_ratio_ci_high"]
    assert r["p_value"] == pytest.approx(fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue)
    assert r["shortfall"] == pytest.approx(round(n1 * k2 / n2 - k1, 1))
    q = frame[frame["pool"]]
    assert r["eo_rate_group"] == pytest.approx(q.loc[q["sex"] == "P", "promoted"].mean())
    tables = [pd.crosstab(d["sex"] == "P", d["promoted"]).reindex(index=[True, False], columns=[True, False]).to_numpy()
              for _, d in frame.groupby("dept")]
    assert r["mh_p_value"] == pytest.approx(StratifiedTable(tables).test_null_odds().pvalue)
    assert r["scope_label"] is pd.NA or pd.isna(r["scope_label"])
    assert _row(f, "A", "sex", "P")["scope_label"] == "Dept A"


def test_flat_table_adjusted_odds_ratios_match_statsmodels(flat):
    frame, result = flat
    f = result.findings
    d = frame.dropna(subset=["score"]).assign(cell=lambda x: x["dept"] + "|" + x["sex"])
    prov = smf.logit("promoted ~ C(dept) + C(sex, Treatment('L')) + score + rating + tenure", d.assign(
        promoted=d["promoted"].astype(float))).fit(disp=0)
    term = "C(sex, Treatment('L'))[T.P]"
    r = _row(f, F.PROVINCE, "sex", "P")
    assert r["adjusted_odds_ratio"] == pytest.approx(np.exp(prov.params[term]), rel=1e-5)
    assert (r["aor_ci_low"], r["aor_ci_high"]) == pytest.approx(tuple(np.exp(prov.conf_int().loc[term])), rel=1e-5)
    assert r["n_model_group"] + r["n_model_reference"] == len(d)
    # department A: a contrast of cell intercepts; the cell where nobody was promoted (C|P) sits out of the fit
    open_cells = d[d["cell"] != "C|P"].assign(promoted=lambda x: x["promoted"].astype(float))
    cells = smf.logit("promoted ~ 0 + C(cell) + score + rating + tenure", open_cells).fit(disp=0)
    c = pd.Series(0.0, index=cells.params.index)
    c["C(cell)[A|P]"], c["C(cell)[A|L]"] = 1, -1
    est, se = float(c @ cells.params), float(np.sqrt(c @ cells.cov_params() @ c))
    a = _row(f, "A", "sex", "P")
    assert a["adjusted_odds_ratio"] == pytest.approx(np.exp(est), rel=1e-5) and a["aor_method"] == "wald"
    assert a["aor_ci_high"] == pytest.approx(np.exp(est + 1.959964 * se), rel=1e-5)
    assert a["flag"] == F.DISPARITY
    # department C: no woman promoted → odds ratio 0, likelihood-ratio test of merging C|P into C|L
    merged = d.assign(cell=d["cell"].replace({"C|P": "C|L"}), promoted=d["promoted"].astype(float))
    null = smf.logit("promoted ~ 0 + C(cell) + score + rating + tenure", merged).fit(disp=0)
    cr = _row(f, "C", "sex", "P")
    assert cr["aor_method"] == "lr" and cr["adjusted_odds_ratio"] == 0 and cr["aor_ci_low"] == 0
    assert cr["aor_p_value"] == pytest.approx(chi2.sf(2 * (cells.llf - null.llf), 1), rel=1e-4)
    assert cr["flag"] == F.DISPARITY and cr["direction"] == F.LOWER and cr["adjusted_impact_ratio"] == 0
    # the raw odds ratio on the model sample: the same counts, computed by hand (0.5 added to a table with an empty cell)
    m = d[d["dept"] == "A"]
    k1, n1 = m.loc[m["sex"] == "P", "promoted"].sum(), (m["sex"] == "P").sum()
    k2, n2 = m.loc[m["sex"] == "L", "promoted"].sum(), (m["sex"] == "L").sum()
    assert a["model_raw_odds_ratio"] == pytest.approx(k1 * (n2 - k2) / ((n1 - k1) * k2))


def test_flat_table_small_group_and_roles_only(flat):
    frame, result = flat
    c = _row(result.findings, F.PROVINCE, "band", "c")
    assert c["n_group"] == 3 and c["suppressed"] and c["flag"] == F.INSUFFICIENT and c["flag_reason"] == "detectable_or>4"
    assert c["detectable_odds_ratio"] > 4
    assert result.meta["counts"]["n_no_merit"] == 1
    assert result.params["references"] == {"sex": "L", "band": "a"}   # configured, else the largest group
    with pytest.raises(ValueError, match="missing columns"):
        F.audit(frame.drop(columns="rating"), FLAT)
    with pytest.raises(ValueError, match="unknown scopes"):
        F.audit(frame, FLAT, scopes=["Z"])


# --------------------------------------------------------------------------- presenting the result


def test_round_trip_rules_summary_and_columns(planted, tmp_path):
    _, result = planted
    f = result.findings
    assert list(f.columns[:len(F.FINDINGS_COLUMNS)]) == list(F.FINDINGS_COLUMNS)
    assert list(F.FINDINGS_COLUMNS[-6:]) == ["mh_odds_ratio", "mh_ci_low", "mh_ci_high", "flag", "direction", "explained_by"]
    assert result.flags().sum() == len(f) and list(result.flags().index) == list(F.FLAGS)
    again = F.AuditResult.from_dir(result.to_dir(tmp_path))
    pd.testing.assert_frame_equal(again.findings, f)   # dtypes included (pandas 3: nothing object)
    assert again.params == json.loads(json.dumps(result.params))
    rules = result.rules("en")
    assert len(rules) == len(F.DECISION_TABLE) == 10 and list(rules["flag"]) == [r.flag for r in F.DECISION_TABLE]
    disparity = rules.loc[rules["flag"] == F.DISPARITY, "rule"].iloc[0]
    assert "0.8" in disparity and "1.25" in disparity and "adjusted impact ratio" in disparity
    assert "odds ratio of 4" in rules.iloc[0]["rule"] and "Benjamini" in result.rules("id").iloc[3]["aturan"]
    assert "two one-sided tests" in rules.loc[rules["flag"] == F.NO_DISPARITY, "rule"].iloc[0]
    gaps = F.AuditResult.from_dir(tmp_path).merit_gaps          # the gaps in the merit measures come back too
    pd.testing.assert_frame_equal(gaps.reset_index(drop=True), result.merit_gaps.reset_index(drop=True),
                                  check_dtype=False)
    assert set(gaps["measure"]) == {"kompetensi", "kinerja", "jpm"}
    summary = result.summary("en")
    assert f"{BIG_OPD} jenis_kelamin P vs L" in summary and "direction: lower" in summary and "person-quarters" in summary
    assert any("without" not in c and "lack complete merit" in c for c in result.caveats("en"))
    assert any("rule «employment status can hold the target post" in c and "PPPK" in c for c in result.caveats("en"))
    assert any("per attribute" in c for c in result.caveats("en"))


def test_figures_draw_the_findings_and_say_what_they_leave_out(planted):
    """Which cells the figures hide is report.privacy's business (tested there); here: the audit's findings draw, every
    tested, finite adjusted odds ratio at most once, and the note says what was left out."""
    import matplotlib.pyplot as plt

    f = planted[1].findings
    fig = plots.forest_plot(f, "jenis_kelamin", "en")
    tested = f[(f["attribute"] == "jenis_kelamin") & (f["flag"] != F.INSUFFICIENT)]
    assert 1 <= len(fig.axes[0].containers) <= len(tested)
    assert "Left out:" in " ".join(t.get_text() for t in fig.texts)
    plt.close(fig)
    fig = plots.rates_plot(f, F.PROVINCE, "en")
    assert len(fig.axes) >= 2
    plt.close(fig)


# --------------------------------------------------------------------------- the command


def test_cli_writes_findings_without_personal_data(small_dir, small_synth, tmp_path, capsys):
    out = tmp_path / "audit"
    assert main(["audit", "--data", str(small_dir), "--period", "2026Q1", "--out", str(out), "--attributes", "agama",
                 "--reference", "jenis_kelamin=L", "--lang", "en"]) == 0
    csv = (out / "findings.csv").read_text(encoding="utf-8")
    findings = pd.read_csv(out / "findings.csv")
    assert list(findings.columns[:len(F.FINDINGS_COLUMNS)]) == list(F.FINDINGS_COLUMNS)
    assert "agama" in set(findings["attribute"])
    assert not {"nip", "nama"} & set(findings.columns)
    assert not re.search(r"(^|,)\d{18}(,|$)", csv, re.MULTILINE)        # no field is a NIP …
    peg = small_synth.tables["pegawai"]
    assert not any(nip in csv for nip in peg["nip"]) and not any(name in csv for name in set(peg["nama"]))
    meta = json.loads((out / "audit_meta.json").read_text(encoding="utf-8"))
    assert meta["meta"]["period"] == "2026Q1" and len(meta["meta"]["data_fingerprint"]) == 12
    assert "Findings written to" in capsys.readouterr().out


def test_cli_missing_folder_is_one_message_exit_2(tmp_path, capsys):
    assert main(["audit", "--data", str(tmp_path / "nowhere"), "--period", "2026Q1", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "nowhere" in err and "Traceback" not in err and err.strip().count("\n") == 0
    assert not (tmp_path / "o").exists()
