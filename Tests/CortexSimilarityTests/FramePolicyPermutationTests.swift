import CortexNumerics
import Testing
@testable import CortexSimilarity

/// A metric that drops frame 0 is permuted on the frames it compares: frame 0 never moves into
/// them, so the null distribution is that of the base metric on frames 1…n−1.
@Suite("permutation tests reorder only the compared frames")
struct FramePolicyPermutationTests {
    @Test("equals the base metric's test on frames 1…n−1; an outlier frame 0 changes nothing")
    func comparedFramesOnly() throws {
        var a = gaussian(40, 6, seed: 1), b = gaussian(40, 5, seed: 2)
        let metric = FramePolicyMetric(CKAMetric(), policy: .dropFirstFrame)
        let scheme = PermutationScheme.circularShift(minimumShift: 3)
        let wrapped = try PermutationTest.run(metric: metric, a, b, scheme: scheme, permutations: 19, seed: 4, workers: 1)
        let base = try PermutationTest.run(metric: CKAMetric(), a.rows(1..<40), b.rows(1..<40), scheme: scheme,
                                           permutations: 19, seed: 4, workers: 1)
        #expect(wrapped == base)
        for u in 0..<6 { a[0, u] = 1e6 }
        for u in 0..<5 { b[0, u] = -1e6 }
        #expect(try PermutationTest.run(metric: metric, a, b, scheme: scheme, permutations: 19, seed: 4, workers: 1) == base)
    }

    @Test("the selection-aware test of a metric dropping frame 0 is unchanged by an outlier brain frame 0")
    func selection() throws {
        let metric = FramePolicyMetric(CKAMetric(), policy: .dropFirstFrame)
        let a = gaussian(40, 6, seed: 1)
        var b = gaussian(40, 5, seed: 2)
        func run(_ brain: NDArray<Double>) throws -> PermutationTestResult? {
            var test = SelectionPermutation(orders: try SelectionPermutation.orders(
                scheme: .circularShift(minimumShift: 3), frames: metric.comparedFrames(rows: 40), permutations: 9, seed: 5))
            try test.include(metric: metric, layer: try metric.prepare(a), brain: brain, workers: 1)
            return test.result
        }
        let before = try #require(try run(b))
        for u in 0..<5 { b[0, u] = 1e6 }
        #expect(try run(b) == before)
        // and it equals the base metric's selection test on frames 1…n−1
        var base = SelectionPermutation(orders: try SelectionPermutation.orders(
            scheme: .circularShift(minimumShift: 3), frames: 39, permutations: 9, seed: 5))
        try base.include(metric: CKAMetric(), layer: try CKAMetric().prepare(a.rows(1..<40)), brain: b.rows(1..<40), workers: 1)
        #expect(base.result == before)
    }

    @Test("the frame bootstrap of a metric dropping frame 0 is the base metric's copy-aware bootstrap on frames 1…n−1")
    func frameBootstrap() throws {
        let a = gaussian(40, 6, seed: 3), b = gaussian(40, 5, seed: 4)
        for base in [CKAMetric(), CKAMetric(kernel: .linear, estimator: .unbiased)] {
            let wrapped = try Bootstrap.confidenceInterval(metric: FramePolicyMetric(base, policy: .dropFirstFrame), a, b,
                                                           scheme: .frames(blockLength: 4), resamples: 20, method: .bca,
                                                           seed: 6, workers: 1)
            let direct = try Bootstrap.confidenceInterval(metric: base, a.rows(1..<40), b.rows(1..<40),
                                                          scheme: .frames(blockLength: 4), resamples: 20, method: .bca,
                                                          seed: 6, workers: 1)
            #expect(wrapped == direct)
        }
    }
}
