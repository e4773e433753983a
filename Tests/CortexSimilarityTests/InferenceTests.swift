import CortexNumerics
import Foundation
import Testing
@testable import CortexSimilarity

@Suite("Permutation tests and bootstrap intervals")
struct InferenceTests {
    /// Rows 1… of `x` reordered by σ over the kept frames (row 0, dropped by TSRSA, stays).
    func reorderKept(_ x: NDArray<Double>, _ order: [Int]) -> NDArray<Double> {
        x.selectingRows([0] + order.map { $0 + 1 })
    }

    @Test("the fast TSRSA permutation pass equals recomputing TSRSA on the reordered matrix", arguments: [
        RDMComparison.spearman(ties: .ordinal), .spearman(ties: .average), .pearson, .cosine, .rhoA,
    ])
    func fastEqualsSlow(comparison: RDMComparison) throws {
        let model = planted(frames: 41, units: 12, noise: 1, seed: 1)
        let brain = planted(frames: 41, units: 15, noise: 1, seed: 1)
        let options = TSRSAOptions(comparison: comparison)
        let metric = TSRSAMetric(options: options)
        let (fm, fb) = (try metric.prepare(model), try metric.prepare(brain))
        let kernel = try #require(try TSRSAPermutationKernel(model: fm, brain: fb, options: options))
        var rng = SplittableRandom(seed: 3)
        for scheme in [PermutationScheme.circularShift(minimumShift: 3), .blockPermutation(blockLength: 6)] {
            for _ in 0..<3 {
                let order = try scheme.reordering(frames: 40, using: &rng)
                let slow = try TSRSA.score(model: reorderKept(model, order), brain: brain, options: options).score
                #expect(abs(kernel.score(order) - slow) < 1e-12, "\(comparison) \(scheme)")
            }
        }
        // The whole test: observed score first, null from the same reorderings.
        let test = try PermutationTest.tsrsa(model: fm, brain: fb, options: options,
                                             scheme: .circularShift(minimumShift: 3), permutations: 4, seed: 9)
        let orders = try PermutationTest.reorderings(scheme: .circularShift(minimumShift: 3), frames: 40, permutations: 4, seed: 9)
        for (k, order) in orders.enumerated() {
            let slow = try TSRSA.score(model: reorderKept(model, order), brain: brain, options: options).score
            #expect(abs(test.nullScores[k] - slow) < 1e-12)
        }
        #expect(test.observed == (try TSRSA.score(model: model, brain: brain, options: options).score))
    }

    @Test("ordinal ties in the model fall back to re-ranking and still equal the slow path")
    func ordinalTiesFallback() throws {
        var model = planted(frames: 21, units: 8, noise: 1, seed: 5)
        model.withUnsafeMutableBufferPointer { p in for u in 0..<8 { p[9 * 8 + u] = p[4 * 8 + u] } }
        let brain = gaussian(21, 9, seed: 6)
        let metric = TSRSAMetric()
        let (fm, fb) = (try metric.prepare(model), try metric.prepare(brain))
        #expect(try TSRSAPermutationKernel(model: fm, brain: fb, options: metric.options) == nil)
        let test = try PermutationTest.run(metric: metric, model, brain, scheme: .blockPermutation(blockLength: 4),
                                           permutations: 5, seed: 2)
        let orders = try PermutationTest.reorderings(scheme: .blockPermutation(blockLength: 4), frames: 20, permutations: 5, seed: 2)
        for (k, order) in orders.enumerated() {
            let slow = try metric.score(reorderKept(model, order), brain)
            // Recomputing from reordered rows rounds the duplicated frames' Gram entries differently
            // (ties at ~1 ulp), which moves ordinal ranks slightly; reindexing keeps them exact.
            #expect(abs(test.nullScores[k] - slow) < 1e-3, "\(test.nullScores[k] - slow)")
            #expect(test.nullScores[k] == (try TSRSA.score(model: fm.reindexed(order), brain: fb).score))
        }
    }

    @Test("p-values of unrelated pairs are about uniform; a strongly related pair gets the smallest p")
    func pValueCalibration() throws {
        var rejections = 0
        for seed in 0..<200 as Range<UInt64> {
            let a = gaussian(40, 6, seed: 1000 + seed), b = gaussian(40, 6, seed: 5000 + seed)
            let test = try PermutationTest.run(metric: TSRSAMetric(), a, b, scheme: .blockPermutation(blockLength: 3),
                                               permutations: 99, seed: seed)
            if test.pValue < 0.05 { rejections += 1 }
        }
        // Expected 10 of 200; binomial sd ≈ 3.1. A broken test (always or never significant) fails.
        #expect(rejections >= 2 && rejections <= 24, "\(rejections) of 200 below 0.05")
        let x = planted(frames: 40, units: 10, noise: 0.3, seed: 7)
        let y = planted(frames: 40, units: 12, noise: 0.3, seed: 7)
        let strong = try PermutationTest.run(metric: TSRSAMetric(), x, y, scheme: .circularShift(minimumShift: 2),
                                             permutations: 199, seed: 1)
        #expect(strong.pValue == 1.0 / 200.0, "\(strong.pValue)")
        let cka = try PermutationTest.run(metric: CKAMetric(), x, y, scheme: .blockPermutation(blockLength: 4),
                                          permutations: 49, seed: 1)
        #expect(cka.pValue == 1.0 / 50.0)
    }

    @Test("p = (1 + #{null ≥ observed}) / (1 + N)")
    func pValueFormula() {
        #expect(PermutationTestResult(observed: 0.5, nullScores: [0.1, 0.5, 0.7, 0.2]).pValue == 3.0 / 5.0)
        #expect(PermutationTestResult(observed: 0.9, nullScores: [0.1, 0.2]).pValue == 1.0 / 3.0)
    }

    @Test("schemes: shifts stay within the bounds, block permutations are permutations, bad settings throw")
    func schemes() throws {
        var rng = SplittableRandom(seed: 1)
        for _ in 0..<50 {
            let order = try PermutationScheme.circularShift(minimumShift: 4).reordering(frames: 10, using: &rng)
            #expect((4...6).contains(order[0]) && order.sorted() == Array(0..<10))
            let blocks = try PermutationScheme.blockPermutation(blockLength: 3).reordering(frames: 10, using: &rng)
            #expect(blocks.sorted() == Array(0..<10))
        }
        #expect(throws: SimilarityError.self) { try PermutationScheme.circularShift(minimumShift: 6).reordering(frames: 10, using: &rng) }
        #expect(throws: SimilarityError.self) { try PermutationScheme.blockPermutation(blockLength: 10).reordering(frames: 10, using: &rng) }
    }

    @Test("a bootstrap interval contains the full-data score and narrows with more data")
    func bootstrap() throws {
        let model = planted(frames: 30, units: 20, noise: 1, seed: 2)
        func width(_ units: Int) throws -> BootstrapInterval {
            let brain = planted(frames: 30, units: units, noise: 3, seed: 2)
            return try Bootstrap.confidenceInterval(metric: TSRSAMetric(), model, brain, scheme: .neurons,
                                                    resamples: 60, level: 0.9, seed: 4)
        }
        let small = try width(12), large = try width(300)
        for ci in [small, large] { #expect(ci.lower <= ci.estimate && ci.estimate <= ci.upper, "\(ci.lower) \(ci.estimate) \(ci.upper)") }
        #expect(large.upper - large.lower < small.upper - small.lower)
        let frames = try Bootstrap.confidenceInterval(metric: CKAMetric(), model, planted(frames: 30, units: 25, noise: 1, seed: 2),
                                                      scheme: .frames(blockLength: 5), resamples: 40, seed: 1)
        #expect(frames.lower <= frames.estimate && frames.estimate <= frames.upper && frames.replicates.count == 40)
        let again = try Bootstrap.confidenceInterval(metric: CKAMetric(), model, planted(frames: 30, units: 25, noise: 1, seed: 2),
                                                     scheme: .frames(blockLength: 5), resamples: 40, seed: 1, workers: 1)
        #expect(again == frames)
        #expect(throws: SimilarityError.self) {
            try Bootstrap.confidenceInterval(metric: CKAMetric(), model, model, scheme: .repeats, resamples: 5, seed: 1)
        }
    }

    @Test("the TSRSA frame bootstrap equals TSRSA of the resampled rows with the pairs of copies of one frame left out")
    func tsrsaFrameBootstrap() throws {
        let model = planted(frames: 26, units: 9, noise: 1, seed: 3)
        let brain = planted(frames: 26, units: 11, noise: 1, seed: 3)
        // Pearson: insensitive to ulp-level differences between tied distances (see ordinalTiesFallback).
        let options = TSRSAOptions(comparison: .pearson)
        let metric = TSRSAMetric(options: options)
        let fast = try Bootstrap.confidenceInterval(metric: metric, model, brain,
                                                    scheme: .frames(blockLength: 4), resamples: 5, seed: 8)
        let root = SplittableRandom(seed: 8)
        for k in 0..<5 {
            var rng = root.derive(stream: UInt64(k))
            let rows = BootstrapScheme.movingBlocks(frames: 25, blockLength: 4, using: &rng)
            #expect(Set(rows).count < rows.count, "the resample repeats frames")
            // Independently: the RDMs of the resampled matrices, without the pairs of two copies of one frame.
            let (rm, rb) = (try metric.prepare(reorderKept(model, rows)), try metric.prepare(reorderKept(brain, rows)))
            var a: [Double] = [], b: [Double] = []
            for i in 0..<25 {
                for j in (i + 1)..<25 where rows[i] != rows[j] {
                    a.append(1 - rm.correlations[i, j])
                    b.append(1 - rb.correlations[i, j])
                }
            }
            let slow = try VectorCorrelation.pearson(a, b)
            #expect(abs(fast.replicates[k] - slow) < 1e-12)
        }
        // Every frame drawn once, in order: the full-data score.
        let (pm, pb) = (try metric.prepare(model), try metric.prepare(brain))
        let once = try Bootstrap.tsrsaScore(model: pm, brain: pb, frames: Array(0..<25), options: options)
        #expect(abs(once - (try metric.score(model, brain))) < 1e-14)
    }
}
