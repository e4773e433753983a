import CKernels
import CortexNumerics

/// The fused multi-step neuron: forward and BPTT loops over T in one operation, parallel over
/// neurons. The equations are those of ``NeuronDynamics``; with k = 1/τ (k = 1, no leak, for IF):
///
///     ∂H_t/∂X_t = k,  ∂H_t/∂V_{t−1} = 1 − k  (1 for IF),  ∂H_t/∂k = X_t − V_{t−1} + V_leak
///     (without input decay: ∂H_t/∂X_t = 1,  ∂H_t/∂k = V_leak − V_{t−1})
///     dL/dH_t = (dL/dS_t + [¬detach]·dL/dV_t·∂V_t/∂S_t)·σ′(H_t − V_th) + dL/dV_t·∂V_t/∂H_t|_S
///
/// The per-element loops are branch-free (reset and leak are selected by constants), so they
/// vectorise. `NeuronReference` computes the same thing from generic primitives; tests compare both.
enum NeuronKernel {
    /// Neurons per parallel chunk (each chunk runs all T steps of its neurons).
    static let chunk = 16_384

    /// Runs the dynamics; with `saveTrace == false` (nothing tracked) no trace is kept.
    /// `saveInputs` also keeps X_t and V_{t−1} in the trace (needed only for a learnable decay).
    @_specialize(where S == Float)
    ///
    /// `inputAffine` (inference only, no trace) feeds the neurons a_c·X + b_c instead of X, c the
    /// channel of each element (rows of `spatial` elements cycle through `a.count` channels): a batch
    /// normalisation in inference mode folded into the kernel, saving a pass over the activations.
    static func forward<S: TensorScalar>(input x: [S], initial v0: [S], steps: Int, dynamics: NeuronDynamics,
                                         decay k: S, saveTrace: Bool = true, saveInputs: Bool = false,
                                         inputAffine: (a: [S], b: [S], spatial: Int)? = nil, cKernels: Bool = true)
        -> (spikes: [S], final: [S], trace: NeuronTrace<S>?) {
        let native = CKernelBridge.applies(S.self, cKernels)
        let n = v0.count
        precondition(x.count == steps * n, "NeuronKernel: input \(x.count) ≠ T·N = \(steps)·\(n)")
        precondition(inputAffine == nil || !saveTrace, "NeuronKernel: an input affine is for inference only")
        let keepInputs = saveTrace && saveInputs
        if x.isEmpty || n == 0 {
            return (x, v0, saveTrace ? NeuronTrace(dynamics: dynamics, steps: steps, size: n, charged: x,
                                                   previous: keepInputs ? x : [], input: keepInputs ? x : [],
                                                   decay: k) : nil)
        }
        let leaky: Bool = { if case .integrate = dynamics.charge { return false }; return true }()
        // H = V + k·(X − V + V_leak) = (1 − k)·V + k·X + k·V_leak; without input decay
        // H = V + k·(V_leak − V) + X = (1 − k)·V + X + k·V_leak; IF: H = V + X.
        let inputScale: S = dynamics.decayInput ? k : 1
        let (a, b, c): (S, S, S) = leaky ? (1 - k, inputScale, k * S(dynamics.leakTarget)) : (1, 1, 0)
        let threshold = S(dynamics.threshold)
        // V_t = H − S·(hard·(H − V_reset) + (1 − hard)·V_th), hard ∈ {0, 1}.
        let (hard, resetValue): (S, S) = { if case .hard(let r) = dynamics.reset { return (1, S(r)) }; return (0, 0) }()
        let count = x.count
        var charged = saveTrace ? [S](unsafeUninitializedCapacity: count) { _, c in c = count } : []
        var previous = keepInputs ? [S](unsafeUninitializedCapacity: count) { _, c in c = count } : []
        var spikes = [S](unsafeUninitializedCapacity: count) { _, c in c = count }
        var v = v0
        let affineA = inputAffine?.a ?? [], affineB = inputAffine?.b ?? []
        x.withUnsafeBufferPointer { px in
          affineA.withUnsafeBufferPointer { pa in
            affineB.withUnsafeBufferPointer { pb in
            charged.withUnsafeMutableBufferPointer { ph in
                previous.withUnsafeMutableBufferPointer { pp in
                    spikes.withUnsafeMutableBufferPointer { ps in
                        v.withUnsafeMutableBufferPointer { pv in
                            let xs = SendableConstPointer(base: px.baseAddress!)
                            let hs = saveTrace ? SendablePointer(base: ph.baseAddress!) : nil
                            let vs = keepInputs ? SendablePointer(base: pp.baseAddress!) : nil
                            let (ss, state) = (SendablePointer(base: ps.baseAddress!), SendablePointer(base: pv.baseAddress!))
                            let affine = inputAffine.map {
                                (a: SendableConstPointer(base: pa.baseAddress!), b: SendableConstPointer(base: pb.baseAddress!),
                                 spatial: $0.spatial, channels: $0.a.count)
                            }
                            ParallelFor.run(count: n, minimumChunk: chunk) { range in
                                let (lo, hi) = (range.lowerBound, range.upperBound)
                                let vt = state.base
                                if native && vs == nil && affine == nil {
                                    ck_neuron_forward_f32(CKernelBridge.float(xs.base), CKernelBridge.float(vt),
                                                          hs.map { CKernelBridge.float($0.base) }, CKernelBridge.float(ss.base),
                                                          n, lo, hi, steps, CKernelBridge.float(a), CKernelBridge.float(b),
                                                          CKernelBridge.float(c), CKernelBridge.float(threshold),
                                                          CKernelBridge.float(hard), CKernelBridge.float(resetValue))
                                    return
                                }
                                if native, let affine, hs == nil, vs == nil {
                                    ck_neuron_forward_affine_f32(CKernelBridge.float(xs.base), CKernelBridge.float(vt),
                                                                 CKernelBridge.float(ss.base), n, lo, hi, steps,
                                                                 CKernelBridge.float(a), CKernelBridge.float(b),
                                                                 CKernelBridge.float(c), CKernelBridge.float(threshold),
                                                                 CKernelBridge.float(hard), CKernelBridge.float(resetValue),
                                                                 CKernelBridge.float(affine.a.base), CKernelBridge.float(affine.b.base),
                                                                 affine.spatial, affine.channels)
                                    return
                                }
                                for t in 0..<steps {
                                    let base = t * n
                                    let xt = xs.base + base, st = ss.base + base
                                    if let vs { (vs.base + base + lo).update(from: vt + lo, count: hi - lo) }
                                    if let hs {
                                        let ht = hs.base + base
                                        for i in lo..<hi {
                                            let h = a * vt[i] + b * xt[i] + c
                                            let s: S = h >= threshold ? 1 : 0
                                            ht[i] = h
                                            st[i] = s
                                            vt[i] = h - s * (hard * (h - resetValue) + (1 - hard) * threshold)
                                        }
                                    } else if let affine {
                                        // Rows of `spatial` elements share a channel: no division per element.
                                        var i = lo
                                        while i < hi {
                                            let row = i / affine.spatial
                                            let channel = row % affine.channels
                                            let (sa, sb) = (affine.a.base[channel], affine.b.base[channel])
                                            let end = min(hi, (row + 1) * affine.spatial)
                                            for j in i..<end {
                                                let h = a * vt[j] + b * (sa * xt[j] + sb) + c
                                                let s: S = h >= threshold ? 1 : 0
                                                st[j] = s
                                                vt[j] = h - s * (hard * (h - resetValue) + (1 - hard) * threshold)
                                            }
                                            i = end
                                        }
                                    } else {
                                        for i in lo..<hi {
                                            let h = a * vt[i] + b * xt[i] + c
                                            let s: S = h >= threshold ? 1 : 0
                                            st[i] = s
                                            vt[i] = h - s * (hard * (h - resetValue) + (1 - hard) * threshold)
                                        }
                                    }
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
                                            previous: previous, input: keepInputs ? x : [], decay: k) : nil
        return (spikes, v, trace)
    }

    /// Gradients from the gradient of the joint output (S_1…S_T, then V_T: `[(T + 1)·N]`).
    /// Returns (dL/dX `[T·N]`, dL/dV₀ `[N]`, dL/dk; 0 unless the trace kept its inputs).
    @_specialize(where S == Float)
    static func backward<S: TensorScalar>(_ trace: NeuronTrace<S>, jointGradient: [S], cKernels: Bool = true) -> ([S], [S], S) {
        backward(trace, jointGradient: jointGradient, surrogate: trace.dynamics.surrogate, cKernels: cKernels)
    }

    /// Specialised on the concrete surrogate (the existential is opened once, not per element).
    @_specialize(where S == Float, G == ATanSurrogate)
    @_specialize(where S == Float, G == SigmoidSurrogate)
    @_specialize(where S == Float, G == RectangularSurrogate)
    private static func backward<S: TensorScalar, G: Surrogate>(_ trace: NeuronTrace<S>, jointGradient: [S],
                                                                 surrogate: G, cKernels: Bool) -> ([S], [S], S) {
        let (n, steps, k) = (trace.size, trace.steps, trace.decay)
        precondition(jointGradient.count == (steps + 1) * n, "NeuronKernel.backward: gradient size")
        let finalGradient = Array(jointGradient[(steps * n)...])
        if n == 0 || steps == 0 { return ([S](repeating: 0, count: steps * n), finalGradient, 0) }
        let dynamics = trace.dynamics
        let leaky: Bool = { if case .integrate = dynamics.charge { return false }; return true }()
        let (kx, kv): (S, S) = leaky ? (dynamics.decayInput ? k : 1, 1 - k) : (1, 1)   // ∂H/∂X, ∂H/∂V_{t−1}
        let xInK: S = dynamics.decayInput ? 1 : 0                   // ∂H/∂k = xInK·X − V + V_leak
        let threshold = S(dynamics.threshold)
        let leakTarget = S(dynamics.leakTarget)
        let (hard, resetValue): (S, S) = { if case .hard(let r) = dynamics.reset { return (1, S(r)) }; return (0, 0) }()
        let through: S = dynamics.detachReset ? 0 : 1                // whether ∂V/∂S reaches dL/dS
        let learnsDecay = !trace.input.isEmpty && leaky
        let count = steps * n
        /// dL/dH_t from H_t, dL/dS_t and dL/dV_t.
        @Sendable @inline(__always) func gradientOfCharge(_ h: S, _ gS: S, _ gV: S) -> S {
            let s: S = h >= threshold ? 1 : 0
            let sg = surrogate.derivative(scalar: h - threshold)
            // ∂V/∂H|_S and ∂V/∂S, for hard (V_reset − H) or soft (−V_th) reset.
            let dVdH = 1 - hard * s
            let dVdS = hard * (resetValue - h) - (1 - hard) * threshold
            return (gS + through * gV * dVdS) * sg + gV * dVdH
        }
        // The C loop for the ATan surrogate: σ′(u) = sa / (1 + (su·u)²), constants rounded as in
        // ATanSurrogate.derivative(scalar:).
        let atan: (su: Float, sa: Float)? = CKernelBridge.applies(S.self, cKernels)
            ? (surrogate as? ATanSurrogate).map { (Float(Double.pi * $0.alpha / 2), Float($0.alpha / 2)) } : nil
        // The C loop for the sigmoid surrogate, σ computed in Float (a vectorised e^x).
        let sigmoidAlpha: Float? = CKernelBridge.applies(S.self, cKernels)
            ? (surrogate as? SigmoidSurrogate).map { Float($0.alpha) } : nil
        var dx = [S](unsafeUninitializedCapacity: count) { _, c in c = count }
        var dv = finalGradient
        let chunks = max(1, min(ParallelFor.defaultWorkers, n / chunk))
        let partials: [S] = dx.withUnsafeMutableBufferPointer { pdx in
            dv.withUnsafeMutableBufferPointer { pdv in
                let (gx, gv) = (SendablePointer(base: pdx.baseAddress!), SendablePointer(base: pdv.baseAddress!))
                return trace.charged.withUnsafeBufferPointer { ph in
                    trace.previous.withUnsafeBufferPointer { pp in
                        trace.input.withUnsafeBufferPointer { px in
                            jointGradient.withUnsafeBufferPointer { pg in
                                let (hs, gs) = (SendableConstPointer(base: ph.baseAddress!), SendableConstPointer(base: pg.baseAddress!))
                                let vs = learnsDecay ? SendableConstPointer(base: pp.baseAddress!) : nil
                                let xs = learnsDecay ? SendableConstPointer(base: px.baseAddress!) : nil
                                return ParallelFor.map(count: chunks) { chunkIndex in
                                    var dk: S = 0
                                    let lo = chunkIndex * n / chunks, hi = (chunkIndex + 1) * n / chunks
                                    let g = gv.base
                                    if let atan, xs == nil {
                                        ck_neuron_backward_atan_f32(CKernelBridge.float(hs.base), CKernelBridge.float(gs.base),
                                                                    CKernelBridge.float(gx.base), CKernelBridge.float(g), n, lo, hi, steps,
                                                                    CKernelBridge.float(threshold), CKernelBridge.float(hard),
                                                                    CKernelBridge.float(resetValue), CKernelBridge.float(through),
                                                                    CKernelBridge.float(kx), CKernelBridge.float(kv), atan.su, atan.sa)
                                        return dk
                                    }
                                    if let sigmoidAlpha, xs == nil {
                                        ck_neuron_backward_sigmoid_f32(CKernelBridge.float(hs.base), CKernelBridge.float(gs.base),
                                                                       CKernelBridge.float(gx.base), CKernelBridge.float(g), n, lo, hi, steps,
                                                                       CKernelBridge.float(threshold), CKernelBridge.float(hard),
                                                                       CKernelBridge.float(resetValue), CKernelBridge.float(through),
                                                                       CKernelBridge.float(kx), CKernelBridge.float(kv), sigmoidAlpha)
                                        return dk
                                    }
                                    for t in stride(from: steps - 1, through: 0, by: -1) {
                                        let base = t * n
                                        let ht = hs.base + base, gst = gs.base + base, gxt = gx.base + base
                                        if let xs, let vs {
                                            let xt = xs.base + base, vt = vs.base + base
                                            for i in lo..<hi {
                                                let gH = gradientOfCharge(ht[i], gst[i], g[i])
                                                dk += gH * (xInK * xt[i] - vt[i] + leakTarget)
                                                gxt[i] = gH * kx
                                                g[i] = gH * kv
                                            }
                                        } else {
                                            for i in lo..<hi {
                                                let gH = gradientOfCharge(ht[i], gst[i], g[i])
                                                gxt[i] = gH * kx
                                                g[i] = gH * kv
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
        return (dx, dv, partials.reduce(0, +))
    }
}
