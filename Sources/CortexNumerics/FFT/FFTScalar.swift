/// A floating-point type the FFT routines transform: `Double` (FFTW's `fftw_*`) and `Float`
/// (`fftwf_*`).
///
/// Only these two types conform; the plan cache checks that a conforming type's size matches its
/// ``fftPrecision`` before handing its memory to FFTW.
///
/// ```swift
/// func spectrum<S: FFTScalar>(_ x: [S]) -> ComplexSpectrum<S> { RealFFT.forward(x) }
/// ```
public protocol FFTScalar: BinaryFloatingPoint, BitwiseCopyable, Sendable {
    /// The FFTW library that transforms this type.
    static var fftPrecision: FFTPrecision { get }
}

extension Double: FFTScalar {
    /// `.double`: transformed by `fftw_*`.
    public static var fftPrecision: FFTPrecision { .double }
}

extension Float: FFTScalar {
    /// `.single`: transformed by `fftwf_*`.
    public static var fftPrecision: FFTPrecision { .single }
}
