/// The membrane potential V of a neuron layer between calls — an explicit value: pass the state a
/// call returned to continue the dynamics (and BPTT, when tracked), or a fresh one to reset.
public struct NeuronState<Scalar: TensorScalar> {
    /// V, shaped as one time step of the layer's input (e.g. `[B, C, H, W]`).
    public var membrane: Tensor<Scalar>

    public init(membrane: Tensor<Scalar>) { self.membrane = membrane }

    /// A fresh state at the resting potential of `dynamics` (V_reset, or 0 for soft reset).
    public init(resting shape: [Int], dynamics: NeuronDynamics) {
        membrane = Tensor(shape: shape, repeating: Scalar(dynamics.restingPotential))
    }
}
