import CortexEngine

/// What a spiking transformer's forward pass carries through its modules: the layers asked for
/// and those recorded so far, the monitor's step offset, and the neurons' constants.
///
/// The neurons are SpikingJelly's `MultiStepLIFNode(tau=2.0, detach_reset=True)` as the reference
/// code builds them: decay-input LIF, τ = 2, hard reset to 0, reset detached, spike at H ≥ θ, and
/// its default surrogate (sigmoid, α = 4); θ = 1 except the attention neurons' θ = 0.5.
struct TransformerRecording {
    let recording: Set<String>
    var recorded: [String: Tensor<Float>] = [:]
    let firstStep: Int

    init(recording: Set<String>, firstStep: Int) {
        self.recording = recording
        self.firstStep = firstStep
    }

    /// Keeps `value` when `name` was asked for and hands it to `monitor` as the layer's output.
    mutating func record<M: LayerMonitor>(_ name: String, _ value: Tensor<Float>, monitor: inout M) {
        if recording.contains(name) { recorded[name] = value }
        monitor.record(name, .output, steps: value, firstStep: firstStep)
    }

    /// The LIF neuron of the reference code with threshold `threshold`.
    static func neuron(threshold: Double = 1) -> SpikingNeuronUnit {
        .leakyIntegrateAndFire(LIFNeuron(tau: 2, threshold: threshold, reset: .hard(0), detachReset: true,
                                         surrogate: SigmoidSurrogate(alpha: 4)))
    }

    /// Runs the neuron `name` (state under that path) on `x` `[T, …]` and records its spikes.
    mutating func fire<M: LayerMonitor>(_ x: Tensor<Float>, name: String, threshold: Double = 1, state: inout NetworkState,
                                        monitor: inout M) -> Tensor<Float> {
        let spikes = Self.neuron(threshold: threshold)(x, name: name, state: &state, monitor: &monitor, firstStep: firstStep)
        if recording.contains(name) { recorded[name] = spikes }
        return spikes
    }

    /// BatchNorm1d `norm` over the tokens' channels, then ``fire(_:name:threshold:state:monitor:)``:
    /// in inference with nothing tracked and no membrane wanted, BN is folded into the neuron kernel
    /// (``SpikingNeuron/callAsFunction(_:normalizedBy:mode:state:)``, the same spikes), otherwise the two calls.
    mutating func fire<M: LayerMonitor>(_ x: Tensor<Float>, normalizedBy norm: inout BatchNorm1d<Float>, mode: ExecutionMode,
                                        name: String, threshold: Double = 1, state: inout NetworkState,
                                        monitor: inout M) -> Tensor<Float> {
        let previous = state.neurons[name]
        guard mode == .inference, !x.isTracked, !(previous?.membrane.isTracked ?? false), !monitor.wants(name, .membranePotential),
              case .leakyIntegrateAndFire(let neuron) = Self.neuron(threshold: threshold) else {
            return fire(norm(x, mode: mode), name: name, threshold: threshold, state: &state, monitor: &monitor)
        }
        let (spikes, next) = neuron(x, normalizedBy: &norm, mode: mode, state: previous)
        state.neurons[name] = next
        monitor.record(name, .output, steps: spikes, firstStep: firstStep)
        if recording.contains(name) { recorded[name] = spikes }
        return spikes
    }

    /// BatchNorm2d `norm` on `[T, B, C, H, W]`, then the neuron; in inference folded as
    /// ``SpikingNeuronUnit/callAsFunction(_:normalizedBy:mode:renormalize:pendingKey:name:state:monitor:firstStep:)`` does.
    mutating func fire<M: LayerMonitor>(_ x: Tensor<Float>, normalizedBy norm: inout BatchNorm2d<Float>, mode: ExecutionMode,
                                        name: String, threshold: Double = 1, state: inout NetworkState,
                                        monitor: inout M) -> Tensor<Float> {
        let spikes = Self.neuron(threshold: threshold)(x, normalizedBy: &norm, mode: mode, pendingKey: nil, name: name,
                                                       state: &state, monitor: &monitor, firstStep: firstStep)
        if recording.contains(name) { recorded[name] = spikes }
        return spikes
    }

    /// Hands a synaptic layer's input to `monitor` (only when it wants it).
    func synapse<M: LayerMonitor>(_ name: String, input: @autoclosure () -> Tensor<Float>,
                                  layer: @autoclosure () -> SynapticLayer, monitor: inout M) {
        guard monitor.wants(name, .synapticInput) else { return }
        monitor.record(name, .synapticInput, steps: input(), firstStep: firstStep, synapse: layer())
    }

    /// A token-wise linear layer's input for the monitor: tokens `[T, B, N, C]` as the equivalent
    /// 1×1 convolution's input `[T, B, C, N, 1]` (one sample per batch element, N positions);
    /// pruned weights are not counted.
    func tokenSynapse<M: LayerMonitor>(_ name: String, tokens: Tensor<Float>, linear: Linear<Float>, input: SynapticLayer.Input,
                                       monitor: inout M) {
        synapse(name, input: tokens.transposed(2, 3).reshaped(Array(tokens.shape.prefix(2)) + [tokens.shape[3], tokens.shape[2], 1]),
                layer: linear.tokenwiseSynapticLayer(input: input),
                monitor: &monitor)
    }
}
