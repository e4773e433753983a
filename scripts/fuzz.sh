#!/usr/bin/env bash
# Fuzzes the readers: each target of cortex-fuzz (Fuzz/) runs for FUZZ_SECONDS (default 600).
# A crash (trap, abort, segfault) or hang (an input over 20 s) leaves the input in
# Fuzz/crashes/<target>-<crash|hang>-<sha256>.bin; the run then
# continues with the next seed until the target's time is used up. Exit status 1 when anything crashed.
#
#   scripts/fuzz.sh [TARGET…]            FUZZ_SECONDS=60 scripts/fuzz.sh npy safetensors
#   .build/debug/cortex-fuzz hdf5 --replay Fuzz/crashes/hdf5-….bin   reproduces one crash
set -uo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-$(command -v swift || echo /opt/swift/usr/bin/swift)}
SECONDS_PER_TARGET=${FUZZ_SECONDS:-600}
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(npy safetensors spec hdf5 nwb)
"$SWIFT" build -q --product cortex-fuzz || exit 2
BIN=$("$SWIFT" build --show-bin-path)/cortex-fuzz
mkdir -p Fuzz/crashes
record=$(mktemp -u /tmp/cortex-fuzz-record.XXXXXX)
found=0
for target in "${TARGETS[@]}"; do
    end=$(( $(date +%s) + SECONDS_PER_TARGET ))
    seed=1
    while [ "$(date +%s)" -lt "$end" ]; do
        left=$(( end - $(date +%s) ))
        "$BIN" "$target" --seconds "$left" --seed "$seed" --crash-record "$record" 2>/dev/null
        status=$?
        if [ -f "$record" ]; then
            kind=crash; [ $status -eq 70 ] && kind=hang
            sum=$(sha256sum "$record" | cut -c1-16)
            mv "$record" "Fuzz/crashes/$target-$kind-$sum.bin"
            echo "$target: $kind (status $status, seed $seed) → Fuzz/crashes/$target-$kind-$sum.bin"
            found=1
        elif [ $status -ne 0 ]; then
            echo "$target: cortex-fuzz exited with $status"; exit 2
        fi
        seed=$(( seed + 1 ))
    done
done
exit $found
