#!/usr/bin/env bash
# The Python package's tests (run by `make test` after the Swift build): builds the cortexkit wheel
# from python/ in a fresh venv — the library from the debug build `make test` just made
# (CORTEXKIT_SWIFT_CONFIGURATION=debug, an incremental `swift build --product CortexKitC`) — and
# runs python/tests with pytest: every function against the `cortex` command on the same inputs,
# clean errors, no copies of arrays that need none, and notebooks-md/09-python.md.
#
# The venv sees the system's numpy, scipy, h5py, pandas and pytest (--system-site-packages), so
# nothing is downloaded; `pip install ./python` in an empty venv fetches numpy and pandas instead.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/python-venv
rm -rf "$venv"
python3 -m venv --system-site-packages "$venv"
CORTEXKIT_SWIFT_CONFIGURATION=${CORTEXKIT_SWIFT_CONFIGURATION:-debug} \
    "$venv/bin/python" -m pip install -q --no-deps --no-index ./python
cd "$venv"                     # import the installed package, not python/cortexkit
CORTEX_BIN=${CORTEX_BIN:-$OLDPWD/.build/debug/cortex} "$OLDPWD/$venv/bin/python" -m pytest -q -p no:cacheprovider "$OLDPWD/python/tests"
