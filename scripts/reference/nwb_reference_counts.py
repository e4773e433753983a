#!/usr/bin/env python3
"""Expected stimulus-aligned spike counts for the NWB fixtures, with h5py + numpy only.

Independent of pynwb (which wrote the files) and of CortexKit: reads the raw HDF5 layout and counts
spikes per displayed frame with np.searchsorted over the frame edges of each unit, half-open bins
[start, stop): count = searchsorted(spikes, stop, 'left') - searchsorted(spikes, start, 'left').
Sub-bins (bins_per_frame N): edges start + (stop - start) * k / N for k < N, and stop for k = N.

Writes Tests/CortexNWBTests/Fixtures/nwb_reference.json. Pins: scripts/reference/requirements.txt.
Usage: python3 scripts/reference/nwb_reference_counts.py
"""
import json
from pathlib import Path

import h5py
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests" / "CortexNWBTests" / "Fixtures"
ALLEN = dict(amplitude_cutoff=0.1, presence_ratio=0.95, isi_violations=0.5)


def strings(ds):
    return [s.decode() if isinstance(s, bytes) else str(s) for s in ds[()]]


def ragged(group, name):
    data = group[name][()]
    ends = group[name + "_index"][()].astype(np.int64)
    starts = np.concatenate([[0], ends[:-1]])
    return [data[a:b] for a, b in zip(starts, ends)]


def unit_areas(f):
    el = f["general/extracellular_ephys/electrodes"]
    col = "manual_structure_acronym" if "manual_structure_acronym" in el else "location"
    loc = [None if s in ("", "None") else s for s in strings(el[col])]
    valid = el["valid_data"][()].astype(bool)
    ids = el["id"][()]
    units = f["units"]
    if "peak_channel_id" in units:
        row_of = {int(i): r for r, i in enumerate(ids)}
        rows = [row_of[int(c)] for c in units["peak_channel_id"][()]]
    else:
        rows = [int(r[0]) for r in ragged(units, "electrodes")]
    return [loc[r] for r in rows], [bool(valid[r]) for r in rows]


def movie_table(f, name):
    if f"intervals/{name}_presentations" in f:
        t = f[f"intervals/{name}_presentations"]
        keep = slice(None)
    else:
        t = f["intervals/epochs"]
        keep = np.array(strings(t["stimulus_name"])) == name
    return (t["start_time"][()][keep], t["stop_time"][()][keep], t["frame"][()][keep],
            t["stimulus_block"][()][keep])


def repeats(frame, block):
    begins = [0] + [i for i in range(1, frame.size) if frame[i] == 0 or block[i] != block[i - 1]]
    ends = begins[1:] + [frame.size]
    return [np.arange(a, b) for a, b in zip(begins, ends)]


def session(path, stimulus="natural_movie_one", min_rate=0.5):
    f = h5py.File(path, "r")
    units = f["units"]
    ids = units["id"][()].astype(np.int64)
    spikes = ragged(units, "spike_times")
    areas, valid = unit_areas(f)
    quality = strings(units["quality"])
    start, stop, frame, block = movie_table(f, stimulus)
    reps = repeats(frame, block)
    total_time = float(np.sum(stop - start))
    result = {"unit_ids": ids.tolist(), "areas": [a or "" for a in areas],
              "repeat_count": len(reps), "frame_count": int(reps[0].size), "total_time": total_time}
    for n in (1, 2):
        trials = np.zeros((len(reps), ids.size, reps[0].size * n), dtype=np.int64)
        for r, rows in enumerate(reps):
            a, b = start[rows], stop[rows]
            k = np.arange(n)
            lo = (a[:, None] + (b - a)[:, None] * k[None, :] / n).ravel()
            hi = np.concatenate([lo.reshape(-1, n)[:, 1:], b[:, None]], axis=1).ravel()
            for u, s in enumerate(spikes):
                trials[r, u] = np.searchsorted(s, hi, "left") - np.searchsorted(s, lo, "left")
        key = "bins1" if n == 1 else "bins2"
        result[key] = {"trial_sum": trials.sum(axis=0).tolist(),
                       "trials_first_units": trials[:, :3].tolist()}
        if n == 1:
            total = trials.sum(axis=(0, 2))
            rates = total / total_time
            result["movie_spike_totals"] = total.tolist()
            result["rates"] = rates.tolist()
    rates = np.array(result["rates"])
    metric = {k: units[k][()] for k in ALLEN}
    allen = [bool(quality[u] == "good" and valid[u] and areas[u] is not None
                  and metric["amplitude_cutoff"][u] <= ALLEN["amplitude_cutoff"]
                  and metric["presence_ratio"][u] >= ALLEN["presence_ratio"]
                  and metric["isi_violations"][u] <= ALLEN["isi_violations"]) for u in range(ids.size)]
    result["allen_default_ids"] = ids[np.array(allen)].tolist()
    result["min_rate_ids"] = ids[rates >= min_rate].tolist()
    result["min_rate"] = min_rate
    by_area = {}
    for u, a in enumerate(areas):
        if a is not None:
            by_area.setdefault(a, []).append(int(ids[u]))
    result["ids_by_area"] = by_area
    result["boundary_spikes"] = int(sum(np.isin(s, start).sum() for s in spikes))
    return result


def ophys_nwb1(path):
    """Allen NWB 1.x: mean dF/F over imaging frames [start, end) of each movie frame (frame start alone
    when end <= start); repeats split where the movie frame is 0."""
    f = h5py.File(path, "r")
    dff = f["processing/brain_observatory_pipeline/DfOverF/imaging_plane_1/data"][()]  # cells x frames
    stim = f["stimulus/presentation/natural_movie_one_stimulus"]
    frame = stim["data"][()]
    span = stim["frame_duration"][()].astype(np.int64)
    begins = [i for i in range(frame.size) if frame[i] == 0]
    ends = begins[1:] + [frame.size]
    trials = []
    for a, b in zip(begins, ends):
        trials.append([[float(dff[c, s:e].mean()) if e > s else float(dff[c, s]) for s, e in span[a:b]]
                       for c in range(dff.shape[0])])
    trials = np.array(trials)
    return {"trials": trials.tolist(), "average": trials.mean(axis=0).tolist()}


def ophys_nwb2(path):
    """NWB 2.x RoiResponseSeries (time x ROIs): mean over samples with t in [start, stop); when none,
    the last sample at or before start; NaN before the first sample."""
    f = h5py.File(path, "r")
    series = f["processing/ophys/DfOverF/RoiResponseSeries"]
    data, ts = series["data"][()], series["timestamps"][()]
    if data.shape[0] != ts.size:
        data = data.T
    t = f["intervals/natural_movie_one_presentations"]
    start, stop, frame = t["start_time"][()], t["stop_time"][()], t["frame"][()]
    begins = [i for i in range(frame.size) if frame[i] == 0]
    ends = begins[1:] + [frame.size]
    trials = []
    for a, b in zip(begins, ends):
        rep = []
        for k in range(a, b):
            lo, hi = np.searchsorted(ts, start[k], "left"), np.searchsorted(ts, stop[k], "left")
            if hi > lo:
                rep.append(data[lo:hi].mean(axis=0))
            else:
                j = np.searchsorted(ts, start[k], "right") - 1
                rep.append(data[j] if j >= 0 else np.full(data.shape[1], np.nan))
        trials.append(np.array(rep).T)  # ROIs x frames
    trials = np.array(trials)
    return {"trials": trials.tolist(), "average": trials.mean(axis=0).tolist()}


if __name__ == "__main__":
    out = {"versions": {"h5py": h5py.__version__, "numpy": np.__version__},
           "session-a.nwb": session(FIXTURES / "session-a.nwb"),
           "session-b-epochs.nwb": session(FIXTURES / "session-b-epochs.nwb"),
           "ophys-nwb1.nwb": ophys_nwb1(FIXTURES / "ophys-nwb1.nwb"),
           "ophys-nwb2.nwb": ophys_nwb2(FIXTURES / "ophys-nwb2.nwb")}
    (FIXTURES / "nwb_reference.json").write_text(json.dumps(out, indent=1) + "\n")
    for name in ("session-a.nwb", "session-b-epochs.nwb"):
        s = out[name]
        print(name, "repeats", s["repeat_count"], "frames", s["frame_count"], "boundary spikes",
              s["boundary_spikes"], "allen", len(s["allen_default_ids"]), "min-rate", len(s["min_rate_ids"]))
