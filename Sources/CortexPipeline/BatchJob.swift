import CortexNumerics
import Foundation

/// One unit of work of a batch: one model's features against the brain responses under one metric
/// (with its statistics), or — with no model — the noise ceilings of every area under one metric.
/// Its `key` hashes everything the result depends on, so a finished job is never recomputed.
public struct BatchJob: Sendable, Hashable {
    /// Position in the expanded job list (models × metrics, then ceilings per metric).
    public var index: Int
    /// The model, or nil for a ceiling job.
    public var model: BatchSpec.Model?
    /// Index into the runner's metric entries (the spec's metrics, then any extra ones).
    public var metricIndex: Int
    /// Content hash (SHA-256 hex) of the inputs' digests, the metric, areas, stimulus and version.
    public var key: String

    /// Expands a spec into jobs. `digests` maps resolved input paths to their SHA-256.
    public static func expand(_ spec: BatchSpec, metrics: [MetricEntry], digests: [String: String],
                              version: String) throws -> [BatchJob] {
        let responseDigests = (spec.sessions + spec.responses).map { digests[spec.resolve($0).path] ?? "" }
        let stats = String(decoding: try JSONEncoder.sorted.encode(spec.statistics), as: UTF8.self)
        func key(_ identity: [String: Any]) throws -> String {
            var full = identity
            full["version"] = version
            full["responses"] = responseDigests
            full["stimulus"] = spec.stimulus
            full["areas"] = spec.areas ?? ["(default)"]
            full["statistics"] = stats
            let hash = SHA256()
            hash.update(try JSONSerialization.data(withJSONObject: full, options: [.sortedKeys]))
            return hash.hexDigest()
        }
        var jobs: [BatchJob] = []
        for model in spec.models {
            for (metricIndex, metric) in metrics.enumerated() {
                var identity: [String: Any] = ["model": model.name, "metric": metric.id]
                switch model.source {
                case .features(let path):
                    identity["features"] = digests[spec.resolve(path).path] ?? ""
                case .checkpoint(let run):
                    identity["checkpoint"] = digests[spec.resolve(run.checkpoint).path] ?? ""
                    identity["movie"] = digests[spec.resolve(run.movie).path] ?? ""
                    identity["protocol"] = run.featureProtocol.rawValue
                    identity["T"] = run.steps
                    identity["layers"] = run.layers ?? ["(default)"]
                    identity["registry-model"] = run.registryName ?? ""
                }
                jobs.append(BatchJob(index: jobs.count, model: model, metricIndex: metricIndex, key: try key(identity)))
            }
        }
        if spec.statistics.ceiling != nil {
            for (metricIndex, metric) in metrics.enumerated() {
                jobs.append(BatchJob(index: jobs.count, model: nil, metricIndex: metricIndex,
                                     key: try key(["ceiling": true, "metric": metric.id])))
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
