import Foundation

/// One measured case: the best and median wall time over repeats, and its rate.
struct BenchmarkResult: Codable {
    var name: String
    var bestSeconds: Double
    var medianSeconds: Double
    /// Useful work per call (flops, elements…), for the rate column.
    var work: Double
    var unit: String
    var rate: Double { work / bestSeconds / 1e9 }
}

/// Times `body` `repeats` times after one warm-up call.
func measure(_ name: String, work: Double, unit: String, repeats: Int, _ body: () -> Void) -> BenchmarkResult {
    body()
    var times: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<repeats {
        let d = clock.measure(body)
        times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
    times.sort()
    return BenchmarkResult(name: name, bestSeconds: times[0], medianSeconds: times[times.count / 2], work: work, unit: unit)
}
