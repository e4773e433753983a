import Foundation

/// SpikingJelly's `ATan` surrogate:
///
///     σ(x) = arctan(π·α·x/2)/π + 1/2,    σ′(x) = (α/2) / (1 + (π·α·x/2)²)
///
/// α = 2 is SpikingJelly's default and the reference study's choice.
public struct ATanSurrogate: Surrogate, Hashable {
    /// Sharpness α (> 0); larger approaches the step.
    public var alpha: Double

    public init(alpha: Double = 2) {
        precondition(alpha > 0, "ATanSurrogate: alpha must be positive")
        self.alpha = alpha
    }

    public func primitive(_ x: Double) -> Double { atan(Double.pi * alpha * x / 2) / Double.pi + 0.5 }

    public func derivative(_ x: Double) -> Double {
        let u = Double.pi * alpha * x / 2
        return (alpha / 2) / (1 + u * u)
    }

    @inlinable
    public func derivative<S: TensorScalar>(scalar x: S) -> S {
        let u = S(Double.pi * alpha / 2) * x
        return S(alpha / 2) / (1 + u * u)
    }
}
