"""Small statistical helpers shared by the quality, fairness and compliance tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

# Disclosure control lives in merit_lib.report.privacy (MIN_CELL, SHOWN, publish, display). The three names below
# stay only for modules that cannot import the report layer and still read them: analysis.fairness (MIN_CELL as the
# test's minimum group, SUPPRESSED), analysis.compliance, analysis.model, analysis.quality (MIN_CELL) and notebook 02
# (suppress). Their owners switch; tests/test_privacy.py fails if these drift from privacy's.
MIN_CELL = 5  # deprecated here: merit_lib.report.privacy.MIN_CELL
SUPPRESSED = f"< {MIN_CELL}"  # deprecated here: merit_lib.report.privacy.SHOWN


def wilson(successes: pd.Series | np.ndarray, totals: pd.Series | np.ndarray, alpha: float = 0.05
           ) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for each proportion (NaN where the total is 0)."""
    k = np.asarray(successes, float)
    n = np.asarray(totals, float)
    lo, hi = np.full(k.shape, np.nan), np.full(k.shape, np.nan)
    ok = n > 0
    if ok.any():
        lo[ok], hi[ok] = proportion_confint(k[ok], n[ok], alpha=alpha, method="wilson")
    return lo, hi


def suppress(values: pd.Series, counts: pd.Series, label: str = SUPPRESSED) -> pd.Series:
    """Replace values whose cell has fewer than MIN_CELL persons by a label (deprecated: privacy.display hides their
    complements too)."""
    out = values.astype(object).copy()
    out[np.asarray(counts) < MIN_CELL] = label
    return out
