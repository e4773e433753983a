import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// SEW-ResNet with CML downsampling (`--downsample cml`): the stem max-pools its membrane input
/// before `sn1` instead of pooling `sn1`'s spikes.
@Suite("SEW-ResNet with CML downsampling")
struct CMLResNetTests {
    static func pair(_ architecture: Architecture) -> (standard: SpikingResNet, cml: SpikingResNet) {
        let standard = TinyModels.model(architecture)
        var c = standard.configuration
        c.downsampling = .cml
        var rng = SplittableRandom(seed: 0)
        var cml = SpikingResNet(configuration: c, rng: &rng)
        try! cml.load(stateDict: standard.stateDict())                // same weights
        return (standard, cml)
    }

    @Test("the stem is conv → BN → maxpool (−∞ padding) → LIF; shapes, layer order and monitor paths follow", arguments: Architecture.allCases)
    func stem(_ architecture: Architecture) {
        var (_, cml) = Self.pair(architecture)
        let x = TinyModels.input(steps: 3)
        var state = NetworkState()
        let out = cml.forward(x, state: &state, mode: .inference, recording: Set(cml.layerNames))
        let membrane = cml.bn1(cml.conv1(x), mode: .inference).maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1))
        #expect(out.recorded["maxpool"]!.scalars == membrane.scalars)
        let lif = LIFNeuron<Float>(tau: 2, threshold: 1, reset: .hard(0), detachReset: true, surrogate: ATanSurrogate(alpha: 2))
        #expect(out.recorded["sn1"]!.scalars == lif(membrane).spikes.scalars)
        #expect(Array(cml.layerNames.prefix(2)) == ["maxpool", "sn1"] && Array(cml.monitorPaths.prefix(3)) == ["conv1", "maxpool", "sn1"])
        for name in cml.layerNames { #expect(Array(out.recorded[name]!.shape.dropFirst(2)) == cml.layerUnitShapes[name]!, "\(name)") }
    }

    @Test("one step from rest: pooling commutes with the monotone threshold, so CML equals the standard stem; over 4 steps it differs")
    func firstStepEqualsStandard() {
        var (standard, cml) = Self.pair(.sewResNet)
        var s1 = NetworkState(), s2 = NetworkState()
        let one = TinyModels.input(steps: 1)
        #expect(standard.forward(one, state: &s1, mode: .inference).logits.scalars == cml.forward(one, state: &s2, mode: .inference).logits.scalars)
        var s3 = NetworkState(), s4 = NetworkState()
        let four = TinyModels.input(steps: 4)
        let a = standard.forward(four, state: &s3, mode: .inference, recording: ["maxpool"]).recorded["maxpool"]!
        let b = cml.forward(four, state: &s4, mode: .inference, recording: ["sn1"]).recorded["sn1"]!
        #expect(a.scalars != b.scalars)
    }

    @Test("the configuration records cml and reads it back; a standard record is byte-identical to before (no key)")
    func coding() throws {
        var c = TinyModels.configuration(.sewResNet)
        let standard = String(decoding: try JSONEncoder().encode(c), as: UTF8.self)
        #expect(!standard.contains("downsampling"))
        c.downsampling = .cml
        let decoded = try JSONDecoder().decode(ModelConfiguration.self, from: JSONEncoder().encode(c))
        #expect(decoded == c && decoded.downsampling == .cml)
        let loaded = try ModelLoader.load(.random(seed: 1), registryName: "sew-resnet18-w4", overrides: .init(downsampling: .cml))
        #expect(loaded.configuration.downsampling == .cml && loaded.name == "sew-resnet18-w4 --downsample cml")
    }
}
