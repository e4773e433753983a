import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// The non-spiking twins: LoRaFB-CNet and the ReLU ResNet (``NeuronKind/rectifiedLinear``).
@Suite("Non-spiking twins (ReLU in place of the spiking neuron)")
struct NonSpikingTwinTests {
    static func tiny(_ architecture: Architecture, seed: UInt64 = 1) -> SpikingResNet {
        var rng = SplittableRandom(seed: seed)
        return SpikingResNet(configuration: TinyModels.configuration(architecture, neuron: .rectifiedLinear), rng: &rng)
    }

    @Test("lorafb-cnet18 and relu-resnet18 state-dict names, order and shapes equal the study's (LoRaFBCNet.py, ResNet)",
          arguments: ["lorafb-cnet18", "relu-resnet18"])
    func names(_ name: String) throws {
        let configuration = try #require(ModelRegistry.configuration(named: name))
        #expect(configuration.neuron == .rectifiedLinear)
        var rng = SplittableRandom(seed: 0)
        let model = SpikingResNet(configuration: configuration, rng: &rng)
        #expect(NetworkTests.stateDictLines(model) == (try NetworkTests.fixture(name)))
    }

    @Test("the registry has each twin beside its spiking network, differing only in the neuron")
    func registry() throws {
        for (twin, spiking) in [("lorafb-cnet18-w8", "lorafb-snet18-w8"), ("relu-resnet18-w8", "sew-resnet18-w8"),
                                ("lorafb-cnet18-w4", "lorafb-snet18-w4"), ("relu-resnet18-w16", "sew-resnet18-w16")] {
            var a = try #require(ModelRegistry.configuration(named: twin))
            let b = try #require(ModelRegistry.configuration(named: spiking))
            #expect(a.neuron == .rectifiedLinear)
            a.neuron = b.neuron
            #expect(a == b)
        }
    }

    @Test("a ReLU block is a standard ResNet basic block: ReLU(BN(conv(ReLU(BN(conv(x))))) + BN(conv1×1(x)))")
    func blockStructure() {
        var rng = SplittableRandom(seed: 4)
        var block = SEWBasicBlock(inChannels: 2, outChannels: 3, stride: 2, neuron: .rectifiedLinear, connect: .add, rng: &rng)
        block.bn1.runningMean = Tensor(shape: [3], scalars: [0.1, -0.2, 0.3])
        block.bn2.bias = Tensor(shape: [3], scalars: [0.2, 0.1, -0.3])
        let x = Tensor<Float>(shape: [2, 1, 2, 6, 6], generating: { _ in Float(rng.standardNormal()) })
        var state = NetworkState()
        let out = block(x, path: "b", state: &state, mode: .inference)
        var copy = block
        let a = copy.bn2(copy.conv2(copy.bn1(copy.conv1(x), mode: .inference).relu()), mode: .inference)
        var norm = copy.downsampleNorm!
        let s = norm(copy.downsampleConv!(x), mode: .inference)
        let expected = (a + s).relu()
        #expect(out.shape == expected.shape)
        for (u, v) in zip(out.scalars, expected.scalars) { #expect(abs(u - v) <= 1e-6) }
        #expect(state.neurons.isEmpty)                        // no membrane state
    }

    @Test("the ReLU ResNet is memoryless: T steps at once equal each step from reset; outputs are real and non-negative")
    func memoryless() {
        var model = Self.tiny(.sewResNet)
        TinyModels.amplify(&model)
        let x = TinyModels.input(steps: 3, batch: 1)
        var state = model.initialState()
        let all = model.forward(x, state: &state, mode: .inference, recording: ["layer2.1", "sn1"]).recorded
        for t in 0..<3 {
            var fresh = model.initialState()
            let one = model.forward(x.slice(along: 0, t..<(t + 1)), state: &fresh, mode: .inference, recording: ["layer2.1"]).recorded
            let part = all["layer2.1"]!.slice(along: 0, t..<(t + 1))
            for (u, v) in zip(one["layer2.1"]!.scalars, part.scalars) { #expect(abs(u - v) <= 1e-5) }
        }
        let stem = all["sn1"]!.scalars
        #expect(stem.allSatisfy { $0 >= 0 } && stem.contains { $0 > 0 && $0 != 1 })
    }

    @Test("LoRaFB-CNet's feedback carries over time: step 2 depends on step 1's output")
    func feedbackCarries() {
        var model = Self.tiny(.loraFBSNet)
        TinyModels.amplify(&model)
        let x = TinyModels.input(steps: 2, batch: 1)
        var state = model.initialState()
        let both = model.forward(x, state: &state, mode: .inference, recording: ["avgpool"]).recorded["avgpool"]!
        var fresh = model.initialState()
        let alone = model.forward(x.slice(along: 0, 1..<2), state: &fresh, mode: .inference, recording: ["avgpool"]).recorded["avgpool"]!
        let second = both.slice(along: 0, 1..<2)
        #expect(zip(second.scalars, alone.scalars).contains { abs($0 - $1) > 1e-4 })
    }

    @Test("gradients of the ReLU twins match central finite differences (conv1, a block conv, feedback pwconv)",
          arguments: [Architecture.sewResNet, .loraFBSNet])
    func finiteDifferences(_ architecture: Architecture) throws {
        let model = Self.tiny(architecture, seed: 2)
        let x = TinyModels.input(steps: 2, batch: 1, seed: 5)
        var rng = SplittableRandom(seed: 8)
        let probe = Tensor<Float>(shape: [2, 1, 3], generating: { _ in Float(rng.standardNormal()) })
        func loss(_ m: SpikingResNet) -> Float {
            var m = m
            var state = m.initialState()
            return (m.forward(x, state: &state, mode: .inference).logits * probe).sum().scalar
        }
        let graph = Graph<Float>()
        var tracked = model
        tracked.track(in: graph)
        var state = tracked.initialState()
        graph.backward(from: (tracked.forward(x, state: &state, mode: .inference).logits * probe).sum())
        let gradients = tracked.gradients(in: graph)
        let names = architecture == .loraFBSNet
            ? ["conv1.weight", "recurrent_layer2.sub_module.0.conv2.weight", "recurrent_layer2.pwconv.weight"]
            : ["conv1.weight", "layer2.0.conv2.weight", "layer3.0.downsample.0.weight"]
        for name in names {
            let g = try #require(gradients[name], "no gradient for \(name)")
            for index in [0, 5, 17] {
                let h: Float = 1e-3
                var plus = model, minus = model
                plus.visitTensors(prefix: "") { n, _, t in if n == name { var s = t.scalars; s[index] += h; t = Tensor(shape: t.shape, scalars: s) } }
                minus.visitTensors(prefix: "") { n, _, t in if n == name { var s = t.scalars; s[index] -= h; t = Tensor(shape: t.shape, scalars: s) } }
                let numeric = (loss(plus) - loss(minus)) / (2 * h)
                let analytic = g.scalars[index]
                #expect(abs(numeric - analytic) <= 2e-2 + 2e-2 * abs(analytic), "\(name)[\(index)]: \(analytic) vs \(numeric)")
            }
        }
    }

    @Test("relu with AND or IAND is refused (the twin adds its branches)")
    func connectRefused() throws {
        var overrides = ModelConfiguration.Overrides()
        overrides.neuron = .rectifiedLinear
        overrides.connect = .and
        #expect(throws: ModelConfiguration.InvalidOverride.connectNeedsSpikes(.and)) {
            try overrides.applied(to: ModelRegistry.configuration(named: "sew-resnet18-w4")!)
        }
    }

    @Test("forward (every layer, logits) and gradients equal the PyTorch reference (scripts/reference/torch_twins.py)",
          arguments: ["relu-resnet18-w4", "lorafb-cnet18-w4"])
    func torchReference(_ name: String) throws {
        var (model, expected) = try TorchReferenceTests.load(name)
        let input = TorchReferenceTests.tensor(expected, "input")
        let graph = Graph<Float>()
        model.track(in: graph)
        var state = model.initialState()
        let out = model.forward(input, state: &state, mode: .inference, recording: Set(model.layerNames))
        func relativeError(_ a: Tensor<Float>, _ b: Tensor<Float>) -> Float {
            let scale = max(b.scalars.map(abs).max() ?? 0, 1e-6)
            return zip(a.scalars, b.scalars).map { abs($0 - $1) }.max()! / scale
        }
        for layer in model.layerNames {
            let reference = TorchReferenceTests.tensor(expected, layer)
            let mine = out.recorded[layer]!
            #expect(mine.shape == reference.shape, "\(name) \(layer): \(mine.shape) vs \(reference.shape)")
            #expect(relativeError(mine, reference) < 1e-4, "\(name) \(layer): relative error \(relativeError(mine, reference))")
        }
        graph.backward(from: (out.logits * TorchReferenceTests.tensor(expected, "probe")).sum())
        let gradients = model.gradients(in: graph)
        let references = expected.tensors.keys.filter { $0.hasPrefix("grad.") }
        #expect(Set(references.map { String($0.dropFirst(5)) }) == Set(gradients.keys))
        for key in references {
            let mine = try #require(gradients[String(key.dropFirst(5))])
            let reference = TorchReferenceTests.tensor(expected, key)
            #expect(relativeError(mine, reference) < 1e-3, "\(name) \(key): relative error \(relativeError(mine, reference))")
        }
    }
}
