import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

@Suite("RecordableNetwork: a network of another family")
struct RecordableNetworkTests {
    /// Frame f of the test movie: pixel p is (f + 1) · (p + 1) / 16.
    static func frames(_ range: Range<Int>) -> NDArray<Float> {
        NDArray(shape: [range.count, 1, 4, 4], scalars: range.flatMap { f in (0..<16).map { Float(f + 1) * Float($0 + 1) / 16 } })
    }

    /// mean(frame f) = (f + 1) · 17/32.
    static func frameMean(_ f: Int) -> Float { Float(f + 1) * 17 / 32 }

    static func network() -> TinyRecordableNetwork {
        var rng = SplittableRandom(seed: 4)
        return TinyRecordableNetwork(configuration: .init(), rng: &rng)
    }

    @Test("video protocol: the state carries across chunks (running sum of the frame means); fc is the linear map")
    func videoProtocol() throws {
        var network = Self.network()
        let extraction = FeatureExtraction(featureProtocol: .video, layers: ["running_sum", "fc"], chunkFrames: 2)
        var sums: [Float] = [], logits: [Float] = [], shapes: [String: [Int]] = [:], ranges: [Range<Int>] = []
        try extraction.run(model: &network, frameCount: 5, frames: Self.frames) { layer, range, shape, values in
            shapes[layer] = shape
            if layer == "running_sum" { sums += values; ranges.append(range) } else { logits += values }
        }
        #expect(ranges == [0..<2, 2..<4, 4..<5])
        #expect(shapes == ["running_sum": [1], "fc": [3]])
        var expected: Float = 0
        for f in 0..<5 {
            expected += Self.frameMean(f)
            #expect(abs(sums[f] - expected) <= 1e-5 * expected, "frame \(f): \(sums[f]) vs \(expected)")
        }
        let direct = network.fc(Tensor(shape: [5, 16], scalars: Self.frames(0..<5).scalars)).scalars
        #expect(zip(logits, direct).allSatisfy { abs($0 - $1) <= 1e-5 })
    }

    @Test("image protocol: the state resets per chunk; T steps of the same frame average to mean · (T + 1)/2")
    func imageProtocol() throws {
        var network = Self.network()
        let extraction = FeatureExtraction(featureProtocol: .image, steps: 3, layers: ["running_sum"], chunkFrames: 2)
        var sums: [Float] = []
        var monitor = FiringRateMonitor()
        try extraction.run(model: &network, frameCount: 3, frames: Self.frames, monitor: &monitor) { _, _, _, values in
            sums += values
        }
        for f in 0..<3 {
            let expected = Self.frameMean(f) * 2
            #expect(abs(sums[f] - expected) <= 1e-5 * expected, "frame \(f): \(sums[f]) vs \(expected)")
        }
        #expect(monitor.order == ["running_sum", "fc"])
    }

    @Test("its checkpoint records family and configuration and loads through ModelLoader; another family is refused")
    func checkpointRoundTrip() throws {
        let network = Self.network()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try network.save(to: url, metadata: network.checkpointMetadata.entries)
        let (loaded, recorded) = try ModelLoader.network(TinyRecordableNetwork.self, checkpoint: url)
        #expect(recorded?.family == "tiny-test" && recorded?.configuration == network.configuration)
        #expect(loaded.fc.weight.scalars == network.fc.weight.scalars)
        #expect(throws: ModelLoadingError.self) { try ModelLoader.load(.checkpoint(url)) }
        do {
            _ = try ModelLoader.load(.checkpoint(url))
        } catch {
            guard case .metadata(_, .familyMismatch(let expected, let found)) = error else {
                Issue.record("expected a family mismatch, got \(error)")
                return
            }
            #expect(expected == "spiking-resnet" && found == "tiny-test")
        }
    }

    @Test("a training run trains it and records its family, task and test accuracy in the checkpoint")
    func trains() throws {
        let dir = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = TrainingRunTests.options(epochs: 1)
        options.modelName = "tiny-test"
        let configuration = TinyRecordableNetwork.Configuration(channels: 1, height: 32, width: 32, classes: 10)
        var run = try TrainingRun(directory: dir, options: options, task: TrainingRunTests.task) { _, rng in
            TinyRecordableNetwork(configuration: configuration, rng: &rng)
        }
        let before = run.model.fc.weight.scalars
        #expect(try run.train())
        #expect(run.model.fc.weight.scalars != before)
        let file = try SafetensorsFile(contentsOf: dir.appendingPathComponent("model.safetensors"))
        let recorded = try #require(try CheckpointMetadata<TinyRecordableNetwork.Configuration>.read(from: file.metadata))
        #expect(recorded.family == "tiny-test" && recorded.configuration == configuration && recorded.task == .video)
        #expect(recorded.testAccuracy == run.testAccuracy && recorded.testAccuracy != nil)
        #expect(ModelConfiguration(metadata: file.metadata) == nil)          // not a SpikingResNet checkpoint
    }
}
