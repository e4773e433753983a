/// The spiking neurons' threshold and membrane time constant, a searchable part of a
/// ``ModelConfiguration`` (the study's networks: V_th = 1, τ = 2).
///
/// Recorded in a configuration's JSON (`neuron_constants`) only when they differ from the
/// study's, so every configuration written before them keeps its bytes.
public struct NeuronConstants: Sendable, Hashable, Codable {
    /// V_th, the firing threshold.
    public var threshold: Double
    /// τ of LIF neurons in time steps (IF neurons have none).
    public var tau: Double

    public init(threshold: Double = 1, tau: Double = 2) {
        self.threshold = threshold
        self.tau = tau
    }

    /// V_th = 1, τ = 2.
    public static let study = NeuronConstants()

    /// Whether the values can run: a positive finite threshold, τ ≥ 1 (a decay 1/τ in (0, 1]).
    public var isValid: Bool { threshold.isFinite && threshold > 0 && tau.isFinite && tau >= 1 }
}
