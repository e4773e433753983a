import CortexNumerics

/// Time-series RSA: how similarly a model layer and a brain area represent the frames of a movie.
///
/// For each side, the RDM over frames with the correlation distance
///
///     d(i, j) = 1 − r(xᵢ, xⱼ),   r = Pearson correlation of the population vectors at frames i, j,
///
/// kept as its upper triangle (i < j, row-major; 899 frames → 403,651 values), then the two
/// triangles are compared (default: Spearman with ordinal ranks, r = 1 − 6Σd²/(n³ − n)). With
/// lags, brain frames t + k are compared with model frames t for each k.
///
/// ```swift
/// let result = try TSRSA.score(model: layer, brain: visp)           // the study's procedure
/// result.score                                                      // e.g. 0.52
/// let lagged = try TSRSA.score(model: layer, brain: visp, options: TSRSAOptions(lags: 0...5))
/// lagged.best.lag
/// ```
///
/// Performance: each side's frame Gram matrix is one streamed `syrk` (in the data's precision,
/// accumulated in `Double`); no copy of the data is made beyond one block; ranks are radix-sorted
/// and the rank correlation is one pass. Lags reuse the correlation matrices.
///
/// - Complexity: frames² × (units₁ + units₂) flops, O(frames²) memory, plus O(m) per lag for
///   m = frames(frames − 1)/2 pairs (O(m log m) for Kendall's τ).
/// - Reference: the study's code (github.com/Grasshlw/SNN-Neural-Similarity-Movie), arXiv 2306.01354.
public enum TSRSA {
    /// TSRSA between two in-memory frames × units matrices (any mix of `Float` and `Double`).
    /// - Throws: `.notAMatrix`, `.emptyInput`, `.rowCountMismatch`, `.tooFewRows` (< 3 frames
    ///   compared), `.nonFiniteEntry`, `.zeroVarianceRow` (policy `.error`), `.lagTooLarge`, and
    ///   the comparison's errors.
    public static func score<A: BLASScalar, B: BLASScalar>(
        model: NDArray<A>, brain: NDArray<B>, options: TSRSAOptions = TSRSAOptions()
    ) throws(SimilarityError) -> TSRSAResult {
        guard model.isMatrix else { throw .notAMatrix(operand: .first, shape: model.shape) }
        guard brain.isMatrix else { throw .notAMatrix(operand: .second, shape: brain.shape) }
        return try score(modelSource: model, brainSource: brain, options: options)
    }

    /// TSRSA between two streamed matrices (e.g. CortexIO's `NPYColumnSource`); equals the in-memory result.
    public static func score<M: ColumnChunkSource, B: ColumnChunkSource>(
        modelSource model: M, brainSource brain: B, options: TSRSAOptions = TSRSAOptions()
    ) throws(SimilarityError) -> TSRSAResult {
        guard model.rowCount == brain.rowCount else { throw .rowCountMismatch(first: model.rowCount, second: brain.rowCount) }
        let m = try FrameCorrelations(source: model, dropsFirstFrame: options.dropsFirstFrame, operand: .first,
                                      blockColumns: options.blockColumns, distance: options.distance)
        let b = try FrameCorrelations(source: brain, dropsFirstFrame: options.dropsFirstFrame, operand: .second,
                                      blockColumns: options.blockColumns, distance: options.distance)
        return try score(model: m, brain: b, options: options)
    }

    /// TSRSA from prepared frame correlations (`options.dropsFirstFrame` and `blockColumns` were
    /// applied when they were prepared).
    public static func score(model: FrameCorrelations, brain: FrameCorrelations,
                             options: TSRSAOptions = TSRSAOptions()) throws(SimilarityError) -> TSRSAResult {
        let n = model.frameCount
        guard n == brain.frameCount else {
            throw .rowCountMismatch(first: model.frameCount + model.firstFrame, second: brain.frameCount + brain.firstFrame)
        }
        let badModel = Set(model.zeroVarianceFrames), badBrain = Set(brain.zeroVarianceFrames)
        if options.zeroVariance == .error {
            if let f = model.zeroVarianceFrames.first { throw .zeroVarianceRow(operand: .first, row: f + model.firstFrame) }
            if let f = brain.zeroVarianceFrames.first { throw .zeroVarianceRow(operand: .second, row: f + brain.firstFrame) }
        }
        var scores: [TSRSALagScore] = []
        for lag in options.lags {
            // Model frame t pairs with brain frame t + lag.
            var pairs = Array(max(0, -lag)..<max(max(0, -lag), min(n, n - lag))).map { ($0, $0 + lag) }
            guard pairs.count >= 3 else { throw .lagTooLarge(lag: lag, frames: n, minimum: 3) }
            let involvesBad = pairs.contains { badModel.contains($0.0) || badBrain.contains($0.1) }
            if involvesBad && options.zeroVariance == .propagate {
                scores.append(TSRSALagScore(lag: lag, score: .nan, frameCount: pairs.count))
                continue
            }
            if involvesBad { pairs.removeAll { badModel.contains($0.0) || badBrain.contains($0.1) } }
            guard pairs.count >= 3 else { throw .tooFewRows(found: pairs.count, minimum: 3) }
            // Both sides ranked once in advance (``FrameCorrelations/ranked(for:)``) and this lag
            // compares the full RDMs: ρ from the stored ranks, exactly as ranking them here would.
            if lag == 0 && !involvesBad, case .spearman(let ties) = options.comparison,
               let rm = model.fullRanks, let rb = brain.fullRanks, rm.ties == ties, rb.ties == ties {
                scores.append(TSRSALagScore(lag: lag, score: try VectorCorrelation.spearman(ranks: rm.ranks, rb.ranks, ties: ties),
                                            frameCount: pairs.count))
                continue
            }
            let a = distances(model.correlations, frames: pairs.map(\.0))
            let b = distances(brain.correlations, frames: pairs.map(\.1))
            scores.append(TSRSALagScore(lag: lag, score: try options.comparison.compare(a, b), frameCount: pairs.count))
        }
        return TSRSAResult(lagScores: scores,
                           zeroVarianceModelFrames: model.zeroVarianceFrames.map { $0 + model.firstFrame },
                           zeroVarianceBrainFrames: brain.zeroVarianceFrames.map { $0 + brain.firstFrame })
    }

    /// Upper triangle of 1 − r over `frames` (i < j in list order), the frame RDM.
    static func distances(_ r: NDArray<Double>, frames: [Int]) -> [Double] {
        let (k, n) = (frames.count, r.rows)
        var out = [Double](repeating: 0, count: k * (k - 1) / 2)
        r.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                var index = 0
                for a in 0..<k {
                    let row = frames[a] * n
                    for b in (a + 1)..<max(a + 1, k) {
                        o[index] = 1 - p[row + frames[b]]
                        index += 1
                    }
                }
            }
        }
        return out
    }
}
