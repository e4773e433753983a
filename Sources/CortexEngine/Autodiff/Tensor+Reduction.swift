/// Sums, means and explicit broadcasts.
extension Tensor {
    /// Σ of all elements, a rank-0 tensor.
    @_specialize(where Scalar == Float)
    public func sum() -> Tensor {
        var total: Scalar = 0
        scalars.withUnsafeBufferPointer { p in for v in p { total += v } }
        return Tensor.record([total], shape: [], inputs: [self], .sumAll(count: count))
    }

    /// Mean of all elements (composite: sum / count).
    @_specialize(where Scalar == Float)
    public func mean() -> Tensor { sum() * (1 / Scalar(count)) }

    /// Σ along `axis`, removing it: `[…, n, …]` → `[…, …]`.
    @_specialize(where Scalar == Float)
    public func sum(alongAxis axis: Int) -> Tensor {
        let geometry = AxisGeometry(shape: shape, axis: axis)
        var newShape = shape
        newShape.remove(at: axis)
        return Tensor.record(AxisKernels.sumAlongAxis(scalars, geometry), shape: newShape, inputs: [self],
                             .sumAlongAxis(geometry))
    }

    /// Mean along `axis`, removing it (e.g. logits `[T, B, K]` averaged over time).
    @_specialize(where Scalar == Float)
    public func mean(alongAxis axis: Int) -> Tensor { sum(alongAxis: axis) * (1 / Scalar(shape[axis])) }

    /// This vector (`[shape[axis]]`) repeated along every other axis of `shape`, e.g. a per-channel
    /// bias `[C]` broadcast to `[N, C, H, W]` with `axis: 1`.
    @_specialize(where Scalar == Float)
    public func broadcast(along axis: Int, to shape: [Int]) -> Tensor {
        precondition(rank == 1 && shape[axis] == count,
                     "Tensor.broadcast: vector \(self.shape) does not fit axis \(axis) of \(shape)")
        let geometry = AxisGeometry(shape: shape, axis: axis)
        return Tensor.record(AxisKernels.broadcastAxis(scalars, geometry), shape: shape, inputs: [self],
                             .broadcastAxis(geometry))
    }

    /// This one-element tensor repeated to `shape`.
    @_specialize(where Scalar == Float)
    public func expanded(to shape: [Int]) -> Tensor {
        precondition(count == 1, "Tensor.expanded: needs one element, has \(count)")
        let n = shape.reduce(1, *)
        return Tensor.record([Scalar](repeating: scalars[0], count: n), shape: shape, inputs: [self],
                             .broadcastScalar(count: n))
    }
}
