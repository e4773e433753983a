/// Means, centring and variance of matrices (rank 2, rows = observations, columns = variables).
///
/// All sums are accumulated in `Double`, also for `Float` matrices (NumPy accumulates float32 in
/// float32), and rounded to `Scalar` once at the end. Loops run over the row-major storage in
/// memory order: column statistics add whole rows into a per-column accumulator.
extension NDArray where Scalar: BinaryFloatingPoint {
    /// The mean of each column, `numpy.mean(x, axis=0)`:  x̄ⱼ = (1/m) Σᵢ xᵢⱼ.
    ///
    /// ```swift
    /// NDArray<Double>(rowArrays: [[1, 2], [3, 6]]).columnMeans()   // [2, 4]
    /// ```
    ///
    /// A matrix with no rows has NaN means (as NumPy). Traps unless rank 2.
    /// - Complexity: O(rows · columns).
    @inlinable
    public func columnMeans() -> [Scalar] {
        let m = rows
        return columnSums(of: { $0 }).map { Scalar($0 / Double(m)) }
    }

    /// The mean of each row, `numpy.mean(x, axis=1)`:  x̄ᵢ = (1/n) Σⱼ xᵢⱼ.
    ///
    /// A matrix with no columns has NaN means. Traps unless rank 2.
    /// - Complexity: O(rows · columns).
    @inlinable
    public func rowMeans() -> [Scalar] {
        let n = columns
        return rowSums(of: { $0 }).map { Scalar($0 / Double(n)) }
    }

    /// The matrix with each column's mean subtracted, `x - x.mean(axis=0)`:  xᵢⱼ − x̄ⱼ.
    ///
    /// Each column of the result has mean 0 up to rounding. The subtraction is done in `Double`.
    /// Traps unless rank 2.
    /// - Complexity: O(rows · columns).
    @inlinable
    public func columnCentred() -> NDArray {
        let means = columnSums(of: { $0 }).map { $0 / Double(rows) }
        return subtracting { _, j in means[j] }
    }

    /// The matrix with each row's mean subtracted, `x - x.mean(axis=1, keepdims=True)`:
    /// xᵢⱼ − x̄ᵢ. Traps unless rank 2.
    /// - Complexity: O(rows · columns).
    @inlinable
    public func rowCentred() -> NDArray {
        let means = rowSums(of: { $0 }).map { $0 / Double(columns) }
        return subtracting { i, _ in means[i] }
    }

    /// Σᵢ xᵢⱼ² for each column j (raw, not centred), `(x**2).sum(axis=0)`. Traps unless rank 2.
    /// - Complexity: O(rows · columns).
    @inlinable
    public func columnSumsOfSquares() -> [Scalar] {
        columnSums(of: { $0 * $0 }).map { Scalar($0) }
    }

    /// Σⱼ xᵢⱼ² for each row i (raw, not centred), `(x**2).sum(axis=1)`. Traps unless rank 2.
    /// - Complexity: O(rows · columns).
    @inlinable
    public func rowSumsOfSquares() -> [Scalar] {
        rowSums(of: { $0 * $0 }).map { Scalar($0) }
    }

    /// The mean of all elements (any rank), `numpy.mean(x)`; NaN when empty.
    /// - Complexity: O(count).
    @inlinable
    public func mean() -> Scalar {
        withUnsafeBufferPointer { Scalar(Moments.mean($0)) }
    }

    /// The variance of all elements (any rank) with `ddof` delta degrees of freedom,
    /// `numpy.var(x, ddof=ddof)`; see ``variance(_:ddof:)``.
    /// - Precondition: `ddof ≥ 0`.
    /// - Complexity: O(count).
    @inlinable
    public func variance(ddof: Int = 0) -> Scalar {
        withUnsafeBufferPointer { Scalar(Moments.variance($0, ddof: ddof)) }
    }

    /// Σᵢ f(xᵢⱼ) per column in `Double`, adding rows in memory order.
    @inlinable
    func columnSums(of term: (Double) -> Double) -> [Double] {
        let (m, n) = (rows, columns)
        var sums = [Double](repeating: 0, count: n)
        withUnsafeBufferPointer { x in
            sums.withUnsafeMutableBufferPointer { sums in
                for i in 0..<m {
                    let row = i * n
                    for j in 0..<n { sums[j] += term(Double(x[row + j])) }
                }
            }
        }
        return sums
    }

    /// Σⱼ f(xᵢⱼ) per row in `Double`.
    @inlinable
    func rowSums(of term: (Double) -> Double) -> [Double] {
        let (m, n) = (rows, columns)
        return withUnsafeBufferPointer { x in
            (0..<m).map { i in
                var sum = 0.0
                for j in 0..<n { sum += term(Double(x[i * n + j])) }
                return sum
            }
        }
    }

    /// The matrix xᵢⱼ − c(i, j), subtracting in `Double`, looping over storage in memory order.
    @inlinable
    func subtracting(_ centre: (Int, Int) -> Double) -> NDArray {
        let (m, n) = (rows, columns)
        var result = self
        result.withUnsafeMutableBufferPointer { x in
            for i in 0..<m {
                for j in 0..<n { x[i * n + j] = Scalar(Double(x[i * n + j]) - centre(i, j)) }
            }
        }
        return result
    }
}
