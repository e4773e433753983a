import CortexIO
import CortexNumerics
import Foundation
import Testing
@testable import CortexSimilarity

@Suite("SVCCA, PWCCA, Procrustes and ridge predictivity")
struct MoreMetricTests {
    @Test("SVCCA, PWCCA and Procrustes match numpy SVD/QR references; ridge matches scikit-learn Ridge + KFold")
    func references() throws {
        let cases = try Fixtures.reference().cca
        #expect(cases.count == 2)
        for item in cases {
            let (x, y) = (matrix(item.x), matrix(item.y))
            #expect(abs(try SVCCA.score(x, y, dimensions: .count(item.k)) - item.svccaK) < 1e-10, "\(item.name)")
            #expect(abs(try SVCCA.score(x, y) - item.svccaAll) < 1e-10, "\(item.name)")
            #expect(abs(try PWCCA.score(x, y, dimensions: .count(item.k)) - item.pwccaK) < 1e-10, "\(item.name)")
            #expect(abs(try PWCCA.score(x, y) - item.pwccaAll) < 1e-10, "\(item.name)")
            #expect(abs(try Procrustes.similarity(x, y) - item.procrustesSimilarity) < 1e-10, "\(item.name)")
            #expect(abs(try Procrustes.distance(x, y) - item.procrustesDistance) < 1e-10, "\(item.name)")
            let cv5 = try RidgePredictivity.score(model: x, brain: y, alpha: 1, evaluation: .crossValidated(folds: 5))
            #expect(abs(cv5.score - item.ridgeCV5) < 1e-10, "\(item.name)")
            let cv3 = try RidgePredictivity.score(model: x, brain: y, alpha: 10, evaluation: .crossValidated(folds: 3))
            #expect(abs(cv3.score - item.ridgeCV3Alpha10) < 1e-10, "\(item.name)")
            let inSample = try RidgePredictivity.score(model: x, brain: y, alpha: 1, evaluation: .inSampleR2)
            #expect(abs(inSample.score - item.ridgeInSampleR2) < 1e-10, "\(item.name)")
            #expect(inSample.perNeuron.count == y.columns && inSample.constantNeurons.isEmpty)
        }
        // In-sample R² on wide data is optimistic: far above the held-out score.
        let wide = cases[1]
        #expect(wide.ridgeInSampleR2 > wide.ridgeCV5 + 0.3)
    }

    @Test("identities: SVCCA/PWCCA/Procrustes of X with a rotated, scaled copy are 1; distance 0")
    func identities() throws {
        let x = gaussian(30, 5, seed: 101)
        let rotated = LinearAlgebra.matmul(x, try randomOrthogonal(5, seed: 102)).map { 2.5 * $0 + 1 }
        #expect(abs(try SVCCA.score(x, rotated) - 1) < 1e-10)
        #expect(abs(try PWCCA.score(x, rotated) - 1) < 1e-10)
        #expect(abs(try Procrustes.similarity(x, rotated) - 1) < 1e-10)
        #expect(try Procrustes.distance(x, rotated) < 1e-4)
        let other = gaussian(30, 5, seed: 103)
        #expect(try Procrustes.distance(x, other) > 0.5)
        #expect(try SVCCA.score(x, other) < 0.9)
        // Non-isotropic scaling keeps CCA at 1 but not Procrustes.
        let stretched = x.enumeratedScale { $0 == 0 ? 10 : 1 }
        #expect(abs(try SVCCA.score(x, stretched) - 1) < 1e-10)
        #expect(try Procrustes.similarity(x, stretched) < 0.95)
    }

    @Test("ridge: planted linear read-out is predicted, noise is not; constant neurons are listed")
    func ridgePlanted() throws {
        let model = gaussian(60, 8, seed: 111)
        var brain = LinearAlgebra.matmul(model, gaussian(8, 4, seed: 112)).adding(gaussian(60, 4, seed: 113), scale: 0.3)
        for i in 0..<60 { brain[i, 2] = 7 }
        let result = try RidgePredictivity.score(model: model, brain: brain)
        #expect(result.constantNeurons == [2] && result.perNeuron[2].isNaN)
        #expect(result.score > 0.8)
        let noise = try RidgePredictivity.score(model: model, brain: gaussian(60, 4, seed: 114))
        #expect(noise.score < 0.3)
        #expect(throws: SimilarityError.constantInput(operand: .second)) {
            try RidgePredictivity.score(model: model, brain: NDArray<Double>(rows: 60, columns: 2, repeating: 1))
        }
        #expect(RidgePredictivity.kFold(10, 3) == [0..<4, 4..<7, 7..<10])
    }

    @Test("streamed SVCCA, Procrustes and ridge equal in-memory results")
    func streamed() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = gaussian(25, 700, seed: 121), y = LinearAlgebra.matmul(x, gaussian(700, 6, seed: 122))
        let url = dir.appendingPathComponent("x.npy")
        try NPYFile.write(x, to: url)
        let source = try NPYColumnSource<Double>(url: url)
        #expect(abs(try SVCCA.score(source, y, dimensions: .count(4), blockColumns: 64) - (try SVCCA.score(x, y, dimensions: .count(4)))) < 1e-9)
        #expect(abs(try Procrustes.similarity(source, y, blockColumns: 64) - (try Procrustes.similarity(x, y))) < 1e-9)
        #expect(abs(try RidgePredictivity.score(model: source, brain: y, blockColumns: 100).score
                    - (try RidgePredictivity.score(model: x, brain: y).score)) < 1e-9)
    }

    @Test("the adapters are SimilarityMetrics")
    func adapters() throws {
        let x = gaussian(20, 4, seed: 131)
        let metrics: [any SimilarityMetric] = [SVCCAMetric(), PWCCAMetric(), ProcrustesMetric(), RidgeMetric(evaluation: .inSampleR2)]
        for metric in metrics { #expect(try metric.score(x, x) > 0.95, "\(metric.name)") }
    }
}
