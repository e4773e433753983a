import CortexEngine
import CortexHDF5
import CortexNumerics
import Foundation

/// A model's activity and estimated energy on a feature file's movie, per frame: the firing rate
/// of every monitored layer and the operations of every synaptic layer, with the usual estimate
///
///     E = E_AC · Σ_l SOPs_l + E_MAC · Σ_l MACs_l      (pJ per frame)
///
/// SOPs are the exact accumulates of spike-input layers (Σ over input spikes of their fan-out),
/// MACs the multiply-accumulates of analog-input layers (the stem on pixels, the read-out on
/// pooled averages); E_AC = 0.9 pJ and E_MAC = 4.6 pJ by default (Horowitz, ISSCC 2014, 45 nm —
/// CortexEngine's `EnergyModel` has the derivation). "Per frame" is per movie frame under the
/// feature protocol: one time step for the video protocol, T steps for the image protocol.
///
/// Stored in a feature file as optional attributes (old files have none; format unchanged):
///
///     /: energy_pj_per_frame (f64), energy_pj_per_ac (f64), energy_pj_per_mac (f64),
///        synaptic_layers (strings), synaptic_layer_inputs (strings: spikes | analog),
///        synaptic_operations_per_frame (f64 per synaptic layer), dense_macs_per_frame (f64 per layer),
///        firing_rate_layers (strings), firing_rates (f64 per layer: mean output per unit and step)
///     /<layer>/features: firing_rate (f64) for every feature layer that was monitored
public struct ModelEnergy: Sendable, Hashable, Codable {
    /// One layer's firing rate: mean output per unit and time step (spikes per neuron per step for a
    /// neuron layer; a SEW ADD block outputs spike counts, so it can exceed 1).
    public struct LayerRate: Sendable, Hashable, Codable {
        public var layer: String
        public var firingRate: Double
        public init(layer: String, firingRate: Double) {
            self.layer = layer
            self.firingRate = firingRate
        }
        enum CodingKeys: String, CodingKey { case layer, firingRate = "firing_rate" }
    }

    /// One synaptic layer's operations per frame.
    public struct SynapticLayerCost: Sendable, Hashable, Codable {
        public var layer: String
        /// Spike input (accumulates) or analog input (multiply-accumulates).
        public var input: SynapticLayer.Input
        /// Exact synaptic operations (accumulates) per frame; 0 for an analog-input layer.
        public var synapticOperationsPerFrame: Double
        /// The dense MAC count per frame (what the layer costs in a non-spiking network).
        public var denseMACsPerFrame: Double

        public init(layer: String, input: SynapticLayer.Input, synapticOperationsPerFrame: Double, denseMACsPerFrame: Double) {
            self.layer = layer
            self.input = input
            self.synapticOperationsPerFrame = synapticOperationsPerFrame
            self.denseMACsPerFrame = denseMACsPerFrame
        }

        /// MACs actually done per frame: the dense count for an analog-input layer, else 0.
        public var multiplyAccumulatesPerFrame: Double { input == .analog ? denseMACsPerFrame : 0 }

        enum CodingKeys: String, CodingKey {
            case layer, input, synapticOperationsPerFrame = "synaptic_operations_per_frame", denseMACsPerFrame = "dense_macs_per_frame"
        }
    }

    public var firingRates: [LayerRate]
    public var synapticLayers: [SynapticLayerCost]
    public var picojoulesPerAccumulate: Double
    public var picojoulesPerMultiplyAccumulate: Double

    public init(firingRates: [LayerRate], synapticLayers: [SynapticLayerCost], picojoulesPerAccumulate: Double = 0.9,
                picojoulesPerMultiplyAccumulate: Double = 4.6) {
        self.firingRates = firingRates
        self.synapticLayers = synapticLayers
        self.picojoulesPerAccumulate = picojoulesPerAccumulate
        self.picojoulesPerMultiplyAccumulate = picojoulesPerMultiplyAccumulate
    }

    /// Σ_l SOPs_l per frame.
    public var synapticOperationsPerFrame: Double { synapticLayers.reduce(0) { $0 + $1.synapticOperationsPerFrame } }
    /// Σ_l MACs_l per frame (analog-input layers).
    public var multiplyAccumulatesPerFrame: Double { synapticLayers.reduce(0) { $0 + $1.multiplyAccumulatesPerFrame } }
    /// Σ_l dense MACs per frame (the same network without spikes).
    public var denseMACsPerFrame: Double { synapticLayers.reduce(0) { $0 + $1.denseMACsPerFrame } }
    /// E_AC·SOPs + E_MAC·MACs, picojoules per frame.
    public var energyPicojoulesPerFrame: Double {
        picojoulesPerAccumulate * synapticOperationsPerFrame + picojoulesPerMultiplyAccumulate * multiplyAccumulatesPerFrame
    }
    /// Layer `name`'s firing rate, if it was monitored.
    public func firingRate(of name: String) -> Double? { firingRates.first { $0.layer == name }?.firingRate }

    enum CodingKeys: String, CodingKey {
        case firingRates = "firing_rates", synapticLayers = "synaptic_layers", picojoulesPerAccumulate = "pj_per_ac"
        case picojoulesPerMultiplyAccumulate = "pj_per_mac", synapticOperationsPerFrame = "synaptic_operations_per_frame"
        case multiplyAccumulatesPerFrame = "multiply_accumulates_per_frame", denseMACsPerFrame = "dense_macs_per_frame"
        case energyPicojoulesPerFrame = "energy_pj_per_frame"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(firingRates: try c.decode([LayerRate].self, forKey: .firingRates),
                  synapticLayers: try c.decode([SynapticLayerCost].self, forKey: .synapticLayers),
                  picojoulesPerAccumulate: try c.decode(Double.self, forKey: .picojoulesPerAccumulate),
                  picojoulesPerMultiplyAccumulate: try c.decode(Double.self, forKey: .picojoulesPerMultiplyAccumulate))
    }

    /// Writes the stored parts and, for reading without CortexKit, the totals.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(firingRates, forKey: .firingRates)
        try c.encode(synapticLayers, forKey: .synapticLayers)
        try c.encode(picojoulesPerAccumulate, forKey: .picojoulesPerAccumulate)
        try c.encode(picojoulesPerMultiplyAccumulate, forKey: .picojoulesPerMultiplyAccumulate)
        try c.encode(synapticOperationsPerFrame, forKey: .synapticOperationsPerFrame)
        try c.encode(multiplyAccumulatesPerFrame, forKey: .multiplyAccumulatesPerFrame)
        try c.encode(denseMACsPerFrame, forKey: .denseMACsPerFrame)
        try c.encode(energyPicojoulesPerFrame, forKey: .energyPicojoulesPerFrame)
    }
}

extension ModelEnergy {
    /// Writes the attributes listed in the type's documentation into an open feature file.
    func write(to file: HDF5File) throws {
        let a = file.attributes
        try a.write("energy_pj_per_frame", scalar: energyPicojoulesPerFrame)
        try a.write("energy_pj_per_ac", scalar: picojoulesPerAccumulate)
        try a.write("energy_pj_per_mac", scalar: picojoulesPerMultiplyAccumulate)
        try a.write("synaptic_layers", strings: synapticLayers.map(\.layer))
        try a.write("synaptic_layer_inputs", strings: synapticLayers.map(\.input.rawValue))
        try a.write("synaptic_operations_per_frame", array: Self.vector(synapticLayers.map(\.synapticOperationsPerFrame)))
        try a.write("dense_macs_per_frame", array: Self.vector(synapticLayers.map(\.denseMACsPerFrame)))
        try a.write("firing_rate_layers", strings: firingRates.map(\.layer))
        try a.write("firing_rates", array: Self.vector(firingRates.map(\.firingRate)))
        for rate in firingRates where file.exists(rate.layer + "/features") {
            try file.dataset(rate.layer + "/features").attributes.write("firing_rate", scalar: rate.firingRate)
        }
    }

    static func vector(_ values: [Double]) -> NDArray<Double> { NDArray(shape: [values.count], scalars: values) }

    /// Reads the attributes of a feature file; `nil` when it has none (written before energy was
    /// recorded, or by another tool).
    /// - Throws: `.notAFeatureFile` when the attributes are there but inconsistent.
    init?(file: HDF5File, path: String) throws {
        let a = file.attributes
        guard a.contains("synaptic_layers") else { return nil }
        let names = try a.strings("synaptic_layers")
        let inputs = try a.strings("synaptic_layer_inputs").map(SynapticLayer.Input.init(rawValue:))
        let sops = try a.read("synaptic_operations_per_frame", as: Double.self).scalars
        let macs = try a.read("dense_macs_per_frame", as: Double.self).scalars
        let rateNames = a.contains("firing_rate_layers") ? try a.strings("firing_rate_layers") : []
        let rates = a.contains("firing_rates") ? try a.read("firing_rates", as: Double.self).scalars : []
        guard inputs.count == names.count, sops.count == names.count, macs.count == names.count, rates.count == rateNames.count,
              inputs.allSatisfy({ $0 != nil }) else {
            throw PipelineError.notAFeatureFile(file: path, reason: "energy attributes disagree in length or have an input other than spikes/analog")
        }
        self.init(firingRates: zip(rateNames, rates).map { LayerRate(layer: $0, firingRate: $1) },
                  synapticLayers: names.indices.map { SynapticLayerCost(layer: names[$0], input: inputs[$0]!,
                                                                         synapticOperationsPerFrame: sops[$0], denseMACsPerFrame: macs[$0]) },
                  picojoulesPerAccumulate: a.contains("energy_pj_per_ac") ? try a.scalar("energy_pj_per_ac", as: Double.self) : 0.9,
                  picojoulesPerMultiplyAccumulate: a.contains("energy_pj_per_mac") ? try a.scalar("energy_pj_per_mac", as: Double.self) : 4.6)
    }
}
