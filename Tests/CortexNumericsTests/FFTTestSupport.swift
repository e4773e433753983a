/// Helpers shared by the FFT and convolution tests: seeded inputs and error measures.
enum FFTTestSupport {
    /// `count` values uniform in [-1, 1) from a SplitMix64 stream (Steele, Lea & Flood 2014),
    /// reproducible from `seed` on every platform.
    static func randomSignal(count: Int, seed: UInt64) -> [Double] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x2545_F491_4F6C_DD1D
        return (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    /// `max |a[i] - b[i]|`, or infinity when the lengths differ (so a length bug always fails).
    static func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count else { return .infinity }
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    /// `Σ |a[i]|`.
    static func l1(_ a: [Double]) -> Double { a.reduce(0) { $0 + abs($1) } }
}
