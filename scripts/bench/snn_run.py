#!/usr/bin/env python3
"""Runs the spiking-CNN benchmark side by side and prints the table recorded in BENCHMARKS.md
("Engine (issue 5)"): `cortex-bench snn` against `snn_peer.py bench` (SpikingJelly on PyTorch CPU),
each a child process whose peak memory (max RSS) comes from os.wait4.

Usage (from scripts/bench/run_snn.sh, which builds cortex-bench and exports the weights):
    python snn_run.py [--quick] [--variants default,reference,compile] [--rounds N]
                      [--model sew-resnet18-w16|lorafb-snet18-w16]

With --rounds N (default 3) both sides run N times, alternating, and each case reports the best
and the median of all its runs: on a shared machine one side can otherwise catch a busy minute
the other did not (PyTorch's OpenMP threads suffer most when a core is taken).
"""
import json
import os
import subprocess
import sys

quick = ["--quick"] if "--quick" in sys.argv else []
variants = (sys.argv[sys.argv.index("--variants") + 1].split(",") if "--variants" in sys.argv
            else ["default", "reference"])
rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
model = ["--model", sys.argv[sys.argv.index("--model") + 1]] if "--model" in sys.argv else []
here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.abspath(os.path.join(here, "..", ".."))
data = os.path.join(repo, "bench-data")
bench = os.path.join(repo, ".build", "release", "cortex-bench")


def run(argv):
    """Runs argv, returns (parsed JSON stdout, max RSS in MB)."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, cwd=repo)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        sys.exit(f"{argv} failed with status {status}")
    return json.loads(out), usage.ru_maxrss / 1024.0   # ru_maxrss is in KiB on Linux


def merge(runs):
    """Combines several runs of one side: per case the best time and the median of the medians."""
    first = runs[0][0]
    merged = dict(first)
    merged["results"] = []
    for i, case in enumerate(first["results"]):
        best = min(r[0]["results"][i]["bestSeconds"] for r in runs)
        medians = sorted(r[0]["results"][i]["medianSeconds"] for r in runs)
        merged["results"].append(dict(case, bestSeconds=best, medianSeconds=medians[len(medians) // 2]))
    return merged, max(r[1] for r in runs)


def main():
    load_before = os.getloadavg()
    ours_runs, peer_runs = [], {v: [] for v in variants}
    log = []
    for r in range(rounds):
        ours_runs.append(run([bench, "snn", "--data", data] + quick + model))
        log.append(f"round {r + 1}: CortexKit training {ours_runs[-1][0]['results'][0]['bestSeconds']:.4f} s, "
                   f"inference {ours_runs[-1][0]['results'][1]['bestSeconds']:.4f} s (load {os.getloadavg()[0]:.2f})")
        for variant in variants:
            peer_runs[variant].append(run([sys.executable, os.path.join(here, "snn_peer.py"), "bench", data,
                                           "--variant", variant] + quick + model))
            t = peer_runs[variant][-1][0]["results"]
            log.append(f"round {r + 1}: SpikingJelly {variant} training {t[0]['bestSeconds']:.4f} s, "
                       f"inference {t[1]['bestSeconds']:.4f} s (load {os.getloadavg()[0]:.2f})")
    load_after = os.getloadavg()
    ours, ours_rss = merge(ours_runs)
    peers = [(v, *merge(peer_runs[v])) for v in variants]
    samples = ours["batch"]
    print(f"CortexKit: {ours['tool']}, BLAS core {ours['blasCore']}")
    for variant, theirs, _ in peers:
        print(f"peer {variant}: {theirs['tool']}")
    print(f"{ours['model']}: input [T={ours['steps']}, B={samples}, …]; {rounds} rounds; load average before "
          f"{load_before[0]:.2f} / {load_before[1]:.2f} / {load_before[2]:.2f}, after "
          f"{load_after[0]:.2f} / {load_after[1]:.2f} / {load_after[2]:.2f}")
    for line in log:
        print("  " + line)
    c = ours["check"]
    print(f"cross-check (same weights and input, first training step): loss {c['loss']:.7f} vs "
          f"SpikingJelly {c['peerLoss']:.7f}, relative difference {c['lossRelativeError']:.2e}; "
          f"worst gradient relative difference {c['worstGradientRelativeError']:.2e} ({c['worstGradient']})")
    print()
    header = "| case | CortexKit samples/s (best; median) |"
    rule = "|---|---:|"
    for variant, _, _ in peers:
        header += f" SpikingJelly {variant} samples/s (best; median) | ratio (best; median) |"
        rule += "---:|---:|"
    print(header)
    print(rule)
    for i, case in enumerate(ours["results"]):
        row = f"| {case['name']} | {samples / case['bestSeconds']:.1f}; {samples / case['medianSeconds']:.1f} |"
        for _, theirs, _ in peers:
            t = theirs["results"][i]
            row += (f" {samples / t['bestSeconds']:.1f}; {samples / t['medianSeconds']:.1f} |"
                    f" {t['bestSeconds'] / case['bestSeconds']:.2f}×; {t['medianSeconds'] / case['medianSeconds']:.2f}× |")
        print(row)
    row = f"| peak RSS (whole process, max over rounds) | {ours_rss:.0f} MB |"
    for _, _, rss in peers:
        row += f" {rss:.0f} MB | {rss / ours_rss:.2f}× |"
    print(row)
    print()
    print("ratio = SpikingJelly time / CortexKit time (> 1: CortexKit faster); for peak RSS, "
          "SpikingJelly / CortexKit (> 1: CortexKit smaller).")


if __name__ == "__main__":
    main()
