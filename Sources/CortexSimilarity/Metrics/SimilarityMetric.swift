import CortexNumerics

/// The capability of scoring how similar two representations of the same stimuli are
/// (rows = frames or conditions, columns = units or features).
///
/// A metric may *prepare* each side once (a Gram matrix, an RDM, frame correlations) so that
/// comparing one representation with many, or repeating a comparison under permutations, does
/// not redo the expensive part. Metrics are values: pass them around, no registration needed.
///
/// ```swift
/// // A custom metric: only `name` and `score(prepared:_:)` are required when Prepared is the matrix.
/// struct MeanActivityCorrelation: SimilarityMetric {
///     var name: String { "mean-activity correlation" }
///     func score(prepared a: NDArray<Double>, _ b: NDArray<Double>) throws -> Double {
///         try RDMComparison.pearson.compare(a.rowMeans(), b.rowMeans())
///     }
/// }
/// let metrics: [any SimilarityMetric] = [TSRSAMetric(), CKAMetric(), MeanActivityCorrelation()]
/// for metric in metrics { print(metric.name, try metric.score(model, brain)) }
/// ```
public protocol SimilarityMetric: Sendable {
    /// The prepared form of one representation.
    associatedtype Prepared: Sendable = NDArray<Double>
    /// A short human-readable name, e.g. "TSRSA (spearman, ordinal ties)".
    var name: String { get }
    /// Prepares one representation (called once per side).
    func prepare(_ representation: NDArray<Double>) throws -> Prepared
    /// Scores two prepared representations.
    func score(prepared a: Prepared, _ b: Prepared) throws -> Double
    /// How many of `rows` frames the metric compares (all by default; TSRSA drops the first frame
    /// unless told not to). Statistics count their default circular shift over these frames.
    func comparedFrames(rows: Int) -> Int
}

extension SimilarityMetric where Prepared == NDArray<Double> {
    /// The representation itself (metrics without a preparation step).
    public func prepare(_ representation: NDArray<Double>) throws -> NDArray<Double> { representation }
}

extension SimilarityMetric {
    /// Every frame is compared.
    public func comparedFrames(rows: Int) -> Int { rows }

    /// Prepares both sides and scores them.
    public func score(_ a: NDArray<Double>, _ b: NDArray<Double>) throws -> Double {
        try score(prepared: try prepare(a), try prepare(b))
    }
}
