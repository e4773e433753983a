/// A surrogate gradient for the spike function: the forward pass is the Heaviside step
/// Θ(x) (1 if x ≥ 0, else 0), the backward pass uses σ′(x) of a smooth primitive σ ≈ Θ.
///
/// Conforming types are small values (pass them, do not register them); the neuron kernels call
/// ``derivative(_:)`` once per element and time step. Tests check ``derivative(_:)`` against
/// central differences of ``primitive(_:)``.
public protocol Surrogate: Sendable {
    /// The smooth primitive σ(x) whose derivative replaces Θ′ = δ.
    func primitive(_ x: Double) -> Double
    /// σ′(x).
    func derivative(_ x: Double) -> Double
    /// σ′(x) in the engine's scalar type, called per element by the fused neuron kernel. The
    /// default converts through ``derivative(_:)``; surrogates override it with arithmetic in `S`
    /// so the kernel's loop vectorises (tests check both forms agree).
    func derivative<S: TensorScalar>(scalar x: S) -> S
}

extension Surrogate {
    @inlinable
    public func derivative<S: TensorScalar>(scalar x: S) -> S { S(derivative(Double(x))) }
}
