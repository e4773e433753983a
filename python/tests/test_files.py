"""Response and feature files written and read by cortexkit are the ones the `cortex` commands read and write."""
from __future__ import annotations

import h5py
import numpy as np
import pytest

import cortexkit
from conftest import REPOSITORY, cortex_json, run_cortex


@pytest.fixture(scope="module")
def demo_responses(tmp_path_factory):
    path = tmp_path_factory.mktemp("responses") / "demo.h5"
    run_cortex("responses", "datasets/demo-session.nwb", "--keep-trials", "-o", str(path))
    return path


def test_read_responses_equals_the_file_read_independently(demo_responses):
    responses = cortexkit.read_responses(demo_responses)
    with h5py.File(demo_responses, "r") as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f.attrs["areas"]]
        assert list(responses.areas) == names
        assert responses.frames == f.attrs["frames"] and responses.repeats == f.attrs["repeats"]
        for name in names:
            area = responses.areas[name]
            assert np.array_equal(area.responses, f[name]["counts"][...].T)          # bins × units in memory
            assert np.array_equal(area.unit_ids, f[name]["unit_ids"][...])
            assert np.array_equal(area.session_index, f[name]["session_index"][...])
            assert np.array_equal(area.trials, f[name]["trials"][...].transpose(0, 2, 1))
    assert responses.signal == "spike_counts" and responses.stimulus == "natural_movie_one"


def test_written_responses_are_read_by_the_cli_and_round_trip(tmp_path, rng):
    trials = {"VISp": rng.poisson(2.0, size=(6, 40, 15)).astype(np.float64),
              "VISl": rng.poisson(1.0, size=(6, 40, 9)).astype(np.float64)}
    path = tmp_path / "mine.h5"
    cortexkit.write_responses(path, {k: t.mean(axis=0) for k, t in trials.items()}, trials=trials,
                              unit_ids={"VISp": np.arange(100, 115)}, sources=["rig-3/session-9"])
    described = cortex_json("inspect", str(path))
    assert described["frames"] == 40 and described["repeats"] == 6
    assert [(a["area"], a["units"], a["trials"]) for a in described["areas"]] == [("VISp", 15, True), ("VISl", 9, True)]
    back = cortexkit.read_responses(path)
    assert np.array_equal(back["VISp"], trials["VISp"].mean(axis=0))
    assert np.array_equal(back.areas["VISl"].trials, trials["VISl"])
    assert list(back.areas["VISp"].unit_ids) == list(range(100, 115))
    assert back.sources == [{"path": "rig-3/session-9", "sha256": ""}]


def test_imaging_signal_and_ceiling_equal_the_cli(tmp_path, rng):
    signal = rng.normal(size=(40, 12))
    trials = {"VISp": signal[None] + rng.normal(size=(8, 40, 12))}
    path = tmp_path / "dff.h5"
    cortexkit.write_responses(path, {"VISp": trials["VISp"].mean(axis=0)}, trials=trials, signal="dff")
    assert cortex_json("inspect", str(path))["signal"] == "dff"
    expected = cortex_json("ceiling", str(path), "--splits", "20", "--seed", "4")
    mine = cortexkit.ceiling(path, splits=20, seed=4)
    assert mine["areas"][0]["mean"] == expected["areas"][0]["mean"]
    assert mine["areas"][0]["lower_bound"] == expected["areas"][0]["lower_bound"]
    from_arrays = cortexkit.ceiling(trials, splits=20, seed=4, signal="dff")
    assert from_arrays["areas"][0]["mean"] == expected["areas"][0]["mean"]
    neurons = cortexkit.ceiling(path, "cka-linear", method="neurons", splits=10, seed=1)
    assert neurons["areas"][0]["mean"] == cortex_json("ceiling", str(path), "--metric", "cka-linear", "--method",
                                                      "neurons", "--splits", "10", "--seed", "1")["areas"][0]["mean"]


def test_write_errors_are_clean(tmp_path, rng):
    with pytest.raises(cortexkit.CortexKitError, match="whole numbers"):
        cortexkit.write_responses(tmp_path / "x.h5", {"VISp": np.ones((10, 3))}, trials={"VISp": np.full((2, 10, 3), 0.5)})
    with pytest.raises(cortexkit.CortexKitError, match='signal: unknown value "calcium"'):
        cortexkit.write_responses(tmp_path / "x.h5", {"VISp": np.ones((10, 3))}, signal="calcium")
    with pytest.raises(ValueError, match="trials must be repeats × 10 bins × 3 units"):
        cortexkit.write_responses(tmp_path / "x.h5", {"VISp": np.ones((10, 3))}, trials={"VISp": np.ones((2, 3, 10))})
    assert not (tmp_path / "x.h5").exists()
    foreign = tmp_path / "foreign.h5"
    with h5py.File(foreign, "w") as f:
        f["VISp/counts"] = np.zeros((3, 10))
    with pytest.raises(cortexkit.CortexKitError, match="docs/formats.md"):
        cortexkit.read_responses(foreign)


def test_features_are_read_by_the_cli_as_written(tmp_path, rng):
    layers = {"conv1": rng.random((30, 4, 3, 3), dtype=np.float32), "fc": rng.random((30, 10), dtype=np.float32)}
    path = tmp_path / "features.h5"
    cortexkit.write_features(path, layers, model="torch-net", movie="natural_movie_one")
    described = cortex_json("inspect", str(path))
    assert described["model"] == "torch-net" and described["frames"] == 30
    assert [(l["name"], l["unit_shape"]) for l in described["layers"]] == [("conv1", [4, 3, 3]), ("fc", [10])]
    brain = rng.normal(size=(30, 8))
    np.save(tmp_path / "brain.npy", brain)
    expected = cortex_json("similarity", "tsrsa", f"{path}:/conv1/features", str(tmp_path / "brain.npy"))
    assert cortexkit.similarity("tsrsa", layers["conv1"], brain).score == expected["score"]
