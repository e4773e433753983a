#!/usr/bin/env python3
"""Writes the NumPy .npy fixtures read by Tests/CortexIOTests/NPYTests.swift.

Run from the repository root:

    python3 -m pip install -r scripts/reference/requirements.txt   # numpy==2.4.6
    python3 scripts/reference/make_npy_fixtures.py

Pinned: numpy==2.4.6 (Python 3.11). The script is deterministic: every array is a ramp or a
closed-form formula (no random numbers), and the Swift tests recompute the same formula to check
the values read back. The formula for each file is in the comment beside it; `fixtures()` is the
single source of truth. Re-running rewrites Tests/CortexIOTests/Fixtures/npy/ byte for byte.

Files written by np.save use format 1.0 (NumPy picks the oldest version that fits);
versions 2.0 and 3.0 are forced with np.lib.format.write_array(f, a, version=...).
"""
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[2] / "Tests" / "CortexIOTests" / "Fixtures" / "npy"


def extremes(dtype):
    """[min, -1, 0, 1, max] for signed integers, [0, 1, 2, max - 1, max] for unsigned."""
    info = np.iinfo(dtype)
    if info.min < 0:
        return np.array([info.min, -1, 0, 1, info.max], dtype=dtype)
    return np.array([0, 1, 2, info.max - 1, info.max], dtype=dtype)


def fixtures():
    """name -> (array, format version or None for np.save's choice)."""
    ramp6 = np.arange(6).reshape(2, 3)
    ramp12f = (np.arange(12, dtype=np.float32) / np.float32(3)).reshape(3, 4)
    ramp24 = np.arange(24).reshape(2, 3, 4) * 0.5
    return {
        # One file per dtype, little-endian (one-byte types are '|').
        "bool.npy": (ramp6 % 3 == 0, None),                          # [[T,F,F],[T,F,F]]
        "int8.npy": (extremes(np.int8), None),
        "int16.npy": (extremes(np.int16), None),
        "int32.npy": (extremes(np.int32), None),
        "int64.npy": (extremes(np.int64), None),
        "uint8.npy": (extremes(np.uint8), None),
        "uint16.npy": (extremes(np.uint16), None),
        "uint32.npy": (extremes(np.uint32), None),
        "uint64.npy": (extremes(np.uint64), None),
        "float32.npy": (ramp12f, None),                              # f32(i) / 3, shape (3, 4)
        "float64.npy": (ramp6 / 7, None),                            # i / 7, shape (2, 3)
        "int32_2x3.npy": ((ramp6 - 3).astype(np.int32), None),       # i - 3, shape (2, 3)
        "float64_special.npy": (np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324,
                                          np.finfo(np.float64).max]), None),
        # Shapes: 3-D, scalar (), empty (0, 3).
        "float64_3d.npy": (ramp24, None),                            # i * 0.5, shape (2, 3, 4)
        "scalar.npy": (np.array(3.25), None),
        "empty.npy": (np.zeros((0, 3), dtype=np.float32), None),
        # Rank 36: prefix + dict + growth spaces + '\n' is already a multiple of 64 (192 bytes),
        # so NumPy pads with a full 64 more spaces and the data starts at 256.
        "aligned_header.npy": (np.arange(3, dtype=np.uint8).reshape((3,) + (1,) * 35), None),
        # Big-endian: same formulas as the little-endian files.
        "be_float64.npy": ((ramp6 / 7).astype(">f8"), None),
        "be_float32.npy": (ramp12f.astype(">f4"), None),
        "be_int32.npy": ((ramp6 - 3).astype(">i4"), None),
        "be_int64.npy": (extremes(np.int64).astype(">i8"), None),
        "be_uint16.npy": (extremes(np.uint16).astype(">u2"), None),
        "rows_be_int16.npy": ((np.arange(30).reshape(10, 3) - 15).astype(">i2"), None),
        # Fortran order: same logical arrays, stored column-major.
        "fortran_float64_3d.npy": (np.asfortranarray(ramp24), None),
        "fortran_int32_2d.npy": (np.asfortranarray(np.arange(12, dtype=np.int32).reshape(3, 4)), None),
        "fortran_be_int16.npy": (np.asfortranarray(np.arange(12).reshape(4, 3).astype(">i2")), None),
        # Format versions 2.0 and 3.0 (same arrays as float64.npy and int32_2x3.npy).
        "v2_float64.npy": (ramp6 / 7, (2, 0)),
        "v3_int32.npy": ((ramp6 - 3).astype(np.int32), (3, 0)),
        # Dtypes CortexKit rejects.
        "complex128.npy": (np.arange(3) + 1j, None),
        "object.npy": (np.array([1, "a", None], dtype=object), None),
        "structured.npy": (np.zeros(2, dtype=[("a", "<f4"), ("b", "<i2")]), None),
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (array, version) in fixtures().items():
        with open(OUT / name, "wb") as f:
            np.lib.format.write_array(f, array, version=version, allow_pickle=True)
    print(f"wrote {len(fixtures())} files to {OUT}")


if __name__ == "__main__":
    main()
