import CortexNumerics
import CortexSimilarity

/// Layer outputs kept as compact rows, by layer name (``StreamedLayers``).
protocol KeptLayers {
    func matrix(of name: String) throws -> CompactRowMatrix
}

extension StreamedLayers: KeptLayers {}

/// Consecutive frames `rows` of kept layer outputs (a clip of ``Intervention/clips(length:count:)``),
/// re-encoded losslessly as their own ``CompactRowMatrix`` per layer and prepared exactly as
/// ``StreamedLayers`` prepares a whole movie (TSRSA from Float32 column blocks, Gram metrics from
/// Double blocks, others decoded), so a clip of every frame scores as the unaltered run.
struct SlicedLayers<Base: KeptLayers>: LayerAccess {
    let base: Base
    let rows: Range<Int>

    /// Layer `name`'s clip rows.
    func matrix(of name: String) throws -> CompactRowMatrix {
        let kept = try base.matrix(of: name)
        let width = kept.columnCount
        var values = [Float](repeating: 0, count: rows.count * width)
        values.withUnsafeMutableBufferPointer { buffer in
            kept.decode(rows: rows, columns: 0..<width, into: buffer.baseAddress!, rowStride: width)
        }
        var clip = CompactRowMatrix(columns: width, expectedRows: rows.count)
        clip.append(rows: rows.count, contentsOf: values)
        return clip
    }

    func frameCorrelations(of layer: String, metric: TSRSAMetric) throws -> FrameCorrelations {
        try metric.prepare(source: try matrix(of: layer).columns(as: Float.self))
    }

    func prepare<M: SimilarityMetric>(_ metric: M, layer: String) throws -> M.Prepared {
        let kept = try matrix(of: layer)
        if let streamable = metric as? any StreamableSimilarityMetric {
            guard let typed = try Self.prepare(streamable, source: kept.columns(as: Double.self)) as? M.Prepared else {
                preconditionFailure("SlicedLayers: prepared form type")
            }
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
