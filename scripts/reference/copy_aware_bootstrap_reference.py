#!/usr/bin/env python3
"""Reference values for the copy-aware frame bootstrap of CKA and RSA (CortexSimilarity's
Bootstrap.ckaScore / Bootstrap.rsaScore).

Run from the repository root:
    python3 -m pip install -r scripts/reference/requirements.txt   # numpy==2.4.6, scipy==1.17.1
    python3 scripts/reference/copy_aware_bootstrap_reference.py

Writes Tests/CortexSimilarityTests/Fixtures/copy_aware_bootstrap.json, read by BCaTests.swift.

A resample is a list f of frame indices (repeats allowed; position p holds frame f[p]). With the
full-data kernel Gram K (linear: X X' of the raw rows; RBF: exp(-d2 / (2 sigma2)) with
sigma2 = threshold^2 * median of all n^2 squared distances of the full data) reindexed to
K*[p, q] = K[f[p], f[q]] and centred (biased: H K* H; unbiased: U-centring of Szekely & Rizzo,
diagonal zeroed, K~_pq = K_pq - r_p/(m-2) - r_q/(m-2) + s/((m-1)(m-2)) for p != q), the score is

    sum_S K~ L~ / sqrt(sum_S K~^2 * sum_S L~^2),   S = {(p, q): p == q or f[p] != f[q]},

clamped to [0, 1] (biased) or to <= 1 (unbiased). RSA: the RDMs of the full data
(scipy.spatial.distance.pdist, 'correlation'), for positions p < q with f[p] != f[q] the entry
d(f[p], f[q]), compared by scipy.stats.spearmanr. Written here with numpy/scipy, independently of
the Swift code (explicit centring matrices, masks instead of loops).
"""
import json
from pathlib import Path

import numpy as np
import scipy
import scipy.spatial.distance as ssd
import scipy.stats

assert np.__version__ == "2.4.6", np.__version__
assert scipy.__version__ == "1.17.1", scipy.__version__

OUT = Path(__file__).resolve().parents[2] / "Tests" / "CortexSimilarityTests" / "Fixtures" / "copy_aware_bootstrap.json"


def u_centre(k):
    m = k.shape[0]
    k = k.copy()
    np.fill_diagonal(k, 0)
    r = k.sum(axis=1)
    s = k.sum()
    out = k - r[:, None] / (m - 2) - r[None, :] / (m - 2) + s / ((m - 1) * (m - 2))
    np.fill_diagonal(out, 0)
    return out


def h_centre(k):
    m = k.shape[0]
    h = np.eye(m) - np.ones((m, m)) / m
    return h @ k @ h


def cka_resample(k, l, f, unbiased):
    f = np.asarray(f)
    ks, ls = k[np.ix_(f, f)], l[np.ix_(f, f)]
    kc, lc = (u_centre(ks), u_centre(ls)) if unbiased else (h_centre(ks), h_centre(ls))
    keep = (f[:, None] != f[None, :]) | np.eye(len(f), dtype=bool)
    value = (kc * lc)[keep].sum() / np.sqrt((kc * kc)[keep].sum() * (lc * lc)[keep].sum())
    return float(min(1.0, value) if unbiased else min(1.0, max(0.0, value)))


def rbf_gram(x, threshold):
    d2 = ssd.cdist(x, x, "sqeuclidean")
    sigma2 = threshold ** 2 * np.median(d2)
    return np.exp(-d2 / (2 * sigma2))


def rsa_resample(x, y, f):
    dx, dy = ssd.squareform(ssd.pdist(x, "correlation")), ssd.squareform(ssd.pdist(y, "correlation"))
    f = np.asarray(f)
    p, q = np.triu_indices(len(f), 1)
    keep = f[p] != f[q]
    return float(scipy.stats.spearmanr(dx[f[p[keep]], f[q[keep]]], dy[f[p[keep]], f[q[keep]]]).statistic)


def main():
    rng = np.random.default_rng(20261207)
    n = 14
    z = rng.normal(size=(n, 3))
    x = z @ rng.normal(size=(3, 6)) + 0.8 * rng.normal(size=(n, 6))
    y = z @ rng.normal(size=(3, 5)) + 1.5 * rng.normal(size=(n, 5))
    resamples = [list(range(n)),
                 [3, 4, 5, 3, 4, 5, 9, 10, 11, 0, 1, 2, 12, 13],
                 [0, 1, 2, 3, 0, 1, 2, 3, 7, 8, 9, 10, 7, 8],
                 [5, 5, 5, 6, 6, 6, 1, 2, 3, 11, 12, 13, 11, 12]]
    threshold = 0.8
    grams = {
        "linear": (x @ x.T, y @ y.T),
        "rbf": (rbf_gram(x, threshold), rbf_gram(y, threshold)),
    }
    out = {
        "x": x.tolist(), "y": y.tolist(), "resamples": resamples, "rbfThreshold": threshold,
        "ckaLinear": [cka_resample(*grams["linear"], f, False) for f in resamples],
        "ckaDebiased": [cka_resample(*grams["linear"], f, True) for f in resamples],
        "ckaRBF": [cka_resample(*grams["rbf"], f, False) for f in resamples],
        "rsa": [rsa_resample(x, y, f) for f in resamples],
    }
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {OUT}")
    for key in ("ckaLinear", "ckaDebiased", "ckaRBF", "rsa"):
        print(key, [round(v, 6) for v in out[key]])


if __name__ == "__main__":
    main()
