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
"$venv/bin/python" scripts/bench/cli_run.py "$@"
