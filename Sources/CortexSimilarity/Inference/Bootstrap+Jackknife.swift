import CortexNumerics

extension Bootstrap {
    /// BCa's acceleration from jackknife values θ₍ᵢ₎ (the statistic with group i left out):
    ///
    ///     a = Σ dᵢ³ / (6 (Σ dᵢ²)^{3/2}),   dᵢ = θ̄₍.₎ − θ₍ᵢ₎
    ///
    /// (Efron & Tibshirani 1993, eq. 14.15; scipy's `_bca_interval` writes the same with the
    /// factors (n − 1) and n that cancel). 0 when all jackknife values are equal.
    public static func acceleration(jackknife values: [Double]) -> Double {
        let mean = Statistics.mean(values)
        var squares = 0.0, cubes = 0.0
        for v in values {
            let d = mean - v
            squares += d * d
            cubes += d * d * d
        }
        guard squares > 0 else { return 0 }
        return cubes / (6 * squares * squares.squareRoot())
    }

    /// The most jackknife groups BCa evaluates: a scheme's units (neurons, repeats) are cut into at
    /// most this many contiguous groups, each left out once (the delete-a-group jackknife), so the
    /// cost does not grow with the population.
    public static let maximumJackknifeGroups = 50

    /// `0..<count` cut into min(count, `maximum`) contiguous groups of near-equal size; the
    /// complement of each group, in order.
    static func jackknifeKeeps(count: Int, maximum: Int = maximumJackknifeGroups) -> [[Int]] {
        let groups = min(count, maximum)
        return (0..<groups).map { g in
            let (start, end) = (g * count / groups, (g + 1) * count / groups)
            return Array(0..<start) + Array(end..<count)
        }
    }

    /// The frames left after deleting each non-overlapping block of `blockLength` frames (the
    /// last block may be shorter): the block jackknife of a moving-block bootstrap.
    static func blockJackknifeKeeps(frames n: Int, blockLength: Int) -> [[Int]] {
        stride(from: 0, to: n, by: blockLength).map { start in
            Array(0..<start) + Array(min(n, start + blockLength)..<n)
        }
    }
}
