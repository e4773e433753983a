import Testing
@testable import CortexEngine

@Suite("Spiking neurons: golden values, fused kernel vs unfused reference")
struct NeuronTests {
    typealias T = Tensor<Double>

    func constant(_ value: Double, steps: Int) -> T { T(shape: [steps, 1], repeating: value) }

    @Test("LIF(τ = 2, V_th = 1, hard reset 0): input 1.5 spikes 0,1,0,1,…; 0.8 never spikes")
    func lifGolden() {
        let lif = LIFNeuron<Double>(tau: 2, threshold: 1, reset: .hard(0))
        #expect(lif(constant(1.5, steps: 8)).spikes.scalars == [0, 1, 0, 1, 0, 1, 0, 1])
        let (spikes, state) = lif(constant(0.8, steps: 50))
        #expect(spikes.scalars.allSatisfy { $0 == 0 })
        #expect(abs(state.membrane.scalar - 0.8) < 1e-12)   // V → X geometrically
        // the membrane after two steps of 1.5: 0.75, then 1.125 → spike → reset to 0
        #expect(lif(constant(1.5, steps: 1)).state.membrane.scalar == 0.75)
    }

    @Test("IF with input 0.5 spikes every second step; hard reset to V_reset")
    func ifGolden() {
        let neuron = IFNeuron<Double>(threshold: 1, reset: .hard(0))
        #expect(neuron(constant(0.5, steps: 6)).spikes.scalars == [0, 1, 0, 1, 0, 1])
        let shifted = IFNeuron<Double>(threshold: 1, reset: .hard(-0.5))
        let run = shifted(constant(0.5, steps: 4))   // from rest −0.5: 0, 0.5, 1.0 spike → −0.5
        #expect(run.spikes.scalars == [0, 0, 1, 0])
        #expect(run.state.membrane.scalar == 0)
    }

    @Test("soft reset subtracts the threshold and keeps the residual")
    func softReset() {
        let neuron = IFNeuron<Double>(threshold: 1, reset: .soft)
        let first = neuron(constant(0.7, steps: 2))      // 0.7, 1.4 → spike → 0.4
        #expect(first.spikes.scalars == [0, 1])
        #expect(abs(first.state.membrane.scalar - 0.4) < 1e-12)
        let next = neuron(constant(0.7, steps: 1), state: first.state)   // 1.1 → spike → 0.1
        #expect(next.spikes.scalars == [1])
        #expect(abs(next.state.membrane.scalar - 0.1) < 1e-12)
        // Soft-reset LIF leaks towards 0: H = V + (X − V)/τ
        let lif = LIFNeuron<Double>(tau: 2, reset: .soft)
        let l = lif(constant(1.5, steps: 2))   // 0.75; 1.125 → spike → 0.125
        #expect(l.spikes.scalars == [0, 1])
        #expect(abs(l.state.membrane.scalar - 0.125) < 1e-12)
    }

    @Test("state carries across calls: two calls of T/2 equal one call of T")
    func stateCarries() {
        let lif = LIFNeuron<Double>(tau: 3, threshold: 0.6)
        let x = GradientCheck.random([6, 5], seed: 31)
        let whole = lif(x)
        let first = lif(x.slice(along: 0, 0..<3))
        let second = lif(x.slice(along: 0, 3..<6), state: first.state)
        #expect(T.concatenate([first.spikes, second.spikes], along: 0).scalars == whole.spikes.scalars)
        #expect(second.state.membrane.scalars == whole.state.membrane.scalars)
        #expect(whole.spikes.scalars.allSatisfy { $0 == 0 || $0 == 1 })
    }

    static let configurations: [(NeuronCharge, NeuronReset, Bool, any Surrogate, Bool)] = [
        (.leaky(tau: 2), .hard(0), true, ATanSurrogate(alpha: 2), true),
        (.leaky(tau: 2), .hard(0), false, ATanSurrogate(alpha: 2), true),
        (.leaky(tau: 3), .soft, false, SigmoidSurrogate(alpha: 4), true),
        (.leaky(tau: 1.5), .hard(-0.2), false, RectangularSurrogate(width: 1), true),
        (.integrate, .hard(0), false, ATanSurrogate(alpha: 2), true),
        (.integrate, .soft, true, SigmoidSurrogate(alpha: 2), true),
        (.parametricLeaky, .hard(0), false, ATanSurrogate(alpha: 2), true),
        (.parametricLeaky, .soft, true, ATanSurrogate(alpha: 3), true),
        (.leaky(tau: 2), .hard(0), false, ATanSurrogate(alpha: 2), false),
        (.leaky(tau: 2.5), .soft, true, SigmoidSurrogate(alpha: 4), false),
        (.parametricLeaky, .hard(-0.2), false, ATanSurrogate(alpha: 2), false),
    ]

    @Test("fused kernel equals the unfused reference, forward and BPTT gradients", arguments: 0..<configurations.count)
    func fusedMatchesReference(_ index: Int) {
        let (charge, reset, detach, surrogate, decayInput) = Self.configurations[index]
        let dynamics = NeuronDynamics(charge: charge, threshold: 0.5, reset: reset, detachReset: detach,
                                      surrogate: surrogate, decayInput: decayInput)
        let x = GradientCheck.random([5, 2, 3], seed: 32)
        let v0 = GradientCheck.random([2, 3], seed: 33, scale: 0.3)
        let w = T(shape: [], scalars: [0.3])
        let r1 = GradientCheck.random([5, 2, 3], seed: 34)
        let r2 = GradientCheck.random([2, 3], seed: 35)
        let decay: T? = { if case .parametricLeaky = charge { return w }; return nil }()

        func run(fused: Bool) -> (spikes: [Double], membrane: [Double], grads: [[Double]]) {
            let graph = Graph<Double>()
            let (xl, vl, wl) = (graph.leaf(x), graph.leaf(v0), graph.leaf(w))
            let d = decay == nil ? nil : wl
            let out = fused ? xl.spikingNeuron(initial: vl, dynamics: dynamics, decayParameter: d)
                            : NeuronReference.run(xl, initial: vl, dynamics: dynamics, decayParameter: d)
            graph.backward(from: (out.spikes * r1).sum() + (out.membrane * r2).sum())
            let grads = [xl, vl, wl].map { graph.gradient(of: $0)?.scalars ?? [0] }
            return (out.spikes.scalars, out.membrane.scalars, grads)
        }
        let fused = run(fused: true)
        let reference = run(fused: false)
        // the untracked (inference) path stores no trace but computes the same values
        let untracked = x.spikingNeuron(initial: v0, dynamics: dynamics, decayParameter: decay)
        #expect(untracked.spikes.scalars == fused.spikes && untracked.membrane.scalars == fused.membrane)
        #expect(untracked.spikes.graph == nil)
        #expect(fused.spikes == reference.spikes)
        #expect(fused.spikes.contains(1) && fused.spikes.contains(0))
        #expect(zip(fused.membrane, reference.membrane).allSatisfy { abs($0 - $1) < 1e-12 })
        for (a, b) in zip(fused.grads, reference.grads) {
            #expect(a.count == b.count)
            #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-10 }, "\(a) vs \(b)")
        }
        #expect(fused.grads[0].contains { $0 != 0 })
    }

    @Test("BPTT crosses calls when the returned state is passed on")
    func gradientAcrossCalls() {
        let lif = LIFNeuron<Double>(tau: 2, threshold: 0.5)
        let x = GradientCheck.random([4, 3], seed: 36)
        let graph = Graph<Double>()
        let xl = graph.leaf(x)
        let first = lif(xl.slice(along: 0, 0..<2))
        let second = lif(xl.slice(along: 0, 2..<4), state: first.state)
        graph.backward(from: (second.state.membrane * 1.0).sum() + second.spikes.sum())
        let split = graph.gradient(of: xl)!.scalars
        let graph2 = Graph<Double>()
        let xl2 = graph2.leaf(x)
        let whole = lif(xl2)
        graph2.backward(from: whole.state.membrane.sum() + whole.spikes.slice(along: 0, 2..<4).sum())
        #expect(zip(split, graph2.gradient(of: xl2)!.scalars).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(split[0] != 0)
    }

    @Test("PLIF starts at τ₀ and its w receives a gradient")
    func plif() {
        var plif = PLIFNeuron<Double>(initialTau: 2)
        #expect(abs(plif.tau - 2) < 1e-12)
        let graph = Graph<Double>()
        plif.track(in: graph)
        let out = plif(GradientCheck.random([4, 6], seed: 37))
        graph.backward(from: out.spikes.sum() + out.state.membrane.sum())
        #expect(plif.gradients(in: graph)["w"] != nil)
    }

    @Test("BN folded into the neuron kernel (inference) equals BN then the neuron, bit for bit; training is the composition")
    func batchNormFolded() {
        func check<S: TensorScalar>(_ type: S.Type) {
            let x = Tensor<S>(shape: [3, 2, 4, 3, 2], scalars: GradientCheck.random([3, 2, 4, 3, 2], seed: 38).scalars.map { S($0) })
            var norm = BatchNorm2d<S>(channels: 4)
            norm.weight = Tensor(shape: [4], scalars: [0.5, 1.5, -0.7, 2].map { S($0) })
            norm.bias = Tensor(shape: [4], scalars: [0.2, -0.1, 0.9, 0.4].map { S($0) })
            norm.runningMean = Tensor(shape: [4], scalars: [0.1, -0.3, 0.2, 0].map { S($0) })
            norm.runningVariance = Tensor(shape: [4], scalars: [0.8, 1.3, 0.5, 2].map { S($0) })
            let lif = LIFNeuron<S>(tau: 2, threshold: 0.6, reset: .hard(0))
            let state = NeuronState<S>(membrane: Tensor(shape: [2, 4, 3, 2],
                                                        scalars: GradientCheck.random([2, 4, 3, 2], seed: 39, scale: 0.2).scalars.map { S($0) }))
            var copy = norm
            let fused = lif(x, normalizedBy: &norm, mode: .inference, state: state)
            let composed = lif(copy(x, mode: .inference), state: state)
            #expect(fused.spikes.scalars == composed.spikes.scalars)
            #expect(fused.state.membrane.scalars == composed.state.membrane.scalars)
            #expect(fused.spikes.scalars.contains(1) && fused.spikes.scalars.contains(0))
            var trainingCopy = norm
            let trained = lif(x, normalizedBy: &norm, mode: .training)
            #expect(trained.spikes.scalars == lif(trainingCopy(x, mode: .training)).spikes.scalars)
            #expect(norm.runningMean.scalars == trainingCopy.runningMean.scalars)
        }
        check(Float.self)
        check(Double.self)
    }
}
