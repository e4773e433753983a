import CortexNumerics
import Testing
@testable import CortexSimilarity

/// A user-defined metric: correlation of the mean activity time courses.
struct MeanActivityCorrelation: SimilarityMetric {
    var name: String { "mean-activity correlation" }
    func score(prepared a: NDArray<Double>, _ b: NDArray<Double>) throws -> Double {
        try RDMComparison.pearson.compare(a.rowMeans(), b.rowMeans())
    }
}

@Suite("SimilarityMetric: built-ins and custom metrics are values")
struct MetricTests {
    @Test("built-in metrics equal their direct computations; prepared forms are reusable")
    func builtIns() throws {
        let model = gaussian(20, 8, seed: 91)
        let brain = LinearAlgebra.matmul(model, gaussian(8, 6, seed: 92)).adding(gaussian(20, 6, seed: 93), scale: 0.5)
        #expect(try TSRSAMetric().score(model, brain) == (try TSRSA.score(model: model, brain: brain).score))
        #expect(try CKAMetric(estimator: .unbiased).score(model, brain) == (try CKA.score(model, brain, estimator: .unbiased, space: .gram)))
        let rsa = RSAMetric(distance: .euclidean, comparison: .kendallTauB)
        let direct = try RDMComparison.kendallTauB.compare(try RDM(responses: model, distance: .euclidean),
                                                           try RDM(responses: brain, distance: .euclidean))
        #expect(try rsa.score(model, brain) == direct)
        let metric = CKAMetric(kernel: .rbf(threshold: 1))
        let prepared = try metric.prepare(model)
        #expect(try metric.score(prepared: prepared, try metric.prepare(brain)) == (try metric.score(model, brain)))
    }

    @Test("custom and built-in metrics mix in one list, by value")
    func heterogeneous() throws {
        let model = gaussian(15, 5, seed: 95)
        let metrics: [any SimilarityMetric] = [TSRSAMetric(), CKAMetric(), RSAMetric(), MeanActivityCorrelation()]
        let names = metrics.map(\.name)
        #expect(Set(names).count == 4)
        for metric in metrics { #expect(abs(try metric.score(model, model) - 1) < 1e-12, "\(metric.name)") }
        let other = gaussian(15, 5, seed: 96)
        #expect(try MeanActivityCorrelation().score(model, other) < 0.99)
    }
}
