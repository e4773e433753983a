import Foundation

/// Leaky integrate-and-fire neuron, decay-input form H = V + (X − (V − V_reset))/τ
/// (SpikingJelly `LIFNode(decay_input=True)`), or with `decayInput: false`
/// H = V − (V − V_reset)/τ + X (`decay_input=False`); τ in time steps.
public struct LIFNeuron<Scalar: TensorScalar>: SpikingNeuron, Layer {
    public var dynamics: NeuronDynamics

    public init(tau: Double = 2, threshold: Double = 1, reset: NeuronReset = .hard(0), detachReset: Bool = false,
                surrogate: any Surrogate = ATanSurrogate(), decayInput: Bool = true) {
        dynamics = NeuronDynamics(charge: .leaky(tau: tau), threshold: threshold, reset: reset,
                                  detachReset: detachReset, surrogate: surrogate, decayInput: decayInput)
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Scalar>) -> Void) {}
}
