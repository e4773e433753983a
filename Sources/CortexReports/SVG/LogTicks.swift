import Foundation

/// Ticks for a logarithmic axis: the powers of ten from `10^floor(log10 lower)` to
/// `10^ceil(log10 upper)` (at least two), labelled `10^k` in plain digits when short.
///
/// ```swift
/// LogTicks(lower: 3e5, upper: 2e8).values   // [1e5, 1e6, 1e7, 1e8, 1e9]
/// ```
struct LogTicks: Sendable, Hashable {
    /// Tick values, increasing powers of ten.
    let values: [Double]
    /// Their exponents.
    let exponents: [Int]

    /// Ticks covering `[lower, upper]`; non-positive or non-finite bounds fall back to [1, 10].
    init(lower: Double, upper: Double) {
        var low = min(lower, upper), high = max(lower, upper)
        if !(low > 0) || !high.isFinite || !low.isFinite { low = 1; high = max(10, high.isFinite ? high : 10) }
        var first = Int(floor(log10(low))), last = Int(ceil(log10(high)))
        if first == last { first -= 0; last += 1 }
        // log10 may round 1000 to 2.9999…; make sure the ends bracket the data.
        while pow(10, Double(first)) > low { first -= 1 }
        while pow(10, Double(last)) < high { last += 1 }
        exponents = Array(first...last)
        values = exponents.map { pow(10, Double($0)) }
    }

    /// Labels: plain numbers for 10^-3 … 10^4, otherwise `1e5`, `1e-4`.
    var labels: [String] {
        exponents.map { k in
            if k >= 0 && k <= 4 { return NumberFormat.integer.string(pow(10, Double(k))) }
            if k < 0 && k >= -3 { return NumberFormat.fixed(digits: -k).string(pow(10, Double(k))) }
            return "1e\(k)"
        }
    }
}
