import CFFTW

/// Facts about the FFTW library this build links against.
public enum FFTWLibrary {
    /// FFTW's version string, e.g. "fftw-3.3.10-sse2-avx".
    public static var version: String { String(cString: ck_fftw_version()) }
}
