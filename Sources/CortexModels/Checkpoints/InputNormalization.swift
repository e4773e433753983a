/// The per-channel normalisation of a network's input, x = (v − mean_c) / std_c for pixel values
/// v in [0, 1] (``FramePreprocessing``); recorded in checkpoints (``CheckpointMetadata``).
///
/// ```swift
/// InputNormalization(channels: 1)        // mean [0.449], std [0.226]
/// ```
public struct InputNormalization: Codable, Hashable, Sendable {
    public var mean: [Float]
    public var std: [Float]

    public init(mean: [Float], std: [Float]) {
        precondition(mean.count == std.count && !mean.isEmpty, "InputNormalization: one mean and one std per channel")
        self.mean = mean
        self.std = std
    }

    /// What ``FramePreprocessing`` and the training tasks use for `channels` (1 or 3).
    public init(channels: Int) {
        let (mean, std) = FramePreprocessing.statistics(channels: channels)
        self.init(mean: mean, std: std)
    }
}
