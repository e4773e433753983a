/// Observes layer values of a network one time step at a time, while the network runs.
///
/// A monitor is an explicit value passed `inout` to a network's forward pass (no global hooks):
/// the network asks ``wants(_:_:)`` before it prepares a value, then hands every time step of the
/// wanted values to ``observe(_:)`` in network order, steps in increasing order per layer. A
/// monitor that keeps running sums therefore needs O(1) memory per layer, however long the movie
/// (SpikingJelly's monitors keep every `[T, …]` tensor, which is what runs out of memory on long
/// inputs). Ready-made: ``FiringRateMonitor``, ``SynapticOperationMonitor``, ``CallbackMonitor``,
/// combined with ``MonitorPair``.
///
/// ```swift
/// var rates = FiringRateMonitor()
/// _ = model.forward(x, state: &state, mode: .inference, monitor: &rates)
/// rates.rate(of: "layer1.0.sn1")                // spikes per neuron per time step
/// ```
///
/// Values are `Float`, the precision the networks run in.
public protocol LayerMonitor {
    /// Whether to hand over `signal` of `layer`; the network skips the work for values nobody wants.
    func wants(_ layer: String, _ signal: MonitorSignal) -> Bool
    /// One time step of a wanted value.
    mutating func observe(_ event: MonitorEvent)
}

extension LayerMonitor {
    /// Hands every time step of `values` `[T, B, …]` to the monitor, if it wants them (what a
    /// network calls; steps are numbered from `firstStep`).
    public mutating func record(_ layer: String, _ signal: MonitorSignal, steps values: Tensor<Float>,
                                firstStep: Int = 0, synapse makeSynapse: @autoclosure () -> SynapticLayer? = nil) {
        guard wants(layer, signal) else { return }
        let synapse = makeSynapse()
        precondition(values.rank >= 2, "LayerMonitor: \(layer) values must be [T, B, …], got \(values.shape)")
        let plain = values.detached()
        for t in 0..<plain.shape[0] {
            observe(MonitorEvent(layer: layer, signal: signal, step: firstStep + t, value: plain.step(t), synapse: synapse))
        }
    }
}

/// The monitor that wants nothing (a forward pass without monitoring).
public struct NoMonitor: LayerMonitor {
    /// One byte so every `NoMonitor` has an address of its own: an `inout` of an empty struct is
    /// passed as one shared placeholder address, and ThreadSanitizer reported two networks run
    /// on different threads as an access race on it.
    private var storage: UInt8 = 0
    public init() {}
    public func wants(_ layer: String, _ signal: MonitorSignal) -> Bool { false }
    public mutating func observe(_ event: MonitorEvent) {}
}
