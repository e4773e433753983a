#!/usr/bin/env python3
"""Runs the spiking-transformer benchmark side by side (BENCHMARKS.md, "Spiking transformers"):
`cortex-bench snn --model NAME` against `transformer_peer.py bench --model NAME` (the PyTorch
reference modules with SpikingJelly's LIFNode; the "peer:" line names the neuron used), each a child
process whose peak memory (max RSS) comes from os.wait4, alternating for --rounds N (default 3);
each case reports the best and the median over all runs. Prints the cross-check of the first
training step (loss and worst gradient, CortexKit vs PyTorch on the same weights and input).

Usage (from scripts/bench/run_transformers.sh, which picks the Python, builds cortex-bench and exports
the data; the peer runs under this script's interpreter and inherits its environment, PYTHONPATH included):
    python transformer_run.py --model spikformer-2-64|spike-driven-transformer-2-64 [--quick] [--rounds N]
"""
import json
import os
import subprocess
import sys

model = sys.argv[sys.argv.index("--model") + 1]
quick = ["--quick"] if "--quick" in sys.argv else []
rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.abspath(os.path.join(here, "..", ".."))
data = os.path.join(repo, "bench-data")


def run(argv):
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, cwd=repo)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        sys.exit(f"{argv} failed with status {status}")
    return json.loads(out), usage.ru_maxrss / 1024.0


def summary(runs):
    cases = {}
    for result, _ in runs:
        for case in result["results"]:
            cases.setdefault(case["name"], []).append((case["bestSeconds"], case["medianSeconds"]))
    return {name: (min(b for b, _ in v), sorted(m for _, m in v)[len(v) // 2]) for name, v in cases.items()}, max(r for _, r in runs)


load_before = os.getloadavg()
ours, peer = [], []
for _ in range(rounds):
    ours.append(run([os.path.join(repo, ".build", "release", "cortex-bench"), "snn", "--data", data, "--model", model] + quick))
    peer.append(run([sys.executable, os.path.join(here, "transformer_peer.py"), "bench", data, "--model", model] + quick))
load_after = os.getloadavg()
(o, o_rss), (p, p_rss) = summary(ours), summary(peer)
check = ours[0][0]["check"]
print(f"model {model}, batch {ours[0][0]['batch']}, T {ours[0][0]['steps']}; {rounds} rounds; "
      f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
print(f"CortexKit: {ours[0][0]['tool']}")
print(f"peer:      {peer[0][0]['tool']}")
print(f"first training step: loss {check['loss']:.6f} vs {check['peerLoss']:.6f} (relative error {check['lossRelativeError']:.2e}); "
      f"worst gradient relative error {check['worstGradientRelativeError']:.2e} ({check['worstGradient']})")
print(f"{'case':<15}{'CortexKit best/median s':>26}{'PyTorch best/median s':>26}{'speed-up (median)':>20}")
for name in o:
    print(f"{name:<15}{o[name][0]:>12.4f} / {o[name][1]:<11.4f}{p[name][0]:>12.4f} / {p[name][1]:<11.4f}{p[name][1] / o[name][1]:>14.2f}×")
print(f"peak memory (max RSS): CortexKit {o_rss:.0f} MB, PyTorch {p_rss:.0f} MB")
