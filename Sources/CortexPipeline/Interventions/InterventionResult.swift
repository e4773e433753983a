/// One intervention's outcome for one model, as results record it (`"interventions"` of a model
/// in result.json / results.json):
///
///     { "intervention": "shuffle:8", "repeats": 5, "layers": "best", "seed": 0,
///       "areas": [{ "area", "layer", "unaltered", "intervened", "repeat_scores": […],
///                   "drop", "relative_drop" }],
///       "mean_over_areas": { "unaltered", "intervened", "drop", "relative_drop" } }
///
/// `drop` = unaltered − intervened (positive: the intervention lowers the score);
/// `relative_drop` = drop / unaltered, null when the unaltered score is not positive. The study
/// reports the relative drop ("shuffling drops LoRaFB-SNet by up to 46.5 %"). NaN is `null`.
public struct InterventionResult: Sendable, Codable, Hashable {
    /// One area.
    public struct Area: Sendable, Codable, Hashable {
        public var area: String
        /// The layer scored: the unaltered best layer (`best`), or the best layer under the
        /// intervention (`all`).
        public var layer: String?
        /// The area's best score without intervention.
        public var unaltered: Double?
        /// Mean over repeats of the intervened score.
        public var intervened: Double?
        /// The intervened score of each repeat (at ``layer``).
        public var repeatScores: [Double?]
        public var drop: Double?
        public var relativeDrop: Double?

        public init(area: String, layer: String?, unaltered: Double, intervened: Double, repeatScores: [Double]) {
            self.area = area
            self.layer = layer
            self.unaltered = unaltered.isFinite ? unaltered : nil
            self.intervened = intervened.isFinite ? intervened : nil
            self.repeatScores = repeatScores.map { $0.isFinite ? $0 : nil }
            (drop, relativeDrop) = InterventionResult.drops(unaltered: unaltered, intervened: intervened)
        }

        enum CodingKeys: String, CodingKey {
            case area, layer, unaltered, intervened, repeatScores = "repeat_scores", drop, relativeDrop = "relative_drop"
        }
    }

    /// The mean over areas, with and without the intervention.
    public struct Summary: Sendable, Codable, Hashable {
        public var unaltered: Double?
        public var intervened: Double?
        public var drop: Double?
        public var relativeDrop: Double?

        public init(unaltered: Double, intervened: Double) {
            self.unaltered = unaltered.isFinite ? unaltered : nil
            self.intervened = intervened.isFinite ? intervened : nil
            (drop, relativeDrop) = InterventionResult.drops(unaltered: unaltered, intervened: intervened)
        }

        enum CodingKeys: String, CodingKey {
            case unaltered, intervened, drop, relativeDrop = "relative_drop"
        }
    }

    public var intervention: Intervention
    public var repeats: Int
    public var layers: InterventionOptions.Layers
    /// The statistics seed the draws derive from (``InterventionSeed``).
    public var seed: UInt64
    public var areas: [Area]
    public var meanOverAreas: Summary

    public init(intervention: Intervention, repeats: Int, layers: InterventionOptions.Layers, seed: UInt64, areas: [Area],
                meanOverAreas: Summary) {
        self.intervention = intervention
        self.repeats = repeats
        self.layers = layers
        self.seed = seed
        self.areas = areas
        self.meanOverAreas = meanOverAreas
    }

    enum CodingKeys: String, CodingKey {
        case intervention, repeats, layers, seed, areas, meanOverAreas = "mean_over_areas"
    }

    /// Absolute and relative drop; nil where undefined (non-finite scores, relative drop of a
    /// non-positive unaltered score).
    static func drops(unaltered: Double, intervened: Double) -> (Double?, Double?) {
        guard unaltered.isFinite && intervened.isFinite else { return (nil, nil) }
        let drop = unaltered - intervened
        return (drop, unaltered > 0 ? drop / unaltered : nil)
    }
}
