/// Softmax-based and squared-error losses.
extension Tensor {
    /// Row-wise log-softmax of `[rows, classes]`: x − max − log Σ exp(x − max).
    @_specialize(where Scalar == Float)
    public func logSoftmax() -> Tensor {
        precondition(rank == 2, "Tensor.logSoftmax: needs [rows, classes], got \(shape)")
        let columns = shape[1]
        var y = scalars
        for r in 0..<shape[0] {
            let base = r * columns
            var top = -Scalar.infinity
            for c in 0..<columns { top = Swift.max(top, y[base + c]) }
            var total: Scalar = 0
            for c in 0..<columns { total += Scalar.exponential(y[base + c] - top) }
            let shift = top + Scalar.logarithm(total)
            for c in 0..<columns { y[base + c] -= shift }
        }
        return Tensor.record(y, shape: shape, inputs: [self], .logSoftmax(output: y, columns: columns))
    }

    /// `[rows]` with element r = self[r, indices[r]].
    @_specialize(where Scalar == Float)
    public func pick(_ indices: [Int]) -> Tensor {
        precondition(rank == 2 && indices.count == shape[0], "Tensor.pick: \(indices.count) indices for \(shape)")
        precondition(indices.allSatisfy { $0 >= 0 && $0 < shape[1] }, "Tensor.pick: index out of range")
        let values = indices.enumerated().map { scalars[$0.offset * shape[1] + $0.element] }
        return Tensor.record(values, shape: [shape[0]], inputs: [self], .pick(indices: indices, columns: shape[1]))
    }

    /// Cross-entropy of logits `[batch, classes]` against class labels, mean over the batch
    /// (PyTorch's `cross_entropy`): −(1/B)·Σ_b log softmax(x_b)[y_b].
    @_specialize(where Scalar == Float)
    public func crossEntropy(labels: [Int]) -> Tensor {
        -(logSoftmax().pick(labels).mean())
    }

    /// Mean squared error (1/n)·Σ (self − target)² (PyTorch's `mse_loss`, mean reduction).
    @_specialize(where Scalar == Float)
    public func meanSquaredError(_ target: Tensor) -> Tensor {
        (self - target).squared().mean()
    }
}
