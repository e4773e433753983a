import Foundation

/// Parametric LIF (Fang et al. 2021, SpikingJelly `ParametricLIFNode`): τ learned through
/// 1/τ = sigmoid(w), w initialised to −ln(τ₀ − 1) so that τ starts at τ₀. Parameter name `w`.
/// Charge H = V + (X − (V − V_reset))/τ, or H = V − (V − V_reset)/τ + X with `decayInput: false`.
public struct PLIFNeuron<Scalar: TensorScalar>: SpikingNeuron, Layer {
    public var dynamics: NeuronDynamics
    /// w, one element.
    public var w: Tensor<Scalar>

    public init(initialTau: Double = 2, threshold: Double = 1, reset: NeuronReset = .hard(0),
                detachReset: Bool = false, surrogate: any Surrogate = ATanSurrogate(), decayInput: Bool = true) {
        precondition(initialTau > 1, "PLIFNeuron: initial tau must exceed 1")
        dynamics = NeuronDynamics(charge: .parametricLeaky, threshold: threshold, reset: reset,
                                  detachReset: detachReset, surrogate: surrogate, decayInput: decayInput)
        w = Tensor(shape: [], scalars: [Scalar(-Foundation.log(initialTau - 1))])
    }

    public var decayParameter: Tensor<Scalar>? { w }

    /// The current τ = 1 + e^(−w).
    public var tau: Double { 1 + Foundation.exp(-Double(w.scalars[0])) }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Scalar>) -> Void) {
        body(prefix + "w", .parameter, &w)
    }
}
