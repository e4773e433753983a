"""read_results: a batch report's results.json as a long DataFrame, equal to results.csv."""
from __future__ import annotations

import csv
import json

import numpy as np
import pytest

import cortexkit
from cortexkit.results import COLUMNS
from conftest import run_cortex


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    rng = np.random.default_rng(3)
    trials = {"VISp": rng.poisson(2.0, size=(6, 30, 14)).astype(float), "VISl": rng.poisson(2.0, size=(6, 30, 9)).astype(float)}
    cortexkit.write_responses(folder / "r.h5", {k: t.mean(axis=0) for k, t in trials.items()}, trials=trials)
    for name in ("m1", "m2"):
        cortexkit.write_features(folder / f"{name}.h5", {"a": rng.random((30, 12), dtype=np.float32),
                                                         "b": rng.random((30, 5), dtype=np.float32)}, model=name)
    (folder / "spec.yaml").write_text(
        "title: read_results\nresponses: [r.h5]\nareas: [VISp, VISl]\nmodels:\n  - {name: m1, features: m1.h5}\n"
        "  - {name: m2, features: m2.h5}\nmetrics:\n  - kind: tsrsa\n  - kind: cka-linear\n"
        "statistics:\n  ceiling-splits: 5\n  permutations: 9\nseed: 2\n")
    run_cortex("report", str(folder / "spec.yaml"), "-o", str(folder / "out"))
    return folder / "out"


def test_one_row_per_metric_model_layer_area_matching_results_csv(report):
    frame = cortexkit.read_results(report)
    assert list(frame.columns) == COLUMNS
    assert len(frame) == 2 * 2 * 2 * 2
    with open(report / "results.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        match = frame[(frame.metric == row["metric"]) & (frame.model == row["model"]) & (frame.layer == row["layer"])
                      & (frame.area == row["area"])]
        assert len(match) == 1
        assert match.score.iloc[0] == float(row["score"])
        assert match.ceiling.iloc[0] == float(row["ceiling"])
        assert match.percent_of_ceiling.iloc[0] == pytest.approx(float(row["percent_of_ceiling"]), rel=1e-12)
    best = frame[frame.best]
    assert len(best) == 2 * 2 * 2 and best.p_value.notna().all() and (best.permutations == 9).all()
    assert frame[~frame.best].p_value.isna().all()


def test_refuses_other_files(tmp_path):
    (tmp_path / "results.json").write_text(json.dumps({"format": "cortexkit-report/9", "comparisons": []}))
    with pytest.raises(cortexkit.CortexKitError, match="newer than this cortexkit reads"):
        cortexkit.read_results(tmp_path)
    (tmp_path / "results.json").write_text(json.dumps({"rows": []}))
    with pytest.raises(cortexkit.CortexKitError, match="docs/formats.md"):
        cortexkit.read_results(tmp_path / "results.json")
