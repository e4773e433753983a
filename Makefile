# CortexKit: the two commands of the README are `make demo` and `make test`.
# Each installs missing Debian packages itself (scripts/setup-system.sh), builds, and runs.

SHELL := /bin/bash
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
RELEASE_BIN = .build/release

.PHONY: setup build release test demo bench verify fuzz clean

setup:
	@scripts/setup-system.sh

build: setup
	@$(SWIFT) build -q

release: setup
	@$(SWIFT) build -q -c release --product cortex

# All tests (Swift Testing + XCTest), build included, then the Python package's (scripts/python-tests.sh:
# the wheel built in a venv, pytest).
test:
	@scripts/setup-system.sh --test
	@scripts/fetch-test-data.sh || echo "warning: could not fetch the real NWB recordings; their tests are skipped"
	@$(SWIFT) build -q --build-tests
	@$(SWIFT) test --skip-build
	@scripts/python-tests.sh

# Fuzzes the readers (.npy, safetensors, YAML specs, HDF5, NWB): FUZZ_SECONDS per target (default 600).
# Crashing inputs land in Fuzz/crashes/. `make test` includes a short deterministic smoke run.
fuzz: setup
	@scripts/fuzz.sh $(FUZZ_TARGETS)

# The main job on the shipped data: responses, model features, similarity report (scripts/demo.sh).
# `make demo RETRAIN=1` first retrains the five demo networks (~20 min) and uses those.
demo: release
	@scripts/demo.sh $(if $(RETRAIN),--retrain)

# Side-by-side benchmarks against numpy/scipy (see BENCHMARKS.md); installs a pinned venv.
bench:
	@scripts/setup-system.sh --bench
	@scripts/bench/run.sh

# Slow verifications that do not belong in `make test`: a spiking CNN trained to >= 85 % on
# Fashion-MNIST (scripts/verify.sh, ~10 min) and a batch's job array on a real single-node Slurm
# (scripts/slurm/test-array.sh, as root). Benchmarks are `make bench`.
verify: setup
	@scripts/setup-system.sh --slurm
	@scripts/verify.sh

clean:
	@$(SWIFT) package clean
