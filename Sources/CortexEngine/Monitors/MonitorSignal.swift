/// Which value of a layer a monitor observes.
public enum MonitorSignal: String, Sendable, Hashable, CaseIterable, Codable {
    /// The layer's output: spikes S_t ∈ {0, 1} for a neuron layer, spike counts for a SEW ADD
    /// block, real values for pooling and linear read-outs.
    case output
    /// A neuron layer's membrane potential V_t after fire and reset (SpikingJelly's `v_seq`);
    /// only neuron layers emit it.
    case membranePotential = "membrane-potential"
    /// The input of a synaptic layer (convolution, transposed convolution, fully connected), with
    /// the layer's geometry in ``MonitorEvent/synapse``: what synaptic-operation counts need.
    case synapticInput = "synaptic-input"
}
