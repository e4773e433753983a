/// Which part of the full linear convolution (or correlation) to return, as the `mode` argument of
/// `scipy.signal.fftconvolve` / `scipy.signal.correlate`.
///
/// For a signal of length `n` and a kernel of length `m` the full result has `n + m - 1` samples;
/// the modes keep a centred window of it:
///
/// | mode     | length               | first kept index of the full result |
/// |----------|----------------------|-------------------------------------|
/// | `.full`  | `n + m - 1`          | `0`                                 |
/// | `.same`  | `n` (the signal's)   | `(m - 1) / 2` (integer division)    |
/// | `.valid` | `max(n,m) - min(n,m) + 1` | `min(n, m) - 1`                |
///
/// `.valid` keeps the samples computed without zero padding; like SciPy it is symmetric in the
/// two inputs (the longer one slides over the shorter one).
public enum ConvolutionMode: Hashable, Sendable, CaseIterable {
    /// Every sample where the inputs overlap: length `n + m - 1`.
    case full
    /// Length of the first input, centred on the full result as SciPy's `_centered`.
    case same
    /// Only samples where the shorter input lies entirely inside the longer one.
    case valid

    /// Number of output samples for a signal of `n` and a kernel of `m` samples (both ≥ 1).
    public func outputCount(signalCount n: Int, kernelCount m: Int) -> Int {
        switch self {
        case .full: n + m - 1
        case .same: n
        case .valid: max(n, m) - min(n, m) + 1
        }
    }

    /// Index in the full result of this mode's first output sample.
    ///
    /// SciPy centres with `start = (full - kept) // 2`, which simplifies to the table above.
    public func fullOffset(signalCount n: Int, kernelCount m: Int) -> Int {
        switch self {
        case .full: 0
        case .same: (m - 1) / 2
        case .valid: min(n, m) - 1
        }
    }

    /// The shortest circular (FFT) length whose result holds this mode's samples without
    /// wrap-around: `n + m - 1`, except `.valid`, where `max(n, m)` suffices because the samples
    /// that wrap around all fall before the kept window.
    func minimumCircularLength(signalCount n: Int, kernelCount m: Int) -> Int {
        switch self {
        case .full, .same: n + m - 1
        case .valid: max(n, m)
        }
    }
}
