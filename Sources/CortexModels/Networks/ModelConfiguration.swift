import Foundation

/// Which network family: the feedforward backbone or its long-range-feedback variant.
public enum Architecture: String, Sendable, Hashable, CaseIterable, Codable {
    /// SEW-ResNet (Fang et al. 2021, "Deep residual learning in spiking neural networks").
    case sewResNet = "sew-resnet"
    /// LoRaFB-SNet (arXiv 2306.01354 v2): every SEW-ResNet stage wrapped in a feedback container.
    case loraFBSNet = "lorafb-snet"
}

/// The neuron of every layer. The spiking ones use V_th = 1, hard reset to 0, detached reset and
/// the ATan surrogate with α = 2 (the reference study's settings).
public enum NeuronKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Integrate-and-fire, H = V + X (the reference code's feedforward SEW-ResNet).
    case integrateAndFire = "if"
    /// Leaky integrate-and-fire, decay-input, τ = 2: H = V + (X − V)/2 (LoRaFB-SNet).
    case leakyIntegrateAndFire = "lif"
    /// ReLU in place of the spiking neuron: the non-spiking twins (LoRaFB-CNet, the ReLU ResNet)
    /// of the study's "spiking beats non-spiking" comparison. Stateless; a block then adds its
    /// branches before its last ReLU, as a standard ResNet basic block (the study's
    /// `LoRaFBCNet.py`): out = ReLU(BN(conv(ReLU(BN(conv(x))))) + S), S = x or BN(conv1×1(x)).
    case rectifiedLinear = "relu"

    /// Whether the layer emits spikes (false for ``rectifiedLinear``).
    public var isSpiking: Bool { self != .rectifiedLinear }
}

/// How a SEW block joins its residual branch A and identity S (spike tensors in {0, 1}).
public enum ConnectFunction: String, Sendable, Hashable, CaseIterable, Codable {
    /// A + S (the study's choice).
    case add = "ADD"
    /// A ∧ S = A·S.
    case and = "AND"
    /// (¬A) ∧ S = (1 − A)·S.
    case iand = "IAND"
}

/// Everything needed to build a network: family, depth, widths, input and readout.
///
/// Checkpoints written by CortexKit carry this value in their ``CheckpointMetadata``, so a
/// checkpoint can be loaded without naming the model.
public struct ModelConfiguration: Sendable, Hashable, Codable {
    public var architecture: Architecture
    /// 18 (blocks [2, 2, 2, 2]) or 34 (blocks [3, 4, 6, 3]).
    public var depth: Int
    /// Channels of the stem and of stage 1; stages k = 1…4 have baseWidth·2^(k−1) channels.
    public var baseWidth: Int
    /// 1 (grayscale) or 3 (RGB).
    public var inputChannels: Int
    /// Input frame height and width in pixels (each a multiple of 32 for LoRaFB-SNet).
    public var inputHeight: Int
    public var inputWidth: Int
    public var neuron: NeuronKind
    public var connect: ConnectFunction
    /// Outputs of the final fully connected layer.
    public var classes: Int
    /// How LoRaFB-SNet's step-by-step stages normalise in training (no effect on SEW-ResNet or
    /// on inference).
    public var stepNormalization: StepNormalization = .renormalized
    /// Threshold and τ of every spiking neuron (default: the study's, V_th = 1, τ = 2).
    public var neuronConstants: NeuronConstants = .study
    /// Where the stem max-pools: after `sn1` (``Downsampling/standard``, the study's SEW-ResNet) or
    /// on its membrane input before `sn1` (``Downsampling/cml``). Recorded only when CML, so the
    /// records of standard networks are unchanged.
    public var downsampling: Downsampling = .standard

    public init(architecture: Architecture, depth: Int = 18, baseWidth: Int = 64, inputChannels: Int = 3,
                inputHeight: Int = 224, inputWidth: Int = 224, neuron: NeuronKind = .leakyIntegrateAndFire,
                connect: ConnectFunction = .add, classes: Int = 1000,
                stepNormalization: StepNormalization = .renormalized) {
        precondition(depth == 18 || depth == 34, "ModelConfiguration: depth must be 18 or 34, got \(depth)")
        precondition(baseWidth > 0 && classes > 0 && (inputChannels == 1 || inputChannels == 3),
                     "ModelConfiguration: invalid width, classes or input channels")
        self.architecture = architecture
        self.depth = depth
        self.baseWidth = baseWidth
        self.inputChannels = inputChannels
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.neuron = neuron
        self.connect = connect
        self.classes = classes
        self.stepNormalization = stepNormalization
    }

    /// JSON keys: snake_case (`base_width`); the camelCase keys of checkpoints and run folders
    /// written before the versioned metadata (`baseWidth`) are read too.
    private enum CodingKeys: String, CodingKey {
        case architecture, depth, neuron, connect, classes
        case baseWidth = "base_width", inputChannels = "input_channels", inputHeight = "input_height"
        case inputWidth = "input_width", stepNormalization = "step_normalization", downsampling
        case neuronConstants = "neuron_constants"
    }

    private enum LegacyCodingKeys: String, CodingKey {
        case baseWidth, inputChannels, inputHeight, inputWidth, stepNormalization
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(architecture, forKey: .architecture)
        try c.encode(depth, forKey: .depth)
        try c.encode(baseWidth, forKey: .baseWidth)
        try c.encode(inputChannels, forKey: .inputChannels)
        try c.encode(inputHeight, forKey: .inputHeight)
        try c.encode(inputWidth, forKey: .inputWidth)
        try c.encode(neuron, forKey: .neuron)
        try c.encode(connect, forKey: .connect)
        try c.encode(classes, forKey: .classes)
        try c.encode(stepNormalization, forKey: .stepNormalization)
        if neuronConstants != .study { try c.encode(neuronConstants, forKey: .neuronConstants) }
        if downsampling != .standard { try c.encode(downsampling, forKey: .downsampling) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let old = try decoder.container(keyedBy: LegacyCodingKeys.self)
        func int(_ key: CodingKeys, _ legacy: LegacyCodingKeys) throws -> Int {
            try c.decodeIfPresent(Int.self, forKey: key) ?? old.decode(Int.self, forKey: legacy)
        }
        let depth = try c.decode(Int.self, forKey: .depth), width = try int(.baseWidth, .baseWidth)
        let channels = try int(.inputChannels, .inputChannels), classes = try c.decode(Int.self, forKey: .classes)
        let height = try int(.inputHeight, .inputHeight), inputWidth = try int(.inputWidth, .inputWidth)
        let architecture = try c.decode(Architecture.self, forKey: .architecture)
        // A recorded value must not trap in the initialiser's preconditions nor ask for terabytes:
        // the same checks as the command line's overrides, naming the field and its allowed values.
        try Self.validate(architecture: architecture, depth: depth, baseWidth: width, inputChannels: channels,
                          inputHeight: height, inputWidth: inputWidth, classes: classes)
        let neuron = try c.decode(NeuronKind.self, forKey: .neuron), connect = try c.decode(ConnectFunction.self, forKey: .connect)
        if !neuron.isSpiking && connect != .add { throw InvalidOverride.connectNeedsSpikes(connect) }
        self.init(architecture: architecture, depth: depth, baseWidth: width,
                  inputChannels: channels, inputHeight: height,
                  inputWidth: inputWidth, neuron: neuron,
                  connect: connect, classes: classes,
                  stepNormalization: try c.decodeIfPresent(StepNormalization.self, forKey: .stepNormalization)
                      ?? old.decodeIfPresent(StepNormalization.self, forKey: .stepNormalization) ?? .batchStatistics)
        let constants = try c.decodeIfPresent(NeuronConstants.self, forKey: .neuronConstants) ?? .study
        guard constants.isValid else {
            throw DecodingError.dataCorruptedError(forKey: .neuronConstants, in: c,
                                                   debugDescription: "threshold must be > 0 and tau ≥ 1, got \(constants)")
        }
        neuronConstants = constants
        downsampling = try c.decodeIfPresent(Downsampling.self, forKey: .downsampling) ?? .standard
    }

    /// Allowed base widths: stage 4 has 8× as many channels (2,048 at 256; ResNet-18 uses 64).
    public static var widthRange: ClosedRange<Int> { 1...256 }
    /// Allowed input sides in pixels.
    public static var inputSideRange: ClosedRange<Int> { 8...4096 }
    /// Allowed numbers of readout classes.
    public static var classRange: ClosedRange<Int> { 1...100_000 }

    /// Throws the first field outside its allowed values (the rules of ``Overrides/validate()``).
    static func validate(architecture: Architecture, depth: Int, baseWidth: Int, inputChannels: Int,
                         inputHeight: Int, inputWidth: Int, classes: Int) throws(InvalidOverride) {
        try Overrides(depth: depth, baseWidth: baseWidth, inputChannels: inputChannels,
                      inputSize: .init(height: inputHeight, width: inputWidth), classes: classes).validate()
        if architecture == .loraFBSNet && (inputHeight % 32 != 0 || inputWidth % 32 != 0) {
            throw .inputSizeNotMultipleOf32(height: inputHeight, width: inputWidth)
        }
    }

    /// SEW basic blocks per stage.
    public var blocksPerStage: [Int] { depth == 18 ? [2, 2, 2, 2] : [3, 4, 6, 3] }
    /// Output channels of stages 1…4.
    public var stageWidths: [Int] { [1, 2, 4, 8].map { $0 * baseWidth } }
    public var isRecurrent: Bool { architecture == .loraFBSNet }

    /// The checkpoint metadata entry recording this configuration (a ``CheckpointMetadata`` of
    /// the `spiking-resnet` family, without training details).
    public var metadata: [String: String] {
        CheckpointMetadata(family: SpikingResNet.family, configuration: self).entries
    }

    /// Reads a configuration from checkpoint metadata (the versioned record or the legacy key);
    /// `nil` when the checkpoint has none, it cannot be read, or it is of another family.
    public init?(metadata: [String: String]) {
        guard let recorded = try? CheckpointMetadata<ModelConfiguration>.read(from: metadata, family: SpikingResNet.family),
              recorded.family == SpikingResNet.family else { return nil }
        self = recorded.configuration
    }
}
