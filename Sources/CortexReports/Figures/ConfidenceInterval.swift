/// A two-sided interval around an estimate (e.g. a bootstrap 95 % confidence interval).
///
/// Unlike `ClosedRange` it may hold NaN bounds (an interval that could not be estimated);
/// figures skip intervals with a non-finite bound.
public struct ConfidenceInterval: Sendable, Hashable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether both bounds are finite (so the interval can be drawn).
    public var isFinite: Bool { lower.isFinite && upper.isFinite }
}
