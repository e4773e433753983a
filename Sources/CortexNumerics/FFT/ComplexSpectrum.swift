/// The non-negative-frequency half of the discrete Fourier transform of a real signal, stored as
/// two equally long arrays of real and imaginary parts ("split complex").
///
/// A real signal of `n` samples has a Hermitian spectrum, `X[n-k] = conj(X[k])`, so the
/// `n/2 + 1` coefficients `X[0] … X[n/2]` determine it (the layout of `numpy.fft.rfft`). Split
/// storage keeps each part a plain `[Scalar]` that Swift code and tests can use directly; FFTW's
/// interleaved layout is produced and consumed only inside ``RealFFT`` and the convolution
/// engine, which copy through aligned buffers anyway.
///
/// ```swift
/// let X = RealFFT.forward([1.0, 2, 3, 4])   // X.real == [10, -2, -2], X.imag == [0, 2, 0]
/// X[1]                                      // (real: -2.0, imag: 2.0)
/// ```
public struct ComplexSpectrum<Scalar: FFTScalar>: Hashable, Sendable {
    /// Real parts `Re X[k]`.
    public var real: [Scalar]
    /// Imaginary parts `Im X[k]`; as long as ``real``.
    public var imag: [Scalar]

    /// Wraps real and imaginary parts. - Precondition: equal lengths.
    public init(real: [Scalar], imag: [Scalar]) {
        precondition(real.count == imag.count,
                     "ComplexSpectrum: \(real.count) real parts but \(imag.count) imaginary parts")
        self.real = real
        self.imag = imag
    }

    /// `count` zero coefficients.
    public init(zeros count: Int) {
        self.init(real: Array(repeating: 0, count: count), imag: Array(repeating: 0, count: count))
    }

    /// Number of coefficients.
    public var count: Int { real.count }

    /// Coefficient `k` as a (real, imag) pair.
    public subscript(k: Int) -> (real: Scalar, imag: Scalar) {
        get { (real[k], imag[k]) }
        set {
            real[k] = newValue.real
            imag[k] = newValue.imag
        }
    }

    /// `|X[k]|² = Re² + Im²` for every coefficient. Complexity: O(count).
    public var squaredMagnitudes: [Scalar] {
        zip(real, imag).map { $0 * $0 + $1 * $1 }
    }

    /// `|X[k]|` for every coefficient, computed without overflow for large parts. O(count).
    public var magnitudes: [Scalar] {
        zip(real, imag).map { re, im in
            let scale = Swift.max(re.magnitude, im.magnitude)
            guard scale > 0, scale.isFinite else { return scale }
            let (a, b) = (re / scale, im / scale)
            return scale * (a * a + b * b).squareRoot()
        }
    }

    /// The complex conjugate `conj(X[k])`. O(count).
    public var conjugated: ComplexSpectrum {
        ComplexSpectrum(real: real, imag: imag.map { -$0 })
    }
}
