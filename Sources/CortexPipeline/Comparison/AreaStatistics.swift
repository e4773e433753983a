import CortexSimilarity

/// Statistics of one area's best layer: a circular-shift permutation p-value and a bootstrap
/// confidence interval (JSON keys: area, layer, p_value, permutations, ci_lower, ci_upper, level,
/// ci_method, resampling, note).
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
    /// What the bootstrap resampled, e.g. "frame blocks of 30" (nil without an interval, and in
    /// files written before it was recorded: neurons).
    public var resampling: String?

    public init(area: String, layer: String, pValue: Double?, permutations: Int, lower: Double?, upper: Double?,
                level: Double, intervalMethod: BootstrapIntervalMethod? = nil, note: String?, resampling: String? = nil) {
        self.area = area
        self.layer = layer
        self.pValue = pValue
        self.permutations = permutations
        self.lower = lower
        self.upper = upper
        self.level = level
        self.intervalMethod = intervalMethod
        self.note = note
        self.resampling = resampling
    }

    enum CodingKeys: String, CodingKey {
        case area, layer, pValue = "p_value", permutations, lower = "ci_lower", upper = "ci_upper", level,
             intervalMethod = "ci_method", note, resampling
    }
}
