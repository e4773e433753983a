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
    static func load(modelName: String?, checkpoint: String, seed: UInt64,
                     overrides: ModelOverrides = ModelOverrides()) throws -> (model: SpikingResNet, name: String) {
        do {
            let loaded = try ModelLoader.load(source(checkpoint: checkpoint, weightsSeed: seed), registryName: modelName,
                                              overrides: try overrides.value())
            return (loaded.network, loaded.name)
        } catch let error as ModelLoadingError {
            throw CommandLineFailure(message(error))
        } catch {
            throw CommandLineFailure(String(describing: error))
        }
    }

    /// A loader error in the command line's terms.
    static func message(_ error: ModelLoadingError) -> String {
        switch error {
        case .randomWeightsNeedRegistryName: return "--checkpoint random needs --model"
        case .noConfiguration(let path): return "\(path) records no model configuration; name one with --model"
        default: return error.description.replacingOccurrences(of: "\n", with: " ")
        }
    }
}
