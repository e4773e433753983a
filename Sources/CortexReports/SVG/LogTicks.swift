import Foundation

/// Ticks for a logarithmic axis. Over more than two decades: the powers of ten from
/// `10^floor(log10 lower)` to `10^ceil(log10 upper)` (at least two). Over two decades or less, where
/// powers of ten alone give two or three ticks: the 1–2–5 sequence (1, 2, 5 × 10^k), from the last
/// value below `lower` to the first above `upper` — or 1–2–3–5, then every mantissa 1…9, when that
/// gives fewer than four ticks over a range wider than 1.5×. Either way the end ticks lie strictly outside the
/// data, so no point sits on an axis.
///
/// ```swift
/// LogTicks(lower: 3e5, upper: 2e8).values   // [1e5, 1e6, 1e7, 1e8, 1e9]
/// LogTicks(lower: 2.1e6, upper: 6.4e6).values   // [2e6, 3e6, 5e6, 1e7]
/// ```
struct LogTicks: Sendable, Hashable {
    /// Tick values, increasing.
    let values: [Double]
    /// Their labels.
    let labels: [String]

    /// Ticks covering `[lower, upper]`; non-positive or non-finite bounds fall back to [1, 10].
    init(lower: Double, upper: Double) {
        var low = min(lower, upper), high = max(lower, upper)
        if !(low > 0) || !high.isFinite || !low.isFinite { low = 1; high = max(10, high.isFinite ? high : 10) }
        var first = Int(floor(log10(low))), last = Int(ceil(log10(high)))
        // log10 may round 1000 to 2.9999…; make sure the ends bracket the data strictly.
        while pow(10, Double(first)) >= low { first -= 1 }
        while pow(10, Double(last)) <= high { last += 1 }
        var ticks: [(mantissa: Int, exponent: Int)]
        if last - first <= 2 {
            // 1–2–5, or 1–2–3–5 and then every mantissa when that leaves fewer than four ticks.
            let value = { (t: (mantissa: Int, exponent: Int)) in Double(t.mantissa) * pow(10, Double(t.exponent)) }
            ticks = []
            for mantissas in [[1, 2, 5], [1, 2, 3, 5], Array(1...9)] {
                let candidates = (first - 1...last + 1).flatMap { k in mantissas.map { (mantissa: $0, exponent: k) } }
                let start = candidates.lastIndex { value($0) < low } ?? 0
                let end = candidates.firstIndex { value($0) > high } ?? candidates.count - 1
                ticks = Array(candidates[start...max(end, start + 1)])
                if ticks.count >= 4 || high / low < 1.5 { break }
            }
        } else {
            ticks = (first...last).map { (mantissa: 1, exponent: $0) }
        }
        values = ticks.map { Double($0.mantissa) * pow(10, Double($0.exponent)) }
        labels = ticks.map { Self.label(mantissa: $0.mantissa, exponent: $0.exponent) }
    }

    /// Plain numbers for 10^-3 … 10^4, otherwise `10⁵`, `2×10⁶`, `5×10⁻⁴` (text, with Unicode
    /// superscripts, as a paper prints them).
    static func label(mantissa m: Int, exponent k: Int) -> String {
        let value = Double(m) * pow(10, Double(k))
        if k >= 0 && k <= 4 { return NumberFormat.integer.string(value) }
        if k < 0 && k >= -3 { return NumberFormat.fixed(digits: -k).string(value) }
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let power = (k < 0 ? "⁻" : "") + String(String(abs(k)).map { digits[Int(String($0))!] })
        return (m == 1 ? "" : "\(m)×") + "10" + power
    }
}
