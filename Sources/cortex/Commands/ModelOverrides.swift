import ArgumentParser
import CortexKit

extension NeuronKind: ExpressibleByArgument {}
extension ConnectFunction: ExpressibleByArgument {}
extension Architecture: ExpressibleByArgument {}

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

    /// The overrides as the library's value.
    /// - Throws: ``ModelConfiguration/InvalidOverride`` for an unreadable `--input-size`.
    func value() throws(ModelConfiguration.InvalidOverride) -> ModelConfiguration.Overrides {
        ModelConfiguration.Overrides(depth: depth, baseWidth: width, inputChannels: inChannels,
                                     inputSize: try inputSize.map { s throws(ModelConfiguration.InvalidOverride) in
                                         try ModelConfiguration.Overrides.InputSize(parsing: s)
                                     },
                                     neuron: neuron, connect: connect, classes: classes)
    }

    func validate() throws {
        do { try value().validate() } catch { throw ValidationError(error.description) }
    }
}
