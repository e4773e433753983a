import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

@Suite("Committed demo checkpoints")
struct CommittedCheckpointTests {
    static let names = ["sew-resnet18-w8-video", "lorafb-snet18-w8-video", "sew-resnet18-w8-image", "lorafb-snet18-w8-image",
                        "lorafb-snet18-w8-discontinuous"]

    /// The last metrics.csv row's test accuracy of a committed checkpoint.
    static func testAccuracy(_ name: String) throws -> Double {
        let folder = TaskFixtures.root.appendingPathComponent("datasets/checkpoints/\(name)")
        let csv = try String(contentsOf: folder.appendingPathComponent("metrics.csv"), encoding: .utf8)
        let last = try #require(csv.split(separator: "\n").last).split(separator: ",", omittingEmptySubsequences: false)
        return try #require(Double(last[6]))
    }

    @Test("each loads from its own metadata, is at most 2 MB, and its metrics end with a test accuracy above chance",
          arguments: names)
    func loads(_ name: String) throws {
        let folder = TaskFixtures.root.appendingPathComponent("datasets/checkpoints/\(name)")
        let url = folder.appendingPathComponent("model.safetensors")
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
        #expect(size <= 2_000_000)
        let file = try SafetensorsFile(contentsOf: url)
        let configuration = try #require(ModelConfiguration(metadata: file.metadata))
        // Each records the schema-1 record: its training task (the folder's suffix) and input normalisation.
        let recorded = try #require(try CheckpointMetadata<ModelConfiguration>.read(from: file.metadata))
        let task: TaskChoice = name.hasSuffix("image") ? .image : name.hasSuffix("discontinuous") ? .videoDiscontinuous : .video
        #expect(recorded.schema == 1 && recorded.task == task && recorded.inputNormalization == InputNormalization(channels: 1))
        #expect(recorded.testAccuracy == (try Self.testAccuracy(name)))
        #expect(configuration.isRecurrent == name.hasPrefix("lorafb"))
        var rng = SplittableRandom(seed: 0)
        var model = SpikingResNet(configuration: configuration, rng: &rng)
        try model.load(stateDict: file)
        let accuracy = try Self.testAccuracy(name)
        #expect(accuracy > (name.hasSuffix("discontinuous") ? 0.15 : 0.3), "\(name) test accuracy \(accuracy)")
    }

    @Test("the spiking transformers' checkpoints: at most 1 MB, their family's record (image task, T = 4), accuracy above chance",
          arguments: ["spikformer-2-32-image", "spike-driven-transformer-2-32-image"])
    func transformer(_ name: String) throws {
        let url = TaskFixtures.root.appendingPathComponent("datasets/checkpoints/\(name)/model.safetensors")
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
        #expect(size <= 1_000_000)
        let file = try SafetensorsFile(contentsOf: url)
        let family = name.hasPrefix("spikformer") ? "spikformer" : "spike-driven-transformer"
        let recorded = try #require(try CheckpointMetadata<SpikingTransformerConfiguration>.read(from: file.metadata, family: family))
        #expect(recorded.schema == 1 && recorded.task == .image && recorded.trainedSteps == 4)
        #expect(recorded.configuration == TransformerRegistry.configuration(named: String(name.dropLast("-image".count))))
        #expect(recorded.testAccuracy == (try Self.testAccuracy(name)))
        let loaded = try ModelLoader.loadAnyFamily(.checkpoint(url))
        #expect(loaded.network.familyName == family && loaded.recordedProtocol == .image)
        #expect(try Self.testAccuracy(name) > 0.3)
    }

    @Test("the discontinuous control (shuffled frames) cannot learn the motion labels as well as the same network on continuous clips")
    func discontinuousControl() throws {
        let control = try Self.testAccuracy("lorafb-snet18-w8-discontinuous")
        let continuous = try Self.testAccuracy("lorafb-snet18-w8-video")
        #expect(control < continuous - 0.1, "control \(control) vs continuous \(continuous)")
    }
}
