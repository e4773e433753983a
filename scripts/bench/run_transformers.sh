#!/usr/bin/env bash
# Spiking-transformer benchmark (BENCHMARKS.md, "Spiking transformers"): CortexKit's
# spikformer-2-64 / spike-driven-transformer-2-64 against the PyTorch reference modules of
# scripts/reference/torch_transformers.py, both on 2 threads, same weights and input (batch 8, T 4).
#
#   scripts/bench/run_transformers.sh [--quick] [--rounds N]
#
# Needs a Python with torch and safetensors (TF_PYTHON, default /work/venv-torch/bin/python).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift=$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
python=${TF_PYTHON:-/work/venv-torch/bin/python}
"$python" -c "import torch, safetensors" || { echo "run_transformers.sh: $python lacks torch/safetensors" >&2; exit 1; }
export OMP_NUM_THREADS=2
"$swift" build -q -c release --product cortex-bench
for model in spikformer-2-64 spike-driven-transformer-2-64; do
  "$python" scripts/bench/transformer_peer.py export bench-data --model "$model" >/dev/null
  "$python" scripts/bench/transformer_run.py --model "$model" "$@"
  echo
done
