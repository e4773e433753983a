import CortexEngine
import CortexModels
import CortexNumerics
import CortexRuntime
import Foundation

extension FeatureFile {
    /// The feature file's `protocol` attribute for an extraction: `video` or `image(T=4)`.
    public static func protocolLabel(_ extraction: FeatureExtraction) -> String {
        extraction.featureProtocol == .image ? "image(T=\(extraction.steps))" : "video"
    }

    /// Runs `movie` through `network` and writes every layer's outputs to a feature file at `url`,
    /// chunk by chunk (``write(to:model:layers:frameCount:rowsPerChunk:movie:movieSHA256:featureProtocol:_:)``):
    /// memory holds one chunk of frames, whatever the movie's length. What `cortex features` does.
    ///
    /// ```swift
    /// let layers = try FeatureFile.extract(network: &network, model: "sew-resnet18-w8", movie: movie,
    ///                                      extraction: FeatureExtraction(featureProtocol: .video, layers: network.defaultFeatureLayers),
    ///                                      to: URL(fileURLWithPath: "sew.h5"))
    /// ```
    /// - Returns: the layers written, in network order.
    /// - Throws: ``PipelineError/unknownName(kind:name:file:available:)`` for a layer the network
    ///   does not have; the movie's errors; `HDF5Error`. Nothing is left at `url` on failure.
    @discardableResult
    public static func extract<N: RecordableNetwork>(network: inout N, model: String, movie: MovieInput, extraction: FeatureExtraction,
                               to url: URL, movieSHA256: String = "", progress: ProgressHandler? = nil) throws -> [Layer] {
        var none = NoMonitor()
        return try extract(network: &network, model: model, movie: movie, extraction: extraction, to: url, movieSHA256: movieSHA256,
                           monitor: &none, energy: { _ in nil }, progress: progress)
    }

    /// The same, with `monitor` watching the whole movie and `energy` turning it, once the last
    /// frame is done, into the file's optional activity and energy attributes (``ModelEnergy``).
    @discardableResult
    public static func extract<N: RecordableNetwork, M: LayerMonitor>(network: inout N, model: String, movie: MovieInput,
                                                extraction: FeatureExtraction, to url: URL, movieSHA256: String = "",
                                                monitor: inout M, energy: (M) -> ModelEnergy?,
                                                training: ModelTraining? = nil,
                                                progress: ProgressHandler? = nil) throws -> [Layer] {
        let layers = try extraction.orderedLayers(of: network, model: model)
        let ordered = layers.map(\.name)
        let shapes = Dictionary(uniqueKeysWithValues: layers.map { ($0.name, $0.unitShape) })
        let input = try movie.input(for: network.inputShape, normalization: extraction.inputNormalization)
        var run = extraction
        run.layers = ordered
        let frames = movie.frameCount
        try write(to: url, model: model, layers: layers, frameCount: frames, rowsPerChunk: extraction.chunkFrames,
                  movie: movie.url.lastPathComponent, movieSHA256: movieSHA256, featureProtocol: protocolLabel(extraction),
                  training: training) { sink in
            try run.run(model: &network, frameCount: frames, frames: input, monitor: &monitor,
                        progress: { progress?(ProgressUpdate(completed: $0, total: frames, message: "frames")) }) { name, range, shape, values in
                precondition(shape == shapes[name], "FeatureFile.extract: \(name) is \(shape), expected \(shapes[name]!)")
                try sink.write(layer: name, rows: range, values: values)
            }
            sink.energy = energy(monitor)
        }
        return layers
    }
}

extension FeatureExtraction {
    /// The requested layers in network order, with their depth (position) and per-frame shape —
    /// the one place requested layer names are checked against a network (the CLI, batch specs
    /// and library callers all come through here before the network runs).
    /// - Throws: ``PipelineError/unknownName(kind:name:file:available:)`` for a layer the network
    ///   (named `model` in the message) does not have, or for an empty list.
    func orderedLayers<N: RecordableNetwork>(of network: N, model: String) throws -> [FeatureFile.Layer] {
        let known = network.layerNames
        if let bad = layers.first(where: { !known.contains($0) }) {
            throw PipelineError.unknownName(kind: "layer", name: bad, file: model, available: known)
        }
        guard !layers.isEmpty else {
            throw PipelineError.unknownName(kind: "layer", name: "(none given)", file: model, available: known)
        }
        let shapes = network.layerUnitShapes
        return known.filter(layers.contains).enumerated().map { FeatureFile.Layer(name: $1, depth: $0, unitShape: shapes[$1]!) }
    }
}
