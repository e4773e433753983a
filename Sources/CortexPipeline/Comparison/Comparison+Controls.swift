import CortexNumerics
import CortexSimilarity

extension MetricChoice.Kind {
    /// Metrics reported with a shuffled-frames control: CKA can score high on unrelated frames
    /// when units outnumber frames, and CCA ties correlations at 1 when dimensions do.
    public var hasShuffledControl: Bool { [.ckaLinear, .ckaRBF, .ckaDebiased, .svcca, .pwcca].contains(self) }
}

extension StatisticsSeed {
    /// The seed of an area's shuffled-frames control: its permutation stream's seed, mixed once more
    /// (so the control's order differs from every permutation of the test).
    public static func controlSeed(_ base: UInt64, area: String) -> UInt64 {
        mix(seed(base, area: area, purpose: .permutation) &+ 0x13)
    }
}

extension Comparison {
    /// The shuffled-frames control (and SVCCA/PWCCA's dimensions) of each area's best layer, for
    /// the kinds with ``MetricChoice/Kind/hasShuffledControl``; nil for the others.
    ///
    /// CKA permutes the prepared kernel Gram of the layer's kept frames (K ↦ PKPᵀ, equal to the
    /// Gram of the permuted frames), so no layer is decoded; SVCCA/PWCCA decode the best layer
    /// as the statistics do. The permutation of the kept frames is that of
    /// ``ShuffledFramesControl`` with the same seed, so `cortex similarity` gives the same control.
    static func controls<L: LayerAccess>(scores: ModelScores, access: L, brain: [(area: String, matrix: NDArray<Double>)],
                                         choice: MetricChoice, seed: UInt64) throws -> [AreaControl]? {
        guard choice.kind.hasShuffledControl else { return nil }
        var out: [AreaControl] = []
        for (a, entry) in brain.enumerated() {
            guard let best = BestScore.index(of: scores.scores.map { $0[a] }) else { continue }
            let layer = scores.layers[best].name
            let score = scores.scores[best][a]
            let areaSeed = StatisticsSeed.controlSeed(seed, area: entry.area)
            var control = AreaControl(area: entry.area, layer: layer, score: score.isFinite ? score : nil, control: nil, seed: areaSeed)
            do {
                switch choice.kind {
                case .ckaLinear, .ckaRBF, .ckaDebiased:
                    let cka = FramePolicyMetric(ckaMetric(choice), policy: choice.framePolicy)
                    let k = try access.prepare(cka, layer: layer)
                    let order = ShuffledFramesControl.order(rows: k.rows, compared: k.rows, seed: areaSeed)
                    let n = k.rows
                    let permuted = NDArray<Double>(shape: [n, n]) { (e: Int) -> Double in k.scalars[order[e / n] * n + order[e % n]] }
                    control.control = try cka.score(prepared: permuted, try cka.prepare(entry.matrix))
                default:
                    let x = try access.features(of: layer)
                    if let cca = try choice.ccaAnalysis(x, entry.matrix) {
                        (control.kX, control.kY, control.n, control.warning) = (cca.kx, cca.ky, cca.frames, cca.warning)
                    }
                    control.control = try shuffledControl(choice.metric(), x, entry.matrix, seed: areaSeed)
                }
            } catch {
                control.warning = [control.warning, "control: \(error)"].compactMap { $0 }.joined(separator: "; ")
            }
            out.append(control)
        }
        return out
    }

    private static func shuffledControl<M: SimilarityMetric>(_ metric: M, _ x: NDArray<Double>, _ y: NDArray<Double>,
                                                             seed: UInt64) throws -> Double {
        try ShuffledFramesControl.score(metric: metric, x, y, seed: seed)
    }

    private static func ckaMetric(_ choice: MetricChoice) -> CKAMetric {
        switch choice.kind {
        case .ckaRBF: CKAMetric(kernel: .rbf(threshold: choice.rbfThreshold), estimator: .biased)
        case .ckaDebiased: CKAMetric(kernel: .linear, estimator: .unbiased)
        default: CKAMetric(kernel: .linear, estimator: .biased)
        }
    }
}
