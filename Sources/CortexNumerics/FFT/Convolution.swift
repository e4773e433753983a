/// Linear convolution and cross-correlation of real signals, by FFT or by the direct sum, with
/// SciPy's modes (`scipy.signal.fftconvolve`, `scipy.signal.correlate(method='fft')`).
///
/// For a signal `x` of `n` samples and a kernel `y` of `m` samples:
///
///     convolution:  (x ∗ y)[k] = Σ_i x[i] · y[k - i]
///     correlation:  (x ⋆ y)[k] = Σ_j x[j + k - (m - 1)] · y[j]     (= (x ∗ reversed(y))[k])
///
/// for `k = 0 … n + m - 2`; ``ConvolutionMode`` crops that full result to `.same` or `.valid`.
///
/// ```swift
/// Convolution.convolve([1.0, 2, 3], [0, 1, 0.5])                  // [0, 1, 2.5, 4, 1.5]
/// Convolution.convolve([1.0, 2, 3], [0, 1, 0.5], mode: .same)     // [1, 2.5, 4]
/// Convolution.correlate([1.0, 2, 3], [1, 1], mode: .valid)        // [3, 5]
/// ```
///
/// Every function takes the FFTW plan cache as a parameter (default ``FFTPlanCache/shared``);
/// there is no other state. Complexity: FFT path O(N log N) with `N` the fast length ≥ the
/// needed circular length (``RealFFT/fastLength(atLeast:)``); direct path O(output × min(n, m)).
public enum Convolution {
    /// Kernels this short (or shorter) always use the direct sum under `.automatic`.
    public static let directKernelLimit = 8

    /// Whether ``ConvolutionMethod/automatic`` picks the direct sum.
    ///
    /// Rule: direct when `min(n, m) ≤ ` ``directKernelLimit``, or when its multiply-adds, `n · m`
    /// (the vectorised direct kernel computes the full result, then crops), are at most
    /// `1.5 · N · ⌈log₂ N⌉ + 2048`, with `N` the FFT length.
    /// Calibration (x86-64 AVX-512, FFTW 3.3.10, release build, warm plan cache, Double, 64 rows):
    /// the direct kernel costs ≈ 0.2 ns per multiply-add, the FFT path ≈ 0.3 ns per `N log₂ N`;
    /// e.g. n = 900 breaks even at m ≈ 17, n = 50,000 at m ≈ 25, n = 100 at m ≈ 20.
    /// The crossover is flat, and the two paths differ only by rounding.
    public static func prefersDirect(signalCount n: Int, kernelCount m: Int, mode: ConvolutionMode) -> Bool {
        let shorter = min(n, m)
        if shorter <= directKernelLimit { return true }
        let length = RealFFT.fastLength(atLeast: mode.minimumCircularLength(signalCount: n, kernelCount: m))
        let log2Length = Int.bitWidth - (length - 1).leadingZeroBitCount
        let directWork = n * m
        return 2 * directWork <= 3 * length * log2Length + 4096
    }

    /// Linear convolution `x ∗ y`, as `scipy.signal.fftconvolve(x, y, mode)`.
    ///
    /// - Parameters:
    ///   - signal: `x`, `n` samples; `.same` returns `n` samples aligned with it.
    ///   - kernel: `y`, `m` samples (may be longer than the signal).
    ///   - mode: how much of the full result to return.
    ///   - method: FFT, direct sum, or automatic by size.
    ///   - cache: FFTW plans for the FFT path.
    /// - Returns: `mode.outputCount(n, m)` samples, or `[]` when either input is empty (as SciPy).
    /// - Complexity: see ``Convolution``.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func convolve<Scalar: FFTScalar>(
        _ signal: [Scalar], _ kernel: [Scalar], mode: ConvolutionMode = .full,
        method: ConvolutionMethod = .automatic, cache: FFTPlanCache = .shared
    ) -> [Scalar] {
        filter(signal, kernel, mode: mode, correlation: false, method: method, cache: cache)
    }

    /// Linear cross-correlation `x ⋆ y`, as `scipy.signal.correlate(x, y, mode, method='fft')`.
    ///
    /// Computed as `irfft(X · conj(Y))` with negative lags read from the end of the circular
    /// result — an independent route from `convolve(x, reversed(y))`, which it equals.
    ///
    /// - Parameters:
    ///   - signal: `x`, `n` samples; `.same` returns `n` samples aligned with it.
    ///   - template: `y`, `m` samples (may be longer than the signal).
    ///   - mode: how much of the full result to return; the full result's index `m - 1` is lag 0.
    ///   - method: FFT, direct sum, or automatic by size.
    ///   - cache: FFTW plans for the FFT path.
    /// - Returns: `mode.outputCount(n, m)` samples, or `[]` when either input is empty (as SciPy).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func correlate<Scalar: FFTScalar>(
        _ signal: [Scalar], _ template: [Scalar], mode: ConvolutionMode = .full,
        method: ConvolutionMethod = .automatic, cache: FFTPlanCache = .shared
    ) -> [Scalar] {
        filter(signal, template, mode: mode, correlation: true, method: method, cache: cache)
    }

    private static func filter<Scalar: FFTScalar>(
        _ x: [Scalar], _ y: [Scalar], mode: ConvolutionMode, correlation: Bool,
        method: ConvolutionMethod, cache: FFTPlanCache
    ) -> [Scalar] {
        if x.isEmpty || y.isEmpty { return [] }
        let count = mode.outputCount(signalCount: x.count, kernelCount: y.count)
        var result = [Scalar](repeating: 0, count: count)
        x.withUnsafeBufferPointer { xs in
            result.withUnsafeMutableBufferPointer { out in
                filterSignals(count: 1, signalCount: xs.count, kernel: y, mode: mode,
                              correlation: correlation, method: method, cache: cache,
                              load: { _, destination in destination.update(from: xs.baseAddress!, count: xs.count) },
                              store: { _, values in out.baseAddress!.update(from: values.baseAddress!, count: count) })
            }
        }
        return result
    }

    /// The engine behind every public entry point: filters `count` signals of `signalCount`
    /// samples with one kernel, reusing one FFT setup (plans, buffers, kernel spectrum) or one
    /// scratch buffer for the direct sum per worker.
    ///
    /// Many signals are split over the cores with ``ParallelFor`` (each worker has its own
    /// buffers; FFTW plan execution is thread-safe), so `load` and `store` are called
    /// concurrently for *different* indices and must only touch that signal's memory.
    ///
    /// - Parameters:
    ///   - load: writes signal `i`'s `signalCount` samples to the given contiguous destination.
    ///   - store: receives signal `i`'s `mode.outputCount` results (valid only during the call).
    static func filterSignals<Scalar: FFTScalar>(
        count: Int, signalCount n: Int, kernel: [Scalar], mode: ConvolutionMode, correlation: Bool,
        method: ConvolutionMethod, cache: FFTPlanCache,
        load: (_ index: Int, _ destination: UnsafeMutablePointer<Scalar>) -> Void,
        store: (_ index: Int, _ results: UnsafeBufferPointer<Scalar>) -> Void
    ) {
        let m = kernel.count
        precondition(n >= 1 && m >= 1, "Convolution: empty signal or kernel")
        guard count > 0 else { return }
        let useDirect = switch method {
        case .direct: true
        case .fft: false
        case .automatic: prefersDirect(signalCount: n, kernelCount: m, mode: mode)
        }
        // Below ~64 k samples in all, a thread hand-off costs more than it saves.
        let workers = count >= 2 && count * (n + m) >= 1 << 16 ? ParallelFor.defaultWorkers : 1
        withoutActuallyEscaping(load) { load in
            withoutActuallyEscaping(store) { store in
                let callbacks = UncheckedSendable(value: (load, store))
                ParallelFor.run(count: count, workers: workers) { range in
                    filterRange(range, signalCount: n, kernel: kernel, mode: mode, correlation: correlation,
                                useDirect: useDirect, cache: cache,
                                load: callbacks.value.0, store: callbacks.value.1)
                }
            }
        }
    }

    /// Filters signals `range` on the calling thread with its own buffers.
    private static func filterRange<Scalar: FFTScalar>(
        _ range: Range<Int>, signalCount n: Int, kernel: [Scalar], mode: ConvolutionMode, correlation: Bool,
        useDirect: Bool, cache: FFTPlanCache,
        load: (_ index: Int, _ destination: UnsafeMutablePointer<Scalar>) -> Void,
        store: (_ index: Int, _ results: UnsafeBufferPointer<Scalar>) -> Void
    ) {
        let m = kernel.count
        let outputCount = mode.outputCount(signalCount: n, kernelCount: m)
        let output = UnsafeMutableBufferPointer<Scalar>.allocate(capacity: outputCount)
        defer { output.deallocate() }
        kernel.withUnsafeBufferPointer { ys in
            if useDirect {
                let input = UnsafeMutableBufferPointer<Scalar>.allocate(capacity: n)
                let scratch = UnsafeMutablePointer<Scalar>.allocate(capacity: n + m - 1)
                defer { input.deallocate(); scratch.deallocate() }
                for i in range {
                    load(i, input.baseAddress!)
                    directKernelFast(UnsafeBufferPointer(input), ys, mode: mode, correlation: correlation,
                                     output: output.baseAddress!, scratch: scratch)
                    store(i, UnsafeBufferPointer(output))
                }
            } else {
                let engine = FFTConvolver(kernel: ys, signalCount: n, mode: mode, correlation: correlation,
                                          cache: cache)
                for i in range {
                    load(i, engine.input)
                    engine.run(into: output.baseAddress!)
                    store(i, UnsafeBufferPointer(output))
                }
            }
        }
    }
}

/// Carries non-`Sendable` values into a parallel region whose callers guarantee that concurrent
/// use is safe (disjoint indices; documented at each use).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
