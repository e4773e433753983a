#!/usr/bin/env python3
"""Whole-process PyTorch + SpikingJelly peers of `cortex train` and `cortex features`
(scripts/bench/cli_run.py's engine cases; BENCHMARKS.md's first table).

Each command does the job of the `cortex` command it is timed against, as a user's script would:
read the same files, run the reference models of scripts/reference/ (torch_models.py,
torch_transformers.py: SpikingJelly neurons, state-dict names equal to CortexKit's, so CortexKit's
checkpoints load unchanged) and write the same kind of output.

    engine_peer.py train --model NAME --weights W.safetensors --fashion-mnist DIR --batch B --T T
                         --train-examples N --test-examples K [--lr 0.1] [--seed 0] -o DIR
        `cortex train --task image`: Fashion-MNIST (the idx .gz files) resized bilinearly to the
        model input, normalised (mean 0.449, std 0.226), repeated T steps; the network starts from
        W (CortexKit's epoch-0000 weights of the same seed); SGD momentum 0.9, learning rate
        warmed up linearly over 5 % of the steps then cosine to 1 % of it (as CortexKit's),
        gradient norm clipped at 5, cross-entropy of the logits'
        mean over T; writes epochs/epoch-0000 and epoch-0001 (model and optimiser state as
        safetensors, metrics.csv), then tests K examples. The training examples are a seeded
        sample of the training set (not CortexKit's order: the work per step is the same).
        Prints one JSON line.

    engine_peer.py features --model NAME --weights W.safetensors --movie M.npy
                            --protocol video|image [--T 4] [--chunk 16] -o OUT.h5
        `cortex features`: the uint8 frames × H × W movie resized to the model input (area
        average when shrinking, bilinear when growing), normalised as above; video: one frame per
        time step in chunks, state kept across chunks; image: each frame repeated T steps,
        features averaged over T, state reset per frame (frames batched by --chunk). Every
        recorded layer's features per frame and its firing rate go to OUT.h5 (h5py). Prints one
        JSON line.

The JSON line also gives the seconds after Python, torch and SpikingJelly were imported.
CortexKit's side does at least this much work (it also counts synaptic operations, writes
provenance, and trains LoRaFB-SNet with batch renormalisation), so the ratios are not in its favour.
"""
import argparse
import gzip
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file, save_file

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
import torch_models as tm  # noqa: E402
import torch_transformers as tt  # noqa: E402
from spikingjelly.activation_based import functional  # noqa: E402

torch.set_num_threads(2)
MEAN, STD = 0.449, 0.226


def build(name):
    """(network, input size, family) of a registry name CortexKit also knows."""
    parts = name.split("-")
    if name.startswith("sew-resnet18-w"):
        return tm.build_sew_resnet18(width=int(parts[-1][1:]), in_channels=1, classes=10, neuron="lif"), 64, "resnet"
    if name.startswith("lorafb-snet18-w"):
        return tm.build_lorafb_snet18(width=int(parts[-1][1:]), in_channels=1, classes=10, neuron="lif"), 64, "resnet"
    if name.startswith("spikformer-2-"):
        dim = int(parts[-1])
        return tt.Spikformer(cin=1, dim=dim, heads=4, blocks=2, ratio=4, classes=10), (64 if dim == 64 else 32), "transformer"
    if name.startswith("spike-driven-transformer-2-"):
        dim = int(parts[-1])
        return (tt.SpikeDrivenTransformer(cin=1, dim=dim, heads=4, blocks=2, ratio=4, classes=10),
                (64 if dim == 64 else 32), "transformer")
    sys.exit(f"engine_peer.py: unknown model {name!r}")


def reset(net, family):
    if family == "resnet":
        net.reset_state()
    else:
        tt.reset(net)


def load_weights(net, path):
    state = load_file(path)
    own = net.state_dict()
    missing = [k for k in own if k not in state]
    if missing:
        sys.exit(f"engine_peer.py: {path} lacks {missing[:5]}")
    net.load_state_dict({k: state[k].to(own[k].dtype) for k in own})


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion(folder, split):
    prefix = "train" if split == "train" else "t10k"
    return (idx(os.path.join(folder, f"{prefix}-images-idx3-ubyte.gz")),
            idx(os.path.join(folder, f"{prefix}-labels-idx1-ubyte.gz")))


def prepare(images, size, steps):
    """uint8 [B, h, w] → [T, B, 1, size, size] float32, resized and normalised."""
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    mode = "area" if size < images.shape[-1] else "bilinear"
    x = F.interpolate(x, size=(size, size), mode=mode, **({} if mode == "area" else {"align_corners": False}))
    x = (x - MEAN) / STD
    return x.unsqueeze(0).expand(steps, *x.shape).contiguous()


def save_epoch(folder, epoch, net, optimizer, metrics):
    """epochs/epoch-NNNN: model and optimiser state (safetensors) and metrics.csv."""
    target = os.path.join(folder, "epochs", f"epoch-{epoch:04d}")
    os.makedirs(target, exist_ok=True)
    save_file({k: v.detach().contiguous() for k, v in net.state_dict().items()}, os.path.join(target, "model.safetensors"))
    momentum = {}
    for i, group in enumerate(optimizer.param_groups):
        for j, p in enumerate(group["params"]):
            buf = optimizer.state.get(p, {}).get("momentum_buffer")
            if buf is not None:
                momentum[f"momentum.{i}.{j}"] = buf.contiguous()
    save_file(momentum or {"empty": torch.zeros(1)}, os.path.join(target, "training-state.safetensors"))
    with open(os.path.join(target, "metrics.csv"), "w") as f:
        f.write("epoch,loss,accuracy\n" + "".join(f"{e},{l:.6f},{a:.6f}\n" for e, l, a in metrics))


def train(args):
    net, size, family = build(args.model)
    load_weights(net, args.weights)
    images, labels = fashion(args.fashion_mnist, "train")
    test_images, test_labels = fashion(args.fashion_mnist, "test")
    order = np.random.default_rng(args.seed).permutation(len(images))[:args.train_examples]
    batches = math.ceil(len(order) / args.batch)
    optimizer = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9)
    warm = max(1, batches // 20)
    os.makedirs(args.output, exist_ok=True)
    save_epoch(args.output, 0, net, optimizer, [])
    net.train()
    total, correct, loss_sum = 0, 0, 0.0
    for b in range(batches):
        # CortexKit's schedule: linear warm-up over 5 % of the steps, then cosine to lr / 100.
        floor = args.lr / 100
        lr = args.lr * (b + 1) / warm if b < warm else \
            floor + (args.lr - floor) * (1 + math.cos(math.pi * min((b - warm) / max(batches - warm, 1), 1))) / 2
        for group in optimizer.param_groups:
            group["lr"] = lr
        chosen = order[b * args.batch:(b + 1) * args.batch]
        x = prepare(images[chosen], size, args.T)
        y = torch.from_numpy(labels[chosen].astype(np.int64))
        reset(net, family)
        out = net(x).mean(0)
        loss = F.cross_entropy(out, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 5.0)
        optimizer.step()
        loss_sum += loss.item() * len(chosen)
        correct += (out.argmax(1) == y).sum().item()
        total += len(chosen)
    net.eval()
    test_correct, test_loss = 0, 0.0
    with torch.no_grad():
        for first in range(0, args.test_examples, args.batch):
            sel = np.arange(first, min(args.test_examples, first + args.batch))
            reset(net, family)
            out = net(prepare(test_images[sel], size, args.T)).mean(0)
            y = torch.from_numpy(test_labels[sel].astype(np.int64))
            test_loss += F.cross_entropy(out, y, reduction="sum").item()
            test_correct += (out.argmax(1) == y).sum().item()
    save_epoch(args.output, 1, net, optimizer, [(1, loss_sum / total, correct / total)])
    n = max(1, args.test_examples)
    return {"train_loss": loss_sum / total, "test_loss": test_loss / n, "test_accuracy": test_correct / n,
            "batches": batches}


def features(args):
    import h5py
    net, size, family = build(args.model)
    load_weights(net, args.weights)
    net.eval()
    movie = np.load(args.movie, mmap_mode="r")
    frames = movie.shape[0]
    tmp = args.output + ".tmp"
    datasets, spikes, counts = {}, {}, {}
    with torch.no_grad(), h5py.File(tmp, "w") as out:
        reset(net, family)
        for first in range(0, frames, args.chunk):
            last = min(frames, first + args.chunk)
            x = prepare(np.asarray(movie[first:last]), size, 1)[0]          # [n, 1, size, size]
            rec = {}
            if args.protocol == "video":
                x = x.unsqueeze(1)                                             # [n frames = T, B 1, …]
                if family == "resnet":
                    net(x, record=rec)
                else:
                    net(x)
                    rec = net.rec
                per_frame = {k: v[:, 0].reshape(last - first, -1) for k, v in rec.items()}
            else:
                reset(net, family)
                x = x.unsqueeze(0).expand(args.T, *x.shape)                    # [T, n frames = B, …]
                if family == "resnet":
                    net(x, record=rec)
                else:
                    net(x)
                    rec = net.rec
                per_frame = {k: v.mean(0).reshape(last - first, -1) for k, v in rec.items()}
            for name, value in per_frame.items():
                if name in ("fc", "head"):
                    continue
                value = value.numpy().astype(np.float32)
                if name not in datasets:
                    datasets[name] = out.create_dataset(f"{name}/features", (frames, value.shape[1]), dtype="f4")
                    spikes[name], counts[name] = 0.0, 0
                datasets[name][first:last] = value
                spikes[name] += float(value.sum())
                counts[name] += value.size
        out.attrs["firing_rate_layers"] = list(spikes)
        out.attrs["firing_rates"] = [spikes[k] / max(1, counts[k]) for k in spikes]
        out.attrs["protocol"] = args.protocol
    os.replace(tmp, args.output)
    return {"layers": len(datasets), "frames": frames}


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    f = sub.add_parser("features")
    for p in (t, f):
        p.add_argument("--model", required=True)
        p.add_argument("--weights", required=True)
        p.add_argument("--T", type=int, default=4)
        p.add_argument("-o", "--output", required=True)
    t.add_argument("--fashion-mnist", default="/usr/share/datasets/fashion-mnist")
    t.add_argument("--batch", type=int, default=16)
    t.add_argument("--train-examples", type=int, default=1024)
    t.add_argument("--test-examples", type=int, default=256)
    t.add_argument("--lr", type=float, default=0.1)
    t.add_argument("--seed", type=int, default=0)
    f.add_argument("--movie", required=True)
    f.add_argument("--protocol", choices=("video", "image"), default="video")
    f.add_argument("--chunk", type=int, default=16)
    args = ap.parse_args()
    t0 = time.perf_counter()
    result = (train if args.command == "train" else features)(args)
    result["seconds_after_imports"] = time.perf_counter() - t0
    print(json.dumps(result))


if __name__ == "__main__":
    main()
