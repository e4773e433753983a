/// The direct (O(n·m)) reference implementations of convolution and correlation.
///
/// These are the definitions, summed term by term; the FFT path is tested against them, and
/// ``ConvolutionMethod/automatic`` uses them for small problems where they are also faster.
extension Convolution {
    /// Linear convolution by the direct sum:
    ///
    ///     full[k] = Σ_{i} x[i] · y[k - i],   0 ≤ i < n, 0 ≤ k - i < m,   k = 0 … n + m - 2
    ///
    /// cropped by `mode` exactly as ``convolve(_:_:mode:method:cache:)``.
    ///
    /// - Returns: `[]` when either input is empty (as SciPy).
    /// - Complexity: O(output count × min(n, m)).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func directConvolve<Scalar: BinaryFloatingPoint>(
        _ signal: [Scalar], _ kernel: [Scalar], mode: ConvolutionMode = .full
    ) -> [Scalar] {
        direct(signal, kernel, mode: mode, correlation: false)
    }

    /// Linear cross-correlation by the direct sum (real inputs, so no conjugation):
    ///
    ///     full[k] = Σ_{j} x[j + ℓ] · y[j],   ℓ = k - (m - 1),   k = 0 … n + m - 2
    ///
    /// cropped by `mode` exactly as ``correlate(_:_:mode:method:cache:)``.
    ///
    /// - Returns: `[]` when either input is empty (as SciPy).
    /// - Complexity: O(output count × min(n, m)).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func directCorrelate<Scalar: BinaryFloatingPoint>(
        _ signal: [Scalar], _ template: [Scalar], mode: ConvolutionMode = .full
    ) -> [Scalar] {
        direct(signal, template, mode: mode, correlation: true)
    }

    private static func direct<Scalar: BinaryFloatingPoint>(
        _ x: [Scalar], _ y: [Scalar], mode: ConvolutionMode, correlation: Bool
    ) -> [Scalar] {
        if x.isEmpty || y.isEmpty { return [] }
        let count = mode.outputCount(signalCount: x.count, kernelCount: y.count)
        return x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                [Scalar](unsafeUninitializedCapacity: count) { out, initialised in
                    directKernel(xs, ys, mode: mode, correlation: correlation, output: out.baseAddress!)
                    initialised = count
                }
            }
        }
    }

    /// Writes `mode.outputCount(n, m)` samples of the direct convolution (or correlation) of
    /// `x` (n ≥ 1) and `y` (m ≥ 1) to `output`.
    static func directKernel<Scalar: BinaryFloatingPoint>(
        _ x: UnsafeBufferPointer<Scalar>, _ y: UnsafeBufferPointer<Scalar>, mode: ConvolutionMode,
        correlation: Bool, output: UnsafeMutablePointer<Scalar>
    ) {
        let (n, m) = (x.count, y.count)
        let count = mode.outputCount(signalCount: n, kernelCount: m)
        let offset = mode.fullOffset(signalCount: n, kernelCount: m)
        for o in 0..<count {
            let k = offset + o
            var sum: Scalar = 0
            if correlation {
                // Lag ℓ = k - (m - 1); terms j with 0 ≤ j < m and 0 ≤ j + ℓ < n.
                let lag = k - (m - 1)
                let lower = max(0, -lag), upper = min(m - 1, n - 1 - lag)
                if lower <= upper { for j in lower...upper { sum += x[j + lag] * y[j] } }
            } else {
                // Terms i with 0 ≤ i < n and 0 ≤ k - i < m.
                let lower = max(0, k - (m - 1)), upper = min(k, n - 1)
                if lower <= upper { for i in lower...upper { sum += x[i] * y[k - i] } }
            }
            output[o] = sum
        }
    }
}
