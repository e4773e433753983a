import Foundation

/// SpikingJelly's `Sigmoid` surrogate: σ(x) = 1/(1 + e^(−αx)),  σ′(x) = α·σ(x)·(1 − σ(x)).
/// SpikingJelly's default α = 4.
public struct SigmoidSurrogate: Surrogate, Hashable {
    /// Sharpness α (> 0).
    public var alpha: Double

    public init(alpha: Double = 4) {
        precondition(alpha > 0, "SigmoidSurrogate: alpha must be positive")
        self.alpha = alpha
    }

    public func primitive(_ x: Double) -> Double { 1 / (1 + exp(-alpha * x)) }

    public func derivative(_ x: Double) -> Double {
        let s = primitive(x)
        return alpha * s * (1 - s)
    }
}
