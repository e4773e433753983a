#!/usr/bin/env bash
# Runs the job array `cortex report --emit-slurm` writes on a real Slurm, merges the shards and
# compares the merged results.json byte for byte with an unsharded run of the same batch spec.
# Part of `make verify` (scripts/verify.sh). The batch: responses of the demo session (trials kept),
# two models' feature files (the committed SEW-ResNet and LoRaFB-SNet video checkpoints, first 120
# movie frames), TSRSA and linear CKA with noise ceilings and permutation p-values: 6 jobs, 3 shards.
# The work folder's name has spaces and quotes, as users' folders do.
#
#   scripts/slurm/test-array.sh                # a local single-node Slurm (scripts/slurm/local-cluster.sh), as root
#   SLURM_CONF=/etc/slurm/slurm.conf WORK_DIR=/shared/scratch/ck scripts/slurm/test-array.sh --cluster
#                                              # an existing cluster: WORK_DIR must be on a file system the
#                                              # nodes share; extra sbatch options in SBATCH_OPTIONS
#                                              # (e.g. "--partition=short --time=00:20:00")
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
cortex=${CORTEX:-$root/.build/release/cortex}
[[ -x $cortex ]] || { echo "slurm-test: no cortex at $cortex (swift build -c release --product cortex)" >&2; exit 1; }
cortex=$(realpath "$cortex")
use_cluster=false
[[ ${1:-} == --cluster ]] && use_cluster=true

base=${WORK_DIR:-$(mktemp -d /tmp/cortexkit-slurm.XXXXXX)}
work="$base/batch \"one\" it's here"
mkdir -p "$work"
daemons="$base/daemons"
passed=false
finish() {                      # stop the local daemons; keep the folders of a failed run for a look
    $use_cluster || scripts/slurm/local-cluster.sh stop "$daemons"
    if $passed && [[ -z ${WORK_DIR:-} ]]; then rm -rf "$base"; else echo "slurm-test: files kept in $base"; fi
}
trap finish EXIT
if ! $use_cluster; then
    scripts/slurm/local-cluster.sh start "$daemons"
    export SLURM_CONF="$daemons/slurm.conf"
fi

echo "slurm-test: inputs in $work"
"$cortex" responses datasets/demo-session.nwb --keep-trials -o "$work/responses.h5" >/dev/null 2>&1
python3 - "$work/movie.npy" <<'PY'
import sys, numpy as np
np.save(sys.argv[1], np.load("datasets/demo-movie.npy")[:120])
PY
"$cortex" features --checkpoint datasets/checkpoints/sew-resnet18-w8-video/model.safetensors --movie "$work/movie.npy" \
    -o "$work/sew.h5" >/dev/null 2>&1
"$cortex" features --checkpoint datasets/checkpoints/lorafb-snet18-w8-video/model.safetensors --movie "$work/movie.npy" \
    -o "$work/lorafb.h5" >/dev/null 2>&1
python3 - "$work/responses.h5" <<'PY'
import sys, h5py
# The features cover 120 frames: keep the responses' first 120 (a response file is plain HDF5).
with h5py.File(sys.argv[1], "r+") as f:
    for area in f.attrs["areas"]:
        g = f[area]
        for name, axis in (("counts", 1), ("trials", 2)):
            if name in g:
                data = g[name][...]
                del g[name]
                g[name] = data[:, :120] if axis == 1 else data[:, :, :120]
    f.attrs["frames"] = 120
PY
cat >"$work/spec.yaml" <<'YAML'
title: Slurm array check
responses: [responses.h5]
models:
  - name: sew-resnet18-w8
    features: sew.h5
  - name: lorafb-snet18-w8
    features: lorafb.h5
metrics:
  - kind: tsrsa
    zero-variance: drop-frame   # the networks' first frames leave some layers silent
  - kind: cka-linear
statistics:
  ceiling-splits: 10
  permutations: 20
seed: 5
YAML

start=$(date +%s)
"$cortex" report "$work/spec.yaml" -o "$work/whole" >/dev/null 2>&1
echo "slurm-test: unsharded run: $(( $(date +%s) - start )) s"

"$cortex" report "$work/spec.yaml" -o "$work/sharded" --emit-slurm "$work/run.sbatch" --shards 3
echo "slurm-test: the script's log line: $(grep -- '--output=' "$work/run.sbatch")"
start=$(date +%s)
# sbatch passes this environment to the tasks (--export=ALL): cortex is found on PATH.
export PATH="$(dirname "$cortex"):$PATH"
# shellcheck disable=SC2086
if ! job=$(sbatch --parsable --wait ${SBATCH_OPTIONS:-} "$work/run.sbatch"); then
    echo "slurm-test: FAILED — the job array did not finish cleanly; task logs:" >&2
    tail -n 20 "$work/sharded"/slurm-*.log >&2 || true
    exit 1
fi
echo "slurm-test: job array $job: 3 tasks finished in $(( $(date +%s) - start )) s; logs:"
for log in "$work/sharded"/slurm-*.log; do echo "  $(basename "$log"): $(tail -n 1 "$log")"; done

"$cortex" report merge "$work/sharded" --spec "$work/spec.yaml" -o "$work/merged" >/dev/null
if cmp "$work/whole/results.json" "$work/merged/results.json"; then
    echo "slurm-test: passed — merged results.json is byte-identical to the unsharded run ($(wc -c <"$work/whole/results.json") bytes, sha256 $(sha256sum "$work/whole/results.json" | cut -c1-16)…)"
else
    echo "slurm-test: FAILED — merged results.json differs from the unsharded run" >&2
    exit 1
fi
passed=true
