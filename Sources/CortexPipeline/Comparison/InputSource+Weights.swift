import CortexModels
import Foundation

extension InputSource {
    /// Where a network's weights came from, as results record it: the checkpoint with its
    /// SHA-256, or the random-weights seed (no file).
    /// - Parameter path: the checkpoint path as the user gave it.
    public static func weights(_ source: ModelSource, path: String) throws -> InputSource {
        switch source {
        case .checkpoint(let url): return try .file(.checkpoint, path: path, url: url)
        case .random(let seed): return .randomWeights(seed: seed)
        }
    }
}
