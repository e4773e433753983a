import CortexNumerics
import CortexSimilarity
import Foundation

/// The frame RDMs a report exports (`rdms/`): every area's, and each model's best layer per area.
extension Comparison {
    /// TSRSA's frame RDM of every area (the metric's distance and frame policy), in area order;
    /// empty for metrics without a frame RDM (only TSRSA has one).
    public static func areaRDMs(_ brain: [(area: String, matrix: NDArray<Double>)],
                                metric: any SimilarityMetric) throws -> [FrameRDM] {
        guard let tsrsa = metric as? TSRSAMetric else { return [] }
        return try brain.enumerated().map { index, entry in
            FrameRDM(correlations: try tsrsa.prepare(entry.matrix), area: entry.area, layer: nil,
                     file: "area-\(index).npy")
        }
    }

    /// The frame RDM of each area's best layer in `scores` (one per area whose best layer is
    /// defined; a layer that is best for several areas is prepared once and shares its file name).
    static func bestLayerRDMs<L: LayerAccess>(_ scores: ModelScores, access: L,
                                              metric: any SimilarityMetric) throws -> [FrameRDM] {
        guard let tsrsa = metric as? TSRSAMetric else { return [] }
        var prepared: [Int: FrameCorrelations] = [:]
        return try scores.best.compactMap { best in
            guard let l = best.layerIndex, let name = best.layer else { return nil }
            if prepared[l] == nil { prepared[l] = try access.frameCorrelations(of: name, metric: tsrsa) }
            return FrameRDM(correlations: prepared[l]!, area: best.area, layer: name, file: "layer-\(l).npy")
        }
    }
}

extension ComparisonPlan {
    /// The frame RDMs of the areas of `brain` and of each area's best layer of a model scored from
    /// a feature file (empty unless the plan's metric is TSRSA).
    public func frameRDMs(features: FeatureFile, scores: ModelScores, brain: BrainResponses) throws -> [FrameRDM] {
        guard metric.metric is TSRSAMetric else { return [] }
        return try Comparison.areaRDMs(brain.brain, metric: metric.metric)
            + Comparison.bestLayerRDMs(scores, access: features, metric: metric.metric)
    }

    /// As ``frameRDMs(features:scores:brain:)`` for a network's kept layers.
    public func frameRDMs(layers: StreamedLayers, scores: ModelScores, brain: BrainResponses) throws -> [FrameRDM] {
        guard metric.metric is TSRSAMetric else { return [] }
        return try Comparison.areaRDMs(brain.brain, metric: metric.metric)
            + Comparison.bestLayerRDMs(scores, access: layers, metric: metric.metric)
    }
}
