import CortexNumerics
import CortexSimilarity
import Testing

/// The statistics computed from a prepared first operand (what `cortex similarity` does when it
/// streams the model layer from disk) equal those computed from the matrices.
@Suite("Statistics from prepared operands")
struct PreparedStatisticsTests {
    @Test("the CKA control from the reordered prepared Gram equals the control on A's permuted rows (linear, RBF, debiased; frame 0 kept or dropped)",
          arguments: [CKAMetric(), CKAMetric(kernel: .rbf(threshold: 1)), CKAMetric(estimator: .unbiased)])
    func controlFromGram(base: CKAMetric) throws {
        let shared = gaussian(40, 3, seed: 41)
        let a = LinearAlgebra.matmul(shared, gaussian(3, 25, seed: 42))
        let b = LinearAlgebra.matmul(shared, gaussian(3, 12, seed: 43))
        for policy in FramePolicy.allCases {
            let metric = FramePolicyMetric(base, policy: policy)
            let gram = try metric.prepare(a)
            let fromGram = try metric.score(prepared: ShuffledFramesControl.reorderedGram(gram, rows: a.rows, seed: 5),
                                            try metric.prepare(b))
            let fromRows = try ShuffledFramesControl.score(metric: metric, a, b, seed: 5)
            #expect(abs(fromGram - fromRows) < 1e-12, "\(base.name), \(policy): \(fromGram) vs \(fromRows)")
            #expect(abs(fromGram - (try metric.score(a, b))) > 1e-3, "the control differs from the score")
        }
    }

    @Test("the neuron bootstrap from A's prepared form equals the matrix bootstrap, replicate for replicate (percentile and BCa)",
          arguments: [BootstrapIntervalMethod.percentile, .bca])
    func neuronIntervalFromPrepared(method: BootstrapIntervalMethod) throws {
        let shared = gaussian(30, 2, seed: 51)
        let a = LinearAlgebra.matmul(shared, gaussian(2, 18, seed: 52))
        let signal = LinearAlgebra.matmul(shared, gaussian(2, 9, seed: 53)), noise = gaussian(30, 9, seed: 54)
        let b = NDArray<Double>(shape: [30, 9], generating: { signal.scalars[$0] + noise.scalars[$0] })
        let tsrsa = TSRSAMetric()
        let reference = try Bootstrap.confidenceInterval(metric: tsrsa, a, b, scheme: .neurons, resamples: 40, method: method, seed: 8)
        let prepared = try Bootstrap.neuronInterval(preparedA: try tsrsa.prepare(a), b, resamples: 40, method: method, seed: 8) {
            try tsrsa.prepare($0)
        } score: { try tsrsa.score(prepared: $0, $1) }
        #expect(prepared.replicates == reference.replicates)
        #expect(prepared.lower == reference.lower && prepared.upper == reference.upper && prepared.estimate == reference.estimate)
        #expect(prepared.acceleration == reference.acceleration)
    }

    @Test("RSA's permutation test and frame bootstrap from the RDMs equal the matrix statistics (frame 0 kept or dropped)",
          arguments: [RSAMetric(), RSAMetric(distance: .euclidean, comparison: .pearson)])
    func rsaFromRDMs(base: RSAMetric) throws {
        let shared = gaussian(36, 3, seed: 61)
        let a = LinearAlgebra.matmul(shared, gaussian(3, 20, seed: 62))
        let signal = LinearAlgebra.matmul(shared, gaussian(3, 11, seed: 63)), noise = gaussian(36, 11, seed: 64)
        let b = NDArray<Double>(shape: [36, 11], generating: { signal.scalars[$0] + 0.7 * noise.scalars[$0] })
        for policy in FramePolicy.allCases {
            let metric = FramePolicyMetric(base, policy: policy)
            let (ra, rb) = (try metric.prepare(a), try metric.prepare(b))
            for scheme in [PermutationScheme.circularShift(minimumShift: 5), .blockPermutation(blockLength: 4)] {
                let reference = try PermutationTest.run(metric: metric, a, b, scheme: scheme, permutations: 60, seed: 9)
                let prepared = try PreparedStatistics.rsaPermutationTest(rdmA: ra, rdmB: rb, comparison: base.comparison,
                                                                         scheme: scheme, permutations: 60, seed: 9)
                #expect(prepared.observed == reference.observed)
                #expect(maxAbsDifference(prepared.nullScores, reference.nullScores) < 1e-12, "\(policy), \(scheme)")
                #expect(prepared.pValue == reference.pValue)
            }
            let reference = try Bootstrap.confidenceInterval(metric: metric, a, b, scheme: .frames(blockLength: 5), resamples: 30,
                                                             method: .bca, seed: 4)
            let prepared = try PreparedStatistics.rsaFrameInterval(rdmA: ra, rdmB: rb, comparison: base.comparison, blockLength: 5,
                                                                   resamples: 30, method: .bca, seed: 4)
            #expect(prepared.replicates == reference.replicates && prepared.lower == reference.lower && prepared.upper == reference.upper)
        }
    }
}
