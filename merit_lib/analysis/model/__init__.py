"""Promotion readiness models (statsmodels): how strongly do competency and kinerja predict promotion?

Three models of the outcome, fitted on the at-risk rows with complete data and driven only by declared
`Roles`, so the same code fits the ASN analysis frame and a flat external table:

- `logit`: logistic regression on the competency and kinerja measures plus controls; SEs clustered by scope (the OPD)
  with t(G − 1) intervals, but never below the model-based SE (`fit.floor_cluster_se`: with few or unequal OPDs the
  cluster SE alone is too small; the rule was chosen by simulation, benchmarks/bench_verdicts.py);
- `logit_interaksi`: the same plus every competency × kinerja product (the 9-box logic), tested;
- `gee`: GEE with an exchangeable working correlation within scope (population-averaged odds ratios, sandwich
  SEs with the Mancl–DeRouen small-sample correction while the largest cluster allows it). statsmodels solves the
  exchangeable structure in closed form, so one iteration costs O(n); the correlation is floored at 0 (a negative
  one is not positive definite in an OPD of thousands) and the convergence tolerance grows with n (the GEE score
  is a sum over persons). Fewer than 20 clusters → no GEE (its SEs need many; a few huge ones also diverge).

Numeric competency and kinerja measures are centred at their means in every model: this changes only the
intercept of `logit` and `gee`, and makes each main effect of `logit_interaksi` the effect at the other's mean.

Before any fit, the data are made estimable locally, so that one empty cell never costs every CI (`design`):

- a control (never a merit measure, the outcome or the scope) that is empty for more than `MAX_MISSING_CONTROL` of the
  at-risk rows is left out of the model, instead of taking those rows out of it;
- a level of a categorical control (or a value of a two-valued numeric one) in which nobody, or everybody, was
  promoted predicts the outcome perfectly: as Stata's `logit` does, its rows and the level are left out (the reference
  moves to the next level when it is the one left out), and a control left with one value is left out too; repeated
  until nothing changes.

Fewer than 10 events per variable, separation by a merit measure or collinear columns → a ridge-penalized logistic
regression (statsmodels GLM `fit_regularized`), marked `ridge` in the table, CI and p left empty, and no GEE. No
promotion at all (or everyone promoted) → no model. Each such decision is a note, in Bahasa Indonesia or English.

Modules: `schema` (names, thresholds, dtypes), `notes` (messages), `design` (rows, controls, design matrix), `fit` (one
model), `results` (`ReadinessModels`), `readiness` (`fit_readiness`, `readiness_list`).
"""

from merit_lib.analysis.model.design import missing_by_role
from merit_lib.analysis.model.fit import ModelResult, NonNegativeExchangeable, auc, calibration_table, floor_cluster_se
from merit_lib.analysis.model.notes import Note
from merit_lib.analysis.model.readiness import fit_readiness, readiness_list
from merit_lib.analysis.model.results import ReadinessModels, split_term
from merit_lib.analysis.model.schema import (
    AME_DTYPES,
    CALIBRATION_DTYPES,
    COEF_COLUMNS,
    COEF_DTYPES,
    EXTRA_COLUMNS,
    MAX_MISSING_CONTROL,
    MIN_CLUSTERS,
    MIN_CLUSTERS_GEE,
    MIN_EPV,
    PERSON_COLUMNS,
    TERM_DTYPES,
)

__all__ = [
    "AME_DTYPES", "CALIBRATION_DTYPES", "COEF_COLUMNS", "COEF_DTYPES", "EXTRA_COLUMNS", "MAX_MISSING_CONTROL",
    "MIN_CLUSTERS", "MIN_CLUSTERS_GEE", "MIN_EPV", "PERSON_COLUMNS", "TERM_DTYPES", "ModelResult",
    "NonNegativeExchangeable", "Note", "ReadinessModels", "auc", "calibration_table", "fit_readiness",
    "floor_cluster_se", "missing_by_role", "readiness_list", "split_term",
]
