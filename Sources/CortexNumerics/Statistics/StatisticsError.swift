/// Problems with the *data* given to a statistic (programmer errors such as q ∉ [0, 1] trap).
public enum StatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input holds NaN at `index` (the first one) and the ``NaNPolicy`` was `.error`.
    case nanEncountered(index: Int)
    /// A quantile or median was asked of no values (an empty input, or only NaNs under `.omit`).
    case noValues

    public var description: String {
        switch self {
        case .nanEncountered(let index):
            return "NaN at index \(index); choose NaNPolicy.omit or .propagate to accept NaN"
        case .noValues:
            return "no (non-NaN) values to take a quantile or median of"
        }
    }
}
