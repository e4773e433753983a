import CortexEngine

extension SpikingNeuronUnit {
    /// Batch normalisation, then this neuron layer: exactly
    /// `self(norm.normalize(x, mode: mode, renormalize: renormalize, pending: …), name: name, …)`.
    ///
    /// In `.inference` with nothing tracked (input, stored membrane, γ, β) and no monitor asking for
    /// the membrane potential, BN is folded into the fused neuron kernel as its per-channel affine
    /// map (``SpikingNeuron/callAsFunction(_:normalizedBy:mode:state:)``): one pass over the
    /// activations instead of two, with the same arithmetic (the tests compare both paths bit for
    /// bit). ReLU, training and traced membranes take the two calls.
    ///
    /// - Parameter pendingKey: where a renormalised BN keeps its batch statistics in `state`
    ///   (``NetworkState/pendingStatistics``); `nil` for a BN that never renormalises.
    public func callAsFunction<M: LayerMonitor>(_ x: Tensor<Float>, normalizedBy norm: inout BatchNorm2d<Float>,
                                                mode: ExecutionMode, renormalize: Bool = false, pendingKey: String?,
                                                name: String, state: inout NetworkState, monitor: inout M,
                                                firstStep: Int) -> Tensor<Float> {
        let previous = state.neurons[name]
        if mode == .inference, !x.isTracked, !(previous?.membrane.isTracked ?? false), !norm.weight.isTracked,
           !norm.bias.isTracked, x.rank == 5, !monitor.wants(name, .membranePotential) {
            let folded: (spikes: Tensor<Float>, state: NeuronState<Float>)?
            switch self {
            case .integrateAndFire(let n): folded = n(x, normalizedBy: &norm, mode: .inference, state: previous)
            case .leakyIntegrateAndFire(let n): folded = n(x, normalizedBy: &norm, mode: .inference, state: previous)
            case .rectifiedLinear: folded = nil
            }
            if let folded {
                state.neurons[name] = folded.state
                monitor.record(name, .output, steps: folded.spikes, firstStep: firstStep)
                return folded.spikes
            }
        }
        let y: Tensor<Float>
        if let pendingKey {
            y = norm.normalize(x, mode: mode, renormalize: renormalize, pending: &state.pendingStatistics[pendingKey, default: []])
        } else {
            y = norm(x, mode: mode)
        }
        return self(y, name: name, state: &state, monitor: &monitor, firstStep: firstStep)
    }
}
