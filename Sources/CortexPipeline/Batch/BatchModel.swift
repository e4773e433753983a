import CortexModels
import Foundation

/// One model of a batch spec: either a feature file written by `cortex features`, or a checkpoint
/// run on a movie during the batch (its layer outputs stream into the similarity code; no feature
/// file is written).
///
/// ```yaml
/// models:
///   - name: SEW-ResNet18 (video)
///     features: features/sew.h5
///   - name: LoRaFB-SNet18 (video)
///     checkpoint: checkpoints/lorafb/model.safetensors
///     movie: natural_movie_one.npy     # uint8 frames × H × W
///     protocol: video                  # video | image (default: what the recorded training task calls for, else video)
///     T: 4                             # image protocol: steps per frame (default 4)
///     layers: [sn1, maxpool]           # optional: default every stage block, sn1, maxpool, avgpool
///     model: lorafb-snet18-w8          # optional: registry name, for checkpoints without a configuration
/// ```
public struct BatchModel: Sendable, Hashable, Codable {
    /// Where a model's layer outputs come from.
    public enum Source: Sendable, Hashable, Codable {
        /// A feature file (path relative to the spec).
        case features(String)
        /// A checkpoint run on a movie (paths relative to the spec).
        case checkpoint(CheckpointRun)
    }

    /// A checkpoint, the movie it watches and how (the study's protocols).
    public struct CheckpointRun: Sendable, Hashable, Codable {
        public var checkpoint: String
        public var movie: String
        /// The protocol; nil: the one the checkpoint's recorded task calls for
        /// (``LoadedModel/recordedProtocol``), video when none is recorded.
        public var featureProtocol: FeatureProtocol?
        /// Steps per frame under the image protocol.
        public var steps: Int
        /// Layers to score (`nil`: the network's default feature layers).
        public var layers: [String]?
        /// A registry name for checkpoints that record no configuration.
        public var registryName: String?

        public init(checkpoint: String, movie: String, featureProtocol: FeatureProtocol? = nil, steps: Int = 4,
                    layers: [String]? = nil, registryName: String? = nil) {
            self.checkpoint = checkpoint
            self.movie = movie
            self.featureProtocol = featureProtocol
            self.steps = steps
            self.layers = layers
            self.registryName = registryName
        }
    }

    public var name: String
    public var source: Source

    public init(name: String, source: Source) {
        self.name = name
        self.source = source
    }

    /// A feature-file model.
    public init(name: String, features: String) {
        self.init(name: name, source: .features(features))
    }

    /// The input files the model reads (paths as written in the spec).
    public var inputs: [String] {
        switch source {
        case .features(let path): return [path]
        case .checkpoint(let run): return [run.checkpoint, run.movie]
        }
    }

    /// The model's inputs as results record them: the feature file, or the checkpoint and its
    /// movie. `digest` gives the SHA-256 of a path as written in the spec (nil when unknown).
    public func inputSources(digest: (String) -> String?) -> [InputSource] {
        switch source {
        case .features(let path):
            return [InputSource(.featureFile, path: path, sha256: digest(path))]
        case .checkpoint(let run):
            return [InputSource(.checkpoint, path: run.checkpoint, sha256: digest(run.checkpoint)),
                    InputSource(.movie, path: run.movie, sha256: digest(run.movie))]
        }
    }

    /// What the results name as the model's source: the feature file, or the checkpoint.
    public var sourcePath: String {
        switch source {
        case .features(let path): return path
        case .checkpoint(let run): return run.checkpoint
        }
    }
}
