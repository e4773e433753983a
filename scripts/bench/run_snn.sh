#!/usr/bin/env bash
# Spiking-CNN engine benchmark (BENCHMARKS.md, "Engine (issue 5)"): CortexEngine vs SpikingJelly
# 2.0.0 on PyTorch CPU, both on 2 threads, side by side in one run.
#
#   scripts/bench/run_snn.sh [--quick] [--variants default,reference,compile] [--rounds N]
#                            [--model sew-resnet18-w16|lorafb-snet18-w16]
#
# --model compares a registry model with the reference PyTorch model of
# scripts/reference/torch_models.py (1×64×64, T = 4, batch 8).
# Needs a Python with torch, spikingjelly and safetensors (SNN_PYTHON; default the project's
# .venv-torch, created on first use by scripts/bench/torch-python.sh). Exports the network's initial weights, input and
# first-step loss/gradients to bench-data/snn_check.safetensors (git-ignored), builds cortex-bench
# in release and prints the table with ratios and the cross-check.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift=$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
python=$(scripts/bench/torch-python.sh "${SNN_PYTHON:-}")
export OMP_NUM_THREADS=2
"$swift" build -q -c release --product cortex-bench
"$python" scripts/bench/snn_peer.py export bench-data "$@" >/dev/null
echo "running cortex-bench snn and scripts/bench/snn_peer.py $*" >&2
"$python" scripts/bench/snn_run.py "$@"
