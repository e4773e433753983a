#!/usr/bin/env python3
"""Runs the similarity benchmarks side by side and prints the table recorded in BENCHMARKS.md.

Each side runs as a child process; its peak memory (max RSS) comes from os.wait4. Usage (from
scripts/bench/run_similarity.sh, which builds cortex-bench and prepares .venv-bench):
    python3 scripts/bench/similarity_run.py [--quick]
"""
import json
import os
import subprocess
import sys

quick = ["--quick"] if "--quick" in sys.argv else []
here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.abspath(os.path.join(here, "..", ".."))
bench = os.path.join(repo, ".build", "release", "cortex-bench")
peer = [sys.executable, os.path.join(here, "similarity_peer.py")]

GOALS = {
    "TSRSA 899": "≥ 2× faster, score difference ≤ 1e-6",
    "linear CKA": "≥ 1.5× faster",
    "split-half": "≥ 5× faster",
    "10,000": "< 5 s",
    "TSRSA streamed": "peak RSS ≤ 1 GB",
}


def run(argv):
    """Runs argv, returns (parsed JSON stdout, max RSS in MB)."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, cwd=repo)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        sys.exit(f"{argv} failed with status {status}")
    return json.loads(out), usage.ru_maxrss / 1024.0   # ru_maxrss is in KiB on Linux


def main():
    ours, ours_rss = run([bench, "similarity"] + quick)
    theirs, theirs_rss = run(peer + quick)
    ours_stream, ours_stream_rss = run([bench, "similarity-stream"] + quick)
    theirs_stream, theirs_stream_rss = run(peer + ["similarity-stream"] + quick)
    print(f"CortexKit: {ours['tool']}, BLAS core {ours['blasCore']}; peer: {theirs['tool']}")
    print()
    print("| case | CortexKit best s | numpy best s | speed-up | CortexKit score | numpy score | peak RSS CortexKit / numpy | goal |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    rows = [(o, t, ours_rss, theirs_rss) for o, t in zip(ours["results"], theirs["results"])]
    rows += [(ours_stream["results"][0], theirs_stream["results"][0], ours_stream_rss, theirs_stream_rss)]
    for o, t, orss, trss in rows:
        ratio = t["bestSeconds"] / o["bestSeconds"]
        goal = next((g for key, g in GOALS.items() if o["name"].startswith(key)), "")
        fmt = lambda s: "–" if s is None else f"{s:.9f}"
        score_o = o.get("detail") or fmt(o.get("score"))
        score_t = t.get("detail") or fmt(t.get("score"))
        rss = f"{orss:.0f} / {trss:.0f} MB" if o["name"].startswith("TSRSA streamed") else "(whole run)"
        print(f"| {o['name']} | {o['bestSeconds']:.3f} | {t['bestSeconds']:.3f} | {ratio:.1f}× | {score_o} | {score_t} | {rss} | {goal} |")
        if o.get("score") is not None and t.get("score") is not None and "ceiling" not in o["name"]:
            print(f"|   ↳ score difference | | | | {abs(o['score'] - t['score']):.2e} | | | |")
    print()
    print(f"Peak RSS of the in-memory run: CortexKit {ours_rss:.0f} MB, numpy {theirs_rss:.0f} MB.")


if __name__ == "__main__":
    main()
