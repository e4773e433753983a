import Foundation

/// The ticks and domain of one numeric axis, in the axis' linear space (log₁₀ for log axes).
struct AxisTicks: Hashable {
    /// Domain ends in linear space: the first and last tick (log axes: widened so no point lies
    /// within 4 % of an end).
    var lower: Double
    var upper: Double
    /// Tick positions in linear space.
    var positions: [Double]
    /// Tick labels in data units.
    var labels: [String]
    var scale: AxisScale

    /// Ticks covering the drawable `values` (and 0 when `includeZero`, linear only).
    init(covering values: [Double], scale: AxisScale, includeZero: Bool = false, targetCount: Int = 6) {
        self.scale = scale
        let drawable = values.compactMap { scale.transformed($0) == nil ? nil : $0 }
        switch scale {
        case .linear:
            var low = drawable.min() ?? 0, high = drawable.max() ?? 1
            if includeZero { low = min(low, 0); high = max(high, 0) }
            let ticks = NiceTicks(lower: low, upper: high, targetCount: targetCount)
            positions = ticks.values
            labels = ticks.labels
        case .logarithmic:
            let ticks = LogTicks(lower: drawable.min() ?? 1, upper: drawable.max() ?? 10)
            positions = ticks.values.map(log10)
            labels = ticks.labels
        }
        lower = positions.first ?? 0
        upper = positions.last ?? 1
        if case .logarithmic = scale, let low = drawable.min(), let high = drawable.max(), low > 0 {
            // Keep points off the axis lines: at least 4 % of the axis between a point and an end.
            let (a, b) = (log10(low), log10(high))
            let margin = 0.05 * max(upper - lower, b - a)     // ≥ 4 % of the widened axis
            lower = min(lower, a - margin)
            upper = max(upper, b + margin)
        }
    }

    /// Fraction of the way along the axis for a data value, or `nil` when it cannot be drawn.
    func fraction(of value: Double) -> Double? {
        guard let t = scale.transformed(value) else { return nil }
        return upper > lower ? (t - lower) / (upper - lower) : 0.5
    }
}
