/// Batch convolution: every row (or column) of a matrix with one kernel.
extension Convolution {
    /// Convolves every row or every column of a rank-2 matrix with one kernel, as
    /// `scipy.signal.fftconvolve(matrix, kernel[None, :], mode, axes=1)` (rows) or
    /// `fftconvolve(matrix, kernel[:, None], mode, axes=0)` (columns).
    ///
    ///     out[r, k] = Σ_i A[r, i] · y[k - i]        (.eachRow; columns likewise)
    ///
    /// One FFT setup — two plans, buffers, the kernel's spectrum — serves all signals.
    ///
    /// ```swift
    /// // counts: frames × units; a causal box filter over frames for every unit
    /// let summed = Convolution.convolve(counts, kernel: [1, 1, 1], along: .eachColumn, mode: .full)
    /// ```
    ///
    /// - Parameters:
    ///   - matrix: rank 2; each selected row/column is a signal of `n ≥ 1` samples.
    ///   - kernel: `m ≥ 1` samples.
    ///   - axis: `.eachRow` (length along axis 1) or `.eachColumn` (along axis 0).
    ///   - mode, method, cache: as ``convolve(_:_:mode:method:cache:)``.
    /// - Returns: a matrix whose signal axis has `mode.outputCount(n, m)` samples.
    /// - Complexity: (number of signals) × O(N log N), or × O(output × min(n, m)) when direct.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func convolve<Scalar: FFTScalar>(
        _ matrix: NDArray<Scalar>, kernel: [Scalar], along axis: SignalAxis, mode: ConvolutionMode = .full,
        method: ConvolutionMethod = .automatic, cache: FFTPlanCache = .shared
    ) -> NDArray<Scalar> {
        filterMatrix(matrix, kernel: kernel, along: axis, mode: mode, correlation: false, method: method, cache: cache)
    }

    /// Cross-correlates every row or every column of a rank-2 matrix with one template, as
    /// ``correlate(_:_:mode:method:cache:)`` applied to each signal.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func correlate<Scalar: FFTScalar>(
        _ matrix: NDArray<Scalar>, template: [Scalar], along axis: SignalAxis, mode: ConvolutionMode = .full,
        method: ConvolutionMethod = .automatic, cache: FFTPlanCache = .shared
    ) -> NDArray<Scalar> {
        filterMatrix(matrix, kernel: template, along: axis, mode: mode, correlation: true, method: method, cache: cache)
    }

    private static func filterMatrix<Scalar: FFTScalar>(
        _ matrix: NDArray<Scalar>, kernel: [Scalar], along axis: SignalAxis, mode: ConvolutionMode,
        correlation: Bool, method: ConvolutionMethod, cache: FFTPlanCache
    ) -> NDArray<Scalar> {
        precondition(matrix.rank == 2, "Convolution: expected a matrix, got shape \(matrix.shape)")
        precondition(!kernel.isEmpty, "Convolution: empty kernel")
        let (rows, columns) = (matrix.shape[0], matrix.shape[1])
        let (signals, n) = axis == .eachRow ? (rows, columns) : (columns, rows)
        precondition(n >= 1 || signals == 0, "Convolution: signals of length 0 in shape \(matrix.shape)")
        let outputCount = n >= 1 ? mode.outputCount(signalCount: n, kernelCount: kernel.count) : 0
        let outShape = axis == .eachRow ? [rows, outputCount] : [outputCount, columns]
        var result = NDArray<Scalar>(shape: outShape, repeating: 0)
        guard signals > 0 else { return result }
        // Signal i starts at `i * signalStep` and its samples are `sampleStep` apart.
        let (signalStep, sampleStep) = axis == .eachRow ? (columns, 1) : (1, columns)
        let (outSignalStep, outSampleStep) = axis == .eachRow ? (outputCount, 1) : (1, columns)
        matrix.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                let src = source.baseAddress!, dst = target.baseAddress!
                filterSignals(
                    count: signals, signalCount: n, kernel: kernel, mode: mode, correlation: correlation,
                    method: method, cache: cache,
                    load: { i, destination in
                        let start = src + i * signalStep
                        for t in 0..<n { destination[t] = start[t * sampleStep] }
                    },
                    store: { i, values in
                        let start = dst + i * outSignalStep
                        for t in 0..<values.count { start[t * outSampleStep] = values[t] }
                    })
            }
        }
        return result
    }
}
