/// Euclidean norms of matrix rows and columns, and the Frobenius norm.
///
/// Squares are summed in `Double` (also for `Float` matrices). When a sum could have overflowed
/// or underflowed (it is ∞ or below 2⁻⁹⁰⁰) that vector is recomputed scaled by its largest
/// magnitude, as LAPACK's `dnrm2` does, so ‖(1e200, 1e200)‖ = 1.414e200 rather than ∞.
extension NDArray where Scalar: BinaryFloatingPoint {
    /// ‖x_{·j}‖₂ = √(Σᵢ xᵢⱼ²) for each column j, `numpy.linalg.norm(x, axis=0)`.
    ///
    /// ```swift
    /// NDArray<Double>(rowArrays: [[3, 1], [4, 0]]).columnNorms()   // [5, 1]
    /// ```
    ///
    /// Traps unless rank 2.
    /// - Complexity: O(rows · columns); one more strided pass for a column that needs rescaling.
    @inlinable
    public func columnNorms() -> [Scalar] {
        let (m, n) = (rows, columns)
        let sums = columnSums(of: { $0 * $0 })
        return withUnsafeBufferPointer { x in
            (0..<n).map { j in
                Scalar(Moments.finishNorm(sumOfSquares: sums[j]) {
                    Moments.norm(x, start: j, count: m, stride: n)
                })
            }
        }
    }

    /// ‖x_{i·}‖₂ = √(Σⱼ xᵢⱼ²) for each row i, `numpy.linalg.norm(x, axis=1)`. Traps unless rank 2.
    /// - Complexity: O(rows · columns).
    @inlinable
    public func rowNorms() -> [Scalar] {
        let (m, n) = (rows, columns)
        return withUnsafeBufferPointer { x in
            (0..<m).map { i in Scalar(Moments.norm(x, start: i * n, count: n, stride: 1)) }
        }
    }

    /// ‖X‖_F = √(Σᵢⱼ xᵢⱼ²) over all elements (any rank), `numpy.linalg.norm(x)` for a matrix.
    /// - Complexity: O(count).
    @inlinable
    public func frobeniusNorm() -> Scalar {
        withUnsafeBufferPointer { x in Scalar(Moments.norm(x, start: 0, count: x.count, stride: 1)) }
    }
}
