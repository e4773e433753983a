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

    /// The extraction for `network`: `--layers` as given (checked and put in network order by the
    /// library before the network runs), or the network's default feature layers.
    func extraction<N: RecordableNetwork>(for network: N, name: String) throws -> FeatureExtraction {
        let selected = layers.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        return FeatureExtraction(featureProtocol: featureProtocol, steps: steps, layers: selected ?? network.defaultFeatureLayers,
                                 chunkFrames: chunk)
    }
}
