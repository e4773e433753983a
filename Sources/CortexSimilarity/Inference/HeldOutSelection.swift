import CortexNumerics

/// The outcome of held-out selection over a list of candidates (layers × lags, layer-major).
public struct HeldOutScore: Sendable, Hashable, Codable {
    /// The candidate chosen on the first half (``BestScore``), scored on the second.
    public var chosenOnFirst: Int
    /// The candidate chosen on the second half, scored on the first.
    public var chosenOnSecond: Int
    /// Score of `chosenOnFirst` on the second half.
    public var scoreOnSecond: Double
    /// Score of `chosenOnSecond` on the first half.
    public var scoreOnFirst: Double

    /// The held-out score: the mean of the two directions.
    public var score: Double { (scoreOnSecond + scoreOnFirst) / 2 }

    public init(chosenOnFirst: Int, chosenOnSecond: Int, scoreOnSecond: Double, scoreOnFirst: Double) {
        self.chosenOnFirst = chosenOnFirst
        self.chosenOnSecond = chosenOnSecond
        self.scoreOnSecond = scoreOnSecond
        self.scoreOnFirst = scoreOnFirst
    }
}

/// Layer and lag selection without selection bias: picking the best of many layers (and lags)
/// and reporting its score on the same frames inflates the score, since the maximum of noisy
/// estimates is biased upward. Held-out selection chooses on one half of the data and scores the
/// choice on the other half, both ways, and averages:
///
///     ĉ₁ = argmax_c s₁(c),  ĉ₂ = argmax_c s₂(c),  held-out = ½ (s₂(ĉ₁) + s₁(ĉ₂))
///
/// where s_h(c) is candidate c's score on half h (``HeldOutSplit``: alternating frame blocks, or
/// even/odd repeats) and argmax follows ``BestScore`` (highest finite score, first on ties).
///
/// ```swift
/// let halves = HeldOutSelection.frameHalves(frames: 898, blockLength: 30)
/// let result = HeldOutSelection.select(first: [0.2, 0.5, 0.4], second: [0.3, 0.35, 0.45])
/// result?.score     // ½ (0.35 + 0.4) = 0.375
/// ```
///
/// Reference: the cross-validated selection of N. Kriegeskorte et al., "Circular analysis in
/// systems neuroscience: the dangers of double dipping", Nat. Neurosci. 12, 2009.
public enum HeldOutSelection {
    /// Held-out selection from each candidate's score on the two halves; nil when either half has
    /// no finite score.
    /// - Complexity: O(candidates).
    public static func select(first: [Double], second: [Double]) -> HeldOutScore? {
        precondition(first.count == second.count, "HeldOutSelection: the halves score different candidates")
        guard let c1 = BestScore.index(of: first), let c2 = BestScore.index(of: second) else { return nil }
        return HeldOutScore(chosenOnFirst: c1, chosenOnSecond: c2, scoreOnSecond: second[c1], scoreOnFirst: first[c2])
    }

    /// Frames `0..<frames` cut into consecutive blocks of `blockLength` (the last may be shorter):
    /// even-numbered blocks form the first half, odd-numbered ones the second.
    /// - Precondition: `blockLength ≥ 1`.
    public static func frameHalves(frames: Int, blockLength: Int) -> (first: [Int], second: [Int]) {
        precondition(blockLength >= 1, "HeldOutSelection: block length must be ≥ 1")
        var halves: ([Int], [Int]) = ([], [])
        for t in 0..<max(0, frames) {
            if (t / blockLength) % 2 == 0 { halves.0.append(t) } else { halves.1.append(t) }
        }
        return halves
    }

    /// Repeats `0..<repeats` split into even and odd ones.
    public static func repeatHalves(repeats: Int) -> (first: [Int], second: [Int]) {
        (Array(stride(from: 0, to: repeats, by: 2)), Array(stride(from: 1, to: repeats, by: 2)))
    }

    /// TSRSA's score at each lag of `options.lags` on the frames `frames` (indices of kept
    /// frames): for lag k the model frames t ∈ `frames` with 0 ≤ t + k < n are compared with
    /// brain frames t + k — the half's frame RDMs are the full ones restricted to those frames
    /// (a frame correlation depends on its two frames only), so nothing is recomputed from data.
    /// A lag with fewer than 3 frames in the half scores NaN.
    /// - Throws: the comparison's errors (e.g. `.zeroVarianceRow` under the `.error` policy).
    public static func tsrsaLagScores(model: FrameCorrelations, brain: FrameCorrelations, frames: [Int],
                                      options: TSRSAOptions) throws(SimilarityError) -> [Double] {
        let n = model.frameCount
        var single = options
        single.lags = 0...0
        var scores: [Double] = []
        for lag in options.lags {
            let kept = frames.filter { $0 + lag >= 0 && $0 + lag < n && $0 < n }
            guard kept.count >= 3 else { scores.append(.nan); continue }
            let result = try TSRSA.score(model: model.reindexed(kept), brain: brain.reindexed(kept.map { $0 + lag }),
                                         options: single)
            scores.append(result.score)
        }
        return scores
    }
}
