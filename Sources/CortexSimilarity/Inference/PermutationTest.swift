import CortexNumerics

/// The outcome of a permutation test.
public struct PermutationTestResult: Sendable, Hashable, Codable {
    /// The score on the data as given.
    public var observed: Double
    /// The score under each permutation, in permutation order.
    public var nullScores: [Double]

    public init(observed: Double, nullScores: [Double]) {
        self.observed = observed
        self.nullScores = nullScores
    }

    /// One-sided p-value with the +1 correction (Phipson & Smyth 2010), never 0:
    ///
    ///     p = (1 + #{null ≥ observed}) / (1 + N)
    public var pValue: Double {
        Double(1 + nullScores.filter { $0 >= observed }.count) / Double(1 + nullScores.count)
    }
}

/// Permutation tests of a similarity score: the first operand's frames are reordered by a
/// ``PermutationScheme`` (respecting autocorrelation), the score recomputed, and the observed score
/// compared with that null distribution.
///
/// Permutation k draws from `SplittableRandom(seed: seed).derive(stream: k)`, so results do not
/// depend on the number of workers.
///
/// ```swift
/// let test = try PermutationTest.run(metric: CKAMetric(), layer, visp,
///                                    scheme: .circularShift(minimumShift: 30), permutations: 1000, seed: 7)
/// test.pValue
/// ```
///
/// Only the frames a metric compares are reordered: for a ``FramePolicyMetric`` the base metric is
/// tested on the kept frames. For ``TSRSAMetric`` the frames the metric keeps (after dropping the first) are reordered and the
/// fast path ``tsrsa(model:brain:options:scheme:permutations:seed:workers:)`` is used: the Gram
/// and correlation matrices are computed once.
///
/// Reference: B. Phipson, G. K. Smyth, "Permutation p-values should never be zero",
/// Stat. Appl. Genet. Mol. Biol. 9(1), 2010.
public enum PermutationTest {
    /// Permutation test of any metric: rows of `a` reordered, `a` re-prepared each time, `b` prepared once.
    /// - Complexity: permutations × (one preparation + one score).
    public static func run<M: SimilarityMetric>(
        metric: M, _ a: NDArray<Double>, _ b: NDArray<Double>, scheme: PermutationScheme, permutations: Int,
        seed: UInt64, workers: Int = ParallelFor.defaultWorkers
    ) throws -> PermutationTestResult {
        precondition(permutations >= 1 && workers >= 1, "PermutationTest: permutations and workers must be ≥ 1")
        // Only the compared frames are reordered (a metric dropping frame 0 never sees it shifted in).
        if let restricted = metric as? any FrameRestrictedMetric {
            return try restricted.permutationTestOnComparedFrames(a, b, scheme: scheme, permutations: permutations,
                                                                  seed: seed, workers: workers)
        }
        if let tsrsa = metric as? TSRSAMetric {
            return try PermutationTest.tsrsa(model: try tsrsa.prepare(a), brain: try tsrsa.prepare(b), options: tsrsa.options,
                                             scheme: scheme, permutations: permutations, seed: seed, workers: workers)
        }
        guard a.isMatrix else { throw SimilarityError.notAMatrix(operand: .first, shape: a.shape) }
        let preparedB = try metric.prepare(b)
        let observed = try metric.score(prepared: try metric.prepare(a), preparedB)
        let orders = try reorderings(scheme: scheme, frames: a.rows, permutations: permutations, seed: seed)
        let null = ParallelFor.map(count: permutations, workers: workers) { k in
            Result { try metric.score(prepared: try metric.prepare(a.selectingRows(orders[k])), preparedB) }
        }
        return PermutationTestResult(observed: observed, nullScores: try null.map { try $0.get() })
    }

    /// The reorderings of all permutations (permutation k from `derive(stream: k)`).
    static func reorderings(scheme: PermutationScheme, frames: Int, permutations: Int,
                            seed: UInt64) throws(SimilarityError) -> [[Int]] {
        let root = SplittableRandom(seed: seed)
        var orders: [[Int]] = []
        for k in 0..<permutations {
            var rng = root.derive(stream: UInt64(k))
            orders.append(try scheme.reordering(frames: frames, using: &rng))
        }
        return orders
    }
}
