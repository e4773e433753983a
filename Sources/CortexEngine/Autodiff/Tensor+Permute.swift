/// Axis permutations and repeats: moving between image layouts `[T, B, C, H, W]` and token layouts
/// `[T, B, N, D]` / `[T, B, heads, N, d]`.
extension Tensor {
    /// The elements with axes reordered, output axis i being input axis `axes[i]` (PyTorch's
    /// `permute(*axes).contiguous()`); the gradient is permuted back.
    ///
    /// ```swift
    /// let tokens = x.reshaped([t, b, c, h * w]).permuted([0, 1, 3, 2])   // [T, B, C, H, W] → [T, B, N, C]
    /// ```
    /// - Complexity: O(count), one copy.
    @_specialize(where Scalar == Float)
    public func permuted(_ axes: [Int]) -> Tensor {
        let geometry = PermuteGeometry(inputShape: shape, axes: axes)
        return Tensor.record(PermuteKernels.permute(scalars, geometry), shape: geometry.outputShape, inputs: [self],
                             .permute(geometry))
    }

    /// Axes `a` and `b` swapped (PyTorch's `transpose(a, b).contiguous()`).
    @_specialize(where Scalar == Float)
    public func transposed(_ a: Int, _ b: Int) -> Tensor {
        var axes = Array(0..<rank)
        axes.swapAt(a, b)
        return permuted(axes)
    }

    /// This tensor repeated `count` times along a new axis inserted at `axis` (the gradient sums
    /// over the copies): `[…, …]` → `[…, count, …]`, PyTorch's `unsqueeze(axis).expand(…)` made
    /// contiguous — e.g. SDT's column sum Σ_N K⊗V, `[T, B, h, d]`, spread back over N tokens.
    @_specialize(where Scalar == Float)
    public func repeated(count: Int, alongNewAxis axis: Int) -> Tensor {
        precondition(axis >= 0 && axis <= rank && count >= 1, "Tensor.repeated: axis \(axis) or count \(count) out of range for \(shape)")
        var newShape = shape
        newShape.insert(count, at: axis)
        let geometry = AxisGeometry(shape: newShape, axis: axis)
        return Tensor.record(AxisKernels.repeatAlongAxis(scalars, geometry), shape: newShape, inputs: [self],
                             .repeatAlongAxis(geometry))
    }
}
