import CortexNumerics

/// Values the fused neuron kernel saves for its backward pass (all `[T·N]` except `decay`).
struct NeuronTrace<S: TensorScalar> {
    let dynamics: NeuronDynamics
    let steps: Int
    let size: Int
    /// H_t.
    let charged: [S]
    /// V_{t−1}.
    let previous: [S]
    /// S_t.
    let spikes: [S]
    /// X_t (needed for ∂H/∂(1/τ)).
    let input: [S]
    /// k = 1/τ (1 for IF).
    let decay: S
}
