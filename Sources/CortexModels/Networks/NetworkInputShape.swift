/// The frames a network takes: `x` of `forward` is `[T, B, channels, height, width]`.
///
/// ```swift
/// let shape = network.inputShape                    // e.g. 1 × 64 × 64
/// let preprocessing = FramePreprocessing(inputShape: shape)
/// ```
public struct NetworkInputShape: Sendable, Hashable, Codable, CustomStringConvertible {
    public var channels: Int
    /// Height and width in pixels.
    public var height: Int
    public var width: Int

    public init(channels: Int, height: Int, width: Int) {
        precondition(channels > 0 && height > 0 && width > 0, "NetworkInputShape: sizes must be positive")
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// `[channels, height, width]`: one frame's shape.
    public var frameShape: [Int] { [channels, height, width] }

    /// `C×H×W`, e.g. `1×64×64`.
    public var description: String { "\(channels)×\(height)×\(width)" }
}
