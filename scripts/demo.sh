#!/usr/bin/env bash
# The main job on the shipped data (the README's `make demo`), offline, a few minutes on 2 cores:
#   1. the environment (`cortex doctor`);
#   2. per-area responses from the synthetic Allen-layout session datasets/demo-session.nwb;
#   3. layer features of the committed checkpoints (feedforward SEW-ResNet, recurrent LoRaFB-SNet,
#      video- and image-trained, and the image-trained Spikformer and Spike-driven Transformer) watching the real demo movie datasets/demo-movie.npy, with the
#      study's two protocols (video: one frame per step, state kept over the movie; image: each frame
#      repeated T = 4 steps, state reset per frame);
#      (each prints its estimated energy: synaptic operations and pJ per frame, stored in the file);
#   4. one batch report over two named response sets — the Neuropixels session and a 2-photon area
#      set (ΔF/F pooled from the synthetic Allen-layout 2P sessions: two NWB 1.x experiments, VISp
#      and VISl, and one NWB 2.x session with VISp and VISal planes): TSRSA (lags 0…3) and linear CKA
#      of every layer against every area of each set, noise ceilings, permutation p-values and
#      bootstrap intervals, energy (SOPs) vs similarity per model, and the two modalities against
#      each other per area (brain to brain) → demo-report/report.html.
#
#   scripts/demo.sh [--retrain]    (make demo, or make demo RETRAIN=1)
# --retrain first trains the seven demo networks again (scripts/train-demo-checkpoints.sh, ~30 min on
# 2 cores) into demo-report/checkpoints/ and uses those instead of the committed ones.
set -euo pipefail
cd "$(dirname "$0")/.."
cortex=${CORTEX:-.build/release/cortex}
out=${DEMO_OUT:-demo-report}   # DEMO_OUT=/tmp/x writes the demo elsewhere
mkdir -p "$out/features"
checkpoints=datasets/checkpoints
if [[ ${1:-} == --retrain ]]; then
    checkpoints=$out/checkpoints
    echo "retraining the demo networks into $checkpoints (scripts/train-demo-checkpoints.sh)"
    CHECKPOINTS_DIR=$checkpoints scripts/train-demo-checkpoints.sh "$out/training-runs"
    echo
elif [[ -n ${1:-} ]]; then
    echo "usage: scripts/demo.sh [--retrain]" >&2
    exit 64
fi

"$cortex" doctor
echo
"$cortex" responses datasets/demo-session.nwb --keep-trials -o "$out/responses.h5" 2>/dev/null
echo
"$cortex" responses datasets/demo-2p-visp-nwb1.nwb datasets/demo-2p-visl-nwb1.nwb datasets/demo-2p-nwb2.nwb \
    --keep-trials -o "$out/responses-2p.h5" 2>/dev/null
echo

models=()
for checkpoint in "$checkpoints"/*/model.safetensors; do
    [[ -f $checkpoint ]] || continue
    name=$(basename "$(dirname "$checkpoint")")
    protocol=video
    [[ $name == *-image ]] && protocol=image
    # The transformers' first stem stage, token embedding, and each block's attention and output
    # (6 of their ~25 recordable layers; the stem's middle stages hold 8–16 k units each), so
    # each adds less time to the report than a ResNet's eleven layers.
    layers=()
    case $name in
        spikformer-*) layers=(--layers patch_embed.proj_lif,patch_embed,block.0.attn,block.0,block.1.attn,block.1) ;;
        spike-driven-transformer-*) layers=(--layers patch_embed.proj_lif,patch_embed,block.0.attn,block.0,block.1.attn,block.1) ;;
    esac
    "$cortex" features --checkpoint "$checkpoint" --movie datasets/demo-movie.npy --protocol "$protocol" "${layers[@]}" \
        -o "$out/features/$name.h5" 2>/dev/null
    echo "features: $name ($protocol protocol) → $out/features/$name.h5"
    models+=("$name")
done
if ((${#models[@]} == 0)); then
    echo "no checkpoints under $checkpoints/: using randomly initialised models" >&2
    for spec in sew-resnet18-w8:sew-random lorafb-snet18-w8:lorafb-random; do
        "$cortex" features --model "${spec%%:*}" --checkpoint random --weights-seed 7 --movie datasets/demo-movie.npy \
            -o "$out/features/${spec##*:}.h5" 2>/dev/null
        models+=("${spec##*:}")
    done
fi
echo

{
    echo "title: CortexKit demo — feedforward, recurrent and transformer spiking networks against the (synthetic) demo session"
    echo "responses:"
    echo "  - name: neuropixels"
    echo "    files: [responses.h5]"
    echo "  - name: 2p"
    echo "    files: [responses-2p.h5]"
    echo "models:"
    for m in "${models[@]}"; do
        printf '  - name: %s\n    features: features/%s.h5\n' "$m" "$m"
    done
    cat <<'SPEC'
metrics:
  - kind: tsrsa
    lags: 0...3
    zero-variance: drop-frame
  - kind: cka-linear
statistics:
  ceiling-splits: 100
  permutations: 199
  bootstrap: 50
seed: 7
SPEC
} > "$out/demo.yaml"

"$cortex" report "$out/demo.yaml" -o "$out"
echo

