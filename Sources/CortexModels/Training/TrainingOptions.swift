import CortexNumerics
import Foundation

/// Which task a run trains on.
public enum TaskChoice: String, Sendable, Hashable, CaseIterable, Codable {
    /// Fashion-MNIST, each image repeated for T steps (``ImageTask``).
    case image
    /// The motion video task, one frame per step (``MotionTask``).
    case video
    /// The motion task with every clip's frames shuffled (the discontinuous control).
    case videoDiscontinuous = "video-discontinuous"
}

/// Everything that determines a training run; stored as `options.json` in the run folder (snake_case
/// keys; files with the camelCase keys of older versions still load), so a resumed run uses exactly
/// the same settings.
public struct TrainingOptions: Sendable, Hashable, Codable {
    public var modelName: String
    /// The ResNet the run trains. For a spiking-transformer run (``transformer`` set) it is not a
    /// network: it carries the transformer's frame shape and classes, which the task's batches
    /// follow, and options.json does not record it (see ``inputCarrier(of:)``).
    public var configuration: ModelConfiguration
    /// The spiking transformer (Spikformer or Spike-driven Transformer) the run trains; `nil`: the
    /// ResNet of ``configuration``. Setting it keeps ``configuration`` its carrier.
    public var transformer: SpikingTransformerConfiguration? {
        didSet { if let transformer { configuration = Self.inputCarrier(of: transformer) } }
    }
    public var task: TaskChoice
    public var epochs: Int
    public var batchSize: Int
    /// Time steps per example (frames of a clip, or repeats of an image).
    public var steps: Int
    public var learningRate: Double
    public var optimizer: OptimizerKind
    public var weightDecay: Double
    /// Global-norm gradient clipping; `nil`: none.
    public var gradientClip: Double?
    public var seed: UInt64
    /// Training examples used per epoch (the first ones of the split, reshuffled every epoch).
    public var trainExamples: Int
    /// Test examples evaluated after the last epoch.
    public var testExamples: Int
    /// The movie of the video task's backgrounds and patches (`.npy`, uint8 frames × H × W).
    public var moviePath: String = "datasets/demo-movie.npy"
    /// Folder of the Fashion-MNIST `.gz` files (image task; objects of the video task).
    public var fashionMNISTPath: String = FashionMNIST.defaultDirectory.path
    /// Augmentation of the train split (`nil`: none; absent from older options.json files).
    public var augmentation: Augmentation?
    /// Epochs whose weights the run folder keeps for good (`epochs/epoch-k/`, epoch 0 is the
    /// initialisation): the rewinding points of lottery-ticket pruning. Default 0 and 1.
    public var keptEpochs: [Int] = [0, 1]
    /// Delete the files of finished epochs that are neither in ``keptEpochs`` nor the latest, to
    /// save disk (default `false`: every epoch is kept).
    public var pruneOtherEpochs: Bool = false
    /// The loss (`nil`: cross-entropy; absent from older options.json files).
    public var loss: TrainingLoss?
    /// A regulariser added to the loss (`nil`: none).
    public var regularizer: TrainingRegularizer?
    /// Lottery-ticket pruning (``LotteryTicketSearch``; `nil`: a plain run).
    public var pruning: LotteryTicketOptions?
    /// A checkpoint whose weights (and `<param>.mask` pruning masks) replace the seeded initial
    /// weights; a relative path is relative to the run folder (`nil`: weights from the seed).
    public var startingPoint: String?

    public init(modelName: String, configuration: ModelConfiguration, task: TaskChoice, epochs: Int = 1,
                batchSize: Int = 16, steps: Int = 4, learningRate: Double = 0.1, optimizer: OptimizerKind = .sgd,
                weightDecay: Double = 0, gradientClip: Double? = 5, seed: UInt64 = 0, trainExamples: Int = 1024,
                testExamples: Int = 256) {
        self.modelName = modelName
        self.configuration = configuration
        self.task = task
        self.epochs = epochs
        self.batchSize = batchSize
        self.steps = steps
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.weightDecay = weightDecay
        self.gradientClip = gradientClip
        self.seed = seed
        self.trainExamples = trainExamples
        self.testExamples = testExamples
    }

    /// A spiking-transformer run (``transformer`` set; `configuration` its carrier).
    public init(modelName: String, transformer: SpikingTransformerConfiguration, task: TaskChoice, epochs: Int = 1,
                batchSize: Int = 16, steps: Int = 4, learningRate: Double = 0.1, optimizer: OptimizerKind = .sgd,
                weightDecay: Double = 0, gradientClip: Double? = 5, seed: UInt64 = 0, trainExamples: Int = 1024,
                testExamples: Int = 256) {
        self.init(modelName: modelName, configuration: Self.inputCarrier(of: transformer), task: task, epochs: epochs,
                  batchSize: batchSize, steps: steps, learningRate: learningRate, optimizer: optimizer, weightDecay: weightDecay,
                  gradientClip: gradientClip, seed: seed, trainExamples: trainExamples, testExamples: testExamples)
        self.transformer = transformer
    }

    /// The network the run trains, of either family.
    public var network: ModelNetwork.Configuration {
        transformer.map { .transformer($0) } ?? .spikingResNet(configuration)
    }

    /// The frames and classes of `transformer` as the ``ModelConfiguration`` the tasks and the
    /// checks read (``configuration`` of a transformer run; its ResNet fields are the defaults
    /// and unused).
    public static func inputCarrier(of transformer: SpikingTransformerConfiguration) -> ModelConfiguration {
        ModelConfiguration(architecture: .sewResNet, inputChannels: transformer.inputChannels, inputHeight: transformer.inputHeight,
                           inputWidth: transformer.inputWidth, classes: transformer.classes)
    }

    // options.json keys are snake_case; files written before (camelCase keys) still load.
    enum CodingKeys: String, CodingKey {
        case modelName = "model_name", configuration, task, epochs, batchSize = "batch_size", steps
        case learningRate = "learning_rate", optimizer, weightDecay = "weight_decay", gradientClip = "gradient_clip", seed
        case trainExamples = "train_examples", testExamples = "test_examples", moviePath = "movie_path"
        case fashionMNISTPath = "fashion_mnist_path", augmentation
        case keptEpochs = "kept_epochs", pruneOtherEpochs = "prune_other_epochs"
        case loss, regularizer, pruning, startingPoint = "starting_point", transformer
    }

    public init(from decoder: any Decoder) throws {
        let c = try RenamedKeys(decoder, CodingKeys.self, renamed: [
            .modelName: "modelName", .batchSize: "batchSize", .learningRate: "learningRate", .weightDecay: "weightDecay",
            .gradientClip: "gradientClip", .trainExamples: "trainExamples", .testExamples: "testExamples",
            .moviePath: "moviePath", .fashionMNISTPath: "fashionMNISTPath",
        ])
        modelName = try c.decode(String.self, forKey: .modelName)
        let transformer = try c.decodeIfPresent(SpikingTransformerConfiguration.self, forKey: .transformer)
        if let transformer {
            configuration = Self.inputCarrier(of: transformer)
        } else {
            configuration = try c.decode(ModelConfiguration.self, forKey: .configuration)
        }
        self.transformer = transformer
        task = try c.decode(TaskChoice.self, forKey: .task)
        epochs = try c.decode(Int.self, forKey: .epochs)
        batchSize = try c.decode(Int.self, forKey: .batchSize)
        steps = try c.decode(Int.self, forKey: .steps)
        learningRate = try c.decode(Double.self, forKey: .learningRate)
        optimizer = try c.decode(OptimizerKind.self, forKey: .optimizer)
        weightDecay = try c.decode(Double.self, forKey: .weightDecay)
        gradientClip = try c.decodeIfPresent(Double.self, forKey: .gradientClip)
        seed = try c.decode(UInt64.self, forKey: .seed)
        trainExamples = try c.decode(Int.self, forKey: .trainExamples)
        testExamples = try c.decode(Int.self, forKey: .testExamples)
        moviePath = try c.decode(String.self, forKey: .moviePath)
        fashionMNISTPath = try c.decode(String.self, forKey: .fashionMNISTPath)
        augmentation = try c.decodeIfPresent(Augmentation.self, forKey: .augmentation)
        keptEpochs = try c.decodeIfPresent([Int].self, forKey: .keptEpochs) ?? [0, 1]
        pruneOtherEpochs = try c.decodeIfPresent(Bool.self, forKey: .pruneOtherEpochs) ?? false
        loss = try c.decodeIfPresent(TrainingLoss.self, forKey: .loss)
        regularizer = try c.decodeIfPresent(TrainingRegularizer.self, forKey: .regularizer)
        pruning = try c.decodeIfPresent(LotteryTicketOptions.self, forKey: .pruning)
        startingPoint = try c.decodeIfPresent(String.self, forKey: .startingPoint)
        // A decoded run must not trap later (a zero batch size divides by zero, a shift range
        // of negative width cannot be drawn from): values out of range are refused here.
        try validate()
    }

    /// Writes the synthesised keys, except ``configuration`` for a transformer run (its carrier
    /// is not a network; ``transformer`` is recorded instead).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(modelName, forKey: .modelName)
        if let transformer { try c.encode(transformer, forKey: .transformer) } else { try c.encode(configuration, forKey: .configuration) }
        try c.encode(task, forKey: .task)
        try c.encode(epochs, forKey: .epochs)
        try c.encode(batchSize, forKey: .batchSize)
        try c.encode(steps, forKey: .steps)
        try c.encode(learningRate, forKey: .learningRate)
        try c.encode(optimizer, forKey: .optimizer)
        try c.encode(weightDecay, forKey: .weightDecay)
        try c.encodeIfPresent(gradientClip, forKey: .gradientClip)
        try c.encode(seed, forKey: .seed)
        try c.encode(trainExamples, forKey: .trainExamples)
        try c.encode(testExamples, forKey: .testExamples)
        try c.encode(moviePath, forKey: .moviePath)
        try c.encode(fashionMNISTPath, forKey: .fashionMNISTPath)
        try c.encodeIfPresent(augmentation, forKey: .augmentation)
        try c.encode(keptEpochs, forKey: .keptEpochs)
        try c.encode(pruneOtherEpochs, forKey: .pruneOtherEpochs)
        try c.encodeIfPresent(loss, forKey: .loss)
        try c.encodeIfPresent(regularizer, forKey: .regularizer)
        try c.encodeIfPresent(pruning, forKey: .pruning)
        try c.encodeIfPresent(startingPoint, forKey: .startingPoint)
    }

    /// Full batches per epoch (a trailing partial batch is dropped so every BN batch is equal).
    public var batchesPerEpoch: Int { trainExamples / batchSize }

    /// Cosine annealing to 1 % of the rate over the whole run, after a linear warm-up of 5 % of
    /// the steps (at least one).
    public var schedule: LearningRateScheduleValue {
        let total = epochs * batchesPerEpoch
        return LearningRateScheduleValue(base: learningRate, total: total, warmup: max(1, total / 20))
    }
}

/// The run's learning-rate schedule (a value, so it is part of the stored options).
public struct LearningRateScheduleValue: Sendable, Hashable {
    public var base: Double
    public var total: Int
    public var warmup: Int

    /// η_t: linear warm-up lr·(t + 1)/W, then m + (lr − m)(1 + cos(π(t − W)/(N − W)))/2, m = lr/100.
    public func rate(at t: Int) -> Double {
        if t < warmup { return base * Double(t + 1) / Double(warmup) }
        let minimum = base / 100
        let progress = min(Double(t - warmup) / Double(max(total - warmup, 1)), 1)
        return minimum + (base - minimum) * (1 + cos(Double.pi * progress)) / 2
    }
}
