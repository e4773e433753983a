import Foundation

/// What a CortexKit checkpoint records besides its tensors, as one versioned JSON value in the
/// safetensors `__metadata__` under ``key`` (`cortexkit.checkpoint`):
///
/// ```json
/// {"schema": 1, "family": "spiking-resnet", "model_name": "sew-resnet18-w8",
///  "configuration": {"architecture": "sew-resnet", "base_width": 8, …},
///  "task": "video", "input_normalization": {"mean": [0.449], "std": [0.226]}, "test_accuracy": 0.62,
///  "trained_steps": 4, "test_examples": 256, "training_method": {"loss": "tcl", …}}
/// ```
///
/// Keys are snake_case. ``schema`` is the format version (``currentSchema``); a reader refuses
/// a newer one rather than misread it. Checkpoints written before this schema (the configuration
/// JSON under `cortexkit.model_configuration`, the name under `cortexkit.model_name`) read as
/// schema 0 of the `spiking-resnet` family.
///
/// ```swift
/// let file = try SafetensorsFile(contentsOf: url)
/// if let recorded = try CheckpointMetadata<ModelConfiguration>.read(from: file.metadata) {
///     recorded.configuration          // builds the network
/// }
/// ```
public struct CheckpointMetadata<Configuration: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    /// The format version this code writes and the newest it reads.
    public static var currentSchema: Int { 1 }
    /// The safetensors metadata key holding the JSON.
    public static var key: String { "cortexkit.checkpoint" }
    /// The keys of checkpoints written before the schema: configuration JSON and model name.
    public static var legacyConfigurationKey: String { "cortexkit.model_configuration" }
    public static var legacyNameKey: String { "cortexkit.model_name" }
    /// The family of legacy checkpoints (all were SEW-ResNet or LoRaFB-SNet).
    public static var legacyFamily: String { "spiking-resnet" }

    /// Format version: ``currentSchema`` when written; 0 for a legacy checkpoint.
    public var schema: Int
    /// The network family (``RecordableNetwork/family``).
    public var family: String
    /// The configuration that builds the network.
    public var configuration: Configuration
    /// The display name given when the checkpoint was written (registry name, or with overrides).
    public var modelName: String?
    /// The task the weights were trained on.
    public var task: TaskChoice?
    /// The per-channel normalisation of the training input.
    public var inputNormalization: InputNormalization?
    /// Pruned parameters: parameter name → name of the checkpoint tensor holding its 0/1 mask.
    public var pruningMasks: [String: String]?
    /// Accuracy on the task's test examples after training, in [0, 1].
    public var testAccuracy: Double?
    /// Time steps T the network was trained and ``testAccuracy`` measured at (absent in
    /// checkpoints written before it was recorded).
    public var trainedSteps: Int?
    /// Test examples ``testAccuracy`` was measured on.
    public var testExamples: Int?
    /// How the weights were trained, beyond plain cross-entropy (``TrainingMethodRecord``; absent:
    /// cross-entropy, or a checkpoint written before it was recorded).
    public var trainingMethod: TrainingMethodRecord?

    public init(family: String, configuration: Configuration, modelName: String? = nil, task: TaskChoice? = nil,
                inputNormalization: InputNormalization? = nil, pruningMasks: [String: String]? = nil,
                testAccuracy: Double? = nil, trainedSteps: Int? = nil, testExamples: Int? = nil,
                trainingMethod: TrainingMethodRecord? = nil) {
        schema = Self.currentSchema
        self.family = family
        self.configuration = configuration
        self.modelName = modelName
        self.task = task
        self.inputNormalization = inputNormalization
        self.pruningMasks = pruningMasks
        self.testAccuracy = testAccuracy
        self.trainedSteps = trainedSteps
        self.testExamples = testExamples
        self.trainingMethod = trainingMethod
    }

    private enum CodingKeys: String, CodingKey {
        case schema, family, configuration, task
        case modelName = "model_name"
        case inputNormalization = "input_normalization"
        case pruningMasks = "pruning_masks"
        case testAccuracy = "test_accuracy"
        case trainedSteps = "trained_steps"
        case testExamples = "test_examples"
        case trainingMethod = "training_method"
    }

    /// The metadata entry (``key`` → JSON, sorted keys) to merge into a checkpoint's metadata.
    public var entries: [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain Codable values to JSON does not fail (no non-finite doubles are stored:
        // a NaN accuracy is dropped in the initialiser's callers).
        let json = (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return [Self.key: json]
    }

    /// Reads the record of a checkpoint's metadata: the schema entry, else the legacy keys.
    /// - Parameter family: when given, a record of another family is refused before its
    ///   configuration is decoded (so the error names the family, not a missing field).
    /// - Returns: `nil` when the checkpoint records neither (e.g. a converted PyTorch checkpoint).
    /// - Throws: ``CheckpointMetadataError`` when an entry is there but cannot be read, has a
    ///   newer schema, or is of another family.
    public static func read(from metadata: [String: String], family: String? = nil)
        throws(CheckpointMetadataError) -> CheckpointMetadata? {
        if let json = metadata[key] {
            // The version first, so a newer schema is reported as such rather than as undecodable.
            guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
                  let schema = object["schema"] as? Int else {
                throw .malformed(key: key, reason: "no schema version")
            }
            guard schema <= currentSchema else { throw .unsupportedSchema(found: schema, newest: currentSchema) }
            if let family, let found = object["family"] as? String, found != family {
                throw .familyMismatch(expected: family, found: found)
            }
            do {
                return try JSONDecoder().decode(CheckpointMetadata.self, from: Data(json.utf8))
            } catch let problem as ModelConfiguration.InvalidOverride {
                throw .invalidConfiguration(key: key, reason: problem.description)
            } catch {
                throw .malformed(key: key, reason: String(describing: error))
            }
        }
        guard let json = metadata[legacyConfigurationKey] else { return nil }
        if let family, family != legacyFamily { throw .familyMismatch(expected: family, found: legacyFamily) }
        let configuration: Configuration
        do {
            configuration = try JSONDecoder().decode(Configuration.self, from: Data(json.utf8))
        } catch let problem as ModelConfiguration.InvalidOverride {
            throw .invalidConfiguration(key: legacyConfigurationKey, reason: problem.description)
        } catch {
            throw .malformed(key: legacyConfigurationKey, reason: String(describing: error))
        }
        var value = CheckpointMetadata(family: legacyFamily, configuration: configuration, modelName: metadata[legacyNameKey])
        value.schema = 0
        return value
    }
}
