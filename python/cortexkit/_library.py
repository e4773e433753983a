"""Loading libCortexKitC.so (the Swift library's C ABI) and calling it.

Every C function returns 0 on success and 1 on failure with CortexKit's one-line message in an
``error`` out-parameter; :func:`call` turns that into :class:`CortexKitError`. Strings the library
allocates are freed with ``ck_free``. The library is the one inside the package, unless the
environment variable ``CORTEXKIT_LIBRARY`` names another.
"""
from __future__ import annotations

import ctypes
import json
import os
from pathlib import Path
from typing import Any, Optional

_HERE = Path(__file__).resolve().parent


class CortexKitError(Exception):
    """An error reported by CortexKit; ``str(error)`` is the message the ``cortex`` command prints."""


_c_char_pp = ctypes.POINTER(ctypes.c_char_p)
_i64 = ctypes.c_int64
_matrix = [ctypes.c_void_p, _i64, _i64, _i64, _i64, ctypes.c_int32]   # data, rows, columns, strides, dtype

#: ck_responses_read's allocator: (context, area, which, d0, d1, d2) -> writable memory
ALLOCATE = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32, _i64, _i64, _i64)

_SIGNATURES: dict[str, list[Any]] = {
    "ck_similarity": [ctypes.c_char_p, *_matrix, *_matrix, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                      ctypes.POINTER(ctypes.c_void_p)],
    "ck_rdm": [*_matrix, ctypes.c_char_p, ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_void_p)],
    "ck_ceiling": [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                   ctypes.POINTER(ctypes.c_void_p)],
    "ck_responses_read": [ctypes.c_char_p, ALLOCATE, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p),
                          ctypes.POINTER(ctypes.c_void_p)],
    "ck_responses_write": [ctypes.c_char_p, ctypes.c_char_p, _i64, ctypes.POINTER(ctypes.c_void_p),
                           ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p),
                           ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)],
    "ck_features_write": [ctypes.c_char_p, ctypes.c_char_p, _i64, ctypes.POINTER(ctypes.c_void_p),
                          ctypes.POINTER(ctypes.c_void_p)],
}

_library: Optional[ctypes.CDLL] = None


def library() -> ctypes.CDLL:
    """The loaded library (loaded on first use)."""
    global _library
    if _library is None:
        path = os.environ.get("CORTEXKIT_LIBRARY") or str(_HERE / "libCortexKitC.so")
        try:
            lib = ctypes.CDLL(path)
        except OSError as error:
            raise CortexKitError(
                f"cannot load {path}: {error} (it needs the Swift runtime libraries, libhdf5, OpenBLAS and FFTW; "
                "see python/README.md)") from None
        for name, arguments in _SIGNATURES.items():
            function = getattr(lib, name)
            function.argtypes = arguments
            function.restype = ctypes.c_int32
        lib.ck_version.argtypes = []
        lib.ck_version.restype = ctypes.c_char_p
        lib.ck_free.argtypes = [ctypes.c_void_p]
        lib.ck_free.restype = None
        _library = lib
    return _library


def _take_string(lib: ctypes.CDLL, pointer: ctypes.c_void_p) -> Optional[str]:
    if not pointer.value:
        return None
    try:
        return ctypes.string_at(pointer.value).decode("utf-8")
    finally:
        lib.ck_free(pointer)


def call(name: str, *arguments: Any, result: bool = True) -> Optional[Any]:
    """Calls ``name(*arguments, [&result_json,] &error)``; returns the decoded JSON result (or None).

    Raises:
        CortexKitError: with CortexKit's message when the call fails.
    """
    lib = library()
    error = ctypes.c_void_p()
    out = ctypes.c_void_p()
    tail = [ctypes.byref(out), ctypes.byref(error)] if result else [ctypes.byref(error)]
    status = getattr(lib, name)(*arguments, *tail)
    text = _take_string(lib, out) if result else None
    if status != 0:
        message = _take_string(lib, error) or f"{name} failed"
        raise CortexKitError(message)
    return json.loads(text) if text is not None else None


def encode(text: str) -> bytes:
    return text.encode("utf-8")


def options_json(options: dict[str, Any]) -> bytes:
    """Keyword options as the JSON object the C functions take (None values dropped)."""
    return json.dumps({k: v for k, v in options.items() if v is not None}).encode("utf-8")


def version() -> str:
    """The loaded library's version, e.g. ``CortexKit 0.1.0``."""
    return library().ck_version().decode("utf-8")

