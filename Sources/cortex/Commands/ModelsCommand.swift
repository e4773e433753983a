import ArgumentParser
import CortexKit
import Foundation

/// `cortex models`: the registry of named network configurations.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the named network configurations (depth, width, input, neuron, parameters, layers).")

    @Argument(help: "Show one model's recordable layers.")
    var name: String?

    func run() throws {
        if let name, let t = TransformerRegistry.configuration(named: name) {
            printTransformer(name, t)
            return
        }
        if let name {
            guard let c = ModelRegistry.configuration(named: name) else {
                throw CommandLineFailure("unknown model '\(name)'; known: \((ModelRegistry.names + TransformerRegistry.names).joined(separator: ", "))")
            }
            print("model        \(name)")
            print("architecture \(c.architecture.rawValue), depth \(c.depth), base width \(c.baseWidth), blocks \(c.blocksPerStage)")
            print("input        \(c.inputChannels)×\(c.inputHeight)×\(c.inputWidth)")
            print("neuron       \(c.neuron.rawValue), connect \(c.connect.rawValue), classes \(c.classes)")
            print("parameters   \(c.parameterCount)")
            print("layers       \(c.layerNames.joined(separator: " "))")
            return
        }
        print("name                 architecture  depth  width  input      neuron  classes  parameters  layers")
        for (name, c) in ModelRegistry.entries {
            print(name.padding(toLength: 21, withPad: " ", startingAt: 0)
                  + c.architecture.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
                  + String(format: "%5d  %5d  ", c.depth, c.baseWidth)
                  + "\(c.inputChannels)x\(c.inputHeight)x\(c.inputWidth)".padding(toLength: 11, withPad: " ", startingAt: 0)
                  + c.neuron.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
                  + String(format: "%9d  %10d  %6d", c.classes, c.parameterCount, c.layerNames.count))
        }
        print("")
        print("transformer                     architecture              blocks  embed  heads  input      tokens  classes  parameters  layers")
        for (name, c) in TransformerRegistry.entries {
            print(name.padding(toLength: 32, withPad: " ", startingAt: 0)
                  + c.architecture.rawValue.padding(toLength: 26, withPad: " ", startingAt: 0)
                  + String(format: "%6d  %5d  %5d  ", c.blocks, c.embedDim, c.heads)
                  + "\(c.inputChannels)x\(c.inputHeight)x\(c.inputWidth)".padding(toLength: 11, withPad: " ", startingAt: 0)
                  + String(format: "%6d  %7d  %10d  %6d", c.tokens, c.classes, Self.parameterCount(c), Self.layerNames(c).count))
        }
        print("")
        print("layers are module paths: sn1, maxpool, layer{k}.{i} (SEW-ResNet) or recurrent_layer{k}.sub_module.{i}")
        print("(LoRaFB-SNet), avgpool, fc; patch_embed.proj_lif, block.{i}.attn.q_lif, block.{i} … (transformers);")
        print("'cortex models NAME' lists them. Transformer overrides: --embed-dim, --heads, --blocks, --mlp-ratio, --downsample cml.")
    }

    /// A transformer's layers (they do not depend on the widths: named from a narrow twin, which builds fast).
    static func layerNames(_ c: SpikingTransformerConfiguration) -> [String] {
        var narrow = c
        (narrow.embedDim, narrow.heads, narrow.mlpRatio, narrow.classes) = (8, 1, 1, 1)
        return network(narrow).layerNames
    }

    static func parameterCount(_ c: SpikingTransformerConfiguration) -> Int { c.parameterCount }

    static func network(_ c: SpikingTransformerConfiguration) -> ModelNetwork {
        var rng = SplittableRandom(seed: 0)
        return ModelNetwork(configuration: .transformer(c), rng: &rng)
    }

    func printTransformer(_ name: String, _ c: SpikingTransformerConfiguration) {
        var narrow = c
        (narrow.embedDim, narrow.heads, narrow.mlpRatio, narrow.classes) = (8, 1, 1, 1)
        let network = Self.network(narrow)          // names only: they do not depend on the widths
        print("model        \(name)")
        print("architecture \(c.architecture.rawValue), \(c.blocks) blocks, embedding \(c.embedDim), \(c.heads) heads, MLP ratio \(c.mlpRatio)")
        print("input        \(c.inputChannels)×\(c.inputHeight)×\(c.inputWidth), \(c.tokens) tokens, \(c.downsampling.rawValue) downsampling")
        print("classes      \(c.classes)")
        print("parameters   \(c.parameterCount)")
        print("unused       \(network.unusedTensorNames.joined(separator: " "))  (reference tensors kept, never applied)")
        print("layers       \(network.layerNames.joined(separator: " "))")
    }
}
