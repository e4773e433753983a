import CortexNumerics

/// Permutation tests and frame bootstraps of TSRSA, CKA and RSA from their prepared forms — the
/// correlations between frames (``FrameCorrelations``), the kernel Gram or the ``RDM`` — so that a layer
/// streamed from disk is never needed as a matrix (`cortex similarity` on a 1.4 GB layer).
///
/// Reordering or resampling A's frames reorders or resamples the rows and columns of its
/// prepared form, so each null score or replicate costs O(frames²) instead of a pass over the
/// data. The results equal ``PermutationTest/run(metric:_:_:scheme:permutations:seed:workers:)``
/// and the `.frames` scheme of ``Bootstrap/confidenceInterval(metric:_:_:trials:scheme:resamples:level:method:seed:workers:)``
/// for the same prepared forms: the same reorderings and resamples
/// (`SplittableRandom(seed:).derive(stream: k)`), the same copy-aware frame scores
/// (``Bootstrap/tsrsaScore(model:brain:frames:options:)``,
/// ``Bootstrap/ckaScore(kernelX:kernelY:frames:estimator:)``) and jackknife blocks.
///
/// ```swift
/// let k = try CKAMetric().prepare(source: try NPYColumnSource<Float>(url: layer))
/// let test = try PreparedStatistics.ckaPermutationTest(kernelA: k, kernelB: try CKAMetric().prepare(visp),
///     estimator: .biased, scheme: .circularShift(minimumShift: 30), permutations: 1000, seed: 1)
/// ```
public enum PreparedStatistics {
    /// CKA's permutation test from two kernel Grams over the compared frames: null scores
    /// CKA(P·K·Pᵀ, L) over the scheme's reorderings P.
    /// - Throws: `.invalidResampling` for a scheme that does not fit the frames; CKA's errors.
    /// - Complexity: permutations × O(frames²).
    public static func ckaPermutationTest(kernelA k: NDArray<Double>, kernelB l: NDArray<Double>, estimator: HSICEstimator,
                                          scheme: PermutationScheme, permutations: Int, seed: UInt64,
                                          workers: Int = ParallelFor.defaultWorkers) throws -> PermutationTestResult {
        precondition(permutations >= 1 && workers >= 1, "PreparedStatistics: permutations and workers must be ≥ 1")
        let observed = try CKA.score(kernelX: k, kernelY: l, estimator: estimator)
        let orders = try PermutationTest.reorderings(scheme: scheme, frames: k.rows, permutations: permutations, seed: seed)
        let null = ParallelFor.map(count: permutations, workers: workers) { i in
            Result { try CKA.score(kernelX: Bootstrap.reindexed(k, orders[i]), kernelY: l, estimator: estimator) }
        }
        return PermutationTestResult(observed: observed, nullScores: try null.map { try $0.get() })
    }

    /// Classic RSA's permutation test from both sides' RDMs over the compared frames: null scores
    /// compare B's RDM with A's RDM read in the scheme's reordered frames, d_A(π(i), π(j)) for
    /// i < j — the RDM of A's reordered rows, without recomputing it.
    /// - Throws: `.invalidResampling` for a scheme that does not fit the frames; the comparison's errors.
    /// - Complexity: permutations × (O(frames²) + the comparison).
    public static func rsaPermutationTest(rdmA a: RDM, rdmB b: RDM, comparison: RDMComparison, scheme: PermutationScheme,
                                          permutations: Int, seed: UInt64,
                                          workers: Int = ParallelFor.defaultWorkers) throws -> PermutationTestResult {
        precondition(permutations >= 1 && workers >= 1, "PreparedStatistics: permutations and workers must be ≥ 1")
        guard a.conditionCount == b.conditionCount else {
            throw SimilarityError.lengthMismatch(first: a.dissimilarities.count, second: b.dissimilarities.count)
        }
        let observed = try comparison.compare(a, b)
        let n = a.conditionCount
        let orders = try PermutationTest.reorderings(scheme: scheme, frames: n, permutations: permutations, seed: seed)
        // Spearman with average ranks: reordering the frames permutes A's dissimilarities, and the
        // average ranks of a permuted vector are its ranks permuted (equal values, equal ranks), so
        // both sides are ranked once and each null score is a correlation of reordered ranks —
        // the same numbers `compare` would rank and correlate, without a sort per permutation.
        let averageRanks = comparison == .spearman(ties: .average)
        let (source, ranksB) = averageRanks
            ? try VectorCorrelation.ranks(a.dissimilarities, b.dissimilarities, ties: .average)
            : (a.dissimilarities, b.dissimilarities)
        let null = ParallelFor.map(count: permutations, workers: workers) { k in
            Result { () throws(SimilarityError) -> Double in
                let order = orders[k]
                var values = [Double]()
                values.reserveCapacity(source.count)
                source.withUnsafeBufferPointer { d in
                    for i in 0..<n {
                        for j in (i + 1)..<n {
                            let (u, v) = order[i] < order[j] ? (order[i], order[j]) : (order[j], order[i])
                            values.append(d[RDM.pairIndex(u, v, conditionCount: n)])
                        }
                    }
                }
                if averageRanks { return try VectorCorrelation.spearman(ranks: values, ranksB, ties: .average) }
                return try comparison.compare(values, b.dissimilarities)
            }
        }
        return PermutationTestResult(observed: observed, nullScores: try null.map { try $0.get() })
    }

    /// Classic RSA's moving-block frame bootstrap from both sides' RDMs (copy-aware,
    /// ``Bootstrap/rsaScore(model:brain:frames:comparison:)``).
    /// - Throws: `.invalidResampling` for a block length outside 1...frames; the comparison's errors.
    public static func rsaFrameInterval(rdmA a: RDM, rdmB b: RDM, comparison: RDMComparison, blockLength: Int,
                                        resamples: Int, level: Double = 0.95, method: BootstrapIntervalMethod = .percentile,
                                        seed: UInt64, workers: Int = ParallelFor.defaultWorkers) throws -> BootstrapInterval {
        let estimate = try comparison.compare(a, b)
        return try frameInterval(frames: a.conditionCount, estimate: estimate, blockLength: blockLength, resamples: resamples,
                                 level: level, method: method, seed: seed, workers: workers) { rows in
            try Bootstrap.rsaScore(model: a, brain: b, frames: rows, comparison: comparison)
        }
    }

    /// TSRSA's moving-block frame bootstrap from both sides' prepared correlations.
    /// - Throws: `.invalidResampling` for a block length outside 1...frames; TSRSA's errors.
    public static func tsrsaFrameInterval(model: FrameCorrelations, brain: FrameCorrelations, options: TSRSAOptions,
                                          blockLength: Int, resamples: Int, level: Double = 0.95,
                                          method: BootstrapIntervalMethod = .percentile, seed: UInt64,
                                          workers: Int = ParallelFor.defaultWorkers) throws -> BootstrapInterval {
        let estimate = try TSRSA.score(model: model, brain: brain, options: options).score
        return try frameInterval(frames: model.frameCount, estimate: estimate, blockLength: blockLength, resamples: resamples,
                                 level: level, method: method, seed: seed, workers: workers) { rows in
            try Bootstrap.tsrsaScore(model: model, brain: brain, frames: rows, options: options)
        }
    }

    /// CKA's moving-block frame bootstrap from two kernel Grams over the compared frames.
    /// - Throws: `.invalidResampling` for a block length outside 1...frames; CKA's errors.
    public static func ckaFrameInterval(kernelA k: NDArray<Double>, kernelB l: NDArray<Double>, estimator: HSICEstimator,
                                        blockLength: Int, resamples: Int, level: Double = 0.95,
                                        method: BootstrapIntervalMethod = .percentile, seed: UInt64,
                                        workers: Int = ParallelFor.defaultWorkers) throws -> BootstrapInterval {
        let estimate = try CKA.score(kernelX: k, kernelY: l, estimator: estimator)
        return try frameInterval(frames: k.rows, estimate: estimate, blockLength: blockLength, resamples: resamples,
                                 level: level, method: method, seed: seed, workers: workers) { rows in
            try Bootstrap.ckaScore(kernelX: k, kernelY: l, frames: rows, estimator: estimator)
        }
    }

    /// The `.frames` scheme of ``Bootstrap`` given the score of a list of frame positions.
    static func frameInterval(frames: Int, estimate: Double, blockLength length: Int, resamples: Int, level: Double,
                              method: BootstrapIntervalMethod, seed: UInt64, workers: Int,
                              score: @escaping @Sendable ([Int]) throws -> Double) throws -> BootstrapInterval {
        precondition(resamples >= 2 && workers >= 1, "Bootstrap: resamples ≥ 2 and workers ≥ 1")
        precondition(level > 0 && level < 1, "Bootstrap: level must be in (0, 1)")
        guard length >= 1, length <= frames else {
            throw SimilarityError.invalidResampling("frame bootstrap: block length \(length) must be in 1...\(frames)")
        }
        let root = SplittableRandom(seed: seed)
        let replicate: @Sendable (Int) throws -> Double = { k in
            var rng = root.derive(stream: UInt64(k))
            return try score(BootstrapScheme.movingBlocks(frames: frames, blockLength: length, using: &rng))
        }
        let jackknife: [@Sendable () throws -> Double] = Bootstrap.blockJackknifeKeeps(frames: frames, blockLength: length).map { kept in
            { try score(kept) }
        }
        return try Bootstrap.interval(estimate: estimate, replicate: replicate, jackknife: jackknife, resamples: resamples,
                                      level: level, method: method, workers: workers)
    }
}
