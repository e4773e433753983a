import Foundation

/// Integrate-and-fire neuron: H = V + X, no leak (SpikingJelly `IFNode`).
public struct IFNeuron<Scalar: TensorScalar>: SpikingNeuron, Layer {
    public var dynamics: NeuronDynamics

    public init(threshold: Double = 1, reset: NeuronReset = .hard(0), detachReset: Bool = false,
                surrogate: any Surrogate = ATanSurrogate()) {
        dynamics = NeuronDynamics(charge: .integrate, threshold: threshold, reset: reset,
                                  detachReset: detachReset, surrogate: surrogate)
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Scalar>) -> Void) {}
}
