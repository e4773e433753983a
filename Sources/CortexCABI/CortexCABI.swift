// CortexCABI: a C ABI over CortexKit for other languages (the Python package in python/ loads it
// with ctypes). Every export is `@_cdecl("ck_…")`, takes plain C values (pointers, 64-bit sizes,
// NUL-terminated UTF-8 strings) and returns a status: 0 on success, 1 on failure with the error's
// one-line description (the same text the `cortex` command prints) in `*error`. Strings handed out
// (`*error`, `*result_json`) are allocated with malloc and freed by the caller with `ck_free`.
//
// Matrices are passed as (data, rows, columns, row stride, column stride, dtype) with strides in
// elements, so C-ordered, Fortran-ordered and strided numpy views arrive without a copy on the
// caller's side; dtype 0 is float64, 1 is float32 (``CMatrixView``).
//
// No state is kept between calls; nothing is printed.
import CortexKit
import Foundation

/// The version string, e.g. `CortexKit 0.1.0` (static storage; do not free).
@_cdecl("ck_version")
public func ck_version() -> UnsafePointer<CChar> {
    CABIStrings.version
}

/// Frees a string this library handed out (`*error`, `*result_json`); NULL is ignored.
@_cdecl("ck_free")
public func ck_free(_ pointer: UnsafeMutableRawPointer?) {
    free(pointer)
}
