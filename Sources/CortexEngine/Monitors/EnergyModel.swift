/// Energy per operation for the usual SNN energy estimate:
///
///     E = E_MAC · Σ_{analog-input layers} MACs  +  E_AC · Σ_{spike-input layers} SOPs
///
/// A layer fed by spikes only accumulates (AC) its weights; the first layer, fed by pixel values,
/// multiplies and accumulates (MAC). Defaults are Horowitz's 45 nm, 32-bit floating-point figures
/// (M. Horowitz, "Computing's energy problem (and what we can do about it)", ISSCC 2014): add
/// 0.9 pJ, multiply 3.7 pJ, so E_AC = 0.9 pJ and E_MAC = 4.6 pJ — the constants of the energy
/// comparisons of Spikformer (Zhou et al., ICLR 2023) and the SEW-ResNet baselines they report.
/// Memory access, neuron updates and the (few) additions of pooling are left out, as there.
public struct EnergyModel: Sendable, Hashable, Codable {
    /// Energy of one accumulate (one synaptic operation), in picojoules.
    public var picojoulesPerAccumulate: Double
    /// Energy of one multiply-accumulate, in picojoules.
    public var picojoulesPerMultiplyAccumulate: Double

    public init(picojoulesPerAccumulate: Double, picojoulesPerMultiplyAccumulate: Double) {
        self.picojoulesPerAccumulate = picojoulesPerAccumulate
        self.picojoulesPerMultiplyAccumulate = picojoulesPerMultiplyAccumulate
    }

    /// Horowitz 2014, 45 nm, 32-bit float: AC 0.9 pJ, MAC 4.6 pJ.
    public static let horowitz45nm = EnergyModel(picojoulesPerAccumulate: 0.9, picojoulesPerMultiplyAccumulate: 4.6)

    /// E_AC · accumulates + E_MAC · multiplyAccumulates, in picojoules.
    public func picojoules(accumulates: Double, multiplyAccumulates: Double) -> Double {
        picojoulesPerAccumulate * accumulates + picojoulesPerMultiplyAccumulate * multiplyAccumulates
    }
}
