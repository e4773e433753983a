/// Which FFTW library transforms a scalar type: `fftw_*` (double) or `fftwf_*` (single).
///
/// Part of an ``FFTPlanCache`` key: a plan made by one library cannot execute the other's arrays.
public enum FFTPrecision: Hashable, Sendable, CaseIterable {
    /// 64-bit `Double`, transformed by FFTW's `fftw_*` functions (library `fftw3`).
    case double
    /// 32-bit `Float`, transformed by FFTW's `fftwf_*` functions (library `fftw3f`).
    case single

    /// Bytes per real scalar of this precision.
    public var scalarByteCount: Int {
        switch self {
        case .double: MemoryLayout<Double>.size
        case .single: MemoryLayout<Float>.size
        }
    }
}
