#!/usr/bin/env python3
"""Reference values for CortexNumerics' FFT, convolution and Gaussian smoothing tests.

How to run (from the repository root, with the pinned versions of requirements.txt,
numpy==2.4.6 and scipy==1.17.1):

    python3 -m pip install -r scripts/reference/requirements.txt
    python3 scripts/reference/fft_reference.py

It rewrites these small JSON files (deterministic: inputs are formulas or seeded draws):

    Tests/CortexNumericsTests/Fixtures/fft/rfft.json              numpy.fft.rfft
    Tests/CortexNumericsTests/Fixtures/fft/irfft.json             numpy.fft.irfft (explicit n)
    Tests/CortexNumericsTests/Fixtures/fft/fftconvolve.json       scipy.signal.fftconvolve
    Tests/CortexNumericsTests/Fixtures/fft/correlate.json         scipy.signal.correlate(method='fft')
    Tests/CortexNumericsTests/Fixtures/fft/gaussian_filter1d.json scipy.ndimage.gaussian_filter1d

Every case stores its inputs as well as its outputs, so the Swift tests never re-derive inputs.
Floats are written with Python's shortest round-trip repr, so Double values are exact.
"""
import json
import pathlib

import numpy as np
import scipy
import scipy.ndimage
import scipy.signal

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/CortexNumericsTests/Fixtures/fft"


def signal(n):
    """The formula-defined test signal (also written out with each case)."""
    k = np.arange(n, dtype=np.float64)
    return np.sin(2 * np.pi * 3 * k / n) + 0.5 * np.cos(2 * np.pi * 7 * k / n + 0.3) + 0.1 * k / n + 0.25


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def write(name, payload):
    payload = {
        "generator": "scripts/reference/fft_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        **payload,
    }
    path = OUT / name
    path.write_text(json.dumps(payload, indent=1) + "\n")
    print(f"wrote {path.relative_to(OUT.parents[3])}")


def rfft_cases():
    cases = []
    for n in (1, 2, 15, 16, 17, 64, 99):
        x = signal(n)
        spectrum = np.fft.rfft(x)
        cases.append({"n": n, "precision": "double", "input": floats(x),
                      "real": floats(spectrum.real), "imag": floats(spectrum.imag)})
    for n in (16, 17, 63):
        x32 = signal(n).astype(np.float32)
        # Reference in double precision from the float32-rounded inputs: the Swift Float
        # transform is judged against the exact answer, with a Float tolerance.
        spectrum = np.fft.rfft(x32.astype(np.float64))
        cases.append({"n": n, "precision": "single", "input": floats(x32),
                      "real": floats(spectrum.real), "imag": floats(spectrum.imag)})
    write("rfft.json", {"cases": cases})


def irfft_cases():
    rng = np.random.default_rng(20240611)
    cases = []
    # (number of coefficients given, output length n): exact, padded with zeros, truncated.
    for count, n in ((9, 16), (9, 17), (5, 16), (12, 16), (1, 1), (2, 2), (8, 7)):
        spectrum = rng.standard_normal(count) + 1j * rng.standard_normal(count)
        # Imaginary parts of DC (and Nyquist for even n) are non-zero on purpose: numpy ignores them.
        out = np.fft.irfft(spectrum, n=n)
        cases.append({"n": n, "real": floats(spectrum.real), "imag": floats(spectrum.imag),
                      "output": floats(out)})
    write("irfft.json", {"cases": cases})


LENGTH_PAIRS = ((8, 3), (7, 4), (7, 3), (8, 4), (5, 5), (6, 1), (1, 1), (1, 4),
                (3, 8), (4, 7), (3, 7), (2, 9), (10, 10), (31, 6), (6, 31), (13, 2))


def convolution_cases(function):
    rng = np.random.default_rng(7)
    cases = []
    for n, m in LENGTH_PAIRS:
        x = rng.standard_normal(n)
        y = rng.standard_normal(m)
        for mode in ("full", "same", "valid"):
            out = function(x, y, mode)
            cases.append({"mode": mode, "x": floats(x), "y": floats(y), "output": floats(out)})
    return cases


def gaussian_cases():
    rng = np.random.default_rng(11)
    cases = []
    modes = (("reflect", 0.0), ("constant", 0.0), ("constant", 1.5), ("mirror", 0.0),
             ("nearest", 0.0), ("wrap", 0.0))
    for n, sigma in ((20, 1.0), (33, 2.5), (16, 0.7), (5, 3.0), (1, 2.0), (2, 1.0), (50, 6.0)):
        x = rng.poisson(3.0, n).astype(np.float64)
        for mode, cval in modes:
            out = scipy.ndimage.gaussian_filter1d(x, sigma, mode=mode, cval=cval, truncate=4.0)
            cases.append({"x": floats(x), "sigma": sigma, "mode": mode, "cval": cval,
                          "output": floats(out)})
    # Matrices (frames x units) smoothed along each axis.
    matrix = rng.poisson(2.0, (12, 5)).astype(np.float64)
    matrices = []
    for axis in (0, 1):
        for mode, cval in (("reflect", 0.0), ("constant", 0.0)):
            out = scipy.ndimage.gaussian_filter1d(matrix, 1.5, axis=axis, mode=mode, cval=cval,
                                                  truncate=4.0)
            matrices.append({"rows": 12, "columns": 5, "axis": axis, "sigma": 1.5, "mode": mode,
                             "cval": cval, "x": floats(matrix), "output": floats(out)})
    # Kernel weights for one sigma (radius int(4 * sigma + 0.5)).
    sigma = 1.3
    radius = int(4.0 * sigma + 0.5)
    t = np.arange(-radius, radius + 1)
    weights = np.exp(-0.5 / sigma**2 * t**2)
    weights /= weights.sum()
    write("gaussian_filter1d.json", {"cases": cases, "matrices": matrices,
                                     "kernel": {"sigma": sigma, "truncate": 4.0,
                                                "weights": floats(weights)}})


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rfft_cases()
    irfft_cases()
    write("fftconvolve.json",
          {"cases": convolution_cases(lambda x, y, mode: scipy.signal.fftconvolve(x, y, mode=mode))})
    write("correlate.json",
          {"cases": convolution_cases(
              lambda x, y, mode: scipy.signal.correlate(x, y, mode=mode, method="fft"))})
    gaussian_cases()


if __name__ == "__main__":
    main()
