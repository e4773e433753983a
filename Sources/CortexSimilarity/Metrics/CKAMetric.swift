import CortexNumerics

/// ``CKA`` as a ``SimilarityMetric``. Prepared form: the n × n kernel Gram matrix.
public struct CKAMetric: SimilarityMetric {
    /// The kernel (default linear).
    public var kernel: CKAKernel
    /// The HSIC estimator (default biased; `.unbiased` is debiased CKA).
    public var estimator: HSICEstimator

    public init(kernel: CKAKernel = .linear, estimator: HSICEstimator = .biased) {
        self.kernel = kernel
        self.estimator = estimator
    }

    public var name: String { "CKA (\(kernel), \(estimator))" }

    public func prepare(_ representation: NDArray<Double>) throws -> NDArray<Double> {
        guard representation.isMatrix else { throw SimilarityError.notAMatrix(operand: .first, shape: representation.shape) }
        try CKA.validate(representation, representation, estimator: estimator)
        return try CKA.kernelGram(source: representation, kernel: kernel)
    }

    public func score(prepared a: NDArray<Double>, _ b: NDArray<Double>) throws -> Double {
        try CKA.score(kernelX: a, kernelY: b, estimator: estimator)
    }
}
