import COpenBLAS

/// A floating-point type with BLAS and LAPACK kernels (`Float` → `s…` routines, `Double` → `d…`).
///
/// The requirements are thin, typed forwarders to CBLAS/LAPACKE; the public, shape-checked API is
/// in `LinearAlgebra` (`matmul`, `gram`, `symmetricEigen`, …). All matrices are row-major.
/// Every forwarder first makes sure the BLAS core policy was applied (`BLASRuntime`), so no BLAS
/// call can run on OpenBLAS's fallback core or race with the one-time core switch.
public protocol BLASScalar: BinaryFloatingPoint, Sendable where Self.RawSignificand: FixedWidthInteger {
    /// C ← α·op(A)·op(B) + β·C (row-major `cblas_?gemm`).
    static func blasGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                         a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                         beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// Upper triangle of C ← α·op(A)·op(A)ᵀ + β·C, where op(A) is n × k (row-major `cblas_?syrk`).
    static func blasSyrk(trans: Bool, n: Int, k: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
                         beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// y ← α·op(A)·x + β·y (row-major `cblas_?gemv`).
    static func blasGemv(trans: Bool, m: Int, n: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
                         x: UnsafePointer<Self>, beta: Self, y: UnsafeMutablePointer<Self>)
    /// Σ xᵢyᵢ (`cblas_?dot`).
    static func blasDot(n: Int, x: UnsafePointer<Self>, y: UnsafePointer<Self>) -> Self

    /// Symmetric eigendecomposition, column-major, upper triangle (`LAPACKE_?syevd`, jobz = 'V').
    /// Returns LAPACK's `info`.
    static func lapackSyevd(n: Int, a: UnsafeMutablePointer<Self>, w: UnsafeMutablePointer<Self>) -> Int32
    /// Singular value decomposition, column-major (`LAPACKE_?gesdd`, jobz = 'S' or 'N').
    static func lapackGesdd(vectors: Bool, m: Int, n: Int, a: UnsafeMutablePointer<Self>,
                            s: UnsafeMutablePointer<Self>, u: UnsafeMutablePointer<Self>, ldu: Int,
                            vt: UnsafeMutablePointer<Self>, ldvt: Int) -> Int32
    /// Minimum-norm least squares by divide-and-conquer SVD, column-major (`LAPACKE_?gelsd`).
    static func lapackGelsd(m: Int, n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>,
                            b: UnsafeMutablePointer<Self>, ldb: Int, s: UnsafeMutablePointer<Self>,
                            rcond: Self, rank: UnsafeMutablePointer<Int32>) -> Int32
    /// Cholesky factorisation of the upper triangle, column-major (`LAPACKE_?potrf`).
    static func lapackPotrf(n: Int, a: UnsafeMutablePointer<Self>) -> Int32
    /// Solves A·X = B from a Cholesky factor, column-major (`LAPACKE_?potrs`).
    static func lapackPotrs(n: Int, nrhs: Int, a: UnsafePointer<Self>, b: UnsafeMutablePointer<Self>,
                            ldb: Int) -> Int32
}

@inline(__always) private func cblasTrans(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }

extension Float: BLASScalar {
    public static func blasGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        BLASRuntime.ensureConfigured()
        cblas_sgemm(CblasRowMajor, cblasTrans(transA), cblasTrans(transB), blasint(m), blasint(n),
                    blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
    public static func blasSyrk(trans: Bool, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>,
                                lda: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        BLASRuntime.ensureConfigured()
        cblas_ssyrk(CblasRowMajor, CblasUpper, cblasTrans(trans), blasint(n), blasint(k), alpha, a,
                    blasint(lda), beta, c, blasint(ldc))
    }
    public static func blasGemv(trans: Bool, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>,
                                lda: Int, x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>) {
        BLASRuntime.ensureConfigured()
        cblas_sgemv(CblasRowMajor, cblasTrans(trans), blasint(m), blasint(n), alpha, a, blasint(lda),
                    x, 1, beta, y, 1)
    }
    public static func blasDot(n: Int, x: UnsafePointer<Float>, y: UnsafePointer<Float>) -> Float {
        BLASRuntime.ensureConfigured()
        return cblas_sdot(blasint(n), x, 1, y, 1)
    }
    public static func lapackSyevd(n: Int, a: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>) -> Int32 {
        BLASRuntime.ensureConfigured()
        return LAPACKE_ssyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")),
                       Int32(n), a, Int32(Swift.max(1, n)), w)
    }
    public static func lapackGesdd(vectors: Bool, m: Int, n: Int, a: UnsafeMutablePointer<Float>,
                                   s: UnsafeMutablePointer<Float>, u: UnsafeMutablePointer<Float>, ldu: Int,
                                   vt: UnsafeMutablePointer<Float>, ldvt: Int) -> Int32 {
        BLASRuntime.ensureConfigured()
        return LAPACKE_sgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: vectors ? "S" : "N")), Int32(m),
                       Int32(n), a, Int32(Swift.max(1, m)), s, u, Int32(ldu), vt,
                       Int32(ldvt))
    }
    public static func lapackGelsd(m: Int, n: Int, nrhs: Int, a: UnsafeMutablePointer<Float>,
                                   b: UnsafeMutablePointer<Float>, ldb: Int, s: UnsafeMutablePointer<Float>,
                                   rcond: Float, rank: UnsafeMutablePointer<Int32>) -> Int32 {
        BLASRuntime.ensureConfigured()
        return LAPACKE_sgelsd(LAPACK_COL_MAJOR, Int32(m), Int32(n), Int32(nrhs), a,
                       Int32(Swift.max(1, m)), b, Int32(ldb), s, rcond, rank)
    }
    public static func lapackPotrf(n: Int, a: UnsafeMutablePointer<Float>) -> Int32 {
        BLASRuntime.ensureConfigured()
        return LAPACKE_spotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), a, Int32(Swift.max(1, n)))
    }
    public static func lapackPotrs(n: Int, nrhs: Int, a: UnsafePointer<Float>, b: UnsafeMutablePointer<Float>,
                                   ldb: Int) -> Int32 {
        BLASRuntime.ensureConfigured()
        return LAPACKE_spotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), Int32(nrhs), a,
                       Int32(Swift.max(1, n)), b, Int32(ldb))
    }
}

extension Double: BLASScalar {
    public static func blasGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                                a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                                beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        BLASRuntime.ensureConfigured()
        cblas_dgemm(CblasRowMajor, cblasTrans(transA), cblasTrans(transB), blasint(m), blasint(n),
                    blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
    public static func blasSyrk(trans: Bool, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>,
                                lda: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        BLASRuntime.ensureConfigured()
        cblas_dsyrk(CblasRowMajor, CblasUpper, cblasTrans(trans), blasint(n), blasint(k), alpha, a,
                    blasint(lda), beta, c, blasint(ldc))
    }
    public static func blasGemv(trans: Bool, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>,
                                lda: Int, x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>) {
        BLASRuntime.ensureConfigured()
        cblas_dgemv(CblasRowMajor, cblasTrans(trans), blasint(m), blasint(n), alpha, a, blasint(lda),
                    x, 1, beta, y, 1)
    }
    public static func blasDot(n: Int, x: UnsafePointer<Double>, y: UnsafePointer<Double>) -> Double {
        BLASRuntime.ensureConfigured()
        return cblas_ddot(blasint(n), x, 1, y, 1)
    }
    public static func lapackSyevd(n: Int, a: UnsafeMutablePointer<Double>, w: UnsafeMutablePointer<Double>) -> Int32 {
        BLASRuntime.ensureConfigured()
        return LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")),
                       Int32(n), a, Int32(Swift.max(1, n)), w)
    }
    public static func lapackGesdd(vectors: Bool, m: Int, n: Int, a: UnsafeMutablePointer<Double>,
                                   s: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>, ldu: Int,
                                   vt: UnsafeMutablePointer<Double>, ldvt: Int) -> Int32 {
        BLASRuntime.ensureConfigured()
        return LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: vectors ? "S" : "N")), Int32(m),
                       Int32(n), a, Int32(Swift.max(1, m)), s, u, Int32(ldu), vt,
                       Int32(ldvt))
    }
    public static func lapackGelsd(m: Int, n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>,
                                   b: UnsafeMutablePointer<Double>, ldb: Int, s: UnsafeMutablePointer<Double>,
                                   rcond: Double, rank: UnsafeMutablePointer<Int32>) -> Int32 {
        BLASRuntime.ensureConfigured()
        return LAPACKE_dgelsd(LAPACK_COL_MAJOR, Int32(m), Int32(n), Int32(nrhs), a,
                       Int32(Swift.max(1, m)), b, Int32(ldb), s, rcond, rank)
    }
    public static func lapackPotrf(n: Int, a: UnsafeMutablePointer<Double>) -> Int32 {
        BLASRuntime.ensureConfigured()
        return LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), a, Int32(Swift.max(1, n)))
    }
    public static func lapackPotrs(n: Int, nrhs: Int, a: UnsafePointer<Double>, b: UnsafeMutablePointer<Double>,
                                   ldb: Int) -> Int32 {
        BLASRuntime.ensureConfigured()
        return LAPACKE_dpotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), Int32(nrhs), a,
                       Int32(Swift.max(1, n)), b, Int32(ldb))
    }
}
