import CortexNumerics
import Foundation
import Testing
@testable import CortexSimilarity

/// Euclidean RDMs on counts keep their ties, and the Spearman frame RDM (the study's STSRSA),
/// against `scripts/reference/metrics_reference.py`.
@Suite("Exact distances on counts and Spearman frame RDMs")
struct ExactDistanceTests {
    static var comparators: [(String, RDMComparison, KeyPath<MetricsFixtures.Comparisons, Double>)] { [
        ("spearman", .spearman(ties: .average), \.spearman), ("kendall-tau-b", .kendallTauB, \.kendallTauB),
        ("pearson", .pearson, \.pearson), ("kendall-tau-a", .kendallTauA, \.kendallTauA), ("rho-a", .rhoA, \.rhoA),
        ("cosine", .cosine, \.cosine),
    ] }

    @Test("Euclidean RDMs of integer and k/R data equal scipy pdist with the same ties; every comparator matches scipy/rsatoolbox")
    func countsAgainstPdist() throws {
        let cases = try MetricsFixtures.reference().counts
        #expect(cases.map(\.repeats) == [1, 20, 4])
        for item in cases {
            let (x, y) = (matrix(item.model), matrix(item.brain))
            let rx = try RDM(responses: x, distance: .euclidean), ry = try RDM(responses: y, distance: .euclidean)
            #expect(zip(rx.dissimilarities, item.modelEuclidean).allSatisfy { abs($0 - $1) <= 1e-14 * max(1, $1) }, "\(item.name)")
            #expect(zip(ry.dissimilarities, item.brainEuclidean).allSatisfy { abs($0 - $1) <= 1e-14 * max(1, $1) }, "\(item.name)")
            // Equal differences, equal distances: as many distinct values as scipy's.
            #expect(Set(rx.dissimilarities).count == item.distinctModel, "\(item.name)")
            #expect(Set(ry.dissimilarities).count == item.distinctBrain, "\(item.name)")
            // Float32 storage of the same values (features files) keeps the ties too.
            let rf = try RDM(responses: x.map(Float.init), distance: .euclidean)
            #expect(Set(rf.dissimilarities).count == item.distinctModel, "\(item.name) Float32")
            let squared = try RDM(responses: x, distance: .squaredEuclideanPerChannel)
            #expect(Set(squared.dissimilarities).count == item.distinctModel, "\(item.name) squared")
            for (label, comparison, key) in Self.comparators {
                let score = try RSAMetric(distance: .euclidean, comparison: comparison).score(x, y)
                #expect(abs(score - item.euclidean[keyPath: key]) < 1e-12, "\(item.name) \(label): \(score)")
            }
        }
    }

    @Test("the centred-Gram path breaks ties the exact path keeps (why the exact path exists)")
    func centredGramBreaksTies() throws {
        let item = try MetricsFixtures.reference().counts[1]   // k/20 means
        let x = matrix(item.model)
        let g = try GramAccumulator<Double>.gram(of: x, centring: .columns, blockColumns: 2048)
        let centred = try RDM.fromGram(g, distance: .euclidean, columns: x.columns, operand: .first)
        let exact = try RDM(responses: x, distance: .euclidean)
        #expect(Set(exact.dissimilarities).count == item.distinctModel)
        #expect(Set(centred.dissimilarities).count >= Set(exact.dissimilarities).count)
    }

    @Test("common denominators: integers R = 1, k/20 and k/4 found, real values and huge integers refused")
    func integerScale() throws {
        let cases = try MetricsFixtures.reference().counts
        for item in cases {
            let scale = try IntegerScale.detect(in: matrix(item.model), blockColumns: 5)
            #expect(scale != nil && item.repeats % scale!.denominator == 0, "\(item.name): \(String(describing: scale))")
        }
        #expect(try IntegerScale.detect(in: gaussian(10, 4, seed: 3), blockColumns: 2) == nil)
        let huge = NDArray<Double>(rows: 3, columns: 2, scalars: [1e9, 0, 3, 4, 5, 6])
        #expect(try IntegerScale.detect(in: huge, blockColumns: 2) == nil)   // 4·k²·p ≥ 2⁵³
        let real = try RDM(responses: gaussian(12, 5, seed: 4), distance: .euclidean)
        let reference = RDM.reference(gaussian(12, 5, seed: 4), distance: .euclidean)
        #expect(zip(real.dissimilarities, reference.dissimilarities).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test("the Spearman frame RDM equals 1 − scipy spearmanr between frames; STSRSA equals the study's procedure on tie-free data")
    func spearmanFrameRDM() throws {
        let cases = try MetricsFixtures.reference().stsrsa
        for item in cases {
            let (x, y) = (matrix(item.model), matrix(item.brain))
            let rdm = try RDM(responses: x.rows(1..<x.rows), distance: .spearman)
            #expect(zip(rdm.dissimilarities, item.modelRDM).allSatisfy { abs($0 - $1) < 1e-12 }, "\(item.name)")
            var options = TSRSAOptions(comparison: .spearman(ties: .average), distance: .spearman)
            #expect(abs(try TSRSA.score(model: x, brain: y, options: options).score - item.spearmanAverage) < 1e-12, "\(item.name)")
            // RSA with the same distance on the same frames (frame 0 dropped by the policy).
            let rsa = FramePolicyMetric(RSAMetric(distance: .spearman, comparison: .spearman(ties: .average)), policy: .dropFirstFrame)
            #expect(abs(try rsa.score(x, y) - item.spearmanAverage) < 1e-12, "\(item.name)")
            if let study = item.studyOrdinal {
                options.comparison = .spearman(ties: .ordinal)
                #expect(abs(try TSRSAMetric(options: options).score(x, y) - study) < 1e-12, "\(item.name)")
            }
            // Streamed from Float32 blocks of any width: the same ranks.
            let streamed = try FrameCorrelations(source: x.map(Float.init), dropsFirstFrame: true, blockColumns: 3, distance: .spearman)
            let inMemory = try FrameCorrelations(source: x, dropsFirstFrame: true, distance: .spearman)
            #expect(zip(streamed.correlations.scalars, inMemory.correlations.scalars).allSatisfy { abs($0 - $1) < 1e-12 })
        }
    }

    @Test("TSRSA honours its distance: each frame RDM equals RSA's on the frames TSRSA keeps")
    func tsrsaDistances() throws {
        let item = try MetricsFixtures.reference().counts[0]
        let (x, y) = (matrix(item.model), matrix(item.brain))
        for distance in RDMDistance.allCases {
            let options = TSRSAOptions(comparison: .spearman(ties: .average), distance: distance)
            let tsrsa = try TSRSA.score(model: x, brain: y, options: options).score
            let rsa = try RSAMetric(distance: distance, comparison: .spearman(ties: .average))
                .score(x.rows(1..<x.rows), y.rows(1..<y.rows))
            #expect(abs(tsrsa - rsa) < 1e-12, "\(distance): \(tsrsa) vs \(rsa)")
        }
        let correlation = try TSRSA.score(model: x, brain: y).score
        let euclidean = try TSRSA.score(model: x, brain: y, options: TSRSAOptions(distance: .euclidean)).score
        #expect(correlation != euclidean)
    }
}
