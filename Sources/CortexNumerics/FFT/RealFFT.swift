/// Real-data discrete Fourier transforms through FFTW, with NumPy's conventions.
///
/// Forward (like `numpy.fft.rfft`, unnormalised):
///
///     X[k] = Σ_{j=0}^{n-1} x[j] · e^{-2πi·jk/n},   k = 0 … n/2
///
/// Inverse (like `numpy.fft.irfft(X, n)`, normalised by `1/n`):
///
///     x[j] = (1/n) Σ_{k=0}^{n-1} X[k] · e^{+2πi·jk/n},   X[n-k] = conj(X[k])
///
/// so `inverse(forward(x), length: x.count) ≈ x`.
///
/// ```swift
/// let X = RealFFT.forward([1.0, 2, 3, 4])       // real [10, -2, -2], imag [0, 2, 0]
/// let x = RealFFT.inverse(X, length: 4)          // [1, 2, 3, 4]
/// ```
///
/// Complexity: O(n log n) for every n (FFTW handles primes with Rader's / Bluestein's
/// algorithms), fastest when n is a product of 2, 3, 5 and 7 (see ``fastLength(atLeast:)``).
/// Citation: M. Frigo and S. G. Johnson, "The Design and Implementation of FFTW3",
/// Proc. IEEE 93(2), 2005.
public enum RealFFT {
    /// Number of coefficients of the spectrum of `n` real samples: `n/2 + 1`.
    public static func spectrumCount(forLength n: Int) -> Int { n / 2 + 1 }

    /// The transform of `signal` at frequencies `0 … n/2` (unnormalised), as `numpy.fft.rfft`.
    ///
    /// - Parameters:
    ///   - signal: `n ≥ 1` real samples.
    ///   - cache: where the plan for length `n` is kept.
    /// - Returns: `n/2 + 1` coefficients.
    /// - Complexity: O(n log n), plus planning the first time a length is seen in `cache`.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func forward<Scalar: FFTScalar>(_ signal: [Scalar], cache: FFTPlanCache = .shared)
        -> ComplexSpectrum<Scalar>
    {
        let n = signal.count
        precondition(n >= 1, "RealFFT.forward: empty signal")
        let count = spectrumCount(forLength: n)
        let real = AlignedBuffer<Scalar>(zeroedCount: n)
        let complex = AlignedBuffer<Scalar>(zeroedCount: 2 * count)
        signal.withUnsafeBufferPointer { real.pointer.update(from: $0.baseAddress!, count: n) }
        cache.executeForward(length: n, real: real.pointer, complex: complex.pointer)
        let c = complex.pointer
        let re = [Scalar](unsafeUninitializedCapacity: count) { buffer, initialised in
            for k in 0..<count { buffer[k] = c[2 * k] }
            initialised = count
        }
        let im = [Scalar](unsafeUninitializedCapacity: count) { buffer, initialised in
            for k in 0..<count { buffer[k] = c[2 * k + 1] }
            initialised = count
        }
        return ComplexSpectrum(real: re, imag: im)
    }

    /// The `length` real samples whose spectrum is `spectrum`, normalised by `1/length`, as
    /// `numpy.fft.irfft(spectrum, n=length)`.
    ///
    /// The first `length/2 + 1` coefficients are used: extra ones are ignored and missing ones
    /// are zero. As in NumPy, the imaginary parts of `X[0]` and (for even `length`) of
    /// `X[length/2]` are ignored, since a real signal's spectrum has none.
    ///
    /// - Parameters:
    ///   - spectrum: coefficients `X[0], X[1], …` of the non-negative frequencies.
    ///   - length: the number of output samples `n ≥ 1` (not recoverable from the spectrum:
    ///     `n = 2(count - 1)` and `n = 2(count - 1) + 1` both give `count` coefficients).
    ///   - cache: where the plan for length `n` is kept.
    /// - Complexity: O(n log n), plus planning the first time a length is seen in `cache`.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func inverse<Scalar: FFTScalar>(
        _ spectrum: ComplexSpectrum<Scalar>, length: Int, cache: FFTPlanCache = .shared
    ) -> [Scalar] {
        let n = length
        precondition(n >= 1, "RealFFT.inverse: output length \(n) < 1")
        let count = spectrumCount(forLength: n)
        let used = min(count, spectrum.count)
        let complex = AlignedBuffer<Scalar>(zeroedCount: 2 * count)
        let real = AlignedBuffer<Scalar>(zeroedCount: n)
        let c = complex.pointer
        spectrum.real.withUnsafeBufferPointer { re in
            spectrum.imag.withUnsafeBufferPointer { im in
                for k in 0..<used {
                    c[2 * k] = re[k]
                    c[2 * k + 1] = im[k]
                }
            }
        }
        // NumPy's contract: Im X[0] and Im X[n/2] (n even) do not contribute. FFTW's c2r happens
        // to ignore them as well, but its manual does not promise it, so zero them here.
        c[1] = 0
        if n % 2 == 0 { c[2 * (count - 1) + 1] = 0 }
        cache.executeInverse(length: n, complex: c, real: real.pointer)
        let scale = 1 / Scalar(n)
        let r = real.pointer
        return [Scalar](unsafeUninitializedCapacity: n) { buffer, initialised in
            for j in 0..<n { buffer[j] = r[j] * scale }
            initialised = n
        }
    }

    /// The smallest product of powers of 2, 3, 5 and 7 that is ≥ `n` (FFTW's fastest lengths;
    /// `scipy.fft.next_fast_len` allows 11 too, which only changes *speed*, never results).
    ///
    /// `fastLength(atLeast: 97) == 98`, `fastLength(atLeast: 1) == 1`.
    ///
    /// Complexity: O(log³ n).
    public static func fastLength(atLeast n: Int) -> Int {
        precondition(n <= 1 << 60, "RealFFT.fastLength: \(n) is too large")
        if n <= 1 { return 1 }
        var best = Int.max
        var p7 = 1
        while true {
            var p5 = p7
            while true {
                var p3 = p5
                while true {
                    // Smallest power of two times p3 reaching n.
                    var candidate = p3
                    while candidate < n { candidate *= 2 }
                    best = min(best, candidate)
                    if p3 >= n { break }
                    p3 *= 3
                }
                if p5 >= n { break }
                p5 *= 5
            }
            if p7 >= n { break }
            p7 *= 7
        }
        return best
    }
}
