/// How input is integrated into the membrane (the *charge* step), per time step.
public enum NeuronCharge: Sendable, Hashable {
    /// Integrate-and-fire: H = V + X.
    case integrate
    /// Leaky, decay-input form with time constant τ (in time steps):
    /// H = V + (X − (V − V_reset))/τ, with V_reset = 0 for soft reset (SpikingJelly `decay_input=True`);
    /// with ``NeuronDynamics/decayInput`` false, H = V − (V − V_reset)/τ + X.
    case leaky(tau: Double)
    /// Leaky with a learned 1/τ = sigmoid(w), w passed to the kernel as a one-element tensor (PLIF).
    case parametricLeaky
}
