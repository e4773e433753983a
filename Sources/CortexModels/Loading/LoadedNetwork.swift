/// A network of any family ready to run (``ModelLoader/loadAnyFamily(_:registryName:overrides:transformerOverrides:)``),
/// with what the commands need besides it: display name, weights' source, recorded task and
/// input normalisation. ``LoadedModel`` is the same for the ResNets alone.
public struct LoadedNetwork {
    public var network: ModelNetwork
    /// Display name (registry name, recorded name, or with the overrides appended).
    public var name: String
    public var source: ModelSource
    /// The task the checkpoint records (nil: random weights or none recorded).
    public var task: TaskChoice?
    /// The input normalisation the checkpoint records.
    public var inputNormalization: InputNormalization?
    /// The test accuracy the checkpoint records (in [0, 1]; nil: none recorded) and the T it was measured at.
    public var testAccuracy: Double?
    public var trainedSteps: Int?

    public init(network: ModelNetwork, name: String, source: ModelSource, task: TaskChoice?, inputNormalization: InputNormalization?,
                testAccuracy: Double? = nil, trainedSteps: Int? = nil) {
        self.network = network
        self.name = name
        self.source = source
        self.task = task
        self.inputNormalization = inputNormalization
        self.testAccuracy = testAccuracy
        self.trainedSteps = trainedSteps
    }

    /// The feature protocol of the recorded task (image-trained → image, else video); nil when
    /// none is recorded (the rule of ``LoadedModel/recordedProtocol``).
    public var recordedProtocol: FeatureProtocol? { task.map { $0 == .image ? .image : .video } }
}

extension LoadedModel {
    /// The same model as a ``LoadedNetwork``.
    public var anyFamily: LoadedNetwork {
        LoadedNetwork(network: .spikingResNet(network), name: name, source: source, task: task, inputNormalization: inputNormalization,
                      testAccuracy: recorded?.testAccuracy, trainedSteps: recorded?.trainedSteps)
    }
}
