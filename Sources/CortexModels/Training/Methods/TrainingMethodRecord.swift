/// How a checkpoint's weights were trained beyond plain cross-entropy, as recorded in its
/// ``CheckpointMetadata`` (`training_method`): the loss and the regulariser of the run.
public struct TrainingMethodRecord: Sendable, Hashable, Codable {
    public var loss: TrainingLoss?
    public var regularizer: TrainingRegularizer?

    public init(loss: TrainingLoss? = nil, regularizer: TrainingRegularizer? = nil) {
        self.loss = loss
        self.regularizer = regularizer
    }

    /// The record of a run's options; `nil` for a plain cross-entropy run.
    public init?(_ options: TrainingOptions) {
        let loss = options.loss.flatMap { $0 == .crossEntropy ? nil : $0 }
        guard loss != nil || options.regularizer != nil else { return nil }
        self.init(loss: loss, regularizer: options.regularizer)
    }
}
