#!/usr/bin/env bash
# Spiking-transformer benchmark (BENCHMARKS.md, "Spiking transformers"): CortexKit's
# spikformer-2-64 / spike-driven-transformer-2-64 against the PyTorch reference modules of
# scripts/reference/torch_transformers.py with SpikingJelly's multi-step LIFNode neurons (training
# through SpikingJelly's sigmoid surrogate backward), both on 2 threads, same weights and input
# (batch 8, T 4).
#
#   scripts/bench/run_transformers.sh [--quick] [--rounds N]
#
# The Python comes from scripts/bench/torch-python.sh: $TF_PYTHON when set, else the project's
# .venv-torch (created on first use from scripts/reference/requirements-torch.txt); it must import
# torch, spikingjelly and safetensors. A caller's PYTHONPATH is exported to every Python run here,
# so SpikingJelly installed with `pip install --target DIR` works, e.g.
#   TF_PYTHON=/work/venv-torch/bin/python PYTHONPATH=DIR scripts/bench/run_transformers.sh --quick
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -n ${PYTHONPATH:-} ]]; then export PYTHONPATH; fi
swift=$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
python=$(scripts/bench/torch-python.sh "${TF_PYTHON:-}")
export OMP_NUM_THREADS=2
"$swift" build -q -c release --product cortex-bench
for model in spikformer-2-64 spike-driven-transformer-2-64; do
  "$python" scripts/bench/transformer_peer.py export bench-data --model "$model" >/dev/null
  "$python" scripts/bench/transformer_run.py --model "$model" "$@"
  echo
done
