/// How to compute a convolution or correlation, as the `method` argument of
/// `scipy.signal.convolve`.
public enum ConvolutionMethod: Hashable, Sendable, CaseIterable {
    /// The direct sum for small problems, the FFT otherwise, using
    /// ``Convolution/prefersDirect(signalCount:kernelCount:mode:)``.
    case automatic
    /// Always the direct sum: `O(n·m)`, exact summation order, no FFTW involved.
    case direct
    /// Always the FFT: `O(N log N)` with `N` a fast length ≥ the needed circular length.
    case fft
}
