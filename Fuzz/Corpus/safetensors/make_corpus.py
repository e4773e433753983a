"""Writes the safetensors seed corpus of the fuzzer (standard library only; run from this folder)."""
import json
import struct


def safetensors(path, tensors, metadata):
    header = {"__metadata__": metadata} if metadata else {}
    data = b""
    for name, (dtype, shape, raw) in sorted(tensors.items()):
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * ((8 - len(encoded) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)) + encoded + data)


configuration = {"architecture": "sew-resnet", "base_width": 8, "classes": 10, "connect": "ADD", "depth": 18,
                 "input_channels": 1, "input_height": 64, "input_width": 64, "neuron": "if",
                 "step_normalization": "renormalized"}
record = {"schema": 1, "family": "spiking-resnet", "model_name": "sew-resnet18-w8", "configuration": configuration,
          "task": "video", "input_normalization": {"mean": [0.449], "std": [0.226]}, "test_accuracy": 0.5}
safetensors("recorded.safetensors",
            {"conv1.weight": ("F32", [2, 1, 3, 3], struct.pack("<18f", *range(18))),
             "bn1.num_batches_tracked": ("I64", [], struct.pack("<q", 7)),
             "fc.bias": ("F64", [3], struct.pack("<3d", 1, 2, 3))},
            {"cortexkit.checkpoint": json.dumps(record, separators=(",", ":"), sort_keys=True)})
legacy = {"architecture": "lorafb-snet", "baseWidth": 4, "classes": 10, "connect": "ADD", "depth": 18,
          "inputChannels": 1, "inputHeight": 32, "inputWidth": 32, "neuron": "lif"}
safetensors("legacy.safetensors", {"a": ("I32", [2, 2], struct.pack("<4i", 1, 2, 3, 4))},
            {"cortexkit.model_configuration": json.dumps(legacy, separators=(",", ":")),
             "cortexkit.model_name": "old"})
safetensors("plain.safetensors", {"w": ("F32", [4], struct.pack("<4f", 0, 1, 2, 3))}, {"format": "pt"})
