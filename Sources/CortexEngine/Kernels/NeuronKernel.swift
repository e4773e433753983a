import CortexNumerics

/// The fused multi-step neuron: forward and BPTT loops over T in one operation, parallel over
/// neurons. The equations are those of ``NeuronDynamics``; with k = 1/τ (k = 1, no leak, for IF):
///
///     ∂H_t/∂X_t = k,  ∂H_t/∂V_{t−1} = 1 − k  (1 for IF),  ∂H_t/∂k = X_t − V_{t−1} + V_leak
///     (without input decay: ∂H_t/∂X_t = 1,  ∂H_t/∂k = V_leak − V_{t−1})
///     dL/dH_t = (dL/dS_t + [¬detach]·dL/dV_t·∂V_t/∂S_t)·σ′(H_t − V_th) + dL/dV_t·∂V_t/∂H_t|_S
///
/// `NeuronReference` computes the same thing from generic primitives; tests compare both.
enum NeuronKernel {
    @_specialize(where S == Float)
    /// Runs the dynamics; with `saveTrace == false` (nothing tracked) H and V_{t−1} are not stored.
    static func forward<S: TensorScalar>(input x: [S], initial v0: [S], steps: Int, dynamics: NeuronDynamics,
                                         decay k: S, saveTrace: Bool = true)
        -> (spikes: [S], final: [S], trace: NeuronTrace<S>?) {
        let n = v0.count
        precondition(x.count == steps * n, "NeuronKernel: input \(x.count) ≠ T·N = \(steps)·\(n)")
        if x.isEmpty || n == 0 {
            return (x, v0, saveTrace ? NeuronTrace(dynamics: dynamics, steps: steps, size: n, charged: x, previous: x,
                                                   spikes: x, input: x, decay: k) : nil)
        }
        var charged = [S](repeating: 0, count: saveTrace ? x.count : 1)
        var previous = [S](repeating: 0, count: saveTrace ? x.count : 1)
        var spikes = [S](repeating: 0, count: x.count)
        var v = v0
        let leaky: Bool = { if case .integrate = dynamics.charge { return false }; return true }()
        let decayInput = dynamics.decayInput
        let threshold = S(dynamics.threshold)
        let leakTarget = S(dynamics.leakTarget)
        let hardValue: S? = { if case .hard(let r) = dynamics.reset { return S(r) }; return nil }()
        x.withUnsafeBufferPointer { px in
            charged.withUnsafeMutableBufferPointer { ph in
                previous.withUnsafeMutableBufferPointer { pp in
                    spikes.withUnsafeMutableBufferPointer { ps in
                        v.withUnsafeMutableBufferPointer { pv in
                            let (xs, hs, vs, ss, state) = (SendableConstPointer(base: px.baseAddress!),
                                SendablePointer(base: ph.baseAddress!), SendablePointer(base: pp.baseAddress!),
                                SendablePointer(base: ps.baseAddress!), SendablePointer(base: pv.baseAddress!))
                            ParallelFor.run(count: n, minimumChunk: 16_384) { range in
                                for t in 0..<steps {
                                    let base = t * n
                                    for i in range {
                                        let vPrev = state.base[i]
                                        let xi = xs.base[base + i]
                                        let h = !leaky ? vPrev + xi
                                            : decayInput ? vPrev + k * (xi - vPrev + leakTarget)
                                            : vPrev + k * (leakTarget - vPrev) + xi
                                        let s: S = h >= threshold ? 1 : 0
                                        if saveTrace {
                                            vs.base[base + i] = vPrev
                                            hs.base[base + i] = h
                                        }
                                        ss.base[base + i] = s
                                        if let r = hardValue {
                                            state.base[i] = s > 0 ? r : h
                                        } else {
                                            state.base[i] = h - threshold * s
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let trace = saveTrace ? NeuronTrace(dynamics: dynamics, steps: steps, size: n, charged: charged,
                                            previous: previous, spikes: spikes, input: x, decay: k) : nil
        return (spikes, v, trace)
    }

    /// Returns (dL/dX `[T·N]`, dL/dV₀ `[N]`, dL/dk).
    @_specialize(where S == Float)
    static func backward<S: TensorScalar>(_ trace: NeuronTrace<S>, spikeGradient: [S],
                                          finalGradient: [S]) -> ([S], [S], S) {
        backward(trace, spikeGradient: spikeGradient, finalGradient: finalGradient,
                 surrogate: trace.dynamics.surrogate)
    }

    /// Specialised on the concrete surrogate (the existential is opened once, not per element).
    @_specialize(where S == Float, G == ATanSurrogate)
    @_specialize(where S == Float, G == SigmoidSurrogate)
    @_specialize(where S == Float, G == RectangularSurrogate)
    private static func backward<S: TensorScalar, G: Surrogate>(_ trace: NeuronTrace<S>, spikeGradient: [S],
                                                                 finalGradient: [S], surrogate: G) -> ([S], [S], S) {
        let (n, steps, k) = (trace.size, trace.steps, trace.decay)
        if n == 0 || steps == 0 { return ([S](repeating: 0, count: steps * n), finalGradient, 0) }
        let dynamics = trace.dynamics
        let leaky: Bool = { if case .integrate = dynamics.charge { return false }; return true }()
        let threshold = S(dynamics.threshold)
        let leakTarget = S(dynamics.leakTarget)
        let hardValue: S? = { if case .hard(let r) = dynamics.reset { return S(r) }; return nil }()
        let detach = dynamics.detachReset
        let decayInput = dynamics.decayInput
        var dx = [S](repeating: 0, count: steps * n)
        var dv = finalGradient
        let chunks = max(1, min(ParallelFor.defaultWorkers, n / 16_384))
        let partials: [S] = dx.withUnsafeMutableBufferPointer { pdx in
            dv.withUnsafeMutableBufferPointer { pdv in
                let (gx, gv) = (SendablePointer(base: pdx.baseAddress!), SendablePointer(base: pdv.baseAddress!))
                return trace.charged.withUnsafeBufferPointer { ph in
                    trace.previous.withUnsafeBufferPointer { pp in
                        trace.spikes.withUnsafeBufferPointer { ps in
                            trace.input.withUnsafeBufferPointer { px in
                                spikeGradient.withUnsafeBufferPointer { pg in
                                    let (hs, vs, ss, xs, gs) = (SendableConstPointer(base: ph.baseAddress!),
                                        SendableConstPointer(base: pp.baseAddress!), SendableConstPointer(base: ps.baseAddress!),
                                        SendableConstPointer(base: px.baseAddress!), SendableConstPointer(base: pg.baseAddress!))
                                    return ParallelFor.map(count: chunks) { chunk in
                                        var dk: S = 0
                                        let range = (chunk * n / chunks)..<((chunk + 1) * n / chunks)
                                        for t in stride(from: steps - 1, through: 0, by: -1) {
                                            let base = t * n
                                            for i in range {
                                                let h = hs.base[base + i]
                                                let s = ss.base[base + i]
                                                let g = gv.base[i]
                                                let sg = S(surrogate.derivative(Double(h - threshold)))
                                                let dVdH: S
                                                let dVdS: S
                                                if let r = hardValue { dVdH = 1 - s; dVdS = r - h } else { dVdH = 1; dVdS = -threshold }
                                                let gS = gs.base[base + i] + (detach ? 0 : g * dVdS)
                                                let gH = gS * sg + g * dVdH
                                                if leaky {
                                                    if decayInput {
                                                        gx.base[base + i] = gH * k
                                                        dk += gH * (xs.base[base + i] - vs.base[base + i] + leakTarget)
                                                    } else {
                                                        gx.base[base + i] = gH
                                                        dk += gH * (leakTarget - vs.base[base + i])
                                                    }
                                                    gv.base[i] = gH * (1 - k)
                                                } else {
                                                    gx.base[base + i] = gH
                                                    gv.base[i] = gH
                                                }
                                            }
                                        }
                                        return dk
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (dx, dv, partials.reduce(0, +))
    }
}
