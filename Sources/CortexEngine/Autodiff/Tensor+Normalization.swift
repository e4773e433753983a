/// Batch normalisation as a primitive with a closed-form backward rule (see `NormalizationKernels`).
extension Tensor {
    /// Normalises `[N, C, …]` per channel (axis 1) and applies γ (`scale`, `[C]`) and β (`shift`).
    ///
    /// - Parameter statistics: `nil` in training (batch mean and biased variance are used and
    ///   returned); the running `(mean, variance)` in inference.
    /// - Returns: the output and the batch mean and *biased* variance used.
    @_specialize(where Scalar == Float)
    public func batchNormalized(scale: Tensor, shift: Tensor, statistics: (mean: [Scalar], variance: [Scalar])?,
                                epsilon: Scalar) -> (output: Tensor, mean: [Scalar], variance: [Scalar]) {
        precondition(rank >= 2, "Tensor.batchNormalized: needs [N, C, …], got \(shape)")
        let (batch, channels) = (shape[0], shape[1])
        let spatial = shape.dropFirst(2).reduce(1, *)
        precondition(scale.shape == [channels] && shift.shape == [channels], "Tensor.batchNormalized: γ/β must be [\(channels)]")
        let f = NormalizationKernels.forward(scalars, batch: batch, channels: channels, spatial: spatial,
                                             scale: scale.scalars, shift: shift.scalars, statistics: statistics,
                                             epsilon: epsilon,
                                             keepNormalized: isTracked || scale.isTracked || shift.isTracked)
        let y = Tensor.record(f.output, shape: shape, inputs: [self, scale, shift],
                              .batchNorm(normalized: f.normalized, inverseStd: f.inverseStd, scale: scale.scalars,
                                         batch: batch, channels: channels, spatial: spatial,
                                         training: statistics == nil))
        return (y, f.mean, f.variance)
    }
}
