/// LAPACK decompositions and solvers on row-major matrices.
///
/// LAPACK works column-major. Rather than ask LAPACKE to transpose (it does, with strict
/// leading-dimension checks, in its row-major mode), each routine here maps the row-major problem
/// onto a column-major one: a symmetric matrix is its own transpose, and a row-major m × n buffer
/// *is* the column-major n × m matrix Aᵀ, whose SVD Aᵀ = V·S·Uᵀ hands back U and Vᵀ already in
/// row-major order.
extension LinearAlgebra {
    /// Eigenvalues (ascending) and orthonormal eigenvectors (the columns of `vectors`) of a
    /// symmetric matrix, by divide and conquer (`LAPACKE_?syevd`). Only the upper triangle is read.
    public struct SymmetricEigen<T: BLASScalar>: Sendable {
        /// Eigenvalues λ₁ ≤ … ≤ λₙ.
        public var values: [T]
        /// n × n matrix whose column j is the unit eigenvector of `values[j]`.
        public var vectors: NDArray<T>
    }

    /// Symmetric eigendecomposition A = V·diag(λ)·Vᵀ.
    /// - Complexity: O(n³).
    /// - Throws: `LinearAlgebraError` when the input is not finite or LAPACK does not converge.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func symmetricEigen<T: BLASScalar>(_ a: NDArray<T>) throws -> SymmetricEigen<T> {
        precondition(a.isMatrix && a.rows == a.columns, "symmetricEigen: needs a square matrix, got \(a.shape)")
        try requireFinite(a, routine: "syevd")
        let n = a.rows
        // Column-major n × n; LAPACK reads the upper triangle of the column-major matrix, which is
        // the lower triangle of our row-major one. Symmetric input makes the two the same.
        var work = a
        var values = [T](repeating: 0, count: n)
        if n > 0 {
            BLASRuntime.ensureConfigured()
            let info = work.withUnsafeMutableBufferPointer { pa in
                values.withUnsafeMutableBufferPointer { pw in
                    T.lapackSyevd(n: n, a: pa.baseAddress!, w: pw.baseAddress!)
                }
            }
            try check(info, routine: "syevd")
        }
        // Column-major eigenvectors in memory = row-major Vᵀ: transpose to get V row-major.
        return SymmetricEigen(values: values, vectors: work.transposed())
    }

    /// Thin singular value decomposition A = U·diag(s)·Vᵀ with k = min(m, n).
    public struct SVD<T: BLASScalar>: Sendable {
        /// m × k, orthonormal columns (nil when only singular values were requested).
        public var u: NDArray<T>?
        /// Singular values s₁ ≥ … ≥ s_k ≥ 0.
        public var singularValues: [T]
        /// k × n, orthonormal rows (nil when only singular values were requested).
        public var vt: NDArray<T>?
    }

    /// Thin SVD by divide and conquer (`LAPACKE_?gesdd`).
    /// - Parameter vectors: false computes only the singular values (much faster).
    /// - Complexity: O(m·n·min(m, n)).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func svd<T: BLASScalar>(_ a: NDArray<T>, vectors: Bool = true) throws -> SVD<T> {
        precondition(a.isMatrix, "svd: needs a matrix, got shape \(a.shape)")
        try requireFinite(a, routine: "gesdd")
        let (m, n) = (a.rows, a.columns)
        let k = min(m, n)
        BLASRuntime.ensureConfigured()
        if k == 0 {
            return SVD(u: vectors ? NDArray(rows: m, columns: 0, scalars: []) : nil, singularValues: [],
                       vt: vectors ? NDArray(rows: 0, columns: n, scalars: []) : nil)
        }
        // The row-major buffer is the column-major n × m matrix B = Aᵀ = V·S·Uᵀ.
        // gesdd(B) returns U_B = V (n × k, column-major = row-major Vᵀ, k × n) and
        // V_Bᵀ = Uᵀ (k × m, column-major = row-major U, m × k).
        var work = a.scalars
        var s = [T](repeating: 0, count: k)
        var vtRowMajor = [T](repeating: 0, count: vectors ? k * n : 1)
        var uRowMajor = [T](repeating: 0, count: vectors ? m * k : 1)
        let info = work.withUnsafeMutableBufferPointer { pa in
            s.withUnsafeMutableBufferPointer { ps in
                vtRowMajor.withUnsafeMutableBufferPointer { pu in
                    uRowMajor.withUnsafeMutableBufferPointer { pv in
                        T.lapackGesdd(vectors: vectors, m: n, n: m, a: pa.baseAddress!, s: ps.baseAddress!,
                                      u: pu.baseAddress!, ldu: vectors ? n : 1,
                                      vt: pv.baseAddress!, ldvt: vectors ? k : 1)
                    }
                }
            }
        }
        try check(info, routine: "gesdd")
        guard vectors else { return SVD(u: nil, singularValues: s, vt: nil) }
        return SVD(u: NDArray(rows: m, columns: k, scalars: uRowMajor), singularValues: s,
                   vt: NDArray(rows: k, columns: n, scalars: vtRowMajor))
    }

    /// Minimum-norm least-squares solution X of A·X ≈ B (`LAPACKE_?gelsd`), for any m × n A of any
    /// rank; singular values below `rcond`·s₁ are treated as zero (default: machine precision).
    /// - Parameter b: m × r right-hand sides. - Returns: n × r solution.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func leastSquares<T: BLASScalar>(_ a: NDArray<T>, _ b: NDArray<T>, rcond: T? = nil) throws -> NDArray<T> {
        precondition(a.isMatrix && b.isMatrix, "leastSquares: needs matrices, got \(a.shape), \(b.shape)")
        precondition(a.rows == b.rows, "leastSquares: A is \(a.shape) but B is \(b.shape)")
        try requireFinite(a, routine: "gelsd")
        try requireFinite(b, routine: "gelsd")
        BLASRuntime.ensureConfigured()
        let (m, n, r) = (a.rows, a.columns, b.columns)
        if n == 0 || r == 0 { return NDArray(rows: n, columns: r, repeating: 0) }
        if m == 0 { return NDArray(rows: n, columns: r, repeating: 0) }
        var colA = a.transposed().scalars                   // column-major A
        let ldb = max(m, n)
        var colB = [T](repeating: 0, count: ldb * r)        // column-major B, padded to max(m, n) rows
        for j in 0..<r { for i in 0..<m { colB[j * ldb + i] = b[i, j] } }
        var s = [T](repeating: 0, count: min(m, n))
        var rank: Int32 = 0
        let info = colA.withUnsafeMutableBufferPointer { pa in
            colB.withUnsafeMutableBufferPointer { pb in
                s.withUnsafeMutableBufferPointer { ps in
                    T.lapackGelsd(m: m, n: n, nrhs: r, a: pa.baseAddress!, b: pb.baseAddress!, ldb: ldb,
                                  s: ps.baseAddress!, rcond: rcond ?? -1, rank: &rank)
                }
            }
        }
        try check(info, routine: "gelsd")
        var x = NDArray<T>(rows: n, columns: r, repeating: 0)
        for i in 0..<n { for j in 0..<r { x[i, j] = colB[j * ldb + i] } }
        return x
    }

    /// Solves A·X = B for symmetric positive-definite A by Cholesky factorisation
    /// (`LAPACKE_?potrf` + `?potrs`). Only the upper triangle of A is read.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when A is not positive definite.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func choleskySolve<T: BLASScalar>(_ a: NDArray<T>, _ b: NDArray<T>) throws -> NDArray<T> {
        BLASRuntime.ensureConfigured()
        precondition(a.isMatrix && a.rows == a.columns, "choleskySolve: A must be square, got \(a.shape)")
        precondition(b.isMatrix && b.rows == a.rows, "choleskySolve: A is \(a.shape) but B is \(b.shape)")
        try requireFinite(a, routine: "potrf")
        try requireFinite(b, routine: "potrs")
        let (n, r) = (a.rows, b.columns)
        if n == 0 || r == 0 { return NDArray(rows: n, columns: r, repeating: 0) }
        // Row-major upper triangle = column-major lower; transpose so LAPACK's 'U' reads our upper.
        var factor = a.transposed().scalars
        var colB = b.transposed().scalars
        let fInfo = factor.withUnsafeMutableBufferPointer { T.lapackPotrf(n: n, a: $0.baseAddress!) }
        if fInfo > 0 { throw LinearAlgebraError.notPositiveDefinite(routine: "potrf", minor: Int(fInfo)) }
        try check(fInfo, routine: "potrf")
        let sInfo = factor.withUnsafeBufferPointer { pf in
            colB.withUnsafeMutableBufferPointer { pb in
                T.lapackPotrs(n: n, nrhs: r, a: pf.baseAddress!, b: pb.baseAddress!, ldb: n)
            }
        }
        try check(sInfo, routine: "potrs")
        return NDArray(rows: r, columns: n, scalars: colB).transposed()
    }

    private static func requireFinite<T: BLASScalar>(_ a: NDArray<T>, routine: String) throws {
        let finite = a.withUnsafeBufferPointer { p in p.allSatisfy { $0.isFinite } }
        if !finite { throw LinearAlgebraError.nonFiniteInput(routine: routine) }
    }

    private static func check(_ info: Int32, routine: String) throws {
        if info < 0 { throw LinearAlgebraError.illegalArgument(routine: routine, position: Int(-info)) }
        if info > 0 { throw LinearAlgebraError.didNotConverge(routine: routine, info: Int(info)) }
    }
}
