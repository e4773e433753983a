/// One model's scores, layers × areas, with the study's summaries: the best layer per area
/// (max over layers), the mean of those best scores over areas (the headline number), and each
/// as a percentage of the area's noise ceiling.
///
/// ```swift
/// var table = ScoreTable(model: "LoRaFB-SNet", metric: "TSRSA", layers: ["layer1", "layer2"],
///                        areas: ["VISp", "VISl"], scores: [[0.41, 0.38], [0.53, 0.50]])
/// table.best(area: "VISp")       // (layer: "layer2", score: 0.53)
/// table.meanOverAreas            // 0.515
/// table.ceilings = [0.82, 0.80]
/// table.percentOfCeiling(area: "VISp")   // 64.6…
/// ```
///
/// Encodes to JSON as its stored properties (`model`, `metric`, `layers`, `areas`, `scores`,
/// `ceilings`) plus the derived `best` and `mean_over_areas`.
public struct ScoreTable: Sendable, Hashable, Codable {
    /// The best layer of one area (``BestScore``: highest finite score, first on ties).
    public struct BestLayer: Sendable, Hashable, Codable {
        public var area: String
        /// Nil when no layer has a finite score for the area.
        public var layer: String?
        /// NaN when no layer has a finite score for the area.
        public var score: Double
        /// score / ceiling × 100, when the area's ceiling is known.
        public var percentOfCeiling: Double?
    }

    public var model: String
    public var metric: String
    public var layers: [String]
    public var areas: [String]
    /// scores[layer][area].
    public var scores: [[Double]]
    /// One noise ceiling per area (same order as `areas`), or nil.
    public var ceilings: [Double]? {
        didSet { precondition(ceilings == nil || ceilings!.count == areas.count, "ScoreTable: one ceiling per area") }
    }

    public init(model: String, metric: String, layers: [String], areas: [String], scores: [[Double]],
                ceilings: [Double]? = nil) {
        precondition(scores.count == layers.count && scores.allSatisfy { $0.count == areas.count },
                     "ScoreTable: scores must be layers × areas (\(layers.count) × \(areas.count))")
        precondition(!layers.isEmpty && !areas.isEmpty, "ScoreTable: needs at least one layer and one area")
        precondition(ceilings == nil || ceilings!.count == areas.count, "ScoreTable: one ceiling per area")
        self.model = model
        self.metric = metric
        self.layers = layers
        self.areas = areas
        self.scores = scores
        self.ceilings = ceilings
    }

    /// The score of `layer` against `area` (nil when either is unknown).
    public subscript(layer layer: String, area area: String) -> Double? {
        guard let l = layers.firstIndex(of: layer), let a = areas.firstIndex(of: area) else { return nil }
        return scores[l][a]
    }

    /// The best layer of `area` under ``BestScore``: max over layers, the first on ties, NaN and
    /// infinite scores never win (an area with no finite score has no best layer and a NaN score).
    public func best(area: String) -> BestLayer? {
        guard let a = areas.firstIndex(of: area) else { return nil }
        guard let l = BestScore.index(of: scores.map { $0[a] }) else {
            return BestLayer(area: area, layer: nil, score: .nan, percentOfCeiling: nil)
        }
        let score = scores[l][a]
        return BestLayer(area: area, layer: layers[l], score: score, percentOfCeiling: ceilings.map { 100 * score / $0[a] })
    }

    /// The best layer of every area, in area order.
    public var bestPerArea: [BestLayer] { areas.map { best(area: $0)! } }

    /// The mean over areas of the best-layer scores (the study's headline number).
    public var meanOverAreas: Double { bestPerArea.map(\.score).reduce(0, +) / Double(areas.count) }

    /// The best score of `area` as a percentage of its ceiling.
    public func percentOfCeiling(area: String) -> Double? { best(area: area)?.percentOfCeiling }

    /// The mean over areas of the percentages of ceiling (nil without ceilings).
    public var meanPercentOfCeiling: Double? {
        ceilings == nil ? nil : bestPerArea.compactMap(\.percentOfCeiling).reduce(0, +) / Double(areas.count)
    }

    private enum CodingKeys: String, CodingKey {
        case model, metric, layers, areas, scores, ceilings, best
        case meanOverAreas = "mean_over_areas"
        case meanPercentOfCeiling = "mean_percent_of_ceiling"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(model: try c.decode(String.self, forKey: .model), metric: try c.decode(String.self, forKey: .metric),
                  layers: try c.decode([String].self, forKey: .layers), areas: try c.decode([String].self, forKey: .areas),
                  scores: try c.decode([[Double]].self, forKey: .scores),
                  ceilings: try c.decodeIfPresent([Double].self, forKey: .ceilings))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model)
        try c.encode(metric, forKey: .metric)
        try c.encode(layers, forKey: .layers)
        try c.encode(areas, forKey: .areas)
        try c.encode(scores, forKey: .scores)
        try c.encodeIfPresent(ceilings, forKey: .ceilings)
        try c.encode(bestPerArea, forKey: .best)
        try c.encode(meanOverAreas, forKey: .meanOverAreas)
        try c.encodeIfPresent(meanPercentOfCeiling, forKey: .meanPercentOfCeiling)
    }
}
