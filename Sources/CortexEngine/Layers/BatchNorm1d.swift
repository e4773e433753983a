/// Batch normalisation of token features, PyTorch's `nn.BatchNorm1d` as Spikformer applies it
/// (`bn(x.transpose(-1, -2)).transpose(-1, -2)` on `[T·B, N, C]`): each of the C channels of the
/// last axis is normalised over every other position (time, batch and tokens).
///
/// Normalising `[T·B, C, N]` over (T·B, N) per channel is normalising the rows of `[T·B·N, C]`,
/// so the layer takes `[…, C]` as it comes, with no transposes: the statistics, the running
/// updates (unbiased variance over M = T·B·N samples) and the state-dict names (`weight`, `bias`,
/// `running_mean`, `running_var`, `num_batches_tracked`) are those of ``BatchNorm2d``.
///
/// ```swift
/// var bn = BatchNorm1d<Float>(channels: 64)
/// let y = bn(tokens, mode: .inference)      // [T, B, N, 64] → [T, B, N, 64]
/// ```
public struct BatchNorm1d<Scalar: TensorScalar>: Layer {
    /// The per-channel normalisation of the rows `[M, C]`.
    public var normalization: BatchNorm2d<Scalar>

    public init(channels: Int, momentum: Double = 0.1, epsilon: Double = 1e-5) {
        normalization = BatchNorm2d(channels: channels, momentum: momentum, epsilon: epsilon)
    }

    /// Channels (the last axis of the input).
    public var channels: Int { normalization.weight.count }

    /// Normalises `x` `[…, C]` per channel; in `.training` also updates the running statistics.
    public mutating func callAsFunction(_ x: Tensor<Scalar>, mode: ExecutionMode) -> Tensor<Scalar> {
        precondition(x.rank >= 2 && x.shape.last == channels, "BatchNorm1d: input \(x.shape) does not end in \(channels) channels")
        return normalization(x.reshaped([-1, channels]), mode: mode).reshaped(x.shape)
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Scalar>) -> Void) {
        normalization.visitTensors(prefix: prefix, body)
    }
}
