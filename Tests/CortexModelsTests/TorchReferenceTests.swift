@testable import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// SEW-ResNet18 and LoRaFB-SNet18 against independent PyTorch + SpikingJelly implementations
/// (`scripts/reference/torch_models.py`): CortexKit's `sew-resnet18-w4` / `lorafb-snet18-w4`
/// (width 4, 1 × 32 × 32, LIF, 10 classes) load the script's random weights (PyTorch state-dict
/// names, randomised BN statistics) and run a 4-step clip in inference mode.
@Suite("Models against the PyTorch/SpikingJelly reference")
struct TorchReferenceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let models = ["sew-resnet18-w4", "lorafb-snet18-w4"]

    static func fixtureName(_ model: String) -> String { model.replacingOccurrences(of: "-", with: "_") }

    static func load(_ model: String) throws -> (model: SpikingResNet, expected: SafetensorsFile) {
        let configuration = try #require(ModelRegistry.configuration(named: model))
        var rng = SplittableRandom(seed: 0)
        var network = SpikingResNet(configuration: configuration, rng: &rng)
        try network.load(from: fixtures.appendingPathComponent("\(fixtureName(model)).safetensors"))
        let expected = try SafetensorsFile(contentsOf: fixtures.appendingPathComponent("\(fixtureName(model))_expected.safetensors"))
        return (network, expected)
    }

    static func tensor(_ file: SafetensorsFile, _ key: String) -> Tensor<Float> {
        let entry = file.tensors[key]!
        precondition(entry.dtype == .float32, "\(key) is not float32")
        return Tensor(shape: entry.shape, scalars: Checkpoint.values(Float.self, entry.bytes))
    }

    /// Compares one recorded layer: spiking layers (values in {0, 1, 2, …}) exactly, real-valued
    /// ones (`avgpool`, `fc`) within 1e-4 relative to the tensor's largest magnitude.
    static func compare(_ name: String, _ mine: Tensor<Float>, _ reference: Tensor<Float>, context: String) {
        #expect(mine.shape == reference.shape, "\(context) \(name): shape \(mine.shape) vs \(reference.shape)")
        guard mine.shape == reference.shape else { return }
        if name == "avgpool" || name == "fc" {
            let scale = max(reference.scalars.map(abs).max() ?? 0, 1e-6)
            let error = zip(mine.scalars, reference.scalars).map { abs($0 - $1) }.max()! / scale
            #expect(error < 1e-4, "\(context) \(name): relative error \(error)")
        } else {
            let differing = zip(mine.scalars, reference.scalars).filter { $0 != $1 }.count
            #expect(differing == 0, "\(context) \(name): \(differing) of \(mine.count) spike values differ")
        }
    }

    @Test("every default feature layer and the logits equal the reference (spikes exactly, real values within 1e-4)",
          arguments: models)
    func matches(_ name: String) throws {
        var (model, expected) = try Self.load(name)
        let layers = Set(model.layerNames)
        #expect(layers == Set(expected.tensors.keys).subtracting(["input"]))
        var state = NetworkState()
        let out = model.forward(Self.tensor(expected, "input"), state: &state, mode: .inference, recording: layers)
        for layer in model.layerNames { Self.compare(layer, out.recorded[layer]!, Self.tensor(expected, layer), context: name) }
        // the comparison is not vacuous: every block spikes
        for layer in model.defaultFeatureLayers where layer != "avgpool" {
            #expect(out.recorded[layer]!.scalars.contains { $0 > 0 }, "\(name) \(layer) is silent")
        }
    }

    @Test("state carried across two calls of 2 steps equals the reference's one call of 4", arguments: models)
    func carriedState(_ name: String) throws {
        var (model, expected) = try Self.load(name)
        let input = Self.tensor(expected, "input")
        var state = NetworkState()
        let layers = Set(model.layerNames)
        let first = model.forward(input.slice(along: 0, 0..<2), state: &state, mode: .inference, recording: layers)
        let second = model.forward(input.slice(along: 0, 2..<4), state: &state, mode: .inference, recording: layers)
        for layer in model.layerNames {
            let joined = Tensor.concatenate([first.recorded[layer]!, second.recorded[layer]!], along: 0)
            Self.compare(layer, joined, Self.tensor(expected, layer), context: "\(name) (2 + 2 steps)")
        }
    }

    @Test("LoRaFB inference does not depend on stepNormalization (running statistics either way)")
    func stepNormalizationInInference() throws {
        var (model, expected) = try Self.load("lorafb-snet18-w4")
        var configuration = model.configuration
        #expect(configuration.stepNormalization == .renormalized)
        configuration.stepNormalization = .batchStatistics
        var rng = SplittableRandom(seed: 0)
        var plain = SpikingResNet(configuration: configuration, rng: &rng)
        try plain.load(stateDict: model.stateDict())
        var s1 = NetworkState(), s2 = NetworkState()
        let input = Self.tensor(expected, "input")
        let a = model.forward(input, state: &s1, mode: .inference).logits
        let b = plain.forward(input, state: &s2, mode: .inference).logits
        #expect(a.scalars == b.scalars)
        Self.compare("fc", b, Self.tensor(expected, "fc"), context: "batchStatistics")
    }
}
