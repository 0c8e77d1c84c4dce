"""Fairness audit: is a group promoted differently from its reference group, and what explains it?

For the province (`PROVINSI`, every row) and each value of `roles.scope` (each OPD), each protected attribute and each
group against its reference group (the largest group of the province unless configured), over the persons at risk of
promotion (`roles.at_risk`, less those a named eligibility rule puts outside, e.g. `cek_status`: PPPK cannot hold a
structural post):

- raw, on everyone at risk: counts, the promotion rate with a Wilson CI, the impact ratio (four-fifths rule) with its
  CI, the odds ratio, the shortfall, Fisher's exact test, and the odds ratio the test could detect at its n (`raw`);
- OPD-stratified, for PROVINSI: the Mantel–Haenszel odds ratio and test, and Breslow–Day's test of whether the OPDs
  agree (`stratified`);
- merit-adjusted, on those with the merit measures: one logit per attribute, within OPD, with merit, eligibility and
  the controls that are not proxies of the attribute (`controls`, `adjusted`); on the same persons the raw and the
  OPD-only odds ratios, and the share of the raw gap explained (Fairlie, pooled coefficients);
- Benjamini–Hochberg within each attribute (one family per kind of test), so auditing another attribute never flips a
  flag; a scope that holds everyone is the PROVINSI test again and counted once;
- a verdict by the decision table of `verdicts` (DESIGN §6, docs/verdicts.md): `disparity`, `minor gap`, `explained gap`
  (with `explained_by` naming the blocks that explained it: merit, opd, eligibility, a control), `inconclusive` (with
  its reason and the smallest gap it could have detected), `no disparity` (an equivalence claim) or `insufficient data`,
  a `direction` (the side of the raw gap) and the `adjusted_direction`;
- who is in the model (the share with merit scores by group and outcome; the model sample against everyone, and the
  estimate weighted back to it), the estimate at a declared reliability, and the gaps in the merit measures
  themselves (`merit_gaps`).

Roles without merit measures give a raw + OPD-stratified audit, said plainly. Any extract shape gives one row per
(scope, attribute, group) at most, never an error. Only declared roles (merit_lib.domain.roles) are read, so the same
audit runs on any table mapped by a `Roles`.
"""

from merit_lib.analysis.fairness.audit import audit, audit_extract, audited_scopes, frame_fingerprint, metric_frame
from merit_lib.analysis.fairness.raw import bh as _bh
from merit_lib.analysis.fairness.result import AUDIT_CAVEATS, AuditResult, audit_caveats, display_table
from merit_lib.analysis.fairness.schema import (
    _FLOAT_COLUMNS,
    _INT_COLUMNS,
    _TEXT_COLUMNS,
    BASIS_MERIT,
    BASIS_OPD,
    BASIS_RAW,
    BY_BOTH,
    BY_MERIT,
    BY_OPD,
    DISPARITY,
    EXPLAINED,
    EXTRA_COLUMNS,
    FINDINGS_COLUMNS,
    FLAGS,
    HIGHER,
    INCONCLUSIVE,
    INSUFFICIENT,
    LOWER,
    MAX_MISSING_CONTROL,
    MINOR,
    NO_DISPARITY,
    PROVINCE,
    AuditParams,
)
from merit_lib.analysis.fairness.verdicts import DECISION_TABLE, FLAG_LABELS, flag_label, rules_table

__all__ = [
    "AUDIT_CAVEATS", "BASIS_MERIT", "BASIS_OPD", "BASIS_RAW", "BY_BOTH", "BY_MERIT", "BY_OPD", "DECISION_TABLE",
    "DISPARITY", "EXPLAINED", "EXTRA_COLUMNS", "FINDINGS_COLUMNS", "FLAGS", "FLAG_LABELS", "HIGHER", "INCONCLUSIVE",
    "INSUFFICIENT", "LOWER", "MAX_MISSING_CONTROL", "MINOR", "NO_DISPARITY", "PROVINCE", "AuditParams", "AuditResult", "_FLOAT_COLUMNS",
    "_INT_COLUMNS", "_TEXT_COLUMNS", "_bh", "audit", "audit_caveats", "audit_extract", "audited_scopes", "display_table",
    "flag_label",
    "frame_fingerprint", "metric_frame", "rules_table",
]
