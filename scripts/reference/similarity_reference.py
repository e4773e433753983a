#!/usr/bin/env python3
"""Reference values for CortexSimilarity: RDMs, RDM comparisons, the study's TSRSA, CKA.

Run from the repository root:
    python3 -m pip install -r scripts/reference/requirements.txt   # numpy, scipy, rsatoolbox==0.3.2
    python3 scripts/reference/similarity_reference.py

Writes Tests/CortexSimilarityTests/Fixtures/similarity.json, read by the CortexSimilarityTests.
Inputs are generated here from fixed seeds / formulas and written into the JSON (Python's float
repr round-trips exactly), so the Swift tests use bit-identical inputs.

Independent implementations:
- RDMs: rsatoolbox.rdm.calc_rdm ('euclidean' = squared Euclidean / n channels, 'correlation');
  scipy.spatial.distance.pdist ('euclidean', 'cosine').
- Comparisons: rsatoolbox.rdm.compare ('spearman', 'corr', 'kendall' (tau-b), 'tau-a', 'rho-a',
  'cosine'); scipy.stats.spearmanr / kendalltau; tau-a by brute force over pairs.
- TSRSA: the reference study's numpy procedure, written out below (study_tsrsa).
- SVCCA / PWCCA: numpy SVD + QR (PWCCA weights as defined in PWCCA.swift); Procrustes: the
  nuclear norm of the normalised cross-product; ridge: scikit-learn Ridge + KFold.
- CKA: a numpy port of Kornblith et al.'s reference formulas (gram_linear, gram_rbf, center_gram,
  cka, feature_space_linear_cka).
"""
import json
from importlib.metadata import version
from pathlib import Path

import numpy as np
import scipy
import scipy.spatial.distance
import scipy.stats
import rsatoolbox
import sklearn
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score
from sklearn.model_selection import KFold, cross_val_predict
from rsatoolbox.data import Dataset
from rsatoolbox.rdm import RDMs, calc_rdm, compare

assert np.__version__ == "2.4.6", np.__version__
assert scipy.__version__ == "1.17.1", scipy.__version__
assert version("rsatoolbox") == "0.3.2", version("rsatoolbox")
assert sklearn.__version__ == "1.9.1", sklearn.__version__

OUT = Path(__file__).resolve().parents[2] / "Tests" / "CortexSimilarityTests" / "Fixtures"


def matrix(a):
    return [[float(v) for v in row] for row in np.asarray(a, dtype=float)]


def vector(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


# ---------------------------------------------------------------- inputs
rng = np.random.default_rng(20240601)
random_10x7 = rng.standard_normal((10, 7))
# Small integers with ties, and a duplicated row (frame 5 = frame 2).
ties_dup_8x5 = np.array([[round(3 * np.sin(1.3 * i + 0.7 * j + 0.1 * i * j)) + (j == i % 5) for j in range(5)]
                         for i in range(8)], dtype=float)
ties_dup_8x5[5] = ties_dup_8x5[2]
wide_6x40 = rng.standard_normal((6, 40)) + 3.0   # more channels than conditions, offset mean


def rdm_case(name, x):
    ds = Dataset(x)
    return {
        "name": name,
        "x": matrix(x),
        "squaredEuclideanPerChannel": vector(calc_rdm(ds, method="euclidean").get_vectors()),
        "correlation": vector(calc_rdm(ds, method="correlation").get_vectors()),
        "euclidean": vector(scipy.spatial.distance.pdist(x, "euclidean")),
        "cosine": vector(scipy.spatial.distance.pdist(x, "cosine")),
    }


def study_ranks(v, kind):
    """The study's argsort(argsort(x)); kind='stable' makes tie order positional."""
    return np.argsort(np.argsort(v, kind=kind), kind=kind).astype(float)


def study_spearman(a, b, kind="stable"):
    n = a.size
    d = study_ranks(a, kind) - study_ranks(b, kind)
    return 1 - 6 * np.sum(d * d) / (n ** 3 - n)


def tau_a_brute(a, b):
    n = a.size
    s = 0
    for i in range(n):
        for j in range(i + 1, n):
            s += np.sign(a[i] - a[j]) * np.sign(b[i] - b[j])
    return s / (n * (n - 1) / 2)


def comparison_case(name, a, b):
    r1 = RDMs(dissimilarities=a[None, :])
    r2 = RDMs(dissimilarities=b[None, :])
    out = {"name": name, "a": vector(a), "b": vector(b)}
    for key, method in [("spearmanAverage", "spearman"), ("pearson", "corr"), ("kendallTauB", "kendall"),
                        ("kendallTauA", "tau-a"), ("rhoA", "rho-a"), ("cosine", "cosine")]:
        out[key] = float(compare(r1, r2, method=method)[0, 0])
    out["scipySpearman"] = float(scipy.stats.spearmanr(a, b).statistic)
    out["scipyKendallTauB"] = float(scipy.stats.kendalltau(a, b).statistic)
    out["bruteTauA"] = float(tau_a_brute(a, b))
    out["spearmanOrdinal"] = float(study_spearman(a, b, "stable"))
    out["spearmanOrdinalDefaultArgsort"] = float(study_spearman(a, b, "quicksort"))
    return out


def study_tsrsa(model, brain, kind="stable"):
    """The reference study's TSRSA, step by step: drop frame 0; row-wise Pearson correlation
    matrix (np.corrcoef); distance 1 - r; upper triangle i < j row-major; argsort(argsort) ranks;
    r = 1 - 6 sum d^2 / (n^3 - n). No NaN guard."""
    m, b = model[1:], brain[1:]
    iu = np.triu_indices(m.shape[0], k=1)
    dm = (1 - np.corrcoef(m))[iu]
    db = (1 - np.corrcoef(b))[iu]
    return float(study_spearman(dm, db, kind)), dm, db


def tsrsa_case(name, model, brain):
    score, dm, db = study_tsrsa(model, brain)
    # np.corrcoef gives duplicated frames r = 1 or 1 - 2.2e-16 depending on rounding, so the
    # study's ordinal ranks of those exactly-tied pairs are decided by last-bit noise. The
    # 'snapped' variant rounds distances to 12 decimals first, making such ties exact (CortexKit
    # computes duplicated frames' distance as exactly 0); otherwise it is the study's procedure.
    sm, sb = np.round(dm, 12), np.round(db, 12)
    return {
        "studyOrdinalTiesSnapped": float(study_spearman(sm, sb, "stable")),
        "spearmanAverageTiesSnapped": float(scipy.stats.spearmanr(sm, sb).statistic),
        "kendallTauBTiesSnapped": float(scipy.stats.kendalltau(sm, sb).statistic),
        "name": name, "model": matrix(model), "brain": matrix(brain),
        "studyOrdinal": score,
        "studyOrdinalDefaultArgsort": study_tsrsa(model, brain, "quicksort")[0],
        "spearmanAverage": float(scipy.stats.spearmanr(dm, db).statistic),
        "pearson": float(np.corrcoef(dm, db)[0, 1]),
        "kendallTauB": float(scipy.stats.kendalltau(dm, db).statistic),
    }


# ---------------------------------------------------------------- Kornblith et al. (2019) reference CKA
def gram_linear(x):
    return x.dot(x.T)


def gram_rbf(x, threshold=1.0):
    dot_products = x.dot(x.T)
    sq_norms = np.diag(dot_products)
    sq_distances = -2 * dot_products + sq_norms[:, None] + sq_norms[None, :]
    sq_median_distance = np.median(sq_distances)
    return np.exp(-sq_distances / (2 * threshold ** 2 * sq_median_distance))


def center_gram(gram, unbiased=False):
    if not np.allclose(gram, gram.T):
        raise ValueError("Input must be a symmetric matrix.")
    gram = gram.copy()
    if unbiased:
        n = gram.shape[0]
        np.fill_diagonal(gram, 0)
        means = np.sum(gram, 0, dtype=np.float64) / (n - 2)
        means -= np.sum(means) / (2 * (n - 1))
        gram -= means[:, None]
        gram -= means[None, :]
        np.fill_diagonal(gram, 0)
    else:
        means = np.mean(gram, 0, dtype=np.float64)
        means -= np.mean(means) / 2
        gram -= means[:, None]
        gram -= means[None, :]
    return gram


def cka(gram_x, gram_y, debiased=False):
    gram_x = center_gram(gram_x, unbiased=debiased)
    gram_y = center_gram(gram_y, unbiased=debiased)
    scaled_hsic = gram_x.ravel().dot(gram_y.ravel())
    normalization_x = np.linalg.norm(gram_x)
    normalization_y = np.linalg.norm(gram_y)
    return scaled_hsic / (normalization_x * normalization_y)


def feature_space_linear_cka(x, y):
    x = x - np.mean(x, 0, keepdims=True)
    y = y - np.mean(y, 0, keepdims=True)
    dot_product_similarity = np.linalg.norm(x.T.dot(y)) ** 2
    normalization_x = np.linalg.norm(x.T.dot(x))
    normalization_y = np.linalg.norm(y.T.dot(y))
    return dot_product_similarity / (normalization_x * normalization_y)


def cka_case(name, x, y):
    return {
        "name": name, "x": matrix(x), "y": matrix(y),
        "linear": float(cka(gram_linear(x), gram_linear(y))),
        "linearFeatureSpace": float(feature_space_linear_cka(x, y)),
        "rbf1": float(cka(gram_rbf(x, 1.0), gram_rbf(y, 1.0))),
        "rbf05": float(cka(gram_rbf(x, 0.5), gram_rbf(y, 0.5))),
        "debiasedLinear": float(cka(gram_linear(x), gram_linear(y), debiased=True)),
        "debiasedRbf1": float(cka(gram_rbf(x, 1.0), gram_rbf(y, 1.0), debiased=True)),
    }


# ---------------------------------------------------------------- SVCCA, PWCCA, Procrustes, ridge
def principal(x, k):
    """Top-k left singular vectors of column-centred x (numpy SVD, not a Gram eigensolver)."""
    x = x - x.mean(0, keepdims=True)
    u, s, _ = np.linalg.svd(x, full_matrices=False)
    rank = int(np.sum(s ** 2 > (s[0] ** 2) * 1e-12))
    return u[:, :min(k, rank)], x


def cca_qr(ux, uy):
    """Canonical correlations and x-side directions by QR + SVD of the reduced data."""
    qx, _ = np.linalg.qr(ux)
    qy, _ = np.linalg.qr(uy)
    a, s, bt = np.linalg.svd(qx.T @ qy)
    return s, qx, a, qy, bt


def svcca(x, y, k):
    ux, _ = principal(x, k)
    uy, _ = principal(y, k)
    return float(np.mean(cca_qr(ux, uy)[0]))


def pwcca(x, y, k):
    """CortexKit's PWCCA definition: weights = sum_j |<h_i, centred unit j>| on the side with
    fewer units, h_i its unit-norm canonical variates (Morcos et al. 2018 with centred activities)."""
    ux, xc = principal(x, k)
    uy, yc = principal(y, k)
    s, qx, a, qy, bt = cca_qr(ux, uy)
    m = s.size
    if x.shape[1] <= y.shape[1]:
        h, data = qx @ a[:, :m], xc
    else:
        h, data = qy @ bt.T[:, :m], yc
    w = np.abs(data.T @ h).sum(0)
    w = w / w.sum()
    return float(np.sum(w * np.clip(s, 0, 1)))


def procrustes(x, y):
    xc = x - x.mean(0); yc = y - y.mean(0)
    xc = xc / np.linalg.norm(xc); yc = yc / np.linalg.norm(yc)
    nuc = np.linalg.norm(xc.T @ yc, "nuc")
    return float(nuc), float(np.sqrt(max(0.0, 2 - 2 * nuc)))


def ridge_cv(x, y, alpha, folds):
    pred = cross_val_predict(Ridge(alpha=alpha), x, y, cv=KFold(folds))
    return float(np.mean([np.corrcoef(pred[:, j], y[:, j])[0, 1] for j in range(y.shape[1])]))


def ridge_in_sample(x, y, alpha):
    pred = Ridge(alpha=alpha).fit(x, y).predict(x)
    return float(np.mean(r2_score(y, pred, multioutput="raw_values")))


def cca_case(name, x, y, k):
    sim, dist = procrustes(x, y)
    return {"name": name, "x": matrix(x), "y": matrix(y), "k": k,
            "svccaK": svcca(x, y, k), "svccaAll": svcca(x, y, 10 ** 6),
            "pwccaK": pwcca(x, y, k), "pwccaAll": pwcca(x, y, 10 ** 6),
            "procrustesSimilarity": sim, "procrustesDistance": dist,
            "ridgeCV5": ridge_cv(x, y, 1.0, 5), "ridgeCV3Alpha10": ridge_cv(x, y, 10.0, 3),
            "ridgeInSampleR2": ridge_in_sample(x, y, 1.0)}


def crossnobis_case(name, partitions, noise):
    """rsatoolbox calc_rdm(method='crossnobis') on a Dataset with one observation per condition per fold."""
    f, n, p = partitions.shape
    data = partitions.reshape(f * n, p)
    ds = Dataset(data, obs_descriptors={"conds": np.tile(np.arange(n), f), "fold": np.repeat(np.arange(f), n)})
    identity = calc_rdm(ds, method="crossnobis", descriptor="conds", cv_descriptor="fold")
    weighted = calc_rdm(ds, method="crossnobis", descriptor="conds", cv_descriptor="fold", noise=noise)
    return {"name": name, "partitions": [matrix(m) for m in partitions], "precision": matrix(noise),
            "identity": vector(identity.get_vectors()), "withPrecision": vector(weighted.get_vectors())}


def main():
    rdm_cases = [rdm_case("random_10x7", random_10x7), rdm_case("ties_dup_8x5", ties_dup_8x5),
                 rdm_case("wide_6x40", wide_6x40)]

    a = calc_rdm(Dataset(random_10x7), method="correlation").get_vectors()[0]
    b = calc_rdm(Dataset(random_10x7 + 0.8 * rng.standard_normal((10, 7))), method="correlation").get_vectors()[0]
    ties_a = np.array([float(round(2 * np.sin(0.9 * k))) for k in range(66)])
    ties_b = np.array([float(round(1.5 * np.cos(0.4 * k) + 0.5 * np.sin(2.1 * k))) for k in range(66)])
    mixed_b = np.array([float(k % 7) + 0.01 * k for k in range(66)])
    comparison_cases = [comparison_case("continuous_45", a, b), comparison_case("ties_66", ties_a, ties_b),
                        comparison_case("ties_vs_distinct_66", ties_a, mixed_b)]

    latent = rng.standard_normal((24, 3))
    model = latent @ rng.standard_normal((3, 12)) + 0.5 * rng.standard_normal((24, 12))
    brain = latent @ rng.standard_normal((3, 9)) + 0.7 * rng.standard_normal((24, 9)) + 2.0
    model_dup, brain_dup = model.copy(), brain.copy()
    for src, dst in [(3, 7), (10, 11), (4, 20)]:   # duplicated frames: exact ties in the RDMs
        model_dup[dst] = model_dup[src]
        brain_dup[dst] = brain_dup[src]
    tsrsa_cases = [tsrsa_case("latent_24", model, brain), tsrsa_case("duplicate_frames_24", model_dup, brain_dup)]

    x = rng.standard_normal((15, 6))
    y = x @ rng.standard_normal((6, 40)) + 0.8 * rng.standard_normal((15, 40))
    fx = rng.standard_normal((30, 4))
    fy = np.tanh(fx @ rng.standard_normal((4, 5))) + 0.3 * rng.standard_normal((30, 5))
    dup = x.copy()
    dup[9] = dup[2]
    cka_cases = [cka_case("gram_15_6_40", x, y), cka_case("features_30_4_5", fx, fy),
                 cka_case("duplicate_rows_15", dup, y)]

    cx = rng.standard_normal((23, 6))
    cy = np.tanh(cx @ rng.standard_normal((6, 4))) + 0.4 * rng.standard_normal((23, 4))
    wide_x = rng.standard_normal((21, 50))
    wide_y = wide_x[:, :7] @ rng.standard_normal((7, 9)) + 0.5 * rng.standard_normal((21, 9))
    cca_cases = [cca_case("narrow_23_6_4", cx, cy, 3), cca_case("wide_21_50_9", wide_x, wide_y, 5)]

    patterns = rng.standard_normal((6, 8))
    partitions = np.stack([patterns + 0.7 * rng.standard_normal((6, 8)) for _ in range(4)])
    a = rng.standard_normal((8, 8))
    noise = np.linalg.inv(a @ a.T / 8 + np.eye(8))   # a symmetric positive-definite precision
    crossnobis_cases = [crossnobis_case("folds4_6x8", partitions, noise),
                        crossnobis_case("folds2_6x8", partitions[:2], noise)]

    payload = {"generator": "scripts/reference/similarity_reference.py", "numpy": np.__version__,
               "scipy": scipy.__version__, "rsatoolbox": version("rsatoolbox"), "scikit-learn": sklearn.__version__, "cca": cca_cases, "crossnobis": crossnobis_cases,
               "rdms": rdm_cases, "comparisons": comparison_cases, "tsrsa": tsrsa_cases, "cka": cka_cases}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "similarity.json").write_text(json.dumps(payload, indent=1) + "\n")


if __name__ == "__main__":
    main()
