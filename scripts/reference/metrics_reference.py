#!/usr/bin/env python3
"""Reference values for issue 13's metrics: exact Euclidean RDMs on counts, the Spearman frame RDM
(the study's STSRSA), the study's regression (PCA + ridge, in-sample R²), SVCCA/PWCCA with capped
dimensions, and the frame-0 policy.

Run from the repository root:
    python3 -m pip install -r scripts/reference/requirements.txt   # numpy, scipy, rsatoolbox, scikit-learn
    python3 scripts/reference/metrics_reference.py

Writes Tests/CortexSimilarityTests/Fixtures/metrics.json, read by MetricsReferenceTests.swift.
Inputs are generated here from fixed seeds and written into the JSON (float repr round-trips).

Independent implementations:
- Euclidean RDMs: scipy.spatial.distance.pdist('euclidean') on the integer counts k (for k/R data,
  pdist(k)/R: dividing by R is exact in ranks and, for the distances, within one rounding), compared
  by scipy.stats.spearmanr / kendalltau / pearsonr and rsatoolbox.rdm.compare ('tau-a', 'rho-a',
  'cosine').
- Spearman frame RDM: 1 - scipy.stats.spearmanr between frames (average ranks); on tie-free data
  also the study's STSRSAMetric procedure (argsort∘argsort ranks, r = 1 - 6Σd²/(n³ - n)) written out.
- Study regression: sklearn PCA(n_components=40) + Ridge(alpha=1.0) fitted and scored on the same
  frames, mean over neurons of 1 - SS_res/SS_tot (the study's RegMetric); svd_solver='full' (exact),
  and the study's own call (random_state=2023, solver 'auto') recorded beside it.
- SVCCA/PWCCA: numpy SVD of the centred data, 99 % variance, the cap k_x + k_y <= (n - 1)//2
  (proportional shrink, re-implemented below), canonical correlations by QR + SVD.
"""
import json
from importlib.metadata import version
from pathlib import Path

import numpy as np
import scipy
import scipy.spatial.distance
import scipy.stats
import sklearn
from rsatoolbox.rdm import RDMs, compare
from sklearn.decomposition import PCA
from sklearn.linear_model import Ridge

assert np.__version__ == "2.4.6", np.__version__
assert scipy.__version__ == "1.17.1", scipy.__version__
assert version("rsatoolbox") == "0.3.2", version("rsatoolbox")
assert sklearn.__version__ == "1.9.1", sklearn.__version__

OUT = Path(__file__).resolve().parents[2] / "Tests" / "CortexSimilarityTests" / "Fixtures"


def matrix(a):
    return [[float(v) for v in row] for row in np.asarray(a, dtype=float)]


def vector(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


# ---------------------------------------------------------------- exact Euclidean RDMs on counts
def comparisons(a, b):
    r1, r2 = RDMs(dissimilarities=a[None, :]), RDMs(dissimilarities=b[None, :])
    return {
        "spearman": float(scipy.stats.spearmanr(a, b).statistic),
        "kendallTauB": float(scipy.stats.kendalltau(a, b).statistic),
        "pearson": float(scipy.stats.pearsonr(a, b).statistic),
        "kendallTauA": float(compare(r1, r2, method="tau-a")[0, 0]),
        "rhoA": float(compare(r1, r2, method="rho-a")[0, 0]),
        "cosine": float(compare(r1, r2, method="cosine")[0, 0]),
    }


def counts_case(name, model_counts, brain_counts, repeats):
    """Inputs are k/R (R = repeats; R = 1: plain counts); distances from pdist on the integers."""
    model, brain = model_counts / repeats, brain_counts / repeats
    dm = scipy.spatial.distance.pdist(model_counts, "euclidean") / repeats
    db = scipy.spatial.distance.pdist(brain_counts, "euclidean") / repeats
    return {"name": name, "repeats": repeats, "model": matrix(model), "brain": matrix(brain),
            "modelEuclidean": vector(dm), "brainEuclidean": vector(db),
            "distinctModel": int(np.unique(dm).size), "distinctBrain": int(np.unique(db).size),
            "euclidean": comparisons(dm, db)}


# ---------------------------------------------------------------- Spearman frame RDMs (STSRSA)
def spearman_rdm(x):
    n = x.shape[0]
    iu = np.triu_indices(n, 1)
    rho = np.array([[scipy.stats.spearmanr(x[i], x[j]).statistic for j in range(n)] for i in range(n)])
    return (1 - rho)[iu]


def study_cross_spearman(x):
    """The study's `_spearman_correlation_coefficient(x, x, mode='cross')`: argsort∘argsort ranks per row."""
    r = np.argsort(np.argsort(x, axis=1), axis=1).astype("float64")
    n = x.shape[1]
    d = np.diag(r @ r.T)
    s = d[:, None] - 2 * r @ r.T + d[None, :]
    return 1 - 6 * s / (n ** 3 - n)


def study_spearman(a, b):
    """The study's argsort∘argsort Spearman with a stable argsort: a frame RDM of Spearman
    distances over p units takes at most (p³ - p)/6 + 1 values, so it has ties, and numpy's default
    (quicksort) orders ties arbitrarily; 'stable' orders them by position, as TiePolicy.ordinal."""
    ra = np.argsort(np.argsort(a, kind="stable"), kind="stable").astype(float)
    rb = np.argsort(np.argsort(b, kind="stable"), kind="stable").astype(float)
    n = a.size
    return 1 - 6 * np.sum((ra - rb) ** 2) / (n ** 3 - n)


def stsrsa_case(name, model, brain, tie_free):
    m, b = model[1:], brain[1:]            # the study drops frame 0
    dm, db = spearman_rdm(m), spearman_rdm(b)
    out = {"name": name, "model": matrix(model), "brain": matrix(brain),
           "modelRDM": vector(dm), "brainRDM": vector(db),
           "spearmanAverage": float(scipy.stats.spearmanr(dm, db).statistic)}
    if tie_free:
        iu = np.triu_indices(m.shape[0], 1)
        sm, sb = (1 - study_cross_spearman(m))[iu], (1 - study_cross_spearman(b))[iu]
        assert np.allclose(sm, dm, atol=1e-12) and np.allclose(sb, db, atol=1e-12)
        out["studyOrdinal"] = float(study_spearman(sm, sb))
    return out


# ---------------------------------------------------------------- the study's regression
def r2_mean(y, pred):
    return float(np.mean(1 - np.sum((y - pred) ** 2, axis=0) / np.sum((y - y.mean(0, keepdims=True)) ** 2, axis=0)))


def ridge_study(x, y, dims=40, solver="full", seed=2023):
    if dims < x.shape[1]:
        z = PCA(n_components=dims, svd_solver=solver, random_state=seed).fit(x).transform(x)
    else:
        z = x.copy()
    return r2_mean(y, Ridge(alpha=1.0).fit(z, y).predict(z))


def ridge_study_case(name, x, y, dims):
    return {"name": name, "model": matrix(x), "brain": matrix(y), "pcaDims": dims,
            "full": ridge_study(x, y, dims), "studyDefaultSolver": ridge_study(x, y, dims, solver="auto"),
            "firstFrameDropped": ridge_study(x[1:], y[1:], dims)}


# ---------------------------------------------------------------- SVCCA / PWCCA with the cap
def kept(x, fraction=0.99):
    xc = x - x.mean(0, keepdims=True)
    u, s, _ = np.linalg.svd(xc, full_matrices=False)
    var = s ** 2
    rank = int(np.sum(var > var[0] * 1e-12))
    cum = np.cumsum(var[:rank])
    k = int(np.searchsorted(cum, fraction * cum[-1]) + 1)
    return u, min(k, rank), xc


def cap(kx, ky, n):
    limit = max(2, (n - 1) // 2)
    if kx + ky <= limit:
        return kx, ky
    x = max(1, min(kx, int(np.floor(limit * kx / (kx + ky)))))
    y = max(1, min(ky, limit - x))
    while x + y > limit and (x > 1 or y > 1):
        if x >= y:
            x -= 1
        else:
            y -= 1
    return x, y


def cca_case(name, x, y):
    n = x.shape[0]
    ux, kx0, xc = kept(x)
    uy, ky0, yc = kept(y)
    kx, ky = cap(kx0, ky0, n)
    qx, _ = np.linalg.qr(ux[:, :kx])
    qy, _ = np.linalg.qr(uy[:, :ky])
    a, s, bt = np.linalg.svd(qx.T @ qy)
    s = np.clip(s, 0, 1)
    m = s.size
    h, data = (qx @ a[:, :m], xc) if x.shape[1] <= y.shape[1] else (qy @ bt.T[:, :m], yc)
    w = np.abs(data.T @ h).sum(0)
    w = w / w.sum()
    # Uncapped, for the record: how many correlations tie at 1.
    qx0, _ = np.linalg.qr(ux[:, :kx0])
    qy0, _ = np.linalg.qr(uy[:, :ky0])
    s0 = np.linalg.svd(qx0.T @ qy0, compute_uv=False)
    return {"name": name, "x": matrix(x), "y": matrix(y), "n": n, "uncappedKx": kx0, "uncappedKy": ky0,
            "kx": kx, "ky": ky, "svcca": float(np.mean(s)), "pwcca": float(np.sum(w * s)),
            "canonical": vector(s), "uncappedUnitCorrelations": int(np.sum(s0 >= 1 - 1e-12))}


def main():
    rng = np.random.default_rng(13)
    # Poisson counts sharing a slow latent (so the RDMs agree), with many equal differences.
    latent = np.sin(np.linspace(0, 6, 48))[:, None]
    cases = []
    model_k = rng.poisson(2 + 1.5 * (1 + latent) * rng.standard_normal((1, 14)) ** 2, size=(48, 14)).astype(float)
    brain_k = rng.poisson(2 + 1.5 * (1 + latent) * rng.standard_normal((1, 9)) ** 2, size=(48, 9)).astype(float)
    cases.append(counts_case("counts 48x14 vs 48x9", model_k, brain_k, 1))
    # Counts summed over R = 20 repeats, stored as means k/20 (trial-averaged responses).
    model_s = rng.poisson(20 * (1 + 0.8 * latent[:40] ** 2), size=(40, 12)).astype(float)
    brain_s = rng.poisson(20 * (1 + 0.8 * latent[:40] ** 2), size=(40, 7)).astype(float)
    cases.append(counts_case("k/20 means 40x12 vs 40x7", model_s, brain_s, 20))
    # Spikes of a network averaged over T = 4 steps (image protocol): k/4.
    model_t = rng.binomial(4, 0.3, size=(36, 20)).astype(float)
    brain_t = rng.binomial(4, 0.3, size=(36, 6)).astype(float)
    cases.append(counts_case("k/4 means 36x20 vs 36x6", model_t, brain_t, 4))

    common = rng.standard_normal((24, 5))
    stsrsa = [
        stsrsa_case("tie-free 24x15 vs 24x11", common @ rng.standard_normal((5, 15)) + 0.3 * rng.standard_normal((24, 15)),
                    common @ rng.standard_normal((5, 11)) + 0.3 * rng.standard_normal((24, 11)), True),
        stsrsa_case("counts with ties 26x12 vs 26x10", rng.poisson(1.5, size=(26, 12)).astype(float),
                    rng.poisson(1.5, size=(26, 10)).astype(float), False),
    ]

    base = rng.standard_normal((60, 6))
    x_wide = base @ rng.standard_normal((6, 100)) + 0.5 * rng.standard_normal((60, 100))
    y = base @ rng.standard_normal((6, 8)) + rng.standard_normal((60, 8))
    x_narrow = base @ rng.standard_normal((6, 30)) + 0.5 * rng.standard_normal((60, 30))
    ridge = [ridge_study_case("100 units (PCA to 40)", x_wide, y, 40),
             ridge_study_case("30 units (no PCA)", x_narrow, y, 40),
             ridge_study_case("100 units (PCA to 10)", x_wide, y, 10)]

    shared = rng.standard_normal((30, 4))
    cca = [cca_case("30 frames, 40 vs 25 units (cap binds)", shared @ rng.standard_normal((4, 40)) + rng.standard_normal((30, 40)),
                    shared @ rng.standard_normal((4, 25)) + rng.standard_normal((30, 25))),
           cca_case("60 frames, 5 vs 4 units (cap free)", rng.standard_normal((60, 5)), rng.standard_normal((60, 4)))]

    out = {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__,
           "rsatoolbox": version("rsatoolbox"), "counts": cases, "stsrsa": stsrsa, "ridgeStudy": ridge, "cca": cca}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "metrics.json").write_text(json.dumps(out, indent=1) + "\n")
    for c in cases:
        print(c["name"], "distinct", c["distinctModel"], c["distinctBrain"], c["euclidean"])
    for c in stsrsa:
        print(c["name"], c["spearmanAverage"], c.get("studyOrdinal"))
    for c in ridge:
        print(c["name"], c["full"], c["studyDefaultSolver"], c["firstFrameDropped"])
    for c in cca:
        print(c["name"], (c["uncappedKx"], c["uncappedKy"]), "->", (c["kx"], c["ky"]), c["svcca"], c["pwcca"],
              "unit correlations uncapped:", c["uncappedUnitCorrelations"])


if __name__ == "__main__":
    main()
