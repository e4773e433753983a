/// 2-D convolutions (im2col + GEMM) on `[N, C, H, W]`.
extension Tensor {
    /// Cross-correlation as PyTorch's `conv2d` (no bias): weight `[O, C/groups, kH, kW]`.
    /// Depthwise: `groups == C`. `weightCache` keeps the weight's packing for the event-driven
    /// path between calls (``Conv2d`` passes its own).
    @_specialize(where Scalar == Float)
    public func conv2d(weight: Tensor, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
                       dilation: (Int, Int) = (1, 1), groups: Int = 1,
                       weightCache: PackedWeightCache<Scalar>? = nil) -> Tensor {
        precondition(rank == 4 && weight.rank == 4, "Tensor.conv2d: needs [N, C, H, W] and [O, C/g, kH, kW]")
        let geometry = ConvolutionGeometry(batch: shape[0], inChannels: shape[1], height: shape[2], width: shape[3],
                                           outChannels: weight.shape[0], kernel: (weight.shape[2], weight.shape[3]),
                                           stride: stride, padding: padding, dilation: dilation, groups: groups)
        precondition(weight.shape == geometry.weightShape,
                     "Tensor.conv2d: weight \(weight.shape), expected \(geometry.weightShape)")
        let y = ConvolutionKernels.forward(input: scalars, weight: weight.scalars, geometry: geometry, packing: weightCache)
        // The input only serves the weight gradient; spikes (and sums of spikes) are kept as bytes.
        return Tensor.record(y, shape: geometry.outputShape, inputs: [self, weight],
                             .conv2d(input: weight.isTracked ? SavedActivation(compacting: scalars) : .none,
                                     weight: weight.scalars, geometry))
    }

    /// Transposed convolution as PyTorch's `conv_transpose2d` (no bias): weight
    /// `[C_in, C_out/groups, kH, kW]`; output size (H − 1)·s − 2p + d·(k − 1) + outputPadding + 1.
    @_specialize(where Scalar == Float)
    public func convTranspose2d(weight: Tensor, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
                                outputPadding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1),
                                groups: Int = 1) -> Tensor {
        precondition(rank == 4 && weight.rank == 4, "Tensor.convTranspose2d: needs rank-4 input and weight")
        precondition(weight.shape[0] == shape[1], "Tensor.convTranspose2d: weight \(weight.shape) vs input \(shape)")
        precondition(outputPadding.0 < max(stride.0, dilation.0) && outputPadding.1 < max(stride.1, dilation.1),
                     "Tensor.convTranspose2d: output padding must be smaller than stride or dilation")
        let outChannels = weight.shape[1] * groups
        let height = (shape[2] - 1) * stride.0 - 2 * padding.0 + dilation.0 * (weight.shape[2] - 1) + outputPadding.0 + 1
        let width = (shape[3] - 1) * stride.1 - 2 * padding.1 + dilation.1 * (weight.shape[3] - 1) + outputPadding.1 + 1
        // The convolution mapping the output [N, C_out, height, width] back to [N, C_in, H, W].
        let geometry = ConvolutionGeometry(batch: shape[0], inChannels: outChannels, height: height, width: width,
                                           outChannels: shape[1], kernel: (weight.shape[2], weight.shape[3]),
                                           stride: stride, padding: padding, dilation: dilation, groups: groups)
        precondition(geometry.outHeight == shape[2] && geometry.outWidth == shape[3],
                     "Tensor.convTranspose2d: inconsistent geometry")
        let y = ConvolutionKernels.inputGradient(outputGradient: scalars, weight: weight.scalars, geometry: geometry)
        return Tensor.record(y, shape: geometry.inputShape, inputs: [self, weight],
                             .convTranspose2d(input: scalars, weight: weight.scalars, geometry))
    }
}
