import ArgumentParser
import CortexKit
import Foundation

extension FeatureProtocol: ExpressibleByArgument {}

/// Builds the network a command works on: from a registry name, a CortexKit checkpoint (its
/// configuration is in the metadata, so `--model` may be omitted), or random weights.
enum ModelLoading {
    /// `checkpoint` is a safetensors path or the word `random` (weights from `seed`).
    /// `overrides` (`--width`, `--neuron`, …) apply to the named or stored configuration.
    static func load(modelName: String?, checkpoint: String, seed: UInt64,
                     overrides: ModelOverrides = ModelOverrides()) throws -> (model: SpikingResNet, name: String) {
        var named: ModelConfiguration?
        if let modelName {
            guard let c = ModelRegistry.configuration(named: modelName) else {
                throw CommandLineFailure("unknown model '\(modelName)'; known: \(ModelRegistry.names.joined(separator: ", "))")
            }
            named = try overrides.applied(to: c)
        }
        if checkpoint == "random" {
            guard let configuration = named else { throw CommandLineFailure("--checkpoint random needs --model") }
            var rng = SplittableRandom(seed: seed)
            let name = overrides.isEmpty ? modelName! : (ModelRegistry.name(of: configuration) ?? overrides.label(base: modelName!))
            return (SpikingResNet(configuration: configuration, rng: &rng), name)
        }
        let url = URL(fileURLWithPath: checkpoint)
        let file = try CommandLineFailure.wrapping { try SafetensorsFile(contentsOf: url) }
        let stored = ModelConfiguration(metadata: file.metadata)
        guard var configuration = try stored.map({ try overrides.applied(to: $0) }) ?? named else {
            throw CommandLineFailure("\(checkpoint) records no model configuration; name one with --model")
        }
        if let named, stored == nil { configuration = named }
        var rng = SplittableRandom(seed: 0)
        var model = SpikingResNet(configuration: configuration, rng: &rng)
        try CommandLineFailure.wrapping { try model.load(stateDict: file) }
        let name = overrides.isEmpty ? (modelName ?? file.metadata["cortexkit.model_name"] ?? ModelRegistry.name(of: configuration) ?? "custom")
            : (ModelRegistry.name(of: configuration) ?? overrides.label(base: modelName ?? "checkpoint"))
        return (model, name)
    }
}
