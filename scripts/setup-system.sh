#!/usr/bin/env bash
# Installs the Debian packages CortexKit needs, if any is missing. Idempotent and quiet when
# everything is present. Runs apt-get as root, or through sudo when not root.
#
#   scripts/setup-system.sh            # what building and running need
#   scripts/setup-system.sh --test     # plus what the tests need (headless chromium renders reports)
#   scripts/setup-system.sh --bench    # plus what the benchmarks need (python3 venv for numpy)
set -euo pipefail

packages=(pkg-config libhdf5-dev libfftw3-dev libopenblas-dev liblapacke-dev libssl-dev python3 python3-pip ca-certificates
          dataset-fashion-mnist)
case "${1:-}" in
    --test) packages+=(chromium) ;;
    --bench) packages+=(python3-venv) ;;
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
