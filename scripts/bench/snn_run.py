#!/usr/bin/env python3
"""Runs the spiking-CNN benchmark side by side and prints the table recorded in BENCHMARKS.md
("Engine (issue 5)"): `cortex-bench snn` against `snn_peer.py bench` (SpikingJelly on PyTorch CPU),
each a child process whose peak memory (max RSS) comes from os.wait4.

Usage (from scripts/bench/run_snn.sh, which builds cortex-bench and exports the weights):
    python snn_run.py [--quick] [--variants default,reference,compile]
"""
import json
import os
import subprocess
import sys

quick = ["--quick"] if "--quick" in sys.argv else []
variants = (sys.argv[sys.argv.index("--variants") + 1].split(",") if "--variants" in sys.argv
            else ["default", "reference"])
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


def main():
    load_before = os.getloadavg()
    ours, ours_rss = run([bench, "snn", "--data", data] + quick)
    peers = []
    for variant in variants:
        theirs, rss = run([sys.executable, os.path.join(here, "snn_peer.py"), "bench", data,
                           "--variant", variant] + quick)
        peers.append((variant, theirs, rss))
    load_after = os.getloadavg()
    samples = ours["batch"]
    print(f"CortexKit: {ours['tool']}, BLAS core {ours['blasCore']}")
    for variant, theirs, _ in peers:
        print(f"peer {variant}: {theirs['tool']}")
    print(f"input [T={ours['steps']}, B={samples}, 1, 28, 28]; load average before "
          f"{load_before[0]:.2f} / {load_before[1]:.2f} / {load_before[2]:.2f}, after "
          f"{load_after[0]:.2f} / {load_after[1]:.2f} / {load_after[2]:.2f}")
    c = ours["check"]
    print(f"cross-check (same weights and input, first training step): loss {c['loss']:.7f} vs "
          f"SpikingJelly {c['peerLoss']:.7f}, relative difference {c['lossRelativeError']:.2e}; "
          f"worst gradient relative difference {c['worstGradientRelativeError']:.2e} ({c['worstGradient']})")
    print()
    header = "| case | CortexKit samples/s (best; median) |"
    rule = "|---|---:|"
    for variant, _, _ in peers:
        header += f" SpikingJelly {variant} samples/s (best; median) | ratio (best) |"
        rule += "---:|---:|"
    print(header)
    print(rule)
    for i, case in enumerate(ours["results"]):
        row = f"| {case['name']} | {samples / case['bestSeconds']:.1f}; {samples / case['medianSeconds']:.1f} |"
        for _, theirs, _ in peers:
            t = theirs["results"][i]
            row += (f" {samples / t['bestSeconds']:.1f}; {samples / t['medianSeconds']:.1f} |"
                    f" {t['bestSeconds'] / case['bestSeconds']:.2f}× |")
        print(row)
    row = f"| peak RSS (whole process) | {ours_rss:.0f} MB |"
    for _, _, rss in peers:
        row += f" {rss:.0f} MB | {rss / ours_rss:.2f}× |"
    print(row)
    print()
    print("ratio = SpikingJelly time / CortexKit time (> 1: CortexKit faster); for peak RSS, "
          "SpikingJelly / CortexKit (> 1: CortexKit smaller).")


if __name__ == "__main__":
    main()
