#!/usr/bin/env python3
"""numpy/scipy side of the CortexKit benchmarks: the same cases as `cortex-bench`, same sizes.

Prints one JSON object on stdout (same schema as cortex-bench). Usage:
    python3 scripts/bench/numpy_peer.py [--quick]
"""
import json
import sys
import time

import numpy as np
import scipy
import scipy.signal

quick = "--quick" in sys.argv
gemm_n = 256 if quick else 1024
gram_rows, gram_cols = (128, 5_000) if quick else (899, 200_000)
repeats = 3 if quick else 7


def measure(name, work, unit, reps, fn):
    fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return {"name": name, "bestSeconds": times[0], "medianSeconds": times[len(times) // 2], "work": work, "unit": unit}


def blas_core():
    try:
        from threadpoolctl import threadpool_info
        for info in threadpool_info():
            if info.get("internal_api") == "openblas":
                return f"{info.get('architecture')} (OpenBLAS {info.get('version')})"
    except Exception:
        pass
    return "unknown"


rng = np.random.default_rng(0)
results = []
a = rng.random((gemm_n, gemm_n), dtype=np.float32) - 0.5
b = rng.random((gemm_n, gemm_n), dtype=np.float32) - 0.5
flops = 2.0 * gemm_n ** 3
results.append(measure(f"sgemm {gemm_n}³", flops, "GFLOP/s", repeats, lambda: a @ b))
ad, bd = a.astype(np.float64), b.astype(np.float64)
results.append(measure(f"dgemm {gemm_n}³", flops, "GFLOP/s", repeats, lambda: ad @ bd))

x = rng.random((gram_rows, gram_cols), dtype=np.float32) - 0.5
gflops = 2.0 * gram_rows * gram_rows * gram_cols
# numpy recognises `x @ x.T` (same buffer) and calls syrk itself.
results.append(measure(f"Gram X·Xᵀ {gram_rows}×{gram_cols} f32, syrk", gflops, "GFLOP/s (gemm-equivalent)",
                       max(3, repeats // 2), lambda: x @ x.T))
y = x.copy()
results.append(measure(f"Gram X·Xᵀ {gram_rows}×{gram_cols} f32, gemm", gflops, "GFLOP/s (gemm-equivalent)",
                       max(3, repeats // 2), lambda: x @ y.T))
del x, y

import scipy.ndimage

n, m = (100_000, 1_001) if quick else (1_000_000, 10_001)
sig = rng.random(n) - 0.5
ker = rng.random(m) - 0.5
results.append(measure(f"fftconvolve {n} ⊛ {m} f64, full", float(n + m - 1), "G output samples/s", repeats,
                       lambda: scipy.signal.fftconvolve(sig, ker, mode="full")))
fft_n = 1 << 16 if quick else 1 << 20
wave = rng.random(fft_n) - 0.5
results.append(measure(f"rfft 2^{fft_n.bit_length() - 1} f64", float(fft_n), "G input samples/s", repeats,
                       lambda: np.fft.rfft(wave)))
units = 300 if quick else 2_800
counts = rng.random((units, 900)) - 0.5
results.append(measure(f"Gaussian smoothing {units} units × 900 frames, σ = 2, reflect", float(units * 900),
                       "G samples/s", repeats,
                       lambda: scipy.ndimage.gaussian_filter1d(counts, 2.0, axis=1, mode="reflect", truncate=4.0)))

print(json.dumps({"tool": f"numpy {np.__version__} / scipy {scipy.__version__}", "blasCore": blas_core(),
                  "blasThreads": -1, "results": results}, indent=2))
