import CortexNumerics

// Long-but-uniform file: three thin SimilarityMetric adapters over SVCCA, PWCCA and Procrustes,
// kept together because each is a dozen lines of forwarding.

/// ``SVCCA`` as a ``SimilarityMetric``.
public struct SVCCAMetric: SimilarityMetric {
    public var dimensions: CCADimensions
    public init(dimensions: CCADimensions = .varianceFraction(0.99)) { self.dimensions = dimensions }
    public var name: String { "SVCCA (\(dimensions))" }
    public func score(prepared a: NDArray<Double>, _ b: NDArray<Double>) throws -> Double {
        try SVCCA.score(a, b, dimensions: dimensions)
    }
}

/// ``PWCCA`` as a ``SimilarityMetric``.
public struct PWCCAMetric: SimilarityMetric {
    public var dimensions: CCADimensions
    public init(dimensions: CCADimensions = .varianceFraction(0.99)) { self.dimensions = dimensions }
    public var name: String { "PWCCA (\(dimensions))" }
    public func score(prepared a: NDArray<Double>, _ b: NDArray<Double>) throws -> Double {
        try PWCCA.score(a, b, dimensions: dimensions)
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
