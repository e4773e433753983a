import CortexModels
import Foundation

/// How a model's weights came about, for the report's Methods: random initial weights, or a
/// checkpoint with the task it was trained on and the test accuracy it recorded (checkpoint
/// metadata; a feature file carries them as its optional `weights`, `task` and `test_accuracy`
/// attributes). Absent where nothing is known (a feature file written by other software).
public struct ModelTraining: Sendable, Codable, Hashable {
    /// Whether the weights are random initial weights (no training).
    public var randomWeights: Bool
    /// The training task (`image`, `video`, …), when recorded.
    public var task: String?
    /// Accuracy on the task's test examples, in [0, 1], when recorded.
    public var testAccuracy: Double?

    public init(randomWeights: Bool, task: String? = nil, testAccuracy: Double? = nil) {
        self.randomWeights = randomWeights
        self.task = task
        self.testAccuracy = testAccuracy
    }

    /// What a loaded network records.
    public init(_ loaded: LoadedNetwork) {
        if case .random = loaded.source {
            self.init(randomWeights: true)
        } else {
            self.init(randomWeights: false, task: loaded.task?.rawValue, testAccuracy: loaded.testAccuracy)
        }
    }

    enum CodingKeys: String, CodingKey {
        case randomWeights = "random_weights", task, testAccuracy = "test_accuracy"
    }

    /// "random weights", "trained on the image task, 77.7 % test accuracy", "trained on the video
    /// task (no test accuracy recorded)" or "checkpoint with no training record".
    public var summary: String {
        if randomWeights { return "random weights (untrained)" }
        guard let task else { return "checkpoint with no training record" }
        guard let a = testAccuracy, a.isFinite else { return "trained on the \(task) task (no test accuracy recorded)" }
        return "trained on the \(task) task, \(String(format: "%.1f", 100 * a)) % test accuracy"
    }
}
