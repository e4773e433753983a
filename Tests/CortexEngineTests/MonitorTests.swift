import CortexNumerics
import Testing
@testable import CortexEngine

@Suite("Monitors: membrane recording, firing rates, synaptic operations")
struct MonitorTests {
    /// Random spike counts in {0, 1} (or {0, 1, 2} with `counts`), deterministic.
    static func spikes(_ shape: [Int], density: Double, seed: UInt64, counts: Bool = false) -> Tensor<Float> {
        var rng = SplittableRandom(seed: seed)
        return Tensor(shape: shape, generating: { _ in
            let u = Double(rng.next() >> 11) / Double(1 << 53)
            return u < density ? (counts && u < density / 3 ? 2 : 1) : 0
        })
    }

    /// The reference count: with all-ones weights a convolution sums, over every output element, the
    /// inputs it reads, so Σ of its output = Σ over inputs of value × fan-out (the im2col + GEMM path,
    /// independent of ``SynapticLayer``'s fan-out tables).
    static func onesConvolutionSum(_ x: Tensor<Float>, layer: SynapticLayer) -> Double {
        switch layer.connectivity {
        case .convolution(let w):
            let weight = Tensor<Float>(shape: [layer.outChannels, layer.inChannels / w.groups, w.kernel[0], w.kernel[1]], repeating: 1)
            let y = x.conv2d(weight: weight, stride: (w.stride[0], w.stride[1]), padding: (w.padding[0], w.padding[1]),
                             dilation: (w.dilation[0], w.dilation[1]), groups: w.groups)
            return y.scalars.reduce(0) { $0 + Double($1) }
        case .transposedConvolution(let w):
            let weight = Tensor<Float>(shape: [layer.inChannels, layer.outChannels / w.groups, w.kernel[0], w.kernel[1]], repeating: 1)
            let y = x.convTranspose2d(weight: weight, stride: (w.stride[0], w.stride[1]), padding: (w.padding[0], w.padding[1]),
                                      outputPadding: (w.outputPadding[0], w.outputPadding[1]),
                                      dilation: (w.dilation[0], w.dilation[1]), groups: w.groups)
            return y.scalars.reduce(0) { $0 + Double($1) }
        case .fullyConnected:
            return x.scalars.reduce(0) { $0 + Double($1) } * Double(layer.outChannels)
        case .activationProduct:
            return x.scalars.reduce(0) { $0 + Double($1) }     // the counted non-zero terms
        }
    }

    @Test("LIF membrane after each step: 1.5 constant gives V = 0.75, 0 (fired, reset), 0.75, 0, …")
    func membraneGolden() {
        let lif = LIFNeuron<Float>(tau: 2, threshold: 1, reset: .hard(0))
        let run = lif.runRecordingMembrane(Tensor(shape: [6, 1], repeating: 1.5))
        #expect(run.spikes.scalars == [0, 1, 0, 1, 0, 1])
        #expect(run.membrane.scalars == [0.75, 0, 0.75, 0, 0.75, 0])
        let soft = IFNeuron<Float>(threshold: 1, reset: .soft).runRecordingMembrane(Tensor(shape: [3, 1], repeating: 0.75))
        #expect(soft.membrane.scalars == [0.75, 0.5, 0.25])   // 0.75; 1.5 → spike → 0.5; 1.25 → spike → 0.25
    }

    @Test("recorded membrane equals the state after each single-step call; spikes and final state equal the plain run")
    func membraneMatchesStepping() {
        var rng = SplittableRandom(seed: 3)
        let x = Tensor<Float>(shape: [7, 2, 5], generating: { _ in Float(2 * rng.standardNormal()) })
        let lif = LIFNeuron<Float>(tau: 2, threshold: 1, reset: .hard(0))
        let run = lif.runRecordingMembrane(x)
        let plain = lif(x)
        #expect(run.spikes.scalars == plain.spikes.scalars)
        #expect(run.state.membrane.scalars == plain.state.membrane.scalars)
        var state: NeuronState<Float>? = nil
        for t in 0..<7 {
            let one = lif(x.slice(along: 0, t..<(t + 1)), state: state)
            state = one.state
            #expect(run.membrane.step(t).scalars == one.state.membrane.scalars, "step \(t)")
        }
    }

    @Test("1×1 convolution: SOPs = C_out × (input spikes); dense MACs = C_out·C_in·H·W per sample")
    func pointwiseClosedForm() {
        var rng = SplittableRandom(seed: 1)
        var conv = Conv2d<Float>(inChannels: 3, outChannels: 5, kernel: (1, 1), bias: false, rng: &rng)
        conv.weight = Tensor(shape: conv.weight.shape, repeating: 0.5)
        let layer = conv.synapticLayer(input: .spikes)
        let x = Self.spikes([2, 3, 4, 6], density: 0.3, seed: 2)
        let count = Double(x.scalars.reduce(0, +))
        #expect(count > 0)
        #expect(layer.synapticOperations(x) == 5 * count)
        #expect(layer.denseMACs(inputShape: x.shape) == 2 * 5 * 3 * 4 * 6)
        // all ones: every MAC becomes an accumulate
        let ones = Tensor<Float>(shape: [2, 3, 4, 6], repeating: 1)
        #expect(layer.synapticOperations(ones) == layer.denseMACs(inputShape: ones.shape))
    }

    @Test("3×3 convolution, padding 1: one spike reaches C_out·9 outputs inside, C_out·4 in a corner, C_out·6 on an edge")
    func borderFanOut() {
        let layer = SynapticLayer(connectivity: .convolution(.init(kernel: (3, 3), stride: (1, 1), padding: (1, 1))),
                                  inChannels: 1, outChannels: 2, input: .spikes)
        func one(_ y: Int, _ x: Int) -> Tensor<Float> {
            Tensor(shape: [1, 1, 5, 5], generating: { $0 == y * 5 + x ? 1 : 0 })
        }
        #expect(layer.synapticOperations(one(2, 2)) == 18)
        #expect(layer.synapticOperations(one(0, 0)) == 8)
        #expect(layer.synapticOperations(one(0, 2)) == 12)
        // stride 2 on a 4-wide axis (output 2): fan-outs along the axis are 1, 2, 1, 1
        let strided = SynapticLayer(connectivity: .convolution(.init(kernel: (3, 3), stride: (2, 2), padding: (1, 1))),
                                    inChannels: 1, outChannels: 1, input: .spikes)
        #expect(strided.fanOut(axis: 0, length: 4, window: .init(kernel: (3, 3), stride: (2, 2), padding: (1, 1)),
                               transposed: false) == [1, 2, 1, 1])
        #expect(strided.synapticOperations(Tensor(shape: [1, 1, 4, 4], repeating: 1)) == 25)   // (1+2+1+1)²
        #expect(strided.denseMACs(inputShape: [1, 1, 4, 4]) == 36)                             // 2·2 outputs × 9 taps
    }

    @Test("exact SOPs equal Σ of an all-ones convolution, for strides, padding, dilation, groups, transposed and linear",
          arguments: 0..<6)
    func matchesOnesConvolution(_ index: Int) {
        let cases: [(SynapticLayer, [Int])] = [
            (.init(connectivity: .convolution(.init(kernel: (3, 3), stride: (1, 1), padding: (1, 1))), inChannels: 4, outChannels: 6, input: .spikes), [2, 4, 9, 7]),
            (.init(connectivity: .convolution(.init(kernel: (3, 3), stride: (2, 2), padding: (1, 1))), inChannels: 4, outChannels: 8, input: .spikes), [2, 4, 9, 8]),
            (.init(connectivity: .convolution(.init(kernel: (7, 7), stride: (2, 2), padding: (3, 3))), inChannels: 1, outChannels: 3, input: .spikes), [1, 1, 13, 10]),
            (.init(connectivity: .convolution(.init(kernel: (3, 2), stride: (1, 2), padding: (2, 0), dilation: (2, 1), groups: 2)), inChannels: 4, outChannels: 6, input: .spikes), [2, 4, 8, 9]),
            (.init(connectivity: .transposedConvolution(.init(kernel: (3, 3), stride: (2, 2), padding: (1, 1), outputPadding: (1, 1), groups: 4)), inChannels: 4, outChannels: 4, input: .spikes), [2, 4, 4, 5]),
            (.init(connectivity: .fullyConnected, inChannels: 12, outChannels: 5, input: .spikes), [3, 12]),
        ]
        let (layer, shape) = cases[index]
        let x = Self.spikes(shape, density: 0.35, seed: UInt64(10 + index), counts: true)
        let exact = layer.synapticOperations(x)
        #expect(exact > 0)
        #expect(exact == Self.onesConvolutionSum(x, layer: layer))
        let ones = Tensor<Float>(shape: shape, repeating: 1)
        #expect(layer.synapticOperations(ones) <= layer.denseMACs(inputShape: shape))
    }

    @Test("firing-rate monitor: running rate equals the mean of every event's values; O(1) state per layer")
    func firingRate() {
        var monitor = FiringRateMonitor(layers: ["a"])
        let x = Self.spikes([5, 3, 4], density: 0.4, seed: 4)
        monitor.record("a", .output, steps: x)
        monitor.record("b", .output, steps: x)                 // not selected
        monitor.record("a", .membranePotential, steps: x)      // not an output
        let mean = Double(x.scalars.reduce(0, +)) / Double(x.count)
        #expect(abs(monitor.rate(of: "a")! - mean) < 1e-12)
        #expect(monitor.counts["a"]!.steps == 5)
        #expect(monitor.rate(of: "b") == nil)
        #expect(monitor.order == ["a"])
    }

    @Test("SOP monitor: AC energy for spike input, MAC energy for analog input, Horowitz 45 nm constants")
    func energy() {
        var monitor = SynapticOperationMonitor()
        let spiking = SynapticLayer(connectivity: .fullyConnected, inChannels: 4, outChannels: 3, input: .spikes)
        let analog = SynapticLayer(connectivity: .fullyConnected, inChannels: 4, outChannels: 3, input: .analog)
        let x = Tensor<Float>(shape: [2, 1, 4], scalars: [1, 0, 1, 1, 0.5, 0.25, 0, 1])   // T = 2, B = 1
        monitor.record("s", .synapticInput, steps: Tensor(shape: [2, 1, 4], scalars: [1, 0, 1, 1, 0, 0, 0, 1]), synapse: spiking)
        monitor.record("a", .synapticInput, steps: x, synapse: analog)
        #expect(monitor.counts["s"]!.synapticOperations == 12)          // 4 spikes × 3 targets
        #expect(monitor.counts["a"]!.synapticOperations == 0)
        #expect(monitor.totalMultiplyAccumulates == 24)                 // 2 steps × 4 × 3
        #expect(monitor.totalDenseMACs == 48)
        #expect(abs(monitor.totalEnergy() - (0.9 * 12 + 4.6 * 24)) < 1e-9)
        #expect(monitor.order == ["s", "a"])
    }

    @Test("callback monitor streams the selected layer and signal with step numbers from firstStep")
    func callback() {
        var seen: [(String, Int, [Float])] = []
        var monitor = CallbackMonitor(layers: ["a"], signals: [.output]) { seen.append(($0.layer, $0.step, $0.value.scalars)) }
        monitor.record("a", .output, steps: Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4]), firstStep: 10)
        monitor.record("a", .membranePotential, steps: Tensor(shape: [1, 1, 1], scalars: [9]))
        #expect(seen.map(\.0) == ["a", "a"])
        #expect(seen.map(\.1) == [10, 11])
        #expect(seen.map(\.2) == [[1, 2], [3, 4]])
    }
}
