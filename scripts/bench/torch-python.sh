#!/usr/bin/env bash
# Prints the Python that runs the PyTorch/SpikingJelly peers of the engine benchmarks: $1 when
# given (the caller's SNN_PYTHON / TF_PYTHON), else the project's .venv-torch, created on first use
# with the pinned versions of scripts/reference/requirements-torch.txt (torch, spikingjelly, h5py,
# safetensors, numpy from PyPI: a large download, once). Checks that the modules import.
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${1:-}
if [[ -z $python ]]; then
    python=$PWD/.venv-torch/bin/python
    if ! [[ -x $python ]] || ! "$python" -c "import torch, spikingjelly, safetensors, h5py" 2>/dev/null; then
        echo "torch-python.sh: creating .venv-torch (pip install -r scripts/reference/requirements-torch.txt)" >&2
        python3 -m venv .venv-torch
        "$python" -m pip install -q -r scripts/reference/requirements-torch.txt >&2
    fi
fi
"$python" -c "import torch, spikingjelly, safetensors, h5py" || {
    echo "torch-python.sh: $python lacks torch/spikingjelly/safetensors/h5py (pip install -r scripts/reference/requirements-torch.txt)" >&2
    exit 1
}
echo "$python"
