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
    @Option(name: .customLong("protocol"),
            help: "video or image. (default: the checkpoint's training task — image for image-trained, else video)")
    var featureProtocol: FeatureProtocol?

    @Option(name: .customLong("T"), help: "Time steps per frame for the image protocol.")
    var steps: Int = 4

    @Option(help: "Comma-separated layers (default: sn1, maxpool, every block, avgpool).")
    var layers: String?

    @Flag(help: "Use a float32 frames × C × H × W movie without resizing or normalising (the network takes its frame size unless --input-size is given).")
    var asIs = false

    @Option(help: "Frames per chunk (memory bound; results do not depend on it).")
    var chunk: Int = 16

    func validate() throws {
        do {
            try OptionLimits.check(.steps, steps)
            try OptionLimits.check(.chunk, chunk)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The protocol: `--protocol`, else the one of the task the checkpoint records (image for
    /// the image task, video for the video tasks), else video; with a note saying which.
    func resolvedProtocol(for loaded: LoadedModel) -> (FeatureProtocol, note: String) {
        if let featureProtocol { return (featureProtocol, "") }
        switch (loaded.task, loaded.recordedProtocol) {
        case let (task?, recorded?): return (recorded, " (the checkpoint's task: \(task.rawValue))")
        default:
            if case .random = loaded.source { return (.video, "") }
            return (.video, " (default: the checkpoint records no task)")
        }
    }

    /// The extraction for `loaded`'s network, with the selected layers checked against it and
    /// the protocol of ``resolvedProtocol(for:)``.
    func extraction(for loaded: LoadedModel) throws -> FeatureExtraction {
        var run = try extraction(for: loaded.network, name: loaded.name)
        run.featureProtocol = resolvedProtocol(for: loaded).0
        run.inputNormalization = loaded.inputNormalization
        return run
    }

    /// ``resolvedProtocol(for:)`` for a network of any family.
    func resolvedProtocol(for loaded: LoadedNetwork) -> (FeatureProtocol, note: String) {
        if let featureProtocol { return (featureProtocol, "") }
        switch (loaded.task, loaded.recordedProtocol) {
        case let (task?, recorded?): return (recorded, " (the checkpoint's task: \(task.rawValue))")
        default:
            if case .random = loaded.source { return (.video, "") }
            return (.video, " (default: the checkpoint records no task)")
        }
    }

    /// ``extraction(for:)`` for a network of any family.
    func extraction(for loaded: LoadedNetwork) throws -> FeatureExtraction {
        var run = try extraction(for: loaded.network, name: loaded.name)
        run.featureProtocol = resolvedProtocol(for: loaded).0
        run.inputNormalization = loaded.inputNormalization
        return run
    }

    /// The extraction for `network`: `--layers` as given (checked and put in network order by the
    /// library before the network runs), or the network's default feature layers; video unless
    /// `--protocol` says otherwise.
    func extraction<N: RecordableNetwork>(for network: N, name: String) throws -> FeatureExtraction {
        let selected = layers.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        return FeatureExtraction(featureProtocol: featureProtocol ?? .video, steps: steps, layers: selected ?? network.defaultFeatureLayers,
                                 chunkFrames: chunk)
    }
}
