import CortexNumerics

/// A permutation test that accounts for choosing the best of several candidates (layers × lags)
/// on the same frames: in each permutation the **brain's** frames are reordered once (the same
/// reordering for every layer and lag), every candidate is rescored, and the **maximum** over
/// candidates enters the null distribution. The observed statistic is the in-sample best score,
/// so
///
///     p = (1 + #{k : max_c s_c(σ_k) ≥ max_c s_c}) / (1 + N)
///
/// is the p-value of the selected layer/lag with the selection included (a family-wise,
/// "max-statistic" test: Nichols & Holmes 2002). Candidates with a non-finite score are skipped,
/// as ``BestScore`` skips them.
///
/// Layers are fed one at a time (``include(layerScores:)``), so only one layer needs to be in
/// memory; the orders are fixed up front (``orders(scheme:frames:permutations:seed:)`` or given).
///
/// ```swift
/// var test = SelectionPermutation(orders: try SelectionPermutation.orders(
///     scheme: .circularShift(minimumShift: 30), frames: 898, permutations: 1000, seed: 7))
/// for layer in layers {
///     try test.include(tsrsa: layer, brain: visp, options: options)
/// }
/// test.result?.pValue
/// ```
///
/// Reference: T. E. Nichols, A. P. Holmes, "Nonparametric permutation tests for functional
/// neuroimaging", Hum. Brain Mapp. 15(1), 2002.
public struct SelectionPermutation: Sendable {
    /// The brain reorderings, one per permutation (new frame t shows old frame σ(t)).
    public let orders: [[Int]]
    /// The best finite observed score so far (−∞ before any).
    public private(set) var observed = -Double.infinity
    /// The maximum finite score of each permutation so far (−∞ before any).
    public private(set) var maxima: [Double]

    public init(orders: [[Int]]) {
        self.orders = orders
        maxima = [Double](repeating: -.infinity, count: orders.count)
    }

    /// The reorderings of a scheme (permutation k from `SplittableRandom(seed).derive(stream: k)`,
    /// as ``PermutationTest`` draws them).
    public static func orders(scheme: PermutationScheme, frames: Int, permutations: Int,
                              seed: UInt64) throws(SimilarityError) -> [[Int]] {
        try PermutationTest.reorderings(scheme: scheme, frames: frames, permutations: permutations, seed: seed)
    }

    /// The circular shifts σ(t) = (t + s) mod n for the given shifts (for explicit, reproducible tests).
    public static func circularShifts(_ shifts: [Int], frames n: Int) -> [[Int]] {
        shifts.map { s in (0..<n).map { (($0 + s) % n + n) % n } }
    }

    /// The test so far: the in-sample best against the null maxima; nil before any finite score.
    public var result: PermutationTestResult? {
        observed.isFinite ? PermutationTestResult(observed: observed, nullScores: maxima) : nil
    }

    /// Adds one candidate's scores: `observed` on the data, `null[k]` under permutation k.
    public mutating func include(observed score: Double, null: [Double]) {
        precondition(null.count == maxima.count, "SelectionPermutation: one null score per permutation")
        if score.isFinite && score > observed { observed = score }
        for k in maxima.indices where null[k].isFinite && null[k] > maxima[k] { maxima[k] = null[k] }
    }

    /// Adds one TSRSA layer: each lag of `options.lags` is a candidate (the layer's score is its
    /// best lag's, as ``TSRSAMetric`` scores). With one lag and a comparison whose ranks do not
    /// depend on frame order (the conditions of ``PermutationTest/tsrsa(model:brain:options:scheme:permutations:seed:workers:)``,
    /// for ordinal ties also on the brain side), each permutation is one O(n²) pass: reordering the
    /// brain by σ equals reordering the model by σ⁻¹. Otherwise the brain's correlations are
    /// reindexed and every lag rescored.
    public mutating func include(tsrsa model: FrameCorrelations, brain: FrameCorrelations, options: TSRSAOptions,
                                 workers: Int = ParallelFor.defaultWorkers) throws {
        let observedScore = try TSRSA.score(model: model, brain: brain, options: options).score
        let orders = self.orders
        if let kernel = try Self.brainShiftKernel(model: model, brain: brain, options: options) {
            let inverses = orders.map { order in
                var inverse = [Int](repeating: 0, count: order.count)
                for (t, s) in order.enumerated() { inverse[s] = t }
                return inverse
            }
            include(observed: observedScore,
                    null: ParallelFor.map(count: orders.count, workers: workers) { k in kernel.score(inverses[k]) })
            return
        }
        let null = ParallelFor.map(count: orders.count, workers: workers) { k in
            Result { () throws(SimilarityError) in
                try TSRSA.score(model: model, brain: brain.reindexed(orders[k]), options: options).score
            }
        }
        include(observed: observedScore, null: try null.map { try $0.get() })
    }

    /// Adds every TSRSA layer of a model at once: each permutation's brain is transformed once per
    /// lag and shared by all layers (``TSRSASelectionKernel``), which makes several lags as cheap as
    /// one; equal to calling ``include(tsrsa:brain:options:workers:)`` for each layer. Falls back to
    /// that for Kendall's τ, a brain with zero-variance frames, and each layer with zero-variance
    /// frames (whose compared frames then depend on the permutation).
    public mutating func include(tsrsaLayers layers: [FrameCorrelations], brain: FrameCorrelations, options: TSRSAOptions,
                                 workers: Int = ParallelFor.defaultWorkers) throws {
        let clean = brain.zeroVarianceFrames.isEmpty ? layers.filter { $0.zeroVarianceFrames.isEmpty } : []
        for model in layers where !(brain.zeroVarianceFrames.isEmpty && model.zeroVarianceFrames.isEmpty) {
            try include(tsrsa: model, brain: brain, options: options, workers: workers)
        }
        guard !clean.isEmpty else { return }
        let models = clean
        guard let kernel = try TSRSASelectionKernel(models: models, frames: brain.frameCount, options: options) else {
            for model in models { try include(tsrsa: model, brain: brain, options: options, workers: workers) }
            return
        }
        let observedScores = try models.map { try TSRSA.score(model: $0, brain: brain, options: options).score }
        let orders = self.orders
        let null = ParallelFor.map(count: orders.count, workers: workers) { k in
            Result { () throws(SimilarityError) in try kernel.layerScores(brain: brain, order: orders[k]) }
        }
        let perPermutation = try null.map { try $0.get() }
        for l in models.indices {
            include(observed: observedScores[l], null: perPermutation.map { $0[l] })
        }
    }

    /// Adds one layer under any metric: the brain matrices reordered by each order, re-prepared
    /// and scored against the prepared layer. Orders shorter than the brain's rows reorder its last
    /// rows — the frames a metric compares when it drops leading ones (``FramePolicyMetric``:
    /// frame 0 stays in place and is never shifted into the compared frames).
    /// - Complexity: permutations × (one brain preparation + one score).
    public mutating func include<M: SimilarityMetric>(metric: M, layer: M.Prepared, brain: NDArray<Double>,
                                                      workers: Int = ParallelFor.defaultWorkers) throws {
        let observedScore = try metric.score(prepared: layer, try metric.prepare(brain))
        let orders = self.orders
        let lead = max(0, brain.rows - (orders.first?.count ?? brain.rows))
        let null = ParallelFor.map(count: orders.count, workers: workers) { k in
            Result {
                let order = lead == 0 ? orders[k] : Array(0..<lead) + orders[k].map { $0 + lead }
                return try metric.score(prepared: layer, try metric.prepare(brain.selectingRows(order)))
            }
        }
        include(observed: observedScore, null: try null.map { try $0.get() })
    }

    /// The one-pass kernel when it equals rescoring with the brain reordered: one lag, and under
    /// ordinal ties no tied brain distances (ordinal ranks of tied values depend on position).
    private static func brainShiftKernel(model: FrameCorrelations, brain: FrameCorrelations,
                                         options: TSRSAOptions) throws -> TSRSAPermutationKernel? {
        guard options.lags.count == 1, options.lags.lowerBound == 0 else { return nil }
        if case .spearman(.ordinal) = options.comparison {
            guard brain.zeroVarianceFrames.isEmpty else { return nil }
            let d = TSRSA.distances(brain.correlations, frames: Array(0..<brain.frameCount))
            guard Set(d).count == d.count else { return nil }
        }
        return try TSRSAPermutationKernel(model: model, brain: brain, options: options)
    }
}
