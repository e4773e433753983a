/// Pooling on `[N, C, H, W]` (any leading dimensions are treated as planes).
extension Tensor {
    @_specialize(where Scalar == Float)
    private func poolGeometry(_ kernel: (Int, Int), _ stride: (Int, Int)?, _ padding: (Int, Int)) -> PoolGeometry {
        precondition(rank >= 2, "Tensor pooling: needs […, H, W], got \(shape)")
        return PoolGeometry(planes: shape.dropLast(2).reduce(1, *), height: shape[rank - 2], width: shape[rank - 1],
                            kernel: kernel, stride: stride ?? kernel, padding: padding)
    }

    /// Max pooling (stride defaults to the kernel; padding is −∞), as PyTorch's `max_pool2d`.
    @_specialize(where Scalar == Float)
    public func maxPool2d(kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) -> Tensor {
        let g = poolGeometry(kernel, stride, padding)
        let (y, argmax) = PoolingKernels.maxForward(scalars, g, keepArgmax: isTracked)
        return Tensor.record(y, shape: shape.dropLast(2) + [g.outHeight, g.outWidth], inputs: [self],
                             .maxPool(argmax: argmax, inputCount: count))
    }

    /// Average pooling dividing by the whole window (`count_include_pad=True`).
    @_specialize(where Scalar == Float)
    public func avgPool2d(kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) -> Tensor {
        let g = poolGeometry(kernel, stride, padding)
        return Tensor.record(PoolingKernels.average(scalars, g, adjoint: false),
                             shape: shape.dropLast(2) + [g.outHeight, g.outWidth], inputs: [self], .averagePool(g))
    }

    /// Adaptive average pooling to `output` (bins as PyTorch's `adaptive_avg_pool2d`).
    @_specialize(where Scalar == Float)
    public func adaptiveAvgPool2d(output: (Int, Int)) -> Tensor {
        precondition(rank >= 2, "Tensor.adaptiveAvgPool2d: needs […, H, W], got \(shape)")
        let planes = shape.dropLast(2).reduce(1, *)
        let (h, w) = (shape[rank - 2], shape[rank - 1])
        let y = PoolingKernels.adaptiveAverage(scalars, planes: planes, height: h, width: w,
                                               outHeight: output.0, outWidth: output.1, adjoint: false)
        return Tensor.record(y, shape: shape.dropLast(2) + [output.0, output.1], inputs: [self],
                             .adaptiveAveragePool(planes: planes, height: h, width: w,
                                                  outHeight: output.0, outWidth: output.1))
    }
}
