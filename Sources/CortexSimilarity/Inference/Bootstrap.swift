import CortexNumerics

/// A bootstrap confidence interval.
public struct BootstrapInterval: Sendable, Hashable, Codable {
    /// The score on the full data.
    public var estimate: Double
    /// Lower bound (for ``BootstrapIntervalMethod/percentile``: the (1 − level)/2 quantile of the
    /// replicates).
    public var lower: Double
    /// Upper bound.
    public var upper: Double
    /// How the bounds were read off the replicates.
    public var method: BootstrapIntervalMethod
    /// The confidence level, e.g. 0.95.
    public var level: Double
    /// One score per resample, in resample order.
    public var replicates: [Double]
    /// BCa's acceleration from the jackknife (nil for the other methods).
    public var acceleration: Double? = nil

    /// Whether the interval contains the full-data estimate.
    public var containsEstimate: Bool { lower <= estimate && estimate <= upper }
}

/// Bootstrap confidence intervals of a similarity score (percentile, basic, bias-corrected or
/// BCa: ``BootstrapIntervalMethod``) (Efron & Tibshirani 1993, ch. 13–14; moving blocks: Künsch 1989).
///
/// BCa's acceleration comes from a jackknife over the scheme's units: non-overlapping blocks of
/// frames (`.frames`), or at most ``maximumJackknifeGroups`` contiguous groups of neurons or
/// repeats, each left out once.
///
/// Resample k draws from `SplittableRandom(seed: seed).derive(stream: k)`; quantiles are NumPy's
/// default (linear). For ``TSRSAMetric`` the frame bootstrap reindexes the prepared correlation
/// matrices (of the frames the metric keeps) instead of re-preparing, and ``CKAMetric`` and
/// ``RSAMetric`` their Gram matrices and RDMs; for all three a pair of two copies of the same
/// frame is left out of the sums (``ckaScore(kernelX:kernelY:frames:estimator:)``), so that
/// duplicated frames do not push every replicate above the estimate.
///
/// ```swift
/// let ci = try Bootstrap.confidenceInterval(metric: TSRSAMetric(), layer, visp, scheme: .neurons,
///                                           resamples: 1000, level: 0.95, seed: 3)
/// print(ci.estimate, ci.lower, ci.upper)
/// ```
public enum Bootstrap {
    /// - Parameters:
    ///   - a, b: frames × units (first = model, second = brain).
    ///   - trials: repeats × units × frames of the second operand, required by `.repeats` (each
    ///     resample averages the drawn repeats and replaces `b`).
    /// - Throws: `.invalidResampling` (no trials for `.repeats`, a block length outside 1...frames),
    ///   and the metric's errors.
    /// - Complexity: resamples × (one or two preparations + one score).
    public static func confidenceInterval<M: SimilarityMetric>(
        metric: M, _ a: NDArray<Double>, _ b: NDArray<Double>, trials: NDArray<Double>? = nil,
        scheme: BootstrapScheme, resamples: Int, level: Double = 0.95, method: BootstrapIntervalMethod = .percentile,
        seed: UInt64, workers: Int = ParallelFor.defaultWorkers
    ) throws -> BootstrapInterval {
        precondition(resamples >= 2 && workers >= 1, "Bootstrap: resamples ≥ 2 and workers ≥ 1")
        precondition(level > 0 && level < 1, "Bootstrap: level must be in (0, 1)")
        guard a.isMatrix else { throw SimilarityError.notAMatrix(operand: .first, shape: a.shape) }
        guard b.isMatrix else { throw SimilarityError.notAMatrix(operand: .second, shape: b.shape) }
        let preparedA = try metric.prepare(a)
        let estimate = try metric.score(prepared: preparedA, try metric.prepare(b))
        let root = SplittableRandom(seed: seed)
        let replicate: @Sendable (Int) throws -> Double
        // The jackknife of BCa: the statistic with each group left out.
        let jackknife: [@Sendable () throws -> Double]
        switch scheme {
        case .neurons:
            replicate = { k in
                var rng = root.derive(stream: UInt64(k))
                let columns = (0..<b.columns).map { _ in rng.uniformInt(below: b.columns) }
                return try metric.score(prepared: preparedA, try metric.prepare(b.selectingColumns(columns)))
            }
            jackknife = jackknifeKeeps(count: b.columns).map { kept in
                { try metric.score(prepared: preparedA, try metric.prepare(b.selectingColumns(kept))) }
            }
        case .frames(let length):
            // The score of a resample (positions into the frames the metric compares) and how many
            // frames there are: copy-aware for TSRSA, CKA and RSA (prepared once, reindexed per
            // resample; see `tsrsaScore`, `ckaScore`, `rsaScore`), rows re-scored otherwise.
            let (frames, scoreFrames) = try frameScorer(metric: metric, a, b)
            guard length >= 1, length <= frames else {
                throw SimilarityError.invalidResampling("frame bootstrap: block length \(length) must be in 1...\(frames)")
            }
            replicate = { k in
                var rng = root.derive(stream: UInt64(k))
                return try scoreFrames(BootstrapScheme.movingBlocks(frames: frames, blockLength: length, using: &rng))
            }
            jackknife = blockJackknifeKeeps(frames: frames, blockLength: length).map { kept in
                { try scoreFrames(kept) }
            }
        case .repeats:
            guard let trials, trials.rank == 3 else {
                throw SimilarityError.invalidResampling("repeat bootstrap needs trials (repeats × units × frames)")
            }
            guard trials.shape[1] == b.columns, trials.shape[2] == b.rows else {
                throw SimilarityError.invalidResampling("trials \(trials.shape) do not match the second operand \(b.shape) (repeats × units × frames)")
            }
            let repeats = trials.shape[0]
            replicate = { k in
                var rng = root.derive(stream: UInt64(k))
                let drawn = (0..<repeats).map { _ in rng.uniformInt(below: repeats) }
                return try metric.score(prepared: preparedA, try metric.prepare(trials.averagingRepeats(drawn)))
            }
            jackknife = jackknifeKeeps(count: repeats).map { kept in
                { try metric.score(prepared: preparedA, try metric.prepare(trials.averagingRepeats(kept))) }
            }
        }
        return try interval(estimate: estimate, replicate: replicate, jackknife: jackknife, resamples: resamples,
                            level: level, method: method, workers: workers)
    }

    /// The replicates (and BCa's jackknife) run on `workers` threads, and the interval read off them.
    static func interval(estimate: Double, replicate: @Sendable (Int) throws -> Double,
                         jackknife: [@Sendable () throws -> Double], resamples: Int, level: Double,
                         method: BootstrapIntervalMethod, workers: Int) throws -> BootstrapInterval {
        let results = ParallelFor.map(count: resamples, workers: workers) { k in Result { try replicate(k) } }
        let values = try results.map { try $0.get() }
        var acceleration: Double?
        if method == .bca {
            let left = ParallelFor.map(count: jackknife.count, workers: workers) { i in Result { try jackknife[i]() } }
            acceleration = Self.acceleration(jackknife: try left.map { try $0.get() })
        }
        let bounds = try method.bounds(estimate: estimate, replicates: values, level: level, acceleration: acceleration ?? 0)
        return BootstrapInterval(estimate: estimate, lower: bounds.lower, upper: bounds.upper, method: method, level: level,
                                 replicates: values, acceleration: acceleration)
    }
}
