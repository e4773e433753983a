import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

@Suite("Committed demo checkpoints")
struct CommittedCheckpointTests {
    static let names = ["sew-resnet18-w8-video", "lorafb-snet18-w8-video", "sew-resnet18-w8-image", "lorafb-snet18-w8-image"]

    @Test("each loads from its own metadata, is at most 2 MB, and its metrics end with a test accuracy above chance",
          arguments: names)
    func loads(_ name: String) throws {
        let folder = TaskFixtures.root.appendingPathComponent("datasets/checkpoints/\(name)")
        let url = folder.appendingPathComponent("model.safetensors")
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
        #expect(size <= 2_000_000)
        let file = try SafetensorsFile(contentsOf: url)
        let configuration = try #require(ModelConfiguration(metadata: file.metadata))
        #expect(configuration.isRecurrent == name.hasPrefix("lorafb"))
        var rng = SplittableRandom(seed: 0)
        var model = SpikingResNet(configuration: configuration, rng: &rng)
        try model.load(stateDict: file)
        let csv = try String(contentsOf: folder.appendingPathComponent("metrics.csv"), encoding: .utf8)
        let last = try #require(csv.split(separator: "\n").last).split(separator: ",", omittingEmptySubsequences: false)
        let accuracy = try #require(Double(last[6]))
        #expect(accuracy > 0.3, "\(name) test accuracy \(accuracy)")
    }
}
