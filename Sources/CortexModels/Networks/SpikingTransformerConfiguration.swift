/// Which spiking transformer.
public enum TransformerArchitecture: String, Sendable, Hashable, CaseIterable, Codable {
    /// Spikformer (Zhou et al., arXiv 2209.15425; ZK-Zhou/spikformer `cifar10/model.py`): spiking
    /// self-attention SSA = LIF_{θ=0.5}(Q·Kᵀ·V·0.125) on tokens `[T, B, N, D]`, residuals of spikes.
    case spikformer
    /// Spike-driven Transformer (Yao et al., arXiv 2307.01694; BICLab/Spike-Driven-Transformer
    /// `module/ms_conv.py`, `module/sps.py`): membrane shortcuts, SDSA = Q ⊗ LIF_{θ=0.5}(Σ_N K ⊗ V)
    /// on `[T, B, C, H, W]`.
    case spikeDrivenTransformer = "spike-driven-transformer"

    /// The ``RecordableNetwork/family`` of checkpoints of this architecture.
    public var family: String { rawValue }
}

/// Where a downsampling stage of the patch-splitting stem (or of a SEW-ResNet) max-pools.
public enum Downsampling: String, Sendable, Hashable, CaseIterable, Codable {
    /// Conv → BN → LIF → MaxPool: the max is taken over spikes (the reference Spikformer and SDT stems).
    case standard
    /// Conv → BN → MaxPool → LIF (CML, Zhou et al., arXiv 2305.05954; zhouchenlin2096/Spikingformer-CML):
    /// the max is taken over membrane inputs (padding −∞), so the gradient reaches exactly the
    /// chosen input.
    case cml
}

/// Everything needed to build a Spikformer or Spike-driven Transformer.
///
/// The stem (spiking patch splitting) has four conv 3×3 → BN → LIF stages of D/8, D/4, D/2 and D
/// channels; ``pooledStages`` says which of them downsample with max-pool 3×3/2 (pad 1)
/// (Spikformer: the last two, its code's `maxpool2`, `maxpool3`; SDT: its `pooling_stat`, "0011"
/// on CIFAR, "1111" on ImageNet). Tokens: N = (H/2^p)·(W/2^p) for p pooled stages.
///
/// ```swift
/// let c = SpikingTransformerConfiguration(architecture: .spikformer, embedDim: 384, heads: 12, blocks: 4,
///                                         inputChannels: 3, inputHeight: 32, inputWidth: 32, classes: 10)
/// c.tokenGrid    // (8, 8): 64 tokens of 384 channels
/// ```
public struct SpikingTransformerConfiguration: Sendable, Hashable, Codable {
    public var architecture: TransformerArchitecture
    /// D, the token (channel) width; a multiple of 8 and of ``heads``.
    public var embedDim: Int
    /// Attention heads (D/heads channels each).
    public var heads: Int
    /// Transformer blocks.
    public var blocks: Int
    /// MLP hidden width = D · mlpRatio.
    public var mlpRatio: Int
    /// 1 (grayscale) or 3 (RGB).
    public var inputChannels: Int
    public var inputHeight: Int
    public var inputWidth: Int
    /// Outputs of the classification head.
    public var classes: Int
    /// Where the stem's downsampling stages max-pool.
    public var downsampling: Downsampling
    /// Which of the stem's four stages max-pool (SDT's `pooling_stat`).
    public var pooledStages: [Bool]

    public init(architecture: TransformerArchitecture, embedDim: Int, heads: Int, blocks: Int, mlpRatio: Int = 4,
                inputChannels: Int = 3, inputHeight: Int = 32, inputWidth: Int = 32, classes: Int = 10,
                downsampling: Downsampling = .standard, pooledStages: [Bool] = [false, false, true, true]) {
        self.architecture = architecture
        self.embedDim = embedDim
        self.heads = heads
        self.blocks = blocks
        self.mlpRatio = mlpRatio
        self.inputChannels = inputChannels
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.classes = classes
        self.downsampling = downsampling
        self.pooledStages = pooledStages
        if let problem = validationProblem { preconditionFailure("SpikingTransformerConfiguration: \(problem)") }
    }

    private enum CodingKeys: String, CodingKey {
        case architecture, heads, blocks, classes, downsampling
        case embedDim = "embed_dim", mlpRatio = "mlp_ratio", inputChannels = "input_channels"
        case inputHeight = "input_height", inputWidth = "input_width", pooledStages = "pooled_stages"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        architecture = try c.decode(TransformerArchitecture.self, forKey: .architecture)
        embedDim = try c.decode(Int.self, forKey: .embedDim)
        heads = try c.decode(Int.self, forKey: .heads)
        blocks = try c.decode(Int.self, forKey: .blocks)
        mlpRatio = try c.decode(Int.self, forKey: .mlpRatio)
        inputChannels = try c.decode(Int.self, forKey: .inputChannels)
        inputHeight = try c.decode(Int.self, forKey: .inputHeight)
        inputWidth = try c.decode(Int.self, forKey: .inputWidth)
        classes = try c.decode(Int.self, forKey: .classes)
        downsampling = try c.decode(Downsampling.self, forKey: .downsampling)
        pooledStages = try c.decode([Bool].self, forKey: .pooledStages)
        // A recorded value must not trap in the initialiser nor ask for terabytes.
        if let problem = validationProblem {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: problem))
        }
    }

    /// Allowed embedding widths (the largest released configuration is 768).
    public static var embedDimRange: ClosedRange<Int> { 8...2048 }
    public static var blockRange: ClosedRange<Int> { 1...64 }
    public static var mlpRatioRange: ClosedRange<Int> { 1...16 }

    /// The first rule this configuration breaks, or nil.
    public var validationProblem: String? {
        if !Self.embedDimRange.contains(embedDim) || embedDim % 8 != 0 {
            return "embed_dim must be a multiple of 8 in \(Self.embedDimRange), got \(embedDim)"
        }
        if heads < 1 || embedDim % heads != 0 { return "heads must divide embed_dim \(embedDim), got \(heads)" }
        if !Self.blockRange.contains(blocks) { return "blocks must be in \(Self.blockRange), got \(blocks)" }
        if !Self.mlpRatioRange.contains(mlpRatio) { return "mlp_ratio must be in \(Self.mlpRatioRange), got \(mlpRatio)" }
        if inputChannels != 1 && inputChannels != 3 { return "input_channels must be 1 or 3, got \(inputChannels)" }
        if !(1...100_000).contains(classes) { return "classes must be in 1...100000, got \(classes)" }
        if pooledStages.count != 4 { return "pooled_stages must have 4 entries, got \(pooledStages.count)" }
        let factor = 1 << pooledStages.filter { $0 }.count
        let sides = ModelConfiguration.inputSideRange
        if !sides.contains(inputHeight) || !sides.contains(inputWidth) || inputHeight % factor != 0 || inputWidth % factor != 0 {
            return "input sides must be multiples of \(factor) in \(sides), got \(inputHeight)x\(inputWidth)"
        }
        return nil
    }

    /// Channels of the stem's stages: D/8, D/4, D/2, D.
    public var stemWidths: [Int] { [embedDim / 8, embedDim / 4, embedDim / 2, embedDim] }
    /// Channels per head.
    public var headDim: Int { embedDim / heads }
    /// MLP hidden channels.
    public var hiddenDim: Int { embedDim * mlpRatio }

    /// Height and width of the stem's stages' outputs (after their pooling, if any).
    public var stageSizes: [(height: Int, width: Int)] {
        var (h, w) = (inputHeight, inputWidth)
        return pooledStages.map { pooled in
            if pooled { (h, w) = ((h - 1) / 2 + 1, (w - 1) / 2 + 1) }
            return (h, w)
        }
    }

    /// The token grid (height, width) after the stem; N = height·width tokens.
    public var tokenGrid: (height: Int, width: Int) { stageSizes[3] }
    public var tokens: Int { tokenGrid.height * tokenGrid.width }

    /// The input frames: ``inputChannels`` × ``inputHeight`` × ``inputWidth``.
    public var inputShape: NetworkInputShape {
        NetworkInputShape(channels: inputChannels, height: inputHeight, width: inputWidth)
    }
}

extension SpikingTransformerConfiguration {
    /// Trainable scalars of the network this builds, counted without building it (the
    /// reference's unused tensors are buffers, not counted): stem convolutions and BNs, per block
    /// Q/K/V/projection and the MLP with their BNs, the head.
    public var parameterCount: Int {
        let d = embedDim, h = hiddenDim, w = stemWidths
        var stem = 0, channels = inputChannels
        for width in w {
            stem += channels * width * 9 + 2 * width
            channels = width
        }
        stem += d * d * 9 + 2 * d
        let block: Int
        switch architecture {
        case .spikformer:
            block = 4 * (d * d + d) + 4 * 2 * d + (d * h + h) + (h * d + d) + 2 * h + 2 * d
        case .spikeDrivenTransformer:
            block = 3 * d * d + (d * d + d) + 4 * 2 * d + (d * h + h) + (h * d + d) + 2 * h + 2 * d
        }
        return stem + blocks * block + d * classes + classes
    }
}
