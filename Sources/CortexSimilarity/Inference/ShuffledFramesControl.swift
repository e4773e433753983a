import CortexNumerics

/// A control score: the same metric with the first representation's compared frames put in a
/// seeded random order, so frame i of one side faces an unrelated frame of the other. A metric
/// whose score barely drops under this control (CKA or CCA on few frames and many units) is
/// measuring dimensionality, not shared stimulus structure.
///
/// Frames the metric does not compare (frame 0 under ``FramePolicy/dropFirstFrame``, which
/// ``SimilarityMetric/comparedFrames(rows:)`` reports) stay in place.
///
/// ```swift
/// let control = try ShuffledFramesControl.score(metric: CKAMetric(), layer, brain, seed: 7)
/// ```
public enum ShuffledFramesControl {
    /// The metric's score with the rows of `a` permuted by `SplittableRandom(seed:)`.
    /// - Throws: the metric's errors.
    public static func score<M: SimilarityMetric>(metric: M, _ a: NDArray<Double>, _ b: NDArray<Double>,
                                                  seed: UInt64) throws -> Double {
        guard a.isMatrix else { throw SimilarityError.notAMatrix(operand: .first, shape: a.shape) }
        return try metric.score(a.selectingRows(order(rows: a.rows, compared: metric.comparedFrames(rows: a.rows), seed: seed)), b)
    }

    /// The control's reordering applied to a prepared kernel Gram over the compared frames (CKA's
    /// preparation, linear or RBF, any estimator): permuting A's frames by P permutes its Gram,
    /// K′ = P·K·Pᵀ, and the centring and the RBF bandwidth (a median over all pairs) do not
    /// depend on the order, so `metric.score(prepared: reorderedGram(K, …), L)` is the control of
    /// ``score(metric:_:_:seed:)`` without a second pass over A (equal up to the Gram's rounding).
    ///
    /// - Parameters:
    ///   - k: the Gram of A's compared frames (its last `k.rows` rows).
    ///   - rows: A's row count, compared frames included (as passed to ``score(metric:_:_:seed:)``).
    /// - Complexity: O(k.rows²).
    public static func reorderedGram(_ k: NDArray<Double>, rows: Int, seed: UInt64) -> NDArray<Double> {
        let n = k.rows
        precondition(k.isMatrix && k.columns == n && n <= rows, "reorderedGram: a square Gram over at most \(rows) frames")
        let fixed = rows - n
        let kept = order(rows: rows, compared: n, seed: seed)[fixed...].map { $0 - fixed }
        return k.withUnsafeBufferPointer { p in
            NDArray(shape: [n, n], generating: { index in p[kept[index / n] * n + kept[index % n]] })
        }
    }

    /// The row order: the first rows − compared rows in place, the rest permuted.
    public static func order(rows: Int, compared: Int, seed: UInt64) -> [Int] {
        let fixed = max(0, rows - compared)
        var rng = SplittableRandom(seed: seed)
        return Array(0..<fixed) + rng.permutation(rows - fixed).map { $0 + fixed }
    }
}
