import CortexEngine
import CortexNumerics
import Foundation

extension SpikingResNet {
    /// Why a checkpoint cannot be turned into a network.
    public enum CheckpointLoadingError: Error, CustomStringConvertible, Sendable {
        /// The checkpoint records no configuration and no registry name was given.
        case noConfiguration(path: String)
        /// The registry has no model of that name.
        case unknownModel(name: String, known: [String])

        public var description: String {
            switch self {
            case .noConfiguration(let path):
                return "\(path) records no model configuration; name a registry model for it"
            case .unknownModel(let name, let known):
                return "unknown model '\(name)'; known: \(known.joined(separator: ", "))"
            }
        }
    }

    /// A network with the weights of a safetensors checkpoint: its configuration from the
    /// checkpoint's metadata (CortexKit checkpoints) or else from the registry entry `registryName`.
    /// - Returns: the network and a display name (the recorded or registry name).
    /// - Throws: ``CheckpointLoadingError``; `CheckpointError` listing every missing, extra or
    ///   mis-shaped tensor.
    public static func load(checkpoint url: URL, registryName: String? = nil) throws -> (network: SpikingResNet, name: String) {
        let file = try SafetensorsFile(contentsOf: url)
        var named: ModelConfiguration?
        if let registryName {
            guard let c = ModelRegistry.configuration(named: registryName) else {
                throw CheckpointLoadingError.unknownModel(name: registryName, known: ModelRegistry.names)
            }
            named = c
        }
        guard let configuration = ModelConfiguration(metadata: file.metadata) ?? named else {
            throw CheckpointLoadingError.noConfiguration(path: url.path)
        }
        var rng = SplittableRandom(seed: 0)
        var network = SpikingResNet(configuration: configuration, rng: &rng)
        try network.load(stateDict: file)
        let name = registryName ?? file.metadata["cortexkit.model_name"] ?? ModelRegistry.name(of: configuration) ?? "custom"
        return (network, name)
    }
}
