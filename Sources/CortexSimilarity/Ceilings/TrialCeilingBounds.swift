import CortexNumerics

/// Lower and upper bounds of the noise ceiling in the sense of rsatoolbox's noise ceiling
/// (Nili et al. 2014), over split halves of the repeats.
///
/// A model is scored against the grand mean D of all R repeats. For each random split of the
/// repeats into halves A and B (each averaged over its repeats, frames × units):
///
///     upper = ½ [s(Ā, D) + s(B̄, D)]     each half against the grand mean, itself included
///     lower = ½ [s(Ā, B̄) + s(B̄, Ā)]     each half against the other (leave-one-out)
///
/// with s the metric (model operand first), and each bound the mean over splits. rsatoolbox's
/// bounds take each *subject* as a group and score models against each subject; here the model
/// is scored against the mean of all repeats, so the groups are two halves. For a Pearson
/// correlation under additive noise (signal variance σ², noise variance ν per repeat) the upper
/// bound is strict in expectation: E s(Ā, D)² ≈ (σ² + ν/R)/(σ² + 2ν/R) ≥ σ²/(σ² + ν/R) ≈ E s(μ, D)²
/// for the noise-free signal μ, since (σ² + ν/R)² ≥ σ²(σ² + 2ν/R); the gap is of second order in
/// ν/R. For RDM and Gram metrics (TSRSA, CKA) noise enters nonlinearly and the upper bound is
/// near-tight rather than strict: in simulation the noise-free model scores within ±0.01 of it on
/// average, above it in some single data sets (`CeilingBoundsTests`). The lower bound s(Ā, B̄)
/// (two independent half-data means) lies below the noise-free model's score. With single
/// repeats as groups the "upper" bound would not bound a score against D at all, which is why
/// halves are used.
///
/// ```swift
/// let bounds = try TrialCeilingBounds.compute(trials, metric: TSRSAMetric(), splits: 100, seed: 1)
/// print(bounds.lower.mean, bounds.upper.mean)
/// ```
public struct TrialCeilingBounds: Sendable, Hashable, Codable {
    /// Lower bound: one score per split (half against half, both directions averaged).
    public var lower: NoiseCeiling
    /// Upper bound: one score per split (each half against the grand mean, averaged).
    public var upper: NoiseCeiling

    public init(lower: NoiseCeiling, upper: NoiseCeiling) {
        self.lower = lower
        self.upper = upper
    }

    /// Bounds over `splits` random halvings; split k draws from `SplittableRandom(seed).derive(stream: k)`,
    /// as ``NoiseCeiling/splitHalfTrials(_:metric:splits:seed:spearmanBrown:workers:)`` (same halves).
    /// - Parameter trials: repeats × units × frames (a response file's `/<AREA>/trials`).
    /// - Throws: `.notAMatrix` unless rank 3, `.tooFewRepeats` for fewer than 2 repeats, the metric's errors.
    public static func compute<M: SimilarityMetric>(
        _ trials: NDArray<Double>, metric: M, splits: Int = 100, seed: UInt64, workers: Int = ParallelFor.defaultWorkers
    ) throws -> TrialCeilingBounds {
        precondition(splits >= 1, "TrialCeilingBounds: splits must be ≥ 1")
        guard trials.rank == 3 else { throw SimilarityError.notAMatrix(operand: .first, shape: trials.shape) }
        let repeats = trials.shape[0]
        guard repeats >= 2 else { throw SimilarityError.tooFewRepeats(found: repeats, minimum: 2) }
        let root = SplittableRandom(seed: seed)
        let halves = (0..<splits).map { NoiseCeiling.halves(repeats, rng: root.derive(stream: UInt64($0))) }
        return try compute(trials, metric: metric, halves: halves, workers: workers)
    }

    /// Bounds over the given halvings of the repeats (each a pair of disjoint, non-empty index sets).
    public static func compute<M: SimilarityMetric>(
        _ trials: NDArray<Double>, metric: M, halves: [([Int], [Int])], workers: Int = ParallelFor.defaultWorkers
    ) throws -> TrialCeilingBounds {
        precondition(!halves.isEmpty && workers >= 1, "TrialCeilingBounds: at least one split and one worker")
        guard trials.rank == 3 else { throw SimilarityError.notAMatrix(operand: .first, shape: trials.shape) }
        let repeats = trials.shape[0]
        guard repeats >= 2 else { throw SimilarityError.tooFewRepeats(found: repeats, minimum: 2) }
        let grand = try metric.prepare(trials.averagingRepeats(Array(0..<repeats)))
        let results = ParallelFor.map(count: halves.count, workers: workers) { k -> Result<(Double, Double), any Error> in
            Result {
                let (a, b) = (trials.averagingRepeats(halves[k].0), trials.averagingRepeats(halves[k].1))
                let (pa, pb) = (try metric.prepare(a), try metric.prepare(b))
                let lower = (try metric.score(prepared: pa, pb) + (try metric.score(prepared: pb, pa))) / 2
                let upper = (try metric.score(prepared: pa, grand) + (try metric.score(prepared: pb, grand))) / 2
                return (lower, upper)
            }
        }
        let pairs = try results.map { try $0.get() }
        return TrialCeilingBounds(lower: NoiseCeiling(splitScores: pairs.map(\.0), spearmanBrownCorrected: false),
                                  upper: NoiseCeiling(splitScores: pairs.map(\.1), spearmanBrownCorrected: false))
    }
}
