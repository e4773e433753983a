#!/usr/bin/env bash
# Trains the small demo checkpoints committed under datasets/checkpoints/ (a few minutes each on
# 2 cores, release build). Usage: scripts/train-demo-checkpoints.sh [work-folder [name …]]
# (with names, only those checkpoints are retrained). CHECKPOINTS_DIR (default datasets/checkpoints)
# is where the three files of each run are copied.
# Each run folder keeps options.json, metrics.csv, model.safetensors; only those three are copied.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/cortexkit-demo-checkpoints}"
swift build -c release --product cortex
cortex=.build/release/cortex
common=(--batch 16 --optimizer adamw --seed 1 --test-examples 512)
only=("${@:2}")
destination="${CHECKPOINTS_DIR:-datasets/checkpoints}"
train() {
    local name=$1; shift
    if ((${#only[@]})) && [[ " ${only[*]} " != *" $name "* ]]; then return; fi
    rm -rf "$work/$name"
    "$cortex" train "$@" "${common[@]}" -o "$work/$name"
    mkdir -p "$destination/$name"
    cp "$work/$name"/{options.json,metrics.csv,model.safetensors} "$destination/$name/"
}
train sew-resnet18-w8-video   --model sew-resnet18-w8   --task video --T 6 --epochs 10 --train-examples 2048 --lr 0.003
# lr 0.003 diverged at epoch 3 for this one (test accuracy at chance); 0.001 is stable
train lorafb-snet18-w8-video  --model lorafb-snet18-w8  --task video --T 6 --epochs 10 --train-examples 2048 --lr 0.001
train sew-resnet18-w8-image   --model sew-resnet18-w8   --task image --T 4 --epochs 6 --train-examples 4096 --lr 0.003
train lorafb-snet18-w8-image  --model lorafb-snet18-w8  --task image --T 4 --epochs 6 --train-examples 4096 --lr 0.003
# The study's discontinuous control: the same motion clips with their frames shuffled, so the label
# (a motion) cannot be learned; the network still learns from frame content.
train lorafb-snet18-w8-discontinuous --model lorafb-snet18-w8 --task video-discontinuous --T 6 --epochs 10 --train-examples 2048 --lr 0.001
# The spiking transformers (issue 14): the test-sized registry variants (2 blocks, embedding 32,
# 4 heads, 1 × 32 × 32 input) on Fashion-MNIST, a few minutes each.
train spikformer-2-32-image   --model spikformer-2-32   --task image --T 4 --epochs 3 --train-examples 4096 --lr 0.003
train spike-driven-transformer-2-32-image --model spike-driven-transformer-2-32 --task image --T 4 --epochs 4 --train-examples 4096 --lr 0.003
