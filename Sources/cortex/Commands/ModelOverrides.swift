import ArgumentParser
import CortexKit

extension NeuronKind: ExpressibleByArgument {}
extension ConnectFunction: ExpressibleByArgument {}
extension Architecture: ExpressibleByArgument {}

/// Flags that override fields of a named model configuration
/// (`--model lorafb-snet18 --width 16 --in-channels 3 --neuron lif --classes 101`).
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

    /// True when any override is given.
    var isEmpty: Bool {
        depth == nil && width == nil && inChannels == nil && inputSize == nil && neuron == nil && connect == nil
            && classes == nil
    }

    /// A model label: `base` followed by the overrides as flags (`sew-resnet18-w4 --width 8`).
    func label(base: String) -> String {
        var parts = [base]
        if let depth { parts.append("--depth \(depth)") }
        if let width { parts.append("--width \(width)") }
        if let inChannels { parts.append("--in-channels \(inChannels)") }
        if let inputSize { parts.append("--input-size \(inputSize)") }
        if let neuron { parts.append("--neuron \(neuron.rawValue)") }
        if let connect { parts.append("--connect \(connect.rawValue)") }
        if let classes { parts.append("--classes \(classes)") }
        return parts.joined(separator: " ")
    }

    func validate() throws {
        if let depth, depth != 18 && depth != 34 { throw ValidationError("--depth must be 18 or 34") }
        if let width, width < 1 { throw ValidationError("--width must be positive") }
        if let inChannels, inChannels != 1 && inChannels != 3 { throw ValidationError("--in-channels must be 1 or 3") }
        if let classes, classes < 1 { throw ValidationError("--classes must be positive") }
        if inputSize != nil { _ = try parsedInputSize() }
    }

    /// `--input-size` as (height, width).
    func parsedInputSize() throws -> (height: Int, width: Int)? {
        guard let inputSize else { return nil }
        let parts = inputSize.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard (parts.count == 1 || parts.count == 2), parts.allSatisfy({ ($0 ?? 0) >= 8 }) else {
            throw ValidationError("--input-size must be N or HxW with sides of at least 8, got '\(inputSize)'")
        }
        return (parts[0]!, parts.count == 2 ? parts[1]! : parts[0]!)
    }

    /// `configuration` with the given overrides applied.
    func applied(to configuration: ModelConfiguration) throws -> ModelConfiguration {
        var c = configuration
        if let depth { c.depth = depth }
        if let width { c.baseWidth = width }
        if let inChannels { c.inputChannels = inChannels }
        if let size = try parsedInputSize() {
            c.inputHeight = size.height
            c.inputWidth = size.width
        }
        if let neuron { c.neuron = neuron }
        if let connect { c.connect = connect }
        if let classes { c.classes = classes }
        if c.isRecurrent && (c.inputHeight % 32 != 0 || c.inputWidth % 32 != 0) {
            throw CommandLineFailure("lorafb-snet needs an input size that is a multiple of 32, got \(c.inputHeight)x\(c.inputWidth)")
        }
        return c
    }
}
