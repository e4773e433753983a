#!/usr/bin/env bash
# Slow verifications that do not belong in `make test` (run by `make verify`):
#   the job array `cortex report --emit-slurm` writes, run on a real single-node Slurm (started and
#   stopped by scripts/slurm/test-array.sh, as root), merged, byte-identical to the unsharded run;
#   a small spiking ResNet (SEW-ResNet-18, width 8, 32×32 input, LIF + ATan, T = 4) trained by
#   `cortex train` on all 60,000 Fashion-MNIST training images (Debian package dataset-fashion-mnist)
#   for 5 epochs must reach ≥ 85 % accuracy on the 10,000 test images.
#
#   scripts/verify.sh [run-folder]        (default: a temporary folder; ~12 min on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
swift=$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
"$swift" build -q -c release --product cortex
scripts/slurm/test-array.sh
run="${1:-$(mktemp -d)/fashion-mnist}"
rm -rf "$run"
command=(.build/release/cortex train --model sew-resnet18-w8 --input-size 32 --task image --T 4 --epochs 5
         --train-examples 60000 --test-examples 10000 --batch 32 --optimizer adamw --lr 0.003 --seed 1 -o "$run")
echo "verify: ${command[*]}"
start=$(date +%s)
"${command[@]}"
seconds=$(( $(date +%s) - start ))
accuracy=$(tail -n 1 "$run/metrics.csv" | cut -d, -f7)
echo "verify: Fashion-MNIST test accuracy $accuracy after 5 epochs (${seconds} s); run folder $run"
python3 - "$accuracy" <<'PY'
import sys
accuracy = float(sys.argv[1])
if accuracy < 0.85:
    sys.exit(f"verify: FAILED — test accuracy {accuracy:.4f} is below 0.85")
print("verify: passed (>= 0.85)")
PY
