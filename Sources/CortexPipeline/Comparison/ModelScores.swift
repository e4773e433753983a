import CortexNumerics
import CortexSimilarity

/// One model's scores against every area: the layers × areas table and its summaries, as the
/// reference study reports them (best layer per area, mean of the best scores over areas).
public struct ModelScores: Sendable, Codable, Hashable {
    /// The model's name (from its feature file or the batch spec).
    public var model: String
    /// Where its features came from.
    public var source: String
    /// The layers in network order.
    public var layers: [FeatureFile.Layer]
    /// The areas, in the order of `scores`' columns.
    public var areas: [String]
    /// `scores[l][a]`: the metric between layer `l` and area `a`.
    public var scores: [[Double]]
    /// TSRSA with a range of lags: the score at every lag of each area's best layer.
    public var lagProfiles: [LagProfile]? = nil
    /// TSRSA: the frame RDMs (1 − Pearson) of the first area and of its best layer, block-averaged
    /// to at most ``RDMImage/maximumSize`` frames a side, for the report's RDM images.
    public var rdmImage: RDMImage? = nil
    /// Firing rates, synaptic operations and energy per frame, from the feature file (when recorded).
    public var energy: ModelEnergy? = nil
    /// The network the feature file records (a registry name such as `sew-resnet18-w8`), when known;
    /// reports derive the model's family (``ModelFamily``) from it.
    public var network: String? = nil
    /// Random weights, or the training task and test accuracy the checkpoint records (when known).
    public var training: ModelTraining? = nil

    /// Two frame RDMs side by side (row-major `size × size` each).
    public struct RDMImage: Sendable, Codable, Hashable {
        public static let maximumSize = 64
        public var area: String
        public var layer: String
        public var size: Int
        /// Row-major RDM values; nil where no frame pair had a defined distance (silent frames).
        public var brain: [Double?]
        public var model: [Double?]

        /// The RDM 1 − r of a correlation matrix, block-averaged (NaN entries skipped) to ≤ `maximumSize`.
        static func downsampled(_ correlations: NDArray<Double>) -> (size: Int, values: [Double?]) {
            let n = correlations.rows
            let size = min(n, maximumSize)
            var sums = [Double](repeating: 0, count: size * size), counts = [Double](repeating: 0, count: size * size)
            for i in 0..<n {
                for j in 0..<n {
                    let d = 1 - correlations[i, j]
                    guard d.isFinite else { continue }
                    let k = (i * size / n) * size + j * size / n
                    sums[k] += d
                    counts[k] += 1
                }
            }
            return (size, zip(sums, counts).map { $1 > 0 ? $0 / $1 : nil })
        }
    }

    /// Score against lag (brain frame t + k vs model frame t) of one area's best layer.
    public struct LagProfile: Sendable, Codable, Hashable {
        public var area: String
        public var layer: String
        public var lags: [Int]
        public var scores: [Double]
    }

    public init(model: String, source: String, layers: [FeatureFile.Layer], areas: [String], scores: [[Double]]) {
        precondition(scores.count == layers.count && scores.allSatisfy { $0.count == areas.count },
                     "ModelScores: table is not layers × areas")
        self.model = model
        self.source = source
        self.layers = layers
        self.areas = areas
        self.scores = scores
    }

    /// The best layer of one area (``BestScore``: highest finite score, first layer on ties).
    public struct BestLayer: Sendable, Hashable {
        public var area: String
        /// Index into ``ModelScores/layers``; nil when no layer has a finite score for the area.
        public var layerIndex: Int?
        /// The layer's name; nil when no layer has a finite score.
        public var layer: String?
        /// The best score; NaN when no layer has a finite score.
        public var score: Double
    }

    /// For each area, in area order, the best layer under ``BestScore`` and its score.
    public var best: [BestLayer] {
        areas.indices.map { a in
            guard let l = BestScore.index(of: scores.map { $0[a] }) else {
                return BestLayer(area: areas[a], layerIndex: nil, layer: nil, score: .nan)
            }
            return BestLayer(area: areas[a], layerIndex: l, layer: layers[l].name, score: scores[l][a])
        }
    }

    /// The index of the best layer of area column `a` (``BestScore``), nil when none is finite.
    public func bestLayerIndex(area a: Int) -> Int? { BestScore.index(of: scores.map { $0[a] }) }

    /// The headline: the mean over areas of the best layer's score.
    public var meanOverAreas: Double {
        let b = best.map(\.score)
        return b.isEmpty ? .nan : b.reduce(0, +) / Double(b.count)
    }
}
