/// Shape-checked matrix products backed by BLAS (OpenBLAS).
///
/// Every function takes row-major `NDArray` matrices. Mismatched shapes are programmer errors and
/// trap with a message naming both shapes.
public enum LinearAlgebra {}

extension LinearAlgebra {
    /// The product op(A)·op(B), where op is the identity or the transpose (`cblas_?gemm`).
    ///
    /// - Complexity: 2·m·n·k flops for an m × k by k × n product.
    /// ```swift
    /// let c = LinearAlgebra.matmul(a, b, transposeB: true)   // A·Bᵀ
    /// ```
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func matmul<T: BLASScalar>(
        _ a: NDArray<T>, _ b: NDArray<T>, transposeA: Bool = false, transposeB: Bool = false,
        alpha: T = 1
    ) -> NDArray<T> {
        BLASRuntime.ensureConfigured()
        precondition(a.isMatrix && b.isMatrix, "matmul: needs two matrices, got \(a.shape) and \(b.shape)")
        let (m, ka) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        precondition(ka == kb, "matmul: inner dimensions differ: op(A) is \(m)×\(ka), op(B) is \(kb)×\(n)")
        if m == 0 || n == 0 || ka == 0 { return NDArray<T>(rows: m, columns: n, repeating: 0) }
        let c = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                // β = 0: BLAS overwrites every element of C, so it need not be zero-filled first.
                NDArray<T>(shape: [m, n], unsafeUninitialized: { pc in
                    T.blasGemm(transA: transposeA, transB: transposeB, m: m, n: n, k: ka, alpha: alpha,
                               a: pa.baseAddress!, lda: max(1, a.columns), b: pb.baseAddress!,
                               ldb: max(1, b.columns), beta: 0, c: pc.baseAddress!, ldc: max(1, n))
                })
            }
        }
        return c
    }

    /// The Gram matrix X·Xᵀ (`.rows`) or Xᵀ·X (`.columns`) by a symmetric rank-k update
    /// (`cblas_?syrk`): half the flops of the equivalent `matmul`.
    ///
    /// The full symmetric matrix is returned (the lower triangle mirrored from the upper).
    /// - Complexity: n²·k flops for an n × n result from k-long vectors.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func gram<T: BLASScalar>(_ x: NDArray<T>, of side: GramSide = .rows) -> NDArray<T> {
        precondition(x.isMatrix, "gram: needs a matrix, got shape \(x.shape)")
        let n = side == .rows ? x.rows : x.columns
        var g = NDArray<T>(rows: n, columns: n, repeating: 0)
        accumulateGram(into: &g, x, of: side, beta: 0)
        symmetrizeUpper(&g)
        return g
    }

    /// Streaming Gram accumulation: G ← α·op(X)·op(X)ᵀ + β·G, updating **only the upper triangle**.
    ///
    /// Use it to build a Gram matrix over column chunks of a matrix too large for memory: call with
    /// `beta: 1` for every chunk of `.rows`, then `symmetrizeUpper(&g)` once at the end.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func accumulateGram<T: BLASScalar>(
        into g: inout NDArray<T>, _ x: NDArray<T>, of side: GramSide = .rows, alpha: T = 1, beta: T = 1
    ) {
        BLASRuntime.ensureConfigured()
        precondition(x.isMatrix && g.isMatrix, "accumulateGram: needs matrices, got \(x.shape), \(g.shape)")
        let (n, k) = side == .rows ? (x.rows, x.columns) : (x.columns, x.rows)
        precondition(g.rows == n && g.columns == n, "accumulateGram: G is \(g.shape), needs [\(n), \(n)]")
        if n == 0 { return }
        if k == 0 {
            if beta != 1 { g.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= beta } } }
            return
        }
        x.withUnsafeBufferPointer { px in
            g.withUnsafeMutableBufferPointer { pg in
                T.blasSyrk(trans: side == .columns, n: n, k: k, alpha: alpha, a: px.baseAddress!,
                           lda: max(1, x.columns), beta: beta, c: pg.baseAddress!, ldc: n)
            }
        }
    }

    /// Copies the upper triangle of a square matrix onto its lower triangle.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func symmetrizeUpper<T>(_ g: inout NDArray<T>) {
        precondition(g.isMatrix && g.rows == g.columns, "symmetrizeUpper: needs a square matrix, got \(g.shape)")
        let n = g.rows
        g.withUnsafeMutableBufferPointer { p in
            for i in 0..<n { for j in 0..<i { p[i * n + j] = p[j * n + i] } }
        }
    }

    /// The matrix–vector product op(A)·x (`cblas_?gemv`).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func matvec<T: BLASScalar>(_ a: NDArray<T>, _ x: [T], transpose: Bool = false) -> [T] {
        BLASRuntime.ensureConfigured()
        precondition(a.isMatrix, "matvec: needs a matrix, got shape \(a.shape)")
        let (outCount, inCount) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
        precondition(x.count == inCount, "matvec: op(A) is \(outCount)×\(inCount), x has \(x.count) elements")
        var y = [T](repeating: 0, count: outCount)
        if outCount == 0 || inCount == 0 { return y }
        a.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    T.blasGemv(trans: transpose, m: a.rows, n: a.columns, alpha: 1, a: pa.baseAddress!,
                               lda: max(1, a.columns), x: px.baseAddress!, beta: 0, y: py.baseAddress!)
                }
            }
        }
        return y
    }

    /// The dot product Σ xᵢyᵢ (`cblas_?dot`).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func dot<T: BLASScalar>(_ x: [T], _ y: [T]) -> T {
        BLASRuntime.ensureConfigured()
        precondition(x.count == y.count, "dot: lengths differ (\(x.count) vs \(y.count))")
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in T.blasDot(n: x.count, x: px.baseAddress!, y: py.baseAddress!) }
        }
    }

    /// Naive triple-loop product in Double accumulation: the reference `matmul` is tested against.
    static func referenceMatmul<T: BLASScalar>(_ a: NDArray<T>, _ b: NDArray<T>,
                                               transposeA: Bool = false, transposeB: Bool = false) -> NDArray<T> {
        let opA = transposeA ? a.transposed() : a
        let opB = transposeB ? b.transposed() : b
        precondition(opA.columns == opB.rows)
        var c = NDArray<T>(rows: opA.rows, columns: opB.columns, repeating: 0)
        for i in 0..<opA.rows {
            for j in 0..<opB.columns {
                var s = 0.0
                for k in 0..<opA.columns { s += Double(opA[i, k]) * Double(opB[k, j]) }
                c[i, j] = T(s)
            }
        }
        return c
    }
}
