#!/usr/bin/env python3
"""NWB response building: `cortex responses` vs an h5py + numpy implementation of the same output.

Generates (once, into bench-data/, ignored by git) a full-size Allen-layout Neuropixels session —
2,800 units, ~130 M spikes, natural_movie_one with 900 frames x 20 repeats in two blocks — written
with h5py (default libver), then runs both tools as separate processes and reports wall time and
peak resident memory (from wait4) side by side, plus a check that the outputs agree.

    python3 scripts/bench/nwb_bench.py [--units 2800] [--spikes 130e6]
Needs: numpy, h5py (scripts/bench/requirements.txt) and a release build of `cortex`.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

import h5py
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
AREAS = ["VISp", "VISl", "VISrl", "VISal", "VISpm", "VISam", "LGd", "CA1", "None"]


def vlen_strings(group, name, values):
    group.create_dataset(name, data=np.array(values, dtype=object), dtype=h5py.string_dtype())


def table(group, columns):
    group.attrs["colnames"] = np.array(columns, dtype=object)
    group.attrs["neurodata_type"] = "DynamicTable"


def make_session(path, units, spikes, seed=7):
    rng = np.random.default_rng(seed)
    frames, repeats, frame_dt = 900, 20, 1 / 30
    # Layout in time: 1000 s spontaneous, block 0 (10 repeats), 600 s gratings, block 1 (10 repeats), 1000 s more.
    movie_len = frames * frame_dt
    starts = []
    t = 1000.0
    for block in range(2):
        for r in range(repeats // 2):
            starts.append(t + np.arange(frames) * frame_dt)
            t += movie_len
        t += 600.0
    duration = t + 1000.0
    start = np.concatenate(starts)
    stop = start + frame_dt
    frame = np.tile(np.arange(frames, dtype=np.float64), repeats)
    block = np.repeat([0.0, 2.0], frames * repeats // 2)
    # Per-unit spike counts ~ proportional to a log-normal rate, summing to `spikes`.
    rates = rng.lognormal(mean=0.0, sigma=1.0, size=units)
    counts = np.floor(rates / rates.sum() * spikes).astype(np.int64)
    index = np.cumsum(counts)
    channels = np.arange(units // 8 + 1)
    with h5py.File(path, "w") as f:
        f.attrs["nwb_version"] = "2.2.2"
        f.create_dataset("identifier", data="bench-session")
        u = f.create_group("units")
        table(u, ["spike_times", "peak_channel_id", "quality", "firing_rate", "amplitude_cutoff",
                  "presence_ratio", "isi_violations"])
        u.create_dataset("id", data=np.arange(units, dtype=np.int64) + 950_000_000)
        st = u.create_dataset("spike_times", shape=(int(index[-1]),), dtype="f8")
        pos = 0
        for i in range(units):
            n = int(counts[i])
            if n:
                st[pos:pos + n] = np.sort(rng.uniform(0, duration, n))
            pos += n
        u.create_dataset("spike_times_index", data=index)
        u.create_dataset("peak_channel_id", data=rng.integers(0, len(channels), units).astype(np.int64))
        vlen_strings(u, "quality", ["good" if q else "noise" for q in rng.random(units) > 0.1])
        u.create_dataset("firing_rate", data=counts / duration)
        u.create_dataset("amplitude_cutoff", data=rng.uniform(0, 0.2, units))
        u.create_dataset("presence_ratio", data=rng.uniform(0.9, 1.0, units))
        u.create_dataset("isi_violations", data=rng.uniform(0, 1, units))
        e = f.create_group("general/extracellular_ephys/electrodes")
        table(e, ["location", "valid_data"])
        e.create_dataset("id", data=channels.astype(np.int64))
        vlen_strings(e, "location", [AREAS[c % len(AREAS)] for c in channels])
        e.create_dataset("valid_data", data=np.ones(len(channels), dtype=bool))
        p = f.create_group("intervals/natural_movie_one_presentations")
        table(p, ["start_time", "stop_time", "frame", "stimulus_block"])
        p.create_dataset("id", data=np.arange(len(start), dtype=np.int64))
        p.create_dataset("start_time", data=start)
        p.create_dataset("stop_time", data=stop)
        p.create_dataset("frame", data=frame)
        p.create_dataset("stimulus_block", data=block)
    return int(index[-1])


PEER = r'''
import sys, h5py, numpy as np
path, out = sys.argv[1], sys.argv[2]
areas_wanted = ["VISp", "VISl", "VISrl", "VISal", "VISpm", "VISam"]
with h5py.File(path, "r") as f:
    u = f["units"]
    index = u["spike_times_index"][:]
    spikes = u["spike_times"][:]
    ids = u["id"][:]
    peak = u["peak_channel_id"][:]
    e = f["general/extracellular_ephys/electrodes"]
    loc = dict(zip(e["id"][:], [s.decode() for s in e["location"][:]]))
    p = f["intervals/natural_movie_one_presentations"]
    start, stop, frame = p["start_time"][:], p["stop_time"][:], p["frame"][:]
begins = np.flatnonzero(frame == 0)
n_frames = int(frame.max()) + 1
repeats = len(begins)
total = (stop - start).sum()
result = {}
lo = 0
counts_all = np.zeros((len(ids), n_frames))
keep = np.zeros(len(ids), bool)
for i, hi in enumerate(index):
    s = spikes[lo:hi]; lo = hi
    c = np.searchsorted(s, stop, side="left") - np.searchsorted(s, start, side="left")
    rate = c.sum() / total
    keep[i] = rate >= 0.5
    counts_all[i] = c.reshape(repeats, n_frames).mean(0)
with h5py.File(out, "w") as g:
    for area in areas_wanted:
        rows = [i for i in range(len(ids)) if keep[i] and loc.get(peak[i]) == area]
        grp = g.create_group(area)
        grp["counts"] = counts_all[rows]
        grp["unit_ids"] = ids[rows]
'''


def run(cmd):
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode()
    if status != 0:
        sys.exit(f"{cmd[0]} failed: {err}")
    return wall, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=2800)
    ap.add_argument("--spikes", type=float, default=130e6)
    args = ap.parse_args()
    data = ROOT / "bench-data"
    data.mkdir(exist_ok=True)
    session = data / f"allen-layout-{args.units}u-{int(args.spikes)}s.nwb"
    if not session.exists():
        print(f"generating {session.name} …", file=sys.stderr)
        tmp = session.with_suffix(".tmp")
        n = make_session(tmp, args.units, int(args.spikes))
        tmp.rename(session)
        print(f"  {n} spikes", file=sys.stderr)
    spike_bytes = (session.stat().st_size)
    with h5py.File(session, "r") as f:
        spike_bytes = f["units/spike_times"].size * 8
    ours = data / "responses-cortexkit.h5"
    theirs = data / "responses-h5py.h5"
    cortex = str(ROOT / ".build/release/cortex")
    subprocess.run(["sync"])
    t_ours, m_ours = run([cortex, "responses", str(session), "-o", str(ours)])
    t_peer, m_peer = run([sys.executable, "-c", PEER, str(session), str(theirs)])
    with h5py.File(ours, "r") as a, h5py.File(theirs, "r") as b:
        worst = max(float(np.abs(a[k]["counts"][:] - b[k]["counts"][:]).max(initial=0)) for k in b)
        same_units = all(np.array_equal(a[k]["unit_ids"][:], b[k]["unit_ids"][:]) for k in b)
    print(json.dumps({"session": session.name, "spike_times_MB": spike_bytes / 1e6,
                      "cortexkit": {"seconds": t_ours, "peak_MB": m_ours},
                      "h5py_numpy": {"seconds": t_peer, "peak_MB": m_peer},
                      "speedup": t_peer / t_ours, "peak_vs_spike_times": m_ours * 1e6 / 1e6 / (spike_bytes / 1e6),
                      "max_abs_count_difference": worst, "same_units": same_units}, indent=1))


if __name__ == "__main__":
    main()
