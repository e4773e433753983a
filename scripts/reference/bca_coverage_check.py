#!/usr/bin/env python3
"""Coverage checks quoted in BCaTests.swift (they print figures and write no fixture).

1. scipy's BCa interval in the setting of BCaTests.coverage:

300 samples of 40 draws of a bivariate normal with correlation 0.5; on each, a 95 %
scipy.stats.bootstrap(method='BCa', n_resamples=199) interval of the Pearson correlation; prints
how many cover 0.5. With numpy seed 1: 269 of 300 (0.897), the figure BCaTests.swift quotes next
to its own measured coverage.
2. Debiased CKA in the setting of BCaTests.debiasedCKACoverage (10 + 10 units, rho = 0.7,
   population CKA 0.49, 100 samples of 30 frames, 149 frame resamples, BCa with the delete-one
   jackknife as scipy's _bca_interval computes it): copy-aware resamples (copy_aware_bootstrap_
   reference.cka_resample) against plain row resamples (copies counted). With numpy seed 5:
   copy-aware 97 of 100, plain 29 of 100 (and only 55 of the plain intervals contain their estimate).
    python3 scripts/reference/bca_coverage_check.py     # numpy==2.4.6, scipy==1.17.1
"""
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

assert np.__version__ == "2.4.6", np.__version__
assert scipy.__version__ == "1.17.1", scipy.__version__

rng = np.random.default_rng(1)
n, rho, samples = 40, 0.5, 300
covered = 0
for _ in range(samples):
    z = rng.normal(size=(n, 2))
    a, b = z[:, 0], rho * z[:, 0] + np.sqrt(1 - rho ** 2) * z[:, 1]
    r = stats.bootstrap((a, b), lambda x, y: np.corrcoef(x, y)[0, 1], paired=True, vectorized=False,
                        n_resamples=199, method="BCa", rng=rng)
    covered += r.confidence_interval.low <= rho <= r.confidence_interval.high
print(f"scipy BCa coverage of the correlation: {covered} of {samples} ({covered / samples:.3f}), nominal 0.95")


sys.path.insert(0, str(Path(__file__).resolve().parent))
from copy_aware_bootstrap_reference import cka_resample, u_centre  # noqa: E402


def bca_bounds(estimate, replicates, jackknife, level=0.95):
    b = len(replicates)
    fraction = ((replicates < estimate).sum() + 0.5 * (replicates == estimate).sum()) / b
    z0 = stats.norm.ppf(min(max(fraction, 1 / (2 * b)), 1 - 1 / (2 * b)))
    d = jackknife.mean() - jackknife
    a = (d ** 3).sum() / (6 * (d ** 2).sum() ** 1.5)
    tail = (1 - level) / 2
    return [np.quantile(replicates, stats.norm.cdf(z0 + (z0 + z) / (1 - a * (z0 + z))))
            for z in (stats.norm.ppf(tail), stats.norm.ppf(1 - tail))]


def plain_debiased(k, l, f):
    kc, lc = u_centre(k[np.ix_(f, f)]), u_centre(l[np.ix_(f, f)])
    return min(1.0, (kc * lc).sum() / np.sqrt((kc * kc).sum() * (lc * lc).sum()))


rng = np.random.default_rng(5)
n, units, rho, samples, resamples = 30, 10, 0.7, 100, 149
covered = {"copy-aware": 0, "plain": 0}
contains = {"copy-aware": 0, "plain": 0}
for _ in range(samples):
    x = rng.normal(size=(n, units))
    y = rho * x + np.sqrt(1 - rho ** 2) * rng.normal(size=(n, units))
    k, l = x @ x.T, y @ y.T
    estimate = plain_debiased(k, l, np.arange(n))
    draws = [rng.integers(0, n, n) for _ in range(resamples)]
    jackknife = np.array([plain_debiased(k, l, np.delete(np.arange(n), i)) for i in range(n)])
    for name, score in (("copy-aware", lambda f: cka_resample(k, l, f, True)), ("plain", lambda f: plain_debiased(k, l, f))):
        low, high = bca_bounds(estimate, np.array([score(f) for f in draws]), jackknife)
        covered[name] += bool(low <= rho ** 2 <= high)
        contains[name] += bool(low <= estimate <= high)
print(f"debiased CKA, BCa coverage of 0.49 in {samples} samples: {covered}; intervals containing their estimate: {contains}")
