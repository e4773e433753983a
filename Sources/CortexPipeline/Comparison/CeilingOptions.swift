import CortexSimilarity

/// How a comparison computes each area's noise ceiling; one value with one set of defaults for
/// `cortex compare`, `cortex ceiling` and batch specs. The seed is the statistics seed
/// (``StatisticsOptions/seed``); each area's splits are seeded by ``StatisticsSeed``.
public struct CeilingOptions: Sendable, Hashable, Codable {
    /// Split-half neurons (the study's) or trials.
    public var method: CeilingMethod
    /// Random splits (the study: 100).
    public var splits: Int

    /// The default number of random splits (the reference study's).
    public static let defaultSplits = 100

    public init(method: CeilingMethod = .splitHalfNeurons, splits: Int = CeilingOptions.defaultSplits) {
        self.method = method
        self.splits = splits
    }
}
