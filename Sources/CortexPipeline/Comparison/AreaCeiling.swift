import CortexSimilarity

/// The noise ceiling of one area, as every command and report prints it.
///
/// JSON (snake_case): `area`, `units`, `method` ("neurons" | "trials"), `splits`, `seed`, `mean`,
/// `standard_error`, `spearman_brown`, `note`; older files with `standardError` still decode.
public struct AreaCeiling: Sendable, Hashable, Codable {
    public var area: String
    /// Units of the area the ceiling was computed from.
    public var units: Int?
    public var method: CeilingMethod
    public var splits: Int
    /// The seed of this area's splits (``StatisticsSeed``).
    public var seed: UInt64?
    /// Mean over splits; nil when it cannot be computed (see `note`).
    public var mean: Double?
    /// Standard error of the mean over splits (ddof 1).
    public var standardError: Double?
    /// Whether each split's score was Spearman–Brown corrected.
    public var spearmanBrownCorrected: Bool
    /// Why the ceiling is missing, if it is.
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

    enum CodingKeys: String, CodingKey {
        case area, units, method, splits, seed, mean, standardError = "standard_error",
             spearmanBrownCorrected = "spearman_brown", note
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
        spearmanBrownCorrected = try c.decodeIfPresent(Bool.self, forKey: .spearmanBrownCorrected) ?? false
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }
}
