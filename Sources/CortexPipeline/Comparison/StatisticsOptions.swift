import CortexSimilarity

/// Which statistics a comparison adds to its scores, all seeded (same seed ⇒ same numbers):
/// a noise ceiling per area (``CeilingOptions``: split-half neurons, the study's, or trials), and
/// for each area's best layer a circular-shift permutation p-value and a bootstrap confidence
/// interval over neurons. Every random stream derives from `seed` and the area's name
/// (``StatisticsSeed``).
public struct StatisticsOptions: Sendable, Hashable, Codable {
    /// The noise ceiling, or nil for none.
    public var ceiling: CeilingOptions?
    /// Circular-shift permutations for p-values; 0 = none.
    public var permutations: Int
    /// Bootstrap resamples (neurons) for confidence intervals; 0 = none.
    public var bootstrap: Int
    /// Confidence level of the intervals.
    public var level: Double
    /// How the intervals are read off the bootstrap replicates (`nil`: percentile).
    public var interval: BootstrapIntervalMethod?
    /// Smallest circular shift of the permutations; nil: the default for the metric and frames
    /// (``PermutationScheme/defaultMinimumShift(comparedFrames:)``).
    public var minimumShift: Int?
    /// The statistics seed (ceiling splits, permutations, resamples).
    public var seed: UInt64

    /// The statistics seed when none is given, on every command and in specs.
    public static let defaultSeed: UInt64 = 0

    public init(ceiling: CeilingOptions? = nil, permutations: Int = 0, bootstrap: Int = 0, level: Double = 0.95,
                interval: BootstrapIntervalMethod? = nil, minimumShift: Int? = nil,
                seed: UInt64 = StatisticsOptions.defaultSeed) {
        self.ceiling = ceiling
        self.minimumShift = minimumShift
        self.permutations = permutations
        self.bootstrap = bootstrap
        self.level = level
        self.interval = interval
        self.seed = seed
    }

    public static let none = StatisticsOptions()

    /// Whether any per-model statistic is asked for.
    public var perModel: Bool { permutations > 0 || bootstrap > 0 }

    /// The permutation scheme for `metric` on `rows` frames: circular shifts by at least
    /// `minimumShift`, or the default for the frames the metric compares.
    public func permutationScheme(for metric: some SimilarityMetric, rows: Int) -> PermutationScheme {
        minimumShift.map { .circularShift(minimumShift: $0) } ?? .defaultCircularShift(for: metric, rows: rows)
    }
}
