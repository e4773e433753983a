/// Batch normalisation over channels, PyTorch's `nn.BatchNorm2d` (also accepts `[N, C]` and
/// `[T, B, C, H, W]`, folded). Parameters `weight` (γ), `bias` (β); buffers `running_mean`,
/// `running_var`, counter `num_batches_tracked`.
///
/// In training, normalises with batch statistics and updates the running ones as PyTorch:
///
///     running_mean ← (1 − m)·running_mean + m·μ_B
///     running_var  ← (1 − m)·running_var  + m·σ²_B·M/(M − 1)     (unbiased, M = N·H·W)
///
/// In inference, normalises with the running statistics.
public struct BatchNorm2d<Scalar: TensorScalar>: Layer {
    public var weight: Tensor<Scalar>
    public var bias: Tensor<Scalar>
    public var runningMean: Tensor<Scalar>
    public var runningVariance: Tensor<Scalar>
    /// Number of training batches seen (PyTorch's `num_batches_tracked`, saved as int64).
    public var batchesTracked: Tensor<Scalar>
    /// m in the update above (PyTorch default 0.1).
    public let momentum: Double
    public let epsilon: Double

    public init(channels: Int, momentum: Double = 0.1, epsilon: Double = 1e-5) {
        weight = Tensor(shape: [channels], repeating: 1)
        bias = Tensor(shape: [channels], repeating: 0)
        runningMean = Tensor(shape: [channels], repeating: 0)
        runningVariance = Tensor(shape: [channels], repeating: 1)
        batchesTracked = Tensor(shape: [], repeating: 0)
        self.momentum = momentum
        self.epsilon = epsilon
    }

    /// Normalises `x`; in `.training` also updates the running statistics.
    public mutating func callAsFunction(_ x: Tensor<Scalar>, mode: ExecutionMode) -> Tensor<Scalar> {
        if x.rank == 5 { return callAsFunction(x.foldingTime(), mode: mode).unfoldingTime(steps: x.shape[0]) }
        switch mode {
        case .inference:
            return x.batchNormalized(scale: weight, shift: bias,
                                     statistics: (runningMean.scalars, runningVariance.scalars),
                                     epsilon: Scalar(epsilon)).output
        case .training:
            let (y, mean, variance) = x.batchNormalized(scale: weight, shift: bias, statistics: nil,
                                                        epsilon: Scalar(epsilon))
            let m = Scalar(momentum)
            let samples = Scalar(x.count / x.shape[1])
            let correction = samples > 1 ? samples / (samples - 1) : 1
            runningMean = Tensor(shape: runningMean.shape,
                                 scalars: zip(runningMean.scalars, mean).map { (1 - m) * $0 + m * $1 })
            runningVariance = Tensor(shape: runningVariance.shape,
                                     scalars: zip(runningVariance.scalars, variance).map { (1 - m) * $0 + m * $1 * correction })
            batchesTracked = Tensor(shape: [], scalars: [batchesTracked.scalars[0] + 1])
            return y
        }
    }

    /// Inference mode as a per-channel affine map y = a·x + b: a = γ/√(σ²_R + ε), b = β − a·μ_R
    /// (the running statistics; the same arithmetic as the inference forward pass).
    public func inferenceAffine() -> (a: [Scalar], b: [Scalar]) {
        let eps = Scalar(epsilon)
        var a = [Scalar](), b = [Scalar]()
        for c in 0..<weight.count {
            let inv = 1 / (runningVariance.scalars[c] + eps).squareRoot()
            let gamma = weight.scalars[c]
            a.append(gamma * inv)
            b.append(bias.scalars[c] - gamma * inv * runningMean.scalars[c])
        }
        return (a, b)
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Scalar>) -> Void) {
        body(prefix + "weight", .parameter, &weight)
        body(prefix + "bias", .parameter, &bias)
        body(prefix + "running_mean", .buffer, &runningMean)
        body(prefix + "running_var", .buffer, &runningVariance)
        body(prefix + "num_batches_tracked", .counter, &batchesTracked)
    }
}
