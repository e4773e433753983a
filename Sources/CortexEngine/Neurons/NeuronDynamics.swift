/// The dynamics of a spiking neuron layer, split as SpikingJelly does into charge, fire and reset.
/// Per time step t, with V the membrane potential:
///
///     charge:  H_t = V_{t−1} + X_t                                   (.integrate, IF)
///              H_t = V_{t−1} + (X_t − (V_{t−1} − V_reset))/τ          (.leaky, LIF decay-input)
///              H_t = V_{t−1} − (V_{t−1} − V_reset)/τ + X_t            (.leaky, `decayInput == false`)
///     fire:    S_t = Θ(H_t − V_th)              backward: ∂S/∂H = σ′(H_t − V_th)  (surrogate)
///     reset:   V_t = H_t·(1 − S_t) + V_reset·S_t                     (.hard(V_reset))
///              V_t = H_t − V_th·S_t                                  (.soft)
///
/// With `detachReset` the S_t inside the reset is treated as a constant in the backward pass (the
/// reference study's choice). For soft reset the leak pulls towards 0.
///
/// ```swift
/// let lif = NeuronDynamics(charge: .leaky(tau: 2), threshold: 1, reset: .hard(0),
///                          detachReset: true, surrogate: ATanSurrogate(alpha: 2))
/// ```
public struct NeuronDynamics: Sendable {
    public var charge: NeuronCharge
    /// V_th.
    public var threshold: Double
    public var reset: NeuronReset
    /// Treat S_t in the reset as a constant in the backward pass.
    public var detachReset: Bool
    /// σ used for ∂S/∂H.
    public var surrogate: any Surrogate
    /// For leaky charges: whether the input is scaled by 1/τ too (SpikingJelly `decay_input`,
    /// default true, the reference study's form); ignored by `.integrate`.
    public var decayInput: Bool

    public init(charge: NeuronCharge, threshold: Double = 1, reset: NeuronReset = .hard(0),
                detachReset: Bool = false, surrogate: any Surrogate = ATanSurrogate(), decayInput: Bool = true) {
        self.charge = charge
        self.threshold = threshold
        self.reset = reset
        self.detachReset = detachReset
        self.surrogate = surrogate
        self.decayInput = decayInput
    }

    /// The potential a fresh neuron starts from: V_reset for hard reset, 0 for soft.
    public var restingPotential: Double {
        if case .hard(let v) = reset { return v }
        return 0
    }

    /// The leak target inside the charge equation (V_reset, or 0 for soft reset).
    var leakTarget: Double { restingPotential }
}
