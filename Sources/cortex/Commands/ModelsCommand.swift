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
        if let name {
            guard let c = ModelRegistry.configuration(named: name) else {
                throw CommandLineFailure("unknown model '\(name)'; known: \(ModelRegistry.names.joined(separator: ", "))")
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
        print("layers are module paths: sn1, maxpool, layer{k}.{i} (SEW-ResNet) or recurrent_layer{k}.sub_module.{i}")
        print("(LoRaFB-SNet), avgpool, fc; 'cortex models NAME' lists them.")
    }
}
