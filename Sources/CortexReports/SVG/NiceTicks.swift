import Foundation

/// Axis tick values that are "nice": multiples of a step 1, 2 or 5 × 10^k, bracketing the data.
///
/// Heckbert's algorithm (P. S. Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990):
/// the range is rounded to a nice number, the step to a nice fraction of it (aiming at
/// `targetCount` ticks), and the first/last ticks are `floor(min/step)·step` and
/// `ceil(max/step)·step`. Tick values are computed as `i · m / 10^(-k)` (an integer divided by an
/// exact power of ten) rather than by repeated addition, so `0.1 + 0.2` drift never shows in
/// labels.
///
/// ```swift
/// let ticks = NiceTicks(lower: 0.03, upper: 0.87)
/// ticks.values   // [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
/// ticks.labels   // ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
/// ```
struct NiceTicks: Sendable, Hashable {
    /// The tick values, increasing; `values.first! <= lower` and `values.last! >= upper`.
    let values: [Double]
    /// Distance between neighbouring ticks: `mantissa × 10^exponent`.
    let step: Double
    /// 1, 2 or 5.
    let mantissa: Int
    /// Power of ten of the step.
    let exponent: Int

    /// Ticks covering `[lower, upper]` with about `targetCount` values (at least 2).
    ///
    /// A degenerate range (`lower == upper`) is widened to `lower ± 1` (or `± |lower|/10`);
    /// non-finite bounds give the ticks of [0, 1].
    init(lower: Double, upper: Double, targetCount: Int = 5) {
        var low = min(lower, upper), high = max(lower, upper)
        if !low.isFinite || !high.isFinite { low = 0; high = 1 }
        if low == high {
            let pad = low == 0 ? 1 : abs(low) / 10
            low -= pad; high += pad
        }
        // A range tiny compared with its magnitude (1e9 ± 1e-3) would need enormous tick indices;
        // widen it to one part in 10^9 of the magnitude.
        let minimumRange = max(abs(low), abs(high)) * 1e-9
        if high - low < minimumRange {
            let middle = low / 2 + high / 2
            low = middle - minimumRange / 2; high = middle + minimumRange / 2
        }
        let range = Self.nice(high - low, round: false)
        let rawStep = Self.nice(range / Double(max(1, targetCount - 1)), round: true)
        var exponent = Int(floor(log10(rawStep)))
        var mantissa = Int((rawStep / pow(10, Double(exponent))).rounded())
        if mantissa == 10 { mantissa = 1; exponent += 1 }
        let step = Self.value(Double(mantissa), exponent: exponent)
        let first = Int(floor(low / step)), last = Int(ceil(high / step))
        var values = (first...last).map { Self.value(Double($0 * mantissa), exponent: exponent) }
        // Guard against a rounding slip at the ends (floor of 2.9999999 etc.).
        if let v = values.first, v > low { values.insert(Self.value(Double((first - 1) * mantissa), exponent: exponent), at: 0) }
        if let v = values.last, v < high { values.append(Self.value(Double((last + 1) * mantissa), exponent: exponent)) }
        self.values = values
        self.step = step
        self.mantissa = mantissa
        self.exponent = exponent
    }

    /// `n × 10^exponent`, dividing by an exact power of ten for negative exponents.
    static func value(_ n: Double, exponent: Int) -> Double {
        exponent >= 0 ? n * pow(10, Double(exponent)) : n / pow(10, Double(-exponent))
    }

    /// Heckbert's nice number: 1, 2, 5 or 10 times a power of ten, near `x` (`round`) or ≥ `x`.
    static func nice(_ x: Double, round: Bool) -> Double {
        let exponent = floor(log10(x))
        let fraction = x / pow(10, exponent)
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * pow(10, exponent)
    }

    /// Decimals needed to write every tick exactly: `max(0, -exponent)`.
    var decimals: Int { max(0, -exponent) }

    /// The tick labels, all with `decimals` digits after the point (scientific beyond 10^±6).
    var labels: [String] {
        let format: NumberFormat = abs(exponent) > 6 ? .significant(digits: 3) : .fixed(digits: decimals)
        return values.map { format.string($0) }
    }
}
