extension Statistics {
    /// The q-th quantile of `values`, as `numpy.quantile(values, q, method:)` computes it.
    ///
    /// With the non-NaN values sorted, x₀ ≤ … ≤ x_{n−1}, and h = (n − 1)·q, the default `.linear`
    /// method returns
    ///
    ///     x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋₊₁ − x_⌊h⌋)
    ///
    /// (Hyndman & Fan type 7); see ``QuantileMethod`` for the others.
    ///
    /// ```swift
    /// try Statistics.quantile([1, 2, 3, 4], 0.5)                    // 2.5
    /// try Statistics.quantile([1, 2, 3, 4], 0.5, method: .lower)    // 2
    /// try Statistics.quantile([1, .nan, 3], 0.5, nans: .omit)       // 2
    /// ```
    ///
    /// Arithmetic is done in `Double` and the result converted to `T`, so `Float` input can differ
    /// from NumPy's float32 arithmetic in the last bit. An interpolation weight of 0 returns the
    /// lower value exactly (NumPy would give NaN next to an infinity).
    ///
    /// - Parameters:
    ///   - values: the data, in any order.
    ///   - q: the probability, in [0, 1].
    ///   - method: how to pick or interpolate order statistics; NumPy's default `.linear`.
    ///   - nans: `.error` throws, `.propagate` returns NaN (like `np.quantile`), `.omit` ignores NaNs
    ///     (like `np.nanquantile`).
    /// - Throws: ``StatisticsError/nanEncountered(index:)`` under `.error`;
    ///   ``StatisticsError/noValues`` when there is nothing to take the quantile of.
    /// - Precondition: 0 ≤ q ≤ 1.
    /// - Complexity: O(n log n) (one sort of a copy).
    /// - Reference: R. J. Hyndman, Y. Fan, "Sample quantiles in statistical packages",
    ///   The American Statistician 50(4), 1996.
    @inlinable
    public static func quantile<T: BinaryFloatingPoint>(
        _ values: [T], _ q: Double, method: QuantileMethod = .linear, nans: NaNPolicy = .error
    ) throws(StatisticsError) -> T {
        try quantiles(values, [q], method: method, nans: nans)[0]
    }

    /// Several quantiles of `values` from one sort; see ``Statistics/quantile(_:_:method:nans:)``.
    ///
    /// ```swift
    /// try quantiles(x, [0.25, 0.5, 0.75])   // quartiles
    /// ```
    ///
    /// - Precondition: every q is in [0, 1].
    /// - Complexity: O(n log n + k) for k probabilities.
    @inlinable
    public static func quantiles<T: BinaryFloatingPoint>(
        _ values: [T], _ qs: [Double], method: QuantileMethod = .linear, nans: NaNPolicy = .error
    ) throws(StatisticsError) -> [T] {
        for q in qs { precondition(q >= 0 && q <= 1, "quantile: q = \(q) is outside [0, 1]") }
        guard let sorted = try SortedSample(values, nans: nans) else {
            return qs.map { _ in .nan }   // NaN under .propagate
        }
        return qs.map { T(sorted.quantile($0, method: method)) }
    }

    /// The median of `values`, as `numpy.median` computes it: the middle value for odd n, the mean
    /// of the two middle values for even n.
    ///
    ///     median = x_{(n−1)/2}  (n odd),   (x_{n/2−1} + x_{n/2}) / 2  (n even)
    ///
    /// ```swift
    /// try Statistics.median([3, 1, 2])       // 2
    /// try Statistics.median([4, 1, 3, 2])    // 2.5
    /// ```
    ///
    /// The mean is taken as (a + b)/2 like NumPy, falling back to a/2 + b/2 only when a + b
    /// overflows.
    ///
    /// - Throws: as ``Statistics/quantile(_:_:method:nans:)``.
    /// - Complexity: O(n log n).
    @inlinable
    public static func median<T: BinaryFloatingPoint>(_ values: [T], nans: NaNPolicy = .error) throws(StatisticsError) -> T {
        guard let sorted = try SortedSample(values, nans: nans) else { return .nan }
        return T(sorted.median)
    }
}
