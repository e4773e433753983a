#!/usr/bin/env python3
"""Prints a Markdown comparison of cortex-bench output against one or more peer runs.

Usage: compare.py CORTEXKIT.json PEER.json [PEER.json ...]
Ratio = peer best time / CortexKit best time (> 1 means CortexKit is faster).
"""
import json
import os
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def main():
    ours = load(sys.argv[1])
    peers = [(os.path.basename(p), load(p)) for p in sys.argv[2:]]
    print(f"CortexKit: {ours['tool']}, BLAS core {ours['blasCore']}, {ours['blasThreads']} BLAS threads")
    for name, peer in peers:
        print(f"peer {name}: {peer['tool']}, BLAS core {peer['blasCore']}")
    print()
    header = "| case | unit | CortexKit best s | CortexKit rate |"
    rule = "|---|---|---:|---:|"
    for name, _ in peers:
        header += f" {name} rate | ratio vs {name} |"
        rule += "---:|---:|"
    print(header)
    print(rule)
    for r in ours["results"]:
        rate = r["work"] / r["bestSeconds"] / 1e9
        row = f"| {r['name']} | {r['unit']} | {r['bestSeconds']:.4g} | {rate:.4g} |"
        for _, peer in peers:
            match = next((p for p in peer["results"] if p["name"] == r["name"]), None)
            if match is None:
                row += " – | – |"
            else:
                prate = match["work"] / match["bestSeconds"] / 1e9
                row += f" {prate:.4g} | {match['bestSeconds'] / r['bestSeconds']:.2f}× |"
        print(row)
    # Derived figure: Gram by syrk vs by gemm inside CortexKit.
    by_name = {r["name"]: r for r in ours["results"]}
    syrk = next((r for n, r in by_name.items() if n.startswith("Gram") and n.endswith("syrk")), None)
    gemm = next((r for n, r in by_name.items() if n.startswith("Gram") and n.endswith("gemm")), None)
    if syrk and gemm:
        print()
        print(f"CortexKit Gram via syrk is {gemm['bestSeconds'] / syrk['bestSeconds']:.2f}× faster than via gemm.")


if __name__ == "__main__":
    main()
