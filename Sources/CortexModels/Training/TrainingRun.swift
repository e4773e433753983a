import CortexEngine
import CortexNumerics
import Foundation

/// One progress report, after every batch.
public struct TrainingProgress: Sendable {
    public var epoch: Int
    public var epochs: Int
    public var batch: Int
    public var batches: Int
    /// Mean loss and accuracy over the epoch's batches so far.
    public var loss: Double
    public var accuracy: Double
    public var learningRate: Double
}

/// A training run in a folder (``RunFolder``: options.json, run.json naming the last finished
/// epoch, `epochs/epoch-000k/` with each kept epoch's model, optimiser state and metrics, and
/// copies of the latest `model.safetensors` and `metrics.csv`), resumable bit for bit after a
/// crash at any instant. Each epoch is committed as one unit: its files first, the manifest
/// renamed last (``EpochCommitStep``). The model's metadata holds the ``CheckpointMetadata``
/// (family, configuration, name, task, input normalisation, and the test accuracy once the last
/// epoch is done) and the epoch.
///
/// Results depend only on the options: the example order of epoch e is a permutation drawn from
/// `SplittableRandom(seed).derive(stream: e)`, the initial weights from `seed`, examples are pure
/// functions of their index, and the learning rate is a function of the step.
///
/// Any ``RecordableNetwork`` trains: the generic initialisers take a function building the network
/// from the options and the run's seeded generator; `TrainingRun(directory:options:task:)` and
/// `TrainingRun(resuming:task:)` build the ``SpikingResNet`` of `options.configuration`.
public struct TrainingRun<Network: RecordableNetwork> {
    /// Builds the network to train from the run's options, drawing its initial weights from the generator.
    public typealias NetworkBuilder = (TrainingOptions, inout SplittableRandom) -> Network

    public let directory: URL
    public let options: TrainingOptions
    public let task: any TrainingTask
    public internal(set) var model: Network
    public internal(set) var optimizer: ResumableOptimizer
    /// Finished epochs.
    public internal(set) var epochsDone: Int
    /// The epoch run.json names (`nil` until the initial weights are committed as epoch 0).
    public internal(set) var committedEpoch: Int?
    /// metrics.csv data rows of the finished epochs.
    public internal(set) var metricsRows: [String]

    /// Test accuracy after the last epoch (recorded in the checkpoint; `nil` before).
    public internal(set) var testAccuracy: Double?

    /// The contrastive losses' projection head (``ProjectionHead``; `nil` for other losses).
    public internal(set) var projectionHead: Linear<Float>?

    /// Pruning masks from the starting point (``TrainingOptions/startingPoint``): pruned weights
    /// get no gradient and stay exactly zero; the checkpoints hold them (`nil`: none).
    public internal(set) var masks: PruningMasks?

    public static var metricsHeader: String { "epoch,steps,learning_rate,train_loss,train_accuracy,test_loss,test_accuracy" }

    /// A new run: the folder is created and options.json written; the initial weights become
    /// epoch 0 when ``train(stopAfterBatches:progress:committed:)`` starts.
    /// - Parameters:
    ///   - network: builds the network (its input shape must be the configuration's,
    ///     which the task's batches follow).
    ///   - replacing: delete the run files already in `directory` (otherwise a folder holding
    ///     anything is refused, so a new run never mixes with an old one).
    /// - Throws: ``TrainingError/invalidOptions(file:_:)``, ``TrainingError/taskMismatch(reason:)``,
    ///   ``TrainingError/runFolderNotEmpty(path:entries:)``, file-system errors.
    public init(directory: URL, options: TrainingOptions, task: any TrainingTask, replacing: Bool = false,
                network: NetworkBuilder) throws {
        let folder = RunFolder(directory)
        do { try options.validate() } catch { throw TrainingError.invalidOptions(file: folder.options.path, error) }
        try Self.check(options, against: task)
        let existing = folder.entries()
        if !existing.isEmpty {
            guard replacing else { throw TrainingError.runFolderNotEmpty(path: directory.path, entries: existing) }
            try folder.removeRun()
        }
        try self.init(epochZero: directory, options: options, task: task, network: network)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try RunFolder.atomicWrite(try encoder.encode(options), to: folder.options)
    }

    /// Refuses options the task cannot serve (instead of trapping on a slice or a label).
    static func check(_ options: TrainingOptions, against task: any TrainingTask) throws(TrainingError) {
        guard task.classes == options.configuration.classes else {
            throw .taskMismatch(reason: "the task has \(task.classes) classes, the model \(options.configuration.classes)")
        }
        let needed = options.batchesPerEpoch * options.batchSize
        guard task.count(.train) >= needed else {
            throw .taskMismatch(reason: "the options ask for \(needed) training examples; the task has \(task.count(.train))")
        }
    }

    /// The run before its first epoch: weights from the seed (or the starting point, with its
    /// masks), a fresh optimizer (files untouched).
    init(epochZero directory: URL, options: TrainingOptions, task: any TrainingTask, network: NetworkBuilder) throws {
        self.directory = directory
        self.options = options
        self.task = task
        var rng = SplittableRandom(seed: options.seed)
        model = network(options, &rng)
        precondition(model.inputShape == options.configuration.inputShape,
                     "TrainingRun: the network takes \(model.inputShape) frames, the task makes \(options.configuration.inputShape)")
        let samples = options.batchSize.multipliedClamped(options.loss?.usesTwoViews == true ? 2 : 1).multipliedClamped(options.steps)
        let (needed, limit) = (model.trainingBytes(samples: samples), MemoryEstimate.defaultLimit)
        guard needed <= limit else {
            throw TrainingError.exceedsMemory(input: model.inputShape, batch: options.batchSize, steps: options.steps,
                                              needed: needed, limit: limit)
        }
        optimizer = ResumableOptimizer(kind: options.optimizer, weightDecay: options.weightDecay)
        projectionHead = ProjectionHead.make(for: model, options: options)
        epochsDone = 0
        committedEpoch = nil
        metricsRows = []
        if let start = options.startingPoint { try loadStartingPoint(RunFolder.resolve(start, in: directory)) }
    }

    /// Trains the remaining epochs, committing each (and first the initial weights as epoch 0).
    ///
    /// - Parameters:
    ///   - stopAfterBatches: stop (as if killed) after this many batches of this call,
    ///     without writing a checkpoint — for testing resumption. Returns `false` when stopped.
    ///   - committed: called after each step of an epoch's commit with the epoch number (a test
    ///     can end the process there to check crash consistency).
    @discardableResult
    ///   - afterEpoch: called with the finished epoch and the network after each epoch's commit;
    ///     returning `true` stops the run there (returns `false`), e.g. an early-bird ticket search.
    public mutating func train(stopAfterBatches: Int? = nil, progress: (TrainingProgress) -> Void = { _ in },
                               committed: (EpochCommitStep, Int) -> Void = { _, _ in },
                               afterEpoch: (Int, Network) throws -> Bool = { _, _ in false }) throws -> Bool {
        if committedEpoch == nil { try commitEpoch(committed) }
        let batches = options.batchesPerEpoch
        let schedule = options.schedule
        let (task, options) = (self.task, self.options)
        let prefetcher = BatchPrefetcher()
        var batchesThisCall = 0
        while epochsDone < options.epochs {
            let epoch = epochsDone
            var order = Array(0..<min(options.trainExamples, task.count(.train)))
            var rng = SplittableRandom(seed: options.seed).derive(stream: UInt64(epoch))
            order.shuffle(using: &rng)
            func indices(_ b: Int) -> [Int] { Array(order[(b * options.batchSize)..<((b + 1) * options.batchSize)]) }
            let first = indices(0)
            prefetcher.start { TrainingData.trainBatch(task: task, options: options, indices: first, epoch: epoch) }
            var lossSum = 0.0, correct = 0, seen = 0
            var rate = 0.0
            for b in 0..<batches {
                let prepared = prefetcher.take()
                if b + 1 < batches {
                    let next = indices(b + 1)
                    prefetcher.start { TrainingData.trainBatch(task: task, options: options, indices: next, epoch: epoch) }
                }
                let step = epoch * batches + b
                rate = schedule.rate(at: step)
                let (loss, hits) = trainStep(prepared, learningRate: rate, step: step)
                guard loss.isFinite else {
                    if b + 1 < batches { _ = prefetcher.take() }
                    throw TrainingError.nonFiniteLoss(epoch: epoch, batch: b, keptEpoch: epochsDone)
                }
                lossSum += Double(loss) * Double(prepared.labels.count)
                correct += hits
                seen += prepared.labels.count
                progress(TrainingProgress(epoch: epoch, epochs: options.epochs, batch: b + 1, batches: batches,
                                          loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen),
                                          learningRate: rate))
                batchesThisCall += 1
                if let stopAfterBatches, batchesThisCall >= stopAfterBatches {
                    if b + 1 < batches { _ = prefetcher.take() }
                    return false
                }
            }
            epochsDone += 1
            var row = "\(epochsDone),\(epochsDone * batches),\(rate),\(lossSum / Double(seen)),\(Double(correct) / Double(seen))"
            if epochsDone == options.epochs {
                let (testLoss, testAccuracy) = evaluate(examples: options.testExamples)
                row += ",\(testLoss),\(testAccuracy)"
                self.testAccuracy = testAccuracy
            } else {
                row += ",,"
            }
            metricsRows.append(row)
            try commitEpoch(committed)
            if epochsDone < options.epochs, try afterEpoch(epochsDone, model) { return false }
        }
        return true
    }

    /// Predictions (arg-max of each row of `[B, K]` logits, first on ties; NaN rows count as 0) equal to the labels.
    static func correct(_ logits: Tensor<Float>, _ labels: [Int]) -> Int { TaskEvaluation.correct(logits, labels) }

    /// Mean loss and accuracy on the first `examples` test examples (inference mode, the run's T).
    public mutating func evaluate(examples: Int) -> (loss: Double, accuracy: Double) {
        let result = TaskEvaluation.evaluate(&model, task: task, steps: options.steps, examples: examples,
                                             batchSize: options.batchSize)
        return (result.loss, result.accuracy)
    }
}

extension TrainingRun where Network == SpikingResNet {
    /// A new run of the ``SpikingResNet`` of `options.configuration`.
    public init(directory: URL, options: TrainingOptions, task: any TrainingTask, replacing: Bool = false) throws {
        try self.init(directory: directory, options: options, task: task, replacing: replacing) {
            SpikingResNet(configuration: $0.configuration, rng: &$1)
        }
    }

    /// Continues the ``SpikingResNet`` run in `directory` from its last finished epoch.
    public init(resuming directory: URL, task: any TrainingTask) throws {
        try self.init(resuming: directory, task: task) { SpikingResNet(configuration: $0.configuration, rng: &$1) }
    }
}
