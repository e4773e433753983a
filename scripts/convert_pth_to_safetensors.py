#!/usr/bin/env python3
"""Convert a PyTorch checkpoint (.pth/.pt) to safetensors for CortexEngine.

CortexEngine loads PyTorch state-dict names (`conv1.weight`, `bn1.running_mean`,
`bn1.num_batches_tracked`, ...) from safetensors files; it does not read pickles. This script does
the conversion on a machine with PyTorch:

    pip install "torch>=2.4" "safetensors>=0.4"
    python scripts/convert_pth_to_safetensors.py model.pth model.safetensors \
        --key state_dict --strip-prefix module.

The reference study's checkpoints (github.com/Grasshlw/SNN-Neural-Similarity-Movie) store the
weights under "model" next to the training options as an `argparse.Namespace`. The file is read
with `torch.load(weights_only=True)`, which refuses arbitrary pickled objects; `argparse.Namespace`
is the one class added to its allow-list (nothing else from the file is executed or kept). With
`--study-model`, the output also records CortexKit's checkpoint metadata (`cortexkit.checkpoint`,
schema 1): the network's configuration, the training task (UCF101 → video protocol, ImageNet →
image protocol) and the input normalisation the network was trained with (UCF101: mean 0.5 /
std 0.5; ImageNet: ImageNet's statistics), so `cortex compare --checkpoint` needs no `--model`
and feeds the movie as the network saw its training data:

    python scripts/convert_pth_to_safetensors.py lorafb_snet18.pth lorafb.safetensors \
        --study-model lorafb_snet18 --train-dataset ucf101

Floating tensors are written as float32 by default (CortexEngine trains in Float32); integer
tensors (num_batches_tracked) stay int64. The test suite does not run it (it needs torch).
"""
import argparse
import json
import sys

import torch
from safetensors.torch import save_file

# The study's networks as CortexKit configurations (ModelRegistry names in brackets): SEW-ResNet
# with IF neurons as the reference code, LoRaFB-SNet with LIF, LoRaFB-CNet and the ReLU ResNet
# with ReLU ("relu") in place of the neurons.
STUDY_MODELS = {
    "sew_resnet18": ("sew-resnet", 18, "if"),
    "sew_resnet34": ("sew-resnet", 34, "if"),
    "lorafb_snet18": ("lorafb-snet", 18, "lif"),
    "lorafb_snet34": ("lorafb-snet", 34, "lif"),
    "lorafb_cnet18": ("lorafb-snet", 18, "relu"),
    "lorafb_cnet34": ("lorafb-snet", 34, "relu"),
    "relu_resnet18": ("sew-resnet", 18, "relu"),
}
TRAINING = {  # dataset → (classes, CortexKit task, input normalisation)
    "ucf101": (101, "video", {"mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}),
    "imagenet": (1000, "image", {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}),
}


def load_checkpoint(path):
    """torch.load with weights_only=True and argparse.Namespace allowed (the study's `args`)."""
    add = getattr(torch.serialization, "add_safe_globals", None)
    if add is None:
        sys.exit("this torch has no torch.serialization.add_safe_globals; use torch >= 2.4")
    add([argparse.Namespace])
    return torch.load(path, map_location="cpu", weights_only=True)


def extract_state_dict(obj, key):
    """Return the tensor dict inside a checkpoint (a bare state dict or a training snapshot)."""
    if key is not None:
        obj = obj[key]
    elif isinstance(obj, dict) and not all(torch.is_tensor(v) for v in obj.values()):
        for candidate in ("model", "state_dict", "model_state_dict", "net"):
            if candidate in obj and isinstance(obj[candidate], dict):
                obj = obj[candidate]
                break
    if hasattr(obj, "state_dict"):
        obj = obj.state_dict()
    tensors = {k: v for k, v in obj.items() if torch.is_tensor(v)}
    skipped = sorted(set(obj) - set(tensors))
    if skipped:
        print(f"skipping non-tensor entries: {skipped}", file=sys.stderr)
    return tensors


def study_metadata(model, dataset, normalization, classes, width=64, channels=3, size=224):
    """The `cortexkit.checkpoint` record (CheckpointMetadata, schema 1) of a study network.

    The study's networks are 64 wide and take 3 × 224 × 224 frames; `width`, `channels` and `size`
    describe other sizes (e.g. the small networks of the tests)."""
    architecture, depth, neuron = STUDY_MODELS[model]
    default_classes, task, default_normalization = TRAINING[dataset]
    configuration = {
        "architecture": architecture, "depth": depth, "base_width": width, "input_channels": channels,
        "input_height": size, "input_width": size, "neuron": neuron, "connect": "ADD",
        "classes": classes or default_classes, "step_normalization": "batch",
    }
    record = {"schema": 1, "family": "spiking-resnet", "model_name": f"{model} ({dataset})",
              "configuration": configuration, "task": task}
    chosen = default_normalization if normalization is None else (
        None if normalization == "none" else TRAINING[normalization][2])
    if chosen is not None:
        if channels != 3:
            if len(set(chosen["mean"])) > 1:
                sys.exit(f"{normalization or dataset} statistics are per RGB channel; a {channels}-channel network cannot use them")
            chosen = {"mean": chosen["mean"][:1], "std": chosen["std"][:1]}
        record["input_normalization"] = chosen
    return json.dumps(record, sort_keys=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="input .pth/.pt file")
    parser.add_argument("destination", help="output .safetensors file")
    parser.add_argument("--key", help="entry of the checkpoint dict holding the state dict (default: model, state_dict, …)")
    parser.add_argument("--strip-prefix", default=None,
                        help="prefix to remove from names (default: 'module.' when every name has it)")
    parser.add_argument("--dtype", choices=["float32", "float64", "keep"], default="float32",
                        help="type for floating-point tensors (default float32)")
    parser.add_argument("--study-model", choices=sorted(STUDY_MODELS),
                        help="record the study network's configuration, task and input normalisation")
    parser.add_argument("--train-dataset", choices=sorted(TRAINING), default="ucf101",
                        help="what the study network was trained on (default ucf101)")
    parser.add_argument("--input-normalization", choices=sorted(TRAINING) + ["none"],
                        help="normalisation to record: ucf101 (mean 0.5, std 0.5), imagenet, or none "
                             "(CortexKit's default by channel count); default: that of --train-dataset")
    parser.add_argument("--classes", type=int, help="readout classes (default: 101 for ucf101, 1000 for imagenet)")
    parser.add_argument("--base-width", type=int, default=64, help="channels of the stem (the study: 64)")
    parser.add_argument("--input-channels", type=int, default=3, choices=[1, 3], help="input channels (the study: 3)")
    parser.add_argument("--input-size", type=int, default=224, help="input side in pixels (the study: 224)")
    args = parser.parse_args()

    checkpoint = load_checkpoint(args.source)
    tensors = extract_state_dict(checkpoint, args.key)
    prefix = args.strip_prefix
    if prefix is None:
        prefix = "module." if tensors and all(k.startswith("module.") for k in tensors) else ""
    target = {"float32": torch.float32, "float64": torch.float64}.get(args.dtype)
    converted = {}
    for name, tensor in tensors.items():
        if prefix and name.startswith(prefix):
            name = name[len(prefix):]
        if target is not None and tensor.is_floating_point():
            tensor = tensor.to(target)
        converted[name] = tensor.detach().contiguous()
    metadata = {"format": "pt", "source": args.source}
    if args.study_model:
        metadata["cortexkit.checkpoint"] = study_metadata(args.study_model, args.train_dataset,
                                                          args.input_normalization, args.classes, args.base_width,
                                                          args.input_channels, args.input_size)
    elif args.input_normalization:
        parser.error("--input-normalization is recorded with the configuration: give --study-model too")
    save_file(converted, args.destination, metadata=metadata)
    print(f"wrote {len(converted)} tensors to {args.destination}")


if __name__ == "__main__":
    main()
