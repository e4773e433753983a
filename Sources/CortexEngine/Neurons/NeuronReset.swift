/// What happens to the membrane after a spike.
public enum NeuronReset: Sendable, Hashable {
    /// V ← V_reset (SpikingJelly `v_reset = value`).
    case hard(Double)
    /// V ← V − V_th: subtract the threshold, keep the residual (SpikingJelly `v_reset=None`).
    case soft
}
