#!/usr/bin/env python3
"""Writes small synthetic Allen-layout 2-photon sessions for the demo, the walkthrough and the tests
(independent of CortexKit; deterministic: every random draw comes from numpy.random.default_rng(seed)).

Outputs (datasets/):
  demo-2p-visp-nwb1.nwb   Allen Brain Observatory Visual Coding 2P layout, NWB 1.x as AllenSDK cached it
                          (written with h5py: pynwb cannot write 1.x): one plane, VISp at 175 microns,
                          Cux2-CreERT2; dF/F and fluorescence (cells x frames), imaging at 30.5 Hz;
                          natural_movie_one_stimulus {data, frame_duration, timestamps}; no events.
  demo-2p-visl-nwb1.nwb   the same layout: VISl at 275 microns, Cux2-CreERT2, imaging at 29.0 Hz (some
                          movie frames start no imaging frame: end == start).
  demo-2p-nwb2.nwb        NWB 2.x (pynwb): three planes (VISp 375 um, VISal 175 um, one without a
                          location), Rorb-IRES2-Cre; DfOverF, Fluorescence and event_detection series
                          (time x ROIs) at 26 Hz; natural_movie_one_presentations with ~10 % of movie frames
                          lasting 50 ms (a dropped monitor frame), so windows hold 0, 1 or 2 samples;
                          one VISp ROI has a NaN trace.

The movie is datasets/demo-movie.npy (300 frames), shown 10 times (as Allen's natural_movie_one) in
blocks separated by grey periods. Every ROI's calcium drive follows a movie-locked profile computed
from the movie (make_nwb_fixtures.movie_profiles, as the Neuropixels demo session), plus a per-repeat
gain and noise, filtered by an exponential indicator kernel (tau 0.25 s); fluorescence = F0 (1 + dF/F).

Usage: python3 scripts/make_twophoton_sessions.py     (pins: scripts/reference/requirements.txt)
Then:  python3 scripts/reference/twophoton_reference.py
"""
from datetime import datetime, timezone
from pathlib import Path
import sys

import h5py
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_nwb_fixtures import movie_profiles  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
REPEATS, MOVIE_RATE, TAU = 10, 30.0, 0.25


def movie_schedule(rng, frames, dropped=0.0):
    """Start and stop times of every presentation: 10 repeats of `frames` frames, a 2 s grey gap
    between repeats; a fraction `dropped` of frames last 50 ms instead of 1/30 s."""
    starts, stops, frame_ids, t = [], [], [], 5.0
    for _ in range(REPEATS):
        for f in range(frames):
            d = 0.05 if rng.uniform() < dropped else 1.0 / MOVIE_RATE
            starts.append(t); stops.append(t + d); frame_ids.append(f)
            t += d
        t += 2.0
    return np.array(starts), np.array(stops), np.array(frame_ids, dtype=np.float64), t + 3.0


def calcium(rng, profile, times, starts, stops, frame_ids, rate):
    """dF/F of ROIs (rows) sampled at `times`: movie-locked drive with per-repeat gain, indicator
    kernel, noise."""
    rois, frames = profile.shape
    idx = np.searchsorted(starts, times, "right") - 1
    showing = (idx >= 0) & (times < stops[np.clip(idx, 0, None)])
    drive = np.zeros((rois, times.size))
    repeat = np.clip(idx, 0, None) // frames
    gains = rng.uniform(0.7, 1.3, (rois, REPEATS))
    f = frame_ids[np.clip(idx, 0, None)].astype(int)
    drive[:, showing] = profile[:, f[showing]] * gains[:, repeat[showing]]
    kernel = np.exp(-np.arange(0, 5 * TAU, 1.0 / rate) / TAU)
    out = np.array([np.convolve(d, kernel)[:times.size] for d in drive]) / kernel.sum() * 3.0
    return out + rng.normal(0.0, 0.08, out.shape)


def write_nwb1(path, area, depth, rate, rois, seed, session_id):
    rng = np.random.default_rng(seed)
    movie = np.load(DATASETS / "demo-movie.npy")
    frames = movie.shape[0]
    starts, stops, frame_ids, end = movie_schedule(rng, frames)
    times = np.arange(0.0, end, 1.0 / rate)
    profile = movie_profiles(rng, movie, area, rois)
    dff = calcium(rng, profile, times, starts, stops, frame_ids, rate)
    f0 = rng.uniform(80.0, 300.0, (rois, 1))
    # Allen's frame_duration: the imaging frames at or after the movie frame's start and stop.
    first = np.searchsorted(times, starts, "left")
    last = np.searchsorted(times, stops, "left")
    with h5py.File(path, "w") as h:  # h5py's default libver (readable by HDF5 1.8+)
        h["nwb_version"] = "NWB-1.0.5"
        h["identifier"] = f"synthetic Allen Brain Observatory 2P session {session_id}"
        h["general/session_id"] = str(session_id)
        h["general/session_type"] = "three_session_A"
        h["general/subject/genotype"] = "Cux2-CreERT2/wt;Camk2a-tTA/wt;Ai93(TITL-GCaMP6f)/wt"
        plane = h.create_group("general/optophysiology/imaging_plane_1")
        plane["location"] = area
        plane["imaging depth"] = f"{depth} microns"
        plane["indicator"] = "GCaMP6f"
        plane["imaging_rate"] = f"{rate}"
        plane["excitation_lambda"] = "910 nanometers"
        base = "processing/brain_observatory_pipeline"
        h[f"{base}/ImageSegmentation/cell_specimen_ids"] = np.arange(rois, dtype=np.int64) + 500000000 + 1000 * seed
        for kind, values in (("DfOverF", dff), ("Fluorescence", f0 * (1.0 + dff))):
            g = h.create_group(f"{base}/{kind}/imaging_plane_1")
            g.create_dataset("data", data=values.astype(np.float32), compression="gzip")   # cells x frames
            g["timestamps"] = times
            g["roi_names"] = np.array([f"roi_{k}".encode() for k in range(rois)])
        stim = h.create_group("stimulus/presentation/natural_movie_one_stimulus")
        stim["data"] = frame_ids.astype(np.float32)
        stim["frame_duration"] = np.stack([first, last], axis=1).astype(np.float64)
        stim["timestamps"] = starts


def write_nwb2(path, seed):
    from pynwb import NWBHDF5IO, NWBFile
    from pynwb.file import Subject
    from pynwb.ophys import DfOverF, Fluorescence, ImageSegmentation, OpticalChannel, RoiResponseSeries
    from pynwb.epoch import TimeIntervals
    from hdmf.backends.hdf5 import H5DataIO
    rng = np.random.default_rng(seed)
    movie = np.load(DATASETS / "demo-movie.npy")
    frames = movie.shape[0]
    rate = 26.0
    starts, stops, frame_ids, end = movie_schedule(rng, frames, dropped=0.1)
    times = np.arange(0.0, end, 1.0 / rate) + 0.004
    nwb = NWBFile(session_description="synthetic Allen-layout 2-photon session (NWB 2.x, three planes)",
                  identifier="demo-2p-nwb2", session_start_time=datetime(2026, 1, 1, tzinfo=timezone.utc),
                  subject=Subject(subject_id="mouse-2p", species="Mus musculus",
                                  genotype="Rorb-IRES2-Cre/wt;Camk2a-tTA/wt;Ai93(TITL-GCaMP6f)/wt"))
    device = nwb.create_device(name="2-photon microscope")
    channel = OpticalChannel(name="green", description="GCaMP6f", emission_lambda=520.0)
    seg = ImageSegmentation()
    ophys = nwb.create_processing_module(name="ophys", description="optical physiology")
    ophys.add(seg)
    dff_container, fl_container = DfOverF(name="DfOverF"), Fluorescence(name="Fluorescence")
    events_parts, event_regions = [], []
    planes = [("plane_visp", "VISp", 375, 18), ("plane_visal", "VISal", 175, 16), ("plane_unlabelled", "", 275, 6)]
    for k, (name, area, depth, rois) in enumerate(planes):
        plane = nwb.create_imaging_plane(name=name, optical_channel=channel, device=device,
                                         description=f"imaging depth {depth} um", excitation_lambda=910.0,
                                         indicator="GCaMP6f", location=area, imaging_rate=rate)
        ps = seg.create_plane_segmentation(name=f"cells_{name}", description="ROIs", imaging_plane=plane)
        for j in range(rois):
            mask = np.zeros((8, 8)); mask[j % 8, j // 8] = 1.0
            ps.add_roi(id=1000 * (k + 1) + j, image_mask=mask)
        profile = movie_profiles(rng, movie, area or "VISp", rois)
        dff = calcium(rng, profile, times, starts, stops, frame_ids, rate).T     # time x ROIs
        if area == "VISp":
            dff[:, 3] = np.nan                                                   # a failed ROI
        f0 = rng.uniform(80.0, 300.0, (1, rois))
        region = ps.create_roi_table_region(region=list(range(rois)), description="all ROIs")
        dff_container.add_roi_response_series(RoiResponseSeries(
            name=f"dff_{name}", data=H5DataIO(dff.astype(np.float32), compression="gzip"), rois=region, unit="1", timestamps=times))
        fl_container.add_roi_response_series(RoiResponseSeries(
            name=f"fluorescence_{name}", data=H5DataIO((f0 * (1 + dff)).astype(np.float32), compression="gzip"),
            rois=ps.create_roi_table_region(region=list(range(rois)), description="all ROIs"), unit="a.u.",
            timestamps=times))
        events = np.where(dff > 0.4, dff, 0.0)
        ophys.add(RoiResponseSeries(name=f"event_detection_{name}", data=H5DataIO(events.astype(np.float32), compression="gzip"),
                                    rois=ps.create_roi_table_region(region=list(range(rois)), description="all ROIs"),
                                    unit="a.u.", timestamps=times))
    ophys.add(dff_container)
    ophys.add(fl_container)
    table = TimeIntervals(name="natural_movie_one_presentations", description="natural_movie_one")
    for column in ("stimulus_name", "stimulus_block", "frame"):
        table.add_column(name=column, description=column)
    for s, e, f in zip(starts, stops, frame_ids):
        table.add_row(start_time=s, stop_time=e, stimulus_name="natural_movie_one", stimulus_block=0.0, frame=f)
    nwb.add_time_intervals(table)
    with NWBHDF5IO(str(path), "w") as io:
        io.write(nwb)


if __name__ == "__main__":
    write_nwb1(DATASETS / "demo-2p-visp-nwb1.nwb", "VISp", 175, 30.5, 24, 11, 501000001)
    write_nwb1(DATASETS / "demo-2p-visl-nwb1.nwb", "VISl", 275, 29.0, 20, 12, 501000002)
    write_nwb2(DATASETS / "demo-2p-nwb2.nwb", 13)
    for p in sorted(DATASETS.glob("demo-2p-*.nwb")):
        print(f"{p.relative_to(ROOT)}: {p.stat().st_size / 1e6:.2f} MB")
