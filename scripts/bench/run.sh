#!/usr/bin/env bash
# `make bench`: the `cortex` commands users run, as whole processes, next to their numpy/h5py peers
# on the same files — alternating, best and median of the rounds, peak RSS, load average — and one
# table of ratios (BENCHMARKS.md's first table).
#
#   scripts/bench/run.sh [--quick] [--rounds N] [--cases tsrsa-60k,ceiling,…]
#
# Builds `cortex` in release, prepares .venv-bench (scripts/bench/requirements.txt), writes the
# inputs once into bench-data/ (git-ignored; scripts/bench/cli_data.py: ≈ 4 GB of .npy files and a
# 1 GB NWB session; deterministic) and the ceiling's response file with `cortex responses`.
# The in-process kernel benchmarks (BLAS, FFT) are scripts/bench/run_kernels.sh.
# When a Python with torch, spikingjelly, safetensors and h5py is available (SNN_PYTHON, or the
# project's .venv-torch made by scripts/bench/torch-python.sh), the engine cases run too:
# `cortex train` / `cortex features` next to scripts/bench/engine_peer.py (PyTorch + SpikingJelly).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift=$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
venv=.venv-bench
if [[ ! -x $venv/bin/python ]] || ! $venv/bin/python -c "import numpy, scipy, h5py" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q -r scripts/bench/requirements.txt
fi
quick=()
for a in "$@"; do [[ $a == --quick ]] && quick=(--quick); done
"$swift" build -q -c release --product cortex
echo "writing bench-data/ (skipped where present) ${quick[*]}" >&2
"$venv/bin/python" scripts/bench/cli_data.py "${quick[@]}" >/dev/null
if [[ ! -f bench-data/cli/ceiling-responses.h5 ]]; then
    .build/release/cortex responses bench-data/cli/ceiling-session.nwb --areas VISp \
        -o bench-data/cli/ceiling-responses.h5 >/dev/null
fi
engine=()
torch_python=${SNN_PYTHON:-$PWD/.venv-torch/bin/python}
if [[ -x $torch_python ]] && "$torch_python" -c "import torch, spikingjelly, safetensors, h5py" 2>/dev/null; then
    engine=(--torch-python "$torch_python")
else
    echo "engine cases skipped: no Python with torch, spikingjelly, safetensors and h5py" \
         "(set SNN_PYTHON, or create .venv-torch: scripts/bench/torch-python.sh)" >&2
fi
export OMP_NUM_THREADS=2
"$venv/bin/python" scripts/bench/cli_run.py "${engine[@]}" "$@"
