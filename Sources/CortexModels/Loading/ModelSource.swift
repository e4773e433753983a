import Foundation

/// Where a network's weights come from.
///
/// ```swift
/// let trained = ModelSource.checkpoint(URL(fileURLWithPath: "model.safetensors"))
/// let untrained = ModelSource.random(seed: 7)          // needs a registry name to build
/// ```
public enum ModelSource: Sendable, Hashable, CustomStringConvertible {
    /// A safetensors checkpoint (CortexKit's, or a converted PyTorch state dict).
    case checkpoint(URL)
    /// Random initial weights drawn from `SplittableRandom(seed:)`.
    case random(seed: UInt64)

    /// The checkpoint's path, or `random (seed N)`.
    public var description: String {
        switch self {
        case .checkpoint(let url): return url.path
        case .random(let seed): return "random (seed \(seed))"
        }
    }
}
