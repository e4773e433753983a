import CortexNumerics

extension Bootstrap {
    /// The neuron bootstrap (``BootstrapScheme/neurons``: B's units drawn with replacement) from
    /// A's prepared form, so A — a layer streamed from disk — is never needed as a matrix. With
    /// `prepare`/`score` the metric's own, the interval equals
    /// ``confidenceInterval(metric:_:_:trials:scheme:resamples:level:method:seed:workers:)`` with
    /// `.neurons` (same resample streams, same jackknife groups).
    ///
    /// ```swift
    /// let layer = try TSRSAMetric().prepare(source: try NPYColumnSource<Float>(url: big))
    /// let ci = try Bootstrap.neuronInterval(preparedA: layer, visp, resamples: 1000, seed: 3) {
    ///     try TSRSAMetric().prepare($0) } score: { try TSRSAMetric().score(prepared: $0, $1) }
    /// ```
    /// - Parameters:
    ///   - preparedA: the first operand, prepared.
    ///   - b: the second operand, frames × units, whose units are resampled.
    ///   - prepare: the metric's preparation of a resampled `b`.
    ///   - score: the metric's score of two prepared operands.
    /// - Throws: `.notAMatrix` for `b`, and the metric's errors.
    /// - Complexity: resamples × (one preparation of `b` + one score).
    public static func neuronInterval<P: Sendable>(
        preparedA: P, _ b: NDArray<Double>, resamples: Int, level: Double = 0.95,
        method: BootstrapIntervalMethod = .percentile, seed: UInt64, workers: Int = ParallelFor.defaultWorkers,
        prepare: @escaping @Sendable (NDArray<Double>) throws -> P, score: @escaping @Sendable (P, P) throws -> Double
    ) throws -> BootstrapInterval {
        precondition(resamples >= 2 && workers >= 1, "Bootstrap: resamples ≥ 2 and workers ≥ 1")
        precondition(level > 0 && level < 1, "Bootstrap: level must be in (0, 1)")
        guard b.isMatrix else { throw SimilarityError.notAMatrix(operand: .second, shape: b.shape) }
        let estimate = try score(preparedA, try prepare(b))
        let root = SplittableRandom(seed: seed)
        let replicate: @Sendable (Int) throws -> Double = { k in
            var rng = root.derive(stream: UInt64(k))
            let columns = (0..<b.columns).map { _ in rng.uniformInt(below: b.columns) }
            return try score(preparedA, try prepare(b.selectingColumns(columns)))
        }
        let jackknife: [@Sendable () throws -> Double] = jackknifeKeeps(count: b.columns).map { kept in
            { try score(preparedA, try prepare(b.selectingColumns(kept))) }
        }
        return try interval(estimate: estimate, replicate: replicate, jackknife: jackknife, resamples: resamples,
                            level: level, method: method, workers: workers)
    }
}
