/// Where every random stream of a comparison's statistics comes from: one statistics seed
/// (`--seed`, `seed:` in specs; default ``StatisticsOptions/defaultSeed``), mixed with the area's
/// **name** and the statistic's purpose. An area's ceiling, p-value and interval therefore do not
/// depend on which other areas or models were asked for, or in which order — `cortex ceiling`,
/// `cortex compare` and `cortex report` give the same numbers for the same seed.
public enum StatisticsSeed {
    /// What a random stream is used for.
    public enum Purpose: UInt64, Sendable, CaseIterable {
        case ceiling = 1, permutation = 2, bootstrap = 3
        /// Paired model comparisons: the shared bootstrap draws and the sign flips.
        case pairing = 4
    }

    /// The seed of `purpose` for `area`: SplitMix64's finaliser over the statistics seed, the
    /// FNV-1a hash of the area's UTF-8 name and the purpose (stable across runs and machines).
    public static func seed(_ base: UInt64, area: String, purpose: Purpose) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in area.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return mix(mix(base ^ hash) &+ purpose.rawValue &* 0x9E37_79B9_7F4A_7C15)
    }

    /// SplitMix64's output function.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
