/// A network ready to run, with what was asked for and what was found (``ModelLoader``).
public struct LoadedModel {
    /// The network, weights loaded.
    public var network: SpikingResNet
    /// Display name: the registry name given, else the recorded one, else the registry name of
    /// the configuration, else `custom`; with overrides, the registry name of the result or the
    /// base name followed by the overrides (`sew-resnet18-w8 --width 6`).
    public var name: String
    /// The configuration the network was built from (overrides applied).
    public var configuration: ModelConfiguration
    /// Where the weights came from.
    public var source: ModelSource
    /// What the checkpoint recorded (`nil` for random weights and for checkpoints without a record).
    public var recorded: CheckpointMetadata<ModelConfiguration>?

    /// The task the checkpoint records its weights were trained on (`nil`: random weights, or a
    /// checkpoint that records none, such as those written before the task was recorded).
    public var task: TaskChoice? { recorded?.task }

    /// The input normalisation the checkpoint records (``InputNormalization``), applied when the
    /// network watches a movie; nil (random weights, checkpoints that record none) keeps the
    /// earlier rule ``FramePreprocessing/statistics(channels:)``.
    public var inputNormalization: InputNormalization? { recorded?.inputNormalization }

    /// The feature protocol the recorded task calls for — image-trained weights watch a movie
    /// frame by frame as images, video-trained ones as a video (the study's protocols); nil when
    /// no task is recorded. The one place this rule lives (CLI and batch specs both ask here).
    public var recordedProtocol: FeatureProtocol? {
        task.map { $0 == .image ? .image : .video }
    }
}
