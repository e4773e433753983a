/// How ``Statistics/quantile(_:_:method:nans:)`` picks or interpolates between order statistics, as NumPy's
/// `method=` argument defines them.
///
/// With the n values sorted, x₀ ≤ x₁ ≤ … ≤ x_{n−1}, every method starts from the virtual index
///
///     h = (n − 1)·q,   ⌊h⌋ = i,   g = h − i
///
/// and indices past the end are clamped to n − 1.
public enum QuantileMethod: Sendable, Hashable, CaseIterable {
    /// x_i + g·(x_{i+1} − x_i) — Hyndman & Fan's type 7, NumPy's and R's default. Interpolation
    /// uses NumPy's form `b − (b − a)(1 − g)` when g ≥ ½, so results match NumPy to the last bit.
    case linear
    /// x_⌊h⌋, the order statistic at or below h.
    case lower
    /// x_⌈h⌉, the order statistic at or above h.
    case higher
    /// x at h rounded to the nearest integer, halves to even (NumPy's `around`).
    case nearest
    /// (x_⌊h⌋ + x_⌈h⌉)/2, interpolated like `.linear` with g = ½ (or x_h when h is an integer).
    case midpoint
}
