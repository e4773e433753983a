extension SpikingNeuron {
    /// Runs T steps like `callAsFunction(_:state:)` and also returns the membrane potential after
    /// every step, for monitoring (inference only: nothing is tracked for autodiff).
    ///
    /// The potential of step t is V_t, after fire and reset (SpikingJelly's `v_seq`):
    ///
    ///     V_t = H_t·(1 − S_t) + V_reset·S_t   (hard reset)      V_t = H_t − V_th·S_t   (soft reset)
    ///
    /// so a neuron that fired at t shows V_reset there; V_{T−1} is the returned state's membrane.
    ///
    /// - Returns: spikes `[T, …]`, potentials `[T, …]` and the state after the last step.
    /// - Complexity: O(T·N), one extra `[T, …]` buffer over the plain call.
    public func runRecordingMembrane(_ input: Tensor<Scalar>, state: NeuronState<Scalar>? = nil)
        -> (spikes: Tensor<Scalar>, membrane: Tensor<Scalar>, state: NeuronState<Scalar>) {
        let start = state ?? NeuronState(resting: Array(input.shape.dropFirst()), dynamics: dynamics)
        precondition(input.rank >= 1 && Array(input.shape.dropFirst()) == start.membrane.shape,
                     "SpikingNeuron: input \(input.shape) does not match state \(start.membrane.shape)")
        let steps = input.shape[0]
        let k: Scalar = dynamics.decayFactor(decayParameter: decayParameter)
        let (spikes, final, trace) = NeuronKernel.forward(input: input.scalars, initial: start.membrane.scalars,
                                                          steps: steps, dynamics: dynamics, decay: k, saveTrace: true)
        // The trace keeps V_{t−1} for every t, so V_t is the next step's V_{t−1} (and V_T the final state).
        var membrane = [Scalar](repeating: 0, count: spikes.count)
        let n = final.count
        if let trace, steps > 0 {
            if steps > 1 { membrane[0..<((steps - 1) * n)] = trace.previous[n..<(steps * n)] }
            membrane[((steps - 1) * n)..<(steps * n)] = final[0..<n]
        }
        return (Tensor(shape: input.shape, scalars: spikes), Tensor(shape: input.shape, scalars: membrane),
                NeuronState(membrane: Tensor(shape: start.membrane.shape, scalars: final)))
    }
}
