import CortexEngine
import Foundation

/// Test loss and accuracy of a network on a task's examples at one number of time steps.
public struct EvaluationResult: Sendable, Hashable, Codable {
    /// Mean cross-entropy of the time-averaged logits over the examples.
    public var loss: Double
    /// Fraction of examples whose arg-max (time-averaged logits) is the label, in [0, 1].
    public var accuracy: Double
    /// Examples evaluated.
    public var examples: Int
    /// Time steps T each example was run for.
    public var steps: Int

    public init(loss: Double, accuracy: Double, examples: Int, steps: Int) {
        self.loss = loss
        self.accuracy = accuracy
        self.examples = examples
        self.steps = steps
    }
}

/// Evaluation of any ``RecordableNetwork`` on a ``TrainingTask``, at any number of time steps
/// (a network trained at T = 4 can be tested at T = 1 or 2, as the temporal-contrastive paper
/// does). Inference mode: BN uses running statistics, so the result does not depend on batching.
///
/// ```swift
/// let result = TaskEvaluation.evaluate(&network, task: task, steps: 2, examples: 256, batchSize: 32)
/// result.accuracy                       // e.g. 0.61
/// ```
///
/// Loss and accuracy are those of the training loop: logits `[T, B, K]` averaged over time,
/// then cross-entropy (mean over examples) and arg-max (first on ties; a NaN row counts as 0).
public enum TaskEvaluation {
    /// Mean loss and accuracy on the first `examples` examples of `split` (fewer if the task has
    /// fewer), in batches of `batchSize`.
    /// - Parameter progress: called after every batch with (examples done, examples in all).
    /// - Returns: NaN loss and accuracy when no example is evaluated.
    public static func evaluate<Network: RecordableNetwork>(
        _ network: inout Network, task: any TrainingTask, split: TaskSplit = .test, steps: Int, examples: Int,
        batchSize: Int, progress: (Int, Int) -> Void = { _, _ in }
    ) -> EvaluationResult {
        precondition(steps >= 1 && batchSize >= 1, "TaskEvaluation: steps and batch size must be positive")
        let n = min(max(examples, 0), task.count(split))
        guard n > 0 else { return EvaluationResult(loss: .nan, accuracy: .nan, examples: 0, steps: steps) }
        var lossSum = 0.0, hits = 0, start = 0
        while start < n {
            let indices = Array(start..<min(n, start + batchSize))
            let prepared = task.preparedBatch(indices, split: split, steps: steps, inputShape: network.inputShape)
            let x = Tensor(shape: prepared.shape, scalars: prepared.values)
            var state = network.initialState()
            let logits = network.forward(x, state: &state, mode: .inference).logits.mean(alongAxis: 0)
            lossSum += Double(logits.crossEntropy(labels: prepared.labels).scalar) * Double(indices.count)
            hits += correct(logits, prepared.labels)
            start += indices.count
            progress(start, n)
        }
        return EvaluationResult(loss: lossSum / Double(n), accuracy: Double(hits) / Double(n), examples: n, steps: steps)
    }

    /// Predictions (arg-max of each row of `[B, K]` logits, first on ties; NaN rows count as 0)
    /// equal to the labels.
    public static func correct(_ logits: Tensor<Float>, _ labels: [Int]) -> Int {
        let k = logits.shape[1]
        var hits = 0
        for (i, label) in labels.enumerated() {
            var best = 0
            for j in 1..<k where logits.scalars[i * k + j] > logits.scalars[i * k + best] { best = j }
            if best == label { hits += 1 }
        }
        return hits
    }
}
