import CortexSimilarity

/// How a comparison computes each area's noise ceiling; one value with one set of defaults for
/// `cortex compare`, `cortex ceiling` and batch specs. The seed is the statistics seed
/// (``StatisticsOptions/seed``); each area's splits are seeded by ``StatisticsSeed``.
///
/// The default is ``CeilingMethod/trialBounds``, whose upper bound is about what a noise-free
/// model reaches against the trial-averaged responses (strict in expectation for correlations,
/// near-tight for RDM and Gram metrics: ``TrialCeilingBounds``), so a score above it is a finding
/// to flag rather than the rule — unlike split-half neurons, which full-population scores exceed; an area without trials falls back to
/// ``fallbackWithoutTrials`` (split-half neurons), and the result names both methods.
public struct CeilingOptions: Sendable, Hashable, Codable {
    /// Trial bounds, split-half trials (Spearman–Brown) or split-half neurons (the study's).
    public var method: CeilingMethod
    /// Random splits (the study: 100).
    public var splits: Int
    /// The standard error's convention (ddof 1, or ddof 0 as the study computes it).
    public var standardError: CeilingStandardError
    /// The method used for an area whose responses hold no trials, when `method` needs them; nil:
    /// no fallback, the area gets no ceiling and says why (what an explicitly chosen method does).
    public var fallbackWithoutTrials: CeilingMethod?

    /// The default number of random splits (the reference study's).
    public static let defaultSplits = 100
    /// The default method.
    public static let defaultMethod = CeilingMethod.trialBounds

    /// - Parameter fallbackWithoutTrials: defaults to split-half neurons when `method` is the
    ///   default and to none when a method was chosen.
    public init(method: CeilingMethod? = nil, splits: Int = CeilingOptions.defaultSplits,
                standardError: CeilingStandardError = .ddof1, fallbackWithoutTrials: CeilingMethod?? = nil) {
        self.method = method ?? Self.defaultMethod
        self.splits = splits
        self.standardError = standardError
        self.fallbackWithoutTrials = fallbackWithoutTrials ?? (method == nil ? .splitHalfNeurons : nil)
    }

    enum CodingKeys: String, CodingKey {
        case method, splits, standardError = "standard_error", fallbackWithoutTrials = "fallback_without_trials"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        method = try c.decode(CeilingMethod.self, forKey: .method)
        splits = try c.decode(Int.self, forKey: .splits)
        standardError = try c.decodeIfPresent(CeilingStandardError.self, forKey: .standardError) ?? .ddof1
        fallbackWithoutTrials = try c.decodeIfPresent(CeilingMethod.self, forKey: .fallbackWithoutTrials)
    }
}
