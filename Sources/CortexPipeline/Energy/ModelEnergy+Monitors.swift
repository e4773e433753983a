import CortexEngine
import CortexModels

extension ModelEnergy {
    /// Per-frame figures from the monitors of a feature extraction over `frames` movie frames:
    /// every count divided by `frames` (so an image-protocol frame includes its T steps). Layers
    /// are listed in `order` (e.g. `ModelConfiguration.monitorPaths`), then any others as seen.
    public init(rates: FiringRateMonitor, operations: SynapticOperationMonitor, frames: Int, order: [String] = [],
                energyModel: EnergyModel = .horowitz45nm) {
        precondition(frames > 0, "ModelEnergy: frames must be positive")
        let n = Double(frames)
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        func sorted(_ names: [String]) -> [String] {
            names.enumerated().sorted { (rank[$0.element] ?? order.count + $0.offset, $0.offset) < (rank[$1.element] ?? order.count + $1.offset, $1.offset) }
                .map(\.element)
        }
        self.init(firingRates: sorted(rates.order).map { LayerRate(layer: $0, firingRate: rates.counts[$0]!.rate) },
                  synapticLayers: sorted(operations.order).map { name in
                      let c = operations.counts[name]!
                      return SynapticLayerCost(layer: name, input: c.layer.input,
                                               synapticOperationsPerFrame: c.synapticOperations / n,
                                               denseMACsPerFrame: c.denseMACs / n)
                  },
                  picojoulesPerAccumulate: energyModel.picojoulesPerAccumulate,
                  picojoulesPerMultiplyAccumulate: energyModel.picojoulesPerMultiplyAccumulate)
    }
}

extension ModelEnergy {
    /// The same, with the layers in `network`'s monitor order (``RecordableNetwork/monitorPaths``).
    public init<N: RecordableNetwork>(rates: FiringRateMonitor, operations: SynapticOperationMonitor, frames: Int,
                                      network: N, energyModel: EnergyModel = .horowitz45nm) {
        self.init(rates: rates, operations: operations, frames: frames, order: network.monitorPaths, energyModel: energyModel)
    }
}
