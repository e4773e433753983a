#!/usr/bin/env python3
"""Reference values for held-out layer/lag selection, the max-over-candidates permutation
p-value, paired model differences (sign flips, paired percentile intervals) and multiple-comparison
corrections (Holm in numpy, Benjamini–Hochberg from scipy.stats.false_discovery_control).

Run from the repository root:
    python3 scripts/reference/selection_reference.py

Writes Tests/CortexSimilarityTests/Fixtures/selection.json, read by
Tests/CortexSimilarityTests/SelectionTests.swift. Everything is reimplemented here with numpy
and scipy, independently of CortexKit: the study's TSRSA (frame 0 dropped, RDM = 1 − Pearson r
between frames, Spearman with argsort∘argsort ranks, 1 − 6Σd²/(n³ − n)), linear CKA, and the
selection procedures as CortexKit documents them. Permutations are given as explicit circular
shifts so the reference is deterministic.
"""
import itertools
import json
from pathlib import Path

import numpy as np
import scipy
import scipy.stats

assert np.__version__ == "2.4.6", np.__version__
assert scipy.__version__ == "1.17.1", scipy.__version__

OUT = Path(__file__).resolve().parents[2] / "Tests" / "CortexSimilarityTests" / "Fixtures" / "selection.json"


def upper(m):
    i, j = np.triu_indices(m.shape[0], 1)
    return m[i, j]


def ordinal_spearman(a, b):
    """The study's Spearman: ordinal ranks (argsort of argsort), 1 − 6Σd²/(n³ − n)."""
    ra = np.argsort(np.argsort(a, kind="stable"), kind="stable").astype(float)
    rb = np.argsort(np.argsort(b, kind="stable"), kind="stable").astype(float)
    n = len(a)
    return 1 - 6 * np.sum((ra - rb) ** 2) / (n ** 3 - n)


def compare(a, b, comparison):
    if comparison == "ordinal":
        return ordinal_spearman(a, b)
    return scipy.stats.spearmanr(a, b).statistic


def frame_corr(x):
    """Pearson correlations between the kept frames (frame 0 dropped)."""
    return np.corrcoef(x[1:])


def tsrsa_lag(rm, rb, model_frames, brain_frames, comparison):
    a = upper(rm[np.ix_(model_frames, model_frames)])
    b = upper(rb[np.ix_(brain_frames, brain_frames)])
    return compare(1 - a, 1 - b, comparison)


def tsrsa_lags(rm, rb, lags, comparison, frames=None):
    """Score at each lag: model frames t (of `frames`, all by default) vs brain frames t + k."""
    n = rm.shape[0]
    frames = list(range(n)) if frames is None else frames
    out = []
    for k in lags:
        t = [f for f in frames if 0 <= f + k < n]
        if len(t) < 3:
            out.append(float("nan"))
            continue
        out.append(tsrsa_lag(rm, rb, t, [f + k for f in t], comparison))
    return out


def best(scores):
    """Highest finite score, first on ties (CortexKit's BestScore)."""
    idx, val = None, -np.inf
    for i, s in enumerate(scores):
        if np.isfinite(s) and (idx is None or s > val):
            idx, val = i, s
    return idx


def halves(frames, length):
    first = [t for t in range(frames) if (t // length) % 2 == 0]
    second = [t for t in range(frames) if (t // length) % 2 == 1]
    return first, second


def held_out(first, second):
    c1, c2 = best(first), best(second)
    return dict(chosenOnFirst=c1, chosenOnSecond=c2, scoreOnSecond=second[c1], scoreOnFirst=first[c2],
                score=(second[c1] + first[c2]) / 2)


def shift_order(n, s):
    return [(t + s) % n for t in range(n)]


def tsrsa_case(name, layers, brain, lags, comparison, block, shifts):
    rms = [frame_corr(x) for x in layers]
    rb = frame_corr(brain)
    n = rb.shape[0]
    h1, h2 = halves(n, block)
    first, second, full = [], [], []
    for rm in rms:
        first += tsrsa_lags(rm, rb, lags, comparison, h1)
        second += tsrsa_lags(rm, rb, lags, comparison, h2)
        full += tsrsa_lags(rm, rb, lags, comparison)
    observed = max(s for s in full if np.isfinite(s))
    maxima = []
    for s in shifts:
        order = shift_order(n, s)
        rbp = rb[np.ix_(order, order)]          # the brain's frames reordered: new t shows old σ(t)
        null = [v for rm in rms for v in tsrsa_lags(rm, rbp, lags, comparison)]
        maxima.append(max(v for v in null if np.isfinite(v)))
    p = (1 + sum(m >= observed for m in maxima)) / (1 + len(maxima))
    return dict(name=name, layers=[x.tolist() for x in layers], brain=brain.tolist(), lags=list(lags),
                comparison=comparison, blockLength=block, shifts=shifts, first=first, second=second, full=full,
                heldOut=held_out(first, second), observed=observed, nullMaxima=maxima, pValue=p)


def linear_cka(x, y):
    x = x - x.mean(0)
    y = y - y.mean(0)
    return np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


def cka_case(name, layers, brain, block, shifts):
    n = brain.shape[0]
    h1, h2 = halves(n, block)
    first = [linear_cka(x[h1], brain[h1]) for x in layers]
    second = [linear_cka(x[h2], brain[h2]) for x in layers]
    full = [linear_cka(x, brain) for x in layers]
    observed = max(full)
    maxima = [max(linear_cka(x, brain[shift_order(n, s)]) for x in layers) for s in shifts]
    p = (1 + sum(m >= observed for m in maxima)) / (1 + len(maxima))
    return dict(name=name, layers=[x.tolist() for x in layers], brain=brain.tolist(), blockLength=block, shifts=shifts,
                first=first, second=second, full=full, heldOut=held_out(first, second), observed=observed,
                nullMaxima=maxima, pValue=p)


def sign_flip(d):
    d = np.asarray(d, dtype=float)
    k = len(d)
    t = abs(d.mean())
    null = [abs((np.array(signs) * d).mean()) for signs in itertools.product([1, -1], repeat=k)]
    hits = sum(v >= t - 1e-12 * (1 + t) for v in null)
    return hits / 2 ** k


def paired_case(name, rng, replicates, blocks, level):
    score_a, score_b = 0.5, 0.42
    common = rng.normal(0, 0.05, replicates)
    ra = score_a + common + rng.normal(0, 0.01, replicates)
    rb = score_b + common + rng.normal(0, 0.01, replicates)
    ba = 0.45 + rng.normal(0, 0.1, blocks)
    bb = ba - 0.03 + rng.normal(0, 0.05, blocks)
    q = np.quantile(ra - rb, [(1 - level) / 2, (1 + level) / 2])
    return dict(name=name, scoreA=score_a, scoreB=score_b, replicatesA=ra.tolist(), replicatesB=rb.tolist(),
                blocksA=ba.tolist(), blocksB=bb.tolist(), level=level, difference=score_a - score_b,
                lower=float(q[0]), upper=float(q[1]), pValue=sign_flip(ba - bb))


def holm(p):
    p = np.asarray(p, dtype=float)
    m = len(p)
    order = np.argsort(p, kind="stable")
    adjusted = np.minimum(1, (m - np.arange(m)) * p[order])
    adjusted = np.maximum.accumulate(adjusted)
    out = np.empty(m)
    out[order] = adjusted
    return out


def main():
    rng = np.random.default_rng(20240613)
    frames = 25
    signal = rng.normal(size=(frames, 4))
    layers = [signal @ rng.normal(size=(4, u)) * w + rng.normal(size=(frames, u))
              for u, w in [(7, 0.3), (9, 1.0), (6, 0.6)]]
    brain = 0.02 * signal @ rng.normal(size=(4, 8)) + rng.normal(size=(frames, 8))
    shifts = [3, 5, 8, 11, 13, 16, 19, 21]
    cases = [
        tsrsa_case("three layers, lag 0, ordinal", layers, brain, [0], "ordinal", 4, shifts),
        tsrsa_case("three layers, lag 0, average ties", layers, brain, [0], "average", 3, shifts),
        tsrsa_case("three layers, lags -1...2, ordinal", layers, brain, [-1, 0, 1, 2], "ordinal", 4, shifts),
    ]
    cka = [cka_case("three layers, linear CKA", layers, brain, 5, [4, 7, 10, 12, 15, 18, 20])]
    paired = [paired_case("six blocks", rng, 200, 6, 0.95), paired_case("ten blocks", rng, 101, 10, 0.9)]
    p = [0.01, 0.04, 0.03, 0.2, 0.04, 0.005, 0.5, 0.03]
    corrections = dict(p=p, holm=holm(p).tolist(), bh=scipy.stats.false_discovery_control(p, method="bh").tolist())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(dict(tsrsa=cases, cka=cka, paired=paired, corrections=corrections), indent=1) + "\n")
    print(f"wrote {OUT}")
    for c in cases + cka:
        print(c["name"], "held-out", round(c["heldOut"]["score"], 6), "observed", round(c["observed"], 6), "p", c["pValue"])
    for c in paired:
        print(c["name"], "difference", c["difference"], "CI", round(c["lower"], 6), round(c["upper"], 6), "p", c["pValue"])
    print("holm", corrections["holm"])
    print("bh", corrections["bh"])


if __name__ == "__main__":
    main()
