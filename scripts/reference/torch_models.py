#!/usr/bin/env python3
"""PyTorch + SpikingJelly reference implementations of SEW-ResNet18 and LoRaFB-SNet18, written from
the model facts of the reference study (shared/reference/paper-tsrsa.md), with state-dict names
equal to CortexModels' (scripts/reference/model_state_dict_names.py lists them), and the fixtures
CortexModels' tests compare against.

Importable (for benchmarks):

    from torch_models import build_sew_resnet18, build_lorafb_snet18
    net = build_lorafb_snet18(width=8, in_channels=1, classes=10, neuron="lif")
    net.eval(); net.reset_state(); logits = net(x)      # x [T, B, C, H, W] → [T, B, classes]

The networks (all convolutions without bias, BN after every convolution, one spiking neuron after
every BN; neurons LIF τ = 2 decay-input or IF, V_th = 1, V_reset = 0, detach_reset, ATan α = 2):

    stem:   conv1 7×7/2 → bn1 → sn1 → maxpool 3/2 pad 1                       (multi-step)
    SEW basic block:  A = sn2(bn2(conv2(sn1(bn1(conv1_s(x))))));  S = x or
                      downsample_sn(downsample(x)) [conv1×1_s + BN] when stride/width change;  out = A + S
    SEW-ResNet:  layer1…layer4 ([2, 2, 2, 2] blocks, widths w, 2w, 4w, 8w, strides 1, 2, 2, 2), multi-step
    LoRaFB-SNet: each stage k inside recurrent_layer{k}, run one step at a time with O_{t−1} its
                 output at the previous step (zeros at t = 0):
                     R_t = sn1(bn1(dwconv(O_{t−1})))   depthwise ConvTranspose k3 s2 p1 op1 (stages 2–4)
                     R_t = O_{t−1}                     (stage 1)
                     A_t = sn2(bn(pwconv(cat(x_t, R_t))))   1×1, C_in + C_out → C_in
                     O_t = sub_module(A_t)
    head:   adaptive average pool 1×1 → flatten → fc

Fixtures (Usage: python3 scripts/reference/torch_models.py; torch + spikingjelly needed only here):
    Tests/CortexModelsTests/Fixtures/{sew_resnet18_w4,lorafb_snet18_w4}.safetensors       weights
    Tests/CortexModelsTests/Fixtures/{sew_resnet18_w4,lorafb_snet18_w4}_expected.safetensors
        "input" [T=4, B=1, 1, 32, 32] and every default feature layer's output ("sn1", "maxpool",
        every block, "avgpool") plus "fc", [T, B, …], all elements. Width 4, 1 input channel,
        10 classes, LIF (CortexKit's `sew-resnet18-w4` / `lorafb-snet18-w4`). Random weights
        (Kaiming normal, fan-out), BN affine and running statistics randomised; eval mode.
        Computed in float64 from float32 weights and input; the seed is chosen so that no
        membrane comes within 1e-4 of the threshold (recorded as metadata).
"""
import json
import os

import torch
import torch.nn as nn
from safetensors.torch import save_file
from spikingjelly.activation_based import functional, layer, neuron, surrogate

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "CortexModelsTests", "Fixtures")


def spiking_neuron(kind):
    """The study's neuron: LIF (τ = 2, decay input) or IF; V_th 1, hard reset 0, detached, ATan(2)."""
    common = dict(v_threshold=1.0, v_reset=0.0, surrogate_function=surrogate.ATan(alpha=2.0),
                  detach_reset=True, step_mode="m")
    if kind == "lif":
        return neuron.LIFNode(tau=2.0, decay_input=True, **common)
    if kind == "if":
        return neuron.IFNode(**common)
    raise ValueError(f"neuron must be 'lif' or 'if', got {kind!r}")


class SEWBasicBlock(nn.Module):
    def __init__(self, cin, cout, stride, kind):
        super().__init__()
        self.conv1 = layer.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False, step_mode="m")
        self.bn1 = layer.BatchNorm2d(cout, step_mode="m")
        self.sn1 = spiking_neuron(kind)
        self.conv2 = layer.Conv2d(cout, cout, 3, padding=1, bias=False, step_mode="m")
        self.bn2 = layer.BatchNorm2d(cout, step_mode="m")
        self.sn2 = spiking_neuron(kind)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(layer.Conv2d(cin, cout, 1, stride=stride, bias=False, step_mode="m"),
                                            layer.BatchNorm2d(cout, step_mode="m"))
            self.downsample_sn = spiking_neuron(kind)

    def forward(self, x):
        a = self.sn2(self.bn2(self.conv2(self.sn1(self.bn1(self.conv1(x))))))
        s = x if self.downsample is None else self.downsample_sn(self.downsample(x))
        return a + s        # ADD connect function


def make_stage(cin, cout, blocks, stride, kind):
    return nn.Sequential(*[SEWBasicBlock(cin if i == 0 else cout, cout, stride if i == 0 else 1, kind)
                           for i in range(blocks)])


class FeedbackStage(nn.Module):
    """recurrent_layer{k}: one stage wrapped in the long-range feedback loop (one time step per call)."""

    def __init__(self, sub_module, cin, cout, stride, kind):
        super().__init__()
        self.sub_module = sub_module         # registered first, as in the reference code's ConvRecurrent
        self.out_channels = cout
        self.stride = stride
        if stride > 1:
            self.dwconv = layer.ConvTranspose2d(cout, cout, 3, stride=stride, padding=1, output_padding=1,
                                                groups=cout, bias=False, step_mode="m")
            self.bn1 = layer.BatchNorm2d(cout, step_mode="m")
            self.sn1 = spiking_neuron(kind)
        else:
            self.dwconv = None
        self.pwconv = layer.Conv2d(cin + cout, cin, 1, bias=False, step_mode="m")
        self.bn = layer.BatchNorm2d(cin, step_mode="m")
        self.sn2 = spiking_neuron(kind)

    def fuse(self, x, previous):
        """A_t from x [1, B, C_in, H, W] and O_{t−1} [1, B, C_out, h, w] or None (t = 0: zeros)."""
        if previous is None:
            h, w = x.shape[-2:]
            if self.stride > 1:
                h, w = (h - 1) // 2 + 1, (w - 1) // 2 + 1
            previous = x.new_zeros(x.shape[0], x.shape[1], self.out_channels, h, w)
        r = previous if self.dwconv is None else self.sn1(self.bn1(self.dwconv(previous)))
        return self.sn2(self.bn(self.pwconv(torch.cat([x, r], dim=2))))

    def forward(self, x, previous):
        """O_t = sub_module(A_t)."""
        return self.sub_module(self.fuse(x, previous))


class SpikingResNet18(nn.Module):
    """SEW-ResNet18 (recurrent=False) or LoRaFB-SNet18 (recurrent=True), multi-step: x [T, B, C, H, W]."""

    def __init__(self, width=64, in_channels=3, classes=1000, neuron="lif", recurrent=False):
        super().__init__()
        self.recurrent = recurrent
        self.conv1 = layer.Conv2d(in_channels, width, 7, stride=2, padding=3, bias=False, step_mode="m")
        self.bn1 = layer.BatchNorm2d(width, step_mode="m")
        self.sn1 = spiking_neuron(neuron)
        self.maxpool = layer.MaxPool2d(3, stride=2, padding=1, step_mode="m")
        cin = width
        for k in range(4):
            cout, stride = width * 2 ** k, 1 if k == 0 else 2
            stage = make_stage(cin, cout, 2, stride, neuron)
            if recurrent:
                setattr(self, f"recurrent_layer{k + 1}", FeedbackStage(stage, cin, cout, stride, neuron))
            else:
                setattr(self, f"layer{k + 1}", stage)
            cin = cout
        self.avgpool = layer.AdaptiveAvgPool2d((1, 1), step_mode="m")
        self.fc = layer.Linear(cin, classes, step_mode="m")
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)
        self.feedback = [None] * 4          # O_{t−1} per stage; reset_state() clears it

    def reset_state(self):
        """Rest: membranes to V_reset and the feedback to zeros."""
        functional.reset_net(self)
        self.feedback = [None] * 4

    def stages(self):
        name = "recurrent_layer" if self.recurrent else "layer"
        return [getattr(self, f"{name}{k + 1}") for k in range(4)]

    def block_names(self):
        if self.recurrent:
            return [f"recurrent_layer{k + 1}.sub_module.{i}" for k in range(4) for i in range(2)]
        return [f"layer{k + 1}.{i}" for k in range(4) for i in range(2)]

    def forward(self, x, record=None):
        """Logits [T, B, classes]; with `record` (a dict) also every recordable layer's output [T, B, …]."""
        rec = {} if record is None else record
        h = self.sn1(self.bn1(self.conv1(x)))
        rec["sn1"] = h
        h = self.maxpool(h)
        rec["maxpool"] = h
        names = self.block_names()
        if self.recurrent:
            outputs, per_block = [], {n: [] for n in names}
            for t in range(x.shape[0]):
                o = h[t:t + 1]
                for k, stage in enumerate(self.stages()):
                    o = stage.fuse(o, self.feedback[k])
                    for i, block in enumerate(stage.sub_module):
                        o = block(o)
                        per_block[f"recurrent_layer{k + 1}.sub_module.{i}"].append(o)
                    self.feedback[k] = o
                outputs.append(o)
            for n in names:
                rec[n] = torch.cat(per_block[n], dim=0)
            h = torch.cat(outputs, dim=0)
        else:
            for k, stage in enumerate(self.stages()):
                for i, block in enumerate(stage):
                    h = block(h)
                    rec[f"layer{k + 1}.{i}"] = h
        h = self.avgpool(h)
        rec["avgpool"] = h
        logits = self.fc(torch.flatten(h, 2))
        rec["fc"] = logits
        return logits


def build_sew_resnet18(width=64, in_channels=3, classes=1000, neuron="if"):
    """SEW-ResNet18; the reference code's feedforward net uses IF neurons, CortexKit's small ones LIF."""
    return SpikingResNet18(width, in_channels, classes, neuron, recurrent=False)


def build_lorafb_snet18(width=64, in_channels=3, classes=101, neuron="lif"):
    """LoRaFB-SNet18 (SEW-ResNet18 stages in long-range feedback containers)."""
    return SpikingResNet18(width, in_channels, classes, neuron, recurrent=True)


def randomise(net, generator):
    """Kaiming-normal convolutions (fan-out), random BN affine and running statistics, random fc."""
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                fan_out = m.weight.shape[0] * m.weight[0, 0].numel()     # PyTorch's fan-out for both kinds
                m.weight.copy_(torch.randn(m.weight.shape, generator=generator) * (2.0 / fan_out) ** 0.5)
            elif isinstance(m, nn.BatchNorm2d):
                c = m.num_features
                m.weight.copy_(torch.rand(c, generator=generator) + 0.75)
                m.bias.copy_(torch.randn(c, generator=generator) * 0.3 + 0.6)
                m.running_mean.copy_(torch.randn(c, generator=generator) * 0.2)
                m.running_var.copy_(torch.rand(c, generator=generator) * 0.8 + 0.6)
                m.num_batches_tracked.fill_(int(torch.randint(1, 100, (1,), generator=generator)))
            elif isinstance(m, nn.Linear):
                bound = 1 / m.in_features ** 0.5
                m.weight.copy_((torch.rand(m.weight.shape, generator=generator) * 2 - 1) * bound)
                m.bias.copy_((torch.rand(m.bias.shape, generator=generator) * 2 - 1) * bound)


def threshold_margin(net):
    """Hooks every neuron to record min |H − V_th| (H = V_{t−1} + (X − V_{t−1})/2 for LIF, V + X for IF)."""
    margins = []

    def pre(module, args):
        module._v_before = module.v

    def post(module, args, output):
        x = args[0]
        v = module._v_before
        v = torch.zeros_like(x[0]) if not torch.is_tensor(v) or v.dim() == 0 else v
        for t in range(x.shape[0]):
            h = v + (x[t] - v) / module.tau if isinstance(module, neuron.LIFNode) else v + x[t]
            margins.append((h - module.v_threshold).abs().min().item())
            v = torch.where(h >= module.v_threshold, torch.zeros_like(h), h)

    for m in net.modules():
        if isinstance(m, (neuron.LIFNode, neuron.IFNode)):
            m.register_forward_pre_hook(pre)
            m.register_forward_hook(post)
    return margins


def make_fixture(name, build, seed, steps=4, size=32):
    generator = torch.Generator().manual_seed(seed)
    net = build(width=4, in_channels=1, classes=10, neuron="lif")
    randomise(net, generator)
    weights = {k: v.detach().clone().contiguous() for k, v in net.state_dict().items()}
    names = [line.split()[0] for line in open(os.path.join(FIXTURES, name.split("_w")[0].replace("_", "-") + "-state-dict.txt"))]
    assert list(weights) == names, f"{name}: state-dict names differ from CortexModels' list"
    x = torch.rand(steps, 1, 1, size, size, generator=generator) * 2.5 - 0.5      # float32 values
    net = net.double().eval()
    margins = threshold_margin(net)
    net.reset_state()
    record = {}
    with torch.no_grad():
        net(x.double(), record)
    margin = min(margins)
    rates = {k: float((v > 0).double().mean()) for k, v in record.items() if k not in ("avgpool", "fc")}
    return weights, x, record, margin, rates


def main():
    torch.set_num_threads(1)
    for name, build in [("sew_resnet18_w4", build_sew_resnet18), ("lorafb_snet18_w4", build_lorafb_snet18)]:
        for seed in range(100, 200):
            weights, x, record, margin, rates = make_fixture(name, build, seed)
            alive = all(r > 0 for r in rates.values())
            if margin > 1e-4 and alive:
                break
        print(f"{name}: seed {seed}, closest |H − V_th| {margin:.2e}")
        print("  firing (non-zero) fraction: " + ", ".join(f"{k} {v:.2f}" for k, v in rates.items()))
        meta = {"generator": "scripts/reference/torch_models.py", "seed": str(seed),
                "closest_threshold_distance": repr(margin),
                "layers": json.dumps(list(record))}
        save_file(weights, os.path.join(FIXTURES, f"{name}.safetensors"), metadata=meta)
        expected = {"input": x.contiguous()}
        expected.update({k: v.float().contiguous() for k, v in record.items()})
        save_file(expected, os.path.join(FIXTURES, f"{name}_expected.safetensors"), metadata=meta)


if __name__ == "__main__":
    main()
