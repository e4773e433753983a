import CortexKit
import Foundation
import Testing

@Suite("cortex train")
struct TrainCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func arguments(_ folder: URL, epochs: Int) -> [String] {
        ["train", "--model", "sew-resnet18-w4", "--task", "video", "--epochs", "\(epochs)", "--batch", "4", "--T", "2",
         "--train-examples", "8", "--test-examples", "4", "--optimizer", "adamw", "--seed", "3",
         "--movie", root.appendingPathComponent("datasets/demo-movie.npy").path, "-o", folder.path]
    }

    @Test("a tiny run writes checkpoint, state and metrics; its checkpoint feeds cortex features without --model")
    func tinyRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("train-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try CLIRunner.run(Self.arguments(folder, epochs: 2))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("test accuracy"))
        #expect(r.stderr.contains("training"))
        let csv = try String(contentsOf: folder.appendingPathComponent("metrics.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 3)
        let again = try CLIRunner.run(["train", "--resume", folder.path])
        #expect(again.status == 0 && again.stdout.contains("already done"))
        let features = folder.appendingPathComponent("f.h5")
        let f = try CLIRunner.run(["features", "--checkpoint", folder.appendingPathComponent("model.safetensors").path,
                                   "--movie", Self.root.appendingPathComponent("datasets/demo-movie.npy").path,
                                   "--layers", "sn1,avgpool", "--protocol", "image", "--T", "2", "-o", features.path])
        #expect(f.status == 0, "\(f.stderr)")
        let file = try FeatureFile(url: features)
        #expect(file.model == "sew-resnet18-w4" && file.layers.map(\.name) == ["sn1", "avgpool"] && file.frameCount == 300)
    }

    @Test("train needs a model and an output folder, or --resume")
    func usage() throws {
        let r = try CLIRunner.run(["train", "--task", "video"])
        #expect(r.status != 0 && r.stderr.contains("--resume"))
        let missing = try CLIRunner.run(["train", "--resume", "/nonexistent-run"])
        #expect(missing.status != 0 && missing.stderr.contains("options.json"))
    }
}
