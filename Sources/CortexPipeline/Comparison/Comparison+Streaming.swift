import CortexModels
import CortexNWB
import CortexNumerics
import CortexRuntime
import CortexSimilarity
import Foundation

/// Scoring a network straight from a movie, without a feature file: the forward pass keeps every
/// layer's outputs in a lossless compact encoding (``StreamedLayers``), then the layers are scored
/// as from a file — the same Gram accumulation over the same column blocks, so the scores equal
/// those of `cortex features` + `cortex compare --features`.
///
/// ```swift
/// var network = try ModelLoader.load(.checkpoint(url)).network     // any RecordableNetwork
/// let run = try Comparison.scores(network: &network, model: "sew-resnet18-w8", source: "model.safetensors",
///                                 movie: try MovieInput(contentsOf: movieURL),
///                                 extraction: FeatureExtraction(featureProtocol: .video, layers: network.defaultFeatureLayers),
///                                 responses: try ResponseFile.read(from: responsesURL), metric: TSRSAMetric())
/// run.scores.best                                     // best layer per area
/// (run.forwardSeconds, run.similaritySeconds)         // where the time went
/// ```
///
/// Memory: the kept outputs (frames × units × 1–8 bits per layer, 32 for a layer with more than
/// 256 distinct values) plus the scoring's working set. TSRSA, CKA (linear, RBF, debiased) and RSA
/// accumulate their Gram matrices from decoded column blocks; other metrics (SVCCA, PWCCA,
/// Procrustes, ridge, custom) and the statistics decode one layer whole, as Double, while it is
/// scored.
extension Comparison {
    /// Scores `network`'s layers on `movie` against `responses` in one call: checks the frame
    /// counts and the memory budget, runs the network once, scores every layer × area.
    /// - Parameters:
    ///   - statistics: whether the caller will compute statistics (they hold a layer as Double;
    ///     counted in the budget).
    ///   - forwardProgress: frames done during the forward pass; `progress`: layers scored.
    /// - Throws: ``PipelineError/frameMismatch(features:frames:responses:responseFrames:)`` (before
    ///   the network runs), ``PipelineError/unknownName(kind:name:file:available:)`` for an area or
    ///   layer, ``PipelineError/memoryBudgetExceeded(needed:budget:detail:)``, the movie's and the
    ///   metric's errors.
    public static func scores<N: RecordableNetwork>(network: inout N, model: String, source: String, movie: MovieInput,
                              extraction: FeatureExtraction, responses: ResponseFile, responsesName: String = "responses",
                              areas: [String]? = nil, metric: any SimilarityMetric, budget: MemoryBudget = .standard,
                              statistics: Bool = false, forwardProgress: ProgressHandler? = nil,
                              progress: ProgressHandler? = nil) throws -> StreamedComparison {
        let brain = try BrainResponses(file: responses, areas: areas, provenance: .init(
            sources: [InputSource(.responseFile, path: responsesName, sha256: nil)], stimulus: responses.stimulus,
            frames: responses.frameCount, repeats: responses.repeatCount))
        let plan = ComparisonPlan(metric: MetricEntry(id: "", label: metric.name, metric: metric),
                                  statistics: StatisticsOptions(permutations: statistics ? 1 : 0), budget: budget)
        let layers = try plan.streamedLayers(network: &network, name: model, source: source, movie: movie,
                                             extraction: extraction, against: brain, forwardProgress: forwardProgress)
        return try scores(layers: layers, brain: brain.brain, metric: metric, progress: progress)
    }

    /// Scores kept layer outputs against brain matrices (``brainMatrices(_:areas:)``).
    /// - Throws: ``PipelineError/frameMismatch(features:frames:responses:responseFrames:)``; the
    ///   metric's errors.
    public static func scores(layers: StreamedLayers, brain: [(area: String, matrix: NDArray<Double>)],
                              metric: any SimilarityMetric, progress: ProgressHandler? = nil) throws -> StreamedComparison {
        if let first = brain.first, first.matrix.rows != layers.frameCount {
            throw PipelineError.frameMismatch(features: layers.source, frames: layers.frameCount, responses: first.area,
                                              responseFrames: first.matrix.rows)
        }
        let clock = ContinuousClock()
        let start = clock.now
        var scores = try scores(of: layers, model: layers.model, source: layers.source, layers: layers.layers, brain: brain,
                                metric: metric, progress: progress)
        scores.energy = layers.energy
        let elapsed = clock.now - start
        return StreamedComparison(scores: scores, layers: layers, forwardSeconds: layers.forwardSeconds,
                                  similaritySeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    /// An estimate of the scoring's working memory beside the kept outputs, for the budget:
    /// the prepared areas and a layer's Gram, correlations and RDM vectors (≈ (areas + 8) ·
    /// frames² doubles), a decoded column block (frames × 4096 doubles), and — when a metric or
    /// the statistics hold a layer — twice the widest layer as Double (the layer and the
    /// metric's own copy).
    public static func workingBytes(frames: Int, areas: Int, widestLayer: Int, holdsLayer: Bool) -> Int {
        let grams = (areas + 8) * frames * frames * 8
        let block = frames * CKAMetric.streamingBlockColumns * 8
        return grams + block + (holdsLayer ? 2 * frames * widestLayer * 8 : 0)
    }
}
