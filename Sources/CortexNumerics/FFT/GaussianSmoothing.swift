import Foundation

/// Gaussian smoothing of real signals, matching
/// `scipy.ndimage.gaussian_filter1d(x, sigma, mode=…, cval=…, truncate=4.0)`.
///
/// The kernel has radius `r = int(truncate · σ + 0.5)` and normalised weights
///
///     w[t] = exp(-t² / (2σ²)) / Σ_{s=-r}^{r} exp(-s² / (2σ²)),   t = -r … r,
///
/// and the output is `out[i] = Σ_t w[t] · x̃[i - t]`, where `x̃` is `x` extended past its ends by
/// the ``BoundaryMode``. (The kernel is symmetric, so this is convolution and correlation alike.)
/// Weights are computed in `Double` (as SciPy does) and rounded to the signal's type.
///
/// ```swift
/// // spike counts: frames × units, smoothed over frames with σ = 2 frames
/// let rates = GaussianSmoothing.smooth(counts, along: .eachColumn, sigma: 2)
/// ```
///
/// Complexity per signal of `n` samples: O((n + 2r) · (2r + 1)) direct, O(N log N) by FFT with
/// `N ≥ n + 2r`, chosen by ``ConvolutionMethod/automatic`` as in ``Convolution``.
public enum GaussianSmoothing {
    /// Kernel radius `int(truncate · σ + 0.5)`, as SciPy's `gaussian_filter1d`.
    public static func radius(sigma: Double, truncate: Double = 4) -> Int {
        precondition(sigma > 0 && sigma.isFinite, "GaussianSmoothing: σ must be positive and finite, got \(sigma)")
        precondition(truncate >= 0 && truncate.isFinite, "GaussianSmoothing: truncate must be ≥ 0, got \(truncate)")
        return Int(truncate * sigma + 0.5)
    }

    /// The normalised Gaussian kernel of `2r + 1` weights (summing to 1), centre at index `r`.
    ///
    /// - Parameters:
    ///   - sigma: standard deviation in samples, > 0.
    ///   - truncate: radius in standard deviations (default 4, as SciPy).
    /// - Complexity: O(r).
    public static func kernel(sigma: Double, truncate: Double = 4) -> [Double] {
        let r = radius(sigma: sigma, truncate: truncate)
        let weights = (-r...r).map { t in exp(-0.5 / (sigma * sigma) * Double(t * t)) }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }

    /// Smooths one signal with a Gaussian of standard deviation `sigma` samples.
    ///
    /// - Parameters:
    ///   - signal: `n ≥ 1` samples (an empty signal returns `[]`).
    ///   - sigma: standard deviation in samples, > 0.
    ///   - boundary: extension past the ends (default `.reflect`, SciPy's default).
    ///   - truncate: kernel radius in standard deviations.
    ///   - method, cache: as ``Convolution/convolve(_:_:mode:method:cache:)``.
    /// - Returns: `n` smoothed samples.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func smooth<Scalar: FFTScalar>(
        _ signal: [Scalar], sigma: Double, boundary: BoundaryMode = .reflect, truncate: Double = 4,
        method: ConvolutionMethod = .automatic, cache: FFTPlanCache = .shared
    ) -> [Scalar] {
        if signal.isEmpty { return [] }
        let matrix = NDArray(shape: [1, signal.count], scalars: signal)
        return smooth(matrix, along: .eachRow, sigma: sigma, boundary: boundary, truncate: truncate,
                      method: method, cache: cache).scalars
    }

    /// Smooths every row or every column of a matrix with a Gaussian of standard deviation
    /// `sigma` samples, as `gaussian_filter1d(matrix, sigma, axis=1 or 0, mode=…)`.
    ///
    /// One kernel, one FFT setup (or direct scratch) serves all signals.
    ///
    /// - Parameters:
    ///   - matrix: rank 2.
    ///   - axis: `.eachRow` (axis 1) or `.eachColumn` (axis 0: frames × units over frames).
    ///   - sigma, boundary, truncate, method, cache: as ``smooth(_:sigma:boundary:truncate:method:cache:)``.
    /// - Returns: a matrix of the same shape.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func smooth<Scalar: FFTScalar>(
        _ matrix: NDArray<Scalar>, along axis: SignalAxis, sigma: Double, boundary: BoundaryMode = .reflect,
        truncate: Double = 4, method: ConvolutionMethod = .automatic, cache: FFTPlanCache = .shared
    ) -> NDArray<Scalar> {
        precondition(matrix.rank == 2, "GaussianSmoothing: expected a matrix, got shape \(matrix.shape)")
        let weights = kernel(sigma: sigma, truncate: truncate).map { Scalar($0) }
        let r = weights.count / 2
        let (rows, columns) = (matrix.shape[0], matrix.shape[1])
        let (signals, n) = axis == .eachRow ? (rows, columns) : (columns, rows)
        var result = NDArray<Scalar>(shape: matrix.shape, repeating: 0)
        guard signals > 0 && n > 0 else { return result }

        // Extended position p ∈ 0 ..< n + 2r holds x̃[p - r]: precompute where each comes from.
        let sources = (0..<(n + 2 * r)).map { boundary.sourceIndex($0 - r, count: n) }
        let fill: Scalar = if case .constant(let value) = boundary { Scalar(value) } else { 0 }
        let (signalStep, sampleStep) = axis == .eachRow ? (columns, 1) : (1, columns)
        matrix.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                let src = source.baseAddress!, dst = target.baseAddress!
                sources.withUnsafeBufferPointer { map in
                    // The padded signal (n + 2r) in `.valid` mode with 2r + 1 weights gives n samples.
                    Convolution.filterSignals(
                        count: signals, signalCount: n + 2 * r, kernel: weights, mode: .valid,
                        correlation: false, method: method, cache: cache,
                        load: { i, destination in
                            let start = src + i * signalStep
                            for p in 0..<map.count {
                                destination[p] = if let s = map[p] { start[s * sampleStep] } else { fill }
                            }
                        },
                        store: { i, values in
                            let start = dst + i * signalStep
                            for t in 0..<n { start[t * sampleStep] = values[t] }
                        })
                }
            }
        }
        return result
    }
}
