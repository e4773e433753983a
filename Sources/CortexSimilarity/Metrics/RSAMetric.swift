import CortexNumerics

/// Classic RSA as a ``SimilarityMetric``: an RDM of each side under `distance`, compared by
/// `comparison`. Prepared form: the ``RDM``.
public struct RSAMetric: SimilarityMetric {
    public var distance: RDMDistance
    public var comparison: RDMComparison

    public init(distance: RDMDistance = .correlation, comparison: RDMComparison = .spearman(ties: .average)) {
        self.distance = distance
        self.comparison = comparison
    }

    public var name: String { "RSA (\(distance), \(comparison))" }

    public func prepare(_ representation: NDArray<Double>) throws -> RDM {
        try RDM(responses: representation, distance: distance)
    }

    public func score(prepared a: RDM, _ b: RDM) throws -> Double {
        try comparison.compare(a, b)
    }
}
