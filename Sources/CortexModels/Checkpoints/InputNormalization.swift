/// The per-channel normalisation of a network's input, x = (v − mean_c) / std_c for pixel values
/// v in [0, 1] (``FramePreprocessing``); recorded in checkpoints (``CheckpointMetadata``, key
/// `input_normalization`) and applied when the network watches a movie.
///
/// ```swift
/// InputNormalization(channels: 1)        // mean [0.449], std [0.226]: CortexKit's grayscale training
/// InputNormalization.imageNet            // the study's ImageNet-trained networks
/// InputNormalization.ucf101              // mean 0.5, std 0.5: the study's UCF101-trained networks
/// ```
///
/// One mean and std for all channels, or one per channel. A checkpoint that records none (written
/// before it was recorded, or converted without it) keeps CortexKit's earlier rule,
/// ``FramePreprocessing/statistics(channels:)``: ImageNet statistics for 3 channels, 0.449 / 0.226
/// for 1 channel.
public struct InputNormalization: Codable, Hashable, Sendable {
    public var mean: [Float]
    public var std: [Float]

    public init(mean: [Float], std: [Float]) {
        precondition(Self.problem(mean: mean, std: std) == nil, "InputNormalization: \(Self.problem(mean: mean, std: std) ?? "")")
        self.mean = mean
        self.std = std
    }

    /// What ``FramePreprocessing`` and the training tasks use for `channels` (1 or 3).
    public init(channels: Int) {
        let (mean, std) = FramePreprocessing.statistics(channels: channels)
        self.init(mean: mean, std: std)
    }

    /// ImageNet's channel statistics (torchvision): mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225).
    public static let imageNet = InputNormalization(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225])
    /// The study's UCF101 training input: mean 0.5, std 0.5 in every channel (its `train/transforms.py`).
    public static let ucf101 = InputNormalization(mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5])

    /// Mean and std of channel `c` (a single value serves every channel).
    public func statistics(channel c: Int) -> (mean: Float, std: Float) {
        (mean.count == 1 ? mean[0] : mean[c], std.count == 1 ? std[0] : std[c])
    }

    /// Whether it fits a network of `channels` input channels (one value, or one per channel).
    public func fits(channels: Int) -> Bool { mean.count == 1 || mean.count == channels }

    /// Why `mean` and `std` are not a normalisation: empty, unequal counts, or a std that is not
    /// positive and finite, or a mean that is not finite.
    static func problem(mean: [Float], std: [Float]) -> String? {
        if mean.isEmpty || mean.count != std.count { return "one mean and one std per channel (got \(mean.count) and \(std.count))" }
        if !mean.allSatisfy(\.isFinite) || !std.allSatisfy({ $0.isFinite && $0 > 0 }) {
            return "means must be finite and stds positive (got mean \(mean), std \(std))"
        }
        return nil
    }

    private enum CodingKeys: String, CodingKey { case mean, std }

    /// Decodes and checks a recorded normalisation (a malformed record is an error, never a trap).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let mean = try c.decode([Float].self, forKey: .mean), std = try c.decode([Float].self, forKey: .std)
        if let problem = Self.problem(mean: mean, std: std) {
            throw DecodingError.dataCorruptedError(forKey: .std, in: c, debugDescription: "input_normalization: \(problem)")
        }
        self.mean = mean
        self.std = std
    }
}
