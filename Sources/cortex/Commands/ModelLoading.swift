import ArgumentParser
import CortexKit
import Foundation

extension FeatureProtocol: ExpressibleByArgument {}

/// The command line's side of ``ModelLoader``: `--checkpoint PATH|random`, `--model`,
/// `--weights-seed` and the override flags in, a network and its display name out, loader errors
/// as one-line messages naming the flags.
enum ModelLoading {
    /// `--checkpoint` as a source: the word `random` is random weights from `weightsSeed` (the
    /// one place the word is read), anything else a safetensors path.
    static func source(checkpoint: String, weightsSeed: UInt64) -> ModelSource {
        checkpoint == "random" ? .random(seed: weightsSeed) : .checkpoint(URL(fileURLWithPath: checkpoint))
    }

    /// The network of `--checkpoint` (see ``source(checkpoint:weightsSeed:)``) with `--model` and
    /// the overrides.
    /// - Parameter asIsMovie: a `--as-is` movie: without `--input-size`, the network takes its
    ///   frame size (checked against the architecture, e.g. multiples of 32 for LoRaFB-SNet).
    static func load(modelName: String?, checkpoint: String, seed: UInt64, overrides: ModelOverrides = ModelOverrides(),
                     asIsMovie: MovieInput? = nil) throws -> LoadedModel {
        do {
            let source = source(checkpoint: checkpoint, weightsSeed: seed)
            var changes = try overrides.value()
            let loaded = try ModelLoader.load(source, registryName: modelName, overrides: changes)
            guard let asIsMovie, changes.inputSize == nil, case .float32(let values) = asIsMovie.pixels,
                  [values.shape[2], values.shape[3]] != [loaded.configuration.inputHeight, loaded.configuration.inputWidth] else {
                return loaded
            }
            changes.inputSize = .init(height: values.shape[2], width: values.shape[3])
            return try ModelLoader.load(source, registryName: modelName, overrides: changes)
        } catch let error as ModelLoadingError {
            if case .contradictsCheckpoint = error { throw CommandLineFailure(lines: message(error).components(separatedBy: "\n")) }
            throw CommandLineFailure(message(error))
        } catch {
            throw CommandLineFailure(String(describing: error))
        }
    }

    /// The network of any family (ResNets and spiking transformers) of `--checkpoint`, with
    /// `--model` and the overrides of both families.
    static func loadAnyFamily(modelName: String?, checkpoint: String, seed: UInt64, overrides: ModelOverrides = ModelOverrides(),
                              asIsMovie: MovieInput? = nil) throws -> LoadedNetwork {
        do {
            let source = source(checkpoint: checkpoint, weightsSeed: seed)
            var changes = try overrides.value()
            let transformer = overrides.transformerValue()
            let loaded = try ModelLoader.loadAnyFamily(source, registryName: modelName, overrides: changes, transformerOverrides: transformer)
            let shape = loaded.network.inputShape
            guard let asIsMovie, changes.inputSize == nil, case .float32(let values) = asIsMovie.pixels,
                  [values.shape[2], values.shape[3]] != [shape.height, shape.width] else {
                return loaded
            }
            changes.inputSize = .init(height: values.shape[2], width: values.shape[3])
            return try ModelLoader.loadAnyFamily(source, registryName: modelName, overrides: changes, transformerOverrides: transformer)
        } catch let error as ModelLoadingError {
            if case .contradictsCheckpoint = error { throw CommandLineFailure(lines: message(error).components(separatedBy: "\n")) }
            throw CommandLineFailure(message(error))
        } catch {
            throw CommandLineFailure(String(describing: error))
        }
    }

    /// A loader error in the command line's terms.
    static func message(_ error: ModelLoadingError) -> String {
        switch error {
        case .randomWeightsNeedRegistryName: return "--checkpoint random needs --model"
        case .noConfiguration(let path): return "\(path) records no model configuration (metadata cortexkit.checkpoint, docs/formats.md); name one with --model"
        case .contradictsCheckpoint: return error.description + "\n  (drop --model and the overrides to use the recorded model)"
        case .unknownModel(let name, _):
            // Every command taking --model takes both families: list both, as `cortex models` does.
            return ModelLoadingError.unknownModel(name: name, known: ModelRegistry.names + TransformerRegistry.names).description
        default: return error.description.replacingOccurrences(of: "\n", with: " ")
        }
    }
}
