"""The decision table: from the statistics of one (scope, attribute, group) to its verdict (DESIGN §6, docs/verdicts.md).

Each finding rests on one estimate, its *basis*: the merit-adjusted odds ratio (within OPD for PROVINSI) where the roles
declare merit; the OPD-stratified Mantel–Haenszel odds ratio for PROVINSI without merit; the raw comparison for an OPD
without merit. Its size is judged as an impact ratio at the reference's promotion rate p0 (per person-quarter for the
merit basis, whose odds ratio is a quarterly hazard's): material outside [impact_low, impact_high]. The rows are tried
in order; the first that holds gives the flag:

1. `insufficient data`: nobody (or everybody) promoted, no reference, or a test that could not detect an odds ratio of
   `max_detectable_or` (or its inverse) with `power` at this n and promotion rate;
2. `insufficient data`: the adjusted estimate cannot be computed (nobody of the cell has merit scores) and there is no
   raw gap to speak of;
3. `inconclusive`: a check the data call for gives another verdict (rows 4–10) than the model: the model sample's raw
   odds ratio differs materially from everyone's and the model weighted back to everyone (inverse-probability weights
   of the assessed, by group and outcome) says otherwise (`model_sample_differs`); or, where the roles declare a merit
   measure's reliability, the model under that reliability says otherwise (`measurement_error`);
4. `disparity`: the basis is significant after Benjamini–Hochberg, its CI excludes 1, and it is material (the practical
   test is on the adjusted effect, never on the raw gap);
5. `minor gap`: significant as in row 4 but not material: a real, small gap, its size stated;
6. `explained gap`: a raw gap (Fisher p after BH < alpha, impact ratio outside the band) that the adjustment took away:
   on the persons it was fitted on (who show at least `reproduced` of the raw log odds ratio) it moved the log odds
   ratio at least `moved` of the way to 0 (or past it), and the basis CI covers 1 or the basis is not material;
7. `inconclusive`: a raw gap that is none of the above (the adjusted CI covers 1 but the estimate did not move; it
   excludes 1 without surviving BH; or it cannot be computed);
8. `inconclusive`: a PROVINSI row whose OPDs differ (Breslow–Day p after BH < alpha; `heterogeneous`), or one of whose
   OPD rows is a `disparity` (`opd_disparities`, applied once every row has its verdict): a pooled "no gap" would hide
   the OPDs named in `heterogeneous_opds`;
9. `no disparity`: an equivalence claim — two one-sided tests at the materiality bounds (the basis's 1 − 2·alpha
   interval inside them, `equivalence_p` < alpha);
10. `inconclusive`: neither a gap nor equivalence (`not_equivalent`): `basis_detectable_or` is the smallest odds ratio
   (or its inverse) the basis estimate could have detected with `power`.

`direction` is the side of the raw gap (the group's promotion rate against the reference's), for every verdict: `lower`
= the group's rate is lower; a `disparity` that is `higher` means the reference is the group held back.
`adjusted_direction` is the basis estimate's side, said beside where it differs. `explained_by` (explained gap) names the
blocks that took the gap away, the largest share first, each that took at least `part` of the explained share:
`merit`, `opd` (composition: the group works in OPDs that promote less), `eligibility`, a declared control by its own
name, `quarter` (adjusted.py's decomposition); a gap moved mostly by controls is never "explained by merit". `simpson`
marks a PROVINSI row whose significant raw gap is on the other side of 1 within OPDs (Mantel–Haenszel).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps

from merit_lib.analysis.fairness.schema import (
    BASIS_MERIT,
    BASIS_OPD,
    BASIS_RAW,
    BY_BOTH,
    BY_MERIT,
    BY_OPD,
    DISPARITY,
    EXPLAINED,
    HIGHER,
    INCONCLUSIVE,
    INSUFFICIENT,
    LOWER,
    MINOR,
    NO_DISPARITY,
    PROVINCE,
    AuditParams,
)
from merit_lib.domain import language as L
from merit_lib.domain import text


@dataclass(frozen=True)
class Rule:
    """One row of the decision table: its number, the flag it gives, and its condition in words (thresholds as fields)."""

    row: int
    flag: str
    text: dict[str, str]


#: the rows in order; their words (both languages, thresholds as fields) are the catalogue's `text.VERDICT_RULES`
DECISION_TABLE: tuple[Rule, ...] = tuple(Rule(row, flag, text.VERDICT_RULES[row]) for row, flag in (
    (1, INSUFFICIENT), (2, INSUFFICIENT), (3, INCONCLUSIVE), (4, DISPARITY), (5, MINOR), (6, EXPLAINED),
    (7, INCONCLUSIVE), (8, INCONCLUSIVE), (9, NO_DISPARITY), (10, INCONCLUSIVE)))
#: why an inconclusive finding is inconclusive (`flag_reason`), by decision row (row 3 has two)
REASONS = {"ipw": "model_sample_differs", "reliability": "measurement_error", 8: "heterogeneous", 10: "not_equivalent"}

#: code → words of the verdicts, directions, explanations and bases (in the catalogue, `merit_lib.domain.text`)
FLAG_LABELS = text.FLAG_LABELS
DIRECTION_LABELS = text.DIRECTION_LABELS
EXPLAINED_BY_LABELS = text.EXPLAINED_BY_LABELS
BASIS_LABELS = text.BASIS_LABELS


def flag_label(flag: str, lang: str = "id") -> str:
    """The name of a verdict in the given language."""
    return text.flag_label(flag, lang)


def rules_table(params: AuditParams, lang: str = "id") -> pd.DataFrame:
    """The decision table as the reports print it: row, flag, its name, and the condition with the thresholds filled in."""
    fields = {k: (L.general(v, lang) if isinstance(v, float) else v) for k, v in params.rule_fields().items()}
    return pd.DataFrame({"row": [r.row for r in DECISION_TABLE], "flag": [r.flag for r in DECISION_TABLE],
                         "name": [flag_label(r.flag, lang) for r in DECISION_TABLE],
                         "rule": [r.text[lang].format(**fields) for r in DECISION_TABLE]})


def adjusted_impact_ratio(odds_ratio: np.ndarray, reference_rate: np.ndarray) -> np.ndarray:
    """The odds ratio as a ratio of promotion rates at the reference's rate p0: OR / (1 − p0 + p0·OR); 1/p0 for OR = ∞."""
    o, p0 = np.asarray(odds_ratio, float), np.asarray(reference_rate, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        rr = o / (1 - p0 + p0 * o)
        return np.where(np.isinf(o), 1 / p0, rr)


def odds_ratio_at(impact_ratio: float, reference_rate: np.ndarray) -> np.ndarray:
    """The odds ratio whose impact ratio at the reference's rate p0 is `impact_ratio` (the inverse of
    `adjusted_impact_ratio`); ∞ where that rate cannot be reached (impact_ratio · p0 ≥ 1)."""
    p0 = np.asarray(reference_rate, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(impact_ratio * p0 < 1, impact_ratio * (1 - p0) / (1 - impact_ratio * p0), np.inf)


def _log(values: pd.Series | np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(np.asarray(values, float))


def _col(c: pd.DataFrame, name: str) -> np.ndarray:
    return c[name].to_numpy(float) if name in c else np.full(len(c), np.nan)


@dataclass
class _Basis:
    """The estimate a verdict rests on, per finding: odds ratio, CI, BH p, the log odds ratio the adjustment started
    from (on its own sample), and whether it is a likelihood-ratio (OR 0 or ∞) estimate."""

    est: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    padj: np.ndarray
    start: np.ndarray
    lr: np.ndarray
    p: np.ndarray


def _basis(c: pd.DataFrame, basis: np.ndarray, variant: str | None = None) -> _Basis:
    """The basis estimate of every finding: merit-adjusted (or a variant of it: `ipw`, `reliability`), Mantel–Haenszel
    or raw."""
    merit = ("adjusted_odds_ratio", "aor_ci_low", "aor_ci_high", "aor_p_adjusted", "aor_p_value")
    if variant:
        merit = (f"aor_{variant}", f"aor_{variant}_ci_low", f"aor_{variant}_ci_high", f"aor_{variant}_p_adjusted",
                 f"aor_{variant}_p_value")
    pick = {BASIS_MERIT: merit,
            BASIS_OPD: ("mh_odds_ratio", "mh_ci_low", "mh_ci_high", "mh_p_adjusted", "mh_p_value"),
            BASIS_RAW: ("raw_odds_ratio", "raw_or_ci_low", "raw_or_ci_high", "p_adjusted", "p_value")}
    est, lo, hi, padj, p = (np.select([basis == b for b in pick], [_col(c, pick[b][i]) for b in pick], np.nan)
                            for i in range(5))
    method = c[f"_{variant}_method" if variant else "aor_method"] if (f"_{variant}_method" if variant else "aor_method") \
        in c else pd.Series("", index=c.index)
    lr = (method == "lr").fillna(False).to_numpy(bool) & (basis == BASIS_MERIT)
    raw_start = _col(c, "_ipw_raw_odds_ratio") if variant == "ipw" else _col(c, "model_raw_odds_ratio")
    start = np.where(basis == BASIS_MERIT, _log(raw_start), _log(c["raw_odds_ratio"]))
    return _Basis(est, lo, hi, padj, start, lr, p)


def _verdict(c: pd.DataFrame, p: AuditParams, basis: np.ndarray, b: _Basis, p0: np.ndarray) -> dict[str, np.ndarray]:
    """Rows 4–10 of the decision table (and row 2) on one basis estimate: flag, row, and what they rest on."""
    n = len(c)
    province = (c["scope"] == PROVINCE).to_numpy()
    z = sps.norm.ppf(1 - p.alpha / 2)
    # a likelihood-ratio row (OR 0 or ∞) has no Wald CI: its (profile) interval excludes 1 exactly when its p < alpha
    excludes = (b.hi < 1) | (b.lo > 1) | (b.lr & (b.p < p.alpha))
    excludes = np.where(basis == BASIS_RAW, _col(c, "p_value") < p.alpha, excludes)   # Fisher's exact test
    # a Mantel–Haenszel odds ratio of 0 or ∞ (a group nobody, or everybody, of whom was promoted) has no finite CI: its
    # Cochran–Mantel–Haenszel test decides
    mh_limit = (basis == BASIS_OPD) & np.isin(b.est, (0.0, np.inf))
    excludes = np.where(mh_limit, _col(c, "mh_p_value") < p.alpha, excludes)
    air = np.where(basis == BASIS_RAW, _col(c, "impact_ratio"), adjusted_impact_ratio(b.est, p0))
    material = (air < p.impact_low) | (air > p.impact_high)
    ir = _col(c, "impact_ratio")
    raw_gap = (_col(c, "p_adjusted") < p.alpha) & ((ir < p.impact_low) | (ir > p.impact_high))
    estimable = ~np.isnan(b.est)

    # moved: on the sample the basis was estimated on, from the raw log odds ratio toward (or past) 0
    log_raw = _log(c["raw_odds_ratio"])
    with np.errstate(divide="ignore", invalid="ignore"):
        moved_share = (b.start - np.log(b.est)) / b.start
        reproduced = b.start / log_raw
    moved = (moved_share >= p.moved) & (reproduced >= p.reproduced)
    # "the adjusted CI includes 1" needs a CI: an interval lost to a near-singular fit is lost precision, no explanation
    ci_known = (~np.isnan(b.lo) & ~np.isnan(b.hi)) | b.lr | mh_limit | (basis == BASIS_RAW)
    explained = raw_gap & moved & ((ci_known & ~excludes) | ~material)

    # equivalence: two one-sided tests at the odds ratios that are the materiality bounds at p0
    with np.errstate(divide="ignore", invalid="ignore"):
        se = (np.log(b.hi) - np.log(b.lo)) / (2 * z)
        se = np.where(np.isfinite(se) & (se > 0), se, np.nan)
        low_b, high_b = np.log(odds_ratio_at(p.impact_low, p0)), np.log(odds_ratio_at(p.impact_high, p0))
        theta = np.log(b.est)
        tost = np.maximum(sps.norm.sf((theta - low_b) / se), sps.norm.cdf((theta - high_b) / se))
    tost = np.where(np.isfinite(theta) & ~np.isnan(se), tost, np.nan)
    equivalent = tost < p.alpha
    # what the basis could have detected; where it has no interval (OR 0 or ∞ by likelihood ratio), the raw test's
    detectable = np.where(np.isnan(se), _col(c, "detectable_odds_ratio"), np.exp((z + sps.norm.ppf(p.power)) * se))

    untested = (c["flag_reason"] != "").to_numpy(bool)
    significant = (b.padj < p.alpha) & excludes
    heterogeneous = province & (_col(c, "bd_p_adjusted") < p.alpha)
    conditions = [untested, ~estimable & ~raw_gap, significant & material, significant & ~material, explained, raw_gap,
                  heterogeneous, equivalent, np.ones(n, bool)]
    rules = [r for r in DECISION_TABLE if r.row != 3]
    rows = np.select(conditions, [r.row for r in rules], 0)
    flags = np.select(conditions, [r.flag for r in rules], INCONCLUSIVE).astype(object)
    return {"flag": flags, "row": rows, "air": air, "moved_share": moved_share, "equivalence_p": tost,
            "detectable": detectable, "raw_gap": raw_gap, "estimable": estimable}


def decide(c: pd.DataFrame, p: AuditParams, merit: bool) -> pd.DataFrame:
    """verdict_basis, adjusted_impact_ratio, moved_share, equivalence_p, basis_detectable_or, flag, decision_row,
    flag_reason, direction, adjusted_direction, explained_by and simpson of every finding (vectorized; see the module
    docstring). `merit`: whether the roles declare merit measures."""
    province = (c["scope"] == PROVINCE).to_numpy()
    basis = np.where(merit, BASIS_MERIT, np.where(province, BASIS_OPD, BASIS_RAW))
    # the merit basis is a quarterly hazard's odds ratio: its size at the reference's rate per person-quarter
    pq = _col(c, "rate_pq_reference")
    p0 = np.where((basis == BASIS_MERIT) & np.isfinite(pq), pq, _col(c, "rate_reference"))
    b = _basis(c, basis)
    v = _verdict(c, p, basis, b, p0)
    flags, rows = v["flag"].copy(), v["row"].copy()
    reason = c["flag_reason"].fillna("").astype(str).to_numpy(object).copy()
    reason[rows == 2] = "aor_not_estimable"
    reason[rows == 8] = REASONS[8]
    reason[rows == 10] = REASONS[10]

    # row 3: a check the data call for gives another verdict than the model
    checked = np.isin(rows, (4, 5, 6, 7, 8, 9, 10)) & (basis == BASIS_MERIT)
    shift = _col(c, "model_shift_odds_ratio")
    needs = {"ipw": (shift < p.impact_low) | (shift > p.impact_high),
             "reliability": c["_reliability_method"].notna().to_numpy(bool) if "_reliability_method" in c
             else np.zeros(len(c), bool)}
    for variant, need in needs.items():
        if not (need & checked).any():
            continue
        other = _verdict(c, p, basis, _basis(c, basis, variant), p0)["flag"]
        differs = checked & need & (other != v["flag"]) & (rows != 3)
        flags[differs], rows[differs], reason[differs] = INCONCLUSIVE, 3, REASONS[variant]

    est = b.est
    raw_side = np.sign(_col(c, "rate_group") - _col(c, "rate_reference"))
    raw_side = np.where(np.isnan(raw_side), np.sign(_log(c["raw_odds_ratio"])), raw_side)   # rates not given: the OR's
    direction = np.where(raw_side < 0, LOWER, np.where(raw_side > 0, HIGHER, ""))
    with np.errstate(divide="ignore", invalid="ignore"):
        adj_side = np.where(v["estimable"], np.sign(np.log(np.where(v["estimable"], est, 1.0))), 0.0)
    adjusted_direction = np.where(adj_side < 0, LOWER, np.where(adj_side > 0, HIGHER, ""))

    explained_by = np.where(flags == EXPLAINED, _explained_by(c, p, basis, b, v["moved_share"], province), "")
    log_raw = _log(c["raw_odds_ratio"])
    mh = _log(c["mh_odds_ratio"])
    simpson = province & v["raw_gap"] & (np.sign(mh) * np.sign(log_raw) < 0)
    moved_share = np.where(basis == BASIS_RAW, np.nan, v["moved_share"])   # nothing was adjusted
    return pd.DataFrame({"verdict_basis": basis, "adjusted_impact_ratio": v["air"], "moved_share": moved_share,
                         "equivalence_p": v["equivalence_p"], "basis_detectable_or": v["detectable"], "flag": flags,
                         "decision_row": rows, "flag_reason": reason, "direction": direction,
                         "adjusted_direction": adjusted_direction, "explained_by": explained_by, "simpson": simpson},
                        index=c.index)


def _parts(value: object) -> dict[str, float]:
    """`explained_parts` (`merit 0.62; masa_kerja 0.30`) as block → share of the raw gap."""
    out: dict[str, float] = {}
    if value is None or (isinstance(value, float) and np.isnan(value)) or pd.isna(value):
        return out
    for part in str(value).split("; "):
        name, _, share = part.rpartition(" ")
        try:
            out[name] = float(share)
        except ValueError:
            continue
    return out


def _explained_by(c: pd.DataFrame, p: AuditParams, basis: np.ndarray, b: _Basis, moved_share: np.ndarray,
                  province: np.ndarray) -> np.ndarray:
    """What took each gap away, by name: the blocks of the decomposition (adjusted.py) that hold at least `part` of the
    explained share, largest first; where there is no decomposition, the OPD step and the merit step on the log odds
    ratio (model sample), as before it."""
    out = np.full(len(c), "", dtype=object)
    parts = c["explained_parts"] if "explained_parts" in c else pd.Series(pd.NA, index=c.index)
    with np.errstate(divide="ignore", invalid="ignore"):
        opd_step = np.where(basis == BASIS_OPD, moved_share, (b.start - _log(c["model_opd_odds_ratio"])) / b.start)
    opd_step = np.where(province, opd_step, 0.0)
    merit_step = np.where(basis == BASIS_OPD, 0.0, moved_share - np.nan_to_num(opd_step))
    for i, value in enumerate(parts):
        shares = {k: v for k, v in _parts(value).items() if np.isfinite(v)}
        total = sum(shares.values())
        if basis[i] == BASIS_OPD:
            out[i] = BY_OPD
        elif shares and total > 0:
            named = sorted(((v / total, k) for k, v in shares.items() if v / total >= p.part), reverse=True)
            out[i] = "+".join(k for _, k in named) if named else max(shares, key=shares.get)
        else:
            by_opd, by_merit = opd_step[i] >= p.part, merit_step[i] >= p.part
            out[i] = BY_BOTH if by_opd == by_merit else BY_OPD if by_opd else BY_MERIT
    return out


def opd_disparities(c: pd.DataFrame, p: AuditParams) -> pd.DataFrame:
    """The province rows once every row has its verdict: each names, after the OPDs Breslow–Day found to differ, the
    OPDs whose own row of the same group is a `disparity` (rows none of whose cells holds 1–4 persons: a name never
    points at a hidden cell), and a province `no disparity` with such an OPD becomes `inconclusive` (row 8,
    `heterogeneous`): the pooled equivalence does not hold inside that OPD."""
    c = c.copy()
    prov = (c["scope"] == PROVINCE).to_numpy()
    cells = [c[k].astype(float) for k in ("n_group", "n_reference", "promoted_group", "promoted_reference")]
    cells += [cells[0] - cells[2], cells[1] - cells[3]]
    shown = ~np.logical_or.reduce([((x >= 1) & (x <= 4)).to_numpy() for x in cells])
    flagged = c[~prov & (c["flag"] == DISPARITY).to_numpy() & shown]
    if flagged.empty:
        return c
    by_group = flagged.groupby(["attribute", "group"])["scope"].apply(lambda s: sorted(map(str, s)))
    for i in np.flatnonzero(prov):
        key = (c["attribute"].iloc[i], c["group"].iloc[i])
        if key not in by_group.index:
            continue
        before = [x for x in str(c["heterogeneous_opds"].iloc[i] if pd.notna(c["heterogeneous_opds"].iloc[i]) else "")
                  .split(", ") if x]
        named = before + [x for x in by_group[key] if x not in before]
        idx = c.index[i]
        c.loc[idx, "heterogeneous_opds"] = ", ".join(named)
        c.loc[idx, "n_opds_differ"] = max(float(np.nan_to_num(c.loc[idx, "n_opds_differ"])), 0.0) + len(named) - len(before)
        if c.loc[idx, "flag"] == NO_DISPARITY:
            c.loc[idx, ["flag", "decision_row", "flag_reason"]] = [INCONCLUSIVE, 8, REASONS[8]]
    return c
