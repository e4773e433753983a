import CortexEngine
import CortexModels
import CortexNumerics
import CortexRuntime
import CortexSimilarity
import Foundation

/// A network's layer outputs on a movie, computed in one pass and kept in memory in a lossless
/// compact encoding, ready to be scored against brain areas without writing a feature file — the
/// model side of `cortex compare --checkpoint`.
///
/// **Why rows are kept.** Under the video protocol a layer's outputs arrive chunk by chunk of
/// frames (the state carries across chunks), but every similarity here needs a frames × frames
/// Gram matrix, i.e. products of rows from different chunks: earlier rows must be kept. They are
/// kept exactly, in a ``CompactRowMatrix`` per layer: spiking outputs take few distinct values
/// (per-frame spikes 0/1, sums of spikes 0…k through SEW ADD connections, k/T means under the image
/// protocol), stored as 1, 2, 4 or 8-bit codes (a Float32 fallback per layer when a layer has
/// more than 256 distinct values, e.g. `avgpool`). The Gram matrices are accumulated after the
/// pass, from decoded column blocks, by the same accumulator and block widths as the feature-file
/// path — so scores equal `cortex features` + `cortex compare --features` bit for bit, while the
/// memory is frames × units × bits/8 per layer instead of a file of frames × units × 4 bytes.
/// (Accumulating the Gram chunk by chunk instead would keep the same rows — every new chunk needs
/// all earlier ones — and round differently from the file path.)
///
/// **Memory budget.** Before the pass, the smallest possible size (1 bit per unit) plus the
/// scoring's working memory is checked against `budget`; after every chunk, the projection of the
/// encodings in use to all frames is checked again, so an impossible run fails within a chunk,
/// with ``PipelineError/memoryBudgetExceeded(needed:budget:detail:)``.
///
/// ```swift
/// let loaded = try ModelLoader.load(.checkpoint(url))             // or any RecordableNetwork
/// var (network, name) = (loaded.network, loaded.name)
/// let movie = try MovieInput(contentsOf: movieURL)
/// let layers = try StreamedLayers(network: &network, model: name, source: url.path, movie: movie,
///                                 extraction: FeatureExtraction(featureProtocol: .video, layers: network.defaultFeatureLayers))
/// layers.keptBytes          // e.g. 4.9 MB for 900 frames of an 8-wide SEW-ResNet-18
/// ```
public struct StreamedLayers: Sendable {
    /// The model's name.
    public let model: String
    /// Where the weights came from (a checkpoint path), for result files.
    public let source: String
    /// The layers, in network order, with their per-frame shapes.
    public let layers: [FeatureFile.Layer]
    /// Frames of the movie.
    public let frameCount: Int
    /// Each layer's frames × units outputs, in `layers` order.
    public let matrices: [CompactRowMatrix]
    /// Wall-clock seconds of the forward pass (preprocessing and encoding included).
    public let forwardSeconds: Double
    /// Firing rates, synaptic operations and energy per frame, monitored during the forward pass
    /// (as `cortex features` stores them in a feature file).
    public let energy: ModelEnergy

    /// Bytes held by the kept outputs.
    public var keptBytes: Int { matrices.reduce(0) { $0 + $1.byteCount } }

    /// Layer `name`'s kept outputs.
    /// - Throws: ``PipelineError/unknownName(kind:name:file:available:)``.
    public func matrix(of name: String) throws -> CompactRowMatrix {
        guard let i = layers.firstIndex(where: { $0.name == name }) else {
            throw PipelineError.unknownName(kind: "layer", name: name, file: model, available: layers.map(\.name))
        }
        return matrices[i]
    }

    /// Runs `movie` through `network` (any ``RecordableNetwork``) under `extraction` and keeps
    /// every layer's outputs.
    ///
    /// - Parameters:
    ///   - extraction: protocol, T, chunk size and layers (any order; kept in network order).
    ///   - budget: bound on kept outputs + `reservedBytes`.
    ///   - reservedBytes: memory the caller will need besides the kept outputs (scoring; see
    ///     ``Comparison/workingBytes(frames:areas:widestLayer:holdsLayer:)``).
    ///   - progress: frames done, after each chunk.
    /// - Throws: ``PipelineError/unknownName(kind:name:file:available:)`` for a layer the network
    ///   does not have; ``PipelineError/memoryBudgetExceeded(needed:budget:detail:)``; errors of
    ///   the movie's input.
    public init<N: RecordableNetwork>(network: inout N, model: String, source: String, movie: MovieInput,
                extraction: FeatureExtraction, budget: MemoryBudget = .standard, reservedBytes: Int = 0,
                progress: ProgressHandler? = nil) throws {
        let layers = try extraction.orderedLayers(of: network, model: model)
        let ordered = layers.map(\.name)
        let frames = movie.frameCount
        let units = layers.map { $0.unitShape.reduce(1, *) }
        let minimum = units.reduce(0) { $0 + frames * CompactRowMatrix.wordsPerRow($1, 1) * 8 } + reservedBytes
        if minimum > budget.bytes {
            throw PipelineError.memoryBudgetExceeded(
                needed: minimum, budget: budget.bytes,
                detail: "\(frames) frames × \(units.reduce(0, +)) units of \(layers.count) layers at 1 bit or more per unit, "
                    + "+ \(MemoryBudget.format(reservedBytes)) to score them")
        }
        let input = try movie.input(for: network.inputShape, normalization: extraction.inputNormalization)
        var run = extraction
        run.layers = ordered
        var matrices = zip(layers, units).map { CompactRowMatrix(columns: $1, expectedRows: frames) }
        let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
        let last = ordered.last!
        let clock = ContinuousClock()
        let start = clock.now
        var monitor = MonitorPair(FiringRateMonitor(), SynapticOperationMonitor())
        try run.run(model: &network, frameCount: frames, frames: input, monitor: &monitor,
                    progress: { progress?(ProgressUpdate(completed: $0, total: frames, message: "frames")) }) { name, range, shape, values in
            let i = position[name]!
            precondition(shape == layers[i].unitShape, "StreamedLayers: \(name) is \(shape), expected \(layers[i].unitShape)")
            matrices[i].append(rows: range.count, contentsOf: values)
            if name == last {
                let projected = matrices.reduce(0) { $0 + $1.bytesPerRow * frames } + reservedBytes
                if projected > budget.bytes {
                    let widths = zip(layers, matrices).map { "\($0.name) \($1.bitsPerEntry) bit" }.joined(separator: ", ")
                    throw PipelineError.memoryBudgetExceeded(
                        needed: projected, budget: budget.bytes,
                        detail: "\(frames) frames of \(layers.count) layers kept as \(widths) per unit (after \(range.upperBound) "
                            + "frames), + \(MemoryBudget.format(reservedBytes)) to score them")
                }
            }
        }
        let elapsed = clock.now - start
        self.model = model
        self.source = source
        self.layers = layers
        self.frameCount = frames
        self.matrices = matrices
        energy = ModelEnergy(rates: monitor.first, operations: monitor.second, frames: frames, network: network)
        forwardSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
