/// Why ``FeatureExtraction`` refuses to run a network on a movie.
public enum FeatureExtractionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Even one frame would need more memory than the extraction's limit (the network's input is
    /// too large for this machine, e.g. a mistyped `--input-size`).
    case frameExceedsMemory(input: NetworkInputShape, needed: Int, limit: Int)

    public var description: String {
        switch self {
        case let .frameExceedsMemory(input, needed, limit):
            return "the network on \(input.height)x\(input.width) frames needs about \(Self.gib(needed)) per frame while it runs, "
                + "more than the \(Self.gib(limit)) allowed (half of this machine's memory); use a smaller --input-size"
        }
    }

    /// `12.3 GiB`, or `> 1000 TiB` when the estimate saturated.
    static func gib(_ bytes: Int) -> String {
        if bytes == .max { return "more than 8 EiB" }
        let g = Double(bytes) / 1_073_741_824
        return g >= 1024 ? String(format: "%.0f TiB", g / 1024) : String(format: "%.1f GiB", g)
    }
}
