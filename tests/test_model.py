"""Readiness models: planted odds ratios recovered, fallbacks on rare outcomes and separation, the CLI, no personal data.

The synthetic extract plants odds ratios of 10 per competency level and 10 per kinerja level (merit_lib.synth.generator).
A single seed checks recovery; benchmarks/bench_coverage.py checks that 95% CIs cover the truth ~95% of the time.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit

from merit_lib.analysis.features import analysis_frame
from merit_lib.analysis.model import COEF_COLUMNS, auc, fit_readiness
from merit_lib.cli import main
from merit_lib.domain.roles import ASN
from merit_lib.report import figures as plots
from merit_lib.synth import synthesize

SEED = 8
DESIGN_COLUMNS = ["model", "term", "odds_ratio", "ci_low", "ci_high", "p_value", "n", "auc"]  # DESIGN §6


@pytest.fixture(scope="module")
def planted():
    s = synthesize(n=3236, seed=SEED)
    frame = analysis_frame(s.tables, "2026Q1")
    return s, frame, fit_readiness(frame)


@pytest.fixture(scope="module")
def null_fit():
    s = synthesize(n=3236, seed=SEED, beta_kompetensi=0.0, beta_kinerja=0.0)
    return fit_readiness(analysis_frame(s.tables, "2026Q1"))


def _row(models, model: str, term: str) -> pd.Series:
    c = models.coefficients
    return c[(c["model"] == model) & (c["term"] == term)].iloc[0]


def _complete(frame: pd.DataFrame) -> pd.Series:
    """At-risk rows with every modelled column present, computed here independently of merit_lib.analysis.model."""
    cols = ["dipromosikan", "kompetensi", "kinerja", "golongan_ordinal", "masa_kerja", "pendidikan_s1", "level_awal", "opd_kode"]
    return _risk(frame) & frame[cols].notna().all(axis=1)


def _risk(frame: pd.DataFrame) -> pd.Series:
    """Who could be promoted: at risk, and not a PPPK (who cannot hold a structural post: rules.ELIGIBILITY_RULES)."""
    return frame["berisiko"] & (frame["cek_status"] != "gagal").fillna(True)


@pytest.mark.parametrize("model", ["logit", "logit_interaksi", "gee"])
def test_planted_odds_ratios_inside_the_95ci(planted, model):
    s, _, models = planted
    for term, truth in (("kompetensi", s.truth.odds_ratio_kompetensi), ("kinerja", s.truth.odds_ratio_kinerja)):
        r = _row(models, model, term)
        assert r["ci_low"] <= truth <= r["ci_high"], (model, term, r["ci_low"], r["ci_high"])
        assert r["ci_low"] > 1 and r["p_value"] < 0.001       # merit-driven promotions: above 1, clearly
        assert r["ci_high"] / r["ci_low"] < 3                 # and estimated with useful precision at Banten size


def test_without_planted_effects_the_ci_covers_one(null_fit):
    for model in ("logit", "gee"):
        for term in ("kompetensi", "kinerja"):
            r = _row(null_fit, model, term)
            assert r["ci_low"] < 1 < r["ci_high"], (model, term)
    assert all(m.method != "ridge" for m in null_fit.models.values())


def test_few_clusters_never_give_an_se_below_the_model_based_one(planted):
    """Issue 13, item 9: with 5 OPDs the cluster (CR1) SE of kompetensi was a third of the model-based one. Now each
    coefficient gets the t(G − 1) interval of its cluster SE where that is the larger, else the normal interval of its
    model-based SE (the rule benchmarks/bench_verdicts.py checks for 93–97 % coverage)."""
    import statsmodels.api as sm
    from scipy.stats import norm, t

    _, frame, _ = planted
    five = frame[frame["opd_kode"].isin(frame["opd_kode"].value_counts().index[:5])]
    models = fit_readiness(five)
    m, d = models["logit"], models.design
    assert m.method == "logit_cluster" and d.n_groups == 5
    X = d.X[m.columns]
    model_se = sm.Logit(d.y, X).fit(disp=0).bse
    cluster_se = sm.Logit(d.y, X).fit(disp=0, cov_type="cluster", cov_kwds={"groups": d.groups}).bse
    half = np.where(cluster_se >= model_se, t.ppf(0.975, 4) * cluster_se, norm.ppf(0.975) * model_se)
    ci = m.result.conf_int()
    np.testing.assert_allclose(ci[1] - m.params, half, rtol=1e-6)
    np.testing.assert_allclose(m.params - ci[0], half, rtol=1e-6)
    assert (cluster_se < model_se).any()                       # the floor was needed, and the note says so
    assert (half >= norm.ppf(0.975) * model_se - 1e-12).all()  # never narrower than the model-based interval
    k = _row(models, "logit", "kompetensi")
    assert np.log(k["ci_high"]) == pytest.approx(ci.loc["kompetensi", 1], rel=1e-9)
    assert any("raised to it" in n for n in models.notes_in("en"))


def test_coefficient_table_follows_design_and_counts_the_sample(planted):
    _, frame, models = planted
    c = models.coefficients
    assert list(c.columns[:8]) == DESIGN_COLUMNS == list(COEF_COLUMNS)
    assert list(dict.fromkeys(c["model"])) == ["logit", "logit_interaksi", "gee"]
    n = int(_complete(frame).sum())
    assert (c["n"] == n).all()
    assert (c["n_events"] == int(frame.loc[_complete(frame), "dipromosikan"].sum())).all()
    assert c["auc"].between(0.8, 0.97).all()          # merit decides most promotions in the synthetic world
    assert set(c["method"]) == {"logit_cluster", "gee_exchangeable"}
    # the model holds every merit term and control, with level_awal as categories
    terms = set(c.loc[c["model"] == "logit", "term"])
    assert {"kompetensi", "kinerja", "golongan_ordinal", "masa_kerja", "pendidikan_s1", "C(level_awal)[T.Pengawas]"} <= terms


def test_dropped_rows_are_counted_per_role_and_predictions_align(planted):
    _, frame, models = planted
    risk = _risk(frame)
    miss = models.missing.set_index("column")["n_missing"]
    assert miss["kompetensi"] == int(frame.loc[risk, "kompetensi"].isna().sum()) > 0
    dropped = int(risk.sum() - _complete(frame).sum())
    assert any(f"{dropped:,}".replace(",", ".") in n and "tidak masuk model" in n for n in models.notes)
    pred = models.predictions
    assert pred.index.equals(frame.index)
    assert (pred["logit"].notna().to_numpy() == _complete(frame).to_numpy(bool)).all()
    assert pred.loc[~frame["berisiko"], "gee"].isna().all()


def test_interaction_is_reported_and_covers_one_without_a_planted_interaction(planted):
    _, _, models = planted
    inter = models.interaction
    assert list(inter["term"]) == ["kompetensi:kinerja"]
    assert inter["ci_low"].iloc[0] < 1 < inter["ci_high"].iloc[0]
    assert "kompetensi:kinerja" not in set(models.coefficients.loc[models.coefficients["model"] != "logit_interaksi", "term"])
    note = next(n for n in models.notes if n.startswith("Interaksi kompetensi:kinerja"))
    assert f"{inter['odds_ratio'].iloc[0]:.2f}".replace(".", ",") in note and "p = " in note


def test_a_planted_interaction_is_found(planted):
    """Outcome redrawn with log-odds 0.8·(k − 3) + 0.5·(p − 1) + ln 3·(k − 3)(p − 1): the interaction OR covers 3, not 1.

    (With this frame the CI covers 3 and excludes 1 for 19 of 20 redraws.)"""
    _, frame, _ = planted
    f = frame.copy()
    rows = _complete(f)
    k, p = f.loc[rows, "kompetensi"] - 3, f.loc[rows, "kinerja"] - 1
    eta = -2.3 + 0.8 * k + 0.5 * p + np.log(3.0) * k * p
    f["dipromosikan"] = False
    f.loc[rows, "dipromosikan"] = np.random.default_rng(4).random(int(rows.sum())) < expit(eta)
    inter = fit_readiness(f).interaction.iloc[0]
    assert inter["ci_low"] <= 3.0 <= inter["ci_high"] and inter["ci_low"] > 1


def test_marginal_effects_and_calibration_agree_with_the_fit(planted):
    _, frame, models = planted
    m = models["logit"]
    p = m.predicted.to_numpy()
    ame = m.marginal_effects.set_index("term")
    # for a continuous term of a logit, the average marginal effect is mean(p(1 − p))·β
    beta = np.log(_row(models, "logit", "kompetensi")["odds_ratio"])
    assert ame.loc["kompetensi", "ame"] == pytest.approx(np.mean(p * (1 - p)) * beta, rel=1e-6)
    assert ame.loc["kompetensi", "ci_low"] > 0
    cal = m.calibration
    assert cal["n"].sum() == m.n and cal["events"].sum() == m.n_events
    assert cal["predicted"].is_monotonic_increasing
    assert ((cal["ci_low"] <= cal["predicted"]) & (cal["predicted"] <= cal["ci_high"])).sum() >= 8
    assert 0.65 < m.auc == pytest.approx(auc(m.predicted.index.map(frame["dipromosikan"]).to_numpy(float), p))


def test_auc_is_the_share_of_correctly_ordered_pairs():
    y = np.array([1, 0, 1, 0, 0, 1])
    p = np.array([0.9, 0.3, 0.4, 0.4, 0.1, 0.2])
    pairs = [(a > b) + 0.5 * (a == b) for a in p[y == 1] for b in p[y == 0]]
    assert auc(y, p) == pytest.approx(np.mean(pairs))


def test_probability_curves_rise_with_competency_and_kinerja(planted):
    _, _, models = planted
    cur = models.probability_curves("logit", points=10)
    wide = cur.pivot(index="competency", columns="kinerja", values="probability")
    assert list(wide.columns) == [0.0, 0.5, 1.0, 1.5, 2.0]
    assert wide.apply(lambda s: s.is_monotonic_increasing).all()
    assert (wide.diff(axis=1).iloc[:, 1:] > 0).all().all()


def test_same_code_runs_on_other_column_names(planted):
    """A flat table with other names (spaces, punctuation): identical estimates, its own names in the table."""
    _, frame, models = planted
    names = {"kompetensi": "Skor Kompetensi (%)", "kinerja": "kinerja-2th", "opd_kode": "unit kerja",
             "dipromosikan": "naik", "berisiko": "eligible?", "masa_kerja": "lama kerja"}
    flat = frame.rename(columns=names)
    roles = ASN.with_(outcome="naik", competency=("Skor Kompetensi (%)",), kinerja=("kinerja-2th",), scope="unit kerja",
                      at_risk="eligible?", controls=("golongan_ordinal", "lama kerja", "pendidikan_s1", "level_awal"))
    other = fit_readiness(flat, roles)
    a, b = models.coefficients, other.coefficients
    assert np.allclose(a["odds_ratio"], b["odds_ratio"]) and np.allclose(a["ci_low"], b["ci_low"], equal_nan=True)
    assert {"Skor Kompetensi (%)", "kinerja-2th", "lama kerja", "Skor Kompetensi (%):kinerja-2th"} <= set(b["term"])


def test_controls_can_be_changed_and_unknown_ones_are_refused(planted):
    _, frame, _ = planted
    few = fit_readiness(frame, controls=["masa_kerja"])
    quarters = {f"C(triwulan)[T.{q}]" for q in sorted(frame["triwulan"].unique())[1:]}   # the baseline hazard stays
    assert set(few.coefficients.loc[few.coefficients["model"] == "logit", "term"]) == {
        "Intercept", "kompetensi", "kinerja", "masa_kerja", *quarters}
    with pytest.raises(ValueError, match="tidak_ada"):
        fit_readiness(frame, controls=["tidak_ada"])


def test_rare_outcome_gives_ridge_with_a_message(planted):
    _, frame, _ = planted
    f = frame.copy()
    keep = f.index[_complete(f) & f["dipromosikan"]][:12]
    f["dipromosikan"] = f.index.isin(keep)
    models = fit_readiness(f)
    c = models.coefficients
    assert set(c["model"]) == {"logit", "logit_interaksi"} and (c["method"] == "ridge").all()
    assert c[["ci_low", "ci_high", "p_value"]].isna().all().all()
    assert c.loc[c["term"] != "Intercept", "odds_ratio"].between(0.05, 20).all()
    assert any("kejadian per variabel" in n and "ridge" in n for n in models.notes)
    assert any("gee tidak diestimasi" in n for n in models.notes)


def test_quasi_separation_by_a_control_level_leaves_that_level_out_not_every_ci(planted):
    """A starting level without promotion is perfectly predicted: its rows leave the model (as in Stata), no ridge."""
    _, frame, models = planted
    f = frame.copy()
    f.loc[f["level_awal"] == "Fungsional", "dipromosikan"] = False
    other = fit_readiness(f, lang="en")
    level = int((_complete(f) & (f["level_awal"] == "Fungsional")).sum())
    c = other.coefficients
    assert set(c["method"]) == {"logit_cluster", "gee_exchangeable"}
    assert not c["term"].str.contains("Fungsional").any()
    assert (c["n"] == models["logit"].n - level).all()
    assert c.loc[c["term"].isin(["kompetensi", "kinerja"]), ["ci_low", "ci_high"]].notna().all().all()
    assert any(n.startswith(f"level_awal = Fungsional: 0 of {level:,} persons promoted") for n in other.notes)


def test_complete_separation_leaves_the_or_empty_and_says_why(planted):
    _, frame, _ = planted
    f = frame.assign(dipromosikan=frame["kompetensi"] > 3.2)
    models = fit_readiness(f)
    r = _row(models, "logit", "kompetensi")
    assert r["method"] == "ridge" and np.isnan(r["odds_ratio"])
    assert np.isfinite(_row(models, "logit", "kinerja")["odds_ratio"])
    assert any("OR kompetensi dikosongkan" in n and "lebih sering dipromosikan" in n for n in models.notes)


@pytest.mark.parametrize("value, key", [(False, "Tidak ada satu pun promosi"), (True, "Semua")])
def test_a_single_class_gives_no_model_and_a_message(planted, tmp_path, value, key):
    _, frame, _ = planted
    models = fit_readiness(frame.assign(dipromosikan=value))
    assert models.coefficients.empty and list(models.coefficients.columns[:8]) == DESIGN_COLUMNS
    assert any(n.startswith(key) for n in models.notes)
    assert models.predictions.isna().all().all()
    assert "tidak ada model" in models.summary()
    assert pd.read_csv(models.to_csv(tmp_path)["coefficients"]).empty


def test_notes_and_summary_in_english(planted):
    _, frame, _ = planted
    models = fit_readiness(frame, lang="en")
    assert models.notes[0].startswith(f"{models['logit'].n:,} of ")
    text = models.summary()
    assert "logistic regression, SEs clustered by opd_kode" in text and "Notes:" in text
    assert any("association, not cause" in s or "not cause and effect" in s for s in models.reading())


def test_figures_suppress_small_cells(planted):
    _, frame, models = planted
    small = frame[frame["berisiko"] & (frame["opd_kode"] == frame["opd_kode"].value_counts().index[5])]
    fig = plots.nine_box_plot(small)
    cells = [t.get_text() for t in fig.axes[0].texts]
    counts = pd.crosstab(small["kinerja_level"], small["potensi_level"])
    assert len(cells) == 9 and sum("< 5" in c for c in cells) == int(((counts < 5).sum().sum()) + (9 - counts.size))
    assert not any(re.search(r"\n[1-4]$", c) for c in cells)
    for fig in (plots.odds_ratio_plot(models.coefficients), plots.calibration_plot(models.calibration),
                plots.probability_curve_plot(models.probability_curves(points=5), "en")):
        assert fig.axes
    plots.plt.close("all")


@pytest.fixture(scope="module")
def extract_dir(tmp_path_factory):
    return synthesize(n=1500, seed=SEED).write(tmp_path_factory.mktemp("model_cli"))


def test_cli_writes_aggregates_and_person_level_only_on_request(extract_dir, tmp_path, capsys):
    out = tmp_path / "agg"
    assert main(["model", "--data", str(extract_dir), "--period", "2026Q1", "--out", str(out)]) == 0
    coef = pd.read_csv(out / "model_coefficients.csv")
    assert list(coef.columns[:8]) == DESIGN_COLUMNS and {"kompetensi", "kinerja"} <= set(coef["term"])
    assert not (out / "readiness.csv").exists()
    assert "DATA PRIBADI" not in capsys.readouterr().out

    person = tmp_path / "person"
    assert main(["model", "--data", str(extract_dir), "--period", "2026Q1", "--out", str(person), "--person-level",
                 "--controls", "masa_kerja,level_awal"]) == 0
    printed = capsys.readouterr().out
    assert "DATA PRIBADI" in printed and str((person / "readiness.csv").resolve()) in printed
    ready = pd.read_csv(person / "readiness.csv", dtype={"nip": str})
    assert list(ready.columns) == ["nip", "nama", "opd_kode", "kotak", "kesiapan", "syarat_gagal", "probabilitas"]
    assert ready["nip"].str.fullmatch(r"\d{18}").all() and ready["probabilitas"].between(0, 1).any()
    terms = set(pd.read_csv(person / "model_coefficients.csv")["term"])
    assert "golongan_ordinal" not in terms and "masa_kerja" in terms


def test_aggregate_outputs_hold_no_nip_or_name(extract_dir, tmp_path):
    out = tmp_path / "agg"
    assert main(["model", "--data", str(extract_dir), "--period", "2026Q1", "--out", str(out), "--person-level"]) == 0
    peg = pd.read_csv(extract_dir / "pegawai.csv", dtype={"nip": str})
    for f in out.iterdir():
        if f.name == "readiness.csv":
            continue
        body = f.read_text(encoding="utf-8")
        assert not any(nip in body for nip in peg["nip"]), f.name
        assert not any(name in body for name in peg["nama"].unique()), f.name


def test_cli_user_errors_exit_2_without_traceback(extract_dir, tmp_path, capsys):
    assert main(["model", "--data", str(tmp_path / "nowhere"), "--period", "2026Q1", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "nowhere" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["model", "--data", str(extract_dir), "--period", "2026Q1", "--out", str(tmp_path / "o"),
                 "--controls", "golongan,bogus"]) == 2
    assert "bogus" in capsys.readouterr().err
    assert not (tmp_path / "o" / "model_coefficients.csv").exists()
