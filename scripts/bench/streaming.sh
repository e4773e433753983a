#!/usr/bin/env bash
# Memory and time of `cortex features` (streaming writer) and `cortex compare --checkpoint`
# (no feature file) over a 900-frame movie, all default layers — the "Streaming" section of
# BENCHMARKS.md (issues 6 and 7).
#
#   scripts/bench/streaming.sh [--before PATH/TO/OLD/cortex] [--full]
#
# Cases: (a) the committed demo checkpoint sew-resnet18-w8-video (1×64×64); (b) sew-resnet18-w16
# (1×64×64) with random weights; with --full also (c) the study's sew-resnet18 (3×224×224, width
# 64) with random weights, which takes long on 2 cores. The movie is datasets/demo-movie.npy
# (300 frames) looped three times; the responses are the demo session binned 3 per frame (900 bins,
# so that they pair with the 900 frames). The scores are meaningless: only memory and time count.
# --before runs an older `cortex features` (which held whole layers in memory) beside it.
# Peak RSS comes from /usr/bin/time -v. Nothing large is left behind (a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift=$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
before=""
full=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --before) before=$2; shift 2 ;;
        --full) full=1; shift ;;
        *) echo "usage: $0 [--before PATH] [--full]" >&2; exit 64 ;;
    esac
done

"$swift" build -q -c release --product cortex
cortex=$PWD/.build/release/cortex
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# A 900-frame movie: the demo movie three times (uint8 .npy, version 1 header), standard library only.
python3 - "$out/movie900.npy" <<'PY'
import ast, struct, sys
raw = open("datasets/demo-movie.npy", "rb").read()
assert raw[:6] == b"\x93NUMPY" and raw[6] == 1
n = struct.unpack("<H", raw[8:10])[0]
header = ast.literal_eval(raw[10:10 + n].decode("latin1"))
assert header["descr"] == "|u1" and not header["fortran_order"]
frames, h, w = header["shape"]
body = raw[10 + n:]
text = "{'descr': '|u1', 'fortran_order': False, 'shape': (%d, %d, %d), }" % (3 * frames, h, w)
text += " " * ((64 - (10 + len(text) + 1) % 64) % 64) + "\n"
with open(sys.argv[1], "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text.encode("latin1") + body * 3)
PY
"$cortex" responses datasets/demo-session.nwb --bins-per-frame 3 -o "$out/r900.h5" >/dev/null 2>&1

# measure LABEL command…: prints peak RSS, wall time and the command's verbose timing line.
measure() {
    local label=$1; shift
    /usr/bin/time -v "$@" >"$out/stdout" 2>"$out/stderr" || { echo "$label failed:"; tail -3 "$out/stderr"; return 1; }
    local rss wall timing
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$out/stderr")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out/stderr")
    timing=$(tr '\r' '\n' <"$out/stderr" | grep -E "forward .* similarity" || true)
    printf '| %s | %s MB | %s | %s |\n' "$label" "$rss" "$wall" "$timing"
}

run_case() {
    local name=$1; shift
    local model=("$@")
    echo
    echo "## $name — $(uptime | sed 's/.*load/load/')"
    echo
    echo "| command | peak RSS | wall | timing (--verbose) |"
    echo "|---|---:|---:|---|"
    local i
    if [[ -n $before ]]; then
        # The older cortex named the weights seed of `features` --seed.
        local old=()
        for ((i = 0; i < ${#model[@]}; i++)); do
            if [[ ${model[$i]} == --weights-seed ]]; then old+=(--seed); else old+=("${model[$i]}"); fi
        done
        measure "cortex features (before: whole layers in memory)" "$before" features "${old[@]}" --movie "$out/movie900.npy" -o "$out/before.h5"
        rm -f "$out/before.h5"
    fi
    measure "cortex features (streaming writer)" "$cortex" features "${model[@]}" --movie "$out/movie900.npy" -o "$out/f.h5"
    echo "| feature file size | $(du -m "$out/f.h5" | cut -f1) MB | | |"
    measure "cortex compare --features" "$cortex" compare --responses "$out/r900.h5" --features "$out/f.h5" --zero-variance propagate
    rm -f "$out/f.h5"
    measure "cortex compare --checkpoint --movie" "$cortex" compare --responses "$out/r900.h5" "${model[@]}" \
        --movie "$out/movie900.npy" --zero-variance propagate --memory-budget 1G --verbose
}

echo "cortex: $("$cortex" --version 2>/dev/null || echo dev), $(nproc) cores; 900 frames; TSRSA (study defaults, silent frames propagate) against every area of the responses"
run_case "(a) sew-resnet18-w8-video (committed demo checkpoint, 1×64×64)" --checkpoint datasets/checkpoints/sew-resnet18-w8-video/model.safetensors
run_case "(b) sew-resnet18-w16 (random weights, 1×64×64)" --model sew-resnet18-w16 --checkpoint random --weights-seed 1
if [[ $full == 1 ]]; then
    # No --before here: holding 900 frames × 1.55 M units of float32 whole needs > 5.6 GB.
    before="" run_case "(c) sew-resnet18 (random weights, 3×224×224, width 64)" --model sew-resnet18 --checkpoint random --weights-seed 1
fi
