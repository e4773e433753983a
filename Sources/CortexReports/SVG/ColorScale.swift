/// Maps data values to colours: a `ColorMap` over a value domain `[lower, upper]`.
///
/// Values outside the domain are clamped; NaN maps to `nil` (figures draw it as a grey,
/// hatched cell). For a diverging map the automatic domain is symmetric, `[-m, m]` with
/// `m = max |v|`, so zero is always the neutral colour.
///
/// ```swift
/// let scale = ColorScale.fitting([0.1, 0.4, .nan], map: .viridis)   // domain 0.1...0.4
/// scale.color(for: 0.4)?.hex                                         // "#fde725"
/// ```
public struct ColorScale: Sendable, Hashable {
    public var map: ColorMap
    public var lower: Double
    public var upper: Double

    /// A scale over an explicit domain.
    /// - Precondition: both bounds are finite and `lower <= upper`.
    public init(map: ColorMap, lower: Double, upper: Double) {
        precondition(lower.isFinite && upper.isFinite && lower <= upper,
                     "ColorScale: invalid domain \(lower)...\(upper)")
        self.map = map
        self.lower = lower
        self.upper = upper
    }

    /// A scale whose domain covers the finite values (symmetric about 0 for diverging maps).
    /// With no finite values the domain is [0, 1]; a single value gets a unit-wide domain.
    public static func fitting(_ values: [Double], map: ColorMap) -> ColorScale {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else {
            return ColorScale(map: map, lower: map.isDiverging ? -1 : 0, upper: 1)
        }
        if map.isDiverging {
            let m = max(abs(low), abs(high))
            return ColorScale(map: map, lower: m > 0 ? -m : -1, upper: m > 0 ? m : 1)
        }
        if low == high { return ColorScale(map: map, lower: low - 0.5, upper: high + 0.5) }
        return ColorScale(map: map, lower: low, upper: high)
    }

    /// Position of `value` in the domain, in [0, 1] (clamped); NaN stays NaN.
    public func position(of value: Double) -> Double {
        if value.isNaN { return .nan }
        guard upper > lower else { return 0.5 }
        return min(1, max(0, (value - lower) / (upper - lower)))
    }

    /// The colour for `value`, or `nil` when it is NaN.
    public func color(for value: Double) -> RGBColor? {
        value.isNaN ? nil : map.color(at: position(of: value))
    }
}
