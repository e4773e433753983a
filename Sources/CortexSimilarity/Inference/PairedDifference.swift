import CortexNumerics

/// Which of two models is more similar to the brain: the difference of their scores with a paired
/// interval and a paired p-value (``PairedDifference/compute(first:second:level:flips:seed:)``).
///
/// Pairing is what makes the test sensitive: both models are scored on the **same** resamples
/// (bootstrap: the same neurons drawn in replicate k) and the **same** frame blocks, so what the
/// two scores share (which neurons or frames happen to be easy) cancels in the difference.
///
/// - Interval: percentile interval of the paired bootstrap differences Δ*ₖ = a*ₖ − b*ₖ (NumPy's
///   linear quantiles).
/// - p-value: two-sided sign-flip test over K disjoint frame blocks: dⱼ = aⱼ − bⱼ is the score
///   difference within block j; under H₀ (no difference, dⱼ symmetric about 0) each sign is
///   equally likely, so T = |mean d| is compared with |mean(εⱼ dⱼ)| for random signs ε:
///   exact over all 2^K sign vectors when K ≤ ``exactLimit``, otherwise `flips` random ones, with
///   the +1 correction.
///
/// The two answer related but different questions (neurons resampled vs frames exchanged), so
/// an interval excluding 0 and p < 0.05 usually, but not always, go together.
public struct PairedDifference: Sendable, Hashable, Codable {
    /// First model's score minus the second's, on all the data.
    public var difference: Double
    /// Paired bootstrap interval of the difference (nil without replicates).
    public var lower: Double?
    public var upper: Double?
    /// Two-sided sign-flip p-value over frame blocks (nil with fewer than 2 finite block differences).
    public var pValue: Double?
    /// Number of frame blocks in the sign-flip test.
    public var blocks: Int
    /// Sign vectors used: 2^K when exact, else the random flips.
    public var flips: Int

    /// Above this many blocks the sign-flip test draws random sign vectors instead of all 2^K.
    public static let exactLimit = 16

    /// One side of a paired comparison: a model's score, its bootstrap replicates and block scores.
    public struct Side: Sendable, Hashable {
        public var score: Double
        public var replicates: [Double]
        public var blockScores: [Double]
        public init(score: Double, replicates: [Double], blockScores: [Double]) {
            self.score = score
            self.replicates = replicates
            self.blockScores = blockScores
        }
    }

    /// The paired difference `first − second`.
    /// - Parameters:
    ///   - level: the interval's confidence level.
    ///   - flips: random sign vectors when the blocks are more than ``exactLimit``.
    ///   - seed: the sign vectors' seed (random flips only).
    /// - Precondition: both sides have the same number of replicates and of blocks.
    public static func compute(first a: Side, second b: Side, level: Double, flips: Int = 10_000,
                               seed: UInt64) -> PairedDifference {
        precondition(a.replicates.count == b.replicates.count && a.blockScores.count == b.blockScores.count,
                     "PairedDifference: the sides are not paired")
        let deltas = zip(a.replicates, b.replicates).map { $0 - $1 }.filter(\.isFinite)
        var interval: (Double, Double)?
        if deltas.count >= 2, let q = try? Statistics.quantiles(deltas, [(1 - level) / 2, (1 + level) / 2]) {
            interval = (q[0], q[1])
        }
        let d = zip(a.blockScores, b.blockScores).map { $0 - $1 }.filter(\.isFinite)
        let test = signFlip(d, flips: flips, seed: seed)
        return PairedDifference(difference: a.score - b.score, lower: interval?.0, upper: interval?.1, pValue: test?.p,
                                blocks: d.count, flips: test?.count ?? 0)
    }

    /// Two-sided sign-flip p-value of mean(d) = 0: exact over all 2^K sign vectors for K ≤
    /// ``exactLimit`` (the identity included, so p ≥ 2^−K·2), else `flips` random vectors with
    /// p = (1 + #{null ≥ T}) / (1 + flips). nil for fewer than 2 differences.
    /// A null statistic counts as ≥ T within 1e-12·(1 + T), so sign vectors that give T exactly
    /// (e.g. all flipped) are not lost to rounding.
    public static func signFlip(_ d: [Double], flips: Int = 10_000, seed: UInt64) -> (p: Double, count: Int)? {
        let k = d.count
        guard k >= 2 else { return nil }
        let observed = abs(d.reduce(0, +)) / Double(k)
        let tolerance = 1e-12 * (1 + observed)
        func statistic(_ sign: (Int) -> Bool) -> Double {
            var s = 0.0
            for j in 0..<k { s += sign(j) ? -d[j] : d[j] }
            return abs(s) / Double(k)
        }
        if k <= exactLimit {
            let total = 1 << k
            var hits = 0
            for mask in 0..<total where statistic({ (mask >> $0) & 1 == 1 }) >= observed - tolerance { hits += 1 }
            return (Double(hits) / Double(total), total)
        }
        var rng = SplittableRandom(seed: seed)
        var hits = 0
        for _ in 0..<flips {
            let signs = (0..<k).map { _ in rng.uniformInt(below: 2) == 1 }
            if statistic({ signs[$0] }) >= observed - tolerance { hits += 1 }
        }
        return (Double(1 + hits) / Double(1 + flips), flips)
    }
}
