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
        Writes into the run folder: options.json, model.safetensors and training-state.safetensors \
        (replaced atomically after every epoch), metrics.csv (one row per epoch; test loss and accuracy \
        after the last). --resume continues a run from its last finished epoch with its stored options, \
        giving the same files as an uninterrupted run.
        """)

    @Option(help: "Model name (see 'cortex models').")
    var model: String?

    @Option(help: "image (Fashion-MNIST, each image repeated T steps), video (motion task) or video-discontinuous.")
    var task: TaskChoice = .video

    @Option(help: "Epochs.")
    var epochs: Int = 1

    @Option(help: "Examples per batch.")
    var batch: Int = 16

    @Option(name: .customLong("T"), help: "Time steps per example.")
    var steps: Int = 4

    @Option(help: "Peak learning rate (cosine schedule with 5 % linear warm-up).")
    var lr: Double?

    @Option(help: "sgd (momentum 0.9) or adamw.")
    var optimizer: OptimizerKind = .sgd

    @Option(help: "Weight decay.")
    var weightDecay: Double = 0

    @Option(help: "Training examples per epoch.")
    var trainExamples: Int = 1024

    @Option(help: "Test examples evaluated after the last epoch.")
    var testExamples: Int = 256

    @Option(help: ArgumentHelp("Seed of the whole run: initial weights, data order, augmentation and the motion task.",
                               discussion: "Other commands take the seed of random weights alone as --weights-seed."))
    var seed: UInt64 = 0

    @Option(help: "Movie for the video task's backgrounds and patches.")
    var movie: String = "datasets/demo-movie.npy"

    @Option(help: "Folder of the Fashion-MNIST .gz files.")
    var fashionMnist: String = FashionMNIST.defaultDirectory.path

    @Option(help: "Continue the run in this folder (its stored options are used).")
    var resume: String?

    @Option(name: .shortAndLong, help: "Run folder to create.")
    var output: String?

    @Flag(name: .customLong("augment-flip"), help: "Mirror training examples left–right with probability ½ (image task).")
    var augmentFlip = false

    @Option(name: .customLong("augment-shift"), help: "Shift training examples by up to ± N pixels (pad and random crop).")
    var augmentShift: Int = 0

    @OptionGroup(title: "Model overrides")
    var overrides: ModelOverrides

    func validate() throws {
        if resume == nil && (model == nil || output == nil) { throw ValidationError("give --model and -o, or --resume") }
        if resume != nil && output != nil { throw ValidationError("--resume continues its own folder; drop -o") }
        if epochs < 1 || batch < 1 || steps < 1 { throw ValidationError("--epochs, --batch and --T must be positive") }
        if trainExamples < batch { throw ValidationError("--train-examples must be at least --batch") }
        if augmentShift < 0 { throw ValidationError("--augment-shift must not be negative") }
        if augmentFlip && task != .image {
            throw ValidationError("--augment-flip is for the image task: mirroring a motion clip swaps its direction label")
        }
        if resume != nil && (augmentFlip || augmentShift > 0) { throw ValidationError("--resume uses the run's stored augmentation") }
        if let classes = overrides.classes, classes != 10 { throw ValidationError("both tasks have 10 classes; drop --classes") }
        if try resume != nil && !overrides.value().isEmpty { throw ValidationError("--resume uses the run's stored model; drop the overrides") }
    }

    func run() throws {
        var run: TrainingRun<SpikingResNet>
        if let resume {
            let folder = URL(fileURLWithPath: resume)
            let options = try CommandLineFailure.wrapping { try TrainingRun<SpikingResNet>.storedOptions(in: folder) }
            let task = try CommandLineFailure.wrapping { try TrainingData.task(for: options) }
            run = try CommandLineFailure.wrapping { try TrainingRun(resuming: folder, task: task) }
            if run.epochsDone >= options.epochs {
                print("\(resume): all \(options.epochs) epochs already done")
                return
            }
        } else {
            let name = model!                                // validate() asks for --model without --resume
            let changes = try overrides.value()
            var configuration: ModelConfiguration
            do {
                configuration = try ModelLoader.configuration(registryName: name, overrides: changes).configuration
            } catch {
                throw CommandLineFailure(ModelLoading.message(error))
            }
            configuration.classes = 10                       // both tasks have ten classes
            let modelName = ModelRegistry.name(of: configuration) ?? changes.label(base: name)
            var options = TrainingOptions(modelName: modelName, configuration: configuration, task: task, epochs: epochs,
                                          batchSize: batch, steps: steps,
                                          learningRate: lr ?? (optimizer == .sgd ? 0.1 : 1e-3), optimizer: optimizer,
                                          weightDecay: weightDecay, seed: seed, trainExamples: trainExamples,
                                          testExamples: testExamples)
            options.moviePath = movie
            options.fashionMNISTPath = fashionMnist
            let augmentation = Augmentation(horizontalFlip: augmentFlip, maxShift: augmentShift)
            options.augmentation = augmentation.isNone ? nil : augmentation
            let task = try CommandLineFailure.wrapping { try TrainingData.task(for: options) }
            run = try CommandLineFailure.wrapping { try TrainingRun(directory: URL(fileURLWithPath: output!), options: options, task: task) }
        }
        let options = run.options
        let total = options.epochs * options.batchesPerEpoch
        let progress = ProgressDisplay(label: "training")
        let clock = ContinuousClock()
        let start = clock.now
        var samples = 0
        do {
            try run.train { p in
                samples += options.batchSize
                let elapsed = clock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                let message = String(format: "epoch %d/%d loss %.4f acc %.1f%% %.1f samples/s", p.epoch + 1, p.epochs,
                                     p.loss, 100 * p.accuracy, Double(samples) / max(seconds, 1e-9))
                progress.show(ProgressUpdate(completed: p.epoch * p.batches + p.batch, total: total, message: message))
            }
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
