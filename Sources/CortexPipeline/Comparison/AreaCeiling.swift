import CortexSimilarity

/// The noise ceiling of one area, as every command and report prints it.
///
/// JSON (snake_case): `area`, `units`, `method` ("trial-bounds" | "trials" | "neurons"), `splits`,
/// `seed`, `mean`, `standard_error`, `standard_error_convention` ("ddof1" | "ddof0"),
/// `spearman_brown`, `lower_bound`, `upper_bound` (trial bounds), `requested_method` (set when the
/// area fell back to another method because it has no trials), `note`; older files with
/// `standardError` still decode.
public struct AreaCeiling: Sendable, Hashable, Codable {
    public var area: String
    /// Units of the area the ceiling was computed from.
    public var units: Int?
    /// The method the ceiling was computed with (after any fallback).
    public var method: CeilingMethod
    public var splits: Int
    /// The seed of this area's splits (``StatisticsSeed``).
    public var seed: UInt64?
    /// The ceiling scores are normalised by: the mean over splits (the upper bound for
    /// ``CeilingMethod/trialBounds``); nil when it cannot be computed (see `note`).
    public var mean: Double?
    /// Standard error of `mean` over splits, under ``standardErrorConvention``.
    public var standardError: Double?
    /// How ``standardError`` was computed (nil in files written before it was recorded: ddof 1).
    public var standardErrorConvention: CeilingStandardError?
    /// Whether each split's score was Spearman–Brown corrected.
    public var spearmanBrownCorrected: Bool
    /// Trial bounds: the lower bound (half against half), mean over splits.
    public var lowerBound: Double?
    /// Trial bounds: the upper bound (half against the grand mean), mean over splits (= `mean`).
    public var upperBound: Double?
    /// The method asked for when the area fell back to `method` (no trials); nil otherwise.
    public var requestedMethod: CeilingMethod?
    /// Why the ceiling is missing, or how it was obtained (a fallback), if either.
    public var note: String?

    public init(area: String, units: Int?, method: CeilingMethod, splits: Int, seed: UInt64?, mean: Double?,
                standardError: Double?, spearmanBrownCorrected: Bool, note: String? = nil) {
        self.area = area
        self.units = units
        self.method = method
        self.splits = splits
        self.seed = seed
        self.mean = mean
        self.standardError = standardError
        self.spearmanBrownCorrected = spearmanBrownCorrected
        self.note = note
    }

    /// Whether scores above this ceiling are expected in general: true for split-half neurons (half
    /// a population against half; a model compared with the whole population can exceed it).
    public var boundsScores: Bool { method != .splitHalfNeurons }

    enum CodingKeys: String, CodingKey {
        case area, units, method, splits, seed, mean, standardError = "standard_error",
             standardErrorConvention = "standard_error_convention", spearmanBrownCorrected = "spearman_brown",
             lowerBound = "lower_bound", upperBound = "upper_bound", requestedMethod = "requested_method", note
    }

    enum LegacyKeys: String, CodingKey { case standardError }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let legacy = try decoder.container(keyedBy: LegacyKeys.self)
        area = try c.decode(String.self, forKey: .area)
        units = try c.decodeIfPresent(Int.self, forKey: .units)
        method = try c.decodeIfPresent(CeilingMethod.self, forKey: .method) ?? .splitHalfNeurons
        splits = try c.decode(Int.self, forKey: .splits)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        mean = try c.decodeIfPresent(Double.self, forKey: .mean)
        standardError = try c.decodeIfPresent(Double.self, forKey: .standardError)
            ?? legacy.decodeIfPresent(Double.self, forKey: .standardError)
        standardErrorConvention = try c.decodeIfPresent(CeilingStandardError.self, forKey: .standardErrorConvention)
        spearmanBrownCorrected = try c.decodeIfPresent(Bool.self, forKey: .spearmanBrownCorrected) ?? false
        lowerBound = try c.decodeIfPresent(Double.self, forKey: .lowerBound)
        upperBound = try c.decodeIfPresent(Double.self, forKey: .upperBound)
        requestedMethod = try c.decodeIfPresent(CeilingMethod.self, forKey: .requestedMethod)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }
}
