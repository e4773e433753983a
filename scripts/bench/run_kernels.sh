#!/usr/bin/env bash
# Runs CortexKit's benchmarks and the numpy/scipy peer side by side, in one run on this machine,
# and prints the comparison table recorded in BENCHMARKS.md.
#
#   scripts/bench/run_kernels.sh [--quick]   (the kernel table of BENCHMARKS.md's "Foundation" section)
#
# CortexKit also runs with CORTEXKIT_BLAS_CORE=system, to show what its BLAS core selection buys.
# The peer runs twice: with the environment as given (what a user of this machine gets) and with
# OPENBLAS_CORETYPE unset (numpy's bundled OpenBLAS choosing its kernel by itself).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift=$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)

venv=.venv-bench
if [[ ! -x $venv/bin/python ]] || ! $venv/bin/python -c "import numpy, scipy, threadpoolctl" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q -r scripts/bench/requirements.txt
fi

"$swift" build -q -c release --product cortex-bench
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "running cortex-bench $*" >&2
.build/release/cortex-bench "$@" >"$out/cortexkit.json"
echo "running cortex-bench with CORTEXKIT_BLAS_CORE=system (OpenBLAS's own / the environment's core) $*" >&2
CORTEXKIT_BLAS_CORE=system .build/release/cortex-bench "$@" >"$out/cortexkit-system-core.json"
echo "running numpy peer (environment as given) $*" >&2
"$venv/bin/python" scripts/bench/numpy_peer.py "$@" >"$out/numpy-env.json"
echo "running numpy peer (OPENBLAS_CORETYPE unset) $*" >&2
env -u OPENBLAS_CORETYPE "$venv/bin/python" scripts/bench/numpy_peer.py "$@" >"$out/numpy-own.json"
"$venv/bin/python" scripts/bench/compare.py "$out/cortexkit.json" "$out/numpy-env.json" "$out/numpy-own.json" \
    "$out/cortexkit-system-core.json"
