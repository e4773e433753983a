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
}
