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
