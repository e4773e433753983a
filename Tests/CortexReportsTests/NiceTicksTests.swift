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

    @Test("log ticks are powers of ten bracketing the data")
    func logTicks() {
        let ticks = LogTicks(lower: 3e5, upper: 2e8)
        #expect(ticks.exponents == [5, 6, 7, 8, 9])
        #expect(LogTicks(lower: 1000, upper: 1000).values.first! <= 1000)
        #expect(LogTicks(lower: 0.01, upper: 100).labels == ["0.01", "0.1", "1", "10", "100"])
    }
}

