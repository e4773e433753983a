import ArgumentParser
import CortexKit
import Foundation

extension TrainCommand {
    /// The options of a spiking-transformer run: `--model NAME` (a ``TransformerRegistry`` name)
    /// or the `stored` run's transformer, with `--embed-dim`, `--heads`, `--blocks`, `--mlp-ratio`,
    /// `--downsample`, `--in-channels` and `--input-size` applied, ten classes (both tasks); the
    /// other settings are the defaults (the caller puts the network into a stored run's options).
    func transformerOptions(name: String, stored: TrainingOptions?, changes: ModelConfiguration.Overrides) throws -> TrainingOptions {
        if let flag = overrides.resNetOnlyFlag {
            throw CommandLineFailure("\(flag) applies to the ResNets, not to the spiking transformer \(name) (see --embed-dim, --heads, --blocks, --mlp-ratio)")
        }
        guard let base = stored?.transformer ?? TransformerRegistry.configuration(named: name) else {
            throw CommandLineFailure("unknown spiking transformer '\(name)'; known: \(TransformerRegistry.names.joined(separator: ", "))")
        }
        var transformerChanges = overrides.transformerValue()
        transformerChanges.downsampling = changes.downsampling
        transformerChanges.inputChannels = changes.inputChannels
        transformerChanges.inputSize = changes.inputSize
        var configuration: SpikingTransformerConfiguration
        do { configuration = try transformerChanges.applied(to: base) } catch {
            throw CommandLineFailure("\(name): \(error.description)")
        }
        configuration.classes = 10                           // both tasks have ten classes
        let modelName = TransformerRegistry.name(of: configuration) ?? transformerChanges.label(base: name)
        return TrainingOptions(modelName: modelName, transformer: configuration, task: .video)
    }

    /// `stored` training `network`'s network under its name (every other setting kept).
    static func replacingNetwork(of stored: TrainingOptions, with network: TrainingOptions) -> TrainingOptions {
        var options = stored
        options.modelName = network.modelName
        options.configuration = network.configuration
        options.transformer = network.transformer
        return options
    }
}

extension ModelOverrides {
    /// The first ResNet-only flag given (`--depth`, `--width`, `--neuron`, `--connect`), as spelled.
    var resNetOnlyFlag: String? {
        [("--depth", depth != nil), ("--width", width != nil), ("--neuron", neuron != nil), ("--connect", connect != nil)]
            .first { $0.1 }?.0
    }

    /// The first transformer-only flag given (`--embed-dim`, `--heads`, `--blocks`, `--mlp-ratio`), as spelled.
    var transformerOnlyFlag: String? {
        [("--embed-dim", embedDim != nil), ("--heads", heads != nil), ("--blocks", blocks != nil), ("--mlp-ratio", mlpRatio != nil)]
            .first { $0.1 }?.0
    }
}
