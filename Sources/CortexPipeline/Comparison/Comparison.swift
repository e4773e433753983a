import CortexNWB
import CortexNumerics
import CortexRuntime
import CortexSimilarity
import Foundation

/// Scores model layers against brain areas with one metric: the core of `cortex compare`.
///
/// Each side is prepared once (every area's responses, every layer's features), then every
/// layer × area pair is scored — for TSRSA the expensive Gram matrices are computed once per layer
/// and per area, not once per pair, and each layer is streamed from its file in column blocks, so
/// its width is not limited by memory. Other metrics load one layer at a time.
///
/// ```swift
/// let responses = try ResponseFile.read(from: URL(fileURLWithPath: "responses.h5"))
/// let model = try FeatureFile(url: URL(fileURLWithPath: "lorafb.h5"))
/// let scores = try Comparison.scores(model: model, responses: responses, metric: .studyTSRSA)
/// scores.best            // best layer per area
/// scores.meanOverAreas   // the study's headline number
/// ```
public enum Comparison {
    /// The areas of a response file as frames × units matrices (``BrainResponses``), for the
    /// given areas (all when nil).
    public static func brainMatrices(_ responses: ResponseFile, areas: [String]?) throws -> [(area: String, matrix: NDArray<Double>)] {
        try BrainResponses(file: responses, areas: areas).brain
    }

    /// The layers × areas scores of one model.
    /// - Throws: `PipelineError.frameMismatch` when the features and responses cover different
    ///   frames; metric errors (e.g. a silent frame under TSRSA's `.error` policy) as they come.
    public static func scores(model: FeatureFile, responses: ResponseFile, responsesName: String = "responses",
                              areas: [String]? = nil, metric: MetricChoice,
                              progress: ProgressHandler? = nil) throws -> ModelScores {
        try scores(model: model, responses: responses, responsesName: responsesName, areas: areas,
                   metric: metric.metric(), progress: progress)
    }

    /// The layers × areas scores of one model under any metric value (custom metrics included).
    public static func scores(model: FeatureFile, responses: ResponseFile, responsesName: String = "responses",
                              areas: [String]? = nil, metric: any SimilarityMetric,
                              progress: ProgressHandler? = nil) throws -> ModelScores {
        let brain = try BrainResponses(file: responses, areas: areas, provenance: .init(
            sources: [InputSource(.responseFile, path: responsesName, sha256: nil)], stimulus: responses.stimulus,
            frames: responses.frameCount, repeats: responses.repeatCount))
        try brain.checkFrames(model.frameCount, of: model.url.path)
        var result = try scores(of: model, model: model.model, source: model.url.path, layers: model.layers,
                                brain: brain.brain, metric: metric, progress: progress)
        result.energy = model.energy
        return result
    }

    /// The layers × areas table of one model whose layers `access` reads — a feature file or
    /// layers kept while a network ran — with TSRSA's lag profiles and RDM image.
    static func scores<L: LayerAccess>(of access: L, model: String, source: String, layers: [FeatureFile.Layer],
                                       brain: [(area: String, matrix: NDArray<Double>)], metric: any SimilarityMetric,
                                       progress: ProgressHandler?) throws -> ModelScores {
        let table: [[Double]]
        var lagProfiles: [ModelScores.LagProfile]?
        var rdmImage: ModelScores.RDMImage?
        if let tsrsa = metric as? TSRSAMetric {
            // TSRSA streams each layer in Float32 column blocks (Gram accumulation), so a layer of
            // any width is scored in O(frames²) memory.
            let prepare = { (name: String) throws -> FrameCorrelations in try access.frameCorrelations(of: name, metric: tsrsa) }
            table = try scoreTable(tsrsa, layers: layers.map(\.name), brain: brain.map(\.matrix), prepareLayer: prepare,
                                   progress: progress)
            if tsrsa.options.lags.count > 1 {
                lagProfiles = try lagProfile(tsrsa, table: table, layers: layers.map(\.name), brain: brain, prepare: prepare)
            }
            if let first = brain.first,
               let best = BestScore.index(of: table.map { $0[0] }) {
                let b = ModelScores.RDMImage.downsampled(try tsrsa.prepare(first.matrix).correlations)
                let m = ModelScores.RDMImage.downsampled(try prepare(layers[best].name).correlations)
                rdmImage = ModelScores.RDMImage(area: first.area, layer: layers[best].name, size: b.size,
                                                brain: b.values, model: m.values)
            }
        } else {
            table = try scoreTable(metric, of: access, layers: layers.map(\.name), brain: brain.map(\.matrix), progress: progress)
        }
        var result = ModelScores(model: model, source: source, layers: layers, areas: brain.map(\.area), scores: table)
        result.lagProfiles = lagProfiles
        result.rdmImage = rdmImage
        return result
    }

    /// `scoreTable` with each layer prepared by `access`.
    private static func scoreTable<M: SimilarityMetric, L: LayerAccess>(_ metric: M, of access: L, layers: [String],
                                                                        brain: [NDArray<Double>],
                                                                        progress: ProgressHandler?) throws -> [[Double]] {
        try scoreTable(metric, layers: layers, brain: brain, prepareLayer: { try access.prepare(metric, layer: $0) },
                       progress: progress)
    }

    /// The score at every lag of each area's best layer (TSRSA with a range of lags).
    static func lagProfile(_ metric: TSRSAMetric, table: [[Double]], layers: [String],
                           brain: [(area: String, matrix: NDArray<Double>)],
                           prepare: (String) throws -> FrameCorrelations) throws -> [ModelScores.LagProfile] {
        var prepared: [String: FrameCorrelations] = [:]
        return try brain.enumerated().compactMap { a, entry in
            guard let best = BestScore.index(of: table.map { $0[a] }) else { return nil }
            let name = layers[best]
            if prepared[name] == nil { prepared[name] = try prepare(name) }
            let result = try TSRSA.score(model: prepared[name]!, brain: try metric.prepare(entry.matrix),
                                         options: metric.options)
            return .init(area: entry.area, layer: name, lags: result.lagScores.map(\.lag), scores: result.lagScores.map(\.score))
        }
    }

    /// Prepares every area once, then each layer in turn (loaded by `load`), scoring it against all
    /// areas; only one layer's features are in memory at a time.
    static func scoreTable<M: SimilarityMetric>(_ metric: M, layers: [String], brain: [NDArray<Double>],
                                                load: (String) throws -> NDArray<Double>,
                                                progress: ProgressHandler?) throws -> [[Double]] {
        try scoreTable(metric, layers: layers, brain: brain, prepareLayer: { try metric.prepare(try load($0)) },
                       progress: progress)
    }

    /// As above, with each layer prepared by `prepareLayer` (e.g. streamed from disk).
    static func scoreTable<M: SimilarityMetric>(_ metric: M, layers: [String], brain: [NDArray<Double>],
                                                prepareLayer: (String) throws -> M.Prepared,
                                                progress: ProgressHandler?) throws -> [[Double]] {
        let preparedBrain = try brain.map { try metric.prepare($0) }
        var table: [[Double]] = []
        for (i, layer) in layers.enumerated() {
            progress?(ProgressUpdate(completed: i, total: layers.count, message: layer))
            let prepared = try prepareLayer(layer)
            table.append(try preparedBrain.map { try metric.score(prepared: prepared, $0) })
        }
        progress?(ProgressUpdate(completed: layers.count, total: layers.count, message: "done"))
        return table
    }
}
