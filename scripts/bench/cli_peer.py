#!/usr/bin/env python3
"""The numpy/h5py peers of the whole-process benchmarks (scripts/bench/cli_run.py), one process
per call, reading the same files as the `cortex` command next to it and printing its score the way
`cortex … --json` does (one JSON object).

    cli_peer.py tsrsa MODEL.npy BRAIN.npy          the study's TSRSA (np.corrcoef over frames 1…,
                                                   upper triangle, argsort∘argsort ranks,
                                                   1 − 6Σd²/(n³ − n))
    cli_peer.py cka-linear A.npy B.npy             Kornblith et al.'s gram_linear / center_gram / cka
    cli_peer.py cka-debiased A.npy B.npy           the same with debiased=True (unbiased HSIC)
    cli_peer.py svcca A.npy B.npy                  SVCCA: numpy SVD of the centred data (frames 1…),
                                                   99 % variance, k_x + k_y ≤ (n − 1)/2, QR + SVD
    cli_peer.py pwcca A.npy B.npy                  PWCCA: the same plus the projection weights
    cli_peer.py procrustes A.npy B.npy             ‖X̃ᵀỸ‖_* of the centred, unit-norm data
    cli_peer.py ridge A.npy B.npy                  5-fold ridge (α = 1, intercept), mean held-out r;
                                                   scikit-learn's Cholesky choice: primal p × p
                                                   when units ≤ frames, else the kernel (dual) form
    cli_peer.py ceiling RESPONSES.h5 AREA SPLITS   the study-style split-half neurons loop (TSRSA of
                                                   two random halves of the units, mean ± SEM)
    cli_peer.py responses SESSION.nwb OUT.h5       h5py + numpy per-unit searchsorted counts
                                                   (scripts/bench/nwb_bench.py's peer)

CKA drops frame 0 as `cortex similarity` does by default. Loading is part of the time, as for the
user of either tool (np.load reads the whole file; corrcoef widens float32 to float64).
"""
import json
import os
import sys

import numpy as np


def rdm_upper(x):
    r = np.corrcoef(x)
    iu = np.triu_indices(r.shape[0], k=1)
    return (1 - r)[iu]


def study_spearman(a, b):
    ra = np.argsort(np.argsort(a))
    rb = np.argsort(np.argsort(b))
    n = len(a)
    return 1 - 6 * np.sum((ra - rb).astype(np.float64) ** 2) / (n ** 3 - n)


def tsrsa(model, brain):
    return study_spearman(rdm_upper(model[1:]), rdm_upper(brain[1:]))


# Kornblith et al. (2019), "Similarity of Neural Network Representations Revisited", demo notebook.
def gram_linear(x):
    return x.dot(x.T)


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
    return scaled_hsic / (np.linalg.norm(gram_x) * np.linalg.norm(gram_y))


# SVCCA / PWCCA / Procrustes / ridge: what a numpy/scipy user writes (Raghu et al.'s SVD of the
# data; scikit-learn's Ridge solver choice), on frames 1… as `cortex similarity` compares them.
def centred(x):
    x = np.asarray(x, dtype=np.float64)
    return x - x.mean(0, keepdims=True)


def principal(xc, fraction=0.99):
    u, s, _ = np.linalg.svd(xc, full_matrices=False)
    var = s ** 2
    rank = int(np.sum(var > var[0] * 1e-12))
    cum = np.cumsum(var[:rank])
    return u, min(rank, int(np.searchsorted(cum, fraction * cum[-1]) + 1))


def capped(kx, ky, n):
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


def cca(a, b, weighted):
    xc, yc = centred(a), centred(b)
    (ux, kx), (uy, ky) = principal(xc), principal(yc)
    kx, ky = capped(kx, ky, xc.shape[0])
    qx, _ = np.linalg.qr(ux[:, :kx])
    qy, _ = np.linalg.qr(uy[:, :ky])
    u, s, vt = np.linalg.svd(qx.T @ qy)
    s = np.clip(s, 0, 1)
    if not weighted:
        return float(np.mean(s))
    h, data = (qx @ u[:, :s.size], xc) if xc.shape[1] <= yc.shape[1] else (qy @ vt.T[:, :s.size], yc)
    w = np.abs(data.T @ h).sum(0)
    return float(np.sum(w / w.sum() * s))


def procrustes(a, b):
    xc, yc = centred(a), centred(b)
    xc /= np.linalg.norm(xc)
    yc /= np.linalg.norm(yc)
    return float(np.linalg.norm(xc.T @ yc, "nuc"))


def ridge(a, b, alpha=1.0, folds=5):
    import scipy.linalg
    x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    n = x.shape[0]
    pred = np.empty_like(y)
    sizes = [n // folds + (1 if f < n % folds else 0) for f in range(folds)]
    start = 0
    for size in sizes:
        test = np.arange(start, start + size)
        train = np.concatenate([np.arange(0, start), np.arange(start + size, n)])
        start += size
        mx, my = x[train].mean(0), y[train].mean(0)
        xr, yr = x[train] - mx, y[train] - my
        if x.shape[1] <= len(train):
            w = scipy.linalg.solve(xr.T @ xr + alpha * np.eye(x.shape[1]), xr.T @ yr, assume_a="pos")
            pred[test] = (x[test] - mx) @ w + my
        else:
            dual = scipy.linalg.solve(xr @ xr.T + alpha * np.eye(len(train)), yr, assume_a="pos")
            pred[test] = (x[test] - mx) @ (xr.T @ dual) + my
    return float(np.mean([np.corrcoef(pred[:, j], y[:, j])[0, 1] for j in range(y.shape[1])]))


def ceiling(path, area, splits):
    import h5py
    with h5py.File(path, "r") as f:
        counts = f[area]["counts"][:].T            # stored units × frames
    rng = np.random.default_rng(1)
    p = counts.shape[1]
    scores = []
    for _ in range(splits):
        order = rng.permutation(p)
        scores.append(tsrsa(counts[:, np.sort(order[:p // 2])], counts[:, np.sort(order[p // 2:])]))
    scores = np.array(scores)
    return scores.mean(), scores.std(ddof=1) / np.sqrt(len(scores))


def main():
    kind = sys.argv[1]
    if kind == "tsrsa":
        print(json.dumps({"score": float(tsrsa(np.load(sys.argv[2]), np.load(sys.argv[3])))}))
    elif kind in ("cka-linear", "cka-debiased"):
        a, b = np.load(sys.argv[2])[1:], np.load(sys.argv[3])[1:]
        value = cka(gram_linear(a), gram_linear(b), debiased=kind == "cka-debiased")
        print(json.dumps({"score": float(value)}))
    elif kind in ("svcca", "pwcca", "procrustes", "ridge"):
        a, b = np.load(sys.argv[2])[1:], np.load(sys.argv[3])[1:]
        value = {"svcca": lambda: cca(a, b, False), "pwcca": lambda: cca(a, b, True),
                 "procrustes": lambda: procrustes(a, b), "ridge": lambda: ridge(a, b)}[kind]()
        print(json.dumps({"score": value}))
    elif kind == "ceiling":
        mean, sem = ceiling(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        print(json.dumps({"score": float(mean), "standard_error": float(sem)}))
    elif kind == "responses":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from nwb_bench import PEER
        sys.argv = ["peer", sys.argv[2], sys.argv[3]]
        exec(compile(PEER, "nwb_bench.PEER", "exec"), {"__name__": "__main__"})
        print(json.dumps({"score": None}))
    else:
        sys.exit(f"unknown case {kind}")


if __name__ == "__main__":
    main()
