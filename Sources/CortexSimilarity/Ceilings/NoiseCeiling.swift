import CortexNumerics

/// The summary of a split-half reliability estimate: one score per random split, their mean and
/// standard error of the mean.
///
///     mean = Σ sₖ / n,   SEM = √(Σ (sₖ − mean)² / (n − 1)) / √n
///
/// The reference study reports mean ± SEM of 100 split-half-neuron TSRSA scores (Movie1: 0.821 ± 0.006).
public struct NoiseCeiling: Sendable, Hashable, Codable {
    /// One score per split, in split order (split k used `SplittableRandom(seed).derive(stream: k)`).
    public var splitScores: [Double]
    /// Whether the Spearman–Brown correction r_SB = 2r/(1 + r) was applied to each split's score.
    public var spearmanBrownCorrected: Bool

    public init(splitScores: [Double], spearmanBrownCorrected: Bool) {
        self.splitScores = splitScores
        self.spearmanBrownCorrected = spearmanBrownCorrected
    }

    /// The mean over splits (the ceiling).
    public var mean: Double { Statistics.mean(splitScores) }
    /// The standard error of the mean over splits (ddof 1; NaN for one split).
    public var standardError: Double { standardError(.ddof1) }

    /// The standard error of the mean over splits under `convention` (``CeilingStandardError``:
    /// ddof 1, or ddof 0 as the reference study computes it; NaN for one split under ddof 1).
    public func standardError(_ convention: CeilingStandardError) -> Double {
        (Statistics.variance(splitScores, ddof: convention.ddof) / Double(splitScores.count)).squareRoot()
    }
}

/// Split-half noise ceilings: how similar a population is to itself, the best score a model can
/// be expected to reach against it.
///
/// - ``splitHalfNeurons(_:metric:splits:seed:workers:)`` — the study's ceiling: the area's neurons
///   (columns) are split at random into two halves (⌊p/2⌋ and ⌈p/2⌉ units) `splits` times and the
///   metric compares the halves' frames × units matrices. No Spearman–Brown correction (the halves
///   have different neurons, not fewer trials of the same ones).
/// - ``splitHalfTrials(_:metric:splits:seed:spearmanBrown:workers:)`` — repeats split in two halves,
///   each half averaged over its repeats, the metric between the two averages, optionally corrected
///   to the full number of repeats by Spearman–Brown, r_SB = 2r/(1 + r).
///
/// Splits are seeded by `SplittableRandom(seed: seed).derive(stream: k)` for split k, so the result
/// is the same for any number of workers.
///
/// ```swift
/// let ceiling = try NoiseCeiling.splitHalfNeurons(visp, metric: TSRSAMetric(), splits: 100, seed: 1)
/// print(ceiling.mean, ceiling.standardError)       // e.g. 0.82 ± 0.006
/// ```
extension NoiseCeiling {
    /// Split-half neurons for any metric; TSRSA with its default preparation uses a fast path
    /// (see ``TSRSASplitHalf``) that gives the same values.
    /// - Parameters:
    ///   - responses: frames × units (at least 2 units).
    ///   - splits: number of random splits (≥ 1; the study uses 100).
    ///   - workers: parallel workers (results do not depend on it).
    /// - Complexity: `splits` × (two preparations + one comparison).
    public static func splitHalfNeurons<M: SimilarityMetric>(
        _ responses: NDArray<Double>, metric: M, splits: Int = 100, seed: UInt64,
        workers: Int = ParallelFor.defaultWorkers
    ) throws -> NoiseCeiling {
        precondition(splits >= 1 && workers >= 1, "splitHalfNeurons: splits and workers must be ≥ 1")
        guard responses.isMatrix else { throw SimilarityError.notAMatrix(operand: .first, shape: responses.shape) }
        guard responses.columns >= 2 else { throw SimilarityError.tooFewColumns(found: responses.columns, minimum: 2) }
        // The one-Gram-per-split shortcut is for the correlation distance; others score each half.
        if let tsrsa = metric as? TSRSAMetric, tsrsa.options.distance == .correlation {
            return try TSRSASplitHalf.ceiling(responses, options: tsrsa.options, splits: splits, seed: seed, workers: workers)
        }
        let root = SplittableRandom(seed: seed)
        let results = ParallelFor.map(count: splits, workers: workers) { k -> Result<Double, any Error> in
            let (a, b) = halves(responses.columns, rng: root.derive(stream: UInt64(k)))
            return Result { try metric.score(responses.selectingColumns(a), responses.selectingColumns(b)) }
        }
        return NoiseCeiling(splitScores: try results.map { try $0.get() }, spearmanBrownCorrected: false)
    }

    /// Split-half trials: `trials` is repeats × units × frames (a response file's `/<AREA>/trials`).
    /// Each split draws a random half of the repeats; each half is averaged over its repeats and
    /// transposed to frames × units; the metric compares the two averages; with `spearmanBrown`
    /// every split's score r becomes 2r/(1 + r).
    /// - Throws: `.notAMatrix` unless rank 3, `.tooFewRepeats` for fewer than 2 repeats, and the metric's errors.
    public static func splitHalfTrials<M: SimilarityMetric>(
        _ trials: NDArray<Double>, metric: M, splits: Int = 100, seed: UInt64, spearmanBrown: Bool,
        workers: Int = ParallelFor.defaultWorkers
    ) throws -> NoiseCeiling {
        precondition(splits >= 1 && workers >= 1, "splitHalfTrials: splits and workers must be ≥ 1")
        guard trials.rank == 3 else { throw SimilarityError.notAMatrix(operand: .first, shape: trials.shape) }
        let repeats = trials.shape[0]
        guard repeats >= 2 else { throw SimilarityError.tooFewRepeats(found: repeats, minimum: 2) }
        let root = SplittableRandom(seed: seed)
        let results = ParallelFor.map(count: splits, workers: workers) { k -> Result<Double, any Error> in
            let (a, b) = halves(repeats, rng: root.derive(stream: UInt64(k)))
            return Result {
                let r = try metric.score(trials.averagingRepeats(a), trials.averagingRepeats(b))
                return spearmanBrown ? NoiseCeiling.spearmanBrown(r) : r
            }
        }
        return NoiseCeiling(splitScores: try results.map { try $0.get() }, spearmanBrownCorrected: spearmanBrown)
    }

    /// The Spearman–Brown prophecy for doubling the data: r_SB = 2r/(1 + r).
    public static func spearmanBrown(_ r: Double) -> Double { 2 * r / (1 + r) }

    /// A random split of `0..<count` into two sorted halves of ⌊count/2⌋ and ⌈count/2⌉ items.
    static func halves(_ count: Int, rng: SplittableRandom) -> ([Int], [Int]) {
        var rng = rng
        let order = rng.permutation(count)
        return (order[..<(count / 2)].sorted(), order[(count / 2)...].sorted())
    }
}

extension NDArray where Scalar == Double {
    /// The columns `columns` of a matrix, in that order (repeats allowed).
    func selectingColumns(_ columns: [Int]) -> NDArray<Double> {
        let (m, n, k) = (rows, self.columns, columns.count)
        return withUnsafeBufferPointer { p in
            NDArray(shape: [m, k], generating: { index in p[(index / k) * n + columns[index % k]] })
        }
    }

    /// The rows `rows` of a matrix, in that order (repeats allowed).
    func selectingRows(_ rows: [Int]) -> NDArray<Double> {
        let n = columns
        return withUnsafeBufferPointer { p in
            NDArray(shape: [rows.count, n], generating: { index in p[rows[index / n] * n + index % n] })
        }
    }

    /// Repeats × units × frames → frames × units mean over the repeats `repeats` (repeats allowed).
    func averagingRepeats(_ repeats: [Int]) -> NDArray<Double> {
        let (units, frames) = (shape[1], shape[2])
        var sum = [Double](repeating: 0, count: frames * units)
        withUnsafeBufferPointer { p in
            for r in repeats {
                let base = r * units * frames
                for u in 0..<units { for f in 0..<frames { sum[f * units + u] += p[base + u * frames + f] } }
            }
        }
        let scale = 1 / Double(repeats.count)
        return NDArray(shape: [frames, units], scalars: sum.map { $0 * scale })
    }
}
