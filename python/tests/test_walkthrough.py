"""notebooks-md/09-python.md runs: each ```python block is executed in one namespace, in order, and
what it prints must match the ```output block after it (`…` matches any text, as in the CLI walkthroughs).
The numbers are deterministic (seeded inputs and statistics), so the walkthrough shows them exactly."""
from __future__ import annotations

import contextlib
import io
import os
import re

from conftest import REPOSITORY, cortex_binary

WALKTHROUGH = REPOSITORY / "notebooks-md" / "09-python.md"


def blocks(text: str):
    """(kind, code, line) for every ```python and ```output block."""
    found = []
    for match in re.finditer(r"^```(python|output)\n(.*?)^```$", text, flags=re.S | re.M):
        found.append((match.group(1), match.group(2), text[:match.start()].count("\n") + 1))
    return found


def matches(actual: str, pattern: str) -> bool:
    return re.fullmatch(".*".join(re.escape(part) for part in pattern.split("…")), actual, flags=re.S) is not None


def test_the_python_walkthrough_prints_what_it_says(tmp_path, monkeypatch):
    monkeypatch.chdir(REPOSITORY)
    monkeypatch.setenv("OUT", str(tmp_path))
    monkeypatch.setenv("PATH", f"{cortex_binary().parent}{os.pathsep}{os.environ.get('PATH', '')}")
    namespace: dict = {}
    steps = blocks(WALKTHROUGH.read_text(encoding="utf-8"))
    assert sum(kind == "python" for kind, _, _ in steps) >= 4
    printed = ""
    for kind, code, line in steps:
        if kind == "python":
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                exec(compile(code, f"09-python.md:{line}", "exec"), namespace)
            printed = buffer.getvalue()
        else:
            expected = code.rstrip("\n").split("\n")
            got = printed.rstrip("\n").split("\n")
            assert len(got) == len(expected), f"09-python.md:{line}: expected {len(expected)} lines, got:\n{printed}"
            for e, g in zip(expected, got):
                assert matches(g, e), f"09-python.md:{line}: expected {e!r}, got {g!r}"
            printed = ""
