"""cortexkit.similarity and cortexkit.rdm equal `cortex similarity` on the same inputs; arrays are read in place."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial.distance import pdist, squareform

import cortexkit
from cortexkit._arrays import matrix_view
from conftest import cortex_json, run_cortex

METRICS = ["tsrsa", "rsa", "cka-linear", "cka-rbf", "cka-debiased", "svcca", "pwcca", "procrustes", "ridge",
           "ridge-study"]


def save(tmp_path, name, array):
    path = tmp_path / f"{name}.npy"
    np.save(path, array)
    return str(path)


@pytest.mark.parametrize("metric", METRICS)
def test_every_metric_equals_the_cli(metric, pair, tmp_path):
    a, b = pair
    expected = cortex_json("similarity", metric, save(tmp_path, "a", a), save(tmp_path, "b", b))
    result = cortexkit.similarity(metric, a, b)
    assert result.score == expected["score"]
    assert (result.frames, result.units_a, result.units_b) == (expected["frames"], expected["units_a"], expected["units_b"])
    assert result.frame_policy == expected["frame_policy"]
    if "control" in expected:
        # The command streams its .npy input and computes CKA's shuffled control from the prepared
        # Gram form; the package reads the array in memory: the same value, rounded differently.
        assert result.control == pytest.approx(expected["control"], rel=1e-12, abs=1e-15)
    if "cca" in expected:
        assert result.cca == expected["cca"]


def test_statistics_and_lag_profile_equal_the_cli(pair, tmp_path):
    a, b = pair
    options = ["--lags", "-2...2", "--permutations", "39", "--bootstrap", "20", "--seed", "7", "--ties", "average"]
    expected = cortex_json("similarity", "tsrsa", save(tmp_path, "a", a), save(tmp_path, "b", b), *options)
    result = cortexkit.similarity("tsrsa", a, b, lags=(-2, 2), permutations=39, bootstrap=20, seed=7, ties="average")
    assert result.score == expected["score"]
    assert result.lag_profile == {entry["lag"]: entry["score"] for entry in expected["lags"]}
    assert result.best_lag == expected["best_lag"]
    assert result.p_value == expected["p_value"] and result.permutations == 39
    assert (result.interval.lower, result.interval.upper) == (expected["ci"]["lower"], expected["ci"]["upper"])
    assert result.metric_options["ties"] == "average" and result.metric_options["lags"] == [-2, 2]


def test_float32_inputs_take_the_clis_float32_path(pair, tmp_path):
    a, b = (x.astype(np.float32) for x in pair)
    expected = cortex_json("similarity", "tsrsa", save(tmp_path, "a", a), save(tmp_path, "b", b))
    assert cortexkit.similarity("tsrsa", a, b).score == expected["score"]


@pytest.mark.parametrize("layout", ["C", "F"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_c_and_fortran_float_arrays_are_not_copied(pair, layout, dtype):
    a = np.asarray(pair[0], dtype=dtype, order=layout)
    view = matrix_view(a, "a")
    assert not view.copied and view.data == a.ctypes.data and view.array is a
    assert cortexkit.similarity("cka-linear", a, pair[1]).score == pytest.approx(
        cortexkit.similarity("cka-linear", np.ascontiguousarray(a), pair[1]).score, abs=0, rel=0)


def test_strided_views_are_read_in_place_and_give_the_same_scores(pair):
    a, b = pair
    wide = np.zeros((96, 40))
    wide[::2, ::2] = a                                    # a as a view with row stride 80 and column stride 2
    view = wide[::2, ::2]
    described = matrix_view(view, "a")
    assert not described.copied and described.data == view.ctypes.data
    assert (described.row_stride, described.column_stride) == (80, 2)
    reversed_rows = a[::-1]                                # negative stride, still in place
    assert not matrix_view(reversed_rows, "a").copied
    assert cortexkit.similarity("tsrsa", view, b).score == cortexkit.similarity("tsrsa", a, b).score
    assert cortexkit.similarity("rsa", reversed_rows, b[::-1]).score == cortexkit.similarity(
        "rsa", np.ascontiguousarray(reversed_rows), np.ascontiguousarray(b[::-1])).score


def test_other_dtypes_are_copied_to_float64_once(pair):
    counts = np.rint(np.abs(pair[1]) * 3).astype(np.int32)
    view = matrix_view(counts, "b")
    assert view.copied and view.array.dtype == np.float64 and view.array.flags.c_contiguous
    assert cortexkit.similarity("tsrsa", pair[0], counts).score == cortexkit.similarity(
        "tsrsa", pair[0], counts.astype(np.float64)).score


def test_errors_carry_cortexkits_message(pair, tmp_path):
    a, b = pair
    with pytest.raises(cortexkit.CortexKitError, match="a has 48 frames .* but b has 47"):
        cortexkit.similarity("tsrsa", a, b[:47])
    with pytest.raises(cortexkit.CortexKitError, match=r"unknown option sigma \(ties, "):
        cortexkit.similarity("tsrsa", a, b, sigma=2)
    with pytest.raises(cortexkit.CortexKitError, match='unknown metric "tsrs"'):
        cortexkit.similarity("tsrs", a, b)
    with pytest.raises(cortexkit.CortexKitError, match="lags applies to tsrsa only"):
        cortexkit.similarity("rsa", a, b, lags=(0, 2))
    with pytest.raises(cortexkit.CortexKitError, match="permutations"):
        cortexkit.similarity("tsrsa", a, b, permutations=-1)
    silent = b.copy()
    silent[5] = 1.0                                        # a frame without variance across units
    cli = run_cortex("similarity", "tsrsa", save(tmp_path, "a", a), save(tmp_path, "b", silent), check=False)
    with pytest.raises(cortexkit.CortexKitError) as raised:
        cortexkit.similarity("tsrsa", a, silent)
    assert cli.returncode != 0
    # The library's message, as the command prints it (the command adds a flag hint at the end).
    assert str(raised.value).split(" (")[0] in cli.stderr


def test_rdm_equals_scipy(pair):
    a = pair[0]
    assert np.allclose(cortexkit.rdm(a), squareform(pdist(a, "correlation")), atol=1e-12)
    assert np.allclose(cortexkit.rdm(a, "euclidean"), squareform(pdist(a, "euclidean")), atol=1e-9)
    r = cortexkit.rdm(np.asfortranarray(a.astype(np.float32)), "cosine")
    assert np.allclose(r, squareform(pdist(a.astype(np.float32).astype(np.float64), "cosine")), atol=1e-5)
    assert np.allclose(r, r.T) and np.all(np.diag(r) == 0)
    with pytest.raises(cortexkit.CortexKitError, match="distance: unknown value"):
        cortexkit.rdm(a, "manhattan")
