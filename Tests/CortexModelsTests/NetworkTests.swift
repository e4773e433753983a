import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// Tiny networks for fast tests: width 4, 1×32×32 input, 3 classes.
enum TinyModels {
    static func configuration(_ architecture: Architecture, neuron: NeuronKind = .leakyIntegrateAndFire,
                              connect: ConnectFunction = .add) -> ModelConfiguration {
        ModelConfiguration(architecture: architecture, depth: 18, baseWidth: 4, inputChannels: 1, inputHeight: 32,
                           inputWidth: 32, neuron: neuron, connect: connect, classes: 3)
    }

    /// A random tiny model whose BN scales γ are 4, so spikes reach the last stage (with γ = 1 and
    /// running statistics at their initial values an untrained network falls silent by stage 3).
    static func model(_ architecture: Architecture, seed: UInt64 = 1, connect: ConnectFunction = .add) -> SpikingResNet {
        var rng = SplittableRandom(seed: seed)
        var model = SpikingResNet(configuration: configuration(architecture, connect: connect), rng: &rng)
        amplify(&model)
        return model
    }

    static func amplify(_ model: inout SpikingResNet) {
        model.visitTensors(prefix: "") { name, _, tensor in
            let parts = name.split(separator: ".")
            if parts.last == "weight", tensor.rank == 1, parts.count >= 2,
               parts[parts.count - 2].hasPrefix("bn") || parts[parts.count - 2] == "1" {
                tensor = Tensor(shape: tensor.shape, repeating: 4)
            }
        }
    }

    /// `[T, B, 1, 32, 32]` values ~ N(0, 1.5²), deterministic.
    static func input(steps: Int, batch: Int = 2, seed: UInt64 = 9) -> Tensor<Float> {
        var rng = SplittableRandom(seed: seed)
        return Tensor(shape: [steps, batch, 1, 32, 32], generating: { _ in Float(1.5 * rng.standardNormal()) })
    }
}

@Suite("SEW-ResNet and LoRaFB-SNet")
struct NetworkTests {
    /// The full-size models are built once (≈ 12 M parameters each); tests see their summaries.
    static func summary(_ name: String) -> (lines: [String], parameterCount: Int) {
        var rng = SplittableRandom(seed: 0)
        let model = SpikingResNet(configuration: ModelRegistry.configuration(named: name)!, rng: &rng)
        return (stateDictLines(model), model.parameterCount)
    }
    static let sew18 = summary("sew-resnet18")
    static let lorafb18 = summary("lorafb-snet18")

    /// Lines `name shape` of a fixture written by scripts/reference/model_state_dict_names.py.
    static func fixture(_ name: String) throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)-state-dict.txt")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func stateDictLines(_ model: SpikingResNet) -> [String] {
        model.namedTensors().map { "\($0.name) \($0.tensor.shape.isEmpty ? "scalar" : $0.tensor.shape.map(String.init).joined(separator: "x"))" }
    }

    @Test("sew-resnet18 state-dict names, order and shapes equal the reference list")
    func sewNames() throws {
        #expect(Self.sew18.lines == (try Self.fixture("sew-resnet18")))
    }

    @Test("lorafb-snet18 state-dict names, order and shapes equal the reference list")
    func loraFBNames() throws {
        #expect(Self.lorafb18.lines == (try Self.fixture("lorafb-snet18")))
    }

    /// Closed form for a depth-18 network of base width w, c input channels and K classes
    /// (BN contributes 2 parameters per channel; convolutions have no bias):
    ///
    ///     stem 49·c·w + 2w;  stage 1: 2·(18w² + 4w);
    ///     stage k ≥ 2 (in i, out o = 2i): 9io + 9o² + 4o + io + 2o  +  18o² + 4o;  fc 8w·K + K
    ///     LoRaFB adds: stage 1  2w·w + 2w;  stage k ≥ 2  9o + 2o + (i + o)·i + 2i
    static func closedFormParameters(width w: Int, channels c: Int, classes k: Int, recurrent: Bool) -> Int {
        var total = 49 * c * w + 2 * w + 2 * (18 * w * w + 4 * w) + 8 * w * k + k
        if recurrent { total += 2 * w * w + 2 * w }
        for i in [w, 2 * w, 4 * w] {
            let o = 2 * i
            total += 9 * i * o + 9 * o * o + 4 * o + i * o + 2 * o + 18 * o * o + 4 * o
            if recurrent { total += 9 * o + 2 * o + (i + o) * i + 2 * i }
        }
        return total
    }

    @Test("parameter counts match the closed form; sew-resnet18 has torchvision resnet18's 11,689,512")
    func parameterCounts() {
        #expect(Self.sew18.parameterCount == 11_689_512)
        #expect(Self.sew18.parameterCount == Self.closedFormParameters(width: 64, channels: 3, classes: 1000, recurrent: false))
        #expect(Self.lorafb18.parameterCount == Self.closedFormParameters(width: 64, channels: 3, classes: 101, recurrent: true))
        var rng = SplittableRandom(seed: 3)
        let small = SpikingResNet(configuration: ModelRegistry.configuration(named: "lorafb-snet18-w16")!, rng: &rng)
        #expect(small.parameterCount == Self.closedFormParameters(width: 16, channels: 1, classes: 10, recurrent: true))
        #expect(small.configuration.parameterCount == small.parameterCount)
        #expect(ModelRegistry.configuration(named: "sew-resnet18")!.parameterCount == 11_689_512)
        for architecture in Architecture.allCases {
            let tiny = TinyModels.model(architecture)
            #expect(tiny.configuration.parameterCount == tiny.parameterCount)
            var config = tiny.configuration
            config.depth = 34
            var rng = SplittableRandom(seed: 5)
            #expect(config.parameterCount == SpikingResNet(configuration: config, rng: &rng).parameterCount)
        }
    }

    @Test("configuration round-trips through checkpoint metadata")
    func metadataRoundTrip() throws {
        for (_, configuration) in ModelRegistry.entries {
            #expect(ModelConfiguration(metadata: configuration.metadata) == configuration)
        }
        #expect(ModelConfiguration(metadata: [:]) == nil)
        var model = TinyModels.model(.loraFBSNet)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cortexmodels-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url, metadata: model.configuration.metadata)
        let file = try SafetensorsFile(contentsOf: url)
        let restored = try #require(ModelConfiguration(metadata: file.metadata))
        #expect(restored == model.configuration)
        var rng = SplittableRandom(seed: 99)
        var other = SpikingResNet(configuration: restored, rng: &rng)
        try other.load(from: url)
        #expect(other.namedTensors().map(\.tensor.scalars) == model.namedTensors().map(\.tensor.scalars))
        model.detach()
    }

    @Test("layer names: stem, every block, pooling and fc in network order")
    func layerNames() {
        #expect(TinyModels.model(.sewResNet).layerNames == ["sn1", "maxpool", "layer1.0", "layer1.1", "layer2.0", "layer2.1",
                                                           "layer3.0", "layer3.1", "layer4.0", "layer4.1", "avgpool", "fc"])
        #expect(TinyModels.model(.loraFBSNet).layerNames[2] == "recurrent_layer1.sub_module.0")
        #expect(TinyModels.model(.loraFBSNet).defaultFeatureLayers.last == "avgpool")
    }
}

@Suite("Multi-step state")
struct RecurrentStateTests {
    static func run(_ model: inout SpikingResNet, _ x: Tensor<Float>, state: inout NetworkState) -> (Tensor<Float>, [String: Tensor<Float>]) {
        let r = model.forward(x, state: &state, mode: .inference, recording: Set(model.layerNames))
        return (r.logits, r.recorded)
    }

    static func maxDifference(_ a: Tensor<Float>, _ b: Tensor<Float>) -> Float {
        precondition(a.shape == b.shape)
        return zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
    }

    @Test("a movie in two calls with carried state equals one long call", arguments: Architecture.allCases)
    func splitEqualsWhole(_ architecture: Architecture) {
        var model = TinyModels.model(architecture)
        let x = TinyModels.input(steps: 6)
        var whole = NetworkState()
        let (logits, recorded) = Self.run(&model, x, state: &whole)
        var split = NetworkState()
        let (first, firstRecorded) = Self.run(&model, x.slice(along: 0, 0..<2), state: &split)
        let (second, secondRecorded) = Self.run(&model, x.slice(along: 0, 2..<6), state: &split)
        #expect(Self.maxDifference(Tensor.concatenate([first, second], along: 0), logits) < 1e-5)
        for name in model.layerNames {
            let joined = Tensor.concatenate([firstRecorded[name]!, secondRecorded[name]!], along: 0)
            #expect(Self.maxDifference(joined, recorded[name]!) < 1e-5, "\(name)")
        }
        // the network is not silent: spikes reach the last stage
        let last = model.layerNames[model.layerNames.count - 3]
        #expect(recorded[last]!.scalars.contains { $0 > 0 })
    }

    @Test("a reset state gives the output of a fresh model", arguments: Architecture.allCases)
    func resetEqualsFresh(_ architecture: Architecture) {
        var model = TinyModels.model(architecture)
        let x = TinyModels.input(steps: 3)
        var state = NetworkState()
        let (fresh, _) = Self.run(&model, x, state: &state)
        let (continued, _) = Self.run(&model, x, state: &state)
        var reset = NetworkState()
        let (again, _) = Self.run(&model, x, state: &reset)
        #expect(again.scalars == fresh.scalars)
        #expect(continued.scalars != fresh.scalars)     // the carried state matters
    }

    @Test("LoRaFB feedback is active: zero transposed-conv weights change outputs from step 2 on, not step 1")
    func feedbackActive() {
        var model = TinyModels.model(.loraFBSNet)
        var ablated = model
        for k in 1..<4 {
            let w = ablated.feedback[k].dwconv!.weight
            ablated.feedback[k].dwconv!.weight = Tensor(shape: w.shape, repeating: 0)
        }
        let x = TinyModels.input(steps: 4)
        var s1 = NetworkState(), s2 = NetworkState()
        let a = model.forward(x, state: &s1, mode: .inference, recording: ["recurrent_layer2.sub_module.1"]).recorded
        let b = ablated.forward(x, state: &s2, mode: .inference, recording: ["recurrent_layer2.sub_module.1"]).recorded
        let ra = a["recurrent_layer2.sub_module.1"]!, rb = b["recurrent_layer2.sub_module.1"]!
        #expect(ra.step(0).scalars == rb.step(0).scalars)
        #expect((1..<4).contains { ra.step($0).scalars != rb.step($0).scalars })
    }

    @Test("connect functions: AND and IAND keep spikes binary, ADD may give 2")
    func connectFunctions() {
        for connect in ConnectFunction.allCases {
            var model = TinyModels.model(.sewResNet, seed: 4, connect: connect)
            var state = NetworkState()
            let out = model.forward(TinyModels.input(steps: 2), state: &state, mode: .inference,
                                    recording: ["layer1.1"]).recorded["layer1.1"]!
            let values = Set(out.scalars)
            if connect == .add { #expect(values.isSubset(of: [0, 1, 2, 3])) } else { #expect(values.isSubset(of: [0, 1])) }
        }
    }
}

@Suite("Batch renormalisation")
struct RenormalizationTests {
    @Test("renormalised training output equals inference with the running statistics, and the statistics update as BN's")
    func renormEqualsInference() {
        var rng = SplittableRandom(seed: 12)
        var bn = BatchNorm2d<Float>(channels: 3)
        bn.weight = Tensor(shape: [3], scalars: [1.5, 0.5, 2])
        bn.bias = Tensor(shape: [3], scalars: [0.1, -0.2, 0.3])
        bn.runningMean = Tensor(shape: [3], scalars: [0.2, -0.1, 0.5])
        bn.runningVariance = Tensor(shape: [3], scalars: [1.3, 0.7, 2.1])
        let x = Tensor<Float>(shape: [4, 3, 2, 2], generating: { _ in Float(rng.standardNormal()) })
        var reference = bn
        let expected = reference(x, mode: .inference)
        var plain = bn
        _ = plain(x, mode: .training)
        let graph = Graph<Float>()
        bn.track(in: graph)
        var pending: [BatchStatistics] = []
        let y = bn.normalize(x, mode: .training, renormalize: true, pending: &pending)
        #expect(bn.runningMean.scalars == reference.runningMean.scalars && pending.count == 1)   // deferred
        bn.applyPending(pending)
        for (a, b) in zip(y.scalars, expected.scalars) { #expect(abs(a - b) < 1e-5) }
        for (a, b) in zip(bn.runningVariance.scalars, plain.runningVariance.scalars) { #expect(abs(a - b) < 1e-6) }
        for (a, b) in zip(bn.runningMean.scalars, plain.runningMean.scalars) { #expect(abs(a - b) < 1e-6) }
        #expect(bn.batchesTracked.scalar == 1)
        // gradients reach γ and β
        graph.backward(from: (y * y).sum())
        #expect(bn.gradients(in: graph).keys.sorted() == ["bias", "weight"])
    }
}
