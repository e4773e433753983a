import CortexEngine
import CortexNumerics
import Foundation

/// Iterative magnitude pruning with late rewinding, the lottery-ticket procedure for SNNs (Kim et
/// al., ECCV 2022; arXiv 2305.12148), with the early-bird and early-time tickets, as a folder of
/// ordinary resumable training runs:
///
///     options.json                    the run's options with ``TrainingOptions/pruning``
///     round-00/                       the dense run (a ``TrainingRun`` folder; keeps epoch k)
///     round-01-start.safetensors      round 0's weights after epoch k, masked: 1 − (1 − p) of
///                                     each layer's weights pruned by the criterion on round 0's
///                                     final weights (`<param>.mask` tensors beside the weights)
///     round-01/                       a run from that starting point (masks kept in training)
///     …                               round r prunes p of what round r − 1 left
///     round-0R/early-bird.json        (a searching round that stopped early: epoch, distance)
///     model.safetensors               a copy of the last round's checkpoint: the ticket
///
/// Every file is a function of the options (weights from the seed, masks from files), so a
/// search killed at any instant resumes to the same files: each round resumes as a training run,
/// and the start files are rewritten identically (atomically) when missing.
///
/// Early-bird: in a searching round (all but the last), after each epoch e the next round's
/// masks are drawn from the current weights; when they differ from those drawn from epoch e − 1's
/// weights in less than a fraction ε of the prunable weights, the round stops and its epoch-e
/// weights are pruned. Early-time: searching rounds train with ``LotteryTicketOptions/earlyTimeSteps``,
/// the last round with the run's T.
public struct LotteryTicketSearch<Network: RecordableNetwork> {
    public typealias NetworkBuilder = TrainingRun<Network>.NetworkBuilder

    public let directory: URL
    public let options: TrainingOptions
    public let task: any TrainingTask
    let network: NetworkBuilder

    var lottery: LotteryTicketOptions { options.pruning! }

    /// A new search in an empty or new folder (options.json written).
    /// - Throws: ``TrainingError`` (invalid options, a folder holding files, a task mismatch).
    public init(directory: URL, options: TrainingOptions, task: any TrainingTask, replacing: Bool = false,
                network: @escaping NetworkBuilder) throws {
        let folder = RunFolder(directory)
        do { try options.validate() } catch { throw TrainingError.invalidOptions(file: folder.options.path, error) }
        guard options.pruning != nil else {
            throw TrainingError.badRunFolder(path: directory.path, reason: "the options ask for no pruning")
        }
        try TrainingRun<Network>.check(options, against: task)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        if !existing.isEmpty {
            guard replacing else { throw TrainingError.runFolderNotEmpty(path: directory.path, entries: existing.sorted()) }
            try FileManager.default.removeItem(at: directory)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try RunFolder.atomicWrite(try encoder.encode(options), to: folder.options)
        self.init(directory: directory, checkedOptions: options, task: task, network: network)
    }

    /// The search stored in `directory`, to continue.
    public init(resuming directory: URL, task: any TrainingTask, network: @escaping NetworkBuilder) throws {
        let options = try TrainingRun<Network>.storedOptions(in: directory)
        guard options.pruning != nil else {
            throw TrainingError.badRunFolder(path: directory.path, reason: "options.json asks for no pruning (a plain run: resume it as one)")
        }
        try TrainingRun<Network>.check(options, against: task)
        self.init(directory: directory, checkedOptions: options, task: task, network: network)
    }

    init(directory: URL, checkedOptions: TrainingOptions, task: any TrainingTask, network: @escaping NetworkBuilder) {
        self.directory = directory
        self.options = checkedOptions
        self.task = task
        self.network = network
    }

    /// The training-run folder of round `r` (0: dense).
    public func roundDirectory(_ r: Int) -> URL { directory.appendingPathComponent(String(format: "round-%02d", r), isDirectory: true) }

    /// The starting point of round `r` ≥ 1.
    public func startFile(_ r: Int) -> URL { directory.appendingPathComponent(String(format: "round-%02d-start.safetensors", r)) }

    func earlyBirdFile(_ r: Int) -> URL { roundDirectory(r).appendingPathComponent("early-bird.json") }

    /// The options of round `r`'s training run.
    public func roundOptions(_ r: Int) -> TrainingOptions {
        var o = options
        o.pruning = nil
        if r < lottery.rounds, let steps = lottery.earlyTimeSteps { o.steps = steps }
        if r == 0 { o.keptEpochs = Array(Set(o.keptEpochs + [lottery.rewindEpoch])).sorted() }
        if r > 0 { o.startingPoint = startFile(r).lastPathComponent.withPrefix("../") }
        return o
    }

    /// Round `r`'s result (its final or early-bird checkpoint), or `nil` while it is unfinished.
    public func finishedCheckpoint(_ r: Int) throws -> URL? {
        let folder = RunFolder(roundDirectory(r))
        guard let epoch = try folder.finishedEpoch() else { return nil }
        let stopped = FileManager.default.fileExists(atPath: earlyBirdFile(r).path)
        return stopped || epoch >= roundOptions(r).epochs ? folder.model : nil
    }

    /// Runs (or continues) every round; `progress` receives the round and the run's progress.
    /// - Parameter stopAfterBatches: stop as if killed after this many batches (tests).
    /// - Returns: `false` when stopped by `stopAfterBatches`.
    @discardableResult
    public func run(stopAfterBatches: Int? = nil, progress: (Int, TrainingProgress) -> Void = { _, _ in }) throws -> Bool {
        var budget = stopAfterBatches
        for r in 0...lottery.rounds {
            if try finishedCheckpoint(r) != nil { continue }
            if r > 0 && !FileManager.default.fileExists(atPath: startFile(r).path) { try writeStart(r) }
            let folder = roundDirectory(r)
            var run: TrainingRun<Network>
            if FileManager.default.fileExists(atPath: RunFolder(folder).options.path) {
                run = try TrainingRun(resuming: folder, task: task, network: network)
            } else {
                run = try TrainingRun(directory: folder, options: roundOptions(r), task: task, replacing: true, network: network)
            }
            let searching = r < lottery.rounds && lottery.earlyBird != nil
            if searching, run.committedEpoch != nil, run.epochsDone >= 1, try earlyBird(r, epoch: run.epochsDone, model: run.model) {
                continue
            }
            var batches = 0
            var stoppedEarly = false
            let finished = try run.train(stopAfterBatches: budget, progress: { batches += 1; progress(r, $0) },
                                         afterEpoch: { epoch, model in
                guard searching else { return false }
                stoppedEarly = try earlyBird(r, epoch: epoch, model: model)
                return stoppedEarly
            })
            if !finished && !stoppedEarly { return false }
            if let b = budget { budget = b - batches }
        }
        let ticket = try Data(contentsOf: RunFolder(roundDirectory(lottery.rounds)).model)
        try RunFolder.atomicWrite(ticket, to: RunFolder(directory).model)
        return true
    }

    /// Whether a searching round stops after `epoch` (the early-bird test); writes its marker if so.
    func earlyBird(_ r: Int, epoch: Int, model: Network) throws -> Bool {
        guard let eps = lottery.earlyBird, epoch >= 1 else { return false }
        let base = try masks(of: r, model: model)
        let previousURL = RunFolder(roundDirectory(r)).epoch(epoch - 1).appendingPathComponent(RunFolder.modelFile)
        let (previous, _) = try load(previousURL)
        let criterion = lottery.method.criterion
        let now = base.pruning(model, fraction: lottery.fraction, criterion: criterion)
        let before = base.pruning(previous, fraction: lottery.fraction, criterion: criterion)
        let distance = now.hammingDistance(to: before)
        guard distance < eps else { return false }
        let marker = try JSONSerialization.data(withJSONObject: ["epoch": epoch, "distance": distance], options: [.sortedKeys])
        try RunFolder.atomicWrite(marker, to: earlyBirdFile(r))
        return true
    }

    /// The masks round `r` trains with (dense for round 0).
    func masks(of r: Int, model: Network) throws -> PruningMasks {
        guard r > 0 else { return PruningMasks.dense(model) }
        return try load(startFile(r)).masks ?? PruningMasks.dense(model)
    }

    /// Round `r`'s starting point: round 0's weights after the rewind epoch, with the masks of
    /// round r − 1's result pruned by another fraction p.
    func writeStart(_ r: Int) throws {
        guard let previousURL = try finishedCheckpoint(r - 1) else {
            throw TrainingError.badRunFolder(path: directory.path, reason: "round \(r - 1) is not finished")
        }
        let (previous, previousMasks) = try load(previousURL)
        let masks = (previousMasks ?? PruningMasks.dense(previous))
            .pruning(previous, fraction: lottery.fraction, criterion: lottery.method.criterion)
        let dense = RunFolder(roundDirectory(0))
        let last = try dense.finishedEpoch() ?? 0
        let rewindURL = dense.epoch(min(lottery.rewindEpoch, last)).appendingPathComponent(RunFolder.modelFile)
        var (rewound, _) = try load(rewindURL)
        masks.apply(to: &rewound)
        var file = rewound.stateDict(metadata: ["cortexkit.lottery_round": "\(r)"])
        file.tensors.merge(masks.checkpointEntries.tensors) { a, _ in a }
        try RunFolder.atomicWrite(Data(file.encoded()), to: startFile(r))
    }

    /// A network and its masks from a checkpoint of this search.
    func load(_ url: URL) throws -> (network: Network, masks: PruningMasks?) {
        var file = try SafetensorsFile(contentsOf: url)
        let masks = try PruningMasks.extract(from: &file)
        var rng = SplittableRandom(seed: options.seed)
        var net = network(options, &rng)
        try net.load(stateDict: file)
        return (net, masks)
    }

    /// One row per round: sparsity, T, epochs trained (early-bird), test accuracy of finished runs.
    public func summary() throws -> [LotteryRoundSummary] {
        try (0...lottery.rounds).compactMap { r in
            let folder = RunFolder(roundDirectory(r))
            guard let epoch = try folder.finishedEpoch(), epoch >= 1 else { return nil }
            let file = try SafetensorsFile(contentsOf: folder.model)
            var copy = file
            let masks = try PruningMasks.extract(from: &copy)
            let recorded = try? CheckpointMetadata<Network.Configuration>.read(from: file.metadata)
            let marker = (try? Data(contentsOf: earlyBirdFile(r))).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            return LotteryRoundSummary(round: r, steps: roundOptions(r).steps, epochs: epoch,
                                       earlyBirdEpoch: marker?["epoch"] as? Int,
                                       sparsity: masks?.report ?? SparsityReport(layers: []),
                                       testAccuracy: recorded?.testAccuracy)
        }
    }
}

/// One round of a lottery-ticket search (``LotteryTicketSearch/summary()``).
public struct LotteryRoundSummary: Sendable, Hashable, Codable {
    public var round: Int
    /// Time steps the round trained with.
    public var steps: Int
    /// Epochs finished.
    public var epochs: Int
    /// The epoch an early-bird search stopped at.
    public var earlyBirdEpoch: Int?
    /// Pruned weights of the round's network (empty for the dense round).
    public var sparsity: SparsityReport
    /// Test accuracy after its last epoch (`nil` for a round stopped early).
    public var testAccuracy: Double?
}

private extension String {
    func withPrefix(_ prefix: String) -> String { prefix + self }
}
