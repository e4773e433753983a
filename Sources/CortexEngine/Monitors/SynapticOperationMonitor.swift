/// Running operation counts per synaptic layer, for energy estimates (see ``SynapticLayer`` for the
/// counting and ``EnergyModel`` for the energy):
///
///     spike-input layer l:   SOPs_l = Σ_t Σ_inputs s · fan-out     (exact; accumulates)
///     analog-input layer l:  MACs_l = Σ_t dense MACs               (multiply-accumulates)
///
/// Every layer also keeps its dense MAC count (what the same layer costs in a non-spiking network),
/// so SOPs_l / denseMACs_l is the layer's effective input rate. Memory: a few numbers per layer.
///
/// ```swift
/// var sops = SynapticOperationMonitor()
/// _ = model.forward(x, state: &state, mode: .inference, monitor: &sops)
/// sops.totalEnergy()                                 // pJ for the whole call, every sample
/// ```
public struct SynapticOperationMonitor: LayerMonitor {
    /// The running counts of one layer.
    public struct Count: Sendable, Hashable, Codable {
        public var layer: SynapticLayer
        /// Synaptic operations (accumulates); 0 for an analog-input layer.
        public var synapticOperations: Double = 0
        /// The dense MAC count of the same steps.
        public var denseMACs: Double = 0
        /// Time steps seen.
        public var steps: Int = 0
        /// Samples per step, summed over steps (Σ_t B).
        public var sampleSteps: Int = 0

        /// Operations that multiply: the dense count for an analog-input layer, else 0.
        public var multiplyAccumulates: Double { layer.input == .analog ? denseMACs : 0 }

        /// This layer's energy in picojoules.
        public func energy(_ model: EnergyModel = .horowitz45nm) -> Double {
            model.picojoules(accumulates: synapticOperations, multiplyAccumulates: multiplyAccumulates)
        }
    }

    public private(set) var counts: [String: Count] = [:]
    /// The synaptic layers counted so far, in network order.
    public private(set) var order: [String] = []

    public init() {}

    public func wants(_ layer: String, _ signal: MonitorSignal) -> Bool { signal == .synapticInput }

    public mutating func observe(_ event: MonitorEvent) {
        guard let synapse = event.synapse else {
            preconditionFailure("SynapticOperationMonitor: \(event.layer) sent a synaptic input without its layer")
        }
        if counts[event.layer] == nil {
            order.append(event.layer)
            counts[event.layer] = Count(layer: synapse)
        }
        if synapse.input == .spikes { counts[event.layer]!.synapticOperations += synapse.synapticOperations(event.value) }
        counts[event.layer]!.denseMACs += synapse.denseMACs(inputShape: event.value.shape)
        counts[event.layer]!.steps += 1
        counts[event.layer]!.sampleSteps += event.value.shape[0]
    }

    /// Σ over layers of synaptic operations.
    public var totalSynapticOperations: Double { counts.values.reduce(0) { $0 + $1.synapticOperations } }
    /// Σ over layers of multiply-accumulates (analog-input layers).
    public var totalMultiplyAccumulates: Double { counts.values.reduce(0) { $0 + $1.multiplyAccumulates } }
    /// Σ over layers of dense MACs (the non-spiking network's cost).
    public var totalDenseMACs: Double { counts.values.reduce(0) { $0 + $1.denseMACs } }

    /// The estimated energy of everything counted, in picojoules.
    public func totalEnergy(_ model: EnergyModel = .horowitz45nm) -> Double {
        model.picojoules(accumulates: totalSynapticOperations, multiplyAccumulates: totalMultiplyAccumulates)
    }
}
