import CortexNumerics

/// A metric that scores only some frames (``FramePolicyMetric``): its statistics must reorder or
/// resample the frames it compares, never move an excluded frame (the study's frame 0, after a
/// grey screen) into them.
protocol FrameRestrictedMetric {
    /// The permutation test of the base metric on the compared frames of both operands.
    func permutationTestOnComparedFrames(_ a: NDArray<Double>, _ b: NDArray<Double>, scheme: PermutationScheme,
                                         permutations: Int, seed: UInt64, workers: Int) throws -> PermutationTestResult
    /// The frame-bootstrap scorer of the base metric on the compared frames of both operands
    /// (copy-aware for TSRSA, CKA and RSA, see ``Bootstrap``).
    func frameScorerOnComparedFrames(_ a: NDArray<Double>, _ b: NDArray<Double>)
        throws -> (frames: Int, score: @Sendable ([Int]) throws -> Double)
}

extension FramePolicyMetric: FrameRestrictedMetric {
    func permutationTestOnComparedFrames(_ a: NDArray<Double>, _ b: NDArray<Double>, scheme: PermutationScheme,
                                         permutations: Int, seed: UInt64, workers: Int) throws -> PermutationTestResult {
        try PermutationTest.run(metric: base, try Self.keptRows(a, policy: policy), try Self.keptRows(b, policy: policy),
                                scheme: scheme, permutations: permutations, seed: seed, workers: workers)
    }

    func frameScorerOnComparedFrames(_ a: NDArray<Double>, _ b: NDArray<Double>)
        throws -> (frames: Int, score: @Sendable ([Int]) throws -> Double) {
        try Bootstrap.frameScorer(metric: base, try Self.keptRows(a, policy: policy), try Self.keptRows(b, policy: policy))
    }
}
