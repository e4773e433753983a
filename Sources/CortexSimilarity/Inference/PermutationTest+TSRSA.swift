import CortexNumerics

extension PermutationTest {
    /// Permutation test of a TSRSA score from prepared frame correlations; the model's kept frames
    /// are reordered.
    ///
    /// Reordering frames only reindexes the model's correlation matrix, r′ᵢⱼ = r_σ(i)σ(j), so
    /// nothing is recomputed from the data. For one lag, no zero-variance frame, and a comparison
    /// whose ranks (or values) are invariant under reindexing — Spearman with average ties, ρ_a,
    /// Pearson, cosine, and Spearman with ordinal ties when the model's distances have no ties — the
    /// model's transformed upper triangle is stored once as a full symmetric matrix M (centred ranks
    /// or values) and the brain's as a vector b, and each permutation is a single pass
    ///
    ///     S(σ) = Σ_{i<j} M[σ(i), σ(j)] · b_{ij},   score = c · S(σ)
    ///
    /// with c fixed: 12/(N³ − N) for ordinal Spearman (ranks are a permutation of 1…N, so
    /// 1 − 6Σd²/(N³ − N) = 12·Σ(r − r̄)(s − s̄)/(N³ − N)) and ρ_a, 1/√(Σm²Σb²) otherwise (sums of
    /// squares do not change under reindexing). Other cases reindex the correlations and recompute
    /// ``TSRSA/score(model:brain:options:)`` (re-ranking each time).
    ///
    /// - Complexity: O(frames²) per permutation on the fast path; permutations run in parallel.
    public static func tsrsa(model: FrameCorrelations, brain: FrameCorrelations, options: TSRSAOptions = TSRSAOptions(),
                             scheme: PermutationScheme, permutations: Int, seed: UInt64,
                             workers: Int = ParallelFor.defaultWorkers) throws -> PermutationTestResult {
        precondition(permutations >= 1 && workers >= 1, "PermutationTest: permutations and workers must be ≥ 1")
        let observed = try TSRSA.score(model: model, brain: brain, options: options).score
        let n = model.frameCount
        let orders = try reorderings(scheme: scheme, frames: n, permutations: permutations, seed: seed)
        if let kernel = try TSRSAPermutationKernel(model: model, brain: brain, options: options) {
            let null = ParallelFor.map(count: permutations, workers: workers) { k in kernel.score(orders[k]) }
            return PermutationTestResult(observed: observed, nullScores: null)
        }
        let null = ParallelFor.map(count: permutations, workers: workers) { k in
            Result { () throws(SimilarityError) in
                try TSRSA.score(model: model.reindexed(orders[k]), brain: brain, options: options).score
            }
        }
        return PermutationTestResult(observed: observed, nullScores: try null.map { try $0.get() })
    }
}

/// The one-pass permutation statistic of ``PermutationTest/tsrsa(model:brain:options:scheme:permutations:seed:workers:)``.
struct TSRSAPermutationKernel: Sendable {
    /// n × n symmetric, transformed model entries (Float when exact: ranks are integers or halves).
    let modelFloat: [Float]
    let modelDouble: [Double]
    /// Transformed brain upper triangle.
    let brain: [Double]
    let scale: Double
    let n: Int

    /// `nil` when the fast path does not apply.
    init?(model: FrameCorrelations, brain: FrameCorrelations, options: TSRSAOptions) throws {
        guard options.lags == 0...0, model.zeroVarianceFrames.isEmpty, brain.zeroVarianceFrames.isEmpty else { return nil }
        let n = model.frameCount
        let frames = Array(0..<n)
        let a = TSRSA.distances(model.correlations, frames: frames)
        let b = TSRSA.distances(brain.correlations, frames: frames)
        let count = Double(a.count)
        var (x, y) = (a, b)
        let scale: Double
        switch options.comparison {
        case .spearman(let ties):
            (x, y) = try VectorCorrelation.ranks(a, b, ties: ties)
            if ties == .ordinal && Set(a).count != a.count { return nil }   // tie order would change
            let mean = (count + 1) / 2
            x = x.map { $0 - mean }
            y = y.map { $0 - mean }
            if ties == .ordinal {
                scale = 12 / (count * count * count - count)
            } else {
                scale = 1 / (x.reduce(0) { $0 + $1 * $1 } * y.reduce(0) { $0 + $1 * $1 }).squareRoot()
            }
        case .rhoA:
            (x, y) = try VectorCorrelation.ranks(a, b, ties: .average)
            let mean = (count + 1) / 2
            x = x.map { $0 - mean }
            y = y.map { $0 - mean }
            scale = 12 / (count * count * count - count)
        case .pearson, .cosine:
            if options.comparison == .pearson {
                let (mx, my) = (x.reduce(0, +) / count, y.reduce(0, +) / count)
                x = x.map { $0 - mx }
                y = y.map { $0 - my }
            }
            scale = 1 / (x.reduce(0) { $0 + $1 * $1 } * y.reduce(0) { $0 + $1 * $1 }).squareRoot()
        case .kendallTauA, .kendallTauB:
            return nil
        }
        guard scale.isFinite else { return nil }   // constant input: let the slow path throw
        var full = [Double](repeating: 0, count: n * n)
        var k = 0
        for i in 0..<n {
            for j in (i + 1)..<n {
                full[i * n + j] = x[k]
                full[j * n + i] = x[k]
                k += 1
            }
        }
        let exactInFloat = full.allSatisfy { Double(Float($0)) == $0 }
        modelFloat = exactInFloat ? full.map { Float($0) } : []
        modelDouble = exactInFloat ? [] : full
        self.brain = y
        self.scale = scale
        self.n = n
    }

    /// c · Σ_{i<j} M[σ(i), σ(j)] · b_{ij}, clamped to [−1, 1].
    func score(_ order: [Int]) -> Double {
        let sum = modelFloat.isEmpty ? pass(modelDouble, order) : pass(modelFloat, order)
        return min(1, max(-1, scale * sum))
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    private func pass<T: BinaryFloatingPoint>(_ model: [T], _ order: [Int]) -> Double {
        let n = self.n
        var total = 0.0
        model.withUnsafeBufferPointer { m in
            brain.withUnsafeBufferPointer { b in
                order.withUnsafeBufferPointer { s in
                    var k = 0
                    for i in 0..<n {
                        let row = m.baseAddress! + s[i] * n
                        var (acc0, acc1) = (0.0, 0.0)
                        var j = i + 1
                        while j + 1 < n {
                            acc0 += Double(row[s[j]]) * b[k]
                            acc1 += Double(row[s[j + 1]]) * b[k + 1]
                            j += 2
                            k += 2
                        }
                        if j < n {
                            acc0 += Double(row[s[j]]) * b[k]
                            k += 1
                        }
                        total += acc0 + acc1
                    }
                }
            }
        }
        return total
    }
}
