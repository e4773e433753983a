import CortexNumerics

/// The max-over-layers × lags permutation statistic of TSRSA with each permutation's brain
/// transformed **once** and shared by every layer (``SelectionPermutation/include(tsrsaLayers:brain:options:workers:)``).
///
/// For lag k the compared model frames T = {t : 0 ≤ t + k < n} are fixed, so each layer's
/// transformed RDM over T (centred ranks for Spearman and ρ_a, centred values for Pearson, values
/// for cosine) is computed once. Under a reordering σ of the brain the brain RDM over the frames
/// σ(T + k) is transformed (one ranking per lag and permutation, whatever the number of layers)
/// and every layer scores as one dot product:
///
///     ρ = c · Σ x̃ᵢ ỹᵢ,   c = 12/(m³ − m) (ordinal Spearman, ρ_a) or 1/√(Σx̃² Σỹ²) (average-tie Spearman, Pearson, cosine)
///
/// which equals ``TSRSA/score(model:brain:options:)`` on the reindexed brain (ordinal ranks are a
/// permutation of 1…m, so 1 − 6Σd²/(m³ − m) = 12Σx̃ỹ/(m³ − m)). Not applicable (nil) to Kendall's
/// τ or when a zero-variance frame makes some RDM undefined.
///
/// - Complexity: per permutation, lags × (one O(m) ranking + layers × O(m)), m = |T|(|T| − 1)/2;
///   memory layers × lags × m values.
struct TSRSASelectionKernel: Sendable {
    let comparison: RDMComparison
    let lags: [Int]
    let frames: Int
    /// `models[layer][lagIndex]`: the transformed model RDM; `norms` its Σx̃².
    let models: [[[Double]]]
    let norms: [[Double]]

    init?(models layers: [FrameCorrelations], frames n: Int, options: TSRSAOptions) throws {
        switch options.comparison {
        case .kendallTauA, .kendallTauB: return nil
        default: break
        }
        guard layers.allSatisfy({ $0.zeroVarianceFrames.isEmpty && $0.frameCount == n }) else { return nil }
        comparison = options.comparison
        lags = Array(options.lags)
        frames = n
        var models: [[[Double]]] = []
        var norms: [[Double]] = []
        for layer in layers {
            var perLag: [[Double]] = [], perLagNorm: [Double] = []
            for lag in lags {
                let t = Self.modelFrames(lag: lag, frames: n)
                guard t.count >= 3 else { throw SimilarityError.lagTooLarge(lag: lag, frames: n, minimum: 3) }
                let x = try Self.transform(TSRSA.distances(layer.correlations, frames: t), comparison)
                perLag.append(x)
                perLagNorm.append(x.reduce(0) { $0 + $1 * $1 })
            }
            models.append(perLag)
            norms.append(perLagNorm)
        }
        self.models = models
        self.norms = norms
    }

    /// Model frames t of lag k: 0 ≤ t < n and 0 ≤ t + k < n.
    static func modelFrames(lag: Int, frames n: Int) -> [Int] {
        Array(max(0, -lag)..<max(max(0, -lag), min(n, n - lag)))
    }

    /// The comparison's transform of one RDM: centred ranks, centred values or values.
    static func transform(_ d: [Double], _ comparison: RDMComparison) throws(SimilarityError) -> [Double] {
        let m = Double(d.count)
        switch comparison {
        case .spearman(let ties):
            let r = try VectorCorrelation.ranks(d, d, ties: ties).0
            return r.map { $0 - (m + 1) / 2 }
        case .rhoA:
            let r = try VectorCorrelation.ranks(d, d, ties: .average).0
            return r.map { $0 - (m + 1) / 2 }
        case .pearson:
            let mean = d.reduce(0, +) / m
            return d.map { $0 - mean }
        case .cosine, .kendallTauA, .kendallTauB:
            return d
        }
    }

    /// Each layer's best-lag score with the brain reordered by `order` (new frame t shows old σ(t)).
    func layerScores(brain: FrameCorrelations, order: [Int]) throws(SimilarityError) -> [Double] {
        var best = [Double](repeating: -.infinity, count: models.count)
        var bestIsSet = [Bool](repeating: false, count: models.count)
        for (j, lag) in lags.enumerated() {
            let t = Self.modelFrames(lag: lag, frames: frames)
            let y = try Self.transform(TSRSA.distances(brain.correlations, frames: t.map { order[$0 + lag] }), comparison)
            let yNorm = y.reduce(0) { $0 + $1 * $1 }
            let m = Double(y.count)
            for l in models.indices {
                let x = models[l][j]
                var sum = 0.0
                x.withUnsafeBufferPointer { xp in
                    y.withUnsafeBufferPointer { yp in
                        for i in 0..<xp.count { sum += xp[i] * yp[i] }
                    }
                }
                let score: Double
                switch comparison {
                case .spearman(.ordinal), .rhoA: score = 12 * sum / (m * m * m - m)
                default: score = sum / (norms[l][j] * yNorm).squareRoot()
                }
                let clamped = min(1, max(-1, score))
                // The first finite best lag wins (``BestScore``).
                if clamped.isFinite && (!bestIsSet[l] || clamped > best[l]) {
                    best[l] = clamped
                    bestIsSet[l] = true
                }
            }
        }
        return zip(best, bestIsSet).map { $1 ? $0 : .nan }
    }
}
