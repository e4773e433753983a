#!/usr/bin/env python3
"""Reference outputs of SpikingJelly's neurons and of a conv → BN → LIF block, for CortexEngine's tests.

Needs PyTorch + SpikingJelly (see requirements-torch.txt); the tests only read the fixtures written here:

    Tests/CortexEngineTests/Fixtures/spikingjelly_neurons.safetensors
    Tests/CortexEngineTests/Fixtures/conv_block_weights.safetensors
    Tests/CortexEngineTests/Fixtures/conv_block_expected.safetensors

Usage: python3 scripts/reference/spikingjelly_reference.py

A. Neurons. `neuron.LIFNode`, `IFNode`, `ParametricLIFNode` in multi-step mode (step_mode='m',
   store_v_seq=True) on one input per case, x[T=8, N=32] = 0.8·z + 0.6 with z ~ N(0, 1) drawn in
   float64 from `torch.Generator().manual_seed(1000 + case index)`; upstream gradients gs[T, N] and
   gv[N] drawn next from the same generator. Loss L = Σ spikes·gs + Σ V_T·gv. Saved per case `<name>/…`:
   x, gs, gv, spikes, v_seq (V after each step's reset), v_final, grad_x, and for PLIF w and grad_w.
   The float64 run uses SpikingJelly's Torch reference formulas; the script also runs the default
   float32 CPU kernel on the same values and checks both agree (spikes equal, values within 1e-5),
   and reconstructs H_t to report the closest threshold approach (ties).
   PLIF parametrises 1/τ = sigmoid(w), w₀ = −ln(τ₀ − 1), as CortexEngine's PLIFNeuron.
   Metadata "cases": JSON list of the case settings.

B. Conv block. SeqToANNContainer(Conv2d(3, 4, 3, padding=1, bias=False), BatchNorm2d(4)) → LIFNode
   (τ = 2, v_reset 0, detach_reset, ATan α = 2), multi-step, in training mode (momentum 0.1), on
   x[T=4, B=2, 3, 8, 8]. Weights (PyTorch state-dict names "0.0.weight", "0.1.weight", …) with random
   BN affine and running statistics are saved before the step; the expected file holds x, the
   loss weights R (L = Σ out·R), out, loss, grad_x, the weight gradients and the BN buffers after
   the step. Computed in float64 from float32-representable values.
"""
import copy
import json
import os

import numpy as np
import torch
from safetensors.torch import save_file
from spikingjelly.activation_based import functional, layer, neuron, surrogate

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "CortexEngineTests", "Fixtures")
T, N = 8, 32

# name, kind, tau (LIF) / init_tau (PLIF), decay_input, v_reset (None = soft), detach_reset, surrogate, alpha
CASES = [
    ("lif_hard_detach_atan", "lif", 2.0, True, 0.0, True, "atan", 2.0),
    ("lif_hard_atan", "lif", 2.0, True, 0.0, False, "atan", 2.0),
    ("lif_soft_atan", "lif", 2.0, True, None, False, "atan", 2.0),
    ("lif_soft_detach_sigmoid", "lif", 3.0, True, None, True, "sigmoid", 4.0),
    ("lif_hard_sigmoid_tau3", "lif", 3.0, True, 0.0, False, "sigmoid", 4.0),
    ("lif_nodecay_hard_atan", "lif", 2.0, False, 0.0, False, "atan", 2.0),
    ("lif_nodecay_soft_detach_sigmoid", "lif", 2.5, False, None, True, "sigmoid", 4.0),
    ("if_hard_detach_atan", "if", None, True, 0.0, True, "atan", 2.0),
    ("if_hard_sigmoid", "if", None, True, 0.0, False, "sigmoid", 4.0),
    ("if_soft_atan", "if", None, True, None, False, "atan", 2.0),
    ("if_soft_detach_atan", "if", None, True, None, True, "atan", 2.0),
    ("plif_hard_atan", "plif", 3.0, True, 0.0, False, "atan", 2.0),
    ("plif_soft_detach_sigmoid", "plif", 1.7, True, None, True, "sigmoid", 4.0),
    ("plif_nodecay_hard_atan", "plif", 2.0, False, 0.0, True, "atan", 2.0),
]


def make_surrogate(name, alpha):
    return surrogate.ATan(alpha=alpha) if name == "atan" else surrogate.Sigmoid(alpha=alpha)


def make_neuron(kind, tau, decay_input, v_reset, detach, sg, alpha):
    common = dict(v_threshold=1.0, v_reset=v_reset, surrogate_function=make_surrogate(sg, alpha),
                  detach_reset=detach, step_mode="m", store_v_seq=True)
    if kind == "lif":
        return neuron.LIFNode(tau=tau, decay_input=decay_input, **common)
    if kind == "if":
        return neuron.IFNode(**common)
    return neuron.ParametricLIFNode(init_tau=tau, decay_input=decay_input, **common)


def run_neuron(case, x, gs, gv, dtype):
    name, kind, tau, decay_input, v_reset, detach, sg, alpha = case
    node = make_neuron(kind, tau, decay_input, v_reset, detach, sg, alpha).to(dtype)
    xx = x.to(dtype).clone().requires_grad_(True)
    spikes = node(xx)
    v_final = node.v
    loss = (spikes * gs.to(dtype)).sum() + (v_final * gv.to(dtype)).sum()
    loss.backward()
    out = {"spikes": spikes.detach(), "v_seq": node.v_seq.detach(), "v_final": v_final.detach(),
           "grad_x": xx.grad.detach()}
    if kind == "plif":
        out["w"] = node.w.detach().reshape([])
        out["grad_w"] = node.w.grad.detach().reshape([])
    return out


def charged(case, x, v_seq, w=None):
    """H_t reconstructed from V_{t−1} (numpy, float64) to measure the distance to the threshold."""
    _, kind, tau, decay_input, v_reset, _, _, _ = case
    x, v_seq = x.numpy(), v_seq.numpy()
    leak = 0.0 if v_reset is None else v_reset
    v = np.full(x.shape[1:], leak)
    hs = []
    for t in range(x.shape[0]):
        if kind == "if":
            h = v + x[t]
        else:
            k = 1 / tau if kind == "lif" else 1 / (1 + np.exp(-float(w)))
            h = v + k * (x[t] - (v - leak)) if decay_input else v - k * (v - leak) + x[t]
        hs.append(h)
        v = v_seq[t]
    return np.stack(hs)


def neurons():
    tensors, meta = {}, []
    for index, case in enumerate(CASES):
        name, kind, tau, decay_input, v_reset, detach, sg, alpha = case
        g = torch.Generator().manual_seed(1000 + index)
        x = torch.randn(T, N, generator=g, dtype=torch.float64) * 0.8 + 0.6
        gs = torch.randn(T, N, generator=g, dtype=torch.float64)
        gv = torch.randn(N, generator=g, dtype=torch.float64)
        # round the inputs to float32 so the float32 run sees the same values
        x, gs, gv = (a.float().double() for a in (x, gs, gv))
        ref = run_neuron(case, x, gs, gv, torch.float64)
        fast = run_neuron(case, x, gs, gv, torch.float32)
        assert torch.equal(ref["spikes"], fast["spikes"].double()), name
        for key in ref:
            scale = ref[key].abs().max().item()
            err = (ref[key] - fast[key].double()).abs().max().item()
            assert err <= 1e-5 * max(scale, 1e-12), (name, key, err, scale)
        h = charged(case, x, ref["v_seq"], ref.get("w"))
        assert np.array_equal(h >= 1.0, ref["spikes"].numpy() == 1), name   # formula check
        margin = float(np.abs(h - 1.0).min())
        print(f"{name:34s} spikes {int(ref['spikes'].sum()):4d}/{T * N}  closest |H − V_th| {margin:.2e}")
        for key, value in [("x", x), ("gs", gs), ("gv", gv)] + list(ref.items()):
            tensors[f"{name}/{key}"] = value.contiguous()
        meta.append(dict(name=name, kind=kind, tau=tau, decay_input=decay_input, v_reset=v_reset,
                         detach_reset=detach, surrogate=sg, alpha=alpha, v_threshold=1.0,
                         closest_threshold_distance=margin))
    save_file(tensors, os.path.join(FIXTURES, "spikingjelly_neurons.safetensors"),
              metadata={"cases": json.dumps(meta), "generator": "scripts/reference/spikingjelly_reference.py"})


def conv_block():
    torch.manual_seed(7)
    net = torch.nn.Sequential(
        layer.SeqToANNContainer(torch.nn.Conv2d(3, 4, 3, padding=1, bias=False), torch.nn.BatchNorm2d(4, momentum=0.1)),
        neuron.LIFNode(tau=2.0, v_reset=0.0, surrogate_function=surrogate.ATan(alpha=2.0), detach_reset=True,
                       step_mode="m"))
    g = torch.Generator().manual_seed(8)
    with torch.no_grad():
        bn = net[0][1]
        bn.weight.copy_(torch.rand(4, generator=g) + 0.5)
        bn.bias.copy_(torch.randn(4, generator=g) * 0.3 + 0.5)
        bn.running_mean.copy_(torch.randn(4, generator=g) * 0.2)
        bn.running_var.copy_(torch.rand(4, generator=g) + 0.5)
        bn.num_batches_tracked.fill_(3)
    initial = {k: v.detach().clone().contiguous() for k, v in net.state_dict().items()}
    save_file(initial, os.path.join(FIXTURES, "conv_block_weights.safetensors"),
              metadata={"generator": "scripts/reference/spikingjelly_reference.py"})
    x = torch.randn(4, 2, 3, 8, 8, generator=g).double()
    r = torch.randn(4, 2, 4, 8, 8, generator=g).double()
    net = net.double().train()
    functional.reset_net(net)
    xx = x.clone().requires_grad_(True)
    out = net(xx)
    loss = (out * r).sum()
    loss.backward()
    state = {k: v.detach().clone() for k, v in net.state_dict().items()}
    # distance of H to the threshold: rebuild H from the BN output (on a copy: a training-mode
    # forward updates the running statistics again)
    with torch.no_grad():
        y = copy.deepcopy(net[0])(x)
        h, v, hs = torch.zeros_like(y[0]), torch.zeros_like(y[0]), []
        for t in range(4):
            h = v + (y[t] - v) / 2
            hs.append(h)
            v = torch.where(h >= 1, torch.zeros_like(h), h)
        margin = (torch.stack(hs) - 1).abs().min().item()
    print(f"conv block: {int(out.sum())} spikes of {out.numel()}, loss {loss.item():.6f}, "
          f"closest |H − V_th| {margin:.2e}")
    expected = {"x": x, "r": r, "out": out.detach(), "loss": loss.detach().reshape([]), "grad_x": xx.grad,
                "grad/0.0.weight": net[0][0].weight.grad, "grad/0.1.weight": net[0][1].weight.grad,
                "grad/0.1.bias": net[0][1].bias.grad,
                "after/0.1.running_mean": state["0.1.running_mean"], "after/0.1.running_var": state["0.1.running_var"],
                "after/0.1.num_batches_tracked": state["0.1.num_batches_tracked"]}
    # Net sizes (NCHW float64) are small: about 20 KB in all.
    save_file({k: v.detach().contiguous() for k, v in expected.items()},
              os.path.join(FIXTURES, "conv_block_expected.safetensors"),
              metadata={"generator": "scripts/reference/spikingjelly_reference.py",
                        "closest_threshold_distance": repr(margin)})


if __name__ == "__main__":
    torch.set_num_threads(1)
    os.makedirs(FIXTURES, exist_ok=True)
    neurons()
    conv_block()
