extension SpikingNeuron {
    /// BatchNorm1d over the last axis followed by this neuron layer, on `x` `[T, …, C]` (tokens
    /// `[T, B, N, D]` in the spiking transformers).
    ///
    /// In `.inference` with nothing tracked, BN is the per-channel affine map a·x + b
    /// (``BatchNorm2d/inferenceAffine()`` of ``BatchNorm1d/normalization``), folded into the fused
    /// neuron kernel with a spatial extent of 1 (channel = flat index mod C): one pass over the
    /// activations instead of two, the same arithmetic as the two calls. Otherwise exactly
    /// `self(norm(x, mode: mode), state: state)`.
    public func callAsFunction(_ x: Tensor<Scalar>, normalizedBy norm: inout BatchNorm1d<Scalar>, mode: ExecutionMode,
                               state: NeuronState<Scalar>? = nil) -> (spikes: Tensor<Scalar>, state: NeuronState<Scalar>) {
        let weights = norm.normalization
        let untracked = !x.isTracked && !(state?.membrane.isTracked ?? false) && !(decayParameter?.isTracked ?? false)
            && !weights.weight.isTracked && !weights.bias.isTracked   // γ, β would get no gradient through the fold
        guard mode == .inference, untracked, x.rank >= 2, x.shape.last == norm.channels else {
            return self(norm(x, mode: mode), state: state)
        }
        return foldedForward(x, affine: weights.inferenceAffine(), spatial: 1, state: state)
    }
}
