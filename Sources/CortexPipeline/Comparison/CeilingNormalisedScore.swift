import CortexSimilarity
import Foundation

/// One best-layer score as a percentage of its area's noise ceiling, flagged when above 100 %.
///
/// A ceiling-normalised score above 100 % is never printed unmarked: tables write it with a
/// dagger (``marker``) and a footnote, JSON and CSV carry `above_ceiling`. Against split-half
/// neurons (half a population against half) such scores are expected; against trial bounds they
/// mean the score is above what the noise-free signal is expected to reach.
///
/// JSON (snake_case): `model`, `area`, `layer`, `score`, `ceiling`, `ceiling_method`, `percent`,
/// `above_ceiling`.
public struct CeilingNormalisedScore: Sendable, Hashable, Codable {
    public var model: String
    public var area: String
    public var layer: String?
    public var score: Double?
    /// The ceiling the score is divided by (``AreaCeiling/mean``).
    public var ceiling: Double?
    public var ceilingMethod: CeilingMethod?
    /// 100 × score / ceiling; nil without a score or a positive ceiling.
    public var percent: Double?
    /// Whether the score exceeds the ceiling (percent > 100).
    public var aboveCeiling: Bool

    /// The mark after a percentage above 100.
    public static let marker = "†"

    public init(model: String, area: String, layer: String?, score: Double?, ceiling: AreaCeiling?) {
        self.model = model
        self.area = area
        self.layer = layer
        self.score = score
        self.ceiling = ceiling?.mean
        ceilingMethod = ceiling?.method
        percent = Self.percent(score: score, ceiling: ceiling?.mean)
        aboveCeiling = (percent ?? 0) > 100
    }

    /// 100 × score / ceiling, or nil when either is missing or the ceiling is not positive.
    public static func percent(score: Double?, ceiling: Double?) -> Double? {
        guard let score, let ceiling, score.isFinite, ceiling.isFinite, ceiling > 0 else { return nil }
        return 100 * score / ceiling
    }

    /// A percentage as tables print it: "87.5 %", or "112.3 %†" above 100.
    public static func text(_ percent: Double) -> String {
        String(format: "%.1f %%", percent) + (percent > 100 ? marker : "")
    }

    enum CodingKeys: String, CodingKey {
        case model, area, layer, score, ceiling, ceilingMethod = "ceiling_method", percent, aboveCeiling = "above_ceiling"
    }
}

extension CompareResult {
    /// Every model's best-layer score per area against the area's ceiling (empty without ceilings).
    public static func ceilingNormalised(models: [Model], ceilings: [AreaCeiling]?) -> [CeilingNormalisedScore] {
        guard let ceilings else { return [] }
        return models.flatMap { m in
            m.best.map { best in
                CeilingNormalisedScore(model: m.scores.model, area: best.area, layer: best.layer, score: best.score,
                                       ceiling: ceilings.first { $0.area == best.area })
            }
        }
    }
}
