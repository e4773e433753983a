#!/usr/bin/env python3
"""Rewrites a CortexKit training checkpoint written before checkpoint schema 1 (the configuration
JSON under `cortexkit.model_configuration`, camelCase keys) with the schema-1 record
`cortexkit.checkpoint` that `cortex train` writes today: family, model name, configuration
(snake_case keys), training task and input normalisation (from the run's options.json), test
accuracy (the last row of metrics.csv). Tensors are copied byte for byte; the file is replaced
atomically. Standard library only.

    python3 scripts/upgrade_checkpoint_metadata.py datasets/checkpoints/*/
"""
import csv, json, os, re, struct, sys, tempfile

GRAYSCALE = {"mean": [0.449], "std": [0.226]}          # CortexKit's 1-channel training input
IMAGENET = {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def upgrade(folder):
    path = os.path.join(folder, "model.safetensors")
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    metadata = header.get("__metadata__", {})
    if "cortexkit.checkpoint" in metadata:
        print(f"{path}: already schema 1"); return
    configuration = json.loads(metadata.pop("cortexkit.model_configuration"))
    name = metadata.pop("cortexkit.model_name", None)
    with open(os.path.join(folder, "options.json")) as f:
        options = json.load(f)
    with open(os.path.join(folder, "metrics.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r.get("test_accuracy")]
    channels = configuration.get("inputChannels", 1)
    record = {"schema": 1, "family": "spiking-resnet", "model_name": name or options.get("modelName"),
              "configuration": {snake(k): v for k, v in configuration.items()},
              "task": options["task"], "input_normalization": GRAYSCALE if channels == 1 else IMAGENET}
    if rows:
        record["test_accuracy"] = float(rows[-1]["test_accuracy"])
    metadata["cortexkit.checkpoint"] = json.dumps(record, sort_keys=True, separators=(",", ":"))
    header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        out.write(struct.pack("<Q", len(text)) + text + data[8 + n:])
    os.replace(tmp, path)
    print(f"{path}: task {record['task']}, test accuracy {record.get('test_accuracy')}")


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        upgrade(folder)
