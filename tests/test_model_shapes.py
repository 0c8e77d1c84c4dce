"""Readiness models on data shapes the synthetic generator does not make: a level without promotion (or only
promotions), a control without data, one OPD, no promotion at all, and random mixtures of these (hypothesis).

The models must degrade locally: the level or the control leaves the model with a note, and the merit terms keep
their CIs whenever the events allow. The generator plants odds ratios of 10 per competency level and 10 per kinerja
level (merit_lib.synth.generator); with seed 4 the CIs of cases (a) and (c) cover them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from merit_lib.analysis.features import analysis_frame
from merit_lib.analysis.model import MAX_MISSING_CONTROL, MIN_EPV, fit_readiness
from merit_lib.domain import language as L
from merit_lib.synth import synthesize

SEED = 4
MERIT = ("kompetensi", "kinerja")
CONTROLS = ("golongan_ordinal", "masa_kerja", "pendidikan_s1", "level_awal")
LEVELS = ("Administrator", "Fungsional", "Pelaksana", "Pengawas")


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    s = synthesize(n=1500, seed=SEED)
    return analysis_frame(s.tables, "2026Q1")


@pytest.fixture(scope="module")
def base(frame):
    return fit_readiness(frame)


def _complete(frame: pd.DataFrame, controls: tuple[str, ...] = CONTROLS) -> pd.Series:
    """At-risk rows with every modelled column present, computed here independently of merit_lib.analysis.model."""
    cols = ["dipromosikan", *MERIT, *controls, "opd_kode"]
    return _risk(frame) & frame[list(cols)].notna().all(axis=1)


def _risk(frame: pd.DataFrame) -> pd.Series:
    """Who could be promoted: at risk, and not a PPPK (who cannot hold a structural post: rules.ELIGIBILITY_RULES)."""
    return frame["berisiko"] & (frame["cek_status"] != "gagal").fillna(True)


def _row(models, model: str, term: str) -> pd.Series:
    c = models.coefficients
    return c[(c["model"] == model) & (c["term"] == term)].iloc[0]


def _merit_cis_finite(models) -> bool:
    c = models.coefficients
    merit = c[c["term"].isin(MERIT)]
    return len(merit) == 2 * len(models.models) and np.isfinite(merit[["ci_low", "ci_high"]].to_numpy()).all()


def _no_object_columns(models) -> bool:
    tables = (models.coefficients, models.marginal_effects, models.calibration, models.interaction, models.missing,
              models.predictions)
    return all(t[c].dtype != object for t in tables for c in t.columns)


# --------------------------------------------------------------------------- (a) a level without promotion


def test_a_level_without_promotion_leaves_the_model_and_merit_keeps_its_ci(frame, base):
    f = frame.copy()
    f.loc[f["level_awal"] == "Fungsional", "dipromosikan"] = False
    models = fit_readiness(f)
    level = int((_complete(f) & (f["level_awal"] == "Fungsional")).sum())
    assert level > 500
    c = models.coefficients
    assert list(dict.fromkeys(c["model"])) == ["logit", "logit_interaksi", "gee"]
    assert "ridge" not in set(c["method"]) and _merit_cis_finite(models)
    assert (c["n"] == base["logit"].n - level).all() and models.sample["n_model"] == base["logit"].n - level
    assert (c["n_events"] == int(f.loc[_complete(f), "dipromosikan"].sum())).all()
    assert not c["term"].str.contains("Fungsional").any()
    note = (f"level_awal = Fungsional: 0 dari {L.number(level, 'id')} pegawai dipromosikan — peluang promosi kelompok ini "
            "tidak dapat diestimasi")
    assert any(n.startswith(note) for n in models.notes) and note in models.summary()
    assert f"level_awal = Fungsional: 0 of {L.number(level, 'en')} persons promoted" in models.summary("en")
    for term in MERIT:     # the planted OR 10 is inside the 95% CI (seed 4)
        r = _row(models, "logit", term)
        assert r["ci_low"] <= 10 <= r["ci_high"], (term, r["ci_low"], r["ci_high"])
    assert models.predictions.loc[f["level_awal"] == "Fungsional"].isna().all().all()
    assert _no_object_columns(models)


# --------------------------------------------------------------------------- (b) a small level all promoted


def test_a_small_level_all_promoted_leaves_the_model_and_the_reference_moves(frame, base):
    f = frame.copy()
    f.loc[f["level_awal"] == "Administrator", "dipromosikan"] = True
    models = fit_readiness(f, lang="en")
    level = int((_complete(f) & (f["level_awal"] == "Administrator")).sum())
    assert 0 < level < 400                       # person-quarters of a small level
    c = models.coefficients
    assert "ridge" not in set(c["method"]) and _merit_cis_finite(models)
    assert (c["n"] == base["logit"].n - level).all()
    assert any(n.startswith(f"level_awal = Administrator: {level} of {level} persons promoted") for n in models.notes)
    # Administrator was the reference level (first in order): the next level takes its place
    assert any("reference of level_awal moves from Administrator to Fungsional" in n for n in models.notes)
    terms = set(c.loc[c["model"] == "logit", "term"])
    assert {"C(level_awal)[T.Pelaksana]", "C(level_awal)[T.Pengawas]"} <= terms
    assert not any("Administrator" in t or "Fungsional" in t for t in terms)


# --------------------------------------------------------------------------- (c) a control without data


def test_a_control_without_data_is_left_out_not_everyone(frame):
    f = frame.assign(masa_kerja=np.nan)
    models = fit_readiness(f)
    expected = int(_complete(f, tuple(c for c in CONTROLS if c != "masa_kerja")).sum())
    assert models["logit"].n == expected >= 0.5 * int(_risk(f).sum())   # earlier quarters: fewer assessed
    assert "masa_kerja" not in models.roles.controls and "masa_kerja" not in set(models.coefficients["term"])
    assert any(n.startswith("masa_kerja tidak ada datanya → tidak dimasukkan sebagai kontrol") for n in models.notes)
    assert not any("masa_kerja" in n and "tidak masuk model karena datanya kurang" in n for n in models.notes)
    assert "ridge" not in set(models.coefficients["method"]) and _merit_cis_finite(models)
    r = _row(models, "logit", "kompetensi")
    assert r["ci_low"] <= 10 <= r["ci_high"], (r["ci_low"], r["ci_high"])


@pytest.mark.parametrize("share, left_out", [(0.3, False), (0.7, True)])
def test_a_control_mostly_empty_is_left_out_and_one_sometimes_empty_costs_rows(frame, share, left_out):
    f = frame.copy()
    risk = f.index[_risk(f)]
    blank = np.random.default_rng(0).choice(risk, int(share * len(risk)), replace=False)
    f.loc[blank, "masa_kerja"] = np.nan
    assert (share > MAX_MISSING_CONTROL) == left_out
    models = fit_readiness(f, lang="en")
    assert ("masa_kerja" not in models.roles.controls) == left_out
    controls = tuple(c for c in CONTROLS if not (left_out and c == "masa_kerja"))
    assert models["logit"].n == int(_complete(f, controls).sum())
    sparse = [n for n in models.notes if n.startswith("masa_kerja is empty for")]
    assert bool(sparse) == left_out
    if left_out:
        assert f"{len(blank):,} of {len(risk):,} persons who could be promoted (70%, more than the limit of 50%)" in sparse[0]
    assert _merit_cis_finite(models)


# --------------------------------------------------------------------------- (d) one OPD


def test_one_opd_gives_robust_ses_with_a_note_not_a_crash(frame, base):
    models = fit_readiness(frame.assign(opd_kode="SATU"))
    c = models.coefficients
    assert set(c["model"]) == {"logit", "logit_interaksi"} and set(c["method"]) == {"logit_hc1"}
    assert (c["n"] == base["logit"].n).all() and _merit_cis_finite(models)
    assert any("Hanya ada satu kelompok opd_kode" in n and "HC1" in n for n in models.notes)
    assert any(n.startswith("Model gee tidak diestimasi: hanya 1 kelompok opd_kode") for n in models.notes)


def test_the_largest_opd_alone_is_fitted_without_error(frame):
    largest = frame["opd_kode"].value_counts().index[0]
    models = fit_readiness(frame[frame["opd_kode"] == largest])
    assert models.sample["n_groups"] == 1 and "logit" in models.models
    assert any("Hanya ada satu kelompok opd_kode" in n for n in models.notes)
    assert _no_object_columns(models)


# --------------------------------------------------------------------------- (e) nothing to estimate


def test_no_promotion_at_all_says_nothing_can_be_estimated(frame):
    models = fit_readiness(frame.assign(dipromosikan=False))
    assert not models.models and models.coefficients.empty
    assert any(n.startswith("Tidak ada satu pun promosi") and "model tidak diestimasi" in n for n in models.notes)
    assert "(tidak ada model yang diestimasi)" in models.summary() and "Traceback" not in models.summary()
    assert models.reading()                                   # the limits are still said
    assert _no_object_columns(models)
    assert dict(models.coefficients.dtypes.astype(str))["odds_ratio"] == "float64"


def test_every_level_perfectly_predicted_leaves_nothing_and_says_so(frame):
    models = fit_readiness(frame.assign(dipromosikan=frame["level_awal"] == "Pengawas"), lang="en")
    assert not models.models and models.sample["n_model"] == 0
    assert any(n.startswith("Once the groups whose outcome is perfectly predicted are left out, 0 persons") for n in
               models.notes)
    assert sum("persons promoted — the promotion odds of this group cannot be estimated" in n for n in models.notes) == 4


def test_an_indicator_control_without_promotion_on_one_side_leaves_with_its_rows(frame, base):
    f = frame.copy()
    f.loc[f["pendidikan_s1"] == 0, "dipromosikan"] = False
    models = fit_readiness(f)
    level = int((_complete(f) & (f["pendidikan_s1"] == 0)).sum())
    assert models["logit"].n == base["logit"].n - level
    assert any(n.startswith(f"pendidikan_s1 = 0: 0 dari {level:,}".replace(",", ".")) for n in models.notes)
    assert any("Kolom pendidikan_s1 bernilai sama" in n for n in models.notes)      # one value left → out too
    assert "pendidikan_s1" not in set(models.coefficients["term"]) and _merit_cis_finite(models)


# --------------------------------------------------------------------------- (f) random shapes


@st.composite
def shapes(draw):
    """Per level: untouched, nobody promoted or everybody promoted; per control: a share of its at-risk rows blanked."""
    levels = {lv: draw(st.sampled_from(["keep", "keep", "none", "all"])) for lv in LEVELS}
    blanks = {c: draw(st.sampled_from([0.0, 0.0, 0.3, 0.7, 1.0])) for c in CONTROLS}
    return levels, blanks, draw(st.integers(0, 2**16))


def _shaped(frame: pd.DataFrame, levels: dict[str, str], blanks: dict[str, float], seed: int) -> pd.DataFrame:
    """The frame with the drawn shape applied (outcome set per level, controls blanked at random at-risk rows)."""
    f = frame.copy()
    for level, action in levels.items():
        if action != "keep":
            f.loc[f["level_awal"] == level, "dipromosikan"] = action == "all"
    rng = np.random.default_rng(seed)
    risk = f.index[_risk(f)]
    for c, share in blanks.items():
        f.loc[rng.choice(risk, int(share * len(risk)), replace=False), c] = np.nan
    return f


@settings(max_examples=15, deadline=None)
@given(shape=shapes())
def test_random_shapes_never_fail_and_keep_the_merit_ci_when_events_allow(frame, shape):
    f = _shaped(frame, *shape)
    models = fit_readiness(f)                                 # never an exception
    assert models.notes and models.summary()
    if not models.models:
        event("nothing modelled")
        assert any("tidak diestimasi" in n or "tidak dapat diestimasi" in n for n in models.notes)
        return
    used = models.predictions.index[models.predictions["logit"].notna()]
    assert len(used) == models.sample["n_model"] <= models.sample["n_at_risk"]
    y = f.loc[used, "dipromosikan"].astype(int)
    if "level_awal" in models.roles.controls:                 # no level left in the model is perfectly predicted
        rate = y.groupby(f.loc[used, "level_awal"].to_numpy()).mean()
        assert ((rate > 0) & (rate < 1)).all(), rate
    m = models["logit"]
    events, non_events = int(y.sum()), int(len(y) - y.sum())
    assert (m.n, m.n_events) == (len(used), events)
    # "events allow": ≥ 20 of each outcome, and at least MIN_EPV of the rarer one per parameter (else ridge, by design)
    allow = min(events, non_events) >= 20 and m.epv >= MIN_EPV and f.loc[used, "kompetensi"].nunique() > 1
    event(f"events allow a CI: {allow}")
    if allow:
        r = _row(models, "logit", "kompetensi")
        assert m.method != "ridge" and np.isfinite([r["ci_low"], r["ci_high"]]).all(), (shape, m.method)
