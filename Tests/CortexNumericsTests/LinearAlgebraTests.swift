import Foundation
import Testing
@testable import CortexNumerics

/// The formula matrices of scripts/reference/linalg_reference.py:
/// A[i, j] = sin(a·i + b·j) + c·(i − j).
func formulaMatrix(_ m: Int, _ n: Int, a: Double = 0.7, b: Double = 1.3, c: Double = 0.1) -> NDArray<Double> {
    NDArray(shape: [m, n], generating: { k in
        let (i, j) = (Double(k / n), Double(k % n))
        return sin(a * i + b * j) + c * (i - j)
    })
}

func maxAbsDifference<T: BinaryFloatingPoint>(_ x: [T], _ y: [T]) -> Double {
    precondition(x.count == y.count, "lengths differ: \(x.count) vs \(y.count)")
    return zip(x, y).map { abs(Double($0) - Double($1)) }.max() ?? 0
}

private func randomMatrix(_ m: Int, _ n: Int, seed: UInt64) -> NDArray<Double> {
    var state = seed &+ 0x9E37_79B9_7F4A_7C15
    return NDArray(shape: [m, n], generating: { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53) - 0.5
    })
}

@Suite("Linear algebra against numpy 2.4.6")
struct LinearAlgebraReferenceTests {
    struct Reference: Decodable {
        var matmul_5x7_7x4: [Double]
        var matmul_tA_7x3: [Double]
        var gram_rows_5x7: [Double]
        var gram_columns_5x7: [Double]
        var eigh_6_values: [Double]
        var svd_5x7_values: [Double]
        var svd_7x5_values: [Double]
        var lstsq_9x4: [Double]
        var lstsq_rank_deficient_6x4: [Double]
        var cholesky_solve_5x2: [Double]
    }
    let ref: Reference = try! Fixtures.json("linalg/reference.json")
    let a = formulaMatrix(5, 7)

    @Test("matmul equals numpy's A @ B, with and without transposes")
    func matmul() {
        let b = formulaMatrix(7, 4, a: 0.3, b: -0.9, c: 0.05)
        #expect(maxAbsDifference(LinearAlgebra.matmul(a, b).scalars, ref.matmul_5x7_7x4) < 1e-12)
        #expect(maxAbsDifference(LinearAlgebra.matmul(a, formulaMatrix(5, 3), transposeA: true).scalars,
                                 ref.matmul_tA_7x3) < 1e-12)
        let af = a.map(Float.init), bf = b.map(Float.init)
        #expect(maxAbsDifference(LinearAlgebra.matmul(af, bf).scalars, ref.matmul_5x7_7x4.map(Float.init)) < 1e-5)
    }

    @Test("Gram matrices by syrk equal numpy's A Aᵀ and Aᵀ A")
    func gram() {
        #expect(maxAbsDifference(LinearAlgebra.gram(a, of: .rows).scalars, ref.gram_rows_5x7) < 1e-12)
        #expect(maxAbsDifference(LinearAlgebra.gram(a, of: .columns).scalars, ref.gram_columns_5x7) < 1e-12)
        #expect(maxAbsDifference(LinearAlgebra.gram(a.map(Float.init), of: .columns).scalars,
                                 ref.gram_columns_5x7.map(Float.init)) < 1e-5)
    }

    @Test("eigenvalues and singular values equal numpy's eigh and svd")
    func spectra() throws {
        let s0 = formulaMatrix(6, 6)
        let s = NDArray(shape: [6, 6], generating: { k in s0.scalars[k] + s0[k % 6, k / 6] })
        #expect(maxAbsDifference(try LinearAlgebra.symmetricEigen(s).values, ref.eigh_6_values) < 1e-12)
        #expect(maxAbsDifference(try LinearAlgebra.svd(a, vectors: false).singularValues, ref.svd_5x7_values) < 1e-12)
        #expect(maxAbsDifference(try LinearAlgebra.svd(a.transposed()).singularValues, ref.svd_7x5_values) < 1e-12)
    }

    @Test("least squares equals numpy's lstsq, including a rank-deficient system")
    func leastSquares() throws {
        let x = try LinearAlgebra.leastSquares(formulaMatrix(9, 4), formulaMatrix(9, 2, a: 0.2, b: 0.5, c: 0))
        #expect(x.shape == [4, 2])
        #expect(maxAbsDifference(x.scalars, ref.lstsq_9x4) < 1e-10)
        var rd = formulaMatrix(6, 4)
        for i in 0..<6 { rd[i, 3] = rd[i, 1] }
        let y = try LinearAlgebra.leastSquares(rd, formulaMatrix(6, 1, a: 0.4))
        #expect(maxAbsDifference(y.scalars, ref.lstsq_rank_deficient_6x4) < 1e-10)
    }

    @Test("Cholesky solve equals numpy's solve on an SPD matrix")
    func cholesky() throws {
        let x = formulaMatrix(5, 8)
        var spd = LinearAlgebra.matmul(x, x, transposeB: true)
        for i in 0..<5 { spd[i, i] += 5 }
        let sol = try LinearAlgebra.choleskySolve(spd, formulaMatrix(5, 2, a: 0.9))
        #expect(maxAbsDifference(sol.scalars, ref.cholesky_solve_5x2) < 1e-12)
    }
}

@Suite("Linear algebra properties")
struct LinearAlgebraPropertyTests {
    @Test("BLAS matmul equals the naive triple loop for all transpose combinations and odd shapes",
          arguments: [(1, 1, 1), (3, 5, 2), (17, 9, 31), (64, 33, 7), (0, 4, 3), (4, 0, 3)])
    func matmulMatchesReference(shape: (Int, Int, Int)) {
        let (m, k, n) = shape
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = randomMatrix(ta ? k : m, ta ? m : k, seed: 1)
            let b = randomMatrix(tb ? n : k, tb ? k : n, seed: 2)
            let fast = LinearAlgebra.matmul(a, b, transposeA: ta, transposeB: tb)
            let slow = LinearAlgebra.referenceMatmul(a, b, transposeA: ta, transposeB: tb)
            #expect(fast.shape == [m, n])
            #expect(maxAbsDifference(fast.scalars, slow.scalars) < 1e-12)
        }
    }

    @Test("Gram via syrk equals gemm X·Xᵀ and is symmetric; chunked accumulation equals one shot")
    func gramStreaming() {
        let x = randomMatrix(23, 301, seed: 3)
        let g = LinearAlgebra.gram(x)
        let full = LinearAlgebra.matmul(x, x, transposeB: true)
        #expect(maxAbsDifference(g.scalars, full.scalars) < 1e-12)
        #expect(g == g.transposed())
        var acc = NDArray<Double>(rows: 23, columns: 23, repeating: 0)
        for start in stride(from: 0, to: 301, by: 64) {
            let cols = start..<min(301, start + 64)
            let chunk = NDArray(shape: [23, cols.count], generating: { k in x[k / cols.count, cols.lowerBound + k % cols.count] })
            LinearAlgebra.accumulateGram(into: &acc, chunk)
        }
        LinearAlgebra.symmetrizeUpper(&acc)
        #expect(maxAbsDifference(acc.scalars, g.scalars) < 1e-12)
    }

    @Test("eigenvectors are orthonormal and A·V = V·Λ")
    func eigenIdentity() throws {
        let x = randomMatrix(12, 20, seed: 4)
        let s = LinearAlgebra.gram(x)
        let e = try LinearAlgebra.symmetricEigen(s)
        let vtv = LinearAlgebra.matmul(e.vectors, e.vectors, transposeA: true)
        #expect(maxAbsDifference(vtv.scalars, NDArray<Double>.identity(12).scalars) < 1e-12)
        let av = LinearAlgebra.matmul(s, e.vectors)
        let vl = NDArray(shape: [12, 12], generating: { k in e.vectors.scalars[k] * e.values[k % 12] })
        #expect(maxAbsDifference(av.scalars, vl.scalars) < 1e-10)
        #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test("SVD reconstructs A = U·diag(s)·Vᵀ with orthonormal factors, wide and tall", arguments: [(7, 13), (13, 7), (6, 6)])
    func svdReconstructs(shape: (Int, Int)) throws {
        let a = randomMatrix(shape.0, shape.1, seed: 5)
        let d = try LinearAlgebra.svd(a)
        let u = try #require(d.u), vt = try #require(d.vt)
        let k = min(shape.0, shape.1)
        let us = NDArray(shape: [shape.0, k], generating: { i in u.scalars[i] * d.singularValues[i % k] })
        #expect(maxAbsDifference(LinearAlgebra.matmul(us, vt).scalars, a.scalars) < 1e-12)
        #expect(maxAbsDifference(LinearAlgebra.matmul(u, u, transposeA: true).scalars,
                                 NDArray<Double>.identity(k).scalars) < 1e-12)
        #expect(maxAbsDifference(LinearAlgebra.matmul(vt, vt, transposeB: true).scalars,
                                 NDArray<Double>.identity(k).scalars) < 1e-12)
    }

    @Test("matvec and dot equal their definitions")
    func matvecDot() {
        let a = randomMatrix(6, 4, seed: 6)
        let x = (0..<4).map { Double($0) - 1.5 }
        let y = LinearAlgebra.matvec(a, x)
        for i in 0..<6 { #expect(abs(y[i] - (0..<4).reduce(0) { $0 + a[i, $1] * x[$1] }) < 1e-14) }
        let z = LinearAlgebra.matvec(a, [1, 2, 3, 4, 5, 6], transpose: true)
        #expect(z.count == 4)
        #expect(abs(z[2] - (0..<6).reduce(0) { $0 + a[$1, 2] * Double($1 + 1) }) < 1e-14)
        #expect(LinearAlgebra.dot([1, 2, 3], [4, 5, 6] as [Double]) == 32)
    }

    @Test("bad matrices give typed errors: not positive definite, NaN input")
    func typedErrors() {
        let notSPD = NDArray<Double>(rowArrays: [[1, 2], [2, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "potrf", minor: 2)) {
            try LinearAlgebra.choleskySolve(notSPD, NDArray(rowArrays: [[1], [1]]))
        }
        let bad = NDArray<Double>(rowArrays: [[1, .nan], [0, 1]])
        #expect(throws: LinearAlgebraError.nonFiniteInput(routine: "syevd")) { try LinearAlgebra.symmetricEigen(bad) }
        #expect(throws: LinearAlgebraError.nonFiniteInput(routine: "gesdd")) { try LinearAlgebra.svd(bad) }
    }
}

@Suite("BLAS runtime")
struct BLASRuntimeTests {
    @Test("core names map to their vector classes")
    func vectorClasses() {
        #expect(BLASVectorClass(coreName: "Prescott") == .sse)
        #expect(BLASVectorClass(coreName: "SandyBridge") == .avx)
        #expect(BLASVectorClass(coreName: "Haswell") == .avx2)
        #expect(BLASVectorClass(coreName: "Zen") == .avx2)
        #expect(BLASVectorClass(coreName: "SkylakeX") == .avx512)
        #expect(BLASVectorClass(coreName: "COOPERLAKE") == .avx512)
        #expect(BLASVectorClass.sse < .avx512)
    }

    @Test("idle OpenBLAS workers spin 2^20 cycles unless OPENBLAS_THREAD_TIMEOUT says otherwise; the variable is not left set; BLAS still computes")
    func idleSpin() throws {
        let spin = try #require(BLASRuntime.idleSpinLog2Cycles, "this OpenBLAS exports openblas_thread_timeout")
        if let user = ProcessInfo.processInfo.environment["OPENBLAS_THREAD_TIMEOUT"] {
            #expect(String(spin) == user || spin == 0)
        } else {
            #expect(spin == 20)
            #expect(getenv("OPENBLAS_THREAD_TIMEOUT") == nil)
        }
        // The pool was retired and is rebuilt on demand: a threaded product still gives the right answer.
        let n = 300
        let a = NDArray<Double>(shape: [n, n], generating: { Double($0 % 7) - 3 })
        let c = LinearAlgebra.matmul(a, a)
        var expected = 0.0
        for k in 0..<n { expected += a[0, k] * a[k, n - 1] }
        #expect(abs(c[0, n - 1] - expected) < 1e-9)
    }

    @Test("CORTEXKIT_BLAS_CORE parses to a policy")
    func policyFromEnvironment() {
        #expect(BLASCorePolicy.fromEnvironment([:]) == .automatic)
        #expect(BLASCorePolicy.fromEnvironment(["CORTEXKIT_BLAS_CORE": "system"]) == .system)
        #expect(BLASCorePolicy.fromEnvironment(["CORTEXKIT_BLAS_CORE": " Auto "]) == .automatic)
        #expect(BLASCorePolicy.fromEnvironment(["CORTEXKIT_BLAS_CORE": "Haswell"]) == .core("Haswell"))
    }

    @Test("the automatic policy never leaves a core slower than the CPU supports (unless overridden)")
    func automaticIsNotFallback() {
        let report = BLASRuntime.report
        if report.policy == .automatic && report.warnings.isEmpty {
            #expect(!report.isFallback, "core \(report.coreInUse) on a CPU with \(report.cpu.summary)")
        }
        #expect(report.threads >= 1)
    }
}
