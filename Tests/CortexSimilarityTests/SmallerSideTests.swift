import CortexNumerics
import Foundation
import Testing
@testable import CortexSimilarity

/// Committed reference values from `scripts/reference/smaller_side_reference.py` (numpy 2.4.6,
/// scipy 1.17.1, scikit-learn 1.9.1), in `Fixtures/smaller_side.json`.
struct SmallerSideCase: Decodable {
    let name: String
    let x, y: [[Double]]
    let k, pcaDims, cappedKx, cappedKy: Int
    let svccaK, svccaAll, pwccaK, pwccaAll, svccaCapped, pwccaCapped: Double
    let procrustesSimilarity, procrustesDistance: Double
    let ridgeCV5, ridgeCV3Alpha10, ridgeInSampleR2, ridgeStudy: Double

    static func all() throws -> [SmallerSideCase] {
        struct File: Decodable { let cases: [SmallerSideCase] }
        let url = Fixtures.directory.appendingPathComponent("smaller_side.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }
}

@Suite("SVCCA, PWCCA, Procrustes and ridge on the smaller side (tall, wide and mixed inputs)")
struct SmallerSideTests {
    @Test("every metric matches numpy/scipy/scikit-learn on tall, rank-deficient, mixed and wide inputs")
    func references() throws {
        let cases = try SmallerSideCase.all()
        #expect(cases.count == 4)
        for item in cases {
            let (x, y) = (matrix(item.x), matrix(item.y))
            #expect(abs(try SVCCA.score(x, y, dimensions: .count(item.k)) - item.svccaK) < 1e-10, "\(item.name)")
            #expect(abs(try SVCCA.score(x, y) - item.svccaAll) < 1e-10, "\(item.name)")
            #expect(abs(try PWCCA.score(x, y, dimensions: .count(item.k)) - item.pwccaK) < 1e-10, "\(item.name)")
            #expect(abs(try PWCCA.score(x, y) - item.pwccaAll) < 1e-10, "\(item.name)")
            let svcca = try SVCCAMetric().analysis(x, y), pwcca = try PWCCAMetric().analysis(x, y)
            #expect(abs(svcca.score - item.svccaCapped) < 1e-10, "\(item.name)")
            #expect(abs(pwcca.score - item.pwccaCapped) < 1e-10, "\(item.name)")
            #expect(svcca.kx == item.cappedKx && svcca.ky == item.cappedKy, "\(item.name)")
            #expect(abs(try Procrustes.similarity(x, y) - item.procrustesSimilarity) < 1e-10, "\(item.name)")
            #expect(abs(try Procrustes.distance(x, y) - item.procrustesDistance) < 1e-10, "\(item.name)")
            let cv5 = try RidgePredictivity.score(model: x, brain: y, alpha: 1, evaluation: .crossValidated(folds: 5))
            #expect(abs(cv5.score - item.ridgeCV5) < 1e-10, "\(item.name)")
            let cv3 = try RidgePredictivity.score(model: x, brain: y, alpha: 10, evaluation: .crossValidated(folds: 3))
            #expect(abs(cv3.score - item.ridgeCV3Alpha10) < 1e-10, "\(item.name)")
            let inSample = try RidgePredictivity.score(model: x, brain: y, alpha: 1, evaluation: .inSampleR2)
            #expect(abs(inSample.score - item.ridgeInSampleR2) < 1e-10, "\(item.name)")
            let study = try RidgeStudy.score(model: x, brain: y, pcaDimensions: item.pcaDims)
            #expect(abs(study.score - item.ridgeStudy) < 1e-10, "\(item.name)")
        }
    }

    @Test("a tall side: the thin-SVD subspace equals the Gram eigenvector subspace; primal ridge equals dual")
    func routesAgree() throws {
        let cases = try SmallerSideCase.all()
        for item in cases where item.x[0].count < item.x.count {
            let xc = matrix(item.x).columnCentred()
            let y = matrix(item.y).columnCentred()
            let fromData = try PrincipalSubspace(centredData: xc, dimensions: .all, operand: .first)
            let fromGram = try PrincipalSubspace(centredGram: LinearAlgebra.gram(xc), dimensions: .all, operand: .first)
            #expect(fromData.singularValues.count == fromGram.singularValues.count, "\(item.name)")
            let scale = fromData.singularValues[0]
            #expect(maxAbsDifference(fromData.singularValues, fromGram.singularValues) < 1e-10 * scale, "\(item.name)")
            #expect(abs(fromData.totalVariance - fromGram.totalVariance) < 1e-10 * fromGram.totalVariance, "\(item.name)")
            // Same subspace: every canonical correlation between the two bases is 1.
            let rho = try PrincipalSubspace.canonical(fromData, fromGram).singularValues
            #expect(rho.allSatisfy { abs($0 - 1) < 1e-10 }, "\(item.name)")
            let n = xc.rows
            let train = Array(0..<(n - n / 4)), test = Array((n - n / 4)..<n)
            let primal = try RidgeDesign.data(xc).predict(y: y, train: train, test: test, alpha: 1)
            let dual = try RidgeDesign.gram(LinearAlgebra.gram(xc)).predict(y: y, train: train, test: test, alpha: 1)
            #expect(maxAbsDifference(primal.scalars, dual.scalars) < 1e-10, "\(item.name)")
        }
    }

    @Test("a tall streamed source gives the in-memory result; a NaN in it is named by row and column")
    func streamedTall() throws {
        let item = try SmallerSideCase.all()[0]
        let (x, y) = (matrix(item.x), matrix(item.y))
        let float = x.map { Float($0) }
        #expect(abs(try SVCCA.score(float, y, blockColumns: 5) - (try SVCCA.score(float.map { Double($0) }, y))) < 1e-12)
        #expect(abs(try Procrustes.similarity(float, y, blockColumns: 3) - (try Procrustes.similarity(float.map { Double($0) }, y))) < 1e-12)
        var bad = x
        bad[7, 3] = .nan
        #expect(throws: SimilarityError.nonFiniteEntry(operand: .first, row: 7, column: 3)) {
            try SVCCA.score(bad, y)
        }
        #expect(throws: SimilarityError.nonFiniteEntry(operand: .first, row: 7, column: 3)) {
            try RidgePredictivity.score(model: bad, brain: y)
        }
    }
}
