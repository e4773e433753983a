#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Normal (Gaussian) draws by Marsaglia's polar method.
extension RandomNumberGenerator {
    /// A pair of independent standard normal values from Marsaglia's polar method.
    ///
    /// Draw u, v uniform in (−1, 1) (as 2·``uniformDouble()`` − 1, two draws) until
    /// 0 < s = u² + v² < 1 (acceptance π/4 ≈ 0.785); then
    ///
    ///     f = √(−2 ln s / s),   (z₁, z₂) = (u·f, v·f)
    ///
    /// are independent N(0, 1). Compared with Box–Muller it needs no sine or cosine: only `log`
    /// and `sqrt` (the latter correctly rounded by IEEE 754), so results depend on the platform's
    /// `log` only at the last-bit level; the underlying bits are pinned by the generator.
    ///
    /// - Complexity: O(1) expected; 4/π ≈ 1.27 pairs of draws on average.
    /// - Reference: G. Marsaglia, T. A. Bray, "A convenient method for generating normal
    ///   variables", SIAM Review 6(3), 1964.
    public mutating func standardNormalPair() -> (Double, Double) {
        while true {
            let u = 2 * uniformDouble() - 1
            let v = 2 * uniformDouble() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                return (u * factor, v * factor)
            }
        }
    }

    /// A standard normal value N(0, 1): the first value of ``standardNormalPair()`` (the second
    /// is discarded, so the value depends only on the draws consumed).
    ///
    /// ```swift
    /// let z = rng.standardNormal()
    /// ```
    ///
    /// - Complexity: O(1) expected.
    public mutating func standardNormal() -> Double {
        standardNormalPair().0
    }

    /// A normal value N(mean, standardDeviation²): `mean + standardDeviation · z`.
    ///
    /// - Precondition: `standardDeviation ≥ 0`.
    /// - Complexity: O(1) expected.
    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        precondition(standardDeviation >= 0, "normal: standardDeviation must be ≥ 0, got \(standardDeviation)")
        return mean + standardDeviation * standardNormal()
    }
}
