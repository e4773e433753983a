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
}
