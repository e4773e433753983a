import CortexEngine

/// Why ``ModelLoader`` cannot build a network; each description is one line (two configurations
/// on a line each for ``contradictsCheckpoint(path:recorded:requested:)``).
public enum ModelLoadingError: Error, Sendable, CustomStringConvertible {
    /// The registry has no model of that name.
    case unknownModel(name: String, known: [String])
    /// The checkpoint records no configuration and no registry name was given.
    case noConfiguration(path: String)
    /// Random weights need a configuration, i.e. a registry name.
    case randomWeightsNeedRegistryName
    /// An override is out of range or does not fit the architecture.
    case invalidOverride(ModelConfiguration.InvalidOverride)
    /// A spiking-transformer override breaks a configuration rule, or a flag of the other family was given.
    case invalidTransformerOverride(InvalidTransformerOverride)
    /// The checkpoint's metadata record cannot be read, or is of another family.
    case metadata(path: String, CheckpointMetadataError)
    /// The checkpoint cannot be read, or its tensors do not fit the configuration.
    case checkpoint(path: String, CheckpointError)
    /// The registry name or overrides describe another network than the checkpoint records
    /// (each a one-line summary: name, architecture, depth, width, input, neuron, connect, classes).
    case contradictsCheckpoint(path: String, recorded: String, requested: String)

    public var description: String {
        switch self {
        case .unknownModel(let name, let known): return "unknown model '\(name)'; known: \(known.joined(separator: ", "))"
        case .noConfiguration(let path): return "\(path) records no model configuration; name a registry model for it"
        case .randomWeightsNeedRegistryName: return "random weights need a registry model name"
        case .invalidOverride(let problem): return problem.description
        case .invalidTransformerOverride(let problem): return problem.description
        case .metadata(let path, let problem): return "\(path): \(problem)"
        case .contradictsCheckpoint(let path, let recorded, let requested):
            return "\(path) holds another model than asked for:\n  recorded:  \(recorded)\n  requested: \(requested)"
        case .checkpoint(let path, let problem):
            if case .mismatches = problem { return "\(path): \(problem)" }
            return problem.description
        }
    }
}
