import CortexHDF5
import CortexNumerics
import Foundation

/// A model's layer responses to a movie, one frames × units matrix per layer, in the HDF5 layout
/// `cortex features` writes and `cortex compare --features` reads.
///
/// Layout (format `cortexkit-features/1`):
///
///     /<layer>/features    float32, frames × units (units flattened C·H·W row-major, as PyTorch)
///         attributes: depth (int64, order in the network), shape (int64 array, per-frame C, H, W)
///     attributes of /: format, model, layers (names in network order), movie, movie_sha256, protocol
///     optional: firing rates, synaptic operations and energy per frame (``ModelEnergy``)
///
/// Layer names are the reference module paths (`sn1`, `layer2.1`, `recurrent_layer3.sub_module.0`).
public struct FeatureFile: Sendable {
    /// One layer's description (its matrix is read on demand by ``features(of:)``).
    public struct Layer: Sendable, Hashable, Codable {
        public var name: String
        public var depth: Int
        public var unitShape: [Int]
        public init(name: String, depth: Int, unitShape: [Int]) {
            self.name = name
            self.depth = depth
            self.unitShape = unitShape
        }

        enum CodingKeys: String, CodingKey { case name, depth, unitShape = "unit_shape" }

        /// Decodes `unit_shape`, or `unitShape` as results files before snake_case keys have it.
        public init(from decoder: any Decoder) throws {
            let c = try RenamedKeys(decoder, CodingKeys.self, renamed: [.unitShape: "unitShape"])
            self.init(name: try c.decode(String.self, forKey: .name), depth: try c.decode(Int.self, forKey: .depth),
                      unitShape: try c.decode([Int].self, forKey: .unitShape))
        }
    }

    public let url: URL
    public let model: String
    public let layers: [Layer]
    public let frameCount: Int
    public let movie: String
    public let movieSHA256: String
    public let featureProtocol: String
    /// Firing rates, synaptic operations and energy per frame, when the file records them.
    public let energy: ModelEnergy?
    /// Random weights, or the checkpoint's training task and test accuracy, when the file records
    /// them (optional root attributes `weights` = `random` | `checkpoint`, `task`, `test_accuracy`).
    public let training: ModelTraining?

    /// Opens a feature file and reads its description.
    /// - Throws: ``PipelineError/newerFormat(file:found:supported:)`` for a newer format version,
    ///   ``PipelineError/notAFeatureFile(file:reason:)`` for another kind of file, HDF5 errors.
    public init(url: URL) throws {
        self.url = url
        let file = try HDF5File.open(url)
        let a = file.attributes
        try Self.checkFormat(a.contains("format") ? try a.string("format") : nil, file: url.path)
        for (name, missing) in Self.requiredAttributes where !a.contains(name) {
            throw PipelineError.notAFeatureFile(file: url.path, reason: missing)
        }
        model = try a.string("model")
        movie = a.contains("movie") ? try a.string("movie") : ""
        movieSHA256 = a.contains("movie_sha256") ? try a.string("movie_sha256") : ""
        featureProtocol = a.contains("protocol") ? try a.string("protocol") : ""
        var layers: [Layer] = []
        var frames: Int?
        for name in try a.strings("layers") {
            guard file.exists(name + "/features") else {
                throw PipelineError.notAFeatureFile(file: url.path, reason: "layer \(name) has no /\(name)/features")
            }
            let dataset = try file.dataset(name + "/features")
            guard dataset.rank == 2 else {
                throw PipelineError.notAFeatureFile(file: url.path, reason: "/\(name)/features is not frames × units")
            }
            if let f = frames, f != dataset.shape[0] {
                throw PipelineError.notAFeatureFile(file: url.path, reason: "layers disagree on the frame count")
            }
            frames = dataset.shape[0]
            let attrs = dataset.attributes
            let depth = attrs.contains("depth") ? Int(try attrs.scalar("depth", as: Int64.self)) : layers.count
            let shape = attrs.contains("shape") ? try attrs.read("shape", as: Int64.self).scalars.map(Int.init)
                : [dataset.shape[1]]
            layers.append(Layer(name: name, depth: depth, unitShape: shape))
        }
        self.layers = layers
        frameCount = frames ?? 0
        energy = try ModelEnergy(file: file, path: url.path)
        if a.contains("weights") {
            training = ModelTraining(randomWeights: try a.string("weights") == "random",
                                     task: a.contains("task") ? try a.string("task") : nil,
                                     testAccuracy: a.contains("test_accuracy") ? try a.scalar("test_accuracy", as: Double.self) : nil)
        } else {
            training = nil
        }
    }

    /// Layer `name`'s frames × units matrix, as Double.
    public func features(of name: String) throws -> NDArray<Double> {
        guard layers.contains(where: { $0.name == name }) else {
            throw PipelineError.unknownName(kind: "layer", name: name, file: url.path, available: layers.map(\.name))
        }
        return try HDF5File.open(url).dataset(name + "/features").read(as: Double.self)
    }

    /// Writes a feature file atomically (temporary file beside `url`, then rename).
    /// - Parameter layers: in network order; every matrix frames × units with equal frame counts.
    public static func write(to url: URL, model: String, layers: [(layer: Layer, features: NDArray<Float>)],
                             movie: String = "", movieSHA256: String = "", featureProtocol: String = "",
                             energy: ModelEnergy? = nil) throws {
        precondition(Set(layers.map { $0.features.shape[0] }).count <= 1, "FeatureFile: layers disagree on frames")
        try HDF5File.writeAtomically(to: url) { file in
            for entry in layers {
                let group = try file.root.createGroup(entry.layer.name)
                try group.writeDataset("features", entry.features)
                let attrs = try group.dataset("features").attributes
                try attrs.write("depth", scalar: Int64(entry.layer.depth))
                try attrs.write("shape", array: NDArray(shape: [entry.layer.unitShape.count],
                                                        scalars: entry.layer.unitShape.map(Int64.init)))
            }
            let a = file.attributes
            try a.write("format", string: format)
            try a.write("model", string: model)
            try a.write("layers", strings: layers.map(\.layer.name))
            try a.write("movie", string: movie)
            try a.write("movie_sha256", string: movieSHA256)
            try a.write("protocol", string: featureProtocol)
            try energy?.write(to: file)
        }
    }
}
