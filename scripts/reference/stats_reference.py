#!/usr/bin/env python3
"""Reference values for CortexNumerics' ranks, quantiles and matrix moments.

Run from the repository root:
    python3 -m pip install -r scripts/reference/requirements.txt   # numpy==2.4.6, scipy==1.17.1
    python3 scripts/reference/stats_reference.py

Writes small JSON files to Tests/CortexNumericsTests/Fixtures/stats/, read by
Tests/CortexNumericsTests/RankingTests.swift and StatisticsTests.swift. Non-finite numbers are
written as the strings "NaN", "Infinity" and "-Infinity" (JSON has no literal for them; Swift's
JSONDecoder reads them with nonConformingFloatDecodingStrategy = .convertFromString).
Inputs are defined by formulas (or listed literally) so they are reproducible anywhere.
"""
import json
import math
from pathlib import Path

import numpy as np
import scipy
import scipy.stats

assert np.__version__ == "2.4.6", np.__version__
assert scipy.__version__ == "1.17.1", scipy.__version__

OUT = Path(__file__).resolve().parents[2] / "Tests" / "CortexNumericsTests" / "Fixtures" / "stats"


def number(v):
    """A float for JSON, non-finite values as strings."""
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def clean(values):
    """A list of floats for JSON, non-finite values as strings."""
    return [number(v) for v in np.asarray(values, dtype=float).tolist()]


def write(name, payload):
    OUT.mkdir(parents=True, exist_ok=True)
    payload = {"generator": "scripts/reference/stats_reference.py",
               "numpy": np.__version__, "scipy": scipy.__version__, **payload}
    (OUT / name).write_text(json.dumps(payload, indent=1) + "\n")


def rank_cases():
    inputs = {
        "distinct": [0.3, -1.2, 5.0, 2.25, 0.0, -7.5],
        "ties": [2.0, 1.0, 2.0, 3.0, 1.0, 2.0, 0.5, 3.0],
        "all_equal": [4.0] * 5,
        "signed_zero_and_infinities": [0.0, -0.0, math.inf, -math.inf, 1.0, -0.0, math.inf],
        "single": [42.0],
        "empty": [],
        # 200 values with many ties: round(10 sin(1.7 i)) / 2
        "formula_ties_200": [round(10 * math.sin(1.7 * i)) / 2 for i in range(200)],
    }
    cases = []
    for name, values in inputs.items():
        x = np.array(values, dtype=float)
        cases.append({
            "name": name,
            "values": clean(values),
            "average": clean(scipy.stats.rankdata(x, method="average")),
            "ordinal": clean(scipy.stats.rankdata(x, method="ordinal")),
        })
    with_nan = [3.0, math.nan, 1.0, 3.0, math.nan, 2.0]
    x = np.array(with_nan)
    nan_case = {
        "name": "nan_omit",
        "values": clean(with_nan),
        "average": clean(scipy.stats.rankdata(x, method="average", nan_policy="omit")),
        "ordinal": clean(scipy.stats.rankdata(x, method="ordinal", nan_policy="omit")),
        "average_propagate": clean(scipy.stats.rankdata(x, method="average", nan_policy="propagate")),
    }
    write("rankdata.json", {"cases": cases, "nan_case": nan_case})


QUANTILE_METHODS = ["linear", "lower", "higher", "nearest", "midpoint"]
QS = [0.0, 0.1, 0.25, 1 / 3, 0.4, 0.5, 0.6, 2 / 3, 0.75, 0.9, 0.99, 1.0]


def quantile_cases():
    inputs = {
        "odd_7": [3.5, -1.0, 2.0, 8.25, 0.5, 2.0, -4.0],
        "even_8": [10.0, 1.0, 7.0, 3.0, 3.0, -2.0, 5.5, 0.25],
        "even_2": [1.0, 4.0],
        "single": [2.5],
        # 101 values: 3 cos(0.37 i) + i / 50
        "formula_101": [3 * math.cos(0.37 * i) + i / 50 for i in range(101)],
        "formula_100": [3 * math.cos(0.37 * i) + i / 50 for i in range(100)],
    }
    cases = []
    for name, values in inputs.items():
        x = np.array(values)
        cases.append({
            "name": name,
            "values": values,
            "q": QS,
            "quantiles": {m: clean(np.quantile(x, QS, method=m)) for m in QUANTILE_METHODS},
            "median": float(np.median(x)),
        })
    with_nan = [4.0, math.nan, 1.0, 3.0, 2.0, math.nan]
    x = np.array(with_nan)
    nan_case = {
        "values": clean(with_nan),
        "q": QS,
        "nanquantile_linear": clean(np.nanquantile(x, QS)),
        "nanmedian": float(np.nanmedian(x)),
    }
    write("quantile.json", {"cases": cases, "nan_case": nan_case})


def matrix_case():
    rows, cols = 7, 5
    # x[i, j] = sin(7 i + 3 j) + 0.1 j  (row-major)
    x = np.array([[math.sin(7 * i + 3 * j) + 0.1 * j for j in range(cols)] for i in range(rows)])
    write("matrix_moments.json", {
        "formula": "x[i, j] = sin(7 i + 3 j) + 0.1 j, i < 7, j < 5",
        "rows": rows, "columns": cols,
        "scalars": x.ravel().tolist(),
        "column_means": x.mean(axis=0).tolist(),
        "row_means": x.mean(axis=1).tolist(),
        "column_centred": (x - x.mean(axis=0)).ravel().tolist(),
        "row_centred": (x - x.mean(axis=1, keepdims=True)).ravel().tolist(),
        "column_sums_of_squares": (x ** 2).sum(axis=0).tolist(),
        "row_sums_of_squares": (x ** 2).sum(axis=1).tolist(),
        "column_norms": np.linalg.norm(x, axis=0).tolist(),
        "row_norms": np.linalg.norm(x, axis=1).tolist(),
        "frobenius_norm": float(np.linalg.norm(x)),
        "mean": float(x.mean()),
        "variance_ddof0": float(x.var(ddof=0)),
        "variance_ddof1": float(x.var(ddof=1)),
    })


if __name__ == "__main__":
    rank_cases()
    quantile_cases()
    matrix_case()
    print("wrote", ", ".join(sorted(p.name for p in OUT.glob("*.json"))), "to", OUT)
