#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Poisson draws: Knuth's multiplication method for small means, Hörmann's PTRS above.
extension RandomNumberGenerator {
    /// A Poisson(λ) count, exact in distribution for every finite λ ≥ 0.
    ///
    ///     P(k) = λᵏ e^(−λ) / k!,   k = 0, 1, 2, …
    ///
    /// * λ = 0 returns 0 without drawing.
    /// * λ < 10 — Knuth's multiplication method: the smallest k with
    ///   u₁·u₂·…·u_{k+1} ≤ e^(−λ) (using uniforms in (0, 1]); λ + 1 draws on average.
    /// * λ ≥ 10 — Hörmann's PTRS (transformed rejection with squeeze): a candidate
    ///   k = ⌊(2a/uₛ + b)·U + λ + 0.43⌋ from U uniform in [−½, ½), uₛ = ½ − |U|, accepted at once
    ///   in a cheap squeeze region and otherwise by comparing with log P(k) (using the Stirling
    ///   series for log k!). About 1.15 pairs of draws per value for any λ, so λ = 10⁶ costs the
    ///   same as λ = 10.
    ///
    /// ```swift
    /// let spikes = rng.poisson(mean: 4.2)
    /// ```
    ///
    /// - Precondition: λ is finite and ≥ 0 (and below 2⁶², so the count fits in `Int`).
    /// - Complexity: O(λ) expected for λ < 10, O(1) expected for λ ≥ 10.
    /// - Reference: D. E. Knuth, TAOCP vol. 2, §3.4.1; W. Hörmann, "The transformed rejection
    ///   method for generating Poisson random variables", Insurance: Mathematics and Economics
    ///   12(1), 1993, 39–45.
    public mutating func poisson(mean lambda: Double) -> Int {
        precondition(lambda.isFinite && lambda >= 0 && lambda < 0x1p62,
                     "poisson(mean:): mean must be finite and in [0, 2⁶²), got \(lambda)")
        if lambda == 0 { return 0 }
        return lambda < 10 ? poissonByMultiplication(lambda) : poissonByPTRS(lambda)
    }

    /// Knuth's method; uniforms are taken in (0, 1] as 1 − u so the product never hits 0 early.
    private mutating func poissonByMultiplication(_ lambda: Double) -> Int {
        let limit = exp(-lambda)
        var product = 1 - uniformDouble()
        var count = 0
        while product > limit {
            count += 1
            product *= 1 - uniformDouble()
        }
        return count
    }

    /// Hörmann's PTRS with the constants of the paper (as also used by NumPy).
    private mutating func poissonByPTRS(_ lambda: Double) -> Int {
        let rootLambda = lambda.squareRoot()
        let logLambda = log(lambda)
        let b = 0.931 + 2.53 * rootLambda
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let squeezeLimit = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniformDouble() - 0.5
            let v = uniformDouble()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
            if us >= 0.07 && v <= squeezeLimit { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            // Also rejects a non-finite k (us = 0) and absurdly large k, whose log P(k) is −∞.
            if k.isFinite && k < 0x1p62
                && log(v) + log(inverseAlpha) - log(a / (us * us) + b)
                    <= -lambda + k * logLambda - Self.logFactorial(k) {
                return Int(k)
            }
        }
    }

    /// log k! for a non-negative integer-valued `k`: exact sum of logs below 10, otherwise the
    /// Stirling series
    ///
    ///     log k! = (k + ½) log k − k + ½ log 2π + 1/(12k) − 1/(360k³) + 1/(1260k⁵) − 1/(1680k⁷)
    ///
    /// whose truncation error is below 1/(1188 k⁹) < 10⁻¹² for k ≥ 10. Self-contained so the
    /// result does not depend on a platform `lgamma`.
    static func logFactorial(_ k: Double) -> Double {
        if k < 10 {
            var sum = 0.0
            var i = 2.0
            while i <= k {
                sum += log(i)
                i += 1
            }
            return sum
        }
        let inverse = 1 / k
        let inverse2 = inverse * inverse
        let series = inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 / 1680)))
        return (k + 0.5) * log(k) - k + 0.918_938_533_204_672_7 + series
    }
}
