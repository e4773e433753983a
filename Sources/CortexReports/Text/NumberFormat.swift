import Foundation

/// How a number is written in tables and figure annotations.
///
/// Formatting is locale-independent (always `.` as decimal separator) so reports are byte-identical
/// on every machine. Non-finite values are written as `NaN`, `inf` and `-inf`; a negative zero
/// result (e.g. -0.0004 at three decimals) is written without its sign.
///
/// ```swift
/// NumberFormat.fixed(digits: 3).string(0.12345)       // "0.123"
/// NumberFormat.scientific(digits: 2).string(12345)    // "1.23e+04"
/// NumberFormat.percent(digits: 1).string(0.5)         // "50.0%"
/// ```
public enum NumberFormat: Sendable, Hashable {
    /// A fixed number of digits after the decimal point.
    case fixed(digits: Int)
    /// Scientific notation with `digits` after the decimal point.
    case scientific(digits: Int)
    /// Rounded to the nearest integer.
    case integer
    /// Multiplied by 100, with `digits` decimals and a `%` sign.
    case percent(digits: Int)
    /// `digits` significant digits (`%g` style; switches to scientific for very large or small values).
    case significant(digits: Int)

    /// The value written in this format.
    public func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let text: String
        switch self {
        case .fixed(let digits):
            text = String(format: "%.\(max(0, min(digits, 17)))f", value)
        case .scientific(let digits):
            text = String(format: "%.\(max(0, min(digits, 17)))e", value)
        case .integer:
            text = String(format: "%.0f", value)
        case .percent(let digits):
            text = String(format: "%.\(max(0, min(digits, 17)))f", value * 100) + "%"
        case .significant(let digits):
            text = String(format: "%.\(max(1, min(digits, 17)))g", value)
        }
        return Self.removingNegativeZero(text)
    }

    /// "-0.00" → "0.00"; other text unchanged.
    static func removingNegativeZero(_ text: String) -> String {
        guard text.hasPrefix("-") else { return text }
        let digits = text.dropFirst().prefix { $0.isNumber || $0 == "." }
        if !digits.isEmpty, digits.allSatisfy({ $0 == "0" || $0 == "." }) {
            let rest = text.dropFirst().dropFirst(digits.count)
            // Keep the sign for exponents such as "-0.00e+00"? They are zero too.
            if rest.isEmpty || rest.hasPrefix("e") || rest == "%" { return String(text.dropFirst()) }
        }
        return text
    }
}
