import CortexKit
import Foundation
import Testing

/// A checkpoint is never run as another model than it records; its recorded task picks the
/// feature protocol; `--as-is` movies set the input size.
@Suite("checkpoints: recorded model, task and input size")
struct CheckpointModelTests {
    static let root = TrainCommandTests.root
    static let movie = root.appendingPathComponent("datasets/demo-movie.npy").path
    static let sew = root.appendingPathComponent("datasets/checkpoints/sew-resnet18-w8-video/model.safetensors").path
    /// The same weights with the metadata CortexKit wrote before checkpoint schema 1 (no task).
    static let legacySew = root.appendingPathComponent("Tests/CortexModelsTests/Fixtures/legacy_sew_resnet18_w8_video.safetensors").path

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID())-\(name)")
    }

    @Test("--model or an override contradicting the checkpoint fails, naming both configurations on a line each",
          arguments: [["--model", "lorafb-snet18-w8"], ["--width", "4"], ["--neuron", "if"], ["--model", "sew-resnet18-w4"]])
    func contradiction(_ flags: [String]) throws {
        let out = Self.temporary("f.h5")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["features", "--checkpoint", Self.sew, "--movie", Self.movie, "--layers", "sn1", "-o", out.path] + flags)
        #expect(r.status != 0, "\(flags) ran")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let lines = r.stderr.split(separator: "\n")
        let recorded = lines.first { $0.contains("recorded:") }, requested = lines.first { $0.contains("requested:") }
        #expect(recorded?.contains("sew-resnet18-w8 (sew-resnet, depth 18, width 8, input 1x64x64, lif, ADD, 10 classes)") == true,
                "\(r.stderr)")
        #expect(requested != nil && requested != recorded, "\(r.stderr)")
        let compare = try CLIRunner.run(["compare", "--nwb", Self.root.appendingPathComponent("datasets/demo-session.nwb").path,
                                         "--checkpoint", Self.sew, "--movie", Self.movie, "--layers", "sn1"] + flags)
        #expect(compare.status != 0 && compare.stderr.contains("requested:"), "\(compare.stderr)")
    }

    @Test("flags restating the checkpoint's model, or another input size, are accepted")
    func restated() throws {
        let out = Self.temporary("f.h5")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["features", "--checkpoint", Self.sew, "--movie", Self.movie, "--layers", "sn1",
                                   "--model", "sew-resnet18-w8", "--width", "8", "--input-size", "32", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FeatureFile(url: out).layers.map(\.unitShape) == [[8, 16, 16]])
    }

    /// The committed SEW-ResNet rewritten to record `task` (schema 1).
    static func checkpoint(task: TaskChoice) throws -> URL {
        let loaded = try ModelLoader.load(.checkpoint(URL(fileURLWithPath: sew)))
        let url = temporary("\(task.rawValue).safetensors")
        let record = CheckpointMetadata(family: SpikingResNet.family, configuration: loaded.configuration,
                                        modelName: "sew-resnet18-w8", task: task)
        try loaded.network.save(to: url, metadata: record.entries)
        return url
    }

    @Test("without --protocol the checkpoint's task picks it (image → image, video → video); --protocol wins; legacy says default",
          arguments: [TaskChoice.image, .video, .videoDiscontinuous])
    func protocolFromTask(_ task: TaskChoice) throws {
        let checkpoint = try Self.checkpoint(task: task)
        let out = Self.temporary("f.h5")
        defer { try? FileManager.default.removeItem(at: checkpoint); try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["features", "--checkpoint", checkpoint.path, "--movie", Self.movie, "--layers", "sn1",
                                   "--T", "2", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let expected = task == .image ? "image(T=2)" : "video"
        #expect(try FeatureFile(url: out).featureProtocol == expected)
        #expect(r.stdout.contains("protocol \(expected) (the checkpoint's task: \(task.rawValue))"), "\(r.stdout)")
        let forced = try CLIRunner.run(["features", "--checkpoint", checkpoint.path, "--movie", Self.movie, "--layers", "sn1",
                                        "--protocol", task == .image ? "video" : "image", "--T", "2", "-o", out.path])
        #expect(forced.status == 0, "\(forced.stderr)")
        let forcedProtocol = try FeatureFile(url: out).featureProtocol
        #expect(forcedProtocol == (task == .image ? "video" : "image(T=2)"))
        let compare = try CLIRunner.run(["compare", "--nwb", Self.root.appendingPathComponent("datasets/demo-session.nwb").path,
                                         "--checkpoint", checkpoint.path, "--movie", Self.movie, "--layers", "sn1", "--T", "2",
                                         "--verbose"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stderr.contains("sew-resnet18-w8: protocol \(expected) (the checkpoint's task: \(task.rawValue))"), "\(compare.stderr)")
    }

    @Test("a checkpoint recording no task gets the video protocol, and the line says so")
    func legacyDefault() throws {
        let out = Self.temporary("f.h5")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["features", "--checkpoint", Self.legacySew, "--movie", Self.movie, "--layers", "sn1", "-o", out.path])
        #expect(r.status == 0 && r.stdout.contains("protocol video (default: the checkpoint records no task)"), "\(r.stdout)\(r.stderr)")
    }

    @Test("a trained checkpoint records its task")
    func trainingRecordsTask() throws {
        let folder = Self.temporary("run")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try CLIRunner.run(["train", "--model", "sew-resnet18-w4", "--task", "video-discontinuous", "--epochs", "1",
                                   "--batch", "4", "--T", "2", "--train-examples", "4", "--test-examples", "4",
                                   "--movie", Self.movie, "-o", folder.path])
        #expect(r.status == 0, "\(r.stderr)")
        let loaded = try ModelLoader.load(.checkpoint(folder.appendingPathComponent("model.safetensors")))
        #expect(loaded.task == .videoDiscontinuous)
    }

    /// A float32 frames × C × H × W movie.
    static func asIsMovie(side: Int) throws -> URL {
        let url = temporary("as-is-\(side).npy")
        var rng = SplittableRandom(seed: 1)
        try NPYFile.write(NDArray<Double>.normal(shape: [3, 1, side, side], using: &rng).map { Float($0) }, to: url)
        return url
    }

    @Test("--as-is takes the input size from the movie's frames; LoRaFB-SNet refuses a side that is not a multiple of 32")
    func asIsSize() throws {
        let small = try Self.asIsMovie(side: 32), odd = try Self.asIsMovie(side: 40)
        let out = Self.temporary("f.h5")
        defer { for u in [small, odd, out] { try? FileManager.default.removeItem(at: u) } }
        let r = try CLIRunner.run(["features", "--model", "sew-resnet18-w8", "--checkpoint", "random", "--as-is",
                                   "--movie", small.path, "--layers", "sn1", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try FeatureFile(url: out)
        #expect(file.layers.map(\.unitShape) == [[8, 16, 16]] && file.model == "sew-resnet18-w8 --input-size 32")
        let trained = try CLIRunner.run(["features", "--checkpoint", Self.sew, "--as-is", "--movie", small.path, "--layers", "sn1",
                                         "-o", out.path])
        #expect(trained.status == 0, "\(trained.stderr)")
        let recurrent = try CLIRunner.run(["features", "--model", "lorafb-snet18-w8", "--checkpoint", "random", "--as-is",
                                           "--movie", odd.path, "-o", out.path])
        #expect(recurrent.status != 0 && recurrent.stderr.contains("multiple of 32"), "\(recurrent.stderr)")
    }
}
