"""Shared fixtures: the `cortex` binary the package is compared with, and small random inputs."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


def cortex_binary() -> Path:
    given = os.environ.get("CORTEX_BIN")
    if given:
        return Path(given)
    for configuration in ("debug", "release"):
        path = REPOSITORY / ".build" / configuration / "cortex"
        if path.exists():
            return path
    pytest.skip("no cortex binary (swift build, or set CORTEX_BIN)")


def run_cortex(*arguments: str, check: bool = True) -> subprocess.CompletedProcess:
    """Runs `cortex arguments…` from the repository root."""
    result = subprocess.run([str(cortex_binary()), *arguments], cwd=REPOSITORY, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"cortex {' '.join(arguments)} failed: {result.stderr}")
    return result


def cortex_json(*arguments: str) -> dict:
    return json.loads(run_cortex(*arguments, "--json").stdout)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(11)


@pytest.fixture
def pair(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A model layer and a brain area over the same 48 frames, related through a shared signal."""
    shared = rng.normal(size=(48, 6))
    a = shared @ rng.normal(size=(6, 20)) + 0.5 * rng.normal(size=(48, 20))
    b = shared @ rng.normal(size=(6, 12)) + 0.5 * rng.normal(size=(48, 12))
    return a, b
