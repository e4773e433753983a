import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

/// The run-folder layout: epochs committed as units, kept epochs, leftovers of an unfinished epoch
/// cleaned on resume, old folders taken over, new runs never mixed with old ones.
@Suite("Run folders")
struct RunFolderTests {
    typealias Run = TrainingRun<SpikingResNet>

    @Test("every epoch is a folder (epoch 0: the initial weights), run.json names the last, the copies equal it")
    func layout() throws {
        let dir = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let options = TrainingRunTests.options(epochs: 3)
        var run = try Run(directory: dir, options: options, task: TrainingRunTests.task)
        let initial = run.model.stateDict().tensors
        try run.train()
        let files = try TrainingRunTests.files(dir)
        let epochs = (0...3).map { String(format: "epochs/epoch-%04d", $0) }
        let expected = ["options.json", "run.json", "model.safetensors", "metrics.csv"]
            + epochs.flatMap { ["\($0)/model.safetensors", "\($0)/training-state.safetensors", "\($0)/metrics.csv"] }
        #expect(files.keys.sorted() == expected.sorted())
        #expect(try RunFolder(dir).finishedEpoch() == 3)
        #expect(files["model.safetensors"] == files["epochs/epoch-0003/model.safetensors"])
        #expect(files["metrics.csv"] == files["epochs/epoch-0003/metrics.csv"])
        let zero = try SafetensorsFile(contentsOf: dir.appendingPathComponent("epochs/epoch-0000/model.safetensors"))
        #expect(zero.tensors == initial && zero.metadata["cortexkit.epoch"] == "0")
        let one = try SafetensorsFile(contentsOf: dir.appendingPathComponent("epochs/epoch-0001/model.safetensors"))
        #expect(one.metadata["cortexkit.epoch"] == "1" && one.tensors != initial)
    }

    @Test("with pruneOtherEpochs only the kept epochs and the latest stay")
    func pruning() throws {
        let dir = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = TrainingRunTests.options(epochs: 4)
        options.pruneOtherEpochs = true
        options.keptEpochs = [0, 1]
        var run = try Run(directory: dir, options: options, task: TrainingRunTests.task)
        try run.train()
        #expect(RunFolder(dir).epochFolders() == [0, 1, 4])
    }

    @Test("resume deletes an unfinished epoch's leftovers and ends with the files of an uninterrupted run")
    func leftovers() throws {
        let whole = TrainingRunTests.temporaryFolder(), crashed = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: whole); try? FileManager.default.removeItem(at: crashed) }
        let options = TrainingRunTests.options(epochs: 3)
        var a = try Run(directory: whole, options: options, task: TrainingRunTests.task)
        try a.train()
        var b = try Run(directory: crashed, options: options, task: TrainingRunTests.task)
        #expect(try b.train(stopAfterBatches: 3) == false)                  // epoch 1 finished (2 batches per epoch)
        #expect(try RunFolder(crashed).finishedEpoch() == 1)
        // What a crash in the middle of committing epochs 2 and 3 leaves: epoch 2 renamed but not in
        // run.json (here with wrong contents), epoch 3 half-written, a temporary copy.
        let fm = FileManager.default
        try fm.copyItem(at: whole.appendingPathComponent("epochs/epoch-0001"), to: crashed.appendingPathComponent("epochs/epoch-0002"))
        try fm.createDirectory(at: crashed.appendingPathComponent("epochs/epoch-0003.partial"), withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: crashed.appendingPathComponent("epochs/epoch-0003.partial/model.safetensors"))
        try Data([1, 2, 3]).write(to: crashed.appendingPathComponent("model.safetensors.partial"))
        var resumed = try Run(resuming: crashed, task: TrainingRunTests.task)
        #expect(resumed.epochsDone == 1)
        #expect(!fm.fileExists(atPath: crashed.appendingPathComponent("epochs/epoch-0002").path))
        #expect(!fm.fileExists(atPath: crashed.appendingPathComponent("model.safetensors.partial").path))
        try resumed.train()
        #expect(try TrainingRunTests.files(whole) == (try TrainingRunTests.files(crashed)))
    }

    @Test("run.json names the epoch: a crash between the epoch folder and run.json resumes (model and state never disagree)")
    func manifestDecides() throws {
        let whole = TrainingRunTests.temporaryFolder(), crashed = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: whole); try? FileManager.default.removeItem(at: crashed) }
        let options = TrainingRunTests.options(epochs: 2)
        var a = try Run(directory: whole, options: options, task: TrainingRunTests.task)
        try a.train()
        var b = try Run(directory: crashed, options: options, task: TrainingRunTests.task)
        var steps: [String] = []
        try b.train(committed: { step, epoch in steps.append("\(step.rawValue)@\(epoch)") })
        #expect(steps == ["epoch-written@0", "epoch-renamed@0", "manifest-written@0",
                          "epoch-written@1", "epoch-renamed@1", "manifest-written@1", "model-copied@1", "metrics-copied@1",
                          "epoch-written@2", "epoch-renamed@2", "manifest-written@2", "model-copied@2", "metrics-copied@2"])
        // Put run.json back to epoch 1 and the copies to epoch 1's, as after a crash before run.json was replaced.
        let folder = RunFolder(crashed)
        try folder.manifestData(epoch: 1).write(to: folder.manifest)
        try Data(contentsOf: folder.epoch(1).appendingPathComponent("model.safetensors")).write(to: folder.model)
        var resumed = try Run(resuming: crashed, task: TrainingRunTests.task)
        #expect(resumed.epochsDone == 1)
        try resumed.train()
        #expect(try TrainingRunTests.files(whole) == (try TrainingRunTests.files(crashed)))
    }

    @Test("a folder written before run.json (model and state beside options.json) is taken over and resumes")
    func legacyFolder() throws {
        let whole = TrainingRunTests.temporaryFolder(), old = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: whole); try? FileManager.default.removeItem(at: old) }
        let options = TrainingRunTests.options(epochs: 3)
        var a = try Run(directory: whole, options: options, task: TrainingRunTests.task)
        try a.train()
        let fm = FileManager.default
        try fm.createDirectory(at: old, withIntermediateDirectories: true)
        try fm.copyItem(at: whole.appendingPathComponent("options.json"), to: old.appendingPathComponent("options.json"))
        for name in ["model.safetensors", "training-state.safetensors", "metrics.csv"] {
            try fm.copyItem(at: whole.appendingPathComponent("epochs/epoch-0002/\(name)"), to: old.appendingPathComponent(name))
        }
        var resumed = try Run(resuming: old, task: TrainingRunTests.task)
        #expect(resumed.epochsDone == 2 && !fm.fileExists(atPath: old.appendingPathComponent("training-state.safetensors").path))
        try resumed.train()
        var expected = try TrainingRunTests.files(whole)
        for k in [0, 1] { expected = expected.filter { !$0.key.hasPrefix(String(format: "epochs/epoch-%04d/", k)) } }
        #expect(try TrainingRunTests.files(old) == expected)
    }

    @Test("a new run refuses a folder holding files, unless replacing, which removes the old run's epochs")
    func existingFolder() throws {
        let dir = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var first = try Run(directory: dir, options: TrainingRunTests.options(epochs: 2), task: TrainingRunTests.task)
        try first.train()
        var other = TrainingRunTests.options(epochs: 1)
        other.seed = 99
        #expect {
            _ = try Run(directory: dir, options: other, task: TrainingRunTests.task)
        } throws: { error in
            guard case .runFolderNotEmpty(let path, let entries)? = error as? TrainingError else { return false }
            return path == dir.path && entries.contains("options.json")
        }
        _ = try Run(directory: dir, options: other, task: TrainingRunTests.task, replacing: true)
        // killed before its first epoch: resuming continues the new run from its own seed
        var resumed = try Run(resuming: dir, task: TrainingRunTests.task)
        #expect(resumed.epochsDone == 0 && resumed.options == other && RunFolder(dir).epochFolders().isEmpty)
        try resumed.train()
        let clean = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: clean) }
        var reference = try Run(directory: clean, options: other, task: TrainingRunTests.task)
        try reference.train()
        #expect(try TrainingRunTests.files(dir) == (try TrainingRunTests.files(clean)))
    }

    @Test("options the task cannot serve are a typed error, not a trap")
    func taskMismatch() throws {
        var options = TrainingRunTests.options(epochs: 1)
        options.trainExamples = 64                           // the task has 16
        let dir = TrainingRunTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: TrainingError.taskMismatch(reason: "the options ask for 64 training examples; the task has 16")) {
            _ = try Run(directory: dir, options: options, task: TrainingRunTests.task)
        }
    }
}
