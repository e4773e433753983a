import CortexNumerics

/// A ``SimilarityMetric`` whose preparation is a Gram matrix over rows, so it can prepare a
/// representation streamed by blocks of columns (``ColumnChunkSource``) that never has to be in
/// memory whole — a layer read from disk, or one kept compact while a network runs
/// (``CompactRowMatrix``).
///
/// `prepare(source:)` equals `prepare(_:)` of the same matrix up to the rounding of the Gram's
/// block sums (identical when the blocks and their precision are the same).
///
/// ```swift
/// let metric: any StreamableSimilarityMetric = CKAMetric(kernel: .linear)
/// let layer = try metric.prepare(source: try NPYColumnSource<Float>(url: big))    // 899 × 800k
/// ```
public protocol StreamableSimilarityMetric: SimilarityMetric {
    /// Prepares a representation read block by block (rows = frames or conditions).
    func prepare<S: ColumnChunkSource>(source: S) throws -> Prepared
}

extension TSRSAMetric: StreamableSimilarityMetric {
    /// ``FrameCorrelations`` streamed in blocks of `options.blockColumns`.
    public func prepare<S: ColumnChunkSource>(source: S) throws -> FrameCorrelations {
        try FrameCorrelations(source: source, dropsFirstFrame: options.dropsFirstFrame, blockColumns: options.blockColumns,
                              distance: options.distance).ranked(for: options.comparison)
    }
}

extension CKAMetric: StreamableSimilarityMetric {
    /// Columns per block when preparing a streamed source: a source that copies its blocks (a
    /// decoder, an HDF5 hyperslab) holds rows × 4096 values at a time.
    public static let streamingBlockColumns = 4096

    /// The kernel Gram matrix of a streamed representation, after the same checks as `prepare(_:)`.
    public func prepare<S: ColumnChunkSource>(source: S) throws -> NDArray<Double> {
        try CKA.validate(source, source, estimator: estimator)
        return try CKA.kernelGram(source: source, kernel: kernel, blockColumns: Self.streamingBlockColumns)
    }
}

extension RSAMetric: StreamableSimilarityMetric {
    /// The ``RDM`` of a streamed representation.
    public func prepare<S: ColumnChunkSource>(source: S) throws -> RDM {
        try RDM(source: source, distance: distance)
    }
}
