import CortexHDF5
import CortexNumerics
import Foundation

/// Writing a feature file while its rows are produced: every layer's dataset is created at its
/// full frames × units extent first (chunked storage), and each chunk of frames is written as a
/// hyperslab as soon as it exists, so memory does not grow with the number of frames. The file is
/// in the same format (`cortexkit-features/1`) as ``write(to:model:layers:movie:movieSHA256:featureProtocol:)``
/// writes, and just as atomic: a temporary file beside `url`, renamed when complete.
///
/// Chunks are `rowsPerChunk` frames × up to 2048 units: writes of `rowsPerChunk` aligned frames
/// fill whole chunks, and reads of 2048-column blocks (TSRSA's streaming) touch whole chunks.
///
/// ```swift
/// try FeatureFile.write(to: url, model: "sew-resnet18-w8", layers: layers, frameCount: 900) { sink in
///     for start in stride(from: 0, to: 900, by: 16) {
///         for layer in layers { try sink.write(layer: layer.name, rows: start..<min(900, start + 16), values: rows(layer, start)) }
///     }
/// }
/// ```
extension FeatureFile {
    /// Receives rows of the layers of a feature file being written.
    public final class RowSink {
        private let datasets: [String: HDF5Dataset]
        private let units: [String: Int]
        /// Rows written so far per layer (rows are written in order).
        public private(set) var rowsWritten: [String: Int]
        /// Firing rates, synaptic operations and energy to record in the file (optional
        /// attributes, written when the rows are complete; set it once they are known).
        public var energy: ModelEnergy?

        init(datasets: [String: HDF5Dataset], units: [String: Int]) {
            self.datasets = datasets
            self.units = units
            rowsWritten = datasets.mapValues { _ in 0 }
        }

        /// Writes rows `rows` of `layer`: `rows.count × units` values, row-major. Rows of a layer
        /// must be written in order, each exactly once.
        /// - Throws: `HDF5Error` when the write fails.
        public func write(layer: String, rows: Range<Int>, values: [Float]) throws {
            guard let dataset = datasets[layer], let width = units[layer] else {
                preconditionFailure("FeatureFile.RowSink: no layer \(layer) in this file")
            }
            precondition(rows.lowerBound == rowsWritten[layer], "FeatureFile.RowSink: \(layer) rows \(rows) out of order")
            precondition(values.count == rows.count * width, "FeatureFile.RowSink: \(layer) needs \(rows.count) × \(width) values")
            try dataset.writeRows(rows, values)
            rowsWritten[layer] = rows.upperBound
        }
    }

    /// Columns per chunk of a streamed layer dataset (TSRSA reads 2048-column blocks).
    public static let chunkColumns = 2048

    /// Writes a feature file atomically from rows produced by `fill`.
    /// - Parameters:
    ///   - layers: in network order, with their per-frame shapes (units = product).
    ///   - frameCount: rows of every layer; `fill` must write all of them.
    ///   - rowsPerChunk: frames per HDF5 chunk (the producer's chunk size, for whole-chunk writes).
    /// - Throws: whatever `fill` throws, `HDF5Error`; nothing is left at `url` on failure.
    public static func write(to url: URL, model: String, layers: [Layer], frameCount: Int, rowsPerChunk: Int = 16,
                             movie: String = "", movieSHA256: String = "", featureProtocol: String = "",
                             training: ModelTraining? = nil, _ fill: (RowSink) throws -> Void) throws {
        precondition(frameCount > 0 && rowsPerChunk > 0, "FeatureFile: frame count and rows per chunk must be positive")
        try HDF5File.writeAtomically(to: url) { file in
            var datasets: [String: HDF5Dataset] = [:]
            var units: [String: Int] = [:]
            for layer in layers {
                let width = layer.unitShape.reduce(1, *)
                let group = try file.root.createGroup(layer.name)
                let chunk = [min(frameCount, rowsPerChunk), max(1, min(width, chunkColumns))]
                let dataset = try group.createDataset("features", shape: [frameCount, width], of: Float.self,
                                                      options: HDF5DatasetOptions(layout: .chunked(chunk)))
                try writeLayerAttributes(dataset, layer)
                datasets[layer.name] = dataset
                units[layer.name] = width
            }
            let sink = RowSink(datasets: datasets, units: units)
            try fill(sink)
            for layer in layers {
                precondition(sink.rowsWritten[layer.name] == frameCount,
                             "FeatureFile: \(layer.name) has \(sink.rowsWritten[layer.name] ?? 0) of \(frameCount) rows")
                try datasets[layer.name]!.flush()       // in layer order: identical content, identical bytes
            }
            try writeRootAttributes(file, model: model, layers: layers.map(\.name), movie: movie, movieSHA256: movieSHA256,
                                    featureProtocol: featureProtocol)
            if let training { try writeTraining(training, to: file) }
            try sink.energy?.write(to: file)
        }
    }

    /// `depth` and `shape` of a layer's dataset (the format's per-layer attributes).
    static func writeLayerAttributes(_ dataset: HDF5Dataset, _ layer: Layer) throws {
        let attrs = dataset.attributes
        try attrs.write("depth", scalar: Int64(layer.depth))
        try attrs.write("shape", array: NDArray(shape: [layer.unitShape.count], scalars: layer.unitShape.map(Int64.init)))
    }

    /// The optional attributes `weights`, `task` and `test_accuracy` of `/`.
    static func writeTraining(_ training: ModelTraining, to file: HDF5File) throws {
        let a = file.attributes
        try a.write("weights", string: training.randomWeights ? "random" : "checkpoint")
        if let task = training.task { try a.write("task", string: task) }
        if let accuracy = training.testAccuracy, accuracy.isFinite { try a.write("test_accuracy", scalar: accuracy) }
    }

    /// The format's attributes of `/`.
    static func writeRootAttributes(_ file: HDF5File, model: String, layers: [String], movie: String, movieSHA256: String,
                                    featureProtocol: String) throws {
        let a = file.attributes
        try a.write("format", string: format)
        try a.write("model", string: model)
        try a.write("layers", strings: layers)
        try a.write("movie", string: movie)
        try a.write("movie_sha256", string: movieSHA256)
        try a.write("protocol", string: featureProtocol)
    }
}
