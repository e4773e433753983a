import CortexNumerics

/// How a bootstrap confidence interval is read off the replicates θ*₁…θ*_B of an estimate θ̂ at
/// level L (Efron & Tibshirani 1993, ch. 13–14; Davison & Hinkley 1997, §5.2–5.3). With q(u) the
/// u-quantile of the replicates (NumPy's linear definition):
public enum BootstrapIntervalMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// [q((1 − L)/2), q((1 + L)/2)]. Inherits any bias of the resampled statistic: resampling
    /// neurons with replacement duplicates units and lowers RDM correlations, so the interval can
    /// lie below θ̂.
    case percentile
    /// The basic (reverse-percentile) interval [2θ̂ − q((1 + L)/2), 2θ̂ − q((1 − L)/2)]: assumes
    /// θ* − θ̂ behaves like θ̂ − θ, so a downward bias of the replicates moves the interval up.
    case basic
    /// The bias-corrected percentile interval: [q(Φ(2z₀ + z_(1−L)/2)), q(Φ(2z₀ + z_(1+L)/2))],
    /// z₀ = Φ⁻¹(#{θ* < θ̂} + ½#{θ* = θ̂})/B), the fraction clamped to [1/(2B), 1 − 1/(2B)] (BCa
    /// with acceleration 0). Stays within the range of the replicates.
    case biasCorrected = "bc"
    /// The bias-corrected and accelerated interval (BCa; Efron & Tibshirani 1993, §14.3):
    /// [q(α₁), q(α₂)] with αᵢ = Φ(z₀ + (z₀ + zᵢ)/(1 − a(z₀ + zᵢ))), z₁,₂ = z_(1∓L)/2, z₀ as for
    /// ``biasCorrected`` and the acceleration a from a jackknife (``Bootstrap/acceleration(jackknife:)``);
    /// with a = 0 it equals ``biasCorrected``. Matches `scipy.stats.bootstrap(method='BCa')` given the
    /// same replicates and jackknife values (scipy does not clamp z₀; see ``biasCorrected``). The
    /// default of `cortex compare` and batch reports.
    case bca

    /// The interval's bounds from the replicates; `acceleration` is BCa's a (ignored by the other methods).
    /// - Throws: the quantile's errors (empty or non-finite replicates).
    public func bounds(estimate: Double, replicates: [Double], level: Double,
                       acceleration: Double = 0) throws -> (lower: Double, upper: Double) {
        let tail = (1 - level) / 2
        switch self {
        case .bca:
            let z0 = Self.biasCorrection(estimate: estimate, replicates: replicates)
            func alpha(_ z: Double) -> Double {
                let shifted = z0 + z
                return StandardNormal.cdf(z0 + shifted / (1 - acceleration * shifted))
            }
            let q = try Statistics.quantiles(replicates, [alpha(StandardNormal.quantile(tail)),
                                                          alpha(StandardNormal.quantile(1 - tail))])
            return (q[0], q[1])
        case .percentile:
            let q = try Statistics.quantiles(replicates, [tail, 1 - tail])
            return (q[0], q[1])
        case .basic:
            let q = try Statistics.quantiles(replicates, [tail, 1 - tail])
            return (2 * estimate - q[1], 2 * estimate - q[0])
        case .biasCorrected:
            let z0 = Self.biasCorrection(estimate: estimate, replicates: replicates)
            let lower = StandardNormal.cdf(2 * z0 + StandardNormal.quantile(tail))
            let upper = StandardNormal.cdf(2 * z0 + StandardNormal.quantile(1 - tail))
            let q = try Statistics.quantiles(replicates, [lower, upper])
            return (q[0], q[1])
        }
    }

    /// z₀ = Φ⁻¹((#{θ* < θ̂} + ½#{θ* = θ̂})/B), the fraction clamped to [1/(2B), 1 − 1/(2B)] so that
    /// an estimate outside the replicates gives a finite z₀.
    static func biasCorrection(estimate: Double, replicates: [Double]) -> Double {
        let b = Double(replicates.count)
        let below = Double(replicates.filter { $0 < estimate }.count)
        let tied = Double(replicates.filter { $0 == estimate }.count)
        return StandardNormal.quantile(min(max((below + tied / 2) / b, 1 / (2 * b)), 1 - 1 / (2 * b)))
    }
}
