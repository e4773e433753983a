import CortexNumerics
import Testing
@testable import CortexSimilarity

/// Every value here traces to `scripts/reference/similarity_reference.py`.
@Suite("Reference values (rsatoolbox 0.3.2, scipy, the study's numpy TSRSA, Kornblith's CKA)")
struct ReferenceTests {
    @Test("the fixture was generated with rsatoolbox 0.3.2")
    func fixtureVersion() throws {
        #expect(try Fixtures.reference().rsatoolbox == "0.3.2")
    }

    @Test("every RDM distance matches rsatoolbox calc_rdm / scipy pdist, including ties and duplicate rows")
    func rdmDistances() throws {
        let cases = try Fixtures.reference().rdms
        #expect(cases.count == 3)
        for item in cases {
            let x = matrix(item.x)
            let expected: [(RDMDistance, [Double])] = [
                (.squaredEuclideanPerChannel, item.squaredEuclideanPerChannel), (.correlation, item.correlation),
                (.euclidean, item.euclidean), (.cosine, item.cosine),
            ]
            for (distance, values) in expected {
                let rdm = try RDM(responses: x, distance: distance)
                #expect(rdm.conditionCount == x.rows)
                #expect(maxAbsDifference(rdm.dissimilarities, values) < 1e-12, "\(item.name) \(distance)")
                // Float input agrees to single precision.
                let single = try RDM(responses: x.map { Float($0) }, distance: distance)
                #expect(maxAbsDifference(single.dissimilarities, values) < 2e-5, "\(item.name) \(distance) Float")
            }
        }
    }

    @Test("crossnobis RDMs match rsatoolbox calc_rdm(method='crossnobis'), identity and given precision")
    func crossnobis() throws {
        let cases = try Fixtures.reference().crossnobis
        #expect(cases.count == 2)
        for item in cases {
            let partitions = item.partitions.map(matrix)
            let identity = try RDM(crossValidatedPartitions: partitions)
            #expect(maxAbsDifference(identity.dissimilarities, item.identity) < 1e-12, "\(item.name)")
            let weighted = try RDM(crossValidatedPartitions: partitions.map { $0.map { Float($0) } },
                                   precision: matrix(item.precision))
            #expect(maxAbsDifference(weighted.dissimilarities, item.withPrecision) < 1e-5, "\(item.name)")
            let exact = try RDM(crossValidatedPartitions: partitions, precision: matrix(item.precision))
            #expect(maxAbsDifference(exact.dissimilarities, item.withPrecision) < 1e-12, "\(item.name)")
        }
        // Unbiased: identical partitions of pure noise around equal patterns average near 0, and
        // with a single shared pattern matrix crossnobis equals the squared Euclidean distance / p.
        let x = gaussian(5, 7, seed: 141)
        let same = try RDM(crossValidatedPartitions: [x, x, x])
        let euclidean = try RDM(responses: x, distance: .squaredEuclideanPerChannel)
        #expect(maxAbsDifference(same.dissimilarities, euclidean.dissimilarities) < 1e-12)
        #expect(throws: SimilarityError.partitionShapeMismatch(index: 1, expected: [5, 7], found: [5, 6])) {
            try RDM(crossValidatedPartitions: [x, gaussian(5, 6, seed: 1)])
        }
        #expect(throws: SimilarityError.tooFewRows(found: 1, minimum: 2)) { try RDM(crossValidatedPartitions: [x]) }
    }

    @Test("every comparison matches rsatoolbox compare and scipy, with and without ties")
    func comparisons() throws {
        let cases = try Fixtures.reference().comparisons
        #expect(cases.count == 3)
        for item in cases {
            let expected: [(RDMComparison, Double)] = [
                (.spearman(ties: .average), item.spearmanAverage), (.spearman(ties: .average), item.scipySpearman),
                (.spearman(ties: .ordinal), item.spearmanOrdinal), (.pearson, item.pearson),
                (.kendallTauB, item.kendallTauB), (.kendallTauB, item.scipyKendallTauB),
                (.kendallTauA, item.kendallTauA), (.kendallTauA, item.bruteTauA),
                (.rhoA, item.rhoA), (.cosine, item.cosine),
            ]
            for (comparison, value) in expected {
                let got = try comparison.compare(item.a, item.b)
                #expect(abs(got - value) < 1e-12, "\(item.name) \(comparison): \(got) vs \(value)")
            }
        }
        // With ties the variants really differ (so the checks above can tell them apart).
        let ties = cases[1]
        #expect(abs(ties.spearmanAverage - ties.rhoA) > 1e-3)
        #expect(abs(ties.kendallTauA - ties.kendallTauB) > 1e-3)
        #expect(abs(ties.spearmanAverage - ties.spearmanOrdinal) > 1e-3)
    }

    @Test("TSRSA reproduces the study's numpy procedure (ordinal ranks) and scipy's variants, duplicated frames included")
    func tsrsa() throws {
        let cases = try Fixtures.reference().tsrsa
        #expect(cases.count == 2)
        // Without exact ties the agreement is to rounding.
        let latent = cases[0]
        let (model, brain) = (matrix(latent.model), matrix(latent.brain))
        let study = try TSRSA.score(model: model, brain: brain)
        #expect(abs(study.score - latent.studyOrdinal) < 1e-12, "\(study.score) vs \(latent.studyOrdinal)")
        #expect(study.lagScores.count == 1 && study.best.frameCount == model.rows - 1)
        let variants: [(RDMComparison, Double)] = [
            (.spearman(ties: .average), latent.spearmanAverage), (.pearson, latent.pearson), (.kendallTauB, latent.kendallTauB),
        ]
        for (comparison, value) in variants {
            let got = try TSRSA.score(model: model, brain: brain, options: TSRSAOptions(comparison: comparison)).score
            #expect(abs(got - value) < 1e-12, "\(comparison)")
        }
        // Duplicated frames make exactly tied distances d(i, k) = d(i′, k) in exact arithmetic;
        // both numpy and BLAS here split some of those ties by last-bit rounding, and which way
        // decides ordinal ranks. So the agreement is to the effect of reordering tied pairs.
        let dup = cases[1]
        let (dm, db) = (matrix(dup.model), matrix(dup.brain))
        let dupScore = try TSRSA.score(model: dm, brain: db).score
        #expect(abs(dupScore - dup.studyOrdinal) < 2e-5)
        #expect(abs(dupScore - dup.studyOrdinalTiesSnapped) < 2e-5)
        #expect(abs(try TSRSA.score(model: dm, brain: db, options: TSRSAOptions(comparison: .pearson)).score - dup.pearson) < 1e-12)
        #expect(abs(try TSRSA.score(model: dm, brain: db, options: TSRSAOptions(comparison: .spearman(ties: .average))).score
                    - dup.spearmanAverageTiesSnapped) < 2e-5)
        #expect(abs(try TSRSA.score(model: dm, brain: db, options: TSRSAOptions(comparison: .kendallTauB)).score
                    - dup.kendallTauBTiesSnapped) < 5e-4)
    }

    @Test("a duplicated frame's own pair has correlation distance exactly 0 and equal distances to others")
    func duplicatedFrames() throws {
        let item = try Fixtures.reference().tsrsa[1]
        let frames = try FrameCorrelations(source: matrix(item.model), dropsFirstFrame: true)
        // Fixture frames 7 = 3, 11 = 10, 20 = 4 (caller numbering) → kept indices 6 = 2, 10 = 9, 19 = 3.
        for (a, b) in [(2, 6), (9, 10), (3, 19)] {
            #expect(frames.correlations[a, b] == 1)
            for j in 0..<frames.frameCount { #expect(abs(frames.correlations[a, j] - frames.correlations[b, j]) < 1e-14) }
        }
    }

    @Test("CKA linear, RBF and debiased match the numpy port of Kornblith et al.'s reference code")
    func cka() throws {
        let cases = try Fixtures.reference().cka
        #expect(cases.count == 3)
        for item in cases {
            let (x, y) = (matrix(item.x), matrix(item.y))
            #expect(abs(try CKA.score(x, y, space: .gram) - item.linear) < 1e-12, "\(item.name)")
            #expect(abs(try CKA.score(x, y, space: .features) - item.linearFeatureSpace) < 1e-12, "\(item.name)")
            #expect(abs(try CKA.score(x, y) - item.linear) < 1e-12, "\(item.name)")
            #expect(abs(try CKA.score(x, y, kernel: .rbf(threshold: 1)) - item.rbf1) < 1e-12, "\(item.name)")
            #expect(abs(try CKA.score(x, y, kernel: .rbf(threshold: 0.5)) - item.rbf05) < 1e-12, "\(item.name)")
            #expect(abs(try CKA.score(x, y, estimator: .unbiased) - item.debiasedLinear) < 1e-12, "\(item.name)")
            #expect(abs(try CKA.score(x, y, kernel: .rbf(threshold: 1), estimator: .unbiased) - item.debiasedRbf1) < 1e-12,
                    "\(item.name)")
        }
    }
}
