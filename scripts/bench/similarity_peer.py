#!/usr/bin/env python3
"""numpy/scipy side of the similarity benchmarks (BENCHMARKS.md, "Similarity (issue 4)").

Reads the same bench-data/*.npy files as `cortex-bench similarity` and prints one JSON object with
the same case names, times and scores. The TSRSA code follows the reference study
(github.com/Grasshlw/SNN-Neural-Similarity-Movie): np.corrcoef over frames, upper triangle,
argsort(argsort) ranks, r = 1 - 6·Σd²/(n³ - n). Linear CKA follows Kornblith et al.'s
(2019) notebook: gram_linear, center_gram, cka. Usage:
    python3 scripts/bench/similarity_peer.py [similarity-stream] [--quick]
"""
import json
import os
import sys
import time

import numpy as np
import scipy

quick = "--quick" in sys.argv
stream = "similarity-stream" in sys.argv
suffix = "_quick" if quick else ""
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench-data")


def load(name, **kw):
    return np.load(os.path.join(root, f"{name}{suffix}.npy"), **kw)


def timed(reps, fn):
    times, value = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[0], times[len(times) // 2], value


# --- the study's TSRSA -------------------------------------------------------------------------
def rdm_upper(x):
    r = np.corrcoef(x)                       # rows = frames
    d = 1 - r
    iu = np.triu_indices(d.shape[0], k=1)
    return d[iu]


def study_spearman(a, b):
    ra = np.argsort(np.argsort(a))
    rb = np.argsort(np.argsort(b))
    n = len(a)
    return 1 - 6 * np.sum((ra - rb).astype(np.float64) ** 2) / (n ** 3 - n)


def tsrsa(model, brain):
    return study_spearman(rdm_upper(model[1:]), rdm_upper(brain[1:]))


# --- Kornblith et al.'s linear CKA ----------------------------------------------------------------
def gram_linear(x):
    return x.dot(x.T)


def center_gram(gram):
    gram = gram.astype(np.float64, copy=True)
    means = np.mean(gram, 0, dtype=np.float64)
    means -= np.mean(means) / 2
    gram -= means[:, None]
    gram -= means[None, :]
    return gram


def cka(gram_x, gram_y):
    gx, gy = center_gram(gram_x), center_gram(gram_y)
    scaled_hsic = gx.ravel().dot(gy.ravel())
    return scaled_hsic / (np.linalg.norm(gx) * np.linalg.norm(gy))


results = []
area = load("area_2k")
if stream:
    # The study's code loads the whole layer (np.load), then corrcoef copies it to float64.
    def run():
        layer = load("layer_800k")
        return tsrsa(layer, area)
    best, median, score = timed(1, run)
    results.append({"name": f"TSRSA streamed 900×{800_000 // (10 if quick else 1)} f32 .npy vs 900×2000",
                    "bestSeconds": best, "medianSeconds": median, "repeats": 1, "score": float(score)})
else:
    layer = load("layer_200k")
    best, median, score = timed(3, lambda: tsrsa(layer, area))
    results.append({"name": f"TSRSA 899×{layer.shape[1]} f32 vs 899×2000", "bestSeconds": best, "medianSeconds": median,
                    "repeats": 3, "score": float(score)})

    best, median, score = timed(3, lambda: cka(gram_linear(layer), gram_linear(area)))
    results.append({"name": f"linear CKA 900×{layer.shape[1]} f32 vs 900×2000", "bestSeconds": best,
                    "medianSeconds": median, "repeats": 3, "score": float(score)})

    neurons = load("neurons_1500")

    def ceiling():
        rng = np.random.default_rng(1)
        scores = []
        p = neurons.shape[1]
        for _ in range(100):
            order = rng.permutation(p)
            scores.append(tsrsa(neurons[:, np.sort(order[:p // 2])], neurons[:, np.sort(order[p // 2:])]))
        scores = np.array(scores)
        return scores.mean(), scores.std(ddof=1) / np.sqrt(len(scores))
    best, median, (mean, sem) = timed(1, ceiling)
    results.append({"name": "split-half TSRSA ceiling, 100 splits of 1500 neurons", "bestSeconds": best,
                    "medianSeconds": median, "repeats": 1, "score": float(mean), "detail": f"{mean:.4f} ± {sem:.4f}"})

    # Permutations the naive way: roll the model's frames, recompute its RDM and ranks, compare.
    # 20 permutations, extrapolated to 10,000 (the full run would take about an hour).
    model_d, brain_d = layer[1:].astype(np.float64), area[1:]
    rb = np.argsort(np.argsort(rdm_upper(brain_d)))
    r_model = np.corrcoef(model_d)
    iu = np.triu_indices(r_model.shape[0], k=1)
    n_pairs = len(iu[0])

    def permutations(count=20):
        rng = np.random.default_rng(1)
        null = []
        for _ in range(count):
            s = rng.integers(30, r_model.shape[0] - 30 + 1)
            order = np.roll(np.arange(r_model.shape[0]), -s)
            d = (1 - r_model[np.ix_(order, order)])[iu]
            ra = np.argsort(np.argsort(d))
            null.append(1 - 6 * np.sum((ra - rb).astype(np.float64) ** 2) / (n_pairs ** 3 - n_pairs))
        return len(null)
    best, median, count = timed(1, permutations)
    results.append({"name": "10,000 circular-shift permutations of one TSRSA (899 frames, prepared)",
                    "bestSeconds": best * 10_000 / count, "medianSeconds": median * 10_000 / count, "repeats": 1,
                    "score": None, "detail": f"extrapolated from {count} permutations (reindex corrcoef, re-rank)"})

print(json.dumps({"tool": f"numpy {np.__version__} / scipy {scipy.__version__}", "results": results}, indent=2))
