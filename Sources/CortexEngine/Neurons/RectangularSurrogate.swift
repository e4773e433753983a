/// Rectangular ("straight-through window") surrogate of width w:
///
///     σ(x) = clamp(x/w + 1/2, 0, 1),    σ′(x) = 1/w for |x| < w/2, else 0
///
/// (as in Wu et al. 2018, STBP). σ is piecewise linear: finite-difference checks must avoid |x| = w/2.
public struct RectangularSurrogate: Surrogate, Hashable {
    /// Window width w (> 0).
    public var width: Double

    public init(width: Double = 1) {
        precondition(width > 0, "RectangularSurrogate: width must be positive")
        self.width = width
    }

    public func primitive(_ x: Double) -> Double { min(1, max(0, x / width + 0.5)) }

    public func derivative(_ x: Double) -> Double { abs(x) < width / 2 ? 1 / width : 0 }
}
