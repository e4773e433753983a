#!/usr/bin/env bash
# Fetches real NWB files for the tests, once, into .cache/test-data/ (ignored by git), from source
# distributions on PyPI, verified by SHA-256; quiet when already present:
# - pynapple 0.11.4 (MIT): real lab recordings under tests/nwbfilestest/;
# - pynwb 4.2.0 (BSD-3): 27 small back-compatibility files, NWB 1.0.2 … 3.0.0, tests/back_compat/.
# Tests that need these files are skipped, with a message, only when this script could not run.
set -euo pipefail
cd "$(dirname "$0")/.."

dest=.cache/test-data/pynapple
sdist_sha256=c46a7f98585417a60df59b023823aeb4f18a1672bb33a9c21cd380578f94d79f
files=(
    tests/nwbfilestest/neurosuite/pynapplenwb/A2929-200711.nwb
    tests/nwbfilestest/phy/pynapplenwb/A8604-211122.nwb
    tests/nwbfilestest/suite2p/pynapplenwb/2022_08_08.nwb
)

fetch_pynwb() {
    local dest=.cache/test-data/pynwb-back-compat sha=681e86b73cf21fc607003936ac9e575efdb64d3d01001bfa351862d40f9b5e7e
    [[ -f $dest/.complete ]] && return 0
    local sdist=.cache/downloads/pynwb-4.2.0.tar.gz
    mkdir -p .cache/downloads "$dest"
    if [[ ! -f $sdist ]] || ! echo "$sha  $sdist" | sha256sum -c --status; then
        echo "test data: downloading pynwb-4.2.0.tar.gz (36 MB) from PyPI"
        python3 -m pip download -q --no-deps --no-binary :all: pynwb==4.2.0 -d .cache/downloads
    fi
    echo "$sha  $sdist" | sha256sum -c --status || { echo "test data: $sdist has the wrong SHA-256" >&2; return 1; }
    tar -xzf "$sdist" -C "$dest" --strip-components=3 --wildcards 'pynwb-4.2.0/tests/back_compat/*.nwb'
    touch "$dest/.complete"
}
fetch_pynwb

complete=1
for f in "${files[@]}"; do [[ -f "$dest/$(basename "$f")" ]] || complete=0; done
((complete)) && exit 0

mkdir -p .cache/downloads "$dest"
sdist=.cache/downloads/pynapple-0.11.4.tar.gz
if [[ ! -f $sdist ]] || ! echo "$sdist_sha256  $sdist" | sha256sum -c --status; then
    echo "test data: downloading pynapple-0.11.4.tar.gz (89.5 MB) from PyPI"
    python3 -m pip download -q --no-deps --no-binary :all: pynapple==0.11.4 -d .cache/downloads
fi
echo "$sdist_sha256  $sdist" | sha256sum -c --status || { echo "test data: $sdist has the wrong SHA-256" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$sdist" -C "$tmp" "${files[@]/#/pynapple-0.11.4/}"
for f in "${files[@]}"; do mv "$tmp/pynapple-0.11.4/$f" "$dest/"; done
