import CortexIO
import CortexModels
import CortexNumerics
import Foundation

/// A movie for a network to watch: a `.npy` of uint8 frames × H × W, preprocessed per model
/// (resized, scaled, replicated to the model's channels and normalised: ``FramePreprocessing``),
/// or — `asIs` — float32 frames × C × H × W given to the model unchanged.
///
/// ```swift
/// let movie = try MovieInput(contentsOf: URL(fileURLWithPath: "natural_movie_one.npy"))
/// let input = try movie.input(for: network.inputShape)       // frames → [n, C, H, W]
/// let first = input(0..<16)
/// ```
public struct MovieInput: Sendable {
    /// The frames as stored.
    public enum Pixels: Sendable {
        /// Grayscale frames × H × W, preprocessed for each model.
        case uint8(NDArray<UInt8>)
        /// Network input frames × C × H × W, used as they are.
        case float32(NDArray<Float>)
    }

    public let url: URL
    public let pixels: Pixels

    /// Number of frames.
    public var frameCount: Int {
        switch pixels {
        case .uint8(let p): return p.shape[0]
        case .float32(let v): return v.shape[0]
        }
    }

    /// Reads the movie at `url`.
    /// - Parameter asIs: expect float32 frames × C × H × W network input instead of uint8 frames.
    /// - Throws: `NPYError` when the file cannot be read; ``PipelineError/badMovie(file:dtype:shape:expected:)``
    ///   for another dtype or rank, no frames, or a zero-sized frame dimension — before any output is
    ///   created, so a bad movie never reaches the preprocessing (whose resampling needs pixels).
    public init(contentsOf url: URL, asIs: Bool = false) throws {
        self.url = url
        let array = try NPYFile.read(from: url)
        let expected = asIs ? "float32 frames × C × H × W (as-is network input) with every dimension positive"
                            : "uint8 frames × H × W with every dimension positive"
        switch (array, asIs) {
        case (.uint8(let p), false) where p.shape.count == 3 && p.shape.allSatisfy({ $0 > 0 }):
            pixels = .uint8(p)
        case (.float32(let v), true) where v.shape.count == 4 && v.shape.allSatisfy({ $0 > 0 }):
            pixels = .float32(v)
        default:
            throw PipelineError.badMovie(file: url.path, dtype: "\(array.dtype)", shape: array.shape, expected: expected)
        }
    }

    /// The network input of frames `range`, `[n, C, H, W]`, for a model of `configuration`.
    /// - Throws: ``PipelineError/badMovie(file:dtype:shape:expected:)`` when as-is frames are not of
    ///   the model's input size.
    public func input(for configuration: ModelConfiguration) throws -> @Sendable (Range<Int>) -> NDArray<Float> {
        try input(for: configuration.inputShape)
    }

    /// The network input of frames `range`, `[n, C, H, W]`, for a network taking `shape` frames
    /// (``RecordableNetwork/inputShape``).
    /// - Throws: ``PipelineError/badMovie(file:dtype:shape:expected:)`` when as-is frames are not of
    ///   that size.
    /// - Parameter normalization: how uint8 frames are normalised (``FramePreprocessing``; nil: the
    ///   earlier rule by channel count); as-is frames are not normalised.
    public func input(for shape: NetworkInputShape, normalization: InputNormalization? = nil) throws -> @Sendable (Range<Int>) -> NDArray<Float> {
        switch pixels {
        case .uint8(let movie):
            let preprocessing = FramePreprocessing(inputShape: shape, normalization: normalization)
            return { preprocessing.frames(movie, $0) }
        case .float32(let values):
            let perFrame = shape.frameShape
            guard Array(values.shape.dropFirst()) == perFrame else {
                throw PipelineError.badMovie(file: url.path, dtype: "float32", shape: values.shape,
                                             expected: "frames × \(perFrame.map(String.init).joined(separator: " × ")) (the model's input)")
            }
            let size = perFrame.reduce(1, *)
            return { r in
                NDArray(shape: [r.count] + perFrame, scalars: Array(values.scalars[(r.lowerBound * size)..<(r.upperBound * size)]))
            }
        }
    }
}
