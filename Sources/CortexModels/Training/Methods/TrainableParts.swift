import CortexEngine
import CortexNumerics
import Foundation

/// What an optimiser step updates: the network and, for the contrastive losses, the projection
/// head. Tensor names are the network's own and `projection_head.weight`/`.bias`, so a run
/// without a head has exactly the network's names (and optimiser state).
struct TrainableParts<Network: Layer>: Layer where Network.Scalar == Float {
    typealias Scalar = Float
    var network: Network
    var head: Linear<Float>?

    static var headPrefix: String { "projection_head." }

    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        network.visitTensors(prefix: prefix, body)
        if var h = head {
            h.visitTensors(prefix: prefix + Self.headPrefix, body)
            head = h
        }
    }
}

/// The linear projection head of the contrastive losses: features of the embedding layer per
/// time step → ``ContrastiveLossSettings/projectionDimension``. Its weights are drawn from the
/// run's seed on a stream of their own (the network's draw is unchanged) and live in the
/// run's training state (`training-state.safetensors`), not in the model checkpoint.
enum ProjectionHead {
    /// The head of a run, or `nil` when its loss needs none.
    static func make<N: RecordableNetwork>(for network: N, options: TrainingOptions) -> Linear<Float>? {
        guard let settings = options.loss?.contrastive, let features = network.embeddingFeatures else { return nil }
        var rng = SplittableRandom(seed: options.seed).derive(stream: 0x7072_6F6A_6865_6164)   // "projhead"
        return Linear(inFeatures: features, outFeatures: settings.projectionDimension, rng: &rng)
    }

    /// The head's tensors as state-file entries (`projection_head.weight`, `.bias`).
    static func entries(_ head: Linear<Float>?) -> [String: SafetensorsFile.Entry] {
        guard let head else { return [:] }
        var out: [String: SafetensorsFile.Entry] = [:]
        for (name, entry) in head.stateDict().tensors { out[TrainableParts<Linear<Float>>.headPrefix + name] = entry }
        return out
    }

    /// Loads the head's tensors from state-file entries.
    /// - Throws: ``CheckpointError`` when they are missing or of another shape.
    static func load(_ head: inout Linear<Float>, from tensors: [String: SafetensorsFile.Entry]) throws {
        let prefix = TrainableParts<Linear<Float>>.headPrefix
        var file = SafetensorsFile()
        for (name, entry) in tensors where name.hasPrefix(prefix) { file.tensors[String(name.dropFirst(prefix.count))] = entry }
        try head.load(stateDict: file)
    }
}
