#!/usr/bin/env python3
"""Convert a PyTorch checkpoint (.pth/.pt) to safetensors for CortexEngine.

CortexEngine loads PyTorch state-dict names (`conv1.weight`, `bn1.running_mean`,
`bn1.num_batches_tracked`, ...) from safetensors files; it does not read pickles. This script does
the conversion on a machine with PyTorch:

    pip install "torch>=2.1" "safetensors>=0.4"
    python scripts/convert_pth_to_safetensors.py model.pth model.safetensors \
        --key state_dict --strip-prefix module.

Floating tensors are written as float32 by default (CortexEngine trains in Float32); integer
tensors (num_batches_tracked) stay int64. Not run by the test suite.
"""
import argparse
import sys

import torch
from safetensors.torch import save_file


def extract_state_dict(obj, key):
    """Return the tensor dict inside a checkpoint (a bare state dict or a training snapshot)."""
    if key is not None:
        obj = obj[key]
    elif isinstance(obj, dict) and not all(torch.is_tensor(v) for v in obj.values()):
        for candidate in ("state_dict", "model", "model_state_dict", "net"):
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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="input .pth/.pt file")
    parser.add_argument("destination", help="output .safetensors file")
    parser.add_argument("--key", help="entry of the checkpoint dict holding the state dict")
    parser.add_argument("--strip-prefix", default="", help="prefix to remove from names (e.g. 'module.')")
    parser.add_argument("--dtype", choices=["float32", "float64", "keep"], default="float32",
                        help="type for floating-point tensors (default float32)")
    args = parser.parse_args()

    checkpoint = torch.load(args.source, map_location="cpu", weights_only=True)
    tensors = extract_state_dict(checkpoint, args.key)
    target = {"float32": torch.float32, "float64": torch.float64}.get(args.dtype)
    converted = {}
    for name, tensor in tensors.items():
        if args.strip_prefix and name.startswith(args.strip_prefix):
            name = name[len(args.strip_prefix):]
        if target is not None and tensor.is_floating_point():
            tensor = tensor.to(target)
        converted[name] = tensor.detach().contiguous()
    save_file(converted, args.destination, metadata={"format": "pt", "source": args.source})
    print(f"wrote {len(converted)} tensors to {args.destination}")


if __name__ == "__main__":
    main()
