import CortexIO
import CortexNumerics
import CortexSimilarity
import Foundation

/// Where a comparison reads one model's layers from: a feature file on disk (``FeatureFile``) or
/// the outputs kept while a network ran (``StreamedLayers``). Both give the same numbers: TSRSA
/// accumulates its Gram from Float32 column blocks of the same width, other metrics see the layer
/// as Double.
protocol LayerAccess {
    /// TSRSA's prepared form of `layer`, streamed in Float32 column blocks.
    func frameCorrelations(of layer: String, metric: TSRSAMetric) throws -> FrameCorrelations
    /// `metric`'s prepared form of `layer`.
    func prepare<M: SimilarityMetric>(_ metric: M, layer: String) throws -> M.Prepared
    /// `layer` as a frames × units matrix (statistics resample it).
    func features(of layer: String) throws -> NDArray<Double>
}

extension FeatureFile: LayerAccess {
    func frameCorrelations(of layer: String, metric: TSRSAMetric) throws -> FrameCorrelations {
        try metric.prepare(source: try HDF5ColumnSource<Float>(url: url, datasetPath: layer + "/features"))
    }

    /// The layer is read whole, as Double, and prepared by the metric.
    func prepare<M: SimilarityMetric>(_ metric: M, layer: String) throws -> M.Prepared {
        try metric.prepare(try features(of: layer))
    }
}

extension StreamedLayers: LayerAccess {
    func frameCorrelations(of layer: String, metric: TSRSAMetric) throws -> FrameCorrelations {
        try metric.prepare(source: try matrix(of: layer).columns(as: Float.self))
    }

    /// Gram-based metrics (``StreamableSimilarityMetric``: TSRSA, CKA, RSA) accumulate from
    /// decoded Double column blocks, so the layer is never held whole; any other metric gets the
    /// layer decoded whole, as Double (frames × units × 8 bytes while it is scored).
    func prepare<M: SimilarityMetric>(_ metric: M, layer: String) throws -> M.Prepared {
        let kept = try matrix(of: layer)
        if let streamable = metric as? any StreamableSimilarityMetric {
            let prepared = try Self.prepare(streamable, source: kept.columns(as: Double.self))
            // `streamable` is `metric`, so its prepared form is M.Prepared.
            guard let typed = prepared as? M.Prepared else { preconditionFailure("StreamedLayers: prepared form type") }
            return typed
        }
        return try metric.prepare(kept.decoded(as: Double.self))
    }

    private static func prepare<S: StreamableSimilarityMetric>(_ metric: S, source: CompactRowColumns<Double>) throws -> Any {
        try metric.prepare(source: source)
    }

    func features(of layer: String) throws -> NDArray<Double> {
        try matrix(of: layer).decoded(as: Double.self)
    }
}
