/// The FFT path of ``Convolution``: linear convolution (or correlation) of many signals of one
/// length with one kernel, by circular convolution of zero-padded copies.
///
/// With `N ≥ ` ``ConvolutionMode/minimumCircularLength(signalCount:kernelCount:)`` and
/// `X = rfft(x, N)`, `Y = rfft(y, N)`:
///
///     convolution:  r = irfft(X · Y, N),       full[k] = r[k]
///     correlation:  r = irfft(X · conj(Y), N), full[k] = r[(k - (m - 1)) mod N]
///
/// (correlation at lag `ℓ = k - (m-1)` is `Σ_j x[j + ℓ] · y[j]`; negative lags wrap to the end of
/// `r`). The kernel's spectrum is computed once, scaled by `1/N` and, for correlation,
/// conjugated; each signal then costs one forward and one inverse transform of length `N`, both
/// planned once in the cache.
///
/// Usage: write `signalCount` samples to ``input`` (the zero padding after them is never
/// written, so it stays zero), then call ``run(into:)``.
///
/// Complexity: O(N log N) per signal, N = `RealFFT.fastLength(atLeast:)` of the needed length.
struct FFTConvolver<Scalar: FFTScalar>: ~Copyable {
    let signalCount: Int
    let kernelCount: Int
    let outputCount: Int
    let fftLength: Int
    /// Index in the circular result of the first output sample.
    private let circularStart: Int
    private let cache: FFTPlanCache
    /// The signal, zero-padded to `fftLength` (only the first `signalCount` are ever written).
    private let realIn: AlignedBuffer<Scalar>
    private let realOut: AlignedBuffer<Scalar>
    private let spectrum: AlignedBuffer<Scalar>
    /// `Y / N` (or `conj(Y) / N`), interleaved.
    private let kernelSpectrum: AlignedBuffer<Scalar>

    init(kernel: UnsafeBufferPointer<Scalar>, signalCount n: Int, mode: ConvolutionMode,
         correlation: Bool, cache: FFTPlanCache)
    {
        let m = kernel.count
        precondition(n >= 1 && m >= 1, "FFTConvolver: empty signal or kernel")
        let length = RealFFT.fastLength(atLeast: mode.minimumCircularLength(signalCount: n, kernelCount: m))
        // The signal and kernel must fit in the circular buffers (no wrap-around of inputs).
        precondition(length >= max(n, m), "FFTConvolver: FFT length \(length) < input length")
        let complexCount = RealFFT.spectrumCount(forLength: length)
        signalCount = n
        kernelCount = m
        outputCount = mode.outputCount(signalCount: n, kernelCount: m)
        fftLength = length
        let shift = correlation ? m - 1 : 0
        let start = (mode.fullOffset(signalCount: n, kernelCount: m) - shift) % length
        circularStart = start < 0 ? start + length : start
        self.cache = cache
        realIn = AlignedBuffer(zeroedCount: length)
        realOut = AlignedBuffer(zeroedCount: length)
        spectrum = AlignedBuffer(zeroedCount: 2 * complexCount)
        kernelSpectrum = AlignedBuffer(zeroedCount: 2 * complexCount)

        // Kernel spectrum through the signal buffers (then restore their zero padding).
        realOut.pointer.update(from: kernel.baseAddress!, count: m)
        cache.executeForward(length: length, real: realOut.pointer, complex: kernelSpectrum.pointer)
        realOut.zero(0..<m)
        let scale = 1 / Scalar(length)
        let sign: Scalar = correlation ? -1 : 1
        let y = kernelSpectrum.pointer
        for k in 0..<complexCount {
            y[2 * k] *= scale
            y[2 * k + 1] *= sign * scale
        }
    }

    /// Where the caller writes the next signal's `signalCount` samples.
    var input: UnsafeMutablePointer<Scalar> { realIn.pointer }

    /// Filters the signal in ``input`` and writes the ``outputCount`` results to `output`.
    func run(into output: UnsafeMutablePointer<Scalar>) {
        let length = fftLength
        cache.executeForward(length: length, real: realIn.pointer, complex: spectrum.pointer)
        let x = spectrum.pointer
        let y = kernelSpectrum.pointer
        for k in 0..<RealFFT.spectrumCount(forLength: length) {
            let (a, b) = (x[2 * k], x[2 * k + 1])
            let (c, d) = (y[2 * k], y[2 * k + 1])
            x[2 * k] = a * c - b * d
            x[2 * k + 1] = a * d + b * c
        }
        cache.executeInverse(length: length, complex: x, real: realOut.pointer)
        let r = realOut.pointer
        // outputCount ≤ length, so the window wraps at most once.
        let firstPart = min(outputCount, length - circularStart)
        output.update(from: r + circularStart, count: firstPart)
        if firstPart < outputCount {
            (output + firstPart).update(from: r, count: outputCount - firstPart)
        }
    }
}
