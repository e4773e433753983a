#!/usr/bin/env python3
"""The PyTorch side of the spiking-transformer benchmark (BENCHMARKS.md, "Spiking transformers"):
the reference models of scripts/reference/torch_transformers.py (torch modules with SpikingJelly's
multi-step LIFNode: tau 2, detach_reset, v_reset 0, default sigmoid surrogate alpha 4; in float32 on
the CPU SpikingJelly 2.0.0 runs it as its registered custom op, whose backward is SpikingJelly's
surrogate gradient) at the size of CortexKit's `spikformer-2-64` / `spike-driven-transformer-2-64`
(embedding 64, 4 heads, 2 blocks, 1×64×64, T = 4), batch 8.

    python transformer_peer.py export DIR --model spikformer-2-64   # weights, input, labels, first-step loss and gradients
    python transformer_peer.py bench DIR --model spikformer-2-64 [--quick]   # JSON timings (2 threads: OMP_NUM_THREADS)

`--neuron builtin` swaps in torch_transformers.py's hand-written LIF (same equations, plain torch
autograd) instead; the default `spikingjelly` stops with a message when SpikingJelly does not import.
The JSON's "tool" names the neuron used.

A training step is forward + cross-entropy of the T-averaged logits + backward + SGD (lr 0.1,
momentum 0.9) in training mode (batch statistics); inference is a forward pass in eval mode
under no_grad. Timings: two warm-up calls, then the best and median of 7 (quick: 3) calls.
"""
import json
import os
import sys
import time

import torch
import torch.nn as nn
from safetensors.torch import load_file, save_file

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
import torch_transformers as tt  # noqa: E402

MODELS = {
    "spikformer-2-64": lambda neuron: tt.Spikformer(cin=1, dim=64, heads=4, blocks=2, ratio=4, classes=10, neuron=neuron),
    "spike-driven-transformer-2-64": lambda neuron: tt.SpikeDrivenTransformer(cin=1, dim=64, heads=4, blocks=2, ratio=4,
                                                                              classes=10, neuron=neuron),
}
NEURON = sys.argv[sys.argv.index("--neuron") + 1] if "--neuron" in sys.argv else "spikingjelly"
T, B, SIZE = 4, 8, 64


def problem(model):
    g = torch.Generator().manual_seed(0)
    net = MODELS[model](NEURON)
    tt.randomise(net, g)
    x = torch.rand(T, B, 1, SIZE, SIZE, generator=g) * 2.5 - 0.5
    labels = torch.randint(0, 10, (B,), generator=g)
    return net, x, labels


def logits(net, x):
    tt.reset(net)
    return net(x).mean(0)


def export(folder, model):
    net, x, labels = problem(model)
    tensors = {f"model.{k}": v.detach().clone().contiguous() for k, v in net.state_dict().items()}
    net.train()
    loss = nn.functional.cross_entropy(logits(net, x), labels)
    loss.backward()
    tensors.update({"input": x, "labels": labels.to(torch.int64), "loss": loss.detach().reshape(1)})
    for name, p in net.named_parameters():
        if p.grad is not None:                    # the unused LayerNorms / talking_heads get none
            tensors[f"grad.{name}"] = p.grad.detach().clone().contiguous()
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{model}_check.safetensors")
    save_file(tensors, path + ".tmp")
    os.replace(path + ".tmp", path)
    print(json.dumps({"file": path, "loss": loss.item()}))


def timed(fn, repeats):
    fn()
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[0], times[len(times) // 2]


def bench(folder, model, quick):
    net, _, _ = problem(model)
    data = load_file(os.path.join(folder, f"{model}_check.safetensors"))
    x, labels = data["input"], data["labels"]
    net.load_state_dict({k[len("model."):]: v for k, v in data.items() if k.startswith("model.")})
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    repeats = 3 if quick else 7

    def train_step():
        optimizer.zero_grad(set_to_none=True)
        loss = nn.functional.cross_entropy(logits(net, x), labels)
        loss.backward()
        optimizer.step()

    def infer_step():
        with torch.no_grad():
            logits(net, x)

    net.train()
    train = timed(train_step, repeats)
    net.eval()
    infer = timed(infer_step, repeats)
    print(json.dumps({
        "tool": f"PyTorch {torch.__version__} (reference modules; neurons: {net.neurons.describe()}), "
                f"{torch.get_num_threads()} threads",
        "batch": B, "steps": T, "model": model,
        "results": [{"name": "training step", "bestSeconds": train[0], "medianSeconds": train[1]},
                    {"name": "inference", "bestSeconds": infer[0], "medianSeconds": infer[1]}],
    }))


if __name__ == "__main__":
    if len(sys.argv) < 3 or "--model" not in sys.argv or sys.argv[1] not in ("export", "bench"):
        sys.exit(__doc__)
    chosen = sys.argv[sys.argv.index("--model") + 1]
    if chosen not in MODELS:
        sys.exit(f"transformer_peer.py: --model must be one of {sorted(MODELS)}")
    if NEURON not in ("spikingjelly", "builtin"):
        sys.exit("transformer_peer.py: --neuron must be spikingjelly or builtin")
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    if sys.argv[1] == "export":
        export(sys.argv[2], chosen)
    else:
        bench(sys.argv[2], chosen, "--quick" in sys.argv)
