import CKernels
/// Running firing rate per layer: the mean output per unit and time step,
///
///     rate_l = Σ_t Σ_{b,i} y_l[t, b, i] / Σ_t (B·N_l)          (spikes / neurons / steps)
///
/// with N_l units per sample; every sample of a batch counts as its own neurons. For a neuron
/// layer (`…sn1`) this is spikes per neuron per step, in [0, 1]; a SEW ADD block outputs spike
/// counts, so its rate can exceed 1; for pooled or real-valued layers it is the mean activity.
///
/// Memory: two numbers per layer, whatever the number of steps (the sums are kept in Double).
public struct FiringRateMonitor: LayerMonitor {
    /// The running sums of one layer.
    public struct Count: Sendable, Hashable, Codable {
        /// Σ of the outputs (spikes, for a neuron layer).
        public var total: Double = 0
        /// Σ over steps of the elements per step (B·N).
        public var neuronSteps: Double = 0
        /// Time steps seen.
        public var steps: Int = 0

        /// total / neuronSteps (NaN before the first step).
        public var rate: Double { neuronSteps > 0 ? total / neuronSteps : .nan }
    }

    /// The layers whose outputs to count; `nil` counts every layer the network emits.
    public let layers: Set<String>?
    /// Counts by layer.
    public private(set) var counts: [String: Count] = [:]
    /// The layers counted so far, in the order the network emitted them (network order).
    public private(set) var order: [String] = []

    public init(layers: Set<String>? = nil) { self.layers = layers }

    /// The firing rate of `layer`, or `nil` if it was never observed.
    public func rate(of layer: String) -> Double? { counts[layer]?.rate }

    public func wants(_ layer: String, _ signal: MonitorSignal) -> Bool {
        signal == .output && (layers?.contains(layer) ?? true)
    }

    public mutating func observe(_ event: MonitorEvent) {
        // Vectorised Σ in double (C, eight lanes): exact for spikes; one fixed order for analog values.
        let sum = event.value.scalars.withUnsafeBufferPointer { values in
            values.isEmpty ? 0 : ck_sum_f32(values.baseAddress!, values.count)
        }
        if counts[event.layer] == nil { order.append(event.layer) }
        counts[event.layer, default: Count()].total += sum
        counts[event.layer]!.neuronSteps += Double(event.value.count)
        counts[event.layer]!.steps += 1
    }
}
