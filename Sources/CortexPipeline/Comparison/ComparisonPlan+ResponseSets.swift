import CortexNumerics
import CortexRuntime
import CortexSimilarity
import Foundation

extension ComparisonPlan {
    /// Brain to brain: every area of `second` scored against every area of `first` with the plan's
    /// metric (the same metric and frame policy as the models; statistics are not run). Both sets
    /// must cover the same movie frames.
    /// - Throws: ``PipelineError/frameMismatch(features:frames:responses:responseFrames:)`` when the
    ///   sets' frames differ, ``PipelineError/invalidSpec(file:line:key:reason:)``-free; the metric's errors.
    public func scores(_ second: BrainResponses, against first: BrainResponses,
                       progress: ProgressHandler? = nil) throws -> ResponseSetComparison {
        try first.checkFrames(second.binCount, of: second.provenance.label)
        let matrices = Dictionary(uniqueKeysWithValues: second.brain.map { ($0.area, $0.matrix) })
        let table = try Self.table(metric.metric, rows: second.areas.map(\.name), columns: first.brain.map(\.matrix),
                                   load: { matrices[$0]! }, progress: progress)
        return ResponseSetComparison(metric: metric.label, metricShortName: metric.shortName, first: first.provenance,
                                     second: second.provenance, firstAreas: first.areas.map(\.name),
                                     secondAreas: second.areas.map(\.name), scores: table)
    }

    private static func table<M: SimilarityMetric>(_ metric: M, rows: [String], columns: [NDArray<Double>],
                                                   load: (String) throws -> NDArray<Double>,
                                                   progress: ProgressHandler?) throws -> [[Double]] {
        try Comparison.scoreTable(metric, layers: rows, brain: columns, load: load, progress: progress)
    }
}
