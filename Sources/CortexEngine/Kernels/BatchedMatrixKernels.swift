import CortexNumerics

/// Batched matrix products C_b = op(A_b)·op(B_b) over `batches` equally shaped matrices stored one
/// after another, with their adjoints (the attention products of spiking transformers, e.g.
/// `[T, B, heads, N, d]` folded to `T·B·heads` matrices).
///
/// Two forward paths with one result: BLAS GEMM per matrix, and a zero-skipping path for a sparse
/// left operand (spike matrices Q or V: a row of C accumulates only the rows of op(B) met by a
/// non-zero of A — additions only when A is binary). ``forward(_:_:_:batches:)`` picks the sparse path
/// when at least half of A's entries are zero; tests compare both paths.
enum BatchedMatrixKernels {
    /// The fraction of zeros in A from which the zero-skipping path is used.
    static let sparseThreshold = 0.5

    /// C for all batches, choosing the path from A's zero fraction.
    @_specialize(where S == Float)
    static func forward<S: TensorScalar>(_ a: [S], _ b: [S], _ g: MatmulGeometry, batches: Int) -> [S] {
        guard !g.transposeA, !a.isEmpty else { return dense(a, b, g, batches: batches) }
        var zeros = 0
        a.withUnsafeBufferPointer { for v in $0 where v == 0 { zeros += 1 } }
        return Double(zeros) >= sparseThreshold * Double(a.count)
            ? sparseLeft(a, b, g, batches: batches) : dense(a, b, g, batches: batches)
    }

    /// C with one GEMM per batch.
    @_specialize(where S == Float)
    static func dense<S: TensorScalar>(_ a: [S], _ b: [S], _ g: MatmulGeometry, batches: Int) -> [S] {
        gemm(transA: g.transposeA, transB: g.transposeB, m: g.m, n: g.n, k: g.k, batches: batches,
             a: a, lda: g.transposeA ? g.m : g.k, b: b, ldb: g.transposeB ? g.k : g.n)
    }

    /// C skipping the zeros of A (A not transposed): C[i, :] += A[i, p] · op(B)[p, :] for A[i, p] ≠ 0.
    /// - Complexity: O(nnz(A) · n) per batch instead of O(m · k · n).
    @_specialize(where S == Float)
    static func sparseLeft<S: TensorScalar>(_ a: [S], _ b: [S], _ g: MatmulGeometry, batches: Int) -> [S] {
        precondition(!g.transposeA, "BatchedMatrixKernels.sparseLeft: A must not be transposed")
        var c = [S](repeating: 0, count: batches * g.m * g.n)
        let (m, k, n) = (g.m, g.k, g.n)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    for batch in 0..<batches {
                        let aBase = batch * m * k, bBase = batch * k * n, cBase = batch * m * n
                        for i in 0..<m {
                            let row = cBase + i * n
                            for p in 0..<k {
                                let value = pa[aBase + i * k + p]
                                if value == 0 { continue }
                                if g.transposeB {                       // op(B)[p, j] = B[j, p], B stored [n, k]
                                    if value == 1 {
                                        for j in 0..<n { pc[row + j] += pb[bBase + j * k + p] }
                                    } else {
                                        for j in 0..<n { pc[row + j] += value * pb[bBase + j * k + p] }
                                    }
                                } else {
                                    let source = bBase + p * n
                                    if value == 1 {
                                        for j in 0..<n { pc[row + j] += pb[source + j] }
                                    } else {
                                        for j in 0..<n { pc[row + j] += value * pb[source + j] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return c
    }

    /// (dA, dB) for dC, in the stored layouts of A and B (the rules of ``MatrixKernels/backward``
    /// applied to every batch).
    @_specialize(where S == Float)
    static func backward<S: TensorScalar>(_ dc: [S], _ a: [S], _ b: [S], _ g: MatmulGeometry, batches: Int,
                                          needs: (Bool, Bool)) -> ([S]?, [S]?) {
        let lda = g.transposeA ? g.m : g.k
        let ldb = g.transposeB ? g.k : g.n
        let da: [S]? = !needs.0 ? nil : g.transposeA
            ? gemm(transA: g.transposeB, transB: true, m: g.k, n: g.m, k: g.n, batches: batches, a: b, lda: ldb, b: dc, ldb: g.n)
            : gemm(transA: false, transB: !g.transposeB, m: g.m, n: g.k, k: g.n, batches: batches, a: dc, lda: g.n, b: b, ldb: ldb)
        let db: [S]? = !needs.1 ? nil : g.transposeB
            ? gemm(transA: true, transB: g.transposeA, m: g.n, n: g.k, k: g.m, batches: batches, a: dc, lda: g.n, b: a, ldb: lda)
            : gemm(transA: !g.transposeA, transB: false, m: g.k, n: g.n, k: g.m, batches: batches, a: a, lda: lda, b: dc, ldb: g.n)
        return (da, db)
    }

    /// One GEMM per batch; A and B hold `batches` matrices of m·k and k·n elements back to back
    /// (whatever their transposition), C gets `batches` matrices of m·n.
    @_specialize(where S == Float)
    static func gemm<S: TensorScalar>(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, batches: Int,
                                      a: [S], lda: Int, b: [S], ldb: Int) -> [S] {
        var c = [S](repeating: 0, count: batches * m * n)
        guard m > 0, n > 0, k > 0 else { return c }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    for batch in 0..<batches {
                        S.blasGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1,
                                   a: pa.baseAddress! + batch * m * k, lda: lda,
                                   b: pb.baseAddress! + batch * k * n, ldb: ldb,
                                   beta: 0, c: pc.baseAddress! + batch * m * n, ldc: n)
                    }
                }
            }
        }
        return c
    }
}
