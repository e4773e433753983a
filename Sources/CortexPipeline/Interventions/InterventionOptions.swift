/// Which interventions a comparison runs on its checkpoint models, how often and at which layers:
/// `--intervention`, `--intervention-repeats`, `--intervention-layers` on `cortex compare`, and
/// `intervention:`, `intervention-repeats:`, `intervention-layers:` in batch specs.
///
/// Every repeat draws its own shuffle, noise positions and frames, or clips from a stream derived
/// from the statistics seed, the intervention and the repeat number (``InterventionSeed``), so the
/// same request gives the same numbers in `compare` and `report`.
///
/// ```swift
/// let options = InterventionOptions(interventions: [.shuffle(window: 8)], repeats: 5, layers: .best)
/// ```
public struct InterventionOptions: Sendable, Hashable, Codable {
    /// Which layers an intervention scores.
    public enum Layers: String, Sendable, Hashable, Codable, CaseIterable {
        /// Only each area's best layer of the unaltered run (the study's `--best-layer`); the
        /// intervened score is that layer's.
        case best
        /// Every layer (the study's default); the intervened score of an area is its best layer
        /// under the intervention (mean over repeats first, then the best layer).
        case all
    }

    public var interventions: [Intervention]
    /// Repeats of each intervention (the study's `trial_for_ablation`), averaged.
    public var repeats: Int
    public var layers: Layers

    public init(interventions: [Intervention], repeats: Int = 1, layers: Layers = .all) {
        precondition(repeats >= 1, "InterventionOptions: at least one repeat")
        self.interventions = interventions
        self.repeats = repeats
        self.layers = layers
    }

    /// The largest number of repeats accepted.
    public static let maximumRepeats = 1000
}

/// The random stream of one repeat of one intervention: SplitMix64's finaliser over the
/// statistics seed, the FNV-1a hash of the intervention's spelling and the repeat number — not of
/// the model or area, so every model of a comparison watches the same shuffled movie.
public enum InterventionSeed {
    public static func seed(_ base: UInt64, intervention: Intervention, repeat index: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in ("intervention:" + intervention.description).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return StatisticsSeed.mix(StatisticsSeed.mix(base ^ hash) &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
    }
}
