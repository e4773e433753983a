#!/usr/bin/env python3
"""A checkpoint saved the way the reference study saves its networks, converted for CortexKit.

The study's training scripts (github.com/Grasshlw/SNN-Neural-Similarity-Movie, train/*.py) save
`{"model": state_dict, "optimizer": …, "lr_scheduler": …, "epoch": …, "args": argparse.Namespace}`
with torch.save. This script builds such a file from the small LoRaFB-SNet of the committed
fixtures (`lorafb_snet18_w4.safetensors`: width 4, 1 × 32 × 32 input, 10 classes), shows that
`torch.load(weights_only=True)` refuses it as it is, converts it with
scripts/convert_pth_to_safetensors.py (argparse.Namespace allow-listed, metadata recorded as for
a UCF101-trained network) and writes the result as a test fixture:

    Tests/CortexModelsTests/Fixtures/study_lorafb_snet18_w4_converted.safetensors

Usage (torch and safetensors needed; see requirements-torch.txt; torch 2.13.0+cpu was used):
    python scripts/reference/study_checkpoint_fixture.py
"""
import argparse
import os
import pickle
import subprocess
import sys
import tempfile

import torch
from safetensors.torch import load_file

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
FIXTURES = os.path.join(ROOT, "Tests", "CortexModelsTests", "Fixtures")

if __name__ == "__main__":
    weights = load_file(os.path.join(FIXTURES, "lorafb_snet18_w4.safetensors"))
    snapshot = {
        "model": weights,
        "optimizer": {"state": {}, "param_groups": [{"lr": 0.1, "momentum": 0.9}]},
        "epoch": 2,
        "args": argparse.Namespace(model="lorafb_snet18", lr=0.1, epochs=100, frames=16, output_path="logs/"),
    }
    with tempfile.TemporaryDirectory() as folder:
        pth = os.path.join(folder, "lorafb_snet18.pth")
        torch.save(snapshot, pth)
        try:
            torch.load(pth, map_location="cpu", weights_only=True)
            sys.exit("expected torch.load(weights_only=True) to refuse the argparse.Namespace")
        except pickle.UnpicklingError as error:
            print("weights_only load without the allow-list refuses it:", str(error).splitlines()[0])
        out = os.path.join(FIXTURES, "study_lorafb_snet18_w4_converted.safetensors")
        subprocess.run([sys.executable, os.path.abspath(os.path.join(ROOT, "scripts", "convert_pth_to_safetensors.py")),
                        "lorafb_snet18.pth", os.path.abspath(out),
                        "--study-model", "lorafb_snet18", "--train-dataset", "ucf101", "--classes", "10",
                        "--base-width", "4", "--input-channels", "1", "--input-size", "32"], check=True, cwd=folder)
        converted = load_file(out)
        assert set(converted) == set(weights), "names differ"
        assert all(torch.equal(converted[k], weights[k]) for k in weights), "values differ"
        print(f"{len(converted)} tensors equal the source; metadata recorded")
