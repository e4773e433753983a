/// Why ``FeatureExtraction`` refuses to run a network on a movie.
public enum FeatureExtractionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Even one frame would need more memory than the extraction's limit (the network's input is
    /// too large for this machine, e.g. a mistyped `--input-size`).
    case frameExceedsMemory(input: NetworkInputShape, needed: Int, limit: Int)

    public var description: String {
        switch self {
        case let .frameExceedsMemory(input, needed, limit):
            return "the network on \(input.height)x\(input.width) frames needs about \(MemoryEstimate.describe(needed)) per frame while it runs, "
                + "more than the \(MemoryEstimate.describe(limit)) allowed"
                + (limit == MemoryEstimate.defaultLimit ? " (half of this machine's memory)" : "") + "; use a smaller --input-size"
        }
    }
}
