import CortexNumerics
import CortexRuntime
import Foundation

/// Everything a batch job's result depends on; its key-sorted JSON, hashed, is the job's cache key
/// (``BatchJob/key``). Absent values (nil) are left out of the JSON.
///
/// Add a field whenever a new input or option can change a result; bump
/// ``CortexAlgorithms/version`` whenever the code computing a result changes its numbers.
struct BatchJobIdentity: Encodable, Hashable {
    /// ``CortexAlgorithms/version`` of the code that computes the result.
    var algorithmVersion: Int
    /// The metric's ``MetricEntry/id`` (built-ins: `builtin:` + the choice's JSON).
    var metric: String
    /// SHA-256 of each session and response file, in the spec's order.
    var responses: [String]
    var stimulus: String
    /// The spec's areas, or `["(default)"]`.
    var areas: [String]
    /// The statistics options as key-sorted JSON.
    var statistics: String
    /// The model's name (model jobs).
    var model: String?
    /// SHA-256 of the feature file (feature-file models).
    var features: String?
    /// SHA-256 of the checkpoint and movie, the protocol, T, layers and registry model name
    /// (checkpoint models).
    var checkpoint: String?
    var movie: String?
    var featureProtocol: String?
    var steps: Int?
    var layers: [String]?
    var registryModel: String?
    /// The interventions (key-sorted JSON of ``InterventionOptions``; checkpoint models with interventions).
    var interventions: String?
    /// True for a ceiling job.
    var ceiling: Bool?
    /// The response set's name (specs with named sets only, so older keys stay valid).
    var responseSet: String?
    /// A brain-to-brain job's second set: its name and the SHA-256 of its inputs.
    var pairedSet: String?
    var pairedResponses: [String]?

    enum CodingKeys: String, CodingKey {
        case algorithmVersion = "algorithm_version", metric, responses, stimulus, areas, statistics, model, features
        case checkpoint, movie, featureProtocol = "protocol", steps = "T", layers, registryModel = "registry-model", ceiling, interventions
        case responseSet = "response-set", pairedSet = "paired-set", pairedResponses = "paired-responses"
    }

    /// SHA-256 (hex) of the key-sorted JSON.
    func key() throws -> String {
        let hash = SHA256()
        hash.update(try JSONEncoder.sorted.encode(self))
        return hash.hexDigest()
    }
}
