/// Two monitors run in one forward pass (nest pairs for more); each sees only what it wants.
///
/// ```swift
/// var both = MonitorPair(FiringRateMonitor(), SynapticOperationMonitor())
/// _ = model.forward(x, state: &state, mode: .inference, monitor: &both)
/// both.first.rate(of: "sn1"); both.second.totalEnergy()
/// ```
public struct MonitorPair<First: LayerMonitor, Second: LayerMonitor>: LayerMonitor {
    public var first: First
    public var second: Second

    public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    public func wants(_ layer: String, _ signal: MonitorSignal) -> Bool {
        first.wants(layer, signal) || second.wants(layer, signal)
    }

    public mutating func observe(_ event: MonitorEvent) {
        if first.wants(event.layer, event.signal) { first.observe(event) }
        if second.wants(event.layer, event.signal) { second.observe(event) }
    }
}
