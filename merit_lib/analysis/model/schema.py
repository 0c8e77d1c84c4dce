"""The readiness models' names, thresholds and table dtypes (DESIGN §6 `model_coefficients`)."""

from __future__ import annotations

import pandas as pd

COEF_COLUMNS: tuple[str, ...] = ("model", "term", "odds_ratio", "ci_low", "ci_high", "p_value", "n", "auc")  # DESIGN §6
EXTRA_COLUMNS: tuple[str, ...] = ("method", "n_events", "epv")
PERSON_COLUMNS: tuple[str, ...] = ("nama", "kotak", "kesiapan", "syarat_gagal")
MIN_EPV = 10.0             # events per variable below this → ridge
MAX_MISSING_CONTROL = 0.5  # a control empty for more than this share of the at-risk rows is left out (not the rows)
MIN_CLUSTERS = 30          # fewer clusters → a note that cluster SEs may be too small
MAX_BIAS_REDUCED = 5000   # largest cluster for the Mancl–DeRouen GEE correction (it builds a k × k matrix)
MIN_CLUSTERS_GEE = 20      # fewer clusters → no GEE (its sandwich SEs need many; few huge clusters also diverge)
ABSURD_LOG_OR = 10.0       # |log OR| per 2 SD (or per category) above this, with ...
ABSURD_SE = 5.0            # ... its model-based SE per 2 SD above this → separation (a strong, well-estimated effect
                           # of a control such as golongan is not; under separation the SE runs into the thousands)
RIDGE_UNESTIMABLE = 5.0    # |ridge log OR| per 2 SD above this: the data still separate → OR left empty
RIDGE_PRIOR_SD = 1.0       # ridge penalty = a normal prior with this SD on the log OR per 2 SD (or per category)
CURVE_SAMPLE = 1000        # persons averaged over for the probability curves
INTERCEPT = "Intercept"

#: column dtypes of the tables, so an empty table has the same (never object) dtypes as a full one
COEF_DTYPES: dict[str, str] = {"model": "str", "term": "str", "odds_ratio": "float64", "ci_low": "float64",
                               "ci_high": "float64", "p_value": "float64", "n": "int64", "auc": "float64", "method": "str",
                               "n_events": "int64", "epv": "float64"}
TERM_DTYPES: dict[str, str] = {"term": "str", "odds_ratio": "float64", "ci_low": "float64", "ci_high": "float64",
                               "p_value": "float64"}
AME_DTYPES: dict[str, str] = {"term": "str", "ame": "float64", "se": "float64", "ci_low": "float64", "ci_high": "float64",
                              "p_value": "float64"}
CALIBRATION_DTYPES: dict[str, str] = {"decile": "int64", "n": "int64", "predicted": "float64", "events": "float64",
                                      "observed": "float64", "ci_low": "float64", "ci_high": "float64", "suppressed": "bool"}


def _empty(dtypes: dict[str, str]) -> pd.DataFrame:
    """A table without rows whose columns have the given dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in dtypes.items()})
