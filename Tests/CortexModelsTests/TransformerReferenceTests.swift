@testable import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// Spikformer and the Spike-driven Transformer (each also with CML downsampling) against the
/// PyTorch reference implementations of `scripts/reference/torch_transformers.py`: embedding 32,
/// 4 heads, 2 blocks, 1 × 16 × 16 input, the script's random weights (reference state-dict names,
/// randomised BN statistics), inference mode.
@Suite("Spiking transformers against the PyTorch reference")
struct TransformerReferenceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Fixture name → configuration (the registry's `-2-32` variants at 16 × 16).
    static let cases: [String] = ["spikformer_2_32", "spikformer_cml_2_32", "sdt_2_32", "sdt_cml_2_32"]

    static func configuration(_ fixture: String) -> SpikingTransformerConfiguration {
        SpikingTransformerConfiguration(architecture: fixture.hasPrefix("sdt") ? .spikeDrivenTransformer : .spikformer,
                                        embedDim: 32, heads: 4, blocks: 2, mlpRatio: 4, inputChannels: 1,
                                        inputHeight: 16, inputWidth: 16, classes: 10,
                                        downsampling: fixture.contains("cml") ? .cml : .standard)
    }

    static func expected(_ fixture: String) throws -> SafetensorsFile {
        try SafetensorsFile(contentsOf: fixtures.appendingPathComponent("\(fixture)_expected.safetensors"))
    }

    static func weights(_ fixture: String) throws -> SafetensorsFile {
        try SafetensorsFile(contentsOf: fixtures.appendingPathComponent("\(fixture).safetensors"))
    }

    /// Runs `body` on the fixture's network, whichever architecture.
    static func withNetwork<R>(_ fixture: String, _ body: (inout any TransformerUnderTest) throws -> R) throws -> R {
        var rng = SplittableRandom(seed: 0)
        let c = configuration(fixture)
        var network: any TransformerUnderTest = c.architecture == .spikformer
            ? Spikformer(configuration: c, rng: &rng) : SpikeDrivenTransformer(configuration: c, rng: &rng)
        try network.loadReference(weights(fixture))
        return try body(&network)
    }

    static func tensor(_ file: SafetensorsFile, _ key: String) -> Tensor<Float> {
        let entry = file.tensors[key]!
        return Tensor(shape: entry.shape, scalars: Checkpoint.values(Float.self, entry.bytes))
    }

    /// Spikes and spike sums (integer-valued references) must be equal; real values within 1e-4
    /// of the tensor's largest magnitude.
    static func compare(_ name: String, _ mine: [Float], _ reference: Tensor<Float>, context: String) {
        #expect(mine.count == reference.count, "\(context) \(name): \(mine.count) vs \(reference.count) values")
        guard mine.count == reference.count else { return }
        if reference.scalars.allSatisfy({ $0 == $0.rounded() }) {
            let differing = zip(mine, reference.scalars).filter { $0 != $1 }.count
            #expect(differing == 0, "\(context) \(name): \(differing) of \(mine.count) values differ")
        } else {
            let scale = max(reference.scalars.map(abs).max() ?? 0, 1e-6)
            let error = zip(mine, reference.scalars).map { abs($0 - $1) }.max()! / scale
            #expect(error < 1e-4, "\(context) \(name): relative error \(error)")
        }
    }

    @Test("every recordable layer equals the reference (spikes exactly, real values within 1e-4), shapes as declared", arguments: cases)
    func layers(_ fixture: String) throws {
        let expected = try Self.expected(fixture)
        try Self.withNetwork(fixture) { network in
            let names = network.layerNames
            let referenceLayers = Set(expected.tensors.keys.filter { $0 != "input" && $0 != "image_input" && !$0.hasPrefix("image/") })
            #expect(Set(names) == referenceLayers)
            var state = NetworkState()
            let out = network.run(Self.tensor(expected, "input"), state: &state, recording: Set(names))
            for name in names {
                let value = out[name]!
                Self.compare(name, value.scalars, Self.tensor(expected, name), context: fixture)
                #expect(Array(value.shape.dropFirst(2)) == network.layerUnitShapes[name]!, "\(fixture) \(name) shape")
            }
        }
    }

    @Test("state carried across two calls of 2 steps equals the reference's one call of 4 steps", arguments: cases)
    func carriedState(_ fixture: String) throws {
        let expected = try Self.expected(fixture)
        try Self.withNetwork(fixture) { network in
            let input = Self.tensor(expected, "input")
            var state = NetworkState()
            let names = Set(network.layerNames)
            let first = network.run(input.slice(along: 0, 0..<2), state: &state, recording: names)
            let second = network.run(input.slice(along: 0, 2..<4), state: &state, recording: names)
            for name in network.layerNames {
                let joined = Tensor.concatenate([first[name]!, second[name]!], along: 0)
                Self.compare(name, joined.scalars, Self.tensor(expected, name), context: "\(fixture) (2 + 2 steps)")
            }
        }
    }

    @Test("feature extraction: video protocol (one frame per step, state carried over chunks) and image protocol (T = 4, averaged)",
          arguments: cases)
    func featureProtocols(_ fixture: String) throws {
        let expected = try Self.expected(fixture)
        try Self.withNetwork(fixture) { network in
            let layers = network.defaultFeatureLayers
            #expect(!layers.contains("head") && layers.count == network.layerNames.count - 1)
            let input = Self.tensor(expected, "input")                              // [4, 1, 1, 16, 16]
            let video = try network.extract(.video, layers: layers, frames: NDArray(shape: [4, 1, 16, 16], scalars: input.scalars))
            for name in layers { Self.compare(name, video[name]!, Self.tensor(expected, name), context: "\(fixture) video") }
            let frames = Self.tensor(expected, "image_input")                      // [2, 1, 16, 16]
            let image = try network.extract(.image, layers: layers, frames: NDArray(shape: frames.shape, scalars: frames.scalars))
            for name in layers { Self.compare(name, image[name]!, Self.tensor(expected, "image/" + name), context: "\(fixture) image") }
        }
    }

    @Test("reference checkpoints load with their known-unused parameters, which are listed and never applied", arguments: cases)
    func unusedParameters(_ fixture: String) throws {
        let weights = try Self.weights(fixture)
        try Self.withNetwork(fixture) { network in
            let unused = network.unusedTensorNames
            #expect(!unused.isEmpty && unused.allSatisfy { weights.tensors[$0] != nil })
            #expect(unused.allSatisfy { $0.contains(fixture.hasPrefix("sdt") ? "talking_heads" : "norm") })
            // changing them changes nothing
            let expected = try Self.expected(fixture)
            var altered = weights
            for name in unused {
                let entry = altered.tensors[name]!
                altered.tensors[name] = .init(dtype: .float32, shape: entry.shape,
                                              bytes: Checkpoint.bytes(of: [Float](repeating: 7, count: entry.shape.reduce(1, *))))
            }
            try network.loadReference(altered)
            var state = NetworkState()
            let logits = network.run(Self.tensor(expected, "input"), state: &state, recording: ["head"])["head"]!
            Self.compare("head", logits.scalars, Self.tensor(expected, "head"), context: "\(fixture) altered unused")
            // and they are buffers: nothing trains them
            #expect(network.parameterNames.allSatisfy { !unused.contains($0) })
        }
    }
}

/// What the tests need of both transformers, as one existential.
protocol TransformerUnderTest {
    var layerNames: [String] { get }
    var defaultFeatureLayers: [String] { get }
    var layerUnitShapes: [String: [Int]] { get }
    var unusedTensorNames: [String] { get }
    var parameterNames: [String] { get }
    mutating func loadReference(_ file: SafetensorsFile) throws
    mutating func run(_ x: Tensor<Float>, state: inout NetworkState, recording: Set<String>) -> [String: Tensor<Float>]
    mutating func extract(_ featureProtocol: FeatureProtocol, layers: [String], frames: NDArray<Float>) throws -> [String: [Float]]
    mutating func runMonitored<M: LayerMonitor>(_ x: Tensor<Float>, state: inout NetworkState, recording: Set<String>, monitor: inout M)
        -> [String: Tensor<Float>]
    var monitorPaths: [String] { get }
}

extension TransformerUnderTest where Self: RecordableNetwork, Self.State == NetworkState {
    var parameterNames: [String] { namedTensors().filter { $0.role == .parameter }.map(\.name) }
    mutating func loadReference(_ file: SafetensorsFile) throws { try load(stateDict: file) }
    mutating func run(_ x: Tensor<Float>, state: inout NetworkState, recording: Set<String>) -> [String: Tensor<Float>] {
        forward(x, state: &state, mode: .inference, recording: recording).recorded
    }
    mutating func extract(_ featureProtocol: FeatureProtocol, layers: [String], frames: NDArray<Float>) throws -> [String: [Float]] {
        var out: [String: [Float]] = [:]
        let extraction = FeatureExtraction(featureProtocol: featureProtocol, steps: 4, layers: layers, chunkFrames: 2)
        try extraction.run(model: &self, frameCount: frames.shape[0], frames: { range in
            let per = frames.count / frames.shape[0]
            return NDArray(shape: [range.count] + Array(frames.shape.dropFirst()),
                           scalars: Array(frames.scalars[(range.lowerBound * per)..<(range.upperBound * per)]))
        }) { layer, _, _, values in out[layer, default: []] += values }
        return out
    }
}

extension Spikformer: TransformerUnderTest {}
extension SpikeDrivenTransformer: TransformerUnderTest {}
