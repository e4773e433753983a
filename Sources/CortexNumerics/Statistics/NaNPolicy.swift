/// What rank and quantile functions do when the input contains NaN.
///
/// NaN has no place in an ordering, so each choice is explicit; none of them silently sorts NaN
/// to one end. The names follow scipy's `nan_policy` argument.
public enum NaNPolicy: Sendable, Hashable, CaseIterable {
    /// Throw ``StatisticsError/nanEncountered(index:)`` for the first NaN (scipy's `'raise'`).
    case error
    /// Any NaN makes the whole result NaN: every rank, or the quantile (scipy's `'propagate'`,
    /// NumPy's `quantile`).
    case propagate
    /// Leave NaNs out: the other values are ranked among themselves and NaN positions get rank
    /// NaN (scipy's `'omit'`); quantiles are taken of the non-NaN values (NumPy's `nanquantile`).
    case omit
}
