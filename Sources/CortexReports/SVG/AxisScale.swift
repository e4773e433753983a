import Foundation

/// How data values map to positions along an axis.
public enum AxisScale: Sendable, Hashable {
    /// Positions proportional to values.
    case linear
    /// Positions proportional to log₁₀ of values; non-positive values cannot be drawn and are
    /// left out (figures say so in their documentation).
    case logarithmic

    /// The value in the space where the axis is linear (`log10` for `.logarithmic`), or `nil`
    /// when it cannot be drawn (non-finite, or ≤ 0 on a log axis).
    public func transformed(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch self {
        case .linear: return value
        case .logarithmic: return value > 0 ? log10(value) : nil
        }
    }
}
