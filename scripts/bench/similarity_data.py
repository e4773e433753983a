#!/usr/bin/env python3
"""Writes the inputs of the similarity benchmarks into bench-data/ once (skips files that exist).

Both cortex-bench similarity and scripts/bench/similarity_peer.py read these same files, so their
scores can be compared. Deterministic (numpy default_rng, fixed seeds). Usage:
    python3 scripts/bench/similarity_data.py [--quick]

Files (900 movie frames; both sides drop frame 0, leaving 899):
  layer_200k.npy   900 × 200,000 float32  a model layer: 8 latent movie signals mixed into units + noise
  layer_800k.npy   900 × 800,000 float32  a first-layer-sized layer (2.9 GB) for the streaming case
  area_2k.npy      900 × 2,000   float64  a brain area: the same latents, Poisson counts averaged over 20 repeats
  neurons_1500.npy 900 × 1,500   float64  a brain area for the split-half ceiling
With --quick the sizes are 900 × 20,000 / 80,000 / 2,000 / 1,500 (files suffixed _quick).
"""
import os
import sys

import numpy as np

quick = "--quick" in sys.argv
suffix = "_quick" if quick else ""
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench-data")
os.makedirs(root, exist_ok=True)
frames = 900
latent = np.random.default_rng(1).standard_normal((frames, 8))
# Smooth the latents over frames (movie-like autocorrelation).
kernel = np.exp(-0.5 * (np.arange(-6, 7) / 2.0) ** 2)
latent = np.stack([np.convolve(latent[:, k], kernel / kernel.sum(), mode="same") for k in range(8)], axis=1)


def layer(name, units, seed, chunk=50_000):
    path = os.path.join(root, f"{name}{suffix}.npy")
    if os.path.exists(path):
        return
    rng = np.random.default_rng(seed)
    out = np.lib.format.open_memmap(path + ".part", mode="w+", dtype=np.float32, shape=(frames, units))
    for start in range(0, units, chunk):
        w = min(chunk, units - start)
        mix = rng.standard_normal((8, w)).astype(np.float32)
        values = latent.astype(np.float32) @ mix + 2.0 * rng.standard_normal((frames, w), dtype=np.float32)
        out[:, start:start + w] = np.maximum(values, 0)   # ReLU-like, non-negative like spike rates
    out.flush()
    del out
    os.replace(path + ".part", path)


def area(name, units, seed):
    path = os.path.join(root, f"{name}{suffix}.npy")
    if os.path.exists(path):
        return
    rng = np.random.default_rng(seed)
    rate = np.exp(0.4 * latent @ rng.standard_normal((8, units)) - 2.0)   # spikes per frame
    counts = rng.poisson(rate[None, :, :], size=(20, frames, units)).mean(axis=0)
    np.save(path, counts.astype(np.float64))


layer("layer_200k", 20_000 if quick else 200_000, 10)
area("area_2k", 2_000, 11)
area("neurons_1500", 1_500, 12)
layer("layer_800k", 80_000 if quick else 800_000, 13)
print(root)
