#!/usr/bin/env python3
"""State-dict names and shapes of the reference networks, derived by hand (no torch needed) from
the study's PyTorch code (github.com/Grasshlw/SNN-Neural-Similarity-Movie):
`similarity/model/SEWResNet.py` (SpikingJelly SEW-ResNet) and `similarity/model/RecurrentResNet.py`
(`ConvRecurrent` wrapping each stage as `sub_module`), and the non-spiking twins: `LoRaFBCNet.py`
(the same containers and blocks with ReLU modules, which hold no parameters) and the ReLU ResNet
(torchvision-style BasicBlock ResNet: the names of SEW-ResNet without its neurons).

PyTorch's state_dict order: modules in registration order, each module's parameters then buffers.
Conv weights [O, C/groups, kH, kW]; ConvTranspose [C_in, C_out/groups, kH, kW]; BatchNorm2d
weight, bias, running_mean, running_var [C] and num_batches_tracked [] ; Linear weight [O, I], bias [O].

Usage: python3 scripts/reference/model_state_dict_names.py   (writes Tests/CortexModelsTests/Fixtures/*.txt)
Plain Python 3.8+, no dependencies.
"""
import os


def bn(prefix, c):
    return [(prefix + "weight", [c]), (prefix + "bias", [c]), (prefix + "running_mean", [c]),
            (prefix + "running_var", [c]), (prefix + "num_batches_tracked", [])]


def block(prefix, cin, cout, stride):
    out = [(prefix + "conv1.weight", [cout, cin, 3, 3])] + bn(prefix + "bn1.", cout)
    out += [(prefix + "conv2.weight", [cout, cout, 3, 3])] + bn(prefix + "bn2.", cout)
    if stride != 1 or cin != cout:
        out += [(prefix + "downsample.0.weight", [cout, cin, 1, 1])] + bn(prefix + "downsample.1.", cout)
    return out


def network(recurrent, blocks=(2, 2, 2, 2), width=64, in_channels=3, classes=1000):
    out = [("conv1.weight", [width, in_channels, 7, 7])] + bn("bn1.", width)
    cin = width
    for k, n in enumerate(blocks):
        cout = width * 2 ** k
        stride = 1 if k == 0 else 2
        stage = "recurrent_layer%d.sub_module." % (k + 1) if recurrent else "layer%d." % (k + 1)
        for i in range(n):
            out += block("%s%d." % (stage, i), cin if i == 0 else cout, cout, stride if i == 0 else 1)
        if recurrent:
            p = "recurrent_layer%d." % (k + 1)
            if stride > 1:
                out += [(p + "dwconv.weight", [cout, 1, 3, 3])] + bn(p + "bn1.", cout)
            out += [(p + "pwconv.weight", [cin, cin + cout, 1, 1])] + bn(p + "bn.", cin)
        cin = cout
    out += [("fc.weight", [classes, cin]), ("fc.bias", [classes])]
    return out


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    fixtures = os.path.join(here, "..", "..", "Tests", "CortexModelsTests", "Fixtures")
    for name, entries in [("sew-resnet18", network(False, classes=1000)),
                          ("lorafb-snet18", network(True, classes=101)),
                          ("lorafb-cnet18", network(True, classes=101)),
                          ("relu-resnet18", network(False, classes=1000))]:
        with open(os.path.join(fixtures, name + "-state-dict.txt"), "w") as f:
            for key, shape in entries:
                f.write("%s %s\n" % (key, "x".join(map(str, shape)) if shape else "scalar"))
