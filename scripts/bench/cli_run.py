#!/usr/bin/env python3
"""Whole-process benchmarks: each `cortex` command, as users run it, next to its numpy/h5py peer
(scripts/bench/cli_peer.py) on the same files, alternating CortexKit and peer within every round,
best and median of the rounds, peak RSS of each process (ru_maxrss from wait4), the 1-minute load
average before each run. Prints one Markdown table of ratios (peer time / CortexKit time).

    scripts/bench/cli_run.py [--quick] [--rounds N] [--cases NAME,NAME] [--cortex PATH] [--python PATH]
                             [--torch-python PATH]

With --torch-python (a Python with torch, spikingjelly, safetensors and h5py: scripts/bench/
torch-python.sh) the engine cases run too: `cortex train` and `cortex features` next to
scripts/bench/engine_peer.py, the same jobs on the reference PyTorch + SpikingJelly models of
scripts/reference/ (same weights: the peer of `train` starts from the epoch-0000 weights the
CortexKit run of the same round wrote; `features` from the shipped checkpoints), both on 2 threads.
The features cases also compare the two feature files (the last column).

Called by `make bench` (scripts/bench/run.sh), which builds `cortex` in release, prepares
.venv-bench and writes the inputs (scripts/bench/cli_data.py). Cases whose inputs are missing are
skipped with a note. Nothing here asserts a goal: the table states the figures.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(REPO, "bench-data", "cli")


def load():
    return os.getloadavg()[0]


def measure(argv):
    """(wall s, peak RSS MB, stdout, load) of one child, peak RSS from wait4."""
    before = load()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        if status != 0:
            sys.exit(f"{' '.join(argv)} failed (status {status}): {err.read().decode()[-2000:]}")
        return wall, usage.ru_maxrss / 1024.0, out.read().decode(), before


def score_of(text):
    """The score from `cortex … --json` or the peer's JSON (first line that parses)."""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if "areas" in obj:      # cortex ceiling --json
                a = obj["areas"][0]
                return a.get("mean"), a.get("standard_error")
            return obj.get("score"), obj.get("standard_error")
    return None, None


TRAIN = ["--batch", "8", "--T", "4", "--train-examples", "512", "--test-examples", "128"]
ENGINE_TRAIN = [("sew", "sew-resnet18-w16", "≥ 2×"), ("lorafb", "lorafb-snet18-w16", "≥ 2×"),
                ("spikformer", "spikformer-2-64", "≥ 2× (issue 14)"),
                ("sdt", "spike-driven-transformer-2-64", "≥ 2× (issue 14)")]
ENGINE_FEATURES = [("sew", "sew-resnet18-w8", "sew-resnet18-w8-video", "video", "≥ 3×"),
                   ("lorafb", "lorafb-snet18-w8", "lorafb-snet18-w8-video", "video", "≥ 3×"),
                   ("spikformer", "spikformer-2-32", "spikformer-2-32-image", "image", "≥ 2× (issue 14)"),
                   ("sdt", "spike-driven-transformer-2-32", "spike-driven-transformer-2-32-image", "image", "≥ 2× (issue 14)")]


def test_loss(text):
    """Test loss from `cortex train`'s last line or the peer's JSON."""
    import re
    m = re.search(r"test loss ([0-9.]+)", text) or re.search(r'"test_loss": ([0-9.]+)', text)
    return float(m.group(1)) if m else None


def after_imports(text):
    """The peer's seconds after its imports (its JSON line), as a note."""
    import re
    m = re.search(r'"seconds_after_imports": ([0-9.]+)', text)
    return f"; peer {float(m.group(1)):.2f} s after imports" if m else ""


def feature_difference(ours, theirs):
    """How far two feature files are apart, over every layer both hold: the largest |Δ| and how
    many values differ by more than 1e-4 (spikes differing, or real values beyond the tolerance)."""
    import h5py
    import numpy as np
    worst, beyond, total, layers = 0.0, 0, 0, 0
    with h5py.File(ours, "r") as a, h5py.File(theirs, "r") as b:
        for name in a:
            if name not in b or "features" not in a[name]:
                continue
            x, y = a[name]["features"][:], b[name]["features"][:]
            if x.shape != y.shape:
                return f"{name}: shapes {x.shape} vs {y.shape}"
            layers += 1
            d = np.abs(x.astype(np.float64) - y)
            worst = max(worst, float(d.max()))
            beyond += int((d > 1e-4).sum())
            total += x.size
    return f"features of {layers} layers: max |Δ| {worst:.1e}, {beyond} of {total} values differ by > 1e-4"


def engine_cases(args, cx, tmp):
    """`cortex train` / `cortex features` and their PyTorch + SpikingJelly peers (with --torch-python)."""
    if not args.torch_python:
        return []
    peer = [args.torch_python, os.path.join(HERE, "engine_peer.py")]
    checkpoints = os.path.join(REPO, "datasets", "checkpoints")
    movie = os.path.join(REPO, "datasets", "demo-movie.npy")
    cases = []
    for key, model, goal in ENGINE_TRAIN:
        ours_dir, theirs_dir = os.path.join(tmp, f"train-{key}-cortex"), os.path.join(tmp, f"train-{key}-peer")
        cases.append((f"train-{key}", f"train {model} (image task, batch 8, T 4, 512 + 128 test examples)", goal,
                      [cx, "train", "--model", model, "--task", "image", *TRAIN, "--seed", "0", "-o", ours_dir, "--force"],
                      peer + ["train", "--model", model, "--weights",
                              os.path.join(ours_dir, "epochs", "epoch-0000", "model.safetensors"), *TRAIN, "-o", theirs_dir],
                      [], lambda o, t: f"test loss {test_loss(o)} / {test_loss(t)}{after_imports(t)}"))
    for key, model, checkpoint, protocol, goal in ENGINE_FEATURES:
        weights = os.path.join(checkpoints, checkpoint, "model.safetensors")
        ours, theirs = os.path.join(tmp, f"features-{key}-cortex.h5"), os.path.join(tmp, f"features-{key}-peer.h5")
        cases.append((f"features-{key}", f"features {model} ({protocol} protocol, demo movie, 300 frames)", goal,
                      [cx, "features", "--checkpoint", weights, "--movie", movie, "--protocol", protocol, "-o", ours],
                      peer + ["features", "--model", model, "--weights", weights, "--movie", movie,
                              "--protocol", protocol, "-o", theirs],
                      [weights, movie], lambda o, t, a=ours, b=theirs: feature_difference(a, b) + after_imports(t)))
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cases", default="")
    ap.add_argument("--cortex", default=os.path.join(REPO, ".build", "release", "cortex"))
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--torch-python", default="")
    args = ap.parse_args()
    sfx = "_quick" if args.quick else ""
    d = lambda name: os.path.join(DATA, f"{name}{sfx}.npy")
    cx, py = args.cortex, [args.python, os.path.join(HERE, "cli_peer.py")]
    ceiling_file = os.path.join(DATA, "ceiling-responses.h5")
    session = os.path.join(REPO, "bench-data", "allen-layout-2800u-130000000s.nwb")
    chunked_session = os.path.join(REPO, "bench-data", "allen-layout-2800u-130000000s-chunked.nwb")
    tmp = tempfile.mkdtemp(prefix="cortex-bench-")

    # (name, goal, cortex argv, peer argv or None, inputs that must exist)
    cases = [
        ("tsrsa-60k", "tsrsa 900×60,000 f32 vs 900×1,500", "≥ 2×",
         [cx, "similarity", "tsrsa", d("layer_60k"), d("area_1500"), "--json"],
         py + ["tsrsa", d("layer_60k"), d("area_1500")], [d("layer_60k"), d("area_1500")]),
        ("tsrsa-200k", "tsrsa 900×200,000 f32 vs 900×1,500", "≥ 3×",
         [cx, "similarity", "tsrsa", d("layer_200k"), d("area_1500"), "--json"],
         py + ["tsrsa", d("layer_200k"), d("area_1500")], [d("layer_200k"), d("area_1500")]),
        ("tsrsa-movie2", "tsrsa Movie2 3,600×50,000 f32 vs 3,600×1,500", "≥ 2×",
         [cx, "similarity", "tsrsa", d("movie2_layer_50k"), d("movie2_area_1500"), "--json"],
         py + ["tsrsa", d("movie2_layer_50k"), d("movie2_area_1500")], [d("movie2_layer_50k"), d("movie2_area_1500")]),
        ("cka-linear-60k", "cka-linear 900×60,000 f32 vs 900×1,500", "≥ 1.5×",
         [cx, "similarity", "cka-linear", d("layer_60k"), d("area_1500"), "--json"],
         py + ["cka-linear", d("layer_60k"), d("area_1500")], [d("layer_60k"), d("area_1500")]),
        ("cka-debiased-60k", "cka-debiased 900×60,000 f32 vs 900×1,500", "≥ 1.5×",
         [cx, "similarity", "cka-debiased", d("layer_60k"), d("area_1500"), "--json"],
         py + ["cka-debiased", d("layer_60k"), d("area_1500")], [d("layer_60k"), d("area_1500")]),
        ("tsrsa-400k", "tsrsa 900×400,000 f32 (1.44 GB) vs 900×1,500", "peak ≤ 0.5 GB",
         [cx, "similarity", "tsrsa", d("layer_400k"), d("area_1500"), "--json"],
         py + ["tsrsa", d("layer_400k"), d("area_1500")], [d("layer_400k"), d("area_1500")]),
        ("cka-linear-400k", "cka-linear 900×400,000 f32 (1.44 GB) vs 900×1,500", "peak ≤ 0.5 GB",
         [cx, "similarity", "cka-linear", d("layer_400k"), d("area_1500"), "--json"],
         py + ["cka-linear", d("layer_400k"), d("area_1500")], [d("layer_400k"), d("area_1500")]),
        ("tsrsa-stats-400k", "tsrsa 900×400,000 --permutations 1000 --bootstrap 100", "≤ 0.5 GB, ≤ 60 s",
         [cx, "similarity", "tsrsa", d("layer_400k"), d("area_1500"), "--permutations", "1000", "--bootstrap", "100", "--json"],
         None, [d("layer_400k"), d("area_1500")]),
        ("cka-stats-400k", "cka-linear 900×400,000 --permutations 1000 --bootstrap 100", "≤ 0.5 GB, ≤ 60 s",
         [cx, "similarity", "cka-linear", d("layer_400k"), d("area_1500"), "--permutations", "1000", "--bootstrap", "100", "--json"],
         None, [d("layer_400k"), d("area_1500")]),
        ("svcca-tall", "svcca 1,800×52 f32 vs 1,800×48 (tall)", "≥ 1×",
         [cx, "similarity", "svcca", d("tall_layer_52"), d("tall_area_48"), "--json"],
         py + ["svcca", d("tall_layer_52"), d("tall_area_48")], [d("tall_layer_52"), d("tall_area_48")]),
        ("pwcca-tall", "pwcca 1,800×52 f32 vs 1,800×48 (tall)", "≥ 1×",
         [cx, "similarity", "pwcca", d("tall_layer_52"), d("tall_area_48"), "--json"],
         py + ["pwcca", d("tall_layer_52"), d("tall_area_48")], [d("tall_layer_52"), d("tall_area_48")]),
        ("procrustes-tall", "procrustes 1,800×52 f32 vs 1,800×48 (tall)", "≥ 1×",
         [cx, "similarity", "procrustes", d("tall_layer_52"), d("tall_area_48"), "--json"],
         py + ["procrustes", d("tall_layer_52"), d("tall_area_48")], [d("tall_layer_52"), d("tall_area_48")]),
        ("ridge-tall", "ridge 1,800×52 f32 vs 1,800×48 (tall)", "≥ 1×",
         [cx, "similarity", "ridge", d("tall_layer_52"), d("tall_area_48"), "--json"],
         py + ["ridge", d("tall_layer_52"), d("tall_area_48")], [d("tall_layer_52"), d("tall_area_48")]),
        ("svcca-wide", "svcca 900×6,000 f32 vs 900×1,500 (wide)", "≥ 1×",
         [cx, "similarity", "svcca", d("layer_6k"), d("area_1500"), "--json"],
         py + ["svcca", d("layer_6k"), d("area_1500")], [d("layer_6k"), d("area_1500")]),
        ("pwcca-wide", "pwcca 900×6,000 f32 vs 900×1,500 (wide)", "≥ 1×",
         [cx, "similarity", "pwcca", d("layer_6k"), d("area_1500"), "--json"],
         py + ["pwcca", d("layer_6k"), d("area_1500")], [d("layer_6k"), d("area_1500")]),
        ("procrustes-wide", "procrustes 900×6,000 f32 vs 900×1,500 (wide)", "≥ 1×",
         [cx, "similarity", "procrustes", d("layer_6k"), d("area_1500"), "--json"],
         py + ["procrustes", d("layer_6k"), d("area_1500")], [d("layer_6k"), d("area_1500")]),
        ("ridge-wide", "ridge 900×6,000 f32 vs 900×1,500 (wide)", "≥ 1×",
         [cx, "similarity", "ridge", d("layer_6k"), d("area_1500"), "--json"],
         py + ["ridge", d("layer_6k"), d("area_1500")], [d("layer_6k"), d("area_1500")]),
        ("rsa-400k", "rsa 900×400,000 f32 (1.44 GB) vs 900×1,500", "peak ≤ 0.5 GB",
         [cx, "similarity", "rsa", d("layer_400k"), d("area_1500"), "--json"],
         None, [d("layer_400k"), d("area_1500")]),
        ("cka-debiased-400k", "cka-debiased 900×400,000 f32 (1.44 GB) vs 900×1,500", "peak ≤ 0.5 GB",
         [cx, "similarity", "cka-debiased", d("layer_400k"), d("area_1500"), "--json"],
         None, [d("layer_400k"), d("area_1500")]),
        ("rsa-stats-400k", "rsa 900×400,000 --permutations 1000 --bootstrap 100", "≤ 0.5 GB, ≤ 60 s",
         [cx, "similarity", "rsa", d("layer_400k"), d("area_1500"), "--permutations", "1000", "--bootstrap", "100", "--json"],
         None, [d("layer_400k"), d("area_1500")]),
        ("cka-debiased-stats-400k", "cka-debiased 900×400,000 --permutations 1000 --bootstrap 100", "≤ 0.5 GB, ≤ 60 s",
         [cx, "similarity", "cka-debiased", d("layer_400k"), d("area_1500"), "--permutations", "1000", "--bootstrap", "100", "--json"],
         None, [d("layer_400k"), d("area_1500")]),
        ("rsa-frames-400k", "rsa 900×400,000 --permutations 1000 --bootstrap 100 --resample frames", "≤ 0.5 GB, ≤ 60 s",
         [cx, "similarity", "rsa", d("layer_400k"), d("area_1500"), "--permutations", "1000", "--bootstrap", "100", "--resample", "frames", "--json"],
         None, [d("layer_400k"), d("area_1500")]),
        ("tsrsa-frames-400k", "tsrsa 900×400,000 --permutations 1000 --bootstrap 100 --resample frames", "≤ 0.5 GB, ≤ 60 s",
         [cx, "similarity", "tsrsa", d("layer_400k"), d("area_1500"), "--permutations", "1000", "--bootstrap", "100", "--resample", "frames", "--json"],
         None, [d("layer_400k"), d("area_1500")]),
        ("cka-frames-400k", "cka-linear 900×400,000 --permutations 1000 --bootstrap 100 --resample frames", "≤ 0.5 GB, ≤ 60 s",
         [cx, "similarity", "cka-linear", d("layer_400k"), d("area_1500"), "--permutations", "1000", "--bootstrap", "100", "--resample", "frames", "--json"],
         None, [d("layer_400k"), d("area_1500")]),
        ("ceiling", "ceiling --method neurons, 100 splits of 1,574 units × 899 frames", "≥ 5×",
         [cx, "ceiling", ceiling_file, "--method", "neurons", "--splits", "100", "--areas", "VISp", "--json"],
         py + ["ceiling", ceiling_file, "VISp", "100"], [ceiling_file]),
        ("responses", "responses, 2,800 units / 130 M spikes (1.04 GB spike_times, contiguous)", "≥ 4×",
         [cx, "responses", session, "-o", os.path.join(tmp, "r-cortex.h5")],
         py + ["responses", session, os.path.join(tmp, "r-peer.h5")], [session]),
        ("responses-chunked", "responses, the same session with spike_times chunked (as pynwb writes it)", "≥ 4×",
         [cx, "responses", chunked_session, "-o", os.path.join(tmp, "r-cortex-chunked.h5")],
         py + ["responses", chunked_session, os.path.join(tmp, "r-peer-chunked.h5")], [chunked_session]),
    ]
    cases += engine_cases(args, cx, tmp)
    if args.cases:
        keep = set(args.cases.split(","))
        cases = [c for c in cases if c[0] in keep]

    version = subprocess.run([cx, "--version"], capture_output=True, text=True).stdout.strip()
    import numpy
    peer_tool = f"numpy {numpy.__version__}"
    try:
        import h5py
        peer_tool += f" / h5py {h5py.__version__}"
    except ImportError:
        pass
    peer_tool += f" ({args.python})"
    if args.torch_python:
        probe = ("import importlib.metadata as m, torch; "
                 "print(f'PyTorch {torch.__version__} / SpikingJelly {m.version(\"spikingjelly\")}')")
        torch_tool = subprocess.run([args.torch_python, "-c", probe], capture_output=True, text=True).stdout.strip()
        peer_tool += f"; engine peer: {torch_tool} ({args.torch_python}), 2 threads"
    print(f"cortex {version} ({cx}); peer: {peer_tool}; {os.cpu_count()} cores; "
          f"{args.rounds} rounds, CortexKit and peer alternating; load = 1-min load average before each run")
    print(f"start: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    rows = []
    for key, label, goal, ours, theirs, inputs, *extra in cases:
        missing = [p for p in inputs if not os.path.exists(p)]
        if missing:
            print(f"  {key}: skipped (missing {', '.join(os.path.relpath(p, REPO) for p in missing)})")
            continue
        o_runs, t_runs = [], []
        for r in range(args.rounds):
            w, m, out, l = measure(ours)
            o_runs.append((w, m, out, l))
            print(f"  {key} round {r + 1}: CortexKit {w:.3f} s, {m:.0f} MB (load {l:.2f})", flush=True)
            if theirs is not None:
                w, m, out, l = measure(theirs)
                t_runs.append((w, m, out, l))
                print(f"  {key} round {r + 1}: peer      {w:.3f} s, {m:.0f} MB (load {l:.2f})", flush=True)
        note = extra[0](o_runs[-1][2], t_runs[-1][2]) if extra and t_runs else None
        rows.append((key, label, goal, o_runs, t_runs, note))
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"end: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    print()
    print("| case | CortexKit s (best; median) | peer s (best; median) | ratio (best; median) | peak RSS CortexKit / peer | score CortexKit / peer | load | goal |")
    print("|---|---:|---:|---:|---:|---|---:|---|")
    for key, label, goal, o_runs, t_runs, note in rows:
        ow = sorted(r[0] for r in o_runs)
        om = max(r[1] for r in o_runs)
        loads = [r[3] for r in o_runs + t_runs]
        so, eo = score_of(o_runs[-1][2])
        fmt = lambda v: "–" if v is None else f"{v:.9f}"
        if t_runs:
            tw = sorted(r[0] for r in t_runs)
            tm = max(r[1] for r in t_runs)
            st, et = score_of(t_runs[-1][2])
            ratio = f"{tw[0] / ow[0]:.2f}×; {statistics.median(tw) / statistics.median(ow):.2f}×"
            peer = f"{tw[0]:.3f}; {statistics.median(tw):.3f}"
            rss = f"{om:.0f} / {tm:.0f} MB"
            score = f"{fmt(so)} / {fmt(st)}"
            if so is not None and st is not None and eo is None:
                score += f" (Δ {abs(so - st):.1e})"
        else:
            ratio, peer, rss, score = "–", "–", f"{om:.0f} MB", fmt(so)
        if note is not None:
            score = note
        print(f"| {label} | {ow[0]:.3f}; {statistics.median(ow):.3f} | {peer} | {ratio} | {rss} | {score} | "
              f"{min(loads):.1f}–{max(loads):.1f} | {goal} |")


if __name__ == "__main__":
    main()
