import ArgumentParser
import CortexKit

extension NeuronKind: ExpressibleByArgument {}
extension ConnectFunction: ExpressibleByArgument {}
extension Architecture: ExpressibleByArgument {}
extension Downsampling: ExpressibleByArgument {}

/// Flags that override fields of a named or recorded model configuration
/// (`--model lorafb-snet18 --width 16 --in-channels 3 --neuron lif --classes 101`); parsed into
/// the library's ``ModelConfiguration/Overrides``, which checks them.
struct ModelOverrides: ParsableArguments {
    @Option(help: "Override the depth (18 or 34).")
    var depth: Int?

    @Option(help: "Override the base width (channels of the stem and stage 1).")
    var width: Int?

    @Option(name: .customLong("in-channels"), help: "Override the input channels (1 or 3).")
    var inChannels: Int?

    @Option(name: .customLong("input-size"), help: "Override the input frame size: N (square) or HxW.")
    var inputSize: String?

    @Option(help: "Override the neuron: if or lif.")
    var neuron: NeuronKind?

    @Option(help: "Override the SEW connect function: ADD, AND or IAND.")
    var connect: ConnectFunction?

    @Option(help: "Override the number of classes of the final layer.")
    var classes: Int?

    @Option(name: .customLong("embed-dim"), help: "Override a spiking transformer's embedding width D (a multiple of 8 and of --heads).")
    var embedDim: Int?

    @Option(help: "Override a spiking transformer's attention heads.")
    var heads: Int?

    @Option(help: "Override a spiking transformer's number of blocks (--depth stays the ResNets' 18/34).")
    var blocks: Int?

    @Option(name: .customLong("mlp-ratio"), help: "Override a spiking transformer's MLP hidden width ratio.")
    var mlpRatio: Int?

    @Option(help: "Override where the stem max-pools: standard (spikes, after the neuron) or cml (membrane potentials, before it; SEW-ResNet and transformers).")
    var downsample: Downsampling?

    /// The transformer-only overrides as the library's value (`--downsample` and the shared
    /// input/classes flags travel in ``value()``).
    func transformerValue() -> SpikingTransformerConfiguration.Overrides {
        SpikingTransformerConfiguration.Overrides(embedDim: embedDim, heads: heads, blocks: blocks, mlpRatio: mlpRatio)
    }

    /// The overrides as the library's value.
    /// - Throws: ``ModelConfiguration/InvalidOverride`` for an unreadable `--input-size`.
    func value() throws(ModelConfiguration.InvalidOverride) -> ModelConfiguration.Overrides {
        ModelConfiguration.Overrides(depth: depth, baseWidth: width, inputChannels: inChannels,
                                     inputSize: try inputSize.map { s throws(ModelConfiguration.InvalidOverride) in
                                         try ModelConfiguration.Overrides.InputSize(parsing: s)
                                     },
                                     neuron: neuron, connect: connect, classes: classes, downsampling: downsample)
    }

    func validate() throws {
        do { try value().validate() } catch { throw ValidationError(error.description) }
    }
}
