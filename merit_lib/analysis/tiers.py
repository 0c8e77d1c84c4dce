"""Comparing OPDs as institutional comparisons do (DESIGN §8): funnel-plot control limits, partially pooled
(empirical-Bayes) shares, and tiers instead of ranks.

- **Funnel plot** (Spiegelhalter, "Funnel plots for comparing institutional performance", Stat Med 2005): each OPD's
  share against its denominator, with the province's share and the exact binomial limits that a share of `n` would
  stay inside with probability 95 % and 99.8 % if the OPD were like the province (`funnel_limits`).
- **Partial pooling**: an OPD's promotion share is estimated with a Beta prior fitted to all OPDs by maximum likelihood
  of the beta-binomial (`eb_prior`, scipy): an OPD with few promotions is pulled toward the province, one with many
  keeps its own value; the posterior gives each estimate its interval.
- **Tiers**: an OPD is placed above or below the province when the 95 % range of its index lies wholly above or below
  the province's average index (`province_average`), and "as expected" otherwise; an OPD whose window holds fewer than
  `MIN_PROMOTIONS` promotions is not rated. There are no ranks: OPDs whose ranges overlap are not ordered.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import optimize
from scipy import stats as sps
from scipy.special import betaln, digamma
from threadpoolctl import threadpool_limits

from merit_lib.domain import codes

#: an OPD is rated when its evidence window holds at least this many promotions (fewer: too thin to judge)
MIN_PROMOTIONS = 5
#: the funnel plot's control limits: 95 % ("2 SD") and 99.8 % ("3 SD")
FUNNEL_LEVELS = (0.95, 0.998)
#: the beta-binomial prior's strength (a + b, in promotions) is kept in this range: at least a little pooling, never all
PRIOR_STRENGTH = (1.0, 200.0)
#: fewer OPDs with a denominator than this: no prior can be fitted, the fallback strength is used
MIN_UNITS = 5

TIERS = (codes.TIER_ABOVE, codes.TIER_EXPECTED, codes.TIER_BELOW, codes.TIER_NOT_RATED)


def funnel_limits(p0: float, n: np.ndarray | pd.Series, levels: tuple[float, ...] = FUNNEL_LEVELS) -> pd.DataFrame:
    """Lower and upper control limits (`low_95`, `high_95`, `low_99.8`, …) of a share around `p0` for each denominator
    `n`: the exact binomial quantiles, interpolated as Spiegelhalter (2005, appendix A.1.1) does, so the limits are
    smooth in `n`. NaN where `n` < 1 or `p0` is not a share."""
    n = np.asarray(n, float)
    out = pd.DataFrame({"n": n})
    ok = (n >= 1) & np.isfinite(n) & (0 <= p0 <= 1)
    for level in levels:
        name = f"{100 * level:g}"
        for side, q in (("low", (1 - level) / 2), ("high", 1 - (1 - level) / 2)):
            lim = np.full(len(n), np.nan)
            if ok.any():
                nn = np.round(n[ok])
                r = sps.binom.ppf(q, nn, p0)
                f_r, f_r1 = sps.binom.cdf(r, nn, p0), sps.binom.cdf(r - 1, nn, p0)
                with np.errstate(invalid="ignore", divide="ignore"):
                    alpha = np.where(f_r > f_r1, (f_r - q) / (f_r - f_r1), 0.0)
                lim[ok] = np.clip((r - alpha) / nn, 0, 1)
            out[f"{side}_{name}"] = lim
    return out


def outside(share: float, n: float, p0: float, level: float = FUNNEL_LEVELS[0]) -> str:
    """Where an OPD's share of `n` lies on the funnel: `above` or `below` when a unit like the province would reach its
    count or beyond with probability under (1 − `level`) / 2 (the exact binomial tail: the interpolated limits are for
    drawing, and a whole count at the edge, such as 5 of 5, is inside them only by its tail), else `inside`."""
    if not (np.isfinite(share) and np.isfinite(n) and n >= 1 and 0 <= p0 <= 1):
        return ""
    k, nn, tail = round(share * n), round(n), (1 - level) / 2
    if k > 0 and sps.binom.sf(k - 1, nn, p0) < tail:
        return "above"
    if k < nn and sps.binom.cdf(k, nn, p0) < tail:
        return "below"
    return "inside"


def eb_prior(k: np.ndarray, n: np.ndarray, fallback_mean: float, fallback_strength: float) -> tuple[float, float]:
    """The Beta(a, b) prior of the OPDs' shares `k / n`: maximum likelihood of the beta-binomial over the OPDs with a
    denominator (scipy), its strength a + b kept within PRIOR_STRENGTH; with fewer than MIN_UNITS such OPDs (or a fit
    that fails), `fallback_strength` promotions at `fallback_mean`."""
    k, n = np.asarray(k, float), np.asarray(n, float)
    use = np.isfinite(k) & np.isfinite(n) & (n > 0)
    mean = float(fallback_mean) if np.isfinite(fallback_mean) else 0.5
    fallback = (mean * fallback_strength, (1 - mean) * fallback_strength)
    if use.sum() < MIN_UNITS:
        return fallback
    k, n = k[use], n[use]
    lo, hi = np.log(PRIOR_STRENGTH)

    def nll(theta: np.ndarray) -> tuple[float, np.ndarray]:
        """The beta-binomial negative log-likelihood (without its constant log C(n, k)) and its gradient."""
        m, s = 1 / (1 + np.exp(-theta[0])), np.exp(theta[1])
        a, b = m * s, (1 - m) * s
        value = -float((betaln(k + a, n - k + b) - betaln(a, b)).sum())
        da = (digamma(k + a) - digamma(n + s) - digamma(a) + digamma(s)).sum()
        db = (digamma(n - k + b) - digamma(n + s) - digamma(b) + digamma(s)).sum()
        grad = -np.array([(da - db) * s * m * (1 - m), (da * a + db * b)])
        return value, grad

    m0 = float(np.clip(mean, 0.01, 0.99))
    start = np.array([np.log(m0 / (1 - m0)), np.log(10.0)])
    with warnings.catch_warnings(), threadpool_limits(1):   # BLAS threads cost L-BFGS-B tenfold on 2 numbers
        warnings.simplefilter("ignore")
        res = optimize.minimize(nll, start, jac=True, method="L-BFGS-B", bounds=[(-7.0, 7.0), (lo, hi)])
    if not res.success or not np.all(np.isfinite(res.x)):
        return fallback
    m, s = 1 / (1 + np.exp(-res.x[0])), float(np.exp(res.x[1]))
    return m * s, (1 - m) * s


def province_average(index: pd.Series | np.ndarray, weight: pd.Series | np.ndarray, rated: pd.Series | np.ndarray
                     ) -> float:
    """The province's average index: the rated OPDs' indices weighted by their staff (NaN when none is rated). The
    one province average every page, table and figure quotes."""
    ix, w, ok = np.asarray(index, float), np.asarray(weight, float), np.asarray(rated, bool)
    ok = ok & np.isfinite(ix) & np.isfinite(w) & (w > 0)
    return float((ix[ok] * w[ok]).sum() / w[ok].sum()) if ok.any() else float("nan")


def tier(low: pd.Series | np.ndarray, high: pd.Series | np.ndarray, rated: pd.Series | np.ndarray,
         average: float) -> np.ndarray:
    """Each OPD's tier: above (its index's 95 % range wholly above the province average), below (wholly below), as
    expected (the range holds the average), or not rated."""
    lo, hi, ok = np.asarray(low, float), np.asarray(high, float), np.asarray(rated, bool)
    known = ok & np.isfinite(lo) & np.isfinite(hi) & np.isfinite(average)
    return np.select([known & (lo > average), known & (hi < average), known], [codes.TIER_ABOVE, codes.TIER_BELOW,
                     codes.TIER_EXPECTED], codes.TIER_NOT_RATED).astype(object)


def quarters_to_rated(n_promotions: float, n_quarters: int, window: int, minimum: int = MIN_PROMOTIONS) -> float | None:
    """At the window's present rate (promotions per quarter), how many more quarters until a window of `window`
    quarters holds `minimum` promotions: 0 when it already does, None when nobody was promoted (no rate to go on) or
    when even a full window at this rate would hold fewer."""
    if n_promotions >= minimum:
        return 0
    if n_promotions <= 0 or n_quarters <= 0:
        return None
    rate = n_promotions / n_quarters
    needed = int(np.ceil(minimum / rate))
    if needed > window:
        return None
    return max(needed - n_quarters, 1)
