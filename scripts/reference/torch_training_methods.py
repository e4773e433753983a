#!/usr/bin/env python3
"""Reference values of the training methods' losses (issue 15) for CortexEngine's tests.

Needs PyTorch and safetensors (requirements-torch.txt; /work/venv-torch/bin/python). Writes

    Tests/CortexEngineTests/Fixtures/training_methods.safetensors

A. Supervised contrastive loss as TCL uses it (arXiv 2305.13909): embeddings e[T, B, D] flattened
   to rows t·B + b, row labels y[b]; z = F.normalize(e); for every anchor a with positives
   P(a) = {p ≠ a : y_p = y_a}: −1/|P| Σ_p [z_a·z_p/τ − logsumexp_{k≠a} z_a·z_k/τ]; mean over such
   anchors. Written anchor by anchor (loops), independent of the matrix form the engine uses.
   Cases: `tcl/` T=3, B=4, D=5, y=[0, 1, 0, 2], τ=0.1; `stcl/` two views concatenated along the
   batch: T=2, 2B=6, D=4, y=[0, 1, 2, 0, 1, 2], τ=0.07. Saved: e, labels, loss, grad_e
   (of the loss itself).
B. Unbiased HSIC (Song et al. 2012) and debiased linear CKA (CKA-SR, arXiv 2307.07389): X[8, 6],
   Y[8, 5]; K = XXᵀ, L = YYᵀ; HSIC₁ from the trace formula with zeroed diagonals; CKA =
   HSIC₁(K, L)/√(HSIC₁(K, K)·HSIC₁(L, L)). Saved: x, y, hsic_kl, cka, grad_x, grad_y (of CKA).

All in float64; inputs from torch.Generator().manual_seed(15).
"""
import os

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "CortexEngineTests", "Fixtures", "training_methods.safetensors")


def supcon(e, labels, tau):
    d = e.shape[-1]
    z = F.normalize(e.reshape(-1, d), dim=1)
    b = len(labels)
    rows = [labels[i % b] for i in range(z.shape[0])]
    n = z.shape[0]
    total = 0.0
    anchors = 0
    for a in range(n):
        positives = [p for p in range(n) if p != a and rows[p] == rows[a]]
        if not positives:
            continue
        others = torch.stack([z[a] @ z[k] / tau for k in range(n) if k != a])
        denominator = torch.logsumexp(others, 0)
        total = total - sum(z[a] @ z[p] / tau - denominator for p in positives) / len(positives)
        anchors += 1
    return total / anchors


def hsic(k, l):
    n = k.shape[0]
    k = k * (1 - torch.eye(n, dtype=k.dtype))
    l = l * (1 - torch.eye(n, dtype=l.dtype))
    one = torch.ones(n, 1, dtype=k.dtype)
    value = torch.trace(k @ l)
    value = value + (one.T @ k @ one @ one.T @ l @ one)[0, 0] / ((n - 1) * (n - 2))
    value = value - 2 / (n - 2) * (one.T @ k @ l @ one)[0, 0]
    return value / (n * (n - 3))


def main():
    g = torch.Generator().manual_seed(15)
    tensors = {}
    for name, shape, labels, tau in [("tcl", (3, 4, 5), [0, 1, 0, 2], 0.1), ("stcl", (2, 6, 4), [0, 1, 2, 0, 1, 2], 0.07)]:
        e = torch.randn(*shape, generator=g, dtype=torch.float64).requires_grad_(True)
        loss = supcon(e, labels, tau)
        loss.backward()
        tensors[f"{name}/e"] = e.detach()
        tensors[f"{name}/labels"] = torch.tensor(labels, dtype=torch.int64)
        tensors[f"{name}/temperature"] = torch.tensor([tau], dtype=torch.float64)
        tensors[f"{name}/loss"] = loss.detach().reshape(1)
        tensors[f"{name}/grad_e"] = e.grad.detach()
        print(name, "loss", float(loss))
    x = torch.randn(8, 6, generator=g, dtype=torch.float64).requires_grad_(True)
    y = (0.5 * x[:, :5].detach() + torch.randn(8, 5, generator=g, dtype=torch.float64)).requires_grad_(True)
    k, l = x @ x.T, y @ y.T
    kl = hsic(k, l)
    cka = kl / torch.sqrt(hsic(k, k) * hsic(l, l))
    cka.backward()
    tensors.update({"cka/x": x.detach(), "cka/y": y.detach(), "cka/hsic_kl": kl.detach().reshape(1),
                    "cka/cka": cka.detach().reshape(1), "cka/grad_x": x.grad.detach(), "cka/grad_y": y.grad.detach()})
    print("hsic", float(kl), "cka", float(cka))
    save_file({k: v.contiguous() for k, v in tensors.items()}, OUT,
              metadata={"torch": torch.__version__, "script": "scripts/reference/torch_training_methods.py"})
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
