#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution's CDF Φ and quantile Φ⁻¹.
public enum StandardNormal {
    /// Φ(x) = erfc(−x/√2)/2 (erfc keeps full relative precision in the lower tail).
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// Φ⁻¹(p) for p in (0, 1): −∞ at 0, +∞ at 1, NaN outside.
    ///
    /// By symmetry solves for p ≤ ½ (x ≤ 0): a starting value from the tail asymptote
    /// x ≈ −√(2L − ln(2L) − ln 2π), L = −ln p (p < 0.1), else from the logistic fit
    /// ln(p/(1 − p))/1.702; then Newton steps x ← x − (Φ(x) − p)/φ(x) kept inside a bracket that
    /// every step narrows (a step leaving it is replaced by bisection), to ~1e-15 relative.
    public static func quantile(_ p: Double) -> Double {
        guard p > 0 && p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
        if p > 0.5 { return -quantile(1 - p) }
        if p == 0.5 { return 0 }
        var lo = -40.0, hi = 0.0                        // Φ(lo) < p ≤ Φ(hi) for every p ≥ 1e-300
        var x: Double
        if p < 0.1 {
            let twoL = -2 * log(p)
            x = -(twoL - log(twoL) - log(2 * Double.pi)).squareRoot()
        } else {
            x = log(p / (1 - p)) / 1.702
        }
        for _ in 0..<200 {
            let difference = cdf(x) - p
            if difference < 0 { lo = x } else { hi = x }
            let density = exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            var next = density > 0 ? x - difference / density : .nan
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            let step = abs(next - x)
            x = next
            if step <= 1e-15 * max(1, abs(x)) || hi - lo <= 1e-15 * max(1, abs(x)) { break }
        }
        return x
    }
}
