import CortexSimilarity

/// One row of a paired model comparison: model A minus model B in one area, or on the mean over
/// areas (`area` nil), with a paired bootstrap interval, a sign-flip p-value over frame blocks and
/// the p-value adjusted for all rows of its family (JSON keys: model_a, model_b, area, layer_a,
/// layer_b, difference, ci_lower, ci_upper, level, p_value, p_adjusted, correction, blocks, flips,
/// resamples). See ``PairedDifference`` for the method and ``PairedComparisons`` for the families.
public struct ModelPairDifference: Sendable, Hashable, Codable {
    public var modelA: String
    public var modelB: String
    /// The area; nil for the mean over areas.
    public var area: String?
    /// The best layers compared (nil for the mean over areas).
    public var layerA: String?
    public var layerB: String?
    /// Score of A minus score of B (best layers, all data).
    public var difference: Double?
    public var lower: Double?
    public var upper: Double?
    public var level: Double
    /// Two-sided sign-flip p-value over frame blocks.
    public var pValue: Double?
    /// `pValue` adjusted by `correction` over its family.
    public var pAdjusted: Double?
    public var correction: MultipleComparisonCorrection
    public var blocks: Int
    public var flips: Int
    /// Paired bootstrap resamples behind the interval.
    public var resamples: Int

    public init(modelA: String, modelB: String, area: String?, layerA: String?, layerB: String?, difference: Double?,
                lower: Double?, upper: Double?, level: Double, pValue: Double?, pAdjusted: Double?,
                correction: MultipleComparisonCorrection, blocks: Int, flips: Int, resamples: Int) {
        self.modelA = modelA
        self.modelB = modelB
        self.area = area
        self.layerA = layerA
        self.layerB = layerB
        self.difference = difference
        self.lower = lower
        self.upper = upper
        self.level = level
        self.pValue = pValue
        self.pAdjusted = pAdjusted
        self.correction = correction
        self.blocks = blocks
        self.flips = flips
        self.resamples = resamples
    }

    /// The area, or `mean over areas`.
    public var scope: String { area ?? "mean over areas" }

    enum CodingKeys: String, CodingKey {
        case modelA = "model_a", modelB = "model_b", area, layerA = "layer_a", layerB = "layer_b", difference
        case lower = "ci_lower", upper = "ci_upper", level, pValue = "p_value", pAdjusted = "p_adjusted", correction
        case blocks, flips, resamples
    }
}
