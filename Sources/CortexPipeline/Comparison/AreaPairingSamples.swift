/// What a paired comparison of two models needs from each of them, for one area's best layer
/// (JSON keys: area, layer, bootstrap, blocks): the score under each paired bootstrap resample
/// (neurons drawn with the seed of ``StatisticsSeed/Purpose/pairing`` for the area, so every model
/// sees the same draws) and the score within each of K disjoint, consecutive frame blocks. Models
/// scored in different runs (batch jobs, shards) can be paired afterwards from these alone.
public struct AreaPairingSamples: Sendable, Hashable, Codable {
    public var area: String
    public var layer: String
    /// Score under paired bootstrap resample k (NaN written as null).
    public var bootstrap: [Double?]
    /// Score within frame block j (NaN written as null).
    public var blocks: [Double?]

    public init(area: String, layer: String, bootstrap: [Double], blocks: [Double]) {
        self.area = area
        self.layer = layer
        self.bootstrap = bootstrap.map { $0.isFinite ? $0 : nil }
        self.blocks = blocks.map { $0.isFinite ? $0 : nil }
    }
}
