#!/usr/bin/env python3
"""Reference values for CortexKit's BLAS/LAPACK wrappers (Tests/CortexNumericsTests/LinearAlgebraTests.swift).

Run from the repository root:
    python3 -m pip install -r scripts/reference/requirements.txt   # numpy==2.4.6
    python3 scripts/reference/linalg_reference.py

Inputs are formula-defined so the Swift tests rebuild them exactly:
    A[i, j] = sin(0.7 * i + 1.3 * j) + 0.1 * (i - j)          (shape m x n)
Writes Tests/CortexNumericsTests/Fixtures/linalg/reference.json.
"""
import json
import os

import numpy as np


def formula(m, n, a=0.7, b=1.3, c=0.1):
    i, j = np.meshgrid(np.arange(m), np.arange(n), indexing="ij")
    return np.sin(a * i + b * j) + c * (i - j)


def main():
    assert np.__version__ == "2.4.6", f"pinned numpy 2.4.6, found {np.__version__}"
    out = {}
    a = formula(5, 7)
    b = formula(7, 4, a=0.3, b=-0.9, c=0.05)
    out["matmul_5x7_7x4"] = (a @ b).ravel().tolist()
    out["matmul_tA_7x3"] = (a.T @ formula(5, 3)).ravel().tolist()          # A^T B: (7x5)(5x3)
    out["gram_rows_5x7"] = (a @ a.T).ravel().tolist()
    out["gram_columns_5x7"] = (a.T @ a).ravel().tolist()
    s = formula(6, 6)
    s = s + s.T                                                            # symmetric
    w, v = np.linalg.eigh(s)
    out["eigh_6_values"] = w.tolist()
    out["svd_5x7_values"] = np.linalg.svd(a, compute_uv=False).tolist()
    out["svd_7x5_values"] = np.linalg.svd(a.T, compute_uv=False).tolist()
    # Least squares, over-determined (9x4) and rank-deficient (6x4 with a repeated column).
    ls_a = formula(9, 4)
    ls_b = formula(9, 2, a=0.2, b=0.5, c=0.0)
    out["lstsq_9x4"] = np.linalg.lstsq(ls_a, ls_b, rcond=None)[0].ravel().tolist()
    rd = formula(6, 4)
    rd[:, 3] = rd[:, 1]
    out["lstsq_rank_deficient_6x4"] = np.linalg.lstsq(rd, formula(6, 1, a=0.4), rcond=None)[0].ravel().tolist()
    # Cholesky solve with an SPD matrix M = X X^T + 5 I.
    x = formula(5, 8)
    spd = x @ x.T + 5 * np.eye(5)
    out["cholesky_solve_5x2"] = np.linalg.solve(spd, formula(5, 2, a=0.9)).ravel().tolist()
    out["versions"] = {"numpy": np.__version__}
    path = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "CortexNumericsTests", "Fixtures",
                        "linalg", "reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
