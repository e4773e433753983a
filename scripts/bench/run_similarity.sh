#!/usr/bin/env bash
# Similarity benchmarks (BENCHMARKS.md, "Similarity (issue 4)"): CortexKit vs the reference study's
# numpy code, side by side in one run, on the same bench-data/*.npy inputs.
#
#   scripts/bench/run_similarity.sh [--quick]
#
# Writes bench-data/ once (about 3.7 GB; git-ignored), builds cortex-bench in release, reuses or
# creates .venv-bench (scripts/bench/requirements.txt), and prints the table.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift=$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
venv=.venv-bench
if [[ ! -x $venv/bin/python ]] || ! $venv/bin/python -c "import numpy, scipy" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q -r scripts/bench/requirements.txt
fi
"$swift" build -q -c release --product cortex-bench
echo "writing bench-data/ (skipped where present) $*" >&2
"$venv/bin/python" scripts/bench/similarity_data.py "$@" >/dev/null
echo "running cortex-bench similarity and scripts/bench/similarity_peer.py $*" >&2
"$venv/bin/python" scripts/bench/similarity_run.py "$@"
