import CortexKit
import Foundation
import Testing

/// `cortex train` killed at every step of an epoch's commit (debug builds honour
/// `CORTEXKIT_DEBUG_EXIT_AFTER=<step>@<epoch>`, ending the process there with status 86), then
/// `--resume`: the run folder ends bit-identical to an uninterrupted run's.
@Suite("cortex train: crash consistency and run-folder safety")
struct TrainCrashTests {
    static var isDebugBuild: Bool {
        #if DEBUG
        return true
        #else
        return false
        #endif
    }

    static func arguments(_ folder: URL, seed: Int = 3) -> [String] {
        ["train", "--model", "sew-resnet18-w4", "--task", "video", "--epochs", "3", "--batch", "4", "--T", "2",
         "--train-examples", "8", "--test-examples", "4", "--optimizer", "adamw", "--seed", "\(seed)",
         "--prune-epochs", "--keep-epochs", "0",
         "--movie", TrainCommandTests.root.appendingPathComponent("datasets/demo-movie.npy").path, "-o", folder.path]
    }

    static func temporary(_ label: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("train-\(label)-\(UUID())")
    }

    /// Every file under `dir`, relative path → contents.
    static func files(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let base = dir.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [:] }
        while let url = enumerator.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            out[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
        }
        return out
    }

    /// The uninterrupted run, made once.
    static let reference: URL = {
        let folder = temporary("reference")
        _ = try? CLIRunner.run(arguments(folder))
        return folder
    }()

    static let crashPoints = ["epoch-written@0", "epoch-renamed@0", "manifest-written@0"]
        + EpochCommitStep.allCases.map { "\($0.rawValue)@2" } + ["epoch-written@3", "metrics-copied@3"]

    @Test("killed right after each step of an epoch's commit, --resume gives the uninterrupted run's files",
          .enabled(if: isDebugBuild), arguments: crashPoints)
    func crashAtEveryCommitStep(_ point: String) throws {
        let folder = Self.temporary("crash")
        defer { try? FileManager.default.removeItem(at: folder) }
        let crashed = try CLIRunner.run(Self.arguments(folder), environment: ["CORTEXKIT_DEBUG_EXIT_AFTER": point])
        #expect(crashed.status == 86, "did not stop at \(point): \(crashed.stderr)")
        let resumed = try CLIRunner.run(["train", "--resume", folder.path])
        #expect(resumed.status == 0, "\(point): \(resumed.stderr)")
        let expected = try Self.files(Self.reference), found = try Self.files(folder)
        #expect(found.keys.sorted() == expected.keys.sorted(), "\(point)")
        for (name, data) in expected { #expect(found[name] == data, "\(name) differs after a crash at \(point)") }
    }

    @Test("the uninterrupted run keeps epoch 0 and the latest epoch (--keep-epochs 0 --prune-epochs)")
    func referenceLayout() throws {
        let names = try Self.files(Self.reference).keys.sorted()
        #expect(names == ["epochs/epoch-0000/metrics.csv", "epochs/epoch-0000/model.safetensors",
                          "epochs/epoch-0000/training-state.safetensors", "epochs/epoch-0003/metrics.csv",
                          "epochs/epoch-0003/model.safetensors", "epochs/epoch-0003/training-state.safetensors",
                          "metrics.csv", "model.safetensors", "options.json", "run.json"])
    }

    @Test("-o over a folder with files is refused without --force; a replaced run killed before its first epoch resumes as the new run",
          .enabled(if: isDebugBuild))
    func existingFolder() throws {
        let folder = Self.temporary("existing")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try CLIRunner.run(Self.arguments(folder, seed: 11))
        #expect(first.status == 0, "\(first.stderr)")
        let refused = try CLIRunner.run(Self.arguments(folder))
        #expect(refused.status != 0 && refused.stderr.contains("not empty") && refused.stderr.contains("--force"), "\(refused.stderr)")
        let replaced = try CLIRunner.run(Self.arguments(folder) + ["--force"], environment: ["CORTEXKIT_DEBUG_EXIT_AFTER": "epoch-written@0"])
        #expect(replaced.status == 86, "\(replaced.stderr)")
        let resumed = try CLIRunner.run(["train", "--resume", folder.path])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try Self.files(folder) == (try Self.files(Self.reference)), "the resumed run is not the new (seed 3) run")
    }

    @Test("--resume refuses options that differ from the stored ones, naming each key; equal ones are accepted")
    func resumeContradictions() throws {
        let folder = Self.reference
        let r = try CLIRunner.run(["train", "--resume", folder.path, "--epochs", "5", "--seed", "9", "--T", "2"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("options.json") && r.stderr.contains("epochs (3 → 5)") && r.stderr.contains("seed (3 → 9)"), "\(r.stderr)")
        #expect(!r.stderr.contains("steps"))
        let model = try CLIRunner.run(["train", "--resume", folder.path, "--model", "lorafb-snet18-w4"])
        #expect(model.status != 0 && model.stderr.contains("configuration.architecture") && model.stderr.contains("model_name"), "\(model.stderr)")
        let same = try CLIRunner.run(["train", "--resume", folder.path, "--epochs", "3", "--model", "sew-resnet18-w4"])
        #expect(same.status == 0 && same.stdout.contains("already done"), "\(same.stderr)")
    }

    @Test("--resume of an options.json with a zero batch size is a one-line error naming file, key and range (no trap)")
    func badStoredOptions() throws {
        let folder = Self.temporary("bad-options")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.reference.appendingPathComponent("options.json")))
                                  as? [String: Any])
        object["batch_size"] = 0
        try JSONSerialization.data(withJSONObject: object).write(to: folder.appendingPathComponent("options.json"))
        let r = try CLIRunner.run(["train", "--resume", folder.path])
        #expect(r.status == 1, "\(r.status): \(r.stderr)")
        #expect(r.stderr.contains("options.json: 'batch_size' is 0; allowed: 1 or more"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
