import CortexEngine
import CortexNumerics
import Foundation
import Testing
@testable import CortexModels

@Suite("Training runs")
struct TrainingRunTests {
    static func options(epochs: Int, architecture: Architecture = .sewResNet, optimizer: OptimizerKind = .adamw,
                        learningRate: Double = 0.01) -> TrainingOptions {
        var configuration = TinyModels.configuration(architecture)
        configuration.classes = 10
        return TrainingOptions(modelName: "tiny", configuration: configuration, task: .video, epochs: epochs, batchSize: 8,
                               steps: 3, learningRate: learningRate, optimizer: optimizer, seed: 21, trainExamples: 16,
                               testExamples: 8)
    }

    static let task = MotionTask(objects: TaskFixtures.fashion, movie: TaskFixtures.movie, seed: 5, trainCount: 16, testCount: 8)

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID())")
    }

    /// Every file under `dir` (relative path → contents).
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

    @Test("a step that cannot fit in memory is refused before the folder is made; the estimate scales with the samples")
    func memoryRefusal() throws {
        var options = Self.options(epochs: 1)
        (options.configuration.inputHeight, options.configuration.inputWidth) = (4096, 4096)
        (options.batchSize, options.steps) = (16, 1024)          // ≈ 5 TB of activations
        let dir = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try TrainingRun(directory: dir, options: options, task: Self.task)
            Issue.record("a 4096² run of batch 16 × T 1024 started")
        } catch let error as TrainingError {
            guard case .exceedsMemory(let input, 16, 1024, let needed, let limit) = error else { Issue.record("\(error)"); return }
            #expect(input.height == 4096 && needed > limit)
            #expect(error.description.contains("4096x4096") && error.description.contains("--input-size"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path))

        var rng = SplittableRandom(seed: 1)
        let tiny = SpikingResNet(configuration: Self.options(epochs: 1).configuration, rng: &rng)
        #expect(tiny.trainingBytes(samples: 24) == 3 * tiny.trainingBytes(samples: 8))
        let units = tiny.layerUnitShapes.values.map { $0.reduce(1, *) }.reduce(0, +)
        #expect(tiny.trainingBytes(samples: 1) == 12 * units + 16 * tiny.largestActivationPerSample)
    }

    @Test("a short deterministic run lowers the training loss", arguments: [OptimizerKind.adamw, .sgd])
    func lossDecreases(_ optimizer: OptimizerKind) throws {
        let dir = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = Self.options(epochs: 12, optimizer: optimizer, learningRate: optimizer == .sgd ? 0.2 : 0.02)
        options.trainExamples = 8                       // one batch, seen 12 times
        var run = try TrainingRun(directory: dir, options: options, task: Self.task)
        var losses: [Double] = []
        try run.train { if $0.batch == $0.batches { losses.append($0.loss) } }
        #expect(losses.count == 12)
        #expect(losses.last! < losses.first! - 0.15, "epoch losses \(losses)")
        let csv = try String(contentsOf: dir.appendingPathComponent("metrics.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n")
        #expect(rows.count == 13 && rows[0] == Substring(TrainingRun<SpikingResNet>.metricsHeader))
        #expect(!rows[12].hasSuffix(",,") && rows[11].hasSuffix(",,"))              // test metrics after the last epoch
    }

    @Test("resuming after an interrupted epoch gives bit-identical checkpoints and metrics", arguments: Architecture.allCases)
    func resumeIsBitIdentical(_ architecture: Architecture) throws {
        let whole = Self.temporaryFolder(), split = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: whole); try? FileManager.default.removeItem(at: split) }
        let options = Self.options(epochs: 3, architecture: architecture)
        var a = try TrainingRun(directory: whole, options: options, task: Self.task)
        #expect(try a.train())
        var b = try TrainingRun(directory: split, options: options, task: Self.task)
        #expect(try b.train(stopAfterBatches: 3) == false)          // killed in the middle of epoch 2
        var resumed = try TrainingRun(resuming: split, task: Self.task)
        #expect(resumed.epochsDone == 1)
        #expect(try resumed.train())
        #expect(try Self.files(whole) == (try Self.files(split)))
        // and a checkpoint loads without naming the model
        let file = try SafetensorsFile(contentsOf: whole.appendingPathComponent("model.safetensors"))
        #expect(ModelConfiguration(metadata: file.metadata) == options.configuration)
        let recorded = try #require(try CheckpointMetadata<ModelConfiguration>.read(from: file.metadata))
        #expect(recorded.schema == 1 && recorded.modelName == "tiny" && recorded.task == .video)
        #expect(recorded.inputNormalization == InputNormalization(channels: 1) && recorded.testAccuracy == resumed.testAccuracy)
    }

    @Test("a non-finite loss stops training with a message and keeps the last good checkpoint")
    func nonFiniteLoss() throws {
        let dir = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var run = try TrainingRun(directory: dir, options: Self.options(epochs: 1), task: Self.task)
        try run.train()
        let good = try Self.files(dir)
        // continue the finished run for more epochs on data that produces NaN
        var options = try TrainingRun<SpikingResNet>.storedOptions(in: dir)
        options.epochs = 3
        try JSONEncoder().encode(options).write(to: dir.appendingPathComponent("options.json"))
        var poisoned = try TrainingRun(resuming: dir, task: Self.task)
        // diverged weights: a NaN bias makes every logit, and the loss, NaN (NaN inputs would not:
        // a NaN membrane never crosses the threshold, so spikes stay finite)
        poisoned.model.fc.bias = Tensor(shape: [10], repeating: .nan)
        #expect(throws: TrainingError.nonFiniteLoss(epoch: 1, batch: 0, keptEpoch: 1)) { try poisoned.train() }
        let after = try Self.files(dir)
        #expect(after.keys.sorted() == good.keys.sorted())
        for (name, data) in good where name != "options.json" { #expect(after[name] == data, "\(name)") }
    }

    @Test("SGD with momentum follows PyTorch's update on a known gradient")
    func sgdUpdate() {
        var model = TinyModels.model(.sewResNet)
        let before = model.fc.bias!.scalars
        var optimizer = ResumableOptimizer(kind: .sgd, weightDecay: 0)
        let g = Tensor<Float>(shape: [3], scalars: [1, -2, 0.5])
        optimizer.step(&model, gradients: ["fc.bias": g], learningRate: 0.1)
        optimizer.step(&model, gradients: ["fc.bias": g], learningRate: 0.1)
        // b₁ = g, b₂ = 0.9·g + g = 1.9·g;  p = p₀ − 0.1·(1 + 1.9)·g
        for i in 0..<3 { #expect(abs(model.fc.bias!.scalars[i] - (before[i] - 0.29 * g.scalars[i])) < 1e-6) }
    }
}
