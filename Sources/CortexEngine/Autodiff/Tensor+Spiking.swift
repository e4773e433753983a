/// Spike generation primitives.
extension Tensor {
    /// Θ(x) (1 where x ≥ 0, else 0) with the surrogate's σ′(x) as its backward rule.
    @_specialize(where Scalar == Float)
    public func heaviside(surrogate: any Surrogate) -> Tensor {
        Tensor.record(Elementwise.map(scalars) { $0 >= 0 ? 1 : 0 }, shape: shape, inputs: [self],
                      .heaviside(input: scalars, surrogate: surrogate))
    }

    /// Runs `dynamics` over the leading time axis of `self` (`[T, …]`) with the fused kernel.
    ///
    /// - Parameters:
    ///   - initial: V₀, shaped as one time step.
    ///   - decayParameter: for `.parametricLeaky`, the one-element w with 1/τ = sigmoid(w).
    /// - Returns: spikes `[T, …]` and the final membrane potential V_T (both differentiable, so
    ///   BPTT continues across calls that pass V_T on as the next V₀).
    @_specialize(where Scalar == Float)
    public func spikingNeuron(initial: Tensor, dynamics: NeuronDynamics,
                              decayParameter: Tensor? = nil) -> (spikes: Tensor, membrane: Tensor) {
        precondition(rank >= 1 && Array(shape.dropFirst()) == initial.shape,
                     "Tensor.spikingNeuron: input \(shape) does not match state \(initial.shape)")
        let steps = shape[0]
        let k: Scalar = dynamics.decayFactor(decayParameter: decayParameter)
        let hasDecay: Bool = { if case .parametricLeaky = dynamics.charge { return true }; return false }()
        let tracked = isTracked || initial.isTracked || (hasDecay && decayParameter!.isTracked)
        let (spikes, final, trace) = NeuronKernel.forward(input: scalars, initial: initial.scalars, steps: steps,
                                                          dynamics: dynamics, decay: k, saveTrace: tracked)
        guard tracked, let trace else {
            // Inference: no trace, no joint tensor, no copies.
            return (Tensor(shape: shape, scalars: spikes), Tensor(shape: initial.shape, scalars: final))
        }
        let inputs = hasDecay ? [self, initial, decayParameter!] : [self, initial]
        let joint = Tensor.record(spikes + final, shape: [steps + 1] + initial.shape, inputs: inputs,
                                  .spikingNeuron(trace, hasDecayParameter: hasDecay))
        return (joint.slice(along: 0, 0..<steps), joint.step(steps))
    }
}

extension NeuronDynamics {
    /// k = 1/τ of the charge equation: 1 for IF, 1/τ for LIF, sigmoid(w) for parametric LIF
    /// (`decayParameter` is the one-element w).
    func decayFactor<Scalar: TensorScalar>(decayParameter: Tensor<Scalar>?) -> Scalar {
        switch charge {
        case .integrate: return 1
        case .leaky(let tau):
            precondition(tau >= 1, "Tensor.spikingNeuron: tau must be ≥ 1 time step")
            return Scalar(1 / tau)
        case .parametricLeaky:
            guard let w = decayParameter, w.count == 1 else {
                preconditionFailure("Tensor.spikingNeuron: .parametricLeaky needs a one-element decay parameter")
            }
            return 1 / (1 + Scalar.exponential(-w.scalars[0]))
        }
    }
}
