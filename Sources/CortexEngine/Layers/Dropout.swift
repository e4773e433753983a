import CortexNumerics

/// Inverted dropout, PyTorch's `nn.Dropout`: in training each element is kept with probability
/// 1 − p and scaled by 1/(1 − p); in inference the input passes unchanged. The RNG is an argument.
public struct Dropout: Sendable {
    /// Drop probability p ∈ [0, 1).
    public let probability: Double

    public init(probability: Double) {
        precondition(probability >= 0 && probability < 1, "Dropout: probability must be in [0, 1)")
        self.probability = probability
    }

    public func callAsFunction<S: TensorScalar>(_ x: Tensor<S>, mode: ExecutionMode,
                                                rng: inout SplittableRandom) -> Tensor<S> {
        guard mode == .training, probability > 0 else { return x }
        let keep = S(1 / (1 - probability))
        let mask = Tensor<S>(shape: x.shape, generating: { _ in rng.uniformDouble() < probability ? 0 : keep })
        return x * mask
    }
}
