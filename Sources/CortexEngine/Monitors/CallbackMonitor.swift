/// Streams chosen values to a closure, one time step at a time: write them to disk, plot them, or
/// reduce them on the fly without holding the `[T, B, …]` tensors.
///
/// ```swift
/// var monitor = CallbackMonitor(layers: ["layer1.0.sn1"], signals: [.membranePotential]) { event in
///     print(event.layer, event.step, event.value.shape)
/// }
/// ```
public struct CallbackMonitor: LayerMonitor {
    /// The layers to observe; `nil` observes every layer that emits one of `signals`.
    public var layers: Set<String>?
    public var signals: Set<MonitorSignal>
    public var body: (MonitorEvent) -> Void

    public init(layers: Set<String>? = nil, signals: Set<MonitorSignal> = [.output], _ body: @escaping (MonitorEvent) -> Void) {
        self.layers = layers
        self.signals = signals
        self.body = body
    }

    public func wants(_ layer: String, _ signal: MonitorSignal) -> Bool {
        signals.contains(signal) && (layers?.contains(layer) ?? true)
    }

    public mutating func observe(_ event: MonitorEvent) { body(event) }
}
