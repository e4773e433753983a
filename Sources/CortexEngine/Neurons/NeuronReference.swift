/// The unfused reference for ``Tensor/spikingNeuron(initial:dynamics:decayParameter:)``: the same
/// charge / fire / reset equations (``NeuronDynamics``) written step by step with generic
/// primitives, so its gradients come from the autodiff table. Slow; tests compare the fused
/// kernel against it.
public enum NeuronReference {
    /// Spikes `[T, …]` and V_T, as the fused kernel.
    public static func run<Scalar: TensorScalar>(_ input: Tensor<Scalar>, initial: Tensor<Scalar>,
                                                 dynamics: NeuronDynamics,
                                                 decayParameter: Tensor<Scalar>? = nil)
        -> (spikes: Tensor<Scalar>, membrane: Tensor<Scalar>) {
        var v = initial
        var spikes: [Tensor<Scalar>] = []
        let threshold = Scalar(dynamics.threshold)
        let leakTarget = Scalar(dynamics.leakTarget)
        for t in 0..<input.shape[0] {
            let x = input.step(t)
            // charge
            let h: Tensor<Scalar>
            switch dynamics.charge {
            case .integrate:
                h = v + x
            case .leaky(let tau):
                h = dynamics.decayInput ? v + (x - (v - leakTarget)) * Scalar(1 / tau)
                                        : v - (v - leakTarget) * Scalar(1 / tau) + x
            case .parametricLeaky:
                let k = decayParameter!.sigmoid().expanded(to: v.shape)
                h = dynamics.decayInput ? v + (x - (v - leakTarget)) * k : v - (v - leakTarget) * k + x
            }
            // fire
            let s = (h - threshold).heaviside(surrogate: dynamics.surrogate)
            // reset
            let sr = dynamics.detachReset ? s.detached() : s
            switch dynamics.reset {
            case .hard(let r):
                v = h * (-sr + 1) + sr * Scalar(r)
            case .soft:
                v = h - sr * threshold
            }
            spikes.append(s)
        }
        return (Tensor.stack(spikes), v)
    }
}
