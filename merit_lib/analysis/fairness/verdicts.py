"""The decision table: from the statistics of one (scope, attribute, group) to its verdict (DESIGN §6, docs/verdicts.md).

Each finding rests on one estimate, its *basis*: the merit-adjusted odds ratio (within OPD for PROVINSI) where the roles
declare merit; the OPD-stratified Mantel–Haenszel odds ratio for PROVINSI without merit; the raw comparison for an OPD
without merit. The rows are tried in order; the first that holds gives the flag:

1. `insufficient data`: nobody (or everybody) promoted, no reference, or a test that could not detect an odds ratio of
   `max_detectable_or` (or its inverse) with `power` at this n and promotion rate;
2. `insufficient data`: the adjusted estimate cannot be computed (nobody of the cell has merit scores) and there is no
   raw gap to speak of;
3. `disparity`: the basis is significant after Benjamini–Hochberg, its CI excludes 1, and it is material: its impact
   ratio at the reference's promotion rate is outside [impact_low, impact_high] (the practical test is on the adjusted
   effect, never on the raw gap);
4. `explained gap`: a raw gap (Fisher p after BH < alpha, impact ratio outside the band) that the adjustment took away:
   on the persons it was fitted on (who show at least `reproduced` of the raw log odds ratio) it moved the log odds
   ratio at least `moved` of the way to 0 (or past it), and the basis CI covers 1 or the basis is not material;
5. `inconclusive`: a raw gap that is none of the above (the adjusted CI covers 1 but the estimate did not move; it
   excludes 1 without surviving BH; or it cannot be computed);
6. `no disparity`: no significant, material gap, raw or adjusted.

`direction` is the basis estimate's side of 1 (the raw one where there is no basis estimate): `lower` = the group's odds
are lower; a `disparity` that is `higher` means the reference is the group held back. `explained_by` (explained gap) is
`opd` when the OPD step alone (scope fixed effects, no merit, on the model sample) took at least `part` of the log odds
ratio away and merit did not, `merit` the other way round, `opd+merit` when both did (or neither alone). `simpson` marks a
PROVINSI row whose significant raw gap is on the other side of 1 within OPDs (Mantel–Haenszel): Simpson's paradox.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

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
    (1, INSUFFICIENT), (2, INSUFFICIENT), (3, DISPARITY), (4, EXPLAINED), (5, INCONCLUSIVE), (6, NO_DISPARITY)))

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


def _log(values: pd.Series) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(values.to_numpy(float))


def decide(c: pd.DataFrame, p: AuditParams, merit: bool) -> pd.DataFrame:
    """verdict_basis, adjusted_impact_ratio, moved_share, flag, decision_row, direction, explained_by and simpson of
    every finding (vectorized; see the module docstring). `merit`: whether the roles declare merit measures."""
    province = (c["scope"] == PROVINCE).to_numpy()
    basis = np.where(merit, BASIS_MERIT, np.where(province, BASIS_OPD, BASIS_RAW))
    pick = {BASIS_MERIT: ("adjusted_odds_ratio", "aor_ci_low", "aor_ci_high", "aor_p_adjusted"),
            BASIS_OPD: ("mh_odds_ratio", "mh_ci_low", "mh_ci_high", "mh_p_adjusted"),
            BASIS_RAW: ("raw_odds_ratio", "raw_or_ci_low", "raw_or_ci_high", "p_adjusted")}
    est, lo, hi, padj = (np.select([basis == b for b in pick], [c[pick[b][i]].to_numpy(float) for b in pick], np.nan)
                         for i in range(4))
    lr = (c["aor_method"] == "lr").fillna(False).to_numpy(bool) & (basis == BASIS_MERIT)
    # a likelihood-ratio row (OR 0 or ∞) has no Wald CI: its (profile) interval excludes 1 exactly when its p < alpha
    excludes = (hi < 1) | (lo > 1) | (lr & (c["aor_p_value"].to_numpy(float) < p.alpha))
    excludes = np.where(basis == BASIS_RAW, c["p_value"].to_numpy(float) < p.alpha, excludes)   # Fisher's exact test
    # a Mantel–Haenszel odds ratio of 0 or ∞ (a group nobody, or everybody, of whom was promoted) has no finite CI: its
    # Cochran–Mantel–Haenszel test decides
    mh_limit = (basis == BASIS_OPD) & np.isin(est, (0.0, np.inf))
    excludes = np.where(mh_limit, c["mh_p_value"].to_numpy(float) < p.alpha, excludes)
    air = np.where(basis == BASIS_RAW, c["impact_ratio"].to_numpy(float),
                   adjusted_impact_ratio(est, c["rate_reference"].to_numpy(float)))
    material = (air < p.impact_low) | (air > p.impact_high)
    ir = c["impact_ratio"].to_numpy(float)
    raw_gap = (c["p_adjusted"].to_numpy(float) < p.alpha) & ((ir < p.impact_low) | (ir > p.impact_high))
    estimable = ~np.isnan(est)

    # moved: on the sample the basis was estimated on, from the raw log odds ratio toward (or past) 0
    log_raw = _log(c["raw_odds_ratio"])
    start = np.where(basis == BASIS_MERIT, _log(c["model_raw_odds_ratio"]), log_raw)
    with np.errstate(divide="ignore", invalid="ignore"):
        moved_share = (start - np.log(est)) / start
        reproduced = start / log_raw
    moved = (moved_share >= p.moved) & (reproduced >= p.reproduced)
    # "the adjusted CI includes 1" needs a CI: an interval lost to a near-singular fit is lost precision, no explanation
    ci_known = (~np.isnan(lo) & ~np.isnan(hi)) | lr | mh_limit | (basis == BASIS_RAW)
    explained = raw_gap & moved & ((ci_known & ~excludes) | ~material)

    untested = (c["flag_reason"] != "").to_numpy(bool)
    disparity = (padj < p.alpha) & excludes & material
    conditions = [untested, ~estimable & ~raw_gap, disparity, explained, raw_gap, np.ones(len(c), bool)]
    rows = np.select(conditions, [r.row for r in DECISION_TABLE], 0)
    flags = np.select(conditions, [r.flag for r in DECISION_TABLE], NO_DISPARITY)

    with np.errstate(divide="ignore"):
        side = np.where(estimable & (est != 1), np.log(np.where(estimable, est, 1.0)), log_raw)
    direction = np.where(side < 0, LOWER, np.where(side > 0, HIGHER, ""))

    # explained_by: the OPD step (scope fixed effects, no merit) and the merit step, each on the model sample
    with np.errstate(divide="ignore", invalid="ignore"):
        opd_part = np.where(basis == BASIS_OPD, moved_share, (start - _log(c["model_opd_odds_ratio"])) / start)
    opd_part = np.where(province, opd_part, 0.0)
    merit_part = np.where(basis == BASIS_OPD, 0.0, moved_share - np.nan_to_num(opd_part))
    by_opd, by_merit = opd_part >= p.part, merit_part >= p.part
    by = np.select([by_opd & by_merit, by_opd, by_merit], [BY_BOTH, BY_OPD, BY_MERIT], BY_BOTH)
    explained_by = np.where(flags == EXPLAINED, by, "")

    mh = _log(c["mh_odds_ratio"])
    simpson = province & raw_gap & (np.sign(mh) * np.sign(log_raw) < 0)
    moved_share = np.where(basis == BASIS_RAW, np.nan, moved_share)   # nothing was adjusted
    return pd.DataFrame({"verdict_basis": basis, "adjusted_impact_ratio": air, "moved_share": moved_share,
                         "flag": flags, "decision_row": rows, "direction": direction, "explained_by": explained_by,
                         "simpson": simpson}, index=c.index)

