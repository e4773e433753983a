#!/usr/bin/env bash
# Installs the Debian packages CortexKit needs, if any is missing. Idempotent and quiet when
# everything is present. Runs apt-get as root, or through sudo when not root.
#
#   scripts/setup-system.sh            # what building and running need
#   scripts/setup-system.sh --test     # plus what the tests need (headless chromium renders reports)
#   scripts/setup-system.sh --bench    # plus what the benchmarks need (python3 venv for numpy)
#   scripts/setup-system.sh --slurm    # plus a single-node Slurm for `make verify` (slurm-wlm, munge)
#
# --test also makes sure python3 can import what the Python package's tests use (numpy, scipy,
# h5py, pandas, pytest), installing Debian's python3-… package for any that is missing.
set -euo pipefail

packages=(pkg-config libhdf5-dev libfftw3-dev libopenblas-dev liblapacke-dev libssl-dev python3 python3-pip ca-certificates
          dataset-fashion-mnist)
case "${1:-}" in
    --test)
        packages+=(chromium python3-venv)
        for module in numpy scipy h5py pandas pytest; do
            python3 -c "import $module" 2>/dev/null || packages+=("python3-$module")
        done
        ;;
    --bench) packages+=(python3-venv) ;;
    --slurm) packages+=(slurm-wlm munge) ;;
esac

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then
        sudo=()
    elif command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "setup: missing Debian packages: ${missing[*]}; run as root or install sudo" >&2
        exit 1
    fi
    echo "setup: installing ${missing[*]}"
    log=$(mktemp)
    export DEBIAN_FRONTEND=noninteractive
    if ! { "${sudo[@]}" apt-get update -q && "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
        cat "$log" >&2
        echo "setup: apt-get failed" >&2
        rm -f "$log"
        exit 1
    fi
    rm -f "$log"
fi

if ! command -v swift >/dev/null 2>&1 && [[ ! -x /opt/swift/usr/bin/swift ]]; then
    echo "setup: no Swift toolchain found (need Swift 6.1 or newer on PATH, or at /opt/swift)" >&2
    exit 1
fi
