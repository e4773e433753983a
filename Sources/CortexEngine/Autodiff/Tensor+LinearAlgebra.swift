/// Matrix products.
extension Tensor {
    /// op(self) · op(other) for matrices; `transposeSelf`/`transposeOther` read the stored matrix
    /// transposed without copying (a Linear layer computes `x · Wᵀ` with `transposeOther: true`).
    @_specialize(where Scalar == Float)
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        precondition(rank == 2 && other.rank == 2, "Tensor.matmul: needs matrices, got \(shape) and \(other.shape)")
        let (m, k) = transposeSelf ? (shape[1], shape[0]) : (shape[0], shape[1])
        let (k2, n) = transposeOther ? (other.shape[1], other.shape[0]) : (other.shape[0], other.shape[1])
        precondition(k == k2, "Tensor.matmul: inner extents \(k) and \(k2) differ")
        let geometry = MatmulGeometry(m: m, k: k, n: n, transposeA: transposeSelf, transposeB: transposeOther)
        return Tensor.record(MatrixKernels.forward(scalars, other.scalars, geometry), shape: [m, n],
                             inputs: [self, other], .matmul(lhs: scalars, rhs: other.scalars, geometry))
    }
}
