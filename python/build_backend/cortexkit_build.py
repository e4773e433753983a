"""A PEP 517 build backend for the cortexkit wheel, standard library only.

The wheel holds the Python package and libCortexKitC.so, the Swift library's C ABI (the SwiftPM
product ``CortexKitC``, target Sources/CortexCABI). The library is taken from, in order:

- ``CORTEXKIT_LIBRARY``: a path to an already built libCortexKitC.so;
- ``swift build -c $CORTEXKIT_SWIFT_CONFIGURATION --product CortexKitC`` run in the repository
  holding this python/ folder (configuration ``release`` by default; ``debug`` reuses the build
  of ``make test``). ``SWIFT`` names the swift binary (default: swift on PATH, else
  /opt/swift/usr/bin/swift).

The wheel is tagged for this platform (it holds a native library) but for any Python 3 (the
library is loaded with ctypes, no CPython ABI).
"""
from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sysconfig
import zipfile
from pathlib import Path

NAME = "cortexkit"
VERSION = "0.1.0"
LIBRARY = "libCortexKitC.so"
HERE = Path(__file__).resolve().parent.parent          # python/
REPOSITORY = HERE.parent


def _metadata() -> str:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {NAME}",
        f"Version: {VERSION}",
        "Summary: CortexKit from Python: similarity of numpy arrays, noise ceilings, RDMs and CortexKit's files",
        "Requires-Python: >=3.9",
        "Requires-Dist: numpy>=1.22",
        "Requires-Dist: pandas>=1.4",
    ]
    readme = HERE / "README.md"
    if readme.exists():
        lines += ["Description-Content-Type: text/markdown", "", readme.read_text(encoding="utf-8")]
    return "\n".join(lines) + "\n"


def _platform_tag() -> str:
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def _library() -> Path:
    given = os.environ.get("CORTEXKIT_LIBRARY")
    if given:
        path = Path(given)
        if not path.is_file():
            raise RuntimeError(f"CORTEXKIT_LIBRARY={given}: no such file")
        return path
    if not (REPOSITORY / "Package.swift").is_file():
        raise RuntimeError(f"no Package.swift in {REPOSITORY}: build from a CortexKit checkout, or set CORTEXKIT_LIBRARY")
    configuration = os.environ.get("CORTEXKIT_SWIFT_CONFIGURATION", "release")
    swift = os.environ.get("SWIFT") or shutil.which("swift") or "/opt/swift/usr/bin/swift"
    command = [swift, "build", "-q", "-c", configuration, "--product", "CortexKitC"]
    subprocess.run(command, cwd=REPOSITORY, check=True)
    path = REPOSITORY / ".build" / configuration / LIBRARY
    if not path.is_file():
        raise RuntimeError(f"`{' '.join(command)}` did not produce {path}")
    return path


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    tag = f"py3-none-{_platform_tag()}"
    wheel_name = f"{NAME}-{VERSION}-{tag}.whl"
    dist_info = f"{NAME}-{VERSION}.dist-info"
    files: list[tuple[str, bytes]] = []
    for source in sorted((HERE / NAME).rglob("*.py")):
        files.append((f"{NAME}/{source.relative_to(HERE / NAME).as_posix()}", source.read_bytes()))
    files.append((f"{NAME}/{LIBRARY}", _library().read_bytes()))
    files.append((f"{dist_info}/METADATA", _metadata().encode()))
    files.append((f"{dist_info}/WHEEL", (
        "Wheel-Version: 1.0\nGenerator: cortexkit_build\nRoot-Is-Purelib: false\n" f"Tag: {tag}\n").encode()))
    record = [_record_line(name, data) for name, data in files] + [f"{dist_info}/RECORD,,"]
    files.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))
    path = Path(wheel_directory) / wheel_name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if name.endswith(".so") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return wheel_name


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_sdist(sdist_directory, config_settings=None):
    raise RuntimeError("cortexkit is built from a CortexKit checkout: pip install ./python")
