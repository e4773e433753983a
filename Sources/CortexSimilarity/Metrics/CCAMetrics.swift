import CortexNumerics

// Long-but-uniform file: three thin SimilarityMetric adapters over SVCCA, PWCCA and Procrustes,
// kept together because each is a dozen lines of forwarding.

/// ``SVCCA`` as a ``SimilarityMetric``.
/// Dimensions: 99 % of the variance (Raghu et al.), capped so k_x + k_y ≤ ⌊(n − 1)/2⌋.
public struct SVCCAMetric: SimilarityMetric {
    public var dimensions: CCADimensions
    public var cap: CCADimensionCap
    public init(dimensions: CCADimensions = .varianceFraction(0.99), cap: CCADimensionCap = .halfOfFrames) {
        self.dimensions = dimensions
        self.cap = cap
    }
    public var name: String { "SVCCA (\(dimensions)\(cap == .none ? "" : ", capped"))" }
    public func score(prepared a: NDArray<Double>, _ b: NDArray<Double>) throws -> Double {
        try analysis(a, b).score
    }
    /// The score with k_x, k_y and n (``CCAResult``).
    public func analysis(_ a: NDArray<Double>, _ b: NDArray<Double>) throws -> CCAResult {
        try SVCCA.analysis(a, b, dimensions: dimensions, cap: cap)
    }
}

/// ``PWCCA`` as a ``SimilarityMetric``; dimensions as ``SVCCAMetric``.
public struct PWCCAMetric: SimilarityMetric {
    public var dimensions: CCADimensions
    public var cap: CCADimensionCap
    public init(dimensions: CCADimensions = .varianceFraction(0.99), cap: CCADimensionCap = .halfOfFrames) {
        self.dimensions = dimensions
        self.cap = cap
    }
    public var name: String { "PWCCA (\(dimensions)\(cap == .none ? "" : ", capped"))" }
    public func score(prepared a: NDArray<Double>, _ b: NDArray<Double>) throws -> Double {
        try analysis(a, b).score
    }
    /// The score with k_x, k_y and n (``CCAResult``).
    public func analysis(_ a: NDArray<Double>, _ b: NDArray<Double>) throws -> CCAResult {
        try PWCCA.analysis(a, b, dimensions: dimensions, cap: cap)
    }
}

/// ``Procrustes`` similarity ‖X̃ᵀỸ‖_* as a ``SimilarityMetric`` (1 = identical up to rotation).
public struct ProcrustesMetric: SimilarityMetric {
    public init() {}
    public var name: String { "orthogonal Procrustes similarity" }
    public func score(prepared a: NDArray<Double>, _ b: NDArray<Double>) throws -> Double {
        try Procrustes.similarity(a, b)
    }
}

/// ``RidgePredictivity`` as a ``SimilarityMetric``: the first argument (model) predicts the second
/// (brain); not symmetric.
public struct RidgeMetric: SimilarityMetric {
    public var alpha: Double
    public var evaluation: RidgeEvaluation
    public init(alpha: Double = 1, evaluation: RidgeEvaluation = .crossValidated(folds: 5)) {
        self.alpha = alpha
        self.evaluation = evaluation
    }
    public var name: String { "ridge predictivity (α = \(alpha), \(evaluation))" }
    public func score(prepared a: NDArray<Double>, _ b: NDArray<Double>) throws -> Double {
        try RidgePredictivity.score(model: a, brain: b, alpha: alpha, evaluation: evaluation).score
    }
}
