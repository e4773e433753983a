extension SpikingNeuron {
    /// Batch normalisation followed by this neuron layer, on `x` `[T, B, C, H, W]`.
    ///
    /// In `.inference` with nothing tracked, BN is the per-channel affine map
    /// a·x + b (``BatchNorm2d/inferenceAffine()``) and is folded into the fused neuron kernel: one
    /// pass over the activations instead of two, with the same arithmetic as the two calls (the
    /// tests compare them). Otherwise exactly `self(norm(x, mode: mode), state: state)`.
    public func callAsFunction(_ x: Tensor<Scalar>, normalizedBy norm: inout BatchNorm2d<Scalar>, mode: ExecutionMode,
                               state: NeuronState<Scalar>? = nil) -> (spikes: Tensor<Scalar>, state: NeuronState<Scalar>) {
        let untracked = !x.isTracked && !(state?.membrane.isTracked ?? false) && !(decayParameter?.isTracked ?? false)
            && !norm.weight.isTracked && !norm.bias.isTracked        // γ, β would get no gradient through the fold
        guard mode == .inference, untracked, x.rank == 5, x.shape[2] == norm.weight.count else {
            return self(norm(x, mode: mode), state: state)
        }
        return foldedForward(x, affine: norm.inferenceAffine(), spatial: x.shape[3] * x.shape[4], state: state)
    }

    /// The fused neuron kernel on untracked `x` `[T, …]` fed a_c·x + b_c (channel c = flat index
    /// / `spatial` mod C), from `state` or rest: the folded path of the BN + neuron calls.
    func foldedForward(_ x: Tensor<Scalar>, affine: (a: [Scalar], b: [Scalar]), spatial: Int,
                       state: NeuronState<Scalar>?) -> (spikes: Tensor<Scalar>, state: NeuronState<Scalar>) {
        let start = state ?? NeuronState(resting: Array(x.shape.dropFirst()), dynamics: dynamics)
        precondition(Array(x.shape.dropFirst()) == start.membrane.shape,
                     "SpikingNeuron: input \(x.shape) does not match state \(start.membrane.shape)")
        let k: Scalar = dynamics.decayFactor(decayParameter: decayParameter)
        let (spikes, final, _) = NeuronKernel.forward(input: x.scalars, initial: start.membrane.scalars,
                                                      steps: x.shape[0], dynamics: dynamics, decay: k, saveTrace: false,
                                                      inputAffine: (affine.a, affine.b, spatial))
        return (Tensor(shape: x.shape, scalars: spikes),
                NeuronState(membrane: Tensor(shape: start.membrane.shape, scalars: final)))
    }
}
