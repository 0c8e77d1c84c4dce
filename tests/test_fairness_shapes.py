"""The fairness audit on extract shapes our generator does not make: it never crashes, never repeats a row, labels what
cannot be tested `insufficient data`, and keeps every column numeric (pandas 3).

Each shape is cut from one small synthetic extract (n=800, seed 4): a PNS-only or PPPK-only extract, a single OPD, an
OPD of one gender or of 1–3 persons, a scope or a whole period without promotions, 300 tiny OPDs, an empty optional
control (`tmt_cpns` dropped → `masa_kerja` empty). The figures are checked on empty and one-row input.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.multitest import multipletests

from merit_lib.analysis import fairness as F
from merit_lib.analysis.features import analysis_frame
from merit_lib.domain.roles import ASN
from merit_lib.report import figures as plots
from merit_lib.report import page_figures as rp
from merit_lib.report.views import funnel_points
from merit_lib.synth import synthesize

KEYS = ["scope", "attribute", "group"]
NOTHING = {"id": "tidak ada temuan yang dapat ditampilkan", "en": "no findings to show"}
NO_DATA = {"id": "tidak ada data yang dapat ditampilkan", "en": "no data to show"}
NO_PROMOTION = {"id": "Tidak seorang pun pegawai yang dapat dipromosikan benar-benar dipromosikan",
                "en": "Nobody who could be promoted was promoted"}


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    s = synthesize(n=800, seed=4)
    return analysis_frame(s.tables, "2026Q1", window=1)   # one quarter: a row is a person (person-quarters: test_window)


@pytest.fixture(scope="module")
def base(frame) -> F.AuditResult:
    return F.audit(frame)


def _at_risk(frame: pd.DataFrame) -> pd.DataFrame:
    """The audited persons: at risk, outcome known, not outside by the status rule (PPPK cannot hold a structural post)."""
    return frame[frame["berisiko"].astype(bool) & frame["dipromosikan"].notna() & (frame["cek_status"] != "gagal")]


def _check(result: F.AuditResult) -> pd.DataFrame:
    """The invariants every audit keeps, whatever the shape: columns, dtypes, one row per key, flags, untested = no p."""
    f = result.findings
    assert list(f.columns[:len(F.FINDINGS_COLUMNS)]) == list(F.FINDINGS_COLUMNS)
    assert not f.duplicated(KEYS).any()
    objects = [c for c in f.columns if f[c].dtype == object]
    assert not objects, f"object columns: {objects}"
    for col in F._FLOAT_COLUMNS:
        assert f[col].dtype == "float64", col
    for col in F._INT_COLUMNS:
        assert f[col].dtype == "int64", col
    for col in F._TEXT_COLUMNS:
        assert isinstance(f[col].dtype, pd.StringDtype), col
    assert f["suppressed"].dtype == bool
    assert set(f["flag"]) <= set(F.FLAGS)
    untested = f["decision_row"] == 1
    assert f.loc[untested, ["p_value", "p_adjusted", "aor_p_value", "aor_p_adjusted"]].isna().all().all()
    assert f.loc[f["flag"] == F.INSUFFICIENT, "flag_reason"].notna().all()
    rows = {r.row: r.flag for r in F.DECISION_TABLE}
    assert (f["flag"] == f["decision_row"].map(rows)).all()                       # the flag is its decision row's
    assert (f["explained_by"].notna() == (f["flag"] == F.EXPLAINED)).all()          # explained_by only for an explained gap
    assert set(f["direction"].dropna()) <= {F.LOWER, F.HIGHER}
    assert f.loc[f["raw_odds_ratio"].notna() & (f["raw_odds_ratio"] != 1), "direction"].notna().all()   # always stated
    assert result.flags().sum() == len(f)
    for lang in ("id", "en"):   # every presentation works on the shape too
        result.summary(lang), result.caveats(lang), result.table(lang), result.rules(lang)
    return f


def _texts(fig: plt.Figure) -> str:
    return " ".join([t.get_text() for t in fig.texts] + [t.get_text() for ax in fig.axes for t in ax.texts])


# --------------------------------------------------------------------------- 1. Benjamini–Hochberg, single-valued attributes


def test_bh_takes_object_p_values_and_returns_float():
    p = pd.Series([0.01, None, 0.04, np.nan, 0.5], dtype=object)
    out = F._bh(p)
    assert out.dtype == "float64" and out.isna().tolist() == [False, True, False, True, False]
    np.testing.assert_allclose(out.dropna(), multipletests([0.01, 0.04, 0.5], method="fdr_bh")[1])
    assert F._bh(pd.Series([], dtype=object)).dtype == "float64"


@pytest.mark.parametrize("status", ["PNS", "PPPK"])
def test_single_status_extract_audits_the_other_attributes(frame, base, status):
    """PNS-only (the reference alone) and PPPK-only (the configured reference absent): no status rows, a caveat."""
    result = F.audit(frame.assign(status_kepegawaian=status))
    f = _check(result)
    assert "status_kepegawaian" not in set(f["attribute"])
    assert {"jenis_kelamin", "kelompok_usia"} <= set(f["attribute"])
    same = base.findings[base.findings["attribute"] != "status_kepegawaian"]
    np.testing.assert_array_equal(f["n_group"], same["n_group"])      # the other attributes' counts are untouched
    assert result.meta["counts"]["not_compared"] == {"status_kepegawaian": [status]}
    assert any(c.startswith("Employment status: fewer than two groups") and status in c for c in result.caveats("en"))
    assert any(c.startswith("Status kepegawaian: kurang dari dua kelompok") for c in result.caveats("id"))
    assert result.params["references"]["status_kepegawaian"] == "PNS"   # the configured reference stays recorded


def test_every_attribute_single_valued_or_empty_gives_an_empty_table(frame):
    one = frame.assign(status_kepegawaian="PNS", jenis_kelamin="P",
                       kelompok_usia=pd.Series(pd.NA, index=frame.index, dtype="string"))
    result = F.audit(one)
    f = _check(result)
    assert f.empty
    assert result.params["references"]["kelompok_usia"] is None and "kelompok_usia (pembanding -)" in result.summary("id")
    nobody = F.audit(frame.assign(berisiko=False))
    assert _check(nobody).empty and nobody.meta["counts"]["n_at_risk"] == 0
    assert _check(F.audit(frame.head(1))).empty


@pytest.mark.parametrize("how", ["one real OPD", "one code for all"])
def test_single_opd_extract(frame, how):
    one = frame[frame["opd_kode"] == "DINDIKBUD"] if how == "one real OPD" else frame.assign(opd_kode="SATU")
    code = "DINDIKBUD" if how == "one real OPD" else "SATU"
    f = _check(F.audit(one))
    assert set(f["scope"]) == {F.PROVINCE, code}
    prov, opd = (f[f["scope"] == s].set_index(["attribute", "group"]) for s in (F.PROVINCE, code))
    pd.testing.assert_series_equal(prov["n_group"], opd["n_group"])   # the province is that OPD
    pd.testing.assert_series_equal(prov["promoted_group"], opd["promoted_group"])


# --------------------------------------------------------------------------- 2. figures on empty and one-row input


def test_forest_plot_of_an_attribute_without_findings_says_so(frame):
    f = F.audit(frame.assign(status_kepegawaian="PNS")).findings
    for lang in ("id", "en"):
        fig = plots.forest_plot(f, "status_kepegawaian", lang)
        assert NOTHING[lang] in _texts(fig)
        plt.close(fig)


def test_forest_and_rates_plot_of_one_row(base):
    f = base.findings
    row = f[(f["flag"] != F.INSUFFICIENT) & np.isfinite(f["aor_ci_high"])].head(1)
    assert len(row) == 1
    fig = plots.forest_plot(row, row["attribute"].iloc[0], "en")
    assert len(fig.axes[0].containers) == 1 and NOTHING["en"] not in _texts(fig)
    plt.close(fig)
    untested = f[f["flag"] == F.INSUFFICIENT].head(1)   # a group whose only row is left out: the panel says so
    fig = plots.forest_plot(untested, untested["attribute"].iloc[0], "en")
    assert NOTHING["en"] in _texts(fig) and "Left out:" in _texts(fig)
    plt.close(fig)
    fig = plots.rates_plot(row, row["scope"].iloc[0], "id")
    assert len(fig.axes) == 1
    plt.close(fig)


def _model_tables() -> dict[str, pd.DataFrame]:
    """Small inputs of the readiness-model figures, with the columns those figures read."""
    coefficients = pd.DataFrame({"model": ["logit"] * 3, "term": ["Intercept", "kompetensi", "kinerja"],
                                 "odds_ratio": [0.1, 1.8, 1.4], "ci_low": [0.05, 1.2, np.nan],
                                 "ci_high": [0.2, 2.5, np.nan]})
    calibration = pd.DataFrame({"model": "logit", "decile": [1, 2], "n": [40, 40], "predicted": [0.05, 0.12],
                                "events": [2, 5], "observed": [0.05, 0.125], "ci_low": [0.01, 0.05],
                                "ci_high": [0.16, 0.26], "suppressed": [False, False]})
    curves = pd.DataFrame({"competency": [1.0, 2.0, 1.0, 2.0], "kinerja": [1.0, 1.0, 2.0, 2.0],
                           "probability": [0.05, 0.1, 0.08, 0.15]})
    curves.attrs.update(competency="kompetensi", kinerja="kinerja", model="logit_interaksi")
    return {"coefficients": coefficients, "calibration": calibration, "curves": curves}


def _figures(frame: pd.DataFrame, base: F.AuditResult) -> dict[str, tuple]:
    """Every plotting function with its input (name → (draw, data))."""
    from merit_lib.analysis.compliance import compliance

    m = _model_tables()
    comp = compliance(frame, base.findings)
    cov = pd.DataFrame({"opd_kode": ["A", "B"], "suppressed": [False, False], **{
        f"coverage_{k}{s}": [0.8 + d, 0.6 + d] for k in ("profiling", "kinerja")
        for s, d in (("", 0.0), ("_ci_low", -0.1), ("_ci_high", 0.1))}})
    return {
        "forest_plot": (lambda d, lang: plots.forest_plot(d, "jenis_kelamin", lang), base.findings),
        "rates_plot": (lambda d, lang: plots.rates_plot(d, F.PROVINCE, lang), base.findings),
        "coverage_plot": (lambda d, lang: plots.coverage_plot(d, lang), cov),
        "nine_box_plot": (lambda d, lang: plots.nine_box_plot(d, lang), frame[frame["berisiko"]]),
        "probability_curve_plot": (lambda d, lang: plots.probability_curve_plot(d, lang), m["curves"]),
        "odds_ratio_plot": (lambda d, lang: plots.odds_ratio_plot(d, lang), m["coefficients"]),
        "calibration_plot": (lambda d, lang: plots.calibration_plot(d, "logit", lang), m["calibration"]),
        "funnel_plot": (lambda d, lang: rp.funnel_plot(d, lang), funnel_points(comp)),
        "standing_plot": (lambda d, lang: rp.standing_plot(d, str(comp["opd_kode"].iloc[0]), lang=lang), comp),
        "box_grid_plot": (lambda d, lang: rp.box_grid_plot(d, lang), pd.DataFrame(7, index=[2, 1, 0], columns=[0, 1, 2])),
        "trend_plot": (lambda d, lang: rp.trend_plot(d, lang), pd.DataFrame({"periode": ["2025Q4", "2026Q1"],
                                                                             "index": [55.0, 61.0], "n_opd": [41, 41]})),
    }


def test_every_figure_draws_empty_and_one_row_input(frame, base):
    """Empty input: a small figure with the sentence in the report language; one row: a figure, no error."""
    for name, (draw, data) in _figures(frame, base).items():
        for lang in ("id", "en"):
            fig = draw(data.iloc[:0], lang)
            assert NOTHING[lang] in _texts(fig) or NO_DATA[lang] in _texts(fig), name
            plt.close(fig)
        fig = draw(data.iloc[:1], "en")
        assert isinstance(fig, plt.Figure), name
        plt.close(fig)
        fig = draw(data, "en")
        assert NOTHING["en"] not in _texts(fig) and NO_DATA["en"] not in _texts(fig), name
        plt.close(fig)


# --------------------------------------------------------------------------- 3. an empty control, a missing control


def test_empty_control_is_left_out_of_the_model_not_everyone(frame, base):
    """Without tmt_cpns masa_kerja is empty: the model drops masa_kerja (with a caveat), not every person."""
    result = F.audit(frame.assign(masa_kerja=np.nan))
    f = _check(result)
    c = result.meta["counts"]
    assert c["controls_dropped"] == {"masa_kerja": 1.0} and result.params["model"]["controls_dropped"] == ["masa_kerja"]
    assert "masa_kerja" not in result.params["model"][F.PROVINCE] and "golongan_ordinal" in result.params["model"]["scope"]
    assert c["n_model"] == base.meta["counts"]["n_model"] > 0 and c["n_missing_control"] == 0
    assert (f["flag"] != F.INSUFFICIENT).sum() == (base.findings["flag"] != F.INSUFFICIENT).sum() > 0
    assert (f["aor_method"] == "wald").sum() > 0
    en, id_ = result.caveats("en"), result.caveats("id")
    assert any("control years of service is missing for 100%" in x and "more than 50%" in x for x in en)
    assert any("Variabel kontrol masa kerja (tahun) kosong untuk 100%" in x for x in id_)   # Babel, id_ID
    # the persons left out are those without merit scores, and the caveat says so (not a missing control)
    assert c["n_no_merit"] == int(_at_risk(frame)["kompetensi"].isna().sum()) == base.meta["counts"]["n_no_merit"]
    assert not any("no value of the control" in x for x in en)
    assert F.MAX_MISSING_CONTROL == 0.5


def test_control_missing_for_some_keeps_it_and_names_the_reason(frame, base):
    """golongan_ordinal blanked for 30 persons with merit scores: the control stays, those persons leave the model only."""
    at_risk = _at_risk(frame)
    blank = at_risk[at_risk["kompetensi"].notna()].sample(30, random_state=1).index
    result = F.audit(frame.assign(golongan_ordinal=frame["golongan_ordinal"].mask(frame.index.isin(blank))))
    f = _check(result)
    c = result.meta["counts"]
    assert c["controls_dropped"] == {} and "golongan_ordinal" in result.params["model"]["scope"]
    assert c["n_missing_control"] == 30 and c["missing_control"] == {"golongan_ordinal": 30}
    assert c["n_model"] == base.meta["counts"]["n_model"] - 30 and c["n_no_merit"] == base.meta["counts"]["n_no_merit"]
    assert any(x.startswith("30 persons who could be promoted") and "no value of the control grade (golongan)" in x
               for x in result.caveats("en"))
    assert any("lack complete merit scores" in x for x in result.caveats("en"))
    for col in ("n_group", "promoted_group", "rate_group", "rate_reference"):   # raw rates: everyone at risk
        pd.testing.assert_series_equal(f[col], base.findings[col])


def test_control_missing_for_most_is_dropped_and_merit_never_is(frame, base):
    at_risk = _at_risk(frame)
    most = at_risk.sample(frac=0.6, random_state=2).index
    result = F.audit(frame.assign(pendidikan_s1=frame["pendidikan_s1"].mask(frame.index.isin(most))))
    assert list(result.meta["counts"]["controls_dropped"]) == ["pendidikan_s1"]
    no_merit = F.audit(frame.assign(kompetensi=np.nan))
    f = _check(no_merit)
    c = no_merit.meta["counts"]
    assert c["controls_dropped"] == {} and c["n_model"] == 0 and c["n_no_merit"] == c["n_audited"]
    # nothing adjusted: never a verdict that needs the adjusted estimate; a raw gap is inconclusive (decision row 5)
    assert set(f["flag"]) <= {F.INSUFFICIENT, F.INCONCLUSIVE} and f["adjusted_odds_ratio"].isna().all()
    assert (f.loc[f["decision_row"] == 2, "flag_reason"] == "aor_not_estimable").all()
    pd.testing.assert_series_equal(f["rate_group"], base.findings["rate_group"])   # raw rates on everyone at risk


# --------------------------------------------------------------------------- 4. small, lopsided and promotion-less shapes


def test_opd_of_one_gender(frame):
    women = F.audit(frame.assign(jenis_kelamin=frame["jenis_kelamin"].mask(frame["opd_kode"] == "DINDIKBUD", "P")))
    f = _check(women)
    r = f[(f["scope"] == "DINDIKBUD") & (f["attribute"] == "jenis_kelamin")]
    assert len(r) == 1 and r["n_reference"].iloc[0] == 0 and r["flag"].iloc[0] == F.INSUFFICIENT
    assert r["flag_reason"].iloc[0] == "no_reference" and r["suppressed"].iloc[0]
    men = _check(F.audit(frame.assign(jenis_kelamin=frame["jenis_kelamin"].mask(frame["opd_kode"] == "DINDIKBUD", "L"))))
    assert men[(men["scope"] == "DINDIKBUD") & (men["attribute"] == "jenis_kelamin")].empty


@pytest.mark.parametrize("size", [1, 2, 3])
def test_opd_of_one_to_three_persons(frame, size):
    ids = _at_risk(frame).index[:size]
    f = _check(F.audit(frame.assign(opd_kode=frame["opd_kode"].mask(frame.index.isin(ids), "KECIL"))))
    tiny = f[f["scope"] == "KECIL"]
    assert len(tiny) and (tiny["flag"] == F.INSUFFICIENT).all() and tiny["suppressed"].all()
    assert (tiny["n_scope"] == size).all()


def test_scope_without_promotion(frame, base):
    result = F.audit(frame.assign(dipromosikan=frame["dipromosikan"] & (frame["opd_kode"] != "DINDIKBUD")))
    f = _check(result)
    d = f[f["scope"] == "DINDIKBUD"]
    assert len(d) and (d["flag"] == F.INSUFFICIENT).all() and (d["promoted_group"] == 0).all()
    assert result.meta["counts"]["n_scopes_no_promotion"] == base.meta["counts"]["n_scopes_no_promotion"] + 1


def test_no_promotion_in_the_whole_period(frame, base):
    result = F.audit(frame.assign(dipromosikan=False))
    f = _check(result)
    assert len(f) == len(base.findings) and (f["flag"] == F.INSUFFICIENT).all()
    assert (f["promoted_group"] == 0).all() and f["adjusted_odds_ratio"].isna().all()
    for lang in ("id", "en"):
        assert NO_PROMOTION[lang] in result.summary(lang)
        caveats = result.caveats(lang)
        assert sum(NO_PROMOTION[lang] in c for c in caveats) == 1
    assert not any("scopes promoted nobody" in c for c in result.caveats("en"))   # said once, for the whole period


def test_three_hundred_tiny_opds(frame):
    rng = np.random.default_rng(7)
    codes = np.array([f"OPD{i:03d}" for i in range(300)])
    spread = frame.assign(opd_kode=rng.choice(codes, len(frame)), opd_nama="x")
    result = F.audit(spread)
    f = _check(result)
    n_scopes = _at_risk(spread)["opd_kode"].nunique()
    assert n_scopes > 250 and result.meta["counts"]["n_scopes"] == n_scopes and f["scope"].nunique() <= n_scopes + 1
    assert (f.loc[f["scope"] != F.PROVINCE, "flag"] == F.INSUFFICIENT).all()


# --------------------------------------------------------------------------- 5. dtypes, also read back


def test_empty_and_all_missing_findings_round_trip_with_numeric_dtypes(frame, tmp_path):
    for i, shape in enumerate((frame.assign(dipromosikan=False), frame.assign(berisiko=False))):
        result = F.audit(shape)
        again = F.AuditResult.from_dir(result.to_dir(tmp_path / str(i)))
        pd.testing.assert_frame_equal(again.findings, result.findings)   # dtypes included


# --------------------------------------------------------------------------- property: any shape


_SHAPE = st.fixed_dictionaries({
    "opds": st.one_of(st.none(), st.integers(1, 40)),
    "blank": st.one_of(st.none(), st.sampled_from(ASN.controls)),
    "blank_share": st.sampled_from([0.2, 0.7, 1.0]),
    "collapse": st.one_of(st.none(), st.sampled_from(ASN.protected)),
    "promotions": st.sampled_from(["all", "none", "some scopes"]),
    "seed": st.integers(0, 2**16),
})


@settings(max_examples=15, deadline=None)
@given(shape=_SHAPE)
def test_any_shape_counts_every_promotion_once(frame, shape):
    """Random OPD subsets, a blanked control, a collapsed attribute, removed promotions: no exception, one row per key,
    and every promotion of the persons at risk with a known jenis_kelamin in the PROVINSI jenis_kelamin rows.

    The counts are the findings' own `promoted_group` / `promoted_reference`: the audit keeps them unsuppressed (only
    `AuditResult.table` / `display_table` shows "< 5"), so they are the internal counts."""
    rng = np.random.default_rng(shape["seed"])
    d = frame
    if shape["opds"] is not None:
        codes = d["opd_kode"].unique()
        d = d[d["opd_kode"].isin(rng.choice(codes, min(shape["opds"], len(codes)), replace=False))]
    if shape["blank"] is not None:
        blank = rng.random(len(d)) < shape["blank_share"]
        d = d.assign(**{shape["blank"]: d[shape["blank"]].mask(blank)})
    if shape["collapse"] is not None:
        d = d.assign(**{shape["collapse"]: d[shape["collapse"]].iloc[0]})
    if shape["promotions"] == "none":
        d = d.assign(dipromosikan=False)
    elif shape["promotions"] == "some scopes":
        keep = rng.choice(d["opd_kode"].unique(), max(1, d["opd_kode"].nunique() // 2), replace=False)
        d = d.assign(dipromosikan=d["dipromosikan"] & d["opd_kode"].isin(keep))

    result = F.audit(d)
    f = _check(result)
    at_risk = _at_risk(d)
    known = at_risk[at_risk["jenis_kelamin"].notna()]
    prov = f[(f["scope"] == F.PROVINCE) & (f["attribute"] == "jenis_kelamin")]
    if known["jenis_kelamin"].nunique() < 2:
        assert prov.empty and "jenis_kelamin" in result.meta["counts"]["not_compared"]
    else:
        assert prov["promoted_reference"].nunique() == 1
        assert prov["promoted_group"].sum() + prov["promoted_reference"].iloc[0] == int(known["dipromosikan"].sum())
        assert prov["n_group"].sum() + prov["n_reference"].iloc[0] == len(known)
    assert result.meta["counts"]["n_promoted_audited"] == int(at_risk["dipromosikan"].sum())
    everyone = d[d["berisiko"].astype(bool) & d["dipromosikan"].notna()]          # before the status rule
    assert result.meta["counts"]["n_promoted"] == int(everyone["dipromosikan"].sum())
    if result.meta["counts"]["n_promoted_audited"] == 0:
        assert (f["flag"] == F.INSUFFICIENT).all()
