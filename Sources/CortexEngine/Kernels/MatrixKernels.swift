/// Dense matrix products through BLAS GEMM and their adjoints.
enum MatrixKernels {
    /// C = op(A)·op(B) with BLAS GEMM; `lda`/`ldb` are the stored row lengths.
    @_specialize(where S == Float)
    static func gemm<S: TensorScalar>(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                      a: [S], lda: Int, b: [S], ldb: Int) -> [S] {
        var c = [S](repeating: 0, count: m * n)
        guard m > 0, n > 0, k > 0 else { return c }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    S.blasGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1,
                               a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb,
                               beta: 0, c: pc.baseAddress!, ldc: n)
                }
            }
        }
        return c
    }

    @_specialize(where S == Float)
    static func forward<S: TensorScalar>(_ a: [S], _ b: [S], _ g: MatmulGeometry) -> [S] {
        gemm(transA: g.transposeA, transB: g.transposeB, m: g.m, n: g.n, k: g.k,
             a: a, lda: g.transposeA ? g.m : g.k, b: b, ldb: g.transposeB ? g.k : g.n)
    }

    /// (dA, dB) for dC, in the stored layouts of A and B.
    @_specialize(where S == Float)
    static func backward<S: TensorScalar>(_ dc: [S], _ a: [S], _ b: [S], _ g: MatmulGeometry) -> ([S], [S]) {
        let lda = g.transposeA ? g.m : g.k
        let ldb = g.transposeB ? g.k : g.n
        let da = g.transposeA
            ? gemm(transA: g.transposeB, transB: true, m: g.k, n: g.m, k: g.n, a: b, lda: ldb, b: dc, ldb: g.n)
            : gemm(transA: false, transB: !g.transposeB, m: g.m, n: g.k, k: g.n, a: dc, lda: g.n, b: b, ldb: ldb)
        let db = g.transposeB
            ? gemm(transA: true, transB: g.transposeA, m: g.n, n: g.k, k: g.m, a: dc, lda: g.n, b: a, ldb: lda)
            : gemm(transA: !g.transposeA, transB: false, m: g.k, n: g.n, k: g.m, a: a, lda: lda, b: dc, ldb: g.n)
        return (da, db)
    }
}
