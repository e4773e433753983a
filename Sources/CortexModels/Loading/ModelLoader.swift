import CortexEngine
import CortexNumerics
import Foundation

/// The one way to get a network: from a checkpoint (its configuration recorded in the metadata,
/// or named from the ``ModelRegistry``) or with random weights from a seed, with optional
/// configuration ``ModelConfiguration/Overrides``. `cortex features`, `cortex compare
/// --checkpoint`, `cortex train` and the batch runner all go through it.
///
/// ```swift
/// let trained = try ModelLoader.load(.checkpoint(URL(fileURLWithPath: "datasets/checkpoints/sew-resnet18-w8-video/model.safetensors")))
/// trained.name                                    // "sew-resnet18-w8" (recorded in the checkpoint)
/// var untrained = try ModelLoader.load(.random(seed: 7), registryName: "lorafb-snet18-w8").network
/// ```
///
/// Configuration: a checkpoint's recorded configuration builds the network; a registry name or
/// overrides given with it must describe the same network (architecture, depth, width, input
/// channels, neuron, connect function, classes), else loading fails naming both — a network is
/// never labelled with a model it is not. Only the input size may differ (a convolutional
/// network runs on other frame sizes): an `inputSize` override sets it.
public enum ModelLoader {
    /// The registry configuration `registryName` with `overrides` applied, and its display name.
    /// - Throws: ``ModelLoadingError/unknownModel(name:known:)``,
    ///   ``ModelLoadingError/invalidOverride(_:)``.
    public static func configuration(registryName: String, overrides: ModelConfiguration.Overrides = .init())
        throws(ModelLoadingError) -> (configuration: ModelConfiguration, name: String) {
        guard let named = ModelRegistry.configuration(named: registryName) else {
            throw .unknownModel(name: registryName, known: ModelRegistry.names)
        }
        let configuration = try applying(overrides, to: named)
        return (configuration, displayName(recorded: registryName, configuration: configuration, overrides: overrides))
    }

    /// Builds the network of `source`.
    ///
    /// - Parameters:
    ///   - registryName: a ``ModelRegistry`` name: the configuration of random weights and of a
    ///     checkpoint that records none; the display name in any case.
    ///   - overrides: applied to the configuration used.
    /// - Throws: ``ModelLoadingError``: an unknown registry name (listing the known ones), a
    ///   checkpoint without a configuration and no name, random weights without a name, an invalid
    ///   override, an unreadable checkpoint or one whose tensors do not fit.
    public static func load(_ source: ModelSource, registryName: String? = nil,
                            overrides: ModelConfiguration.Overrides = .init()) throws(ModelLoadingError) -> LoadedModel {
        let named = try registryName.map { name throws(ModelLoadingError) in
            try configuration(registryName: name, overrides: overrides).configuration
        }
        switch source {
        case .random(let seed):
            guard let registryName, let named else { throw .randomWeightsNeedRegistryName }
            var rng = SplittableRandom(seed: seed)
            return LoadedModel(network: SpikingResNet(configuration: named, rng: &rng),
                               name: displayName(recorded: registryName, configuration: named, overrides: overrides),
                               configuration: named, source: source, recorded: nil)
        case .checkpoint(let url):
            let file = try read(url)
            let recorded = try record(SpikingResNet.self, of: file, path: url.path)
            guard let configuration = try recorded.map({ c throws(ModelLoadingError) in try applying(overrides, to: c.configuration) })
                    ?? named else {
                throw .noConfiguration(path: url.path)
            }
            if let recorded {
                let requested = named ?? configuration
                if !sameNetwork(requested, recorded.configuration) {
                    let recordedName = recorded.modelName ?? ModelRegistry.name(of: recorded.configuration) ?? "custom"
                    let requestedName = registryName.map { overrides.label(base: $0) } ?? overrides.label(base: recordedName)
                    throw .contradictsCheckpoint(path: url.path, recorded: summary(recordedName, recorded.configuration),
                                                 requested: summary(requestedName, requested))
                }
            }
            if let normalization = recorded?.inputNormalization, !normalization.fits(channels: configuration.inputChannels) {
                throw .metadata(path: url.path, .malformed(key: CheckpointMetadata<ModelConfiguration>.key,
                    reason: "input_normalization has \(normalization.mean.count) means for a network of \(configuration.inputChannels) input channels"))
            }
            let network = try network(SpikingResNet.self, configuration: configuration, weights: file, path: url.path)
            let base = registryName ?? recorded?.modelName
            let name = overrides.isEmpty ? (base ?? ModelRegistry.name(of: configuration) ?? "custom")
                : displayName(recorded: base ?? "checkpoint", configuration: configuration, overrides: overrides)
            return LoadedModel(network: network, name: name, configuration: configuration, source: source, recorded: recorded)
        }
    }

    /// Any ``RecordableNetwork`` from a checkpoint: its recorded configuration, else `fallback`.
    ///
    /// ```swift
    /// let (network, recorded) = try ModelLoader.network(MyNetwork.self, checkpoint: url)
    /// ```
    /// - Throws: ``ModelLoadingError/noConfiguration(path:)`` when neither is there,
    ///   ``ModelLoadingError/metadata(path:_:)`` for a record of another family,
    ///   ``ModelLoadingError/checkpoint(path:_:)``.
    public static func network<N: RecordableNetwork>(_ type: N.Type, checkpoint url: URL, fallback: N.Configuration? = nil)
        throws(ModelLoadingError) -> (network: N, recorded: CheckpointMetadata<N.Configuration>?) {
        let file = try read(url)
        let recorded = try record(N.self, of: file, path: url.path)
        guard let configuration = recorded?.configuration ?? fallback else { throw .noConfiguration(path: url.path) }
        return (try network(N.self, configuration: configuration, weights: file, path: url.path), recorded)
    }

    // MARK: steps

    static func read(_ url: URL) throws(ModelLoadingError) -> SafetensorsFile {
        do { return try SafetensorsFile(contentsOf: url) } catch { throw .checkpoint(path: url.path, error) }
    }

    /// The checkpoint's record, checked to be of `N`'s family.
    static func record<N: RecordableNetwork>(_ type: N.Type, of file: SafetensorsFile, path: String)
        throws(ModelLoadingError) -> CheckpointMetadata<N.Configuration>? {
        do throws(CheckpointMetadataError) {
            let recorded = try CheckpointMetadata<N.Configuration>.read(from: file.metadata, family: N.family)
            if let recorded, recorded.family != N.family {
                throw CheckpointMetadataError.familyMismatch(expected: N.family, found: recorded.family)
            }
            return recorded
        } catch {
            throw .metadata(path: path, error)
        }
    }

    /// A network of `configuration` with the weights of `file` (the initial draw is overwritten).
    static func network<N: RecordableNetwork>(_ type: N.Type, configuration: N.Configuration, weights file: SafetensorsFile,
                                              path: String) throws(ModelLoadingError) -> N {
        var rng = SplittableRandom(seed: 0)
        var network = N(configuration: configuration, rng: &rng)
        // Pruning masks (`<param>.mask`) are not network tensors: stripped, then applied.
        var weights = file
        let masks: PruningMasks?
        do { masks = try PruningMasks.extract(from: &weights) } catch {
            throw .metadata(path: path, .malformed(key: "pruning masks", reason: error.description))
        }
        do { try network.load(stateDict: weights) } catch { throw .checkpoint(path: path, error) }
        masks?.apply(to: &network)
        return network
    }

    static func applying(_ overrides: ModelConfiguration.Overrides, to configuration: ModelConfiguration)
        throws(ModelLoadingError) -> ModelConfiguration {
        do { return try overrides.applied(to: configuration) } catch { throw .invalidOverride(error) }
    }

    /// Whether two configurations build the same network: equal in everything but the input
    /// size and the training-only step normalisation.
    static func sameNetwork(_ a: ModelConfiguration, _ b: ModelConfiguration) -> Bool {
        var (a, b) = (a, b)
        (a.inputHeight, a.inputWidth, a.stepNormalization) = (b.inputHeight, b.inputWidth, b.stepNormalization)
        return a == b
    }

    /// `name (sew-resnet, depth 18, width 8, input 1x64x64, lif, ADD, 10 classes)`.
    static func summary(_ name: String, _ c: ModelConfiguration) -> String {
        "\(name) (\(c.architecture.rawValue), depth \(c.depth), width \(c.baseWidth), input \(c.inputChannels)x\(c.inputHeight)x\(c.inputWidth), "
            + "\(c.neuron.rawValue), \(c.connect.rawValue), \(c.classes) classes\(c.downsampling == .cml ? ", cml downsampling" : ""))"
    }

    /// `name` without overrides; with them, the registry name of the result or `name` + the overrides.
    static func displayName(recorded name: String, configuration: ModelConfiguration,
                            overrides: ModelConfiguration.Overrides) -> String {
        overrides.isEmpty ? name : (ModelRegistry.name(of: configuration) ?? overrides.label(base: name))
    }
}
