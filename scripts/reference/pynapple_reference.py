#!/usr/bin/env python3
"""Reference facts about real NWB files written by others (read with h5py + numpy only) for
Tests/CortexNWBTests/RealRecordingTests.swift and Tests/CortexCLITests: pynapple's recordings and
pynwb's back-compatibility files.

    scripts/fetch-test-data.sh                      # puts the files in .cache/test-data/pynapple/
    python3 -m pip install -r scripts/reference/requirements.txt
    python3 scripts/reference/pynapple_reference.py

Writes Tests/CortexNWBTests/Fixtures/pynapple_reference.json.
"""
import json
import pathlib

import h5py
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / ".cache/test-data/pynapple"


def units_facts(path):
    with h5py.File(path, "r") as f:
        u = f["units"]
        index = u["spike_times_index"][:]
        spikes = u["spike_times"][:]
        ends = index.astype(np.int64)
        starts = np.concatenate([[0], ends[:-1]])
        locations = [s.decode() if isinstance(s, bytes) else s for s in u["location"][:]]
        return {
            "nwb_version": f.attrs["nwb_version"] if isinstance(f.attrs["nwb_version"], str) else f.attrs["nwb_version"].decode(),
            "index_dtype": str(u["spike_times_index"].dtype),
            "unit_ids": u["id"][:].tolist(),
            "spike_counts": (ends - starts).tolist(),
            "spike_time_sums": [float(spikes[a:b].sum()) for a, b in zip(starts, ends)],
            "first_spikes": [float(spikes[a]) if b > a else None for a, b in zip(starts, ends)],
            "last_spikes": [float(spikes[b - 1]) if b > a else None for a, b in zip(starts, ends)],
            "locations": locations,
            "total_spikes": int(len(spikes)),
        }


def ophys_facts(path):
    with h5py.File(path, "r") as f:
        d = f["processing/ophys/Fluorescence/Fluorescence/data"]
        data = d[:]
        return {"shape": list(d.shape), "has_timestamps": "timestamps" in d.parent,
                "rois": int(f["processing/ophys/Fluorescence/Fluorescence/rois"].shape[0]),
                "roi0_first5": data[0, :5].astype(float).tolist(),
                "roi_sums": data.astype(np.float64).sum(axis=1).tolist()}


def back_compat_facts(directory):
    facts = {}
    for path in sorted(directory.glob("*.nwb")):
        with h5py.File(path, "r") as f:
            version = f.attrs.get("nwb_version")
            version = version.decode() if isinstance(version, bytes) else str(version)
            units = f.get("units")
            facts[path.name] = {
                "nwb_version": version,
                "units": int(units["id"].shape[0]) if units is not None else 0,
                "spikes": int(units["spike_times"].shape[0]) if units is not None and "spike_times" in units else 0,
            }
    return facts


def main():
    out = {
        "versions": {"h5py": h5py.__version__, "numpy": np.__version__},
        "A2929-200711.nwb": units_facts(DATA / "A2929-200711.nwb"),
        "A8604-211122.nwb": units_facts(DATA / "A8604-211122.nwb"),
        "2022_08_08.nwb": ophys_facts(DATA / "2022_08_08.nwb"),
        "pynwb_back_compat": back_compat_facts(ROOT / ".cache/test-data/pynwb-back-compat"),
    }
    target = ROOT / "Tests/CortexNWBTests/Fixtures/pynapple_reference.json"
    target.write_text(json.dumps(out, indent=1))
    print("wrote", target.relative_to(ROOT))


if __name__ == "__main__":
    main()
