extension Statistics {
    /// The arithmetic mean of `values`, accumulated in `Double`.
    ///
    ///     mean = (1/n) Σᵢ xᵢ
    ///
    /// ```swift
    /// Statistics.mean([1, 2, 3, 4] as [Float])   // 2.5
    /// ```
    ///
    /// `Float` values are summed in `Double`, so the result is correctly rounded for any realistic n
    /// (NumPy sums float32 in float32 with pairwise summation). NaN propagates. The mean of no values
    /// is NaN, as in NumPy.
    ///
    /// - Complexity: O(n).
    @inlinable
    public static func mean<T: BinaryFloatingPoint>(_ values: [T]) -> T {
        values.withUnsafeBufferPointer { T(Moments.mean($0)) }
    }

    /// The variance of `values` with `ddof` delta degrees of freedom, as `numpy.var(values, ddof:)`:
    ///
    ///     var = Σᵢ (xᵢ − x̄)² / (n − ddof)
    ///
    /// `ddof = 0` gives the maximum-likelihood (population) variance, `ddof = 1` the unbiased sample
    /// variance. Computed in `Double` by the corrected two-pass algorithm, which subtracts the
    /// rounding error of the mean: Σ(xᵢ − x̄)² − (Σ(xᵢ − x̄))²/n. NaN propagates; n ≤ ddof gives NaN
    /// (as NumPy, which also warns).
    ///
    /// ```swift
    /// Statistics.variance([1, 2, 3, 4], ddof: 1)   // 1.666…
    /// ```
    ///
    /// - Precondition: `ddof ≥ 0`.
    /// - Complexity: O(n), two passes.
    /// - Reference: T. F. Chan, G. H. Golub, R. J. LeVeque, "Algorithms for computing the sample
    ///   variance", The American Statistician 37(3), 1983.
    @inlinable
    public static func variance<T: BinaryFloatingPoint>(_ values: [T], ddof: Int = 0) -> T {
        values.withUnsafeBufferPointer { T(Moments.variance($0, ddof: ddof)) }
    }
}

/// Buffer kernels shared by the vector and matrix statistics; all accumulate in `Double`.
@usableFromInline
enum Moments {
    /// Σ xᵢ / n in `Double` (NaN for n = 0).
    @inlinable
    static func mean<T: BinaryFloatingPoint>(_ values: UnsafeBufferPointer<T>) -> Double {
        var sum = 0.0
        for value in values { sum += Double(value) }
        return sum / Double(values.count)
    }

    /// Corrected two-pass variance with `ddof` (NaN when n ≤ ddof).
    @inlinable
    static func variance<T: BinaryFloatingPoint>(_ values: UnsafeBufferPointer<T>, ddof: Int) -> Double {
        precondition(ddof >= 0, "variance: ddof must be ≥ 0, got \(ddof)")
        let n = values.count
        guard n > ddof else { return .nan }
        let centre = mean(values)
        var sumOfSquares = 0.0
        var sumOfDeviations = 0.0
        for value in values {
            let deviation = Double(value) - centre
            sumOfSquares += deviation * deviation
            sumOfDeviations += deviation
        }
        return (sumOfSquares - sumOfDeviations * sumOfDeviations / Double(n)) / Double(n - ddof)
    }

    /// √(Σ xᵢ²) of `count` elements starting at `start` with the given stride, in `Double`,
    /// robust to overflow and underflow of the squares.
    ///
    /// The plain sum is used when it is safely inside the normal range; otherwise the elements are
    /// scaled by the largest magnitude m first: ‖x‖ = m·√(Σ (xᵢ/m)²). ±∞ gives +∞ and NaN gives NaN.
    @inlinable
    static func norm<T: BinaryFloatingPoint>(_ values: UnsafeBufferPointer<T>, start: Int, count: Int,
                                             stride: Int) -> Double {
        var sum = 0.0
        for k in 0..<count {
            let x = Double(values[start + k * stride])
            sum += x * x
        }
        return finishNorm(sumOfSquares: sum) {
            var largest = 0.0
            for k in 0..<count { largest = max(largest, abs(Double(values[start + k * stride]))) }
            guard largest > 0 && largest.isFinite else { return largest }
            var scaled = 0.0
            for k in 0..<count {
                let x = Double(values[start + k * stride]) / largest
                scaled += x * x
            }
            return largest * scaled.squareRoot()
        }
    }

    /// √`sumOfSquares`, or `rescaled()` when the sum may have overflowed or lost precision to
    /// underflow (below 2⁻⁹⁰⁰, where squares of the inputs can be subnormal).
    @inlinable
    static func finishNorm(sumOfSquares: Double, rescaled: () -> Double) -> Double {
        if sumOfSquares.isNaN { return .nan }
        // A zero sum is rechecked too: squares below 2⁻¹⁰⁷⁴ round to 0.
        if sumOfSquares.isFinite && sumOfSquares >= 0x1p-900 {
            return sumOfSquares.squareRoot()
        }
        return rescaled()
    }
}
