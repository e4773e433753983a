import CortexNumerics
import Foundation

/// One unit of work of a batch: one model's features against the brain responses under one metric.
/// Its `key` hashes everything the result depends on, so a finished job is never recomputed.
public struct BatchJob: Sendable, Hashable {
    /// Position in the expanded job list (models × metrics, in spec order).
    public var index: Int
    public var model: BatchSpec.Model
    /// Index into the runner's metric entries (the spec's metrics, then any extra ones).
    public var metricIndex: Int
    /// Content hash (SHA-256 hex) of the inputs' digests, the metric, areas, stimulus and version.
    public var key: String

    /// Expands a spec into jobs. `digests` maps resolved input paths to their SHA-256.
    public static func expand(_ spec: BatchSpec, metrics: [MetricEntry], digests: [String: String],
                              version: String) throws -> [BatchJob] {
        let responseDigests = (spec.sessions + spec.responses).map { digests[spec.resolve($0).path] ?? "" }
        var jobs: [BatchJob] = []
        for model in spec.models {
            for (metricIndex, metric) in metrics.enumerated() {
                let identity: [String: Any] = [
                    "version": version, "responses": responseDigests, "stimulus": spec.stimulus,
                    "areas": spec.areas ?? ["(default)"], "model": model.name,
                    "features": digests[spec.resolve(model.features).path] ?? "",
                    "metric": metric.id,
                ]
                let bytes = try JSONSerialization.data(withJSONObject: identity, options: [.sortedKeys])
                let hash = SHA256()
                hash.update(bytes)
                jobs.append(BatchJob(index: jobs.count, model: model, metricIndex: metricIndex, key: hash.hexDigest()))
            }
        }
        return jobs
    }
}

extension JSONEncoder {
    /// Key-sorted, stable output.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
