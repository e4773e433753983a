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

    @Test("kill -9 during a run with augmentation, then --resume: files identical to an uninterrupted run")
    func killAndResume() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("train-kill-\(UUID())")
        defer { try? FileManager.default.removeItem(at: base) }
        func arguments(_ folder: URL) -> [String] {
            ["train", "--model", "sew-resnet18-w4", "--task", "image", "--epochs", "3", "--batch", "8", "--T", "2",
             "--train-examples", "160", "--test-examples", "16", "--optimizer", "adamw", "--seed", "5",
             "--fashion-mnist", "/usr/share/datasets/fashion-mnist", "--augment-flip", "--augment-shift", "2",
             "-o", folder.path]
        }
        let whole = base.appendingPathComponent("whole"), killed = base.appendingPathComponent("killed")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let reference = try CLIRunner.run(arguments(whole))
        #expect(reference.status == 0, "\(reference.stderr)")

        // Start the same run and SIGKILL it as soon as its first epoch is on disk.
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = arguments(killed)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let metrics = killed.appendingPathComponent("metrics.csv")
        var rowsAtKill = 0
        while process.isRunning {
            let rows = ((try? String(contentsOf: metrics, encoding: .utf8)) ?? "").split(separator: "\n").count - 1
            if rows >= 1 {
                kill(process.processIdentifier, SIGKILL)
                rowsAtKill = rows
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        #expect(rowsAtKill >= 1 && rowsAtKill < 3, "the kill came after the run finished (\(rowsAtKill) epochs)")
        let resumed = try CLIRunner.run(["train", "--resume", killed.path])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let expected = try TrainCrashTests.files(whole), found = try TrainCrashTests.files(killed)
        #expect(found.keys.sorted() == expected.keys.sorted())
        for (name, data) in expected { #expect(found[name] == data, "\(name) differs after kill -9 and --resume") }
    }

    @Test("model overrides: --width and --input-size build the overridden network; bad overrides are one-line errors")
    func overrides() throws {
        let movie = Self.root.appendingPathComponent("datasets/demo-movie.npy").path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("override-\(UUID()).h5")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["features", "--model", "sew-resnet18-w8", "--checkpoint", "random", "--width", "6",
                                   "--input-size", "32", "--layers", "sn1,layer4.1", "--movie", movie, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try FeatureFile(url: out)
        // Stem 7×7/2 on 32×32 → 6 × 16 × 16; stage 4 has 8·6 channels at 1 × 1.
        #expect(file.layers.map(\.unitShape) == [[6, 16, 16], [48, 1, 1]])
        #expect(file.model == "sew-resnet18-w8 --width 6 --input-size 32")
        let recurrent = try CLIRunner.run(["features", "--model", "lorafb-snet18-w8", "--checkpoint", "random",
                                           "--input-size", "40", "--movie", movie, "-o", out.path])
        #expect(recurrent.status != 0 && recurrent.stderr.contains("multiple of 32"))
        #expect(recurrent.stderr.split(separator: "\n").count == 1)
        let classes = try CLIRunner.run(["train", "--model", "sew-resnet18-w4", "--classes", "5", "-o", out.path])
        #expect(classes.status != 0 && classes.stderr.contains("10 classes"))
    }
}
