"""The evidence window (DESIGN §8, docs/window.md): person-quarter rows, the window's shrinking to the data's history,
the ledger over every quarter, funnel limits, empirical-Bayes pooling, tiers, the trend, and what pooling four quarters
finds on the default synthetic world that one quarter cannot."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

import merit_lib as ml
from merit_lib.analysis import tiers as TR
from merit_lib.analysis.features import analysis_frame, counted_promotions, current, evidence_window, window_of
from merit_lib.analysis.ledger import COUNTED, promotion_ledger
from merit_lib.domain import codes
from merit_lib.domain import rules as R
from merit_lib.domain.period import Period, Window
from merit_lib.synth import synthesize
from merit_lib.synth.generator import DEMO_DISPARITIES, DEMO_IGNORE_MERIT

PERIOD = "2026Q1"


# --------------------------------------------------------------------------- the window


def test_window_is_the_quarters_ending_with_the_period_and_shrinks_to_the_history():
    w = Window.ending("2026Q1", 4)
    assert w.labels() == ["2025Q2", "2025Q3", "2025Q4", "2026Q1"] and not w.shrunk and w.period == Period(2026, 1)
    short = Window.ending("2026Q1", 4, history_from=pd.Timestamp(2025, 9, 3))
    assert short.labels() == ["2025Q3", "2025Q4", "2026Q1"] and short.shrunk and short.requested == 4
    # the period itself always stays, even when the history starts inside it
    assert Window.ending("2026Q1", 4, history_from=pd.Timestamp(2026, 2, 1)).labels() == ["2026Q1"]
    assert Window.from_dict(short.as_dict()) == short
    assert Window.ending("2026Q1", 1).labels() == ["2026Q1"]
    with pytest.raises(ValueError, match="jendela"):
        Window.ending("2026Q1", 0)
    assert w.quarter_of(pd.Series(pd.to_datetime(["2025-04-01", "2026-03-31", "2025-03-31"]))).tolist()[:2] == \
        ["2025Q2", "2026Q1"]


@pytest.fixture(scope="module")
def world():
    """A small world with a past (11 quarters), no planted effect."""
    return synthesize(n=700, seed=3)


def test_person_quarters_are_one_row_per_person_and_quarter_and_window_one_is_the_quarter(world):
    f4 = analysis_frame(world.tables, PERIOD, window=4)
    f1 = analysis_frame(world.tables, PERIOD, window=1)
    n = len(world.tables["pegawai"])
    assert len(f4) == 4 * n and f4.groupby("triwulan")["nip"].nunique().eq(n).all()
    assert not f4[["nip", "triwulan"]].duplicated().any()
    assert window_of(f4).labels() == ["2025Q2", "2025Q3", "2025Q4", "2026Q1"] and window_of(f1).n == 1
    # window 1 is the period's own quarter, row for row
    last = current(f4).reset_index(drop=True)
    cols = ["nip", "level_awal", "opd_kode", "berisiko", "dipromosikan", "kompetensi", "kinerja", "kesiapan"]
    pd.testing.assert_frame_equal(last[cols], f1[cols].reset_index(drop=True))


def test_each_quarter_reads_only_what_was_dated_before_it(world):
    f = analysis_frame(world.tables, PERIOD, window=4)
    prof = world.tables["profiling"]
    for q in window_of(f).quarters:
        rows = f[f["triwulan"] == str(q)].set_index("nip")
        seen = prof[prof["tanggal_asesmen"] < q.start].groupby("nip")["tanggal_asesmen"].max()
        assessed = rows["tanggal_asesmen"].dropna()
        assert (assessed < q.start).all()
        assert set(assessed.index) == set(seen.index) & set(rows.index)
        assert (rows.loc[assessed.index, "tanggal_asesmen"] == seen.reindex(assessed.index)).all()


def test_a_promoted_person_leaves_the_risk_set_of_the_old_level(world):
    f = analysis_frame(world.tables, PERIOD, window=4)
    quarters = window_of(f).labels()
    promoted = f[counted_promotions(f) & (f["triwulan"] == quarters[0])]
    assert len(promoted) > 10
    later = f[f["nip"].isin(promoted["nip"]) & (f["triwulan"] == quarters[1])].set_index("nip")
    before = promoted.set_index("nip")
    # a quarter later they sit at the new level, not at risk yet (promoted less than a year ago), named so
    assert (later["level_awal"] != before.loc[later.index, "level_awal"]).all()
    assert not later["berisiko"].any() and later["baru_dipromosikan"].all()
    # never counted twice in the window
    assert not f[counted_promotions(f)].duplicated("nip").any()


def test_the_ledger_accounts_for_every_promotion_of_every_quarter(world):
    f = analysis_frame(world.tables, PERIOD, window=4)
    riw = world.tables["riwayat_jabatan"]
    ledger = promotion_ledger(f, riw, PERIOD)
    win = window_of(f)
    events = riw[(riw["jenis_mutasi"] == "promosi") & (riw["tanggal"] >= win.start) & (riw["tanggal"] <= win.end)]
    assert len(ledger) == len(events) and ledger["alasan"].notna().all()
    assert set(ledger["triwulan"]) == set(win.labels())
    assert (ledger["alasan"] == COUNTED).sum() == counted_promotions(f).sum()
    per_quarter = ledger[ledger["alasan"] == COUNTED].groupby("triwulan").size()
    assert per_quarter.to_dict() == f[counted_promotions(f)].groupby("triwulan").size().to_dict()


def test_history_only_inside_the_period_shrinks_the_window_to_one_quarter(world):
    from merit_lib.synth import shapes

    t = shapes.reshape(world.tables, ["history_inside"])
    w = evidence_window(t, PERIOD, 4)
    assert w.labels() == [PERIOD] and w.shrunk
    f = analysis_frame(t, PERIOD, window=4)
    assert f["triwulan"].unique().tolist() == [PERIOD] and window_of(f).requested == 4


def test_an_earlier_quarter_of_a_long_history_with_a_pppk_appointed_later_is_judged():
    """`--period 2025Q3` of an extract with a long history: a PPPK appointed after the quarter's start has no target
    level there (the TypeError in rules.status_check)."""
    s = synthesize(n=300, seed=5)
    t = {k: v.copy() for k, v in s.tables.items()}
    pppk = t["pegawai"].index[t["pegawai"]["status_kepegawaian"] == "PPPK"][0]
    nip = t["pegawai"].at[pppk, "nip"]
    riw = t["riwayat_jabatan"]
    riw.loc[riw["nip"] == nip, "tanggal"] = pd.Timestamp(2025, 8, 1)     # appointed inside 2025Q3
    f = analysis_frame(t, "2025Q3", window=4)
    row = f[(f["nip"] == nip) & (f["triwulan"] == "2025Q3")].iloc[0]
    assert pd.isna(row["level_tujuan"]) and not row["berisiko"] and pd.isna(row["cek_status"])
    assert R.status_check(pd.Series(["PPPK", "PNS"]), pd.Series([pd.NA, "Pengawas"], dtype="string")).tolist() == \
        [R.UNKNOWN, R.PASS]


def test_nobody_is_at_risk_before_their_appointment():
    """Issue 23, review: an extract lists today's staff, so a person appointed (TMT CPNS) after a quarter's start was not
    an ASN then (the 2012Q1 frame counted 11-year-olds at risk). Not in post before the appointment, in post after."""
    t = {k: v.copy() for k, v in synthesize(n=300, seed=5).tables.items()}
    before = analysis_frame(t, PERIOD)
    assert t["pegawai"]["tmt_cpns"].notna().all()
    at_risk = before[before["berisiko"] & (before["triwulan"] == "2025Q2")]
    nip = at_risk["nip"].iloc[0]
    peg = t["pegawai"]
    peg.loc[peg["nip"] == nip, "tmt_cpns"] = pd.Timestamp(2025, 8, 1)         # appointed inside 2025Q3
    f = analysis_frame(t, PERIOD).set_index(["nip", "triwulan"])
    assert [bool(f.at[(nip, q), "aktif"]) for q in ("2025Q2", "2025Q3", "2025Q4", "2026Q1")] == [False, False, True, True]
    assert not f.at[(nip, "2025Q2"), "berisiko"] and not f.at[(nip, "2025Q3"), "berisiko"]
    # and over the whole extract: no row at risk at a quarter's start before the person's appointment
    g = analysis_frame(t, PERIOD)
    appointed = pd.to_datetime(g["nip"].map(dict(zip(peg["nip"], peg["tmt_cpns"]))))
    starts = g["triwulan"].map(lambda q: Period.parse(q).start)
    assert not (g["berisiko"] & (appointed > starts)).any()
    assert (g["berisiko"] & (appointed <= starts)).sum() > 0.5 * len(g)


# --------------------------------------------------------------------------- funnel limits, pooling, tiers


def test_funnel_limits_are_the_exact_binomial_quantiles():
    lim = TR.funnel_limits(0.5, [100, 400])
    # the 95% limits of a share of n around 0.5 sit within a step of the binomial quantiles (interpolated)
    for i, n in enumerate((100, 400)):
        lo, hi = sps.binom.ppf(0.025, n, 0.5) / n, sps.binom.ppf(0.975, n, 0.5) / n
        assert lim.at[i, "low_95"] == pytest.approx(lo, abs=1 / n) and lim.at[i, "high_95"] == pytest.approx(hi, abs=1 / n)
        assert lim.at[i, "low_99.8"] < lim.at[i, "low_95"] < 0.5 < lim.at[i, "high_95"] < lim.at[i, "high_99.8"]
    assert lim.at[1, "high_95"] - lim.at[1, "low_95"] < lim.at[0, "high_95"] - lim.at[0, "low_95"]   # a funnel
    # judging a whole count uses its exact tail: 5 of 5 at a province of 90 % is inside; 200 of 200 is not
    assert TR.outside(1.0, 5, 0.9, 0.998) == "inside" and TR.outside(1.0, 200, 0.9, 0.998) == "above"
    assert TR.outside(5 / 32, 32, 0.57, 0.998) == "below" and TR.outside(0.6, 10, 0.6) == "inside"


@given(st.floats(0.1, 0.9), st.floats(3, 40), st.integers(0, 2**31 - 1))
def test_eb_prior_recovers_the_mean_and_pools_toward_it(mean, strength, seed):
    rng = np.random.default_rng(seed)
    n = rng.integers(5, 60, 40)
    k = rng.binomial(n, rng.beta(mean * strength, (1 - mean) * strength, 40))
    a, b = TR.eb_prior(k, n, 0.5, 5.0)
    assert a > 0 and b > 0 and TR.PRIOR_STRENGTH[0] - 1e-6 <= a + b <= TR.PRIOR_STRENGTH[1] + 1e-6
    assert a / (a + b) == pytest.approx(k.sum() / n.sum(), abs=0.12)
    post = (k + a) / (n + a + b)
    raw = k / n
    assert (np.abs(post - a / (a + b)) <= np.abs(raw - a / (a + b)) + 1e-12).all()   # every estimate pulled in


def test_eb_prior_falls_back_with_few_units():
    assert TR.eb_prior(np.array([1, 2]), np.array([3, 4]), 0.6, 5.0) == pytest.approx((3.0, 2.0))
    assert TR.eb_prior(np.array([]), np.array([]), float("nan"), 5.0) == pytest.approx((2.5, 2.5))


def test_tiers_by_interval_and_the_one_province_average():
    low, high = np.array([60.0, 40.0, 20.0, np.nan]), np.array([70.0, 70.0, 45.0, np.nan])
    rated = np.array([True, True, True, False])
    avg = TR.province_average(np.array([65.0, 55.0, 30.0, 90.0]), np.array([10, 30, 10, 100]), rated)
    assert avg == pytest.approx((650 + 1650 + 300) / 50)
    assert TR.tier(low, high, rated, avg).tolist() == [codes.TIER_ABOVE, codes.TIER_EXPECTED, codes.TIER_BELOW,
                                                        codes.TIER_NOT_RATED]


def test_quarters_until_an_opd_can_be_rated():
    assert TR.quarters_to_rated(6, 4, 4) == 0
    assert TR.quarters_to_rated(0, 4, 4) is None                 # no rate to go on
    assert TR.quarters_to_rated(2, 4, 4) is None                 # 0.5 a quarter: a 4-quarter window never holds 5
    assert TR.quarters_to_rated(4, 2, 4) == 1                    # a shrunk window: 2 a quarter, 5 in 3 quarters
    assert TR.quarters_to_rated(3, 2, 8) == 2


# --------------------------------------------------------------------------- the default world: what pooling finds


@pytest.fixture(scope="module")
def demo():
    """The default synthetic world (`merit synth`: its documented planted effects), audited on one quarter and on the
    default window of four."""
    from merit_lib.report import privacy

    s = synthesize(disparities=list(DEMO_DISPARITIES), ignore_merit=list(DEMO_IGNORE_MERIT))
    out = {}
    for w in (1, 4):
        f = analysis_frame(s.tables, PERIOD, window=w)
        a = ml.audit(f)
        out[w] = (f, a.findings, privacy.publish("compliance", ml.compliance(f, a.findings)))
    return s, out


def test_the_window_rates_most_opds_and_tests_three_times_as_many_findings(demo):
    _, out = demo
    rated = {w: int((c["tier"] != codes.TIER_NOT_RATED).sum()) for w, (_, _, c) in out.items()}
    testable = {w: int((f["flag"] != "insufficient data").sum()) for w, (_, f, _) in out.items()}
    assert rated[4] >= 30 and rated[4] > rated[1]
    assert testable[4] >= 3 * testable[1]
    # thin findings are kept, never dropped to improve the figure: every (scope, attribute, group) has its row
    f1, f4 = out[1][1], out[4][1]
    assert len(f4) >= len(f1) - 3 and (f4["flag"] == "insufficient data").any()


def test_every_planted_effect_is_found_and_nothing_else(demo):
    from merit_lib.report.views import funnel_points

    s, out = demo
    f, findings, comp = out[4]
    d = DEMO_DISPARITIES[0]
    row = findings[(findings["scope"] == d.opd) & (findings["attribute"] == d.attribute) & (findings["group"] == d.group)]
    assert row["flag"].iloc[0] == "disparity" and row["direction"].iloc[0] == "lower"
    flagged = findings[findings["flag"] == "disparity"]
    planted = (flagged["attribute"] == d.attribute) & flagged["scope"].isin([d.opd, codes.PROVINCE]) & \
        (flagged["direction"] == "lower")
    assert planted.all(), flagged[["scope", "attribute", "group", "direction"]]
    # the OPD that ignores merit: its share of promotions from the talent pool below the funnel's 99.8% limit
    points = funnel_points(comp)
    pool = points[points["component"] == "share_promosi_talent_pool"].set_index("opd_kode")
    assert pool.at[DEMO_IGNORE_MERIT[0], "position"] == "below"
    assert (pool.drop(index=DEMO_IGNORE_MERIT[0])["position"] != "below").all()


def test_pooling_finds_what_a_single_quarter_cannot():
    """A penalty for women in a mid-sized OPD (odds ratio 0.2 in the larger hospital): too few promotions in one quarter
    to test at all, found in a year."""
    from merit_lib.synth import Disparity

    d = Disparity("RSUDBTN", "jenis_kelamin", "P", 0.2)
    s = synthesize(seed=1, disparities=[d])

    def row(w):
        f = ml.audit(analysis_frame(s.tables, PERIOD, window=w)).findings
        return f[(f["scope"] == d.opd) & (f["attribute"] == d.attribute) & (f["group"] == d.group)].iloc[0]
    one, year = row(1), row(4)
    assert one["flag"] == "insufficient data"
    assert year["flag"] == "disparity" and year["direction"] == "lower" and year["aor_ci_high"] < 1
    assert year["n_model_group"] > one["n_model_group"]


def test_the_same_holds_on_an_independently_made_extract_with_a_past():
    """tests/independent_history.py: written from DESIGN §3 and the issue alone (11 quarters, batch promotions, an OPD
    ignoring merit and a penalty for women in the largest OPD)."""
    from independent_history import make_history

    from merit_lib.report import privacy
    from merit_lib.report.views import funnel_points

    tables, truth = make_history(seed=1)
    out = {}
    for w in (1, 4):
        f = analysis_frame(tables, PERIOD, window=w)
        findings = ml.audit(f).findings
        out[w] = (findings, privacy.publish("compliance", ml.compliance(f, findings)))
    findings, comp = out[4]
    assert int((comp["tier"] != codes.TIER_NOT_RATED).sum()) >= 30
    testable = {w: int((f["flag"] != "insufficient data").sum()) for w, (f, _) in out.items()}
    # issue 20 asks for 3×; this extract honestly supports 2.5×: measured 13 against 5 (2.6×) at seed 1, and over seeds
    # 1–10 a median of 2.5× (2.0–3.25×, ≥ 3× in 3 of 10; benchmarks/bench_detectable.py). The rule of row 1 counts
    # persons and is not too strict for the person-quarter test (docs/window.md, "Detectability"): most untested
    # findings are groups of about 12 persons with 2 promoted in OPDs of 40–60 staff (detectable OR > 10 for 129 of the
    # 159), which no window of a year makes testable. The default world: 16 against 5.
    assert testable[4] >= 2.5 * testable[1]
    flagged = findings[findings["flag"] == "disparity"]
    planted = flagged[(flagged["scope"] == truth["penalty_opd"]) & (flagged["attribute"] == "jenis_kelamin")]
    # the penalty is at equal merit: the adjusted side is lower; `direction` is the raw side (issue 21), which a penalty
    # running for 11 quarters can leave on either side inside a late window (independent_history's notes)
    assert planted[["group", "adjusted_direction"]].values.tolist() == [[truth["penalty_group"], "lower"]]
    assert (planted["aor_ci_high"] < 1).all()
    raw_side = np.where(planted["rate_group"] < planted["rate_reference"], "lower", "higher")
    assert (planted["direction"].to_numpy(str) == raw_side).all()
    # nothing flagged outside the OPD that carries the penalty. One age band there is flagged too (< 30 against 40–49,
    # adjusted OR 3.27, 1.35–7.91, 12 of 47 persons promoted): a false flag, not a consequence of the penalty (men are
    # 45 % of the band and 44 % of the reference, and holding gender moves the OR only to 2.84, still flagged); it comes
    # from years in level, the generator's eligibility rule (≥ 4 years), which the age model does not hold (holding it
    # and gender: 2.21, 0.75–6.52). It is the only age flag in seeds 1–10 (docs/window.md).
    assert (flagged["scope"] == truth["penalty_opd"]).all()
    points = funnel_points(comp)
    ignoring = points[(points["opd_kode"] == truth["ignore_merit_opd"])
                      & points["component"].isin(["share_promosi_talent_pool", "share_promosi_eligible"])]
    assert (ignoring["position"] == "below").any()
    others = points[(points["opd_kode"] != truth["ignore_merit_opd"]) & (points["position"] == "below")
                    & points["component"].isin(["share_promosi_talent_pool", "share_promosi_eligible"])]
    assert others.empty


def test_a_person_no_longer_active_leaves_the_risk_set_from_the_date_and_earlier_quarters_count(world):
    """Kedudukan hukum (SIASN): not active from `tmt_kedudukan_hukum`; without a date, in the window's last quarter only
    (the extract is the state at its end). Counted in the ledger under its own reason."""
    from merit_lib.analysis.ledger import NOT_ACTIVE, person_ledger

    t = {k: v.copy() for k, v in world.tables.items()}
    f0 = analysis_frame(t, PERIOD, window=4)
    steady = f0.groupby("nip")["berisiko"].all()
    x, y = steady[steady].index[:2]
    peg = t["pegawai"]
    peg["kedudukan_hukum"] = pd.Series(pd.NA, index=peg.index, dtype="string")
    peg["tmt_kedudukan_hukum"] = pd.Series(pd.NaT, index=peg.index)
    peg.loc[peg["nip"] == x, ["kedudukan_hukum", "tmt_kedudukan_hukum"]] = ["pensiun", pd.Timestamp(2025, 10, 15)]
    peg.loc[peg["nip"] == y, "kedudukan_hukum"] = "cltn"
    f = analysis_frame(t, PERIOD, window=4)
    at_risk = f.pivot_table(index="nip", columns="triwulan", values="berisiko", aggfunc="first")
    assert at_risk.loc[x].tolist() == [True, True, True, False]      # retired on 15 October: out from 2026Q1's start
    assert at_risk.loc[y].tolist() == [True, True, True, False]      # on leave, no date: the last quarter only
    assert (at_risk.drop(index=[x, y]) == f0.pivot_table(index="nip", columns="triwulan", values="berisiko",
                                                         aggfunc="first").drop(index=[x, y])).all().all()
    ledger = person_ledger(f, 0)
    assert int(ledger.loc[ledger["alasan"] == NOT_ACTIVE, "n_orang"].sum()) == 2


@pytest.fixture(scope="module")
def quarters(world):
    return analysis_frame(world.tables, PERIOD, window=4)


@settings(max_examples=10, deadline=None)
@given(opds=st.one_of(st.none(), st.integers(1, 30)), drop_quarter=st.booleans(), seed=st.integers(0, 2**16))
def test_any_person_quarter_shape_counts_every_person_once(quarters, opds, drop_quarter, seed):
    """OPD subsets and a quarter with no promotion at all: the audit's PROVINSI rows count each person at risk once
    and each person promoted once, whatever the shape; no fit fails on an empty quarter."""
    rng = np.random.default_rng(seed)
    d = quarters
    if opds is not None:
        d = d[d["opd_kode"].isin(rng.choice(d["opd_kode"].dropna().unique(), opds, replace=False))]
    if drop_quarter:
        d = d.assign(dipromosikan=d["dipromosikan"] & (d["triwulan"] != "2025Q3"))
    result = ml.audit(d)
    f = result.findings
    assert not f.duplicated(["scope", "attribute", "group"]).any()
    at_risk = d[d["berisiko"].astype(bool) & (d["cek_status"] != R.FAIL)]
    people = at_risk.groupby("nip").agg(y=("dipromosikan", "max"), g=("jenis_kelamin", "last"))
    prov = f[(f["scope"] == codes.PROVINCE) & (f["attribute"] == "jenis_kelamin")]
    if people["g"].nunique() == 2:
        assert prov["n_group"].sum() + prov["n_reference"].iloc[0] == len(people)
        assert prov["promoted_group"].sum() + prov["promoted_reference"].iloc[0] == int(people["y"].sum())
        assert prov["pq_group"].sum() + prov["pq_reference"].iloc[0] == len(at_risk)
    assert result.meta["counts"]["n_audited"] == len(people)
    assert result.meta["counts"]["n_person_quarters"] == len(at_risk)


@settings(max_examples=40, deadline=None)
@given(sizes=st.lists(st.tuples(st.integers(1, 4), st.booleans(), st.booleans()), min_size=4, max_size=80),
       extra=st.integers(0, 3))
def test_the_detectability_gate_counts_persons_however_many_quarters_they_are_at_risk(sizes, extra):
    """Row 1 of the decision table counts persons (promoted in any quarter of the window), never person-quarters: a
    person-quarter count credited power the tests do not have (docs/window.md, "Detectability"; measured by
    benchmarks/bench_detectable.py). Adding quarters at risk without a promotion leaves the gate where it was."""
    from merit_lib.analysis.fairness import raw
    from merit_lib.analysis.fairness.population import persons
    from merit_lib.analysis.fairness.schema import AuditParams

    rows = []
    for i, (quarters, women, promoted) in enumerate(sizes):
        for q in range(quarters):
            rows.append({"_id": f"p{i}", "_t": f"2025Q{q + 1}", "_scope": "X", "_q": 0.0,
                         "_y": float(promoted and q == quarters - 1), "g": "P" if women else "L"})
    pop = pd.DataFrame(rows).astype({"_id": "string", "_t": "string", "_scope": "string", "g": "string"})
    longer = pd.concat([pop, *[pop.drop_duplicates("_id").assign(_t=f"2024Q{k + 1}", _y=0.0) for k in range(extra)]],
                       ignore_index=True)
    params = AuditParams()

    def gate(p: pd.DataFrame) -> pd.DataFrame:
        c = raw.raw_statistics(raw.cells(persons(p, by_scope=True), persons(p, by_scope=False), "g", "L"), params)
        return c.assign(reason=raw.insufficient(c, params)).set_index("scope")

    by_person = pd.DataFrame(sizes, columns=["quarters", "women", "promoted"])
    women, men = by_person[by_person["women"]], by_person[~by_person["women"]]
    for p in (pop, longer):
        c = gate(p)
        if women.empty or men.empty:
            assert c.empty or (c["n_reference"] == 0).all() or (c["n_group"] == 0).all()
            continue
        r = c.loc["X"]
        assert (r["n_group"], r["promoted_group"]) == (len(women), women["promoted"].sum())
        assert (r["n_reference"], r["promoted_reference"]) == (len(men), men["promoted"].sum())
        expected = raw.detectable_odds_ratio(women["promoted"].sum(), len(women), men["promoted"].sum(), len(men),
                                             params.alpha, params.power)
        assert np.isclose(r["detectable_odds_ratio"], expected) or (np.isinf(expected) and np.isinf(r["detectable_odds_ratio"]))
    assert gate(pop)["reason"].tolist() == gate(longer)["reason"].tolist()
