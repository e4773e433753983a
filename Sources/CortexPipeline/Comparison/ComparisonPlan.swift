import CortexModels
import CortexNumerics
import CortexRuntime
import CortexSimilarity
import Foundation

/// The one path from inputs to scores: what `cortex compare`, every job of `cortex report` and
/// `cortex ceiling` run. A plan holds the decisions — metric, statistics (ceiling method, splits,
/// seed, permutations, bootstrap, minimum shift) and memory budget — and turns loaded inputs into
/// results with them, so the same request gives the same numbers whichever command makes it.
///
/// Defaults live here and nowhere else: ceilings split-half neurons with
/// ``CeilingOptions/defaultSplits`` splits, the statistics seed ``StatisticsOptions/defaultSeed``,
/// the circular-shift minimum of ``PermutationScheme/defaultMinimumShift(comparedFrames:)``, the
/// best layer of ``BestScore``, per-area seeds of ``StatisticsSeed``, held-out selection over
/// alternating frame blocks (``StatisticsOptions/defaultHeldOut``) and Holm–Bonferroni for the
/// paired model comparisons. With statistics each model also gets its ``AreaSelection`` (in-sample
/// vs held-out best, selection-aware p-value) and pairing samples, from which
/// ``result(responses:models:ceilings:version:command:)`` derives the ``PairedComparisons`` of
/// every two models.
///
/// ```swift
/// let plan = ComparisonPlan(metric: MetricChoice(.tsrsa).entry,
///                           statistics: StatisticsOptions(ceiling: CeilingOptions(), permutations: 1000, seed: 7))
/// let brain = try BrainResponses.load(responseFiles: [("responses.h5", responsesURL)], producer: "my study")
/// let model = try plan.scores(features: try FeatureFile(url: featuresURL), against: brain)
/// let result = plan.result(responses: brain, models: [model], ceilings: plan.ceilings(of: brain))
/// result.models[0].best          // best layer per area
/// ```
public struct ComparisonPlan: Sendable {
    public var metric: MetricEntry
    public var statistics: StatisticsOptions
    /// Memory a network model's kept outputs and scoring may use.
    public var budget: MemoryBudget

    public init(metric: MetricEntry, statistics: StatisticsOptions = .none, budget: MemoryBudget = .standard) {
        self.metric = metric
        self.statistics = statistics
        self.budget = budget
    }

    // MARK: models

    /// Scores a feature file's layers against `brain`, with the plan's statistics.
    /// - Parameters:
    ///   - name: the model's label (default: the name recorded in the file).
    ///   - source: the path results record (default: the file's path); `sources` the inputs the
    ///     results list (default: the feature file, its SHA-256 computed here).
    /// - Throws: ``PipelineError/frameMismatch(features:frames:responses:responseFrames:)``, the
    ///   metric's and the statistics' errors.
    public func scores(features: FeatureFile, name: String? = nil, source: String? = nil, sources: [InputSource]? = nil,
                       against brain: BrainResponses, progress: ProgressHandler? = nil) throws -> CompareResult.Model {
        try brain.checkFrames(features.frameCount, of: features.url.path)
        try checkMemory(frames: brain.binCount, areas: brain.areas.count, layers: features.layers, of: features.url.path)
        var result = try model(features, name: name ?? features.model, source: source ?? features.url.path,
                               layers: features.layers, energy: features.energy,
                               sources: try sources ?? [.file(.featureFile, path: source ?? features.url.path, url: features.url)],
                               against: brain, progress: progress)
        result.scores.network = features.model
        result.scores.training = features.training
        return result
    }

    /// One model's scores, energy and statistics from any layer access: the one scoring path of
    /// feature files and networks run on a movie.
    private func model<L: LayerAccess>(_ access: L, name: String, source: String, layers: [FeatureFile.Layer],
                                       energy: ModelEnergy?, sources: [InputSource], against brain: BrainResponses,
                                       progress: ProgressHandler?) throws -> CompareResult.Model {
        var scores = try Comparison.scores(of: access, model: name, source: source, layers: layers, brain: brain.brain,
                                           metric: metric.metric, progress: progress)
        scores.energy = energy
        let statistics = self.statistics.perModel
            ? try Comparison.statistics(scores: scores, access: access, brain: brain.brain, metric: metric.metric,
                                        options: self.statistics)
            : nil
        var result = CompareResult.Model(scores: scores, sources: sources, statistics: statistics)
        if let choice = metric.choice {
            result.controls = try Comparison.controls(scores: scores, access: access, brain: brain.brain, choice: choice,
                                                      seed: self.statistics.seed)
        }
        if self.statistics.selectionSplit != nil || self.statistics.permutations > 0 {
            result.selection = try Comparison.selection(scores: scores, access: access, brain: brain, metric: metric.metric,
                                                        options: self.statistics)
        }
        if self.statistics.perModel {
            result.pairing = try Comparison.pairingSamples(scores: scores, access: access, brain: brain.brain,
                                                           metric: metric.metric, options: self.statistics)
        }
        return result
    }

    /// Runs `network` on `movie` once, keeping every layer of `extraction` in memory (checked
    /// against the plan's budget), ready for ``scores(layers:name:source:sources:against:progress:)``
    /// under any number of metrics.
    /// - Throws: ``PipelineError/frameMismatch(features:frames:responses:responseFrames:)`` before the
    ///   network runs; ``PipelineError/memoryBudgetExceeded(needed:budget:detail:)``; the movie's errors.
    public func streamedLayers<N: RecordableNetwork>(network: inout N, name: String, source: String, movie: MovieInput,
                               extraction: FeatureExtraction, against brain: BrainResponses,
                               forwardProgress: ProgressHandler? = nil) throws -> StreamedLayers {
        try brain.checkFrames(movie.frameCount, of: movie.url.path)
        let shapes = network.layerUnitShapes
        let widest = extraction.layers.compactMap { shapes[$0]?.reduce(1, *) }.max() ?? 0
        let reserve = Comparison.workingBytes(frames: brain.binCount, areas: brain.areas.count, widestLayer: widest,
                                              holdsLayer: statistics.perModel || !(metric.metric is any StreamableSimilarityMetric))
        return try StreamedLayers(network: &network, model: name, source: source, movie: movie, extraction: extraction,
                                  budget: budget, reservedBytes: reserve, progress: forwardProgress)
    }

    /// Scores kept layer outputs against `brain`, with the plan's statistics; `sources` are the
    /// inputs the results list (the checkpoint or random weights, and the movie).
    public func scores(layers: StreamedLayers, name: String? = nil, source: String? = nil, sources: [InputSource],
                       against brain: BrainResponses, progress: ProgressHandler? = nil) throws -> CompareResult.Model {
        try brain.checkFrames(layers.frameCount, of: layers.source)
        return try model(layers, name: name ?? layers.model, source: source ?? layers.source, layers: layers.layers,
                         energy: layers.energy, sources: sources, against: brain, progress: progress)
    }

    /// The memory scoring a feature file's layers needs — the areas' Gram matrices, and for
    /// metrics and statistics that hold a layer, the widest layer as Double twice (decoded and
    /// prepared) plus one more per area whose best layer the statistics keep — checked against
    /// the plan's budget before any layer is read.
    /// - Throws: ``PipelineError/memoryBudgetExceeded(needed:budget:detail:)``.
    public func checkMemory(frames: Int, areas: Int, layers: [FeatureFile.Layer], of source: String) throws {
        let widths = layers.map { layer in
            layer.unitShape.reduce(1) { product, n in
                let (value, overflow) = product.multipliedReportingOverflow(by: max(n, 0))
                return overflow ? Int.max : value
            }
        }
        let widest = widths.max() ?? 0
        let holdsLayer = statistics.perModel || !(metric.metric is TSRSAMetric)
        let kept = statistics.perModel ? max(0, min(areas, layers.count) - 1) : 0
        let (layerBytes, o1) = frames.multipliedReportingOverflow(by: widest)
        let (layerDoubles, o2) = layerBytes.multipliedReportingOverflow(by: 8)
        let (keptBytes, o3) = layerDoubles.multipliedReportingOverflow(by: kept)
        let (working, o4) = layerDoubles.multipliedReportingOverflow(by: 2)
        let gram = Comparison.workingBytes(frames: frames, areas: areas, widestLayer: 0, holdsLayer: false)
        var needed = Int.max
        if !(o1 || o2 || o3 || o4) {
            let (sum, o5) = gram.addingReportingOverflow(holdsLayer ? working : 0)
            let (total, o6) = sum.addingReportingOverflow(keptBytes)
            if !(o5 || o6) { needed = total }
        }
        guard needed <= budget.bytes else {
            let name = zip(layers, widths).max(by: { $0.1 < $1.1 })?.0.name ?? "?"
            var parts = ["Gram matrices of \(areas) areas × \(frames) frames"]
            if holdsLayer { parts.append("\(frames) frames × \(widest) units of the widest layer \(name) as float64, twice") }
            if kept > 0 { parts.append("the best layers of \(kept + 1) areas kept for the statistics") }
            throw PipelineError.memoryBudgetExceeded(needed: needed, budget: budget.bytes,
                                                     detail: "\(source): " + parts.joined(separator: ", "))
        }
    }

    // MARK: ceilings and results

    /// Every area's noise ceiling under the plan's ceiling options and seed (nil when the plan
    /// asks for none).
    public func ceilings(of brain: BrainResponses, progress: ProgressHandler? = nil) -> [AreaCeiling]? {
        statistics.ceiling.map {
            Comparison.ceilings(brain, metric: metric.metric, options: $0, seed: statistics.seed, progress: progress)
        }
    }

    /// The result file of a comparison.
    public func result(responses brain: BrainResponses, models: [CompareResult.Model], ceilings: [AreaCeiling]?,
                       version: String = "", command: [String] = []) -> CompareResult {
        var result = CompareResult(metric: metric, responses: brain.provenance, models: models, ceilings: ceilings,
                                   cortexKitVersion: version, command: command)
        result.pairedComparisons = PairedComparisons.rows(models: models, options: statistics)
        return result
    }
}

extension BrainResponses {
    /// Checks that a model side covers the responses' bins (frames × bins per frame).
    /// - Throws: ``PipelineError/frameMismatch(features:frames:responses:responseFrames:)``.
    public func checkFrames(_ frames: Int, of source: String) throws {
        guard frames == binCount else {
            throw PipelineError.frameMismatch(features: source, frames: frames, responses: provenance.label,
                                              responseFrames: binCount)
        }
    }
}
