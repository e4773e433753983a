#!/usr/bin/env python3
"""Reference values of the clip intervention (`clips:LxK`), computed as the reference study does
(github.com/Grasshlw/SNN-Neural-Similarity-Movie, `similarity/benchmark.py` with `clip_len`, and its
TSRSA in `similarity/metric.py`), re-implemented here in numpy:

  1. drop frame 0 of the model's and the brain's frames × units matrices;
  2. for each clip start s: TSRSA of rows s … s + L − 1 of both;
  3. average over the clips.

TSRSA as the study: RDM = 1 − Pearson r between frames (each row centred over units), upper
triangle i < j, Spearman with ranks from a stable argsort of argsort (ties by position), r = 1 −
6Σd²/(n³ − n). The inputs have no ties.

Writes Tests/CortexPipelineTests/Fixtures/intervention_clips.json: two "layers" (float32 values,
frames × units), two "areas" (float64), the clip starts and length, and the expected layers ×
areas table. Usage: python3 scripts/reference/intervention_reference.py   (numpy 2.4.6)
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "CortexPipelineTests", "Fixtures", "intervention_clips.json")


def ranks(x):
    return np.argsort(np.argsort(x, kind="stable"), kind="stable").astype(np.float64)


def tsrsa(model, brain):
    def rdm(m):
        c = m - m.mean(axis=1, keepdims=True)
        norms = np.sqrt((c * c).sum(axis=1))
        r = (c @ c.T) / np.outer(norms, norms)
        return 1 - r[np.triu_indices(m.shape[0], 1)]
    a, b = ranks(rdm(model)), ranks(rdm(brain))
    n = a.shape[0]
    return 1 - 6 * np.sum((a - b) ** 2) / (n ** 3 - n)


def main():
    rng = np.random.default_rng(2026)
    frames = 48
    latent = rng.normal(size=(frames, 3))
    layers = {}
    for name, units in [("early", 10), ("late", 7)]:
        x = latent @ rng.normal(size=(3, units)) + 0.8 * rng.normal(size=(frames, units))
        layers[name] = x.astype(np.float32)
    areas = {}
    for name, units in [("VISp", 12), ("VISl", 9)]:
        areas[name] = latent @ rng.normal(size=(3, units)) + 0.5 * rng.normal(size=(frames, units))
    length, count = 15, 4
    starts = rng.choice(frames - 1 - length + 1, size=count, replace=False)
    table = []
    for lname, x in layers.items():
        row = []
        for aname, y in areas.items():
            x1, y1 = x.astype(np.float64)[1:], y[1:]
            row.append(float(np.mean([tsrsa(x1[s:s + length], y1[s:s + length]) for s in starts])))
        table.append(row)
    fixture = {
        "generator": "scripts/reference/intervention_reference.py",
        "layers": {k: [[float(v) for v in row] for row in x] for k, x in layers.items()},
        "layer_order": list(layers), "area_order": list(areas),
        "areas": {k: [[float(v) for v in row] for row in y] for k, y in areas.items()},
        "length": length, "starts": [int(s) for s in starts], "expected": table,
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f)
    print("expected", table)


if __name__ == "__main__":
    main()
