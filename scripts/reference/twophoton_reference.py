#!/usr/bin/env python3
"""Reference 2-photon responses of the shipped synthetic sessions (datasets/demo-2p-*.nwb), computed
with h5py + numpy alone, for the Swift tests (Tests/CortexNWBTests/Fixtures/twophoton_reference.json).

Stated alignment (see CalciumResponses):
- NWB 1.x (Allen): movie frame row k covers imaging frames [start_k, end_k) of frame_duration; when
  end_k <= start_k, the single imaging frame start_k.
- NWB 2.x: the samples with t in [start, stop) of the presentation; when none, the last sample at or
  before start (sample-and-hold).
Repeats start where the movie frame is 0. trials[r, c, f]; average = mean over r.
ROIs with a non-finite value in any window are listed apart (the Swift side leaves them out).

Written: per file and signal, per plane: area, ROI ids kept / non-finite, the trial average of the first
20 frames of every kept ROI, every kept ROI's mean and mean square over all frames and repeats, and the
trials of the first kept ROI in repeats 0-1, frames 0-9; for NWB 2.x the number of windows holding
0, 1 and 2+ samples.

Usage: python3 scripts/reference/twophoton_reference.py   (pins: requirements.txt)
"""
import json
from pathlib import Path

import h5py
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "CortexNWBTests" / "Fixtures" / "twophoton_reference.json"


def repeats(frame):
    begins = [i for i in range(frame.size) if frame[i] == 0]
    return list(zip(begins, begins[1:] + [frame.size]))


def summarise(trials, ids, area, extra=None):
    """trials: repeats x ROIs x frames."""
    finite = np.isfinite(trials).all(axis=(0, 2))
    kept = trials[:, finite, :]
    avg = kept.mean(axis=0)
    out = {"area": area, "ids": [int(i) for i, f in zip(ids, finite) if f],
           "non_finite_ids": [int(i) for i, f in zip(ids, finite) if not f],
           "average_first_frames": avg[:, :20].tolist(), "roi_mean": avg.mean(axis=1).tolist(),
           "roi_mean_square": (kept ** 2).mean(axis=(0, 2)).tolist(),
           "first_roi_trials": kept[:2, 0, :10].tolist(), "repeats": int(kept.shape[0]), "frames": int(kept.shape[2])}
    out.update(extra or {})
    return out


def nwb1(path, kind):
    h = h5py.File(path, "r")
    plane = "imaging_plane_1"
    data = h[f"processing/brain_observatory_pipeline/{kind}/{plane}/data"][()].astype(np.float64)  # cells x frames
    stim = h["stimulus/presentation/natural_movie_one_stimulus"]
    frame, span = stim["data"][()], stim["frame_duration"][()].astype(np.int64)
    trials = np.array([[[data[c, s:e].mean() if e > s else data[c, s] for s, e in span[a:b]]
                        for c in range(data.shape[0])] for a, b in repeats(frame)])
    ids = h["processing/brain_observatory_pipeline/ImageSegmentation/cell_specimen_ids"][()]
    area = h[f"general/optophysiology/{plane}/location"][()].decode()
    single = int(np.sum(span[:, 1] <= span[:, 0]))
    return {plane: summarise(trials, ids, area, {"single_frame_rows": single})}


def nwb2(path, container, prefix):
    h = h5py.File(path, "r")
    t = h["intervals/natural_movie_one_presentations"]
    start, stop, frame = t["start_time"][()], t["stop_time"][()], t["frame"][()]
    out = {}
    for plane in sorted(h["general/optophysiology"]):
        group = h[f"processing/ophys/{container}/{prefix}{plane}"] if container else h[f"processing/ophys/{prefix}{plane}"]
        data, ts = group["data"][()].astype(np.float64), group["timestamps"][()]   # time x ROIs
        table = h[group["rois"].attrs["table"]]
        ids = table["id"][()][group["rois"][()]]
        lo, hi = np.searchsorted(ts, start, "left"), np.searchsorted(ts, stop, "left")
        held = np.searchsorted(ts, start, "right") - 1
        rows = np.array([data[l:u].mean(axis=0) if u > l else (data[j] if j >= 0 else np.full(data.shape[1], np.nan))
                         for l, u, j in zip(lo, hi, held)])                      # presentations x ROIs
        trials = np.array([rows[a:b].T for a, b in repeats(frame)])
        n = hi - lo
        area = h[f"general/optophysiology/{plane}/location"][()]
        area = area.decode() if isinstance(area, bytes) else area
        out[plane] = summarise(trials, ids, area, {"windows_with_samples": [int(np.sum(n == 0)), int(np.sum(n == 1)),
                                                                            int(np.sum(n >= 2))]})
    return out


if __name__ == "__main__":
    d = ROOT / "datasets"
    files = {"demo-2p-visp-nwb1.nwb": {"dff": nwb1(d / "demo-2p-visp-nwb1.nwb", "DfOverF"),
                                        "fluorescence": nwb1(d / "demo-2p-visp-nwb1.nwb", "Fluorescence")},
             "demo-2p-visl-nwb1.nwb": {"dff": nwb1(d / "demo-2p-visl-nwb1.nwb", "DfOverF")},
             "demo-2p-nwb2.nwb": {"dff": nwb2(d / "demo-2p-nwb2.nwb", "DfOverF", "dff_"),
                                   "fluorescence": nwb2(d / "demo-2p-nwb2.nwb", "Fluorescence", "fluorescence_"),
                                   "events": nwb2(d / "demo-2p-nwb2.nwb", None, "event_detection_")}}
    result = {"versions": {"h5py": h5py.__version__, "numpy": np.__version__}, "files": files}
    OUT.write_text(json.dumps(result, indent=None) + "\n")
    for name, signals in files.items():
        for signal, planes in signals.items():
            for plane, p in planes.items():
                print(name, signal, plane, p["area"] or "(no area)", "kept", len(p["ids"]), "non-finite",
                      len(p["non_finite_ids"]), "windows 0/1/2+", p.get("windows_with_samples"),
                      "single-frame rows", p.get("single_frame_rows"))
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1e3:.0f} kB)")
