import CortexNumerics

/// Values the fused neuron kernel saves for its backward pass.
///
/// S_t is not stored: the backward pass recomputes it as Θ(H_t − V_th), exactly as the forward
/// pass decided it. V_{t−1} and X_t are only needed for ∂H/∂(1/τ), so only a learnable decay
/// (PLIF) keeps them.
struct NeuronTrace<S: TensorScalar> {
    let dynamics: NeuronDynamics
    let steps: Int
    let size: Int
    /// H_t, `[T·N]`.
    let charged: [S]
    /// V_{t−1}, `[T·N]` for a learnable decay, else empty.
    let previous: [S]
    /// X_t, `[T·N]` for a learnable decay, else empty.
    let input: [S]
    /// k = 1/τ (1 for IF).
    let decay: S
}
