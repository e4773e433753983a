#!/usr/bin/env python3
"""Coverage of scipy's BCa interval in the setting of BCaTests.coverage (a check, no fixture).

300 samples of 40 draws of a bivariate normal with correlation 0.5; on each, a 95 %
scipy.stats.bootstrap(method='BCa', n_resamples=199) interval of the Pearson correlation; prints
how many cover 0.5. With numpy seed 1: 269 of 300 (0.897), the figure BCaTests.swift quotes next
to its own measured coverage.
    python3 scripts/reference/bca_coverage_check.py     # numpy==2.4.6, scipy==1.17.1
"""
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
