import CortexNumerics

/// ``TSRSA`` as a ``SimilarityMetric`` (first argument = model, second = brain); the score is
/// the best lag's. Prepared form: ``FrameCorrelations``.
public struct TSRSAMetric: SimilarityMetric {
    /// The TSRSA options (default: the reference study's procedure).
    public var options: TSRSAOptions

    public init(options: TSRSAOptions = TSRSAOptions()) { self.options = options }

    public var name: String {
        options.distance == .correlation ? "TSRSA (\(options.comparison))" : "TSRSA (\(options.distance.rawValue) RDM, \(options.comparison))"
    }

    public func prepare(_ representation: NDArray<Double>) throws -> FrameCorrelations {
        guard representation.isMatrix else { throw SimilarityError.notAMatrix(operand: .first, shape: representation.shape) }
        return try FrameCorrelations(source: representation, dropsFirstFrame: options.dropsFirstFrame,
                                     blockColumns: options.blockColumns, distance: options.distance).ranked(for: options.comparison)
    }

    /// The study's TSRSA leaves out the first frame (``TSRSAOptions/dropsFirstFrame``).
    public func comparedFrames(rows: Int) -> Int { options.dropsFirstFrame ? max(0, rows - 1) : rows }

    public func score(prepared a: FrameCorrelations, _ b: FrameCorrelations) throws -> Double {
        try TSRSA.score(model: a, brain: b, options: options).score
    }
}
