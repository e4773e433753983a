#!/usr/bin/env python3
"""Writes small synthetic Allen-layout Neuropixels NWB sessions with pynwb (independent of CortexKit).

Outputs (deterministic: every random draw comes from numpy.random.default_rng(seed)):
  Tests/CortexNWBTests/Fixtures/session-a.nwb        NWB 2.x layout: /intervals/<stimulus>_presentations
  Tests/CortexNWBTests/Fixtures/session-b-epochs.nwb old AllenSDK 2.0b layout: one /intervals/epochs table,
                                                     electrodes name the area in manual_structure_acronym,
                                                     units reach electrodes through units/electrodes
  datasets/demo-session.nwb                          the demo: 900 frames x 20 repeats, six visual areas
  Tests/CortexNWBTests/Fixtures/ophys-nwb1.nwb       Allen 2-photon NWB 1.x layout (h5py): dF/F cells x frames,
                                                     natural_movie_one_stimulus {data, frame_duration, timestamps}
  Tests/CortexNWBTests/Fixtures/ophys-nwb2.nwb       NWB 2.x RoiResponseSeries (time x ROIs) + presentations
  Tests/CortexNWBTests/Fixtures/ophys-nwb2-roifirst.nwb  the same with the traces stored ROIs x time
  Tests/CortexNWBTests/Fixtures/natural_movie_one.npy    a 12 x 6 x 8 uint8 movie (also stored as templates)

Planted structure: during natural_movie_one every unit fires as an inhomogeneous Poisson process whose
rate follows a per-unit, movie-locked profile (a smooth random curve over frames), so repeats agree;
outside the movie it fires at its baseline rate. Spike counts inside each displayed frame are drawn as
Poisson(rate * duration) and placed uniformly in the frame. A few spikes are placed EXACTLY on frame
start times (the stored float64), to pin down the half-open [start, stop) convention. Also planted:
noise units (quality "noise"), channels outside the brain ("" and "None"), an invalid channel,
NaN CCF coordinates, NaN metrics, an empty unit (no spikes at all).

Usage: python3 scripts/make_nwb_fixtures.py      (pins: scripts/reference/requirements.txt, pynwb==4.2.0)
Then:  python3 scripts/reference/nwb_reference_counts.py
"""
from datetime import datetime, timezone
from pathlib import Path

import h5py
import numpy as np
from hdmf.common import ElementIdentifiers, VectorData
from pynwb import NWBHDF5IO, NWBFile
from pynwb.epoch import TimeIntervals

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "CortexNWBTests" / "Fixtures"
FRAME = 1.0 / 30.0


def movie_rows(t0, frames, repeats, block, gap_after=0.0):
    """Consecutive frame presentations: each frame's stop is the next frame's start (same float)."""
    n = frames * repeats
    edges = t0 + np.arange(n + 1, dtype=np.float64) * FRAME
    start, stop = edges[:-1].copy(), edges[1:].copy()
    frame = np.tile(np.arange(frames, dtype=np.float64), repeats)
    blocks = np.full(n, float(block))
    return start, stop, frame, blocks


def schedule(frames, repeats_per_block, spont=(0.0, 5.0), gratings=8, grating_len=0.5):
    """Stimulus schedule: spontaneous, movie block 0, drifting gratings, movie block 2."""
    t = spont[1] + 0.25
    m1 = movie_rows(t, frames, repeats_per_block, 0)
    t = m1[1][-1] + 0.5
    g_start = t + np.arange(gratings) * (grating_len + 0.25)
    g_stop = g_start + grating_len
    t = g_stop[-1] + 0.5
    m2 = movie_rows(t, frames, repeats_per_block, 2)
    movie = tuple(np.concatenate([a, b]) for a, b in zip(m1, m2))
    return {"spontaneous": (np.array([spont[0]]), np.array([spont[1]])),
            "movie": movie, "gratings": (g_start, g_stop), "end": m2[1][-1] + 1.0}


def unit_spikes(rng, movie, end, base_rate, gain, profile, boundary_spikes):
    """Poisson spikes: baseline everywhere, movie-locked rate base + gain * profile[frame] in frames."""
    start, stop, frame, _ = movie
    # baseline outside the movie frames
    background = rng.uniform(0.0, end, rng.poisson(base_rate * end))
    in_movie = np.zeros(background.shape, dtype=bool)
    idx = np.searchsorted(start, background, side="right") - 1
    ok = idx >= 0
    in_movie[ok] = background[ok] < stop[idx[ok]]
    spikes = [background[~in_movie]]
    rates = base_rate + gain * profile[frame.astype(int)]
    counts = rng.poisson(rates * (stop - start))
    reps = np.repeat(np.arange(start.size), counts)
    spikes.append(start[reps] + rng.uniform(0.0, 1.0, reps.size) * (stop[reps] - start[reps]))
    if boundary_spikes:
        spikes.append(start[rng.choice(start.size, boundary_spikes, replace=False)])  # exact frame starts
    times = np.sort(np.concatenate(spikes))
    return times[times < end]


def profiles(rng, units, frames):
    """Smooth non-negative movie-locked profiles (one per unit), peak 1."""
    raw = rng.standard_normal((units, frames + 20))
    kernel = np.exp(-0.5 * (np.arange(-10, 11) / 3.0) ** 2)
    smooth = np.array([np.convolve(r, kernel, mode="valid")[:frames] for r in raw])
    smooth = np.maximum(smooth, 0.0)
    return smooth / np.maximum(smooth.max(axis=1, keepdims=True), 1e-9)


def new_file(identifier, epochs=None):
    return NWBFile(session_description=f"CortexKit synthetic Allen-layout session {identifier}",
                   identifier=identifier,
                   session_start_time=datetime(2026, 1, 1, tzinfo=timezone.utc),
                   epochs=epochs)


def add_electrodes(nwb, channels, area_column):
    """channels: list of (id, area, valid, x). area_column 'location' or 'manual_structure_acronym'."""
    device = nwb.create_device(name="probeA")
    group = nwb.create_electrode_group(name="probeA", description="synthetic probe", location="brain",
                                       device=device)
    nwb.add_electrode_column(name="valid_data", description="channel usable")
    nwb.add_electrode_column(name="probe_vertical_position", description="um")
    if area_column != "location":
        nwb.add_electrode_column(name=area_column, description="structure acronym")
    for k, (cid, area, valid, x) in enumerate(channels):
        extra = {area_column: area} if area_column != "location" else {}
        location = area if area_column == "location" else "unknown"
        row = dict(id=cid, group=group, group_name=group.name, location=location, x=x, y=float(k),
                   z=float(2 * k), valid_data=valid, probe_vertical_position=20 * k, **extra)
        if k == 0:  # creates the table (pynwb's add_electrode refuses an empty location)
            nwb.add_electrode(**{key: v for key, v in row.items() if key != "group_name"})
        else:       # the table's own add_row writes Allen's "" (outside the brain) as it is
            nwb.electrodes.add_row(**row)


def time_intervals(name, columns, n):
    cols = [VectorData(name=key, description=key, data=value) for key, value in columns.items()]
    return TimeIntervals(name=name, description=f"{name} (synthetic)",
                         id=ElementIdentifiers(name="id", data=np.arange(n, dtype=np.int64)), columns=cols)


def movie_columns(movie, name="natural_movie_one"):
    start, stop, frame, block = movie
    n = start.size
    return {"start_time": start, "stop_time": stop, "stimulus_name": [name] * n,
            "stimulus_block": block, "frame": frame, "contrast": np.ones(n)}


METRIC_NAMES = ("amplitude_cutoff", "presence_ratio", "isi_violations", "snr", "firing_rate")


def build_units(rng, sched, unit_specs, frames):
    prof = profiles(rng, len(unit_specs), frames)
    out = []
    for k, spec in enumerate(unit_specs):
        if spec.get("empty"):
            times = np.zeros(0)
        else:
            times = unit_spikes(rng, sched["movie"], sched["end"], spec["base"], spec["gain"], prof[k],
                                spec.get("boundary", 0))
        out.append(times)
    return out


def write_session_a(path):
    rng = np.random.default_rng(20260101)
    frames, reps = 60, 2  # 2 blocks x 2 repeats = 4 repeats
    sched = schedule(frames, reps)
    channels = [(850000 + k, area, valid, x) for k, (area, valid, x) in enumerate([
        ("VISp", True, 1.0), ("VISp", True, 2.0), ("VISp", False, 3.0), ("VISl", True, np.nan),
        ("VISl", True, 5.0), ("VISam", True, 6.0), ("VISam", True, np.nan), ("LGd", True, 8.0),
        ("CA1", True, 9.0), ("", True, np.nan), ("None", True, 11.0), ("VISp", True, 12.0)])]
    nwb = new_file("session-a")
    add_electrodes(nwb, channels, "location")
    # (channel row, quality, amplitude_cutoff, presence_ratio, isi_violations, base, gain, extras)
    specs = [
        (0, "good", 0.01, 0.99, 0.1, 2.0, 30.0, {"boundary": 6}),
        (1, "good", 0.05, 0.97, 0.2, 1.0, 20.0, {}),
        (2, "good", 0.02, 0.99, 0.1, 3.0, 25.0, {}),          # invalid channel
        (3, "good", 0.09, 0.96, 0.4, 4.0, 15.0, {"boundary": 4}),
        (4, "noise", 0.01, 0.99, 0.1, 5.0, 10.0, {}),         # noise unit
        (5, "good", 0.20, 0.99, 0.1, 2.0, 30.0, {}),          # amplitude_cutoff too high
        (6, "good", 0.03, 0.90, 0.1, 2.0, 30.0, {}),          # presence_ratio too low
        (5, "good", 0.03, 0.99, 0.9, 2.0, 30.0, {}),          # isi_violations too high
        (6, "good", np.nan, 0.99, 0.1, 2.0, 30.0, {}),         # NaN metric
        (7, "good", 0.01, 0.99, 0.1, 8.0, 40.0, {"boundary": 3}),
        (8, "good", 0.01, 0.99, 0.1, 6.0, 20.0, {}),
        (9, "good", 0.01, 0.99, 0.1, 3.0, 10.0, {}),          # outside the brain ("")
        (10, "good", 0.01, 0.99, 0.1, 3.0, 10.0, {}),         # outside the brain ("None")
        (11, "good", 0.01, 0.99, 0.1, 0.05, 0.3, {}),         # very low rate (min-rate filter)
        (0, "good", 0.01, 0.99, 0.1, 0.0, 0.0, {"empty": True}),  # empty unit
        (1, "good", 0.04, 0.98, 0.3, 1.5, 25.0, {"boundary": 5}),
        (3, "good", 0.02, 0.99, 0.0, 2.5, 18.0, {}),
        (5, "good", 0.02, 0.99, 0.0, 2.5, 22.0, {}),
    ]
    unit_specs = [dict(base=s[5], gain=s[6], **s[7]) for s in specs]
    spikes = build_units(rng, sched, unit_specs, frames)
    nwb.add_unit_column(name="peak_channel_id", description="peak channel id")
    nwb.add_unit_column(name="quality", description="good / noise")
    for name in METRIC_NAMES:
        nwb.add_unit_column(name=name, description=name)
    nwb.add_unit_column(name="cluster_id", description="kilosort cluster")
    for k, (spec, times) in enumerate(zip(specs, spikes)):
        snr = np.nan if k % 5 == 3 else 2.0 + 0.1 * k
        nwb.add_unit(id=950000 + 7 * k, spike_times=times, peak_channel_id=channels[spec[0]][0],
                     quality=spec[1], amplitude_cutoff=spec[2], presence_ratio=spec[3],
                     isi_violations=spec[4], snr=snr, firing_rate=times.size / sched["end"], cluster_id=k)
    n = sched["movie"][0].size
    nwb.add_time_intervals(time_intervals("natural_movie_one_presentations",
                                          movie_columns(sched["movie"]), n))
    g0, g1 = sched["gratings"]
    nwb.add_time_intervals(time_intervals("drifting_gratings_presentations", {
        "start_time": g0, "stop_time": g1, "stimulus_name": ["drifting_gratings"] * g0.size,
        "stimulus_block": np.full(g0.size, 1.0), "orientation": np.tile([0.0, 45.0, 90.0, 135.0], 2)},
        g0.size))
    s0, s1 = sched["spontaneous"]
    nwb.add_time_intervals(time_intervals("spontaneous_presentations", {
        "start_time": s0, "stop_time": s1, "stimulus_name": ["spontaneous"], "stimulus_block": np.array([np.nan])},
        1))
    with NWBHDF5IO(str(path), "w") as io:
        io.write(nwb)


def write_session_b(path):
    """Old layout: one epochs table, manual_structure_acronym, units/electrodes region (no peak_channel_id)."""
    rng = np.random.default_rng(20260202)
    frames, reps = 60, 2
    sched = schedule(frames, reps)
    channels = [(7000 + k, area, valid, x) for k, (area, valid, x) in enumerate([
        ("VISp", True, 1.0), ("VISl", True, np.nan), ("VISam", True, 3.0), ("None", True, 4.0),
        ("CA1", True, 5.0), ("VISp", True, np.nan)])]
    # epochs: spontaneous, movie block 0, gratings, movie block 2; rows sorted by start time
    s0, s1 = sched["spontaneous"]
    m = sched["movie"]
    g0, g1 = sched["gratings"]
    half = m[0].size // 2
    parts = [
        (s0, s1, ["spontaneous"], np.array([np.nan]), np.array([np.nan])),
        (m[0][:half], m[1][:half], ["natural_movie_one"] * half, m[3][:half], m[2][:half]),
        (g0, g1, ["drifting_gratings"] * g0.size, np.full(g0.size, 1.0), np.full(g0.size, np.nan)),
        (m[0][half:], m[1][half:], ["natural_movie_one"] * half, m[3][half:], m[2][half:]),
    ]
    start = np.concatenate([p[0] for p in parts])
    stop = np.concatenate([p[1] for p in parts])
    names = sum((list(p[2]) for p in parts), [])
    block = np.concatenate([p[3] for p in parts])
    frame = np.concatenate([p[4] for p in parts])
    epochs = time_intervals("epochs", {"start_time": start, "stop_time": stop, "stimulus_name": names,
                                       "stimulus_block": block, "frame": frame}, start.size)
    nwb = new_file("session-b-epochs", epochs=epochs)
    add_electrodes(nwb, channels, "manual_structure_acronym")
    specs = [(0, "good", 2.0, 25.0), (0, "good", 1.0, 30.0), (1, "good", 3.0, 20.0), (2, "good", 2.0, 15.0),
             (3, "good", 2.0, 10.0), (4, "good", 4.0, 10.0), (5, "noise", 2.0, 10.0), (2, "good", 1.0, 35.0)]
    spikes = build_units(rng, sched, [dict(base=s[2], gain=s[3], boundary=2) for s in specs], frames)
    nwb.add_unit_column(name="quality", description="good / noise")
    for name in METRIC_NAMES[:3]:
        nwb.add_unit_column(name=name, description=name)
    for k, (spec, times) in enumerate(zip(specs, spikes)):
        nwb.add_unit(id=k, spike_times=times, electrodes=[spec[0]], quality=spec[1],
                     amplitude_cutoff=0.01, presence_ratio=0.99, isi_violations=0.1)
    with NWBHDF5IO(str(path), "w") as io:
        io.write(nwb)


# Demo session: driven by the shipped demo movie, so that models watching the same movie can match it.
DEMO_AREAS = {  # area: (receptive-field sigma in pixels of the 64 x 128 movie, weight of the transient, latency)
    "VISp": (3.0, 0.2, 1), "VISl": (5.0, 0.4, 2), "VISrl": (7.0, 0.6, 2),
    "VISal": (7.0, 0.6, 2), "VISpm": (9.0, 0.5, 3), "VISam": (11.0, 0.7, 3),
    "LGd": (2.0, 0.1, 1), "CA1": (0.0, 0.0, 0), "None": (0.0, 0.0, 0),
}


def movie_profiles(rng, movie, area, units):
    """Per-unit movie-locked profiles computed from the movie itself (peak 1).

    Each unit has a Gaussian receptive field (size by area) at a random position; its drive is a
    mix of sustained local contrast (ON or OFF: +/-(local luminance - its mean)) and transient
    local change |L_t - L_(t-1)| (weight by area), rectified, delayed by the area's latency in
    frames (wrapping around the movie). CA1 and units outside the brain get random profiles.
    """
    sigma, transient, latency = DEMO_AREAS[area]
    frames, height, width = movie.shape
    if sigma == 0.0:
        return profiles(rng, units, frames)
    yy, xx = np.mgrid[0:height, 0:width]
    m = movie.astype(np.float64) / 255.0
    out = []
    for _ in range(units):
        cy, cx = rng.uniform(8, height - 8), rng.uniform(8, width - 8)
        rf = np.exp(-0.5 * ((yy - cy) ** 2 + (xx - cx) ** 2) / sigma ** 2)
        rf /= rf.sum()
        local = np.tensordot(m, rf, axes=([1, 2], [0, 1]))            # frames
        sustained = (local - local.mean()) * rng.choice([-1.0, 1.0])
        change = np.abs(np.diff(local, prepend=local[0]))
        drive = (1 - transient) * sustained / (np.abs(sustained).max() + 1e-9) \
            + transient * change / (change.max() + 1e-9)
        drive = np.maximum(drive, 0.0)
        drive = np.roll(drive, latency)
        out.append(drive / max(drive.max(), 1e-9))
    return np.array(out)


def write_demo(path):
    """Demo: the shipped movie's 300 frames x 20 repeats (2 blocks of 10), six visual areas with
    movie-driven units plus LGd, CA1 and a channel outside the brain."""
    rng = np.random.default_rng(20261129)
    movie = np.load(ROOT / "datasets" / "demo-movie.npy")
    frames, reps = movie.shape[0], 10
    sched = schedule(frames, reps, spont=(0.0, 20.0), gratings=16)
    areas = list(DEMO_AREAS)
    per_area = {a: (16 if a.startswith("VIS") else 6) for a in areas}
    channels = [(900000 + k, a, True, float(k)) for k, a in enumerate(areas)]
    nwb = new_file("demo-session")
    add_electrodes(nwb, channels, "location")
    nwb.add_unit_column(name="peak_channel_id", description="peak channel id")
    nwb.add_unit_column(name="quality", description="good / noise")
    for name in METRIC_NAMES[:3]:
        nwb.add_unit_column(name=name, description=name)
    specs, prof = [], []
    for c, area in enumerate(areas):
        n = per_area[area]
        prof.append(movie_profiles(rng, movie, area, n))
        for j in range(n):
            specs.append((c, "noise" if j == n - 1 else "good", float(rng.uniform(0.2, 1.5)),
                          float(rng.uniform(6.0, 20.0))))
    prof = np.concatenate(prof)
    spikes = [unit_spikes(rng, sched["movie"], sched["end"], s[2], s[3], prof[k], 0) for k, s in enumerate(specs)]
    for k, (spec, times) in enumerate(zip(specs, spikes)):
        nwb.add_unit(id=950000 + k, spike_times=times, peak_channel_id=channels[spec[0]][0], quality=spec[1],
                     amplitude_cutoff=0.01, presence_ratio=0.99, isi_violations=0.1)
    n = sched["movie"][0].size
    nwb.add_time_intervals(time_intervals("natural_movie_one_presentations", movie_columns(sched["movie"]), n))
    g0, g1 = sched["gratings"]
    nwb.add_time_intervals(time_intervals("drifting_gratings_presentations", {
        "start_time": g0, "stop_time": g1, "stimulus_name": ["drifting_gratings"] * g0.size,
        "stimulus_block": np.full(g0.size, 1.0)}, g0.size))
    s0, s1 = sched["spontaneous"]
    nwb.add_time_intervals(time_intervals("spontaneous_presentations", {
        "start_time": s0, "stop_time": s1, "stimulus_name": ["spontaneous"], "stimulus_block": np.array([np.nan])},
        1))
    with NWBHDF5IO(str(path), "w") as io:
        io.write(nwb)


# ---------------------------------------------------------------------------------------------
# 2-photon fixtures: Allen NWB 1.x layout (written with h5py: pynwb cannot write NWB 1.x) and an NWB
# 2.x RoiResponseSeries (pynwb), plus a ROI-first copy and the movie template as .npy.

OPHYS_FRAMES, OPHYS_REPEATS, OPHYS_CELLS = 12, 3, 5


def ophys_schedule(rng):
    """Imaging frame index ranges per movie frame: 1-3 imaging frames each; some rows have end == start."""
    rows, t = [], 4
    for _ in range(OPHYS_REPEATS):
        for f in range(OPHYS_FRAMES):
            span = int(rng.integers(0, 3))  # 0 -> end == start (one imaging frame, see the readers)
            rows.append((f, t, t + span))
            t += max(span, 1)
        t += 5  # gap between repeats
    return rows, t + 4


def write_ophys_nwb1(path, movie):
    rng = np.random.default_rng(20260303)
    rows, n_imaging = ophys_schedule(rng)
    profile = rng.uniform(0.0, 2.0, (OPHYS_CELLS, OPHYS_FRAMES))
    dff = rng.normal(0.0, 0.05, (OPHYS_CELLS, n_imaging))
    for f, a, b in rows:
        dff[:, a:max(b, a + 1)] += profile[:, f][:, None]
    timestamps = 10.0 + np.arange(n_imaging) / 30.0
    with h5py.File(path, "w") as h:  # h5py's default libver (readable by HDF5 1.8+)
        h["nwb_version"] = "NWB-1.0.5"
        h["general/session_type"] = "three_session_A"
        h["general/optophysiology/imaging_plane_1/location"] = "VISp"
        base = h.create_group("processing/brain_observatory_pipeline/DfOverF/imaging_plane_1")
        base["data"] = dff                        # cells x frames, as Allen's files store it
        base["timestamps"] = timestamps
        stim = h.create_group("stimulus/presentation/natural_movie_one_stimulus")
        stim["data"] = np.array([r[0] for r in rows], dtype=np.float32)
        stim["frame_duration"] = np.array([[r[1], r[2]] for r in rows], dtype=np.float64)
        stim["timestamps"] = timestamps[[r[1] for r in rows]]
        h["stimulus/templates/natural_movie_one_image_stack/data"] = movie


def write_ophys_nwb2(path, roi_first_path, movie):
    from pynwb.image import ImageSeries
    from pynwb.ophys import DfOverF, ImageSegmentation, OpticalChannel, RoiResponseSeries
    rng = np.random.default_rng(20260404)
    n_time, rois = 200, 4
    timestamps = 1.0 + np.arange(n_time) / 30.0 + rng.uniform(0, 0.002, n_time)
    frames_t0 = 1.3
    start = frames_t0 + np.arange(OPHYS_FRAMES * OPHYS_REPEATS) * 0.05
    start[OPHYS_FRAMES:] += 0.2
    start[2 * OPHYS_FRAMES:] += 0.2
    stop = start + np.where(np.arange(start.size) % 5 == 4, 0.01, 0.05)  # some hold no sample
    frame = np.tile(np.arange(OPHYS_FRAMES, dtype=np.float64), OPHYS_REPEATS)
    data = rng.normal(0.0, 1.0, (n_time, rois))
    nwb = new_file("ophys-nwb2")
    device = nwb.create_device(name="microscope")
    channel = OpticalChannel(name="green", description="GCaMP", emission_lambda=520.0)
    plane = nwb.create_imaging_plane(name="imaging_plane_1", optical_channel=channel, description="plane",
                                     device=device, excitation_lambda=910.0, indicator="GCaMP6f",
                                     location="VISp", imaging_rate=30.0)
    seg = ImageSegmentation()
    ps = seg.create_plane_segmentation(name="cells", description="rois", imaging_plane=plane)
    for k in range(rois):
        mask = np.zeros((4, 4)); mask[k % 4, k // 4] = 1.0
        ps.add_roi(image_mask=mask)
    ophys = nwb.create_processing_module(name="ophys", description="optical physiology")
    ophys.add(seg)
    region = ps.create_roi_table_region(region=list(range(rois)), description="all")
    dff = DfOverF(name="DfOverF")
    dff.add_roi_response_series(RoiResponseSeries(name="RoiResponseSeries", data=data, rois=region, unit="1",
                                                  timestamps=timestamps))
    ophys.add(dff)
    nwb.add_time_intervals(time_intervals("natural_movie_one_presentations", movie_columns(
        (start, stop, frame, np.zeros(start.size))), start.size))
    nwb.add_stimulus_template(ImageSeries(name="natural_movie_one", data=movie, unit="NA", rate=30.0))
    with NWBHDF5IO(str(path), "w") as io:
        io.write(nwb)
    # The same file with the traces stored ROI-first (as some writers do): transposed with h5py.
    import shutil
    shutil.copyfile(path, roi_first_path)
    with h5py.File(roi_first_path, "r+") as h:
        key = "processing/ophys/DfOverF/RoiResponseSeries/data"
        attrs = dict(h[key].attrs)
        del h[key]
        h[key] = data.T.copy()
        for k, v in attrs.items():
            h[key].attrs[k] = v


if __name__ == "__main__":
    FIXTURES.mkdir(parents=True, exist_ok=True)
    write_session_a(FIXTURES / "session-a.nwb")
    write_session_b(FIXTURES / "session-b-epochs.nwb")
    write_demo(ROOT / "datasets" / "demo-session.nwb")
    movie = np.random.default_rng(20260505).integers(0, 256, (OPHYS_FRAMES, 6, 8), dtype=np.uint8)
    np.save(FIXTURES / "natural_movie_one.npy", movie)
    write_ophys_nwb1(FIXTURES / "ophys-nwb1.nwb", movie)
    write_ophys_nwb2(FIXTURES / "ophys-nwb2.nwb", FIXTURES / "ophys-nwb2-roifirst.nwb", movie)
    for p in [FIXTURES / "session-a.nwb", FIXTURES / "session-b-epochs.nwb", ROOT / "datasets" / "demo-session.nwb"]:
        print(f"{p.relative_to(ROOT)}: {p.stat().st_size / 1e6:.2f} MB")
