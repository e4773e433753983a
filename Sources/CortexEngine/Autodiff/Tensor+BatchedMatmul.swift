/// Batched matrix products, the attention products of spiking transformers.
extension Tensor {
    /// op(self) · op(other) for every matrix of a batch: `[…, m, k] · […, k, n] → […, m, n]`, the
    /// leading axes equal in both (PyTorch's `@` on `[T, B, heads, N, d]` tensors without broadcasting).
    /// `transposeSelf`/`transposeOther` read the stored matrices transposed without copying
    /// (`q @ k.transpose(-2, -1)` is `q.batchedMatmul(k, transposeOther: true)`).
    ///
    /// A left operand with at least half its entries zero (spikes) takes the zero-skipping path: a
    /// row of the result accumulates the rows of op(other) its non-zeros select (additions only for
    /// spikes); the result is that of GEMM up to summation order.
    ///
    /// ```swift
    /// let q = Tensor<Float>(shape: [4, 1, 2, 16, 8], repeating: 1)     // [T, B, heads, N, d]
    /// let attention = q.batchedMatmul(q, transposeOther: true)            // [4, 1, 2, 16, 16]
    /// ```
    /// - Complexity: O(batches · m · k · n) (GEMM); O(batches · nnz-per-batch · n) for a sparse left operand.
    @_specialize(where Scalar == Float)
    public func batchedMatmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        precondition(rank >= 2 && other.rank == rank && shape.dropLast(2) == other.shape.dropLast(2),
                     "Tensor.batchedMatmul: leading axes of \(shape) and \(other.shape) differ")
        let (r0, r1) = (shape[rank - 2], shape[rank - 1])
        let (o0, o1) = (other.shape[rank - 2], other.shape[rank - 1])
        let (m, k) = transposeSelf ? (r1, r0) : (r0, r1)
        let (k2, n) = transposeOther ? (o1, o0) : (o0, o1)
        precondition(k == k2, "Tensor.batchedMatmul: inner extents \(k) and \(k2) differ (\(shape), \(other.shape))")
        let batches = shape.dropLast(2).reduce(1, *)
        let geometry = MatmulGeometry(m: m, k: k, n: n, transposeA: transposeSelf, transposeB: transposeOther)
        return Tensor.record(BatchedMatrixKernels.forward(scalars, other.scalars, geometry, batches: batches),
                             shape: Array(shape.dropLast(2)) + [m, n], inputs: [self, other],
                             .batchedMatmul(lhs: scalars, rhs: other.scalars, geometry, batches: batches))
    }
}
