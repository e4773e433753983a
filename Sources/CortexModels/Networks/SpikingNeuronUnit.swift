import CortexEngine

/// One spiking neuron layer of the networks, IF or LIF, with the study's constants: V_th = 1,
/// hard reset to V_reset = 0, reset detached from the graph, ATan surrogate α = 2, τ = 2 for LIF
/// (decay-input: H_t = V_{t−1} + (X_t − (V_{t−1} − V_reset))/τ).
///
/// It has no parameters; its membrane potential lives in ``NetworkState`` under the module path.
/// ``rectifiedLinear`` is the non-spiking twin's ReLU in the same place: stateless, max(0, x).
public enum SpikingNeuronUnit {
    case integrateAndFire(IFNeuron<Float>)
    case leakyIntegrateAndFire(LIFNeuron<Float>)
    case rectifiedLinear

    /// - Parameter constants: threshold and τ (default: the study's 1 and 2).
    public init(_ kind: NeuronKind, constants: NeuronConstants = .study) {
        let (threshold, tau) = (constants.threshold, constants.tau)
        switch kind {
        case .integrateAndFire:
            self = .integrateAndFire(IFNeuron(threshold: threshold, reset: .hard(0), detachReset: true,
                                              surrogate: ATanSurrogate(alpha: 2)))
        case .leakyIntegrateAndFire:
            self = .leakyIntegrateAndFire(LIFNeuron(tau: tau, threshold: threshold, reset: .hard(0), detachReset: true,
                                                    surrogate: ATanSurrogate(alpha: 2)))
        case .rectifiedLinear:
            self = .rectifiedLinear
        }
    }

    /// Runs the T steps of `x` `[T, …]` from the state stored under `name` (rest when absent) and
    /// stores the state after the last step.
    public func callAsFunction(_ x: Tensor<Float>, name: String, state: inout NetworkState) -> Tensor<Float> {
        var none = NoMonitor()
        return callAsFunction(x, name: name, state: &state, monitor: &none, firstStep: 0)
    }

    /// The same, handing the spikes (``MonitorSignal/output``) and, when wanted, the membrane
    /// potential after each step (``MonitorSignal/membranePotential``) to `monitor` under `name`.
    public func callAsFunction<M: LayerMonitor>(_ x: Tensor<Float>, name: String, state: inout NetworkState,
                                                monitor: inout M, firstStep: Int) -> Tensor<Float> {
        if case .rectifiedLinear = self {                   // no state, no membrane potential
            let out = x.relu()
            monitor.record(name, .output, steps: out, firstStep: firstStep)
            return out
        }
        let previous = state.neurons[name]
        var result: (spikes: Tensor<Float>, state: NeuronState<Float>)
        if monitor.wants(name, .membranePotential) {
            let traced: (spikes: Tensor<Float>, membrane: Tensor<Float>, state: NeuronState<Float>)
            let start = previous.map { NeuronState(membrane: $0.membrane.detached()) }
            switch self {
            case .integrateAndFire(let n): traced = n.runRecordingMembrane(x.detached(), state: start)
            case .leakyIntegrateAndFire(let n): traced = n.runRecordingMembrane(x.detached(), state: start)
            case .rectifiedLinear: preconditionFailure("SpikingNeuronUnit: ReLU has no membrane")
            }
            monitor.record(name, .membranePotential, steps: traced.membrane, firstStep: firstStep)
            // Training keeps the tracked path for BPTT; inference reuses the traced run.
            result = x.isTracked || (previous?.membrane.isTracked ?? false) ? run(x, previous) : (traced.spikes, traced.state)
        } else {
            result = run(x, previous)
        }
        state.neurons[name] = result.state
        monitor.record(name, .output, steps: result.spikes, firstStep: firstStep)
        return result.spikes
    }

    private func run(_ x: Tensor<Float>, _ previous: NeuronState<Float>?) -> (spikes: Tensor<Float>, state: NeuronState<Float>) {
        switch self {
        case .integrateAndFire(let n): return n(x, state: previous)
        case .leakyIntegrateAndFire(let n): return n(x, state: previous)
        case .rectifiedLinear: preconditionFailure("SpikingNeuronUnit: ReLU has no state")
        }
    }
}

/// The dynamic state of a network between calls: every neuron's membrane potential (by module
/// path, e.g. `layer2.0.sn1`) and LoRaFB-SNet's feedback O_{t−1} per stage (`[1, B, C, H, W]`).
///
/// Pass the state a call returned to continue a movie; a fresh `NetworkState()` is a reset.
public struct NetworkState {
    public var neurons: [String: NeuronState<Float>]
    /// Stage index (0…3) → the stage's output at the previous time step.
    public var feedback: [Int: Tensor<Float>]
    /// Batch statistics of renormalised BNs (by module path) awaiting their once-per-forward update.
    public var pendingStatistics: [String: [BatchStatistics]]

    public init() {
        neurons = [:]
        feedback = [:]
        pendingStatistics = [:]
    }

    /// The same values without graph tracking (truncates BPTT between chunks).
    public func detached() -> NetworkState {
        var copy = self
        copy.neurons = neurons.mapValues { NeuronState(membrane: $0.membrane.detached()) }
        copy.feedback = feedback.mapValues { $0.detached() }
        return copy
    }
}
