import ArgumentParser
import CortexKit
import Foundation

extension MemoryBudget: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public var defaultValueDescription: String { description }
}

/// How a network watches a movie: the options `cortex features` and `cortex compare --checkpoint`
/// share (protocol, T, layers, chunk, as-is input).
struct ExtractionOptions: ParsableArguments {
    @Option(name: .customLong("protocol"), help: "video or image.")
    var featureProtocol: FeatureProtocol = .video

    @Option(name: .customLong("T"), help: "Time steps per frame for the image protocol.")
    var steps: Int = 4

    @Option(help: "Comma-separated layers (default: sn1, maxpool, every block, avgpool).")
    var layers: String?

    @Flag(help: "Use a float32 frames × C × H × W movie without resizing or normalising.")
    var asIs = false

    @Option(help: "Frames per chunk (memory bound; results do not depend on it).")
    var chunk: Int = 16

    func validate() throws {
        if steps < 1 { throw ValidationError("--T must be at least 1") }
        if chunk < 1 { throw ValidationError("--chunk must be at least 1") }
    }

    /// The extraction for `network`, with the selected layers checked against it.
    func extraction<N: RecordableNetwork>(for network: N, name: String) throws -> FeatureExtraction {
        let known = network.layerNames
        let selected = layers.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            ?? network.defaultFeatureLayers
        if let bad = selected.first(where: { !known.contains($0) }) {
            throw CommandLineFailure("unknown layer '\(bad)' for \(name); layers: \(known.joined(separator: " "))")
        }
        return FeatureExtraction(featureProtocol: featureProtocol, steps: steps, layers: known.filter(selected.contains),
                                 chunkFrames: chunk)
    }
}
