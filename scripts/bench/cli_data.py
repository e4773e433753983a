#!/usr/bin/env python3
"""Writes the inputs of the whole-process benchmarks (`make bench`, scripts/bench/cli_run.py) once
into bench-data/cli/ (git-ignored; files that exist are kept). Deterministic (numpy default_rng,
fixed seeds), nothing committed.

    python3 scripts/bench/cli_data.py [--quick] [--only NAME,NAME]

Layers (float32, a model layer: 8 smooth latent "movie" signals mixed into the units, plus noise,
ReLU'd) and areas (float64, the same latents as Poisson counts averaged over 20 repeats):
  layer_60k.npy    900 × 60,000    (216 MB)   layer_200k.npy 900 × 200,000 (720 MB)
  layer_400k.npy   900 × 400,000   (1.44 GB; the memory cases)
  area_1500.npy    900 × 1,500
  movie2_layer_50k.npy 3,600 × 50,000 (720 MB)   movie2_area_1500.npy 3,600 × 1,500
  tall_layer_52.npy 1,800 × 52   tall_area_48.npy 1,800 × 48   layer_6k.npy 900 × 6,000
  (SVCCA/PWCCA/Procrustes/ridge on tall and wide inputs)
Sessions (NWB, Allen layout): ../allen-layout-2800u-130000000s.nwb (2,800 units, 130 M spikes;
spike_times contiguous, as h5py writes it), its copy ../allen-layout-2800u-130000000s-chunked.nwb
(spike_times chunked, as pynwb writes it) and ceiling-session.nwb (1,600 units, all VISp, 40 M spikes).
Every command drops frame 0 (the study's default), so 899 (3,599) frames are compared.
With --quick the layers have a tenth of the columns (files suffixed _quick).
"""
import os
import sys

import numpy as np

quick = "--quick" in sys.argv
only = None
if "--only" in sys.argv:
    only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
suffix = "_quick" if quick else ""
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench-data", "cli")
os.makedirs(root, exist_ok=True)


def latents(frames, seed):
    z = np.random.default_rng(seed).standard_normal((frames, 8))
    kernel = np.exp(-0.5 * (np.arange(-6, 7) / 2.0) ** 2)
    return np.stack([np.convolve(z[:, k], kernel / kernel.sum(), mode="same") for k in range(8)], axis=1)


def path_of(name):
    return os.path.join(root, f"{name}{suffix}.npy")


def wanted(name):
    return (only is None or name in only) and not os.path.exists(path_of(name))


def layer(name, frames, units, seed, latent, chunk=25_000):
    if not wanted(name):
        return
    path = path_of(name)
    units = units // 10 if quick else units
    rng = np.random.default_rng(seed)
    out = np.lib.format.open_memmap(path + ".part", mode="w+", dtype=np.float32, shape=(frames, units))
    z = latent.astype(np.float32)
    for start in range(0, units, chunk):
        w = min(chunk, units - start)
        mix = rng.standard_normal((8, w)).astype(np.float32)
        values = z @ mix + 2.0 * rng.standard_normal((frames, w), dtype=np.float32)
        out[:, start:start + w] = np.maximum(values, 0)
    out.flush()
    del out
    os.replace(path + ".part", path)


def area(name, units, seed, latent):
    if not wanted(name):
        return
    rng = np.random.default_rng(seed)
    rate = np.exp(0.4 * latent @ rng.standard_normal((8, units)) - 2.0)
    counts = np.zeros(rate.shape)
    for _ in range(20):
        counts += rng.poisson(rate)
    np.save(path_of(name) + ".part.npy", counts / 20)
    os.replace(path_of(name) + ".part.npy", path_of(name))


def chunked_copy(source, target):
    """Copies an NWB file, rewriting /units/spike_times chunked (h5py's automatic chunk size) with
    maxshape (None,), the layout pynwb gives a ragged column; everything else is copied as is."""
    import h5py
    with h5py.File(source, "r") as f, h5py.File(target, "w") as g:
        for k, v in f.attrs.items():
            g.attrs[k] = v
        for key in f:
            if key != "units":
                f.copy(f[key], g, name=key)
        units = g.create_group("units")
        for k, v in f["units"].attrs.items():
            units.attrs[k] = v
        for key in f["units"]:
            if key != "spike_times":
                f.copy(f["units"][key], units, name=key)
                continue
            d = f["units/spike_times"]
            out = units.create_dataset("spike_times", shape=d.shape, dtype=d.dtype, chunks=True, maxshape=(None,))
            for i in range(0, d.shape[0], 1 << 24):
                out[i:i + (1 << 24)] = d[i:i + (1 << 24)]
            for k, v in d.attrs.items():
                out.attrs[k] = v


def sessions():
    """Allen-layout NWB sessions (scripts/bench/nwb_bench.py's generator): the 2,800-unit /
    130 M-spike session of `cortex responses` (bench-data/, shared with nwb_bench.py) and a
    1,600-unit session with every unit in VISp for `cortex ceiling` (its responses file is made
    by `cortex responses` in scripts/bench/run.sh)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import nwb_bench
    big = os.path.join(root, "..", "allen-layout-2800u-130000000s.nwb")
    if (only is None or "session" in only) and not quick and not os.path.exists(big):
        nwb_bench.make_session(big + ".tmp", 2800, 130_000_000)
        os.replace(big + ".tmp", big)
    # The same session with spike_times chunked and extendable, as pynwb/hdmf store a ragged column
    # (h5py's automatic chunks): `cortex responses` reads it through libhdf5 instead of mapping it.
    chunked = os.path.join(root, "..", "allen-layout-2800u-130000000s-chunked.nwb")
    if (only is None or "session" in only) and not quick and os.path.exists(big) and not os.path.exists(chunked):
        chunked_copy(big, chunked + ".tmp")
        os.replace(chunked + ".tmp", chunked)
    small = os.path.join(root, "ceiling-session.nwb")
    if (only is None or "ceiling" in only) and not os.path.exists(small):
        nwb_bench.AREAS = ["VISp"]
        nwb_bench.make_session(small + ".tmp", 1600, 40_000_000)
        os.replace(small + ".tmp", small)


movie1, movie2, movie3 = latents(900, 1), latents(3600, 2), latents(1800, 3)
area("area_1500", 1_500, 11, movie1)
layer("layer_60k", 900, 60_000, 10, movie1)
layer("layer_200k", 900, 200_000, 12, movie1)
layer("layer_400k", 900, 400_000, 13, movie1)
area("movie2_area_1500", 1_500, 21, movie2)
layer("movie2_layer_50k", 3600, 50_000, 20, movie2)
layer("tall_layer_52", 1800, 52, 30, movie3)
area("tall_area_48", 48, 31, movie3)
layer("layer_6k", 900, 6_000, 14, movie1)
sessions()
print(root)
