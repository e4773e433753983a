import CortexNumerics
import CortexSimilarity

/// Which statistics a comparison adds to its scores, all seeded (same seed ⇒ same numbers):
/// a split-half-neurons noise ceiling per area (the study's), and for each area's best layer a
/// circular-shift permutation p-value and a bootstrap confidence interval over neurons.
public struct StatisticsOptions: Sendable, Hashable, Codable {
    /// Random neuron splits for the ceiling (the study: 100); nil = no ceiling.
    public var ceilingSplits: Int?
    /// Circular-shift permutations for p-values; 0 = none.
    public var permutations: Int
    /// Bootstrap resamples (neurons) for confidence intervals; 0 = none.
    public var bootstrap: Int
    /// Confidence level of the intervals.
    public var level: Double
    /// How the intervals are read off the bootstrap replicates (`nil`: percentile).
    public var interval: BootstrapIntervalMethod?
    public var seed: UInt64

    public init(ceilingSplits: Int? = nil, permutations: Int = 0, bootstrap: Int = 0, level: Double = 0.95,
                interval: BootstrapIntervalMethod? = nil, seed: UInt64 = 0) {
        self.ceilingSplits = ceilingSplits
        self.permutations = permutations
        self.bootstrap = bootstrap
        self.level = level
        self.interval = interval
        self.seed = seed
    }

    public static let none = StatisticsOptions()

    /// Whether any per-model statistic is asked for.
    public var perModel: Bool { permutations > 0 || bootstrap > 0 }
}

/// The noise ceiling of one area.
public struct AreaCeiling: Sendable, Hashable, Codable {
    public var area: String
    public var mean: Double?
    public var standardError: Double?
    public var splits: Int
    /// Why the ceiling is missing, if it is.
    public var note: String?

    enum CodingKeys: String, CodingKey { case area, mean, standardError = "standard_error", splits, note }
}

extension AreaCeiling {
    /// Decodes `standard_error`, or `standardError` as files before snake_case keys have it.
    public init(from decoder: any Decoder) throws {
        let c = try RenamedKeys(decoder, CodingKeys.self, renamed: [.standardError: "standardError"])
        self.init(area: try c.decode(String.self, forKey: .area), mean: try c.decodeIfPresent(Double.self, forKey: .mean),
                  standardError: try c.decodeIfPresent(Double.self, forKey: .standardError),
                  splits: try c.decode(Int.self, forKey: .splits), note: try c.decodeIfPresent(String.self, forKey: .note))
    }
}

/// Statistics of one area's best layer.
public struct AreaStatistics: Sendable, Hashable, Codable {
    public var area: String
    public var layer: String
    public var pValue: Double?
    public var permutations: Int
    public var lower: Double?
    public var upper: Double?
    public var level: Double
    /// How the interval was read off the bootstrap replicates (`nil` when there is no interval).
    public var intervalMethod: BootstrapIntervalMethod?
    /// Why a statistic is missing (e.g. resampling 3 units left no frame with variance).
    public var note: String?

    public init(area: String, layer: String, pValue: Double?, permutations: Int, lower: Double?, upper: Double?,
                level: Double, intervalMethod: BootstrapIntervalMethod? = nil, note: String?) {
        self.area = area
        self.layer = layer
        self.pValue = pValue
        self.permutations = permutations
        self.lower = lower
        self.upper = upper
        self.level = level
        self.intervalMethod = intervalMethod
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case area, layer, pValue = "p_value", permutations, lower = "ci_lower", upper = "ci_upper", level,
             intervalMethod = "ci_method", note
    }
}
