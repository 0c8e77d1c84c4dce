"""The findings table's vocabulary, columns and dtypes, and the audit's thresholds (`AuditParams`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

#: the verdict vocabulary of DESIGN §6 (stable codes in `domain.codes`; the rules are in `verdicts.DECISION_TABLE`):
#: the verdicts, direction, what explained a gap (OPD composition, merit, both), the estimate a verdict rests on
from merit_lib.domain.codes import (  # noqa: E402,F401
    BASIS_MERIT,
    BASIS_OPD,
    BASIS_RAW,
    BY_BOTH,
    BY_ELIGIBILITY,
    BY_MERIT,
    BY_OPD,
    BY_QUARTER,
    DISPARITY,
    EXPLAINED,
    FLAGS,
    HIGHER,
    INCONCLUSIVE,
    INSUFFICIENT,
    LOWER,
    MINOR,
    NO_DISPARITY,
    PROVINCE,
)

#: DESIGN §6, in this order; extra columns follow
FINDINGS_COLUMNS: tuple[str, ...] = (
    "scope", "attribute", "group", "reference_group", "n_group", "n_reference", "promoted_group", "promoted_reference",
    "rate_group", "rate_reference", "impact_ratio", "shortfall", "p_value", "p_adjusted", "adjusted_odds_ratio",
    "aor_ci_low", "aor_ci_high", "aor_p_adjusted", "mh_odds_ratio", "mh_ci_low", "mh_ci_high", "flag", "direction",
    "explained_by")
EXTRA_COLUMNS: tuple[str, ...] = (
    "explained_share", "verdict_basis", "moved_share", "adjusted_impact_ratio", "simpson", "bd_p_value",
    "mh_p_value", "mh_p_adjusted", "raw_odds_ratio", "raw_or_ci_low", "raw_or_ci_high", "detectable_odds_ratio",
    "model_raw_odds_ratio", "model_opd_odds_ratio", "scope_label", "n_scope", "rate_group_ci_low", "rate_group_ci_high",
    "rate_reference_ci_low", "rate_reference_ci_high", "impact_ratio_ci_low", "impact_ratio_ci_high", "aor_p_value",
    "aor_method", "n_model_group", "n_model_reference", "controls_left_out", "n_qualified_group",
    "promoted_qualified_group", "eo_rate_group", "n_qualified_reference", "promoted_qualified_reference",
    "eo_rate_reference", "eo_ratio", "pq_group", "pq_reference", "rate_pq_group", "rate_pq_reference", "flag_reason",
    "decision_row", "suppressed",
    # issue 21: the side of the basis estimate beside the raw side; the equivalence test (two one-sided tests at the
    # materiality bounds) and the smallest gap the basis estimate could have detected; Breslow–Day in the province
    # family and the OPDs that differ; the explained share by block; who has the merit measures, by group and outcome;
    # the model sample against everyone, and the estimate corrected for it (inverse-probability weights); the estimate
    # under the declared reliability of the merit measures (regression calibration)
    "adjusted_direction", "equivalence_p", "basis_detectable_or", "bd_p_adjusted", "heterogeneous_opds", "n_opds_differ",
    "explained_share_merit", "explained_share_opd", "explained_share_eligibility", "explained_share_controls",
    "explained_parts", "n_merit_group", "promoted_merit_group", "n_merit_reference", "promoted_merit_reference",
    "merit_share_group_promoted", "merit_share_group_not", "merit_share_reference_promoted", "merit_share_reference_not",
    "model_shift_odds_ratio", "aor_ipw", "aor_ipw_ci_low", "aor_ipw_ci_high", "aor_ipw_p_value", "aor_reliability",
    "aor_reliability_ci_low", "aor_reliability_ci_high", "aor_reliability_p_value")
_TEXT_COLUMNS = ("scope", "attribute", "group", "reference_group", "flag", "direction", "explained_by", "verdict_basis",
                 "scope_label", "aor_method", "controls_left_out", "flag_reason", "adjusted_direction",
                 "heterogeneous_opds", "explained_parts")
_INT_COLUMNS = ("n_group", "n_reference", "promoted_group", "promoted_reference", "n_scope", "n_qualified_group",
                "promoted_qualified_group", "n_qualified_reference", "promoted_qualified_reference", "n_model_group",
                "n_model_reference", "decision_row", "pq_group", "pq_reference", "n_opds_differ", "n_merit_group",
                "promoted_merit_group", "n_merit_reference", "promoted_merit_reference")
_BOOL_COLUMNS = ("simpson", "suppressed")
#: every other column of the findings is a float (NaN where not computed), never object
_FLOAT_COLUMNS = tuple(c for c in FINDINGS_COLUMNS + EXTRA_COLUMNS if c not in _TEXT_COLUMNS + _INT_COLUMNS + _BOOL_COLUMNS)
_KEYS = ["scope", "attribute", "group"]
_SEP = "\x1f"   # joins scope and group into a cell key; never in a label

#: a control (not a merit measure) missing for more than this share of the persons at risk is left out of the
#: merit-adjusted model (and named in the caveats) instead of removing everyone without it from the model
MAX_MISSING_CONTROL = 0.5


@dataclass(frozen=True)
class AuditParams:
    """Thresholds of the decision table (docs/verdicts.md); every one is written to audit_meta.json and the rule texts."""

    alpha: float = 0.05           # significance after Benjamini–Hochberg (per attribute: province rows, OPD rows); CIs 1 − alpha
    impact_low: float = 0.8       # material: an impact ratio (raw, or adjusted at the reference's rate) below this …
    impact_high: float = 1.25     # … or above this one (the four-fifths rule, both ways); also the equivalence bounds
    #                               of `no disparity` (two one-sided tests at alpha: the 1 − 2·alpha interval inside them)
    power: float = 0.8            # insufficient data: at this power and alpha …
    max_detectable_or: float = 4.0  # … the test could not detect an odds ratio of this size (or its inverse)
    moved: float = 0.5            # explained: the adjustment took at least this share of the log odds ratio away …
    reproduced: float = 0.5       # … on a model sample that shows at least this share of the raw log odds ratio
    part: float = 0.25            # explained_by: a step (OPD, merit) that took at least this share counts
    max_proxy_r: float = 0.8      # a control this correlated with the audited attribute is left out of its model
    max_outcome_smd: float = 1.0  # a control whose mean differs this much (in SD) between the promoted and the others …
    max_outcome_auc: float = 0.9  # … or that alone ranks the promoted this well is left out of the merit model (collider)

    def rule_fields(self) -> dict[str, object]:
        """The values the rule texts quote."""
        return {**asdict(self), "level": round(100 * (1 - self.alpha)), "power_pct": round(100 * self.power),
                "tost_level": round(100 * (1 - 2 * self.alpha)),
                "moved_pct": round(100 * self.moved), "reproduced_pct": round(100 * self.reproduced),
                "part_pct": round(100 * self.part)}


def _stack(parts: Sequence[pd.DataFrame], dtypes: dict[str, str]) -> pd.DataFrame:
    """The parts one under the other (no part: no rows) with exactly these columns and dtypes.

    pandas 3 gives an empty or all-missing part object columns, and refuses to put numbers back into a float column
    from them; fixing the dtypes here keeps every later step numeric."""
    parts = [p for p in parts if len(p)]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(dtypes))
    out = out.reindex(columns=list(dtypes))
    for col, dtype in dtypes.items():
        out[col] = pd.to_numeric(out[col]).astype(dtype) if dtype == "float64" else out[col].astype(dtype)
    return out


def _with_dtypes(f: pd.DataFrame) -> pd.DataFrame:
    """The findings' dtypes: counts int64, texts `string` (empty → missing, as from the CSV), flags bool and every other
    known column float64 — never object, whatever the shape of the extract (or of a findings.csv read back, where an
    empty table has object columns). A count left empty in a CSV (suppressed) reads as Int64."""
    f = f.copy()
    for col in _INT_COLUMNS:
        if col in f:
            counts = pd.to_numeric(f[col])
            f[col] = counts.astype("int64") if counts.notna().all() else counts.astype("Int64")
    for col in _FLOAT_COLUMNS:
        if col in f:
            f[col] = pd.to_numeric(f[col]).astype("float64")
    for col in _TEXT_COLUMNS:
        if col in f:
            f[col] = f[col].astype("string").replace("", pd.NA)
    for col in _BOOL_COLUMNS:
        if col in f:
            f[col] = f[col].map(_flag).astype(bool)
    return f


def _flag(v: object) -> bool:
    """A true/false cell as read back: True, 1, or — in a published `suppressed` column — the names of the row's hidden
    cells (report.privacy); False for False, 0 and empty."""
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return False
    word = str(v).strip().lower()
    return word not in ("", "false", "0", "0.0", "nan", "<na>", "none")


def _ratio(a: pd.Series, b: pd.Series) -> pd.Series:
    """a / b, NaN where b is 0 or missing (inf only when b is 0 and a positive)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.Series(np.asarray(a, float) / np.asarray(b, float), index=a.index)
