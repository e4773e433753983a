/// One time step of one monitored value, as a network hands it to a ``LayerMonitor``.
public struct MonitorEvent {
    /// The module path, e.g. `layer2.0.sn1`, `layer2.0` (a block's output) or `layer2.0.conv1`.
    public var layer: String
    public var signal: MonitorSignal
    /// The time step within the forward call, offset by the call's first step (see the network's
    /// `forward(…, firstStep:)`): with carried state over a chunked movie it is the global step.
    public var step: Int
    /// The value at this step, `[B, …]` (batch first, no time axis); never tracked for autodiff.
    public var value: Tensor<Float>
    /// The synaptic layer whose input `value` is (``MonitorSignal/synapticInput`` only).
    public var synapse: SynapticLayer?

    public init(layer: String, signal: MonitorSignal, step: Int, value: Tensor<Float>, synapse: SynapticLayer? = nil) {
        self.layer = layer
        self.signal = signal
        self.step = step
        self.value = value
        self.synapse = synapse
    }
}
