import ArgumentParser
import CortexKit
import Foundation

extension TaskChoice: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}

/// `cortex train`: trains a network on the image or motion video task into a run folder.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a spiking network on Fashion-MNIST images or the motion video task (resumable).",
        discussion: """
        Writes into the run folder: options.json; after every epoch k, epochs/epoch-000k/ (model.safetensors, \
        training-state.safetensors, metrics.csv) and run.json naming epoch k, renamed into place last; \
        model.safetensors and metrics.csv beside them are copies of the latest epoch's (metrics: one row \
        per epoch, test loss and accuracy after the last). epochs/epoch-0000 holds the initial weights. \
        --resume continues a run from its last finished epoch with its stored options, giving the same \
        files as an uninterrupted run even after a crash at any instant; options given with --resume \
        must equal the stored ones. A new run needs an empty or new folder (--force replaces a run).
        """)

    @Option(help: "Model name (see 'cortex models').")
    var model: String?

    @Option(help: "image (Fashion-MNIST, each image repeated T steps), video (motion task) or video-discontinuous. (default: video)")
    var task: TaskChoice?

    @Option(help: "Epochs. (default: 1)")
    var epochs: Int?

    @Option(help: "Examples per batch. (default: 16)")
    var batch: Int?

    @Option(name: .customLong("T"), help: "Time steps per example. (default: 4)")
    var steps: Int?

    @Option(help: "Peak learning rate (cosine schedule with 5 % linear warm-up). (default: 0.1 for sgd, 0.001 for adamw)")
    var lr: Double?

    @Option(help: "sgd (momentum 0.9) or adamw. (default: sgd)")
    var optimizer: OptimizerKind?

    @Option(help: "Weight decay. (default: 0)")
    var weightDecay: Double?

    @Option(help: "Training examples per epoch. (default: 1024)")
    var trainExamples: Int?

    @Option(help: "Test examples evaluated after the last epoch. (default: 256)")
    var testExamples: Int?

    @Option(help: ArgumentHelp("Seed of the whole run: initial weights, data order, augmentation and the motion task. (default: 0)",
                               discussion: "Other commands take the seed of random weights alone as --weights-seed."))
    var seed: UInt64?

    @Option(help: "Movie for the video task's backgrounds and patches. (default: datasets/demo-movie.npy)")
    var movie: String?

    @Option(help: "Folder of the Fashion-MNIST .gz files. (default: \(FashionMNIST.defaultDirectory.path))")
    var fashionMnist: String?

    @Option(help: "Continue the run in this folder (its stored options are used).")
    var resume: String?

    @Option(name: .shortAndLong, help: "Run folder to create (new or empty).")
    var output: String?

    @Flag(help: "Replace a run already in the -o folder.")
    var force = false

    @Flag(name: .customLong("augment-flip"), help: "Mirror training examples left–right with probability ½ (image task).")
    var augmentFlip = false

    @Option(name: .customLong("augment-shift"), help: "Shift training examples by up to ± N pixels (pad and random crop).")
    var augmentShift: Int?

    @Option(name: .customLong("keep-epochs"),
            help: "Comma-separated epochs whose weights are kept for good, e.g. for lottery-ticket rewinding (0: the initialisation). (default: 0,1)")
    var keepEpochs: String?

    @Flag(name: .customLong("prune-epochs"), help: "Delete the files of epochs neither kept (--keep-epochs) nor latest, to save disk.")
    var pruneEpochs = false

    @OptionGroup(title: "Model overrides")
    var overrides: ModelOverrides

    @OptionGroup(title: "Training methods")
    var methods: TrainingMethodArguments

    func validate() throws {
        if resume == nil && (model == nil || output == nil) { throw ValidationError("give --model and -o, or --resume") }
        if resume != nil && output != nil { throw ValidationError("--resume continues its own folder; drop -o") }
        if resume != nil && force { throw ValidationError("--force replaces a run given with -o; --resume continues one") }
        if [epochs, batch, steps].contains(where: { ($0 ?? 1) < 1 }) { throw ValidationError("--epochs, --batch and --T must be positive") }
        if let trainExamples, trainExamples < (batch ?? 16) { throw ValidationError("--train-examples must be at least --batch") }
        if let testExamples, testExamples < 0 { throw ValidationError("--test-examples must not be negative") }
        if let lr, !(lr.isFinite && lr > 0) { throw ValidationError("--lr must be a positive number") }
        if let weightDecay, !(weightDecay.isFinite && weightDecay >= 0) { throw ValidationError("--weight-decay must not be negative") }
        if let augmentShift, augmentShift < 0 { throw ValidationError("--augment-shift must not be negative") }
        if resume == nil && augmentFlip && (task ?? .video) != .image {
            throw ValidationError("--augment-flip is for the image task: mirroring a motion clip swaps its direction label")
        }
        if let classes = overrides.classes, classes != 10 { throw ValidationError("both tasks have 10 classes; drop --classes") }
        _ = try keptEpochs()
    }

    /// `--keep-epochs` as numbers.
    func keptEpochs() throws -> [Int]? {
        guard let keepEpochs else { return nil }
        let values = keepEpochs.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard values.allSatisfy({ ($0 ?? -1) >= 0 }) else {
            throw ValidationError("--keep-epochs takes comma-separated epoch numbers ≥ 0, got '\(keepEpochs)'")
        }
        return values.compactMap { $0 }
    }

    /// The run's options: the flags given on top of `stored` (when resuming) or of the defaults.
    func requestedOptions(stored: TrainingOptions?) throws -> TrainingOptions {
        var options: TrainingOptions
        let changes = try overrides.value()
        let name = model ?? stored?.modelName
        let namesTransformer = model.map { TransformerRegistry.configuration(named: $0) != nil } ?? (stored?.transformer != nil)
        if namesTransformer {
            options = try transformerOptions(name: name!, stored: model == nil ? stored : nil, changes: changes)
            if let stored { options = Self.replacingNetwork(of: stored, with: options) }
        } else if model != nil || !changes.isEmpty || overrides.transformerOnlyFlag != nil || stored == nil {
            if let flag = overrides.transformerOnlyFlag {
                throw CommandLineFailure("\(flag) applies to the spiking transformers, not to \(name ?? "this run")")
            }
            var configuration: ModelConfiguration
            do {
                if model == nil, let stored {
                    configuration = try changes.applied(to: stored.configuration)
                } else {
                    configuration = try ModelLoader.configuration(registryName: name!, overrides: changes).configuration
                }
            } catch let error as ModelLoadingError {
                throw CommandLineFailure(ModelLoading.message(error))
            } catch {
                throw CommandLineFailure(String(describing: error))
            }
            configuration.classes = 10                       // both tasks have ten classes
            let modelName = ModelRegistry.name(of: configuration) ?? changes.label(base: name!)
            options = stored ?? TrainingOptions(modelName: modelName, configuration: configuration, task: .video)
            options.modelName = modelName
            options.configuration = configuration
            options.transformer = nil
        } else {
            options = stored!
        }
        if let task { options.task = task }
        if let epochs { options.epochs = epochs }
        if let batch { options.batchSize = batch }
        if let steps { options.steps = steps }
        if let optimizer { options.optimizer = optimizer }
        if let lr { options.learningRate = lr } else if stored == nil { options.learningRate = options.optimizer == .sgd ? 0.1 : 1e-3 }
        if let weightDecay { options.weightDecay = weightDecay }
        if let trainExamples { options.trainExamples = trainExamples }
        if let testExamples { options.testExamples = testExamples }
        if let seed { options.seed = seed }
        if let movie { options.moviePath = movie }
        if let fashionMnist { options.fashionMNISTPath = fashionMnist }
        if augmentFlip || augmentShift != nil {
            var augmentation = options.augmentation ?? Augmentation.none
            if augmentFlip { augmentation.horizontalFlip = true }
            if let augmentShift { augmentation.maxShift = augmentShift }
            options.augmentation = augmentation.isNone ? nil : augmentation
        }
        if let kept = try keptEpochs() { options.keptEpochs = kept }
        if pruneEpochs { options.pruneOtherEpochs = true }
        methods.apply(to: &options)
        return options
    }

    func run() throws {
        let options: TrainingOptions
        var folder: URL?
        if let resume {
            folder = URL(fileURLWithPath: resume)
            options = try CommandLineFailure.wrapping { try TrainingRun<SpikingResNet>.storedOptions(in: folder!) }
            let differences = try requestedOptions(stored: options).differences(from: options)
            if !differences.isEmpty {
                throw CommandLineFailure("--resume: the options given differ from \(RunFolder(folder!).options.path): "
                                         + differences.joined(separator: ", ") + "; drop them to continue the stored run")
            }
        } else {
            options = try requestedOptions(stored: nil)
        }
        let task = try CommandLineFailure.wrapping { try TrainingData.task(for: options) }
        // One generic path for every family: the network type follows the options.
        switch options.transformer?.architecture {
        case nil:
            try train(options: options, task: task, resuming: folder) { SpikingResNet(configuration: $0.configuration, rng: &$1) }
        case .spikformer?:
            try train(options: options, task: task, resuming: folder) { Spikformer(configuration: $0.transformer!, rng: &$1) }
        case .spikeDrivenTransformer?:
            try train(options: options, task: task, resuming: folder) { SpikeDrivenTransformer(configuration: $0.transformer!, rng: &$1) }
        }
    }

    /// Trains (or, with `--prune`, searches a lottery ticket for) the network `network` builds,
    /// a new run or the one in `resuming`.
    func train<N: RecordableNetwork>(options: TrainingOptions, task: any TrainingTask, resuming: URL?,
                                     network: @escaping TrainingRun<N>.NetworkBuilder) throws {
        if options.pruning != nil { return try runLottery(options: options, task: task, resuming: resuming, network: network) }
        var run: TrainingRun<N>
        if let resuming {
            run = try CommandLineFailure.wrapping { try TrainingRun(resuming: resuming, task: task, network: network) }
            if run.epochsDone >= options.epochs {
                print("\(resume ?? resuming.path): all \(options.epochs) epochs already done")
                return
            }
        } else {
            run = try CommandLineFailure.wrapping {
                try TrainingRun(directory: URL(fileURLWithPath: output!), options: options, task: task, replacing: force, network: network)
            }
        }
        let total = options.epochs * options.batchesPerEpoch
        let progress = ProgressDisplay(label: "training")
        let clock = ContinuousClock()
        let start = clock.now
        var samples = 0
        do {
            try run.train(progress: { p in
                samples += options.batchSize
                let elapsed = clock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                let message = String(format: "epoch %d/%d loss %.4f acc %.1f%% %.1f samples/s", p.epoch + 1, p.epochs,
                                     p.loss, 100 * p.accuracy, Double(samples) / max(seconds, 1e-9))
                progress.show(ProgressUpdate(completed: p.epoch * p.batches + p.batch, total: total, message: message))
            }, committed: Self.commitHook())
        } catch {
            progress.close()
            throw CommandLineFailure(String(describing: error))
        }
        progress.close()
        let rows = (try? String(contentsOf: run.directory.appendingPathComponent("metrics.csv"), encoding: .utf8)) ?? ""
        let last = rows.split(separator: "\n").last.map(String.init) ?? ""
        let fields = last.split(separator: ",", omittingEmptySubsequences: false)
        if fields.count == 7, let testAccuracy = Double(fields[6]), let testLoss = Double(fields[5]) {
            print(String(format: "\(run.directory.path): %d epochs, test loss %.4f, test accuracy %.1f%% (%d examples)",
                         options.epochs, testLoss, 100 * testAccuracy, options.testExamples))
        }
    }
}

extension TrainCommand {
    /// What runs after each step of an epoch's commit. In debug builds only,
    /// `CORTEXKIT_DEBUG_EXIT_AFTER=<step>@<epoch>` (a ``EpochCommitStep`` raw value, e.g.
    /// `manifest-written@2`) ends the process at once right after that step — no clean-up, as a
    /// crash would — with exit status 86, so tests can check that `--resume` recovers.
    static func commitHook() -> (EpochCommitStep, Int) -> Void {
        #if DEBUG
        if let target = ProcessInfo.processInfo.environment["CORTEXKIT_DEBUG_EXIT_AFTER"] {
            return { step, epoch in
                if target == "\(step.rawValue)@\(epoch)" { _exit(86) }
            }
        }
        #endif
        return { _, _ in }
    }
}
