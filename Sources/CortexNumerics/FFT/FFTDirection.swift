/// The direction of a real-data transform, part of an ``FFTPlanCache`` key.
public enum FFTDirection: Hashable, Sendable, CaseIterable {
    /// Real to complex (FFTW `r2c`): `n` reals → `n/2 + 1` complex coefficients, unnormalised.
    ///
    /// `X[k] = Σ_{j<n} x[j] · e^{-2πi·jk/n}` for `k = 0 … n/2`.
    case forward
    /// Complex to real (FFTW `c2r`): `n/2 + 1` Hermitian coefficients → `n` reals, unnormalised
    /// (``RealFFT/inverse(_:length:cache:)`` applies the `1/n`).
    ///
    /// `x[j] = Σ_{k<n} X[k] · e^{+2πi·jk/n}` with `X[n-k] = conj(X[k])`.
    case inverse
}
