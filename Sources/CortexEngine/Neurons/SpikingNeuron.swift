/// A multi-step spiking neuron layer: maps input currents `[T, …]` and a state to spikes `[T, …]`
/// and the next state, with the fused kernel (forward and BPTT loops over T in one operation).
public protocol SpikingNeuron {
    associatedtype Scalar: TensorScalar
    var dynamics: NeuronDynamics { get }
    /// 1/τ = sigmoid(w) for learnable-τ neurons; `nil` otherwise.
    var decayParameter: Tensor<Scalar>? { get }
}

extension SpikingNeuron {
    public var decayParameter: Tensor<Scalar>? { nil }

    /// Runs T steps. With `state == nil` the layer starts from rest (a reset).
    /// - Returns: spikes `[T, …]` and the state after the last step.
    public func callAsFunction(_ input: Tensor<Scalar>, state: NeuronState<Scalar>? = nil)
        -> (spikes: Tensor<Scalar>, state: NeuronState<Scalar>) {
        let start = state ?? NeuronState(resting: Array(input.shape.dropFirst()), dynamics: dynamics)
        let (spikes, membrane) = input.spikingNeuron(initial: start.membrane, dynamics: dynamics,
                                                      decayParameter: decayParameter)
        return (spikes, NeuronState(membrane: membrane))
    }
}

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

/// Leaky integrate-and-fire neuron, decay-input form H = V + (X − (V − V_reset))/τ
/// (SpikingJelly `LIFNode(decay_input=True)`); τ in time steps.
public struct LIFNeuron<Scalar: TensorScalar>: SpikingNeuron, Layer {
    public var dynamics: NeuronDynamics

    public init(tau: Double = 2, threshold: Double = 1, reset: NeuronReset = .hard(0), detachReset: Bool = false,
                surrogate: any Surrogate = ATanSurrogate()) {
        dynamics = NeuronDynamics(charge: .leaky(tau: tau), threshold: threshold, reset: reset,
                                  detachReset: detachReset, surrogate: surrogate)
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Scalar>) -> Void) {}
}

/// Parametric LIF (Fang et al. 2021, SpikingJelly `ParametricLIFNode`): τ learned through
/// 1/τ = sigmoid(w), w initialised to −ln(τ₀ − 1) so that τ starts at τ₀. Parameter name `w`.
public struct PLIFNeuron<Scalar: TensorScalar>: SpikingNeuron, Layer {
    public var dynamics: NeuronDynamics
    /// w, one element.
    public var w: Tensor<Scalar>

    public init(initialTau: Double = 2, threshold: Double = 1, reset: NeuronReset = .hard(0),
                detachReset: Bool = false, surrogate: any Surrogate = ATanSurrogate()) {
        precondition(initialTau > 1, "PLIFNeuron: initial tau must exceed 1")
        dynamics = NeuronDynamics(charge: .parametricLeaky, threshold: threshold, reset: reset,
                                  detachReset: detachReset, surrogate: surrogate)
        w = Tensor(shape: [], scalars: [Scalar(-Foundation.log(initialTau - 1))])
    }

    public var decayParameter: Tensor<Scalar>? { w }

    /// The current τ = 1 + e^(−w).
    public var tau: Double { 1 + Foundation.exp(-Double(w.scalars[0])) }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Scalar>) -> Void) {
        body(prefix + "w", .parameter, &w)
    }
}

import Foundation
