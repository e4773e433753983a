#!/usr/bin/env python3
"""Whole-process speed of `cortexkit.similarity("tsrsa", A, B)` next to the study's numpy TSRSA.

Each side runs as a fresh Python process that imports its packages, loads the same bench-data files
(np.load: A = layer_200k.npy, 900 × 200,000 float32; B = area_2k.npy, 900 × 2,000 float64; written
by scripts/bench/similarity_data.py), computes TSRSA (frame 0 dropped, Spearman with ordinal ties)
and prints the score; the wall time of the whole process is measured from outside, best and median
of REPEATS runs. numpy side: the study's code (scripts/bench/similarity_peer.py: np.corrcoef over
frames, upper triangle, argsort(argsort) ranks). Usage (with cortexkit installed in PYTHON's
environment, e.g. a venv where `pip install ./python` ran):

    python3 scripts/bench/python_tsrsa.py [--python PYTHON] [--repeats 3]
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DATA = os.path.join(ROOT, "bench-data")

CORTEXKIT = """
import time, numpy as np, cortexkit
t0 = time.perf_counter()
a = np.load({a!r}); b = np.load({b!r})
t1 = time.perf_counter()
score = cortexkit.similarity("tsrsa", a, b).score
t2 = time.perf_counter()
print(repr(score), t1 - t0, t2 - t1, cortexkit.version())
"""

NUMPY = """
import sys, time, numpy as np
sys.path.insert(0, {bench!r})
t0 = time.perf_counter()
a = np.load({a!r}); b = np.load({b!r})
t1 = time.perf_counter()
from similarity_peer_tsrsa import tsrsa
score = tsrsa(a, b)
t2 = time.perf_counter()
print(repr(float(score)), t1 - t0, t2 - t1, "numpy " + np.__version__)
"""


def run(python, code, repeats):
    walls, last = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        walls.append(time.perf_counter() - start)
        last = out
    walls.sort()
    return {"best": walls[0], "median": walls[len(walls) // 2], "score": float(last[0]), "load": float(last[1]),
            "compute": float(last[2]), "version": " ".join(last[3:])}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    a, b = os.path.join(DATA, "layer_200k.npy"), os.path.join(DATA, "area_2k.npy")
    for path in (a, b):
        if not os.path.exists(path):
            sys.exit(f"{path} missing: run python3 scripts/bench/similarity_data.py first")
    bench = os.path.dirname(os.path.abspath(__file__))
    mine = run(args.python, CORTEXKIT.format(a=a, b=b), args.repeats)
    peer = run(args.python, NUMPY.format(a=a, b=b, bench=bench), args.repeats)
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("| TSRSA 899×200000 f32 vs 899×2000, whole process | best s | median s | np.load s | TSRSA s | score |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in ((mine["version"] + " (cortexkit.similarity)", mine), (peer["version"] + " (study's TSRSA)", peer)):
        print(f"| {name} | {r['best']:.2f} | {r['median']:.2f} | {r['load']:.2f} | {r['compute']:.2f} | {r['score']:.9f} |")
    print(f"speed-up (best whole process): {peer['best'] / mine['best']:.2f}×; |Δscore| = {abs(mine['score'] - peer['score']):.2e}")
    print(json.dumps({"cortexkit": mine, "numpy": peer, "load_average": load}))


if __name__ == "__main__":
    main()
