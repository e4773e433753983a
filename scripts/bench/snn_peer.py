#!/usr/bin/env python3
"""SpikingJelly side of the spiking-CNN benchmark (BENCHMARKS.md, "Engine (issue 5)").

The network (the Swift side, `cortex-bench snn`, builds the same one from CortexEngine layers):

    input [T=8, B=32, 1, 28, 28]
    stem:   conv3×3 1→16 (pad 1) → BN → LIF
    stage:  for width in (32, 64):
              conv3×3 stride 2 (pad 1) → BN → LIF                       (downsampling)
              SEW basic block: A = LIF(BN(conv3×3(LIF(BN(conv3×3(h)))))), h ← A + h (ADD)
    head:   adaptive avg pool 1×1 → flatten → linear 64→10 → mean over T → cross-entropy
    LIF:    tau 2, v_th 1, hard reset 0, decay_input, detach_reset False, ATan surrogate α = 2
    convs have no bias; stateless layers run in multi-step mode (time folded into the batch).
    SGD lr 0.1, momentum 0.9.

Usage (run with /work/main/.venv-torch/bin/python; scripts/bench/run_snn.sh drives it):

    snn_peer.py export DIR        writes DIR/snn_check.safetensors: weights, input, labels and the
                                  first-step loss and gradients (the cross-check for Swift)
    snn_peer.py bench DIR [--variant default|reference|compile] [--quick]
                                  times training and inference on DIR's input, prints JSON

With `--model sew-resnet18-w16` or `--model lorafb-snet18-w16` both commands use the reference
PyTorch models of scripts/reference/torch_models.py instead (1×64×64 input, T = 4, batch 8, LIF,
10 classes; files DIR/<model>_check.safetensors), as `cortex-bench snn --model NAME` does.
"""
import json
import os
import sys
import time

import torch
import torch.nn as nn
from safetensors.torch import load_file, save_file
from spikingjelly.activation_based import functional, layer, neuron, surrogate

T, B, CLASSES = 8, 32, 10
torch.set_num_threads(2)


def lif():
    return neuron.LIFNode(tau=2.0, decay_input=True, v_threshold=1.0, v_reset=0.0,
                          surrogate_function=surrogate.ATan(alpha=2.0), detach_reset=False,
                          step_mode="m")


def conv_bn(cin, cout, stride):
    return (layer.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False, step_mode="m"),
            layer.BatchNorm2d(cout, step_mode="m"))


class SEWBlock(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.conv1, self.bn1 = conv_bn(width, width, 1)
        self.sn1 = lif()
        self.conv2, self.bn2 = conv_bn(width, width, 1)
        self.sn2 = lif()

    def forward(self, x):
        a = self.sn1(self.bn1(self.conv1(x)))
        a = self.sn2(self.bn2(self.conv2(a)))
        return a + x


class Down(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv, self.bn = conv_bn(cin, cout, 2)
        self.sn = lif()

    def forward(self, x):
        return self.sn(self.bn(self.conv(x)))


class BenchSNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.bn1 = conv_bn(1, 16, 1)
        self.sn1 = lif()
        self.down1 = Down(16, 32)
        self.block1 = SEWBlock(32)
        self.down2 = Down(32, 64)
        self.block2 = SEWBlock(64)
        self.pool = layer.AdaptiveAvgPool2d((1, 1), step_mode="m")
        self.fc = nn.Linear(64, CLASSES)

    def forward(self, x):                        # x [T, B, 1, 28, 28] → logits [B, classes]
        h = self.sn1(self.bn1(self.conv1(x)))
        h = self.block1(self.down1(h))
        h = self.block2(self.down2(h))
        h = self.pool(h).flatten(2)              # [T, B, 64]
        return self.fc(h).mean(0)


def make_network(seed=0):
    torch.manual_seed(seed)
    net = BenchSNN()
    functional.set_step_mode(net, "m")
    return net


MODELS = {"sew-resnet18-w16": "build_sew_resnet18", "lorafb-snet18-w16": "build_lorafb_snet18"}
MODEL_T, MODEL_B, MODEL_SIZE = 4, 8, 64


def make_model(name, seed=0):
    """A registry model from the reference PyTorch code; `forward` returns logits averaged over T."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
    import torch_models

    torch.manual_seed(seed)
    net = getattr(torch_models, MODELS[name])(width=16, in_channels=1, classes=CLASSES, neuron="lif")

    class Averaged(nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, x):
            self.inner.reset_state()
            return self.inner(x).mean(0)

    return Averaged(net)


def problem(model):
    """(network, input, labels, file name) for the SEW benchmark network or a registry model."""
    g = torch.Generator().manual_seed(1)
    if model is None:
        steps, batch, size, net, file = T, B, 28, make_network(0), "snn_check.safetensors"
    else:
        steps, batch, size, net, file = MODEL_T, MODEL_B, MODEL_SIZE, make_model(model), f"{model}_check.safetensors"
    # A static image repeated over T (direct encoding), values in [0, 1) scaled to make spikes.
    image = torch.rand(batch, 1, size, size, generator=g) * 2.5
    x = image.unsqueeze(0).repeat(steps, 1, 1, 1, 1).contiguous()
    labels = torch.randint(0, CLASSES, (batch,), generator=g)
    return net, x, labels, file


def state_names(net):
    """State-dict names as CortexKit's (without the averaging wrapper's prefix)."""
    return {k.removeprefix("inner."): v for k, v in net.state_dict().items()}


def export(folder, model=None):
    net, x, labels, file = problem(model)
    tensors = {f"model.{k}": v.detach().clone().contiguous() for k, v in state_names(net).items()}
    net.train()
    functional.reset_net(net)
    loss = nn.functional.cross_entropy(net(x), labels)
    loss.backward()
    tensors["input"] = x
    tensors["labels"] = labels.to(torch.int64)
    tensors["loss"] = loss.detach().reshape(1)
    for name, p in net.named_parameters():
        tensors[f"grad.{name.removeprefix('inner.')}"] = p.grad.detach().clone().contiguous()
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, file)
    save_file(tensors, path + ".tmp")
    os.replace(path + ".tmp", path)
    print(json.dumps({"file": path, "loss": loss.item()}))


def timed(fn, steps, repeats):
    fn()                                          # warm-up (allocator, first-call paths)
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(steps):
            fn()
        times.append((time.perf_counter() - start) / steps)
    times.sort()
    return times[0], times[len(times) // 2]


def bench(folder, variant, quick, model=None):
    net, _, _, file = problem(model)
    data = load_file(os.path.join(folder, file))
    x, labels = data["input"], data["labels"]
    prefix = "" if model is None else "inner."
    net.load_state_dict({prefix + k[len("model."):]: v for k, v in data.items() if k.startswith("model.")})
    if variant == "reference":
        # SpikingJelly's pure-autograd LIF (its Torch reference implementation), as used for
        # surrogates without a fused kernel.
        from spikingjelly._ops.lif.reference import multi_step

        def reference_forward(self, x_seq, *args, **kwargs):
            states = self.materialize_states((x_seq,), tuple(self._memories.values()), "m")
            spikes, v, _ = multi_step(x_seq, states[0], self.tau, self.decay_input, self.v_threshold,
                                      self.v_reset, self.surrogate_function, self.detach_reset, False)
            self._memories["v"] = v
            return spikes
        neuron.LIFNode.multi_step_forward = reference_forward
    runner = torch.compile(net) if variant == "compile" else net
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    steps, repeats = (1, 3) if quick else (1, 7)

    def train_step():
        functional.reset_net(net)
        optimizer.zero_grad(set_to_none=True)
        loss = nn.functional.cross_entropy(runner(x), labels)
        loss.backward()
        optimizer.step()

    def infer_step():
        functional.reset_net(net)
        with torch.no_grad():
            runner(x)

    net.train()
    train_best, train_median = timed(train_step, steps, repeats)
    net.eval()
    infer_best, infer_median = timed(infer_step, steps, repeats)
    import spikingjelly
    print(json.dumps({
        "tool": f"SpikingJelly {getattr(spikingjelly, '__version__', '2.0.0')} / PyTorch {torch.__version__}"
                f" ({variant}), {torch.get_num_threads()} threads",
        "batch": x.shape[1], "steps": x.shape[0], "model": model or "benchmark SNN",
        "results": [
            {"name": "training step", "bestSeconds": train_best, "medianSeconds": train_median},
            {"name": "inference", "bestSeconds": infer_best, "medianSeconds": infer_median},
        ],
    }))


if __name__ == "__main__":
    chosen = sys.argv[sys.argv.index("--model") + 1] if "--model" in sys.argv else None
    if chosen is not None and chosen not in MODELS:
        sys.exit(f"snn_peer.py: --model must be one of {sorted(MODELS)}")
    if len(sys.argv) >= 3 and sys.argv[1] == "export":
        export(sys.argv[2], chosen)
    elif len(sys.argv) >= 3 and sys.argv[1] == "bench":
        variant = sys.argv[sys.argv.index("--variant") + 1] if "--variant" in sys.argv else "default"
        bench(sys.argv[2], variant, "--quick" in sys.argv, chosen)
    else:
        sys.exit(__doc__)
