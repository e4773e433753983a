import CortexEngine
import CortexNumerics
import Foundation

/// Loading a network of any family: the ResNets through ``ModelLoader/load(_:registryName:overrides:)``,
/// the spiking transformers (``TransformerRegistry``, families `spikformer` and
/// `spike-driven-transformer`) with the same rules — a checkpoint's recorded configuration builds
/// the network, a registry name or overrides must describe the same network (only the input size
/// may differ), a reference checkpoint without a record needs a registry name.
extension ModelLoader {
    /// The network of `source`, of whichever family the registry name or the checkpoint's record names.
    ///
    /// - Parameters:
    ///   - overrides: the ResNet overrides; for a transformer only `inputChannels`, `inputSize`,
    ///     `classes` and `downsampling` apply (the others are refused).
    ///   - transformerOverrides: `--embed-dim`, `--heads`, … (refused for a ResNet).
    public static func loadAnyFamily(_ source: ModelSource, registryName: String? = nil,
                                     overrides: ModelConfiguration.Overrides = .init(),
                                     transformerOverrides: SpikingTransformerConfiguration.Overrides = .init())
        throws(ModelLoadingError) -> LoadedNetwork {
        let isTransformer: Bool
        if let registryName {
            isTransformer = TransformerRegistry.configuration(named: registryName) != nil
            if !isTransformer && ModelRegistry.configuration(named: registryName) == nil {
                throw .unknownModel(name: registryName, known: ModelRegistry.names + TransformerRegistry.names)
            }
        } else if case .checkpoint(let url) = source {
            let family = recordedFamily(of: try read(url))
            isTransformer = TransformerArchitecture.allCases.contains { $0.family == family }
        } else {
            throw .randomWeightsNeedRegistryName
        }
        guard isTransformer else {
            if let flag = transformerOverrides.firstFlag {
                throw .invalidTransformerOverride(.init(reason: "\(flag) applies to the spiking transformers, not to \(registryName ?? "this checkpoint")"))
            }
            return try load(source, registryName: registryName, overrides: overrides).anyFamily
        }
        if let flag = overrides.resNetOnlyFlag {
            throw .invalidTransformerOverride(.init(reason: "\(flag) applies to the ResNets, not to \(registryName ?? "this checkpoint")"))
        }
        var changes = transformerOverrides
        changes.downsampling = overrides.downsampling ?? changes.downsampling
        changes.inputChannels = overrides.inputChannels ?? changes.inputChannels
        changes.inputSize = overrides.inputSize ?? changes.inputSize
        changes.classes = overrides.classes ?? changes.classes
        return try loadTransformer(source, registryName: registryName, overrides: changes)
    }

    static func loadTransformer(_ source: ModelSource, registryName: String?, overrides: SpikingTransformerConfiguration.Overrides)
        throws(ModelLoadingError) -> LoadedNetwork {
        func apply(_ c: SpikingTransformerConfiguration) throws(ModelLoadingError) -> SpikingTransformerConfiguration {
            do { return try overrides.applied(to: c) } catch { throw .invalidTransformerOverride(error) }
        }
        let named = try registryName.flatMap(TransformerRegistry.configuration(named:)).map { c throws(ModelLoadingError) in try apply(c) }
        func label(_ base: String, _ c: SpikingTransformerConfiguration) -> String {
            overrides.isEmpty ? base : (TransformerRegistry.name(of: c) ?? overrides.label(base: base))
        }
        switch source {
        case .random(let seed):
            guard let registryName, let named else { throw .randomWeightsNeedRegistryName }
            var rng = SplittableRandom(seed: seed)
            return LoadedNetwork(network: ModelNetwork(configuration: .transformer(named), rng: &rng),
                                 name: label(registryName, named), source: source, task: nil, inputNormalization: nil)
        case .checkpoint(let url):
            let file = try read(url)
            let family = recordedFamily(of: file) ?? named?.architecture.family ?? TransformerArchitecture.spikformer.family
            let recorded: CheckpointMetadata<SpikingTransformerConfiguration>?
            do {
                recorded = try CheckpointMetadata<SpikingTransformerConfiguration>.read(from: file.metadata, family: family)
            } catch {
                throw .metadata(path: url.path, error)
            }
            guard let configuration = try recorded.map({ r throws(ModelLoadingError) in try apply(r.configuration) }) ?? named else {
                throw .noConfiguration(path: url.path)
            }
            // A registry name or overrides (without a name: applied to the record) must describe the
            // recorded network; only the input size may differ. (`--heads 8` on a 4-head checkpoint
            // has tensors of the same shapes, so without this it would run a network never trained.)
            if let recorded {
                let requested = named ?? configuration
                var (a, b) = (requested, recorded.configuration)
                (a.inputHeight, a.inputWidth) = (b.inputHeight, b.inputWidth)
                if a != b {
                    let recordedName = recorded.modelName ?? TransformerRegistry.name(of: b) ?? "custom"
                    throw .contradictsCheckpoint(path: url.path, recorded: summary(recordedName, b),
                                                 requested: summary(overrides.label(base: registryName ?? recordedName), requested))
                }
            }
            // (Pruning masks `<param>.mask` are stripped and applied, as for the ResNets.)
            let network = try Self.network(ModelNetwork.self, configuration: .transformer(configuration), weights: file, path: url.path)
            let base = registryName ?? recorded?.modelName ?? TransformerRegistry.name(of: configuration) ?? "custom"
            return LoadedNetwork(network: network, name: label(base, configuration), source: source, task: recorded?.task,
                                 inputNormalization: recorded?.inputNormalization, testAccuracy: recorded?.testAccuracy,
                                 trainedSteps: recorded?.trainedSteps)
        }
    }

    /// The `family` of a checkpoint's record, or nil (no record, or a legacy one: the ResNets).
    static func recordedFamily(of file: SafetensorsFile) -> String? {
        guard let json = file.metadata[CheckpointMetadata<ModelConfiguration>.key],
              let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return nil }
        return object["family"] as? String
    }

    /// `name (spikformer, 2 blocks, embedding 64, 4 heads, MLP ×4, input 1x64x64, standard downsampling, 10 classes)`.
    static func summary(_ name: String, _ c: SpikingTransformerConfiguration) -> String {
        "\(name) (\(c.architecture.rawValue), \(c.blocks) blocks, embedding \(c.embedDim), \(c.heads) heads, MLP ×\(c.mlpRatio), "
            + "input \(c.inputChannels)x\(c.inputHeight)x\(c.inputWidth), \(c.downsampling.rawValue) downsampling, \(c.classes) classes)"
    }
}

extension ModelConfiguration.Overrides {
    /// The first ResNet-only flag set (`--depth`, `--width`, `--neuron`, `--connect`), as spelled.
    var resNetOnlyFlag: String? {
        if depth != nil { return "--depth" }
        if baseWidth != nil { return "--width" }
        if neuron != nil { return "--neuron" }
        if connect != nil { return "--connect" }
        return nil
    }
}

extension SpikingTransformerConfiguration.Overrides {
    /// The first transformer-only flag set, as spelled.
    var firstFlag: String? {
        if embedDim != nil { return "--embed-dim" }
        if heads != nil { return "--heads" }
        if blocks != nil { return "--blocks" }
        if mlpRatio != nil { return "--mlp-ratio" }
        return nil                           // --downsample applies to both families
    }
}
