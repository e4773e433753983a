import Foundation
import Testing
import CortexNumerics
@testable import CortexReports

@Suite("Nice ticks")
struct NiceTicksTests {
    @Test("a typical score range gets steps of 0.2 from 0 to 1")
    func typical() {
        let ticks = NiceTicks(lower: 0.03, upper: 0.87)
        #expect(ticks.values == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(ticks.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test("property: ticks are multiples of 1, 2 or 5 × 10^k that bracket random data ranges")
    func property() {
        var generator = SplittableRandom(seed: 20261129)
        for _ in 0..<2000 {
            let magnitude = pow(10, Double.random(in: -6...6, using: &generator))
            let a = Double.random(in: -1...1, using: &generator) * magnitude
            let b = a + Double.random(in: 1e-3...10, using: &generator) * magnitude * (Bool.random(using: &generator) ? 1 : 0.01)
            let target = Int.random(in: 2...10, using: &generator)
            let ticks = NiceTicks(lower: a, upper: b, targetCount: target)
            #expect([1, 2, 5].contains(ticks.mantissa))
            #expect(abs(ticks.step - Double(ticks.mantissa) * pow(10, Double(ticks.exponent))) <= ticks.step * 1e-12)
            for value in ticks.values {
                let multiple = value / ticks.step
                #expect(abs(multiple - multiple.rounded()) < 1e-6, "\(value) is not a multiple of \(ticks.step)")
            }
            #expect(ticks.values.first! <= a && ticks.values.last! >= b, "ticks \(ticks.values) do not bracket \(a)…\(b)")
            #expect(ticks.values.count >= 2 && ticks.values.count <= 4 * target + 3)
            #expect(zip(ticks.values, ticks.values.dropFirst()).allSatisfy { $0 < $1 })
        }
    }

    @Test("degenerate and non-finite ranges still give at least two increasing ticks")
    func degenerate() {
        for (a, b) in [(0.0, 0.0), (5.0, 5.0), (-3.0, -3.0), (Double.nan, 1.0), (1.0, Double.infinity)] {
            let ticks = NiceTicks(lower: a, upper: b)
            #expect(ticks.values.count >= 2)
            if a.isFinite && b.isFinite { #expect(ticks.values.first! <= a && ticks.values.last! >= b) }
        }
    }

    @Test("log ticks: powers of ten bracketing the data over more than two decades, 1–2–5 (or finer) steps within two")
    func logTicks() {
        let ticks = LogTicks(lower: 3e5, upper: 2e8)
        #expect(ticks.values == [1e5, 1e6, 1e7, 1e8, 1e9])
        #expect(LogTicks(lower: 1000, upper: 1000).values == [500, 1000, 2000])
        #expect(LogTicks(lower: 0.002, upper: 50).labels == ["0.001", "0.01", "0.1", "1", "10", "100"])
        // The demo's energies (2.1–6.4 µJ per frame, in pJ): four ticks (1–2–3–5), the data strictly inside.
        let narrow = LogTicks(lower: 2.1e6, upper: 6.4e6)
        #expect(narrow.values == [2e6, 3e6, 5e6, 1e7] && narrow.labels == ["2×10⁶", "3×10⁶", "5×10⁶", "10⁷"])
        #expect(LogTicks(lower: 2.1e6, upper: 2.6e6).values == [2e6, 5e6], "a range under 1.5× keeps 1–2–5")
        #expect(LogTicks(lower: 4.2e-5, upper: 8.8e-5).labels == ["4×10⁻⁵", "5×10⁻⁵", "6×10⁻⁵", "7×10⁻⁵", "8×10⁻⁵", "9×10⁻⁵"],
                "every mantissa when 1–2–3–5 gives fewer than four")
        let two = LogTicks(lower: 0.3, upper: 9)
        #expect(two.values == [0.2, 0.5, 1, 2, 5, 10] && two.labels.first == "0.2" && two.labels.last == "10")
        for (a, b) in [(2.1e6, 6.4e6), (1.0, 1.0), (0.3, 40.0), (0.3, 9.0), (7e3, 9e3)] {
            let t = LogTicks(lower: a, upper: b)
            #expect(t.values.count >= 2 && t.values.first! < a && t.values.last! > b, "\(a)…\(b): \(t.values)")
        }
    }

    @Test("log axes keep every point at least 4 % of the axis away from its ends (the demo's energies)")
    func logMargins() throws {
        for values in [[2.06e6, 2.3e6, 7.9e6], [1e3, 1e5], [3.0, 3.0]] {
            let axis = AxisTicks(covering: values, scale: .logarithmic)
            for v in values {
                let f = try #require(axis.fraction(of: v))
                #expect(f >= 0.04 - 1e-12 && f <= 0.96 + 1e-12, "\(values): \(v) at \(f)")
            }
            #expect(axis.positions.allSatisfy { $0 >= axis.lower && $0 <= axis.upper })
        }
    }
}
