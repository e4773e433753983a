import Foundation
import CortexSimilarity

/// A metric as the batch runner and reports use it: the metric value itself, a label for tables
/// and figures, and an identity that goes into job cache keys.
///
/// Built-in metrics come from ``MetricChoice`` (`choice.entry`); a custom metric is any
/// `SimilarityMetric` value with an identity of your choosing — change the identity whenever the
/// metric's definition changes, so cached results are not reused:
///
/// ```swift
/// struct MeanRateCorrelation: SimilarityMetric { … }
/// let custom = MetricEntry(id: "mean-rate-correlation/v1", label: "mean-rate correlation",
///                          metric: MeanRateCorrelation())
/// let runner = BatchRunner(spec: spec, outputDirectory: out, version: "my-study", extraMetrics: [custom])
/// ```
public struct MetricEntry: Sendable {
    /// Cache identity (e.g. "builtin:{json options}" or "my-metric/v2").
    public var id: String
    /// Label in tables, figures and `results.csv`.
    public var label: String
    /// Short name for CSV rows (e.g. "tsrsa").
    public var shortName: String
    /// The metric.
    public var metric: any SimilarityMetric
    /// The built-in choice it came from, if any (recorded in results.json).
    public var choice: MetricChoice?

    public init(id: String, label: String, shortName: String? = nil, metric: any SimilarityMetric) {
        self.id = id
        self.label = label
        self.shortName = shortName ?? label
        self.metric = metric
        self.choice = nil
    }
}

extension MetricChoice {
    /// This built-in metric as a batch entry.
    public var entry: MetricEntry {
        let options = (try? JSONEncoder.sorted.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? description
        var entry = MetricEntry(id: "builtin:" + options, label: description, shortName: kind.rawValue, metric: metric())
        entry.choice = self
        return entry
    }
}
