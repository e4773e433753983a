#!/usr/bin/env python3
"""Reference values for CortexSimilarity's trial-ceiling bounds and BCa bootstrap intervals.

Run from the repository root:
    python3 -m pip install -r scripts/reference/requirements.txt   # numpy==2.4.6, scipy==1.17.1
    python3 scripts/reference/ceiling_interval_reference.py

Writes Tests/CortexSimilarityTests/Fixtures/ceiling_interval.json, read by
Tests/CortexSimilarityTests/CeilingBoundsTests.swift and BCaTests.swift.

1. Trial bounds (TrialCeilingBounds): trials are repeats x units x frames; for each given split of
   the repeats into halves A and B (each averaged over its repeats, frames x units) and the grand
   mean D of all repeats:
       lower = (s(A, B) + s(B, A)) / 2,   upper = (s(A, D) + s(B, D)) / 2
   with s = TSRSA (frame 0 dropped, RDM 1 - Pearson r between frames, scipy.stats.spearmanr of the
   upper triangles) and s = linear CKA (columns centred, ||Y'X||_F^2 / (||X'X||_F ||Y'Y||_F)), written
   here independently with numpy/scipy. rsatoolbox's boot_noise_ceiling averages RDMs of subjects;
   the bounds here average the data of half the repeats, so the reference is numpy/scipy.
   Also the standard error of the upper bound over splits with ddof 0 (np.std, the study's) and 1.
2. BCa: scipy.stats.bootstrap(method='BCa') on a skewed sample with a nonlinear statistic (the
   coefficient of variation); the bootstrap distribution, the jackknife values (delete one), the
   acceleration (scipy's _bca_interval) and the intervals at 0.9 and 0.95 are stored, so Swift
   recomputes the interval from the same replicates and jackknife.
"""
import json
from pathlib import Path

import numpy as np
import scipy
import scipy.stats
from scipy.stats._resampling import _bca_interval

assert np.__version__ == "2.4.6", np.__version__
assert scipy.__version__ == "1.17.1", scipy.__version__

OUT = Path(__file__).resolve().parents[2] / "Tests" / "CortexSimilarityTests" / "Fixtures" / "ceiling_interval.json"


def tsrsa(x, y):
    """TSRSA of two frames x units matrices: frame 0 dropped, 1 - r RDMs, Spearman of the triangles."""
    rx, ry = np.corrcoef(x[1:]), np.corrcoef(y[1:])
    iu = np.triu_indices(rx.shape[0], 1)
    return float(scipy.stats.spearmanr(1 - rx[iu], 1 - ry[iu]).statistic)


def cka_linear(x, y):
    x = x - x.mean(axis=0)
    y = y - y.mean(axis=0)
    return float(np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y)))


def mean_of(trials, repeats):
    """repeats x units x frames -> frames x units mean over the given repeats."""
    return trials[list(repeats)].mean(axis=0).T


def bounds(trials, splits, metric):
    grand = mean_of(trials, range(trials.shape[0]))
    lower, upper = [], []
    for a, b in splits:
        ma, mb = mean_of(trials, a), mean_of(trials, b)
        lower.append((metric(ma, mb) + metric(mb, ma)) / 2)
        upper.append((metric(ma, grand) + metric(mb, grand)) / 2)
    return lower, upper


def trial_case():
    rng = np.random.default_rng(20240613)
    repeats, units, frames = 6, 7, 14
    signal = rng.gamma(2.0, 1.5, size=(units, frames))
    trials = rng.poisson(signal[None, :, :] * np.ones((repeats, 1, 1))).astype(float)
    splits = [([0, 2, 4], [1, 3, 5]), ([0, 1, 2], [3, 4, 5]), ([1, 4], [0, 2, 3, 5])]
    case = {"trials": trials.tolist(), "splits": [[a, b] for a, b in splits]}
    for name, metric in [("tsrsa", tsrsa), ("ckaLinear", cka_linear)]:
        lower, upper = bounds(trials, splits, metric)
        case[name] = {
            "lower": lower, "upper": upper,
            "upperSEMddof0": float(np.std(upper) / np.sqrt(len(upper))),
            "upperSEMddof1": float(np.std(upper, ddof=1) / np.sqrt(len(upper))),
        }
    return case


def cv(x, axis=-1):
    return np.std(x, axis=axis, ddof=1) / np.mean(x, axis=axis)


def bca_case():
    rng = np.random.default_rng(7)
    x = rng.lognormal(0.0, 0.8, size=30)
    estimate = float(cv(x))
    jackknife = [float(cv(np.delete(x, i))) for i in range(len(x))]
    out = {"data": x.tolist(), "estimate": estimate, "jackknife": jackknife, "levels": []}
    first = scipy.stats.bootstrap((x,), cv, method="BCa", n_resamples=999, confidence_level=0.9,
                                  rng=np.random.default_rng(11))
    replicates = first.bootstrap_distribution
    out["replicates"] = replicates.tolist()
    for level in (0.9, 0.95):
        res = scipy.stats.bootstrap((x,), cv, method="BCa", n_resamples=0, confidence_level=level,
                                    bootstrap_result=first)
        _, _, a_hat = _bca_interval((x,), cv, axis=-1, alpha=(1 - level) / 2, theta_hat_b=replicates, batch=None, xp=np)
        out["levels"].append({"level": level, "lower": float(res.confidence_interval.low),
                              "upper": float(res.confidence_interval.high), "acceleration": float(a_hat)})
    return out


def main():
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = {"trialBounds": trial_case(), "bca": bca_case()}
    OUT.write_text(json.dumps(data, indent=1) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
