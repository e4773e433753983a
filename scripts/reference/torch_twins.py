#!/usr/bin/env python3
"""PyTorch reference of the non-spiking twins (ReLU in place of the spiking neuron): the study's
LoRaFB-CNet (`similarity/model/LoRaFBCNet.py` of github.com/Grasshlw/SNN-Neural-Similarity-Movie:
feedback containers around standard ResNet basic blocks) and the plain ReLU ResNet-18, written
here from their description in plain torch (no SpikingJelly), small: width 4, 1 × 32 × 32 input,
10 classes.

    stem     conv1 7×7/2 → bn1 → ReLU ("sn1") → maxpool 3/2
    block    ReLU(bn2(conv2(ReLU(bn1(conv1(x))))) + S),  S = x or downsample = (conv 1×1/s, BN)
    feedback A_t = ReLU(bn(pwconv(cat(x_t, R_t)))),  R_t = ReLU(bn1(dwconv(O_{t−1}))) (stage 1: O_{t−1}),
             O_{−1} = 0 passed through the same path; O_t = stage(A_t)

Random weights and BN statistics (seeded), inference mode (running statistics), float64. Writes
Tests/CortexModelsTests/Fixtures/{relu_resnet18_w4,lorafb_cnet18_w4}.safetensors (weights) and
…_expected.safetensors: the input [T=3, B=2, 1, 32, 32], every recordable layer [T, B, …], the
logits, a probe P [T, B, 10], and the gradients of Σ logits·P (names `grad.<parameter>`).

Usage: python scripts/reference/torch_twins.py   (torch, safetensors; torch 2.13.0+cpu was used)
"""
import os

import torch
import torch.nn as nn
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "CortexModelsTests", "Fixtures")


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        a = torch.relu(self.bn1(self.conv1(x)))
        a = self.bn2(self.conv2(a))
        s = x if self.downsample is None else self.downsample(x)
        return torch.relu(a + s)


class Feedback(nn.Module):
    def __init__(self, stage, cin, cout, upsample):
        super().__init__()
        self.sub_module = stage
        self.cout = cout
        if upsample:
            self.dwconv = nn.ConvTranspose2d(cout, cout, 3, 2, 1, output_padding=1, groups=cout, bias=False)
            self.bn1 = nn.BatchNorm2d(cout)
        else:
            self.dwconv = None
        self.pwconv = nn.Conv2d(cin + cout, cin, 1, bias=False)
        self.bn = nn.BatchNorm2d(cin)

    def forward(self, x, previous, record, prefix):
        if previous is None:
            h, w = (x.shape[2], x.shape[3]) if self.dwconv is None else ((x.shape[2] - 1) // 2 + 1, (x.shape[3] - 1) // 2 + 1)
            previous = torch.zeros(x.shape[0], self.cout, h, w, dtype=x.dtype)
        r = previous if self.dwconv is None else torch.relu(self.bn1(self.dwconv(previous)))
        h = torch.relu(self.bn(self.pwconv(torch.cat((x, r), 1))))
        for i, block in enumerate(self.sub_module):
            h = block(h)
            record.setdefault(f"{prefix}.sub_module.{i}", []).append(h)
        return h


class Twin(nn.Module):
    def __init__(self, recurrent, width=4, in_channels=1, classes=10):
        super().__init__()
        self.recurrent = recurrent
        self.conv1 = nn.Conv2d(in_channels, width, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        cin = width
        for k in range(4):
            cout = width * 2 ** k
            stride = 1 if k == 0 else 2
            stage = nn.Sequential(Block(cin, cout, stride), Block(cout, cout, 1))
            if recurrent:
                setattr(self, f"recurrent_layer{k + 1}", Feedback(stage, cin, cout, k > 0))
            else:
                setattr(self, f"layer{k + 1}", stage)
            cin = cout
        self.fc = nn.Linear(cin, classes)

    def forward(self, x, record):
        """x [T, B, C, H, W] → logits [T, B, classes]; record: layer → [T, B, …]."""
        steps = x.shape[0]
        out = {}
        stem = []
        pooled_steps = []
        previous = [None] * 4
        for t in range(steps):
            h = torch.relu(self.bn1(self.conv1(x[t])))
            stem.append(h)
            h = nn.functional.max_pool2d(h, 3, 2, 1)
            out.setdefault("maxpool", []).append(h)
            for k in range(4):
                if self.recurrent:
                    h = getattr(self, f"recurrent_layer{k + 1}")(h, previous[k], out, f"recurrent_layer{k + 1}")
                    previous[k] = h
                else:
                    for i, block in enumerate(getattr(self, f"layer{k + 1}")):
                        h = block(h)
                        out.setdefault(f"layer{k + 1}.{i}", []).append(h)
            pooled_steps.append(nn.functional.adaptive_avg_pool2d(h, 1))
        record["sn1"] = torch.stack(stem)
        for name, parts in out.items():
            record[name] = torch.stack(parts)
        pooled = torch.stack(pooled_steps)
        record["avgpool"] = pooled
        logits = self.fc(pooled.flatten(2))
        record["fc"] = logits
        return logits


def randomise(net, generator):
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                fan_out = m.weight.shape[0] * m.weight[0, 0].numel()
                m.weight.copy_(torch.randn(m.weight.shape, generator=generator) * (2.0 / fan_out) ** 0.5)
            elif isinstance(m, nn.BatchNorm2d):
                c = m.num_features
                m.weight.copy_(torch.rand(c, generator=generator) + 0.5)
                m.bias.copy_(torch.randn(c, generator=generator) * 0.2)
                m.running_mean.copy_(torch.randn(c, generator=generator) * 0.2)
                m.running_var.copy_(torch.rand(c, generator=generator) * 0.8 + 0.6)
                m.num_batches_tracked.fill_(int(torch.randint(1, 100, (1,), generator=generator)))
            elif isinstance(m, nn.Linear):
                bound = 1 / m.in_features ** 0.5
                m.weight.copy_((torch.rand(m.weight.shape, generator=generator) * 2 - 1) * bound)
                m.bias.copy_((torch.rand(m.bias.shape, generator=generator) * 2 - 1) * bound)


def main():
    torch.set_num_threads(1)
    for name, recurrent, seed in [("relu_resnet18_w4", False, 301), ("lorafb_cnet18_w4", True, 302)]:
        generator = torch.Generator().manual_seed(seed)
        net = Twin(recurrent)
        randomise(net, generator)
        weights = {k: v.detach().clone().contiguous() for k, v in net.state_dict().items()}
        listed = [line.split()[0] for line in open(os.path.join(FIXTURES, name.split("_w")[0].replace("_", "-") + "-state-dict.txt"))]
        # The hand-derived list is of the full-size network; the names are the same at width 4.
        assert list(weights) == listed, f"{name}: state-dict names differ from the reference list"
        x = (torch.rand(3, 2, 1, 32, 32, generator=generator) * 2.5 - 0.5)
        probe = torch.randn(3, 2, 10, generator=generator)
        net = net.double().eval()
        record = {}
        logits = net(x.double(), record)
        (logits * probe.double()).sum().backward()
        expected = {"input": x.contiguous(), "probe": probe.contiguous()}
        expected.update({k: v.detach().float().contiguous() for k, v in record.items()})
        for pname, p in net.named_parameters():
            expected["grad." + pname] = p.grad.detach().float().contiguous()
        meta = {"generator": "scripts/reference/torch_twins.py", "seed": str(seed)}
        save_file(weights, os.path.join(FIXTURES, f"{name}.safetensors"), metadata=meta)
        save_file(expected, os.path.join(FIXTURES, f"{name}_expected.safetensors"), metadata=meta)
        print(f"{name}: {len(weights)} tensors, logits range [{logits.min().item():.3f}, {logits.max().item():.3f}]")


if __name__ == "__main__":
    main()
