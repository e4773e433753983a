/// The fast direct kernel used for short kernels (Gaussian smoothing, small filters).
///
/// The reference ``Convolution/directKernel(_:_:mode:correlation:output:)`` sums each output as a
/// dot product; its loop-carried sum cannot be vectorised without reassociating. This kernel
/// swaps the loops: for every tap `j` it adds `y[j] · x` to the output shifted by `j` (an axpy over
/// contiguous memory that the compiler vectorises), then crops to the mode. It performs the same
/// products, summed in a different order (taps outermost), so results agree with the reference to
/// rounding. Tests compare the two.
extension Convolution {
    /// Writes `mode.outputCount(n, m)` samples of the direct convolution (or correlation) of `x`
    /// (n ≥ 1) and `y` (m ≥ 1) to `output`, using `scratch` (≥ n + m − 1 elements) as the full
    /// result.
    /// - Complexity: n·m multiply–adds.
    @inline(__always)
    static func directKernelFast<Scalar: BinaryFloatingPoint>(
        _ x: UnsafeBufferPointer<Scalar>, _ y: UnsafeBufferPointer<Scalar>, mode: ConvolutionMode,
        correlation: Bool, output: UnsafeMutablePointer<Scalar>, scratch: UnsafeMutablePointer<Scalar>
    ) {
        let (n, m) = (x.count, y.count)
        let fullCount = n + m - 1
        scratch.update(repeating: 0, count: fullCount)
        let xp = x.baseAddress!
        for j in 0..<m {
            // Correlation with y is convolution with y reversed.
            let w = correlation ? y[m - 1 - j] : y[j]
            let target = scratch + j
            for i in 0..<n { target[i] += w * xp[i] }
        }
        let count = mode.outputCount(signalCount: n, kernelCount: m)
        let offset = mode.fullOffset(signalCount: n, kernelCount: m)
        output.update(from: scratch + offset, count: count)
    }
}
