import CortexIO
import CortexNumerics
import Foundation

/// A quick numeric smoke run over the native libraries and the numeric core, on seeded random
/// data: each check compares a fast path with an independent route to the same number.
///
/// Used by `cortex selftest` and `make demo`; a failing check means the installation (library
/// versions, BLAS kernel) computes wrong numbers, not that the input was bad.
public struct SelfTest: Sendable {
    /// One check: what was compared, the discrepancy found, the tolerance, and how long it took.
    public struct Check: Sendable, Codable {
        public var name: String
        public var discrepancy: Double
        public var tolerance: Double
        public var seconds: Double
        public var passed: Bool { discrepancy.isFinite && discrepancy <= tolerance }
    }

    /// Seed of the random inputs.
    public var seed: UInt64
    /// Number of rows (frames) of the random response matrix; columns are 3/2 as many.
    public var size: Int

    public init(seed: UInt64, size: Int) {
        precondition(size >= 8, "SelfTest: size must be at least 8")
        self.seed = seed
        self.size = size
    }

    /// Runs every check, calling `progress` after each one.
    public func run(progress: (Check) -> Void = { _ in }) throws -> [Check] {
        var checks: [Check] = []
        func record(_ name: String, tolerance: Double, _ body: () throws -> Double) rethrows {
            let clock = ContinuousClock()
            var value = 0.0
            let duration = try clock.measure { value = try body() }
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
            let check = Check(name: name, discrepancy: value, tolerance: tolerance, seconds: seconds)
            checks.append(check)
            progress(check)
        }
        var rng = SplittableRandom(seed: seed)
        let (n, p) = (size, size * 3 / 2)
        let x = NDArray<Double>.normal(shape: [n, p], using: &rng)
        let xf = x.map { Float($0) }

        record("Gram X·Xᵀ: syrk = gemm (float64)", tolerance: 1e-10) {
            let g = LinearAlgebra.gram(x)
            return Self.maxAbsDifference(g.scalars, LinearAlgebra.matmul(x, x, transposeB: true).scalars)
        }
        record("Gram X·Xᵀ: float32 BLAS vs float64 (relative)", tolerance: 1e-4) {
            let g32 = LinearAlgebra.gram(xf).scalars.map(Double.init)
            let g64 = LinearAlgebra.gram(x).scalars
            return Self.maxAbsDifference(g32, g64) / (g64.map(abs).max() ?? 1)
        }
        try record("eigh(X·Xᵀ) reconstructs X·Xᵀ (relative)", tolerance: 1e-10) {
            let g = LinearAlgebra.gram(x)
            let e = try LinearAlgebra.symmetricEigen(g)
            let scaled = NDArray(shape: [n, n], generating: { k in e.vectors.scalars[k] * e.values[k % n] })
            let back = LinearAlgebra.matmul(scaled, e.vectors, transposeB: true)
            return Self.maxAbsDifference(back.scalars, g.scalars) / (g.scalars.map(abs).max() ?? 1)
        }
        try record("svd(X) singular values² = eig(X·Xᵀ) (relative)", tolerance: 1e-10) {
            let s = try LinearAlgebra.svd(x, vectors: false).singularValues.map { $0 * $0 }.sorted()
            let e = try LinearAlgebra.symmetricEigen(LinearAlgebra.gram(x)).values.sorted()
            return Self.maxAbsDifference(s, e) / (e.last ?? 1)
        }
        record("FFT convolution = direct sum", tolerance: 1e-9) {
            let signal = (0..<(n * 8)).map { _ in rng.standardNormal() }
            let kernel = (0..<(n / 2)).map { _ in rng.standardNormal() }
            let fast = Convolution.convolve(signal, kernel, mode: .full, method: .fft)
            return Self.maxAbsDifference(fast, Convolution.directConvolve(signal, kernel, mode: .full))
        }
        try record("ranks of a permutation = inverse permutation + 1", tolerance: 0) {
            let perm = rng.permutation(n * 10)
            let r = try Statistics.ranks(perm.map(Double.init), ties: .average)
            return Double(zip(perm, r).filter { Double($0.0 + 1) != $0.1 }.count)
        }
        try record(".npy write → read round trip", tolerance: 0) {
            let url = FileManager.default.temporaryDirectory
                .appendingPathComponent("cortexkit-selftest-\(UUID().uuidString).npy")
            defer { try? FileManager.default.removeItem(at: url) }
            try NPYFile.write(xf, to: url)
            let back = try NPYFile.read(from: url, as: Float.self)
            return back == xf ? 0 : 1
        }
        return checks
    }

    static func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        var worst = 0.0
        for i in a.indices { worst = max(worst, abs(a[i] - b[i])) }
        return worst
    }
}
