import CortexNumerics
import Foundation

/// One unit of work of a batch: one model's features against one response set under one metric
/// (with its statistics); with no model, the noise ceilings of every area of a response set under
/// one metric, or — with ``pairedSet`` — two response sets scored against each other area by area.
/// Its `key` hashes everything the result depends on, so a finished job is never recomputed.
public struct BatchJob: Sendable, Hashable {
    /// Position in the expanded job list: per response set, models × metrics then ceilings per
    /// metric; then, with named sets, every two sets per metric.
    public var index: Int
    /// The model, or nil for a ceiling or brain-to-brain job.
    public var model: BatchSpec.Model?
    /// Index into ``BatchSpec/responseSets`` of the responses the job scores (0 without named sets).
    public var responseSet: Int = 0
    /// For a brain-to-brain job, the second response set (its areas are scored against
    /// ``responseSet``'s); nil otherwise.
    public var pairedSet: Int?
    /// Whether the job computes noise ceilings.
    public var isCeiling: Bool { model == nil && pairedSet == nil }
    /// Index into the runner's metric entries (the spec's metrics, then any extra ones).
    public var metricIndex: Int
    /// Content hash (SHA-256 hex) of ``BatchJobIdentity``: the inputs' digests, the metric, areas,
    /// stimulus, statistics and the algorithm version.
    public var key: String

    /// Expands a spec into jobs. `digests` maps resolved input paths to their SHA-256.
    ///
    /// The package version is not part of the keys: ``CortexAlgorithms/version`` says when the
    /// numbers change, so a release that changes none keeps the cache and a numerical fix between
    /// releases does not.
    ///
    /// - Parameter algorithmVersion: goes into every key (default: the current
    ///   ``CortexAlgorithms/version``; other values are for tests).
    public static func expand(_ spec: BatchSpec, metrics: [MetricEntry], digests: [String: String],
                              algorithmVersion: Int = CortexAlgorithms.version) throws -> [BatchJob] {
        var jobs: [BatchJob] = []
        let named = spec.namesResponseSets
        func setIdentity(_ set: BatchResponseSet) throws -> BatchJobIdentity {
            var identity = BatchJobIdentity(
                algorithmVersion: algorithmVersion, metric: "",
                responses: set.inputs.map { digests[spec.resolve($0).path] ?? "" },
                stimulus: spec.stimulus, areas: spec.areas ?? ["(default)"],
                statistics: String(decoding: try JSONEncoder.sorted.encode(spec.statistics), as: UTF8.self))
            identity.responseSet = named ? set.name : nil
            return identity
        }
        for (s, set) in spec.responseSets.enumerated() {
            let shared = try setIdentity(set)
            for model in spec.models {
                for (metricIndex, metric) in metrics.enumerated() {
                    var identity = shared
                    identity.metric = metric.id
                    identity.model = model.name
                    switch model.source {
                    case .features(let path):
                        identity.features = digests[spec.resolve(path).path] ?? ""
                    case .checkpoint(let run):
                        identity.checkpoint = digests[spec.resolve(run.checkpoint).path] ?? ""
                        identity.movie = digests[spec.resolve(run.movie).path] ?? ""
                        identity.featureProtocol = run.featureProtocol?.rawValue ?? "(recorded task)"
                        identity.steps = run.steps
                        identity.layers = run.layers ?? ["(default)"]
                        identity.registryModel = run.registryName ?? ""
                        identity.interventions = try spec.interventions.map {
                            String(decoding: try JSONEncoder.sorted.encode($0), as: UTF8.self)
                        }
                    }
                    jobs.append(BatchJob(index: jobs.count, model: model, responseSet: s, metricIndex: metricIndex,
                                         key: try identity.key()))
                }
            }
            if spec.statistics.ceiling != nil {
                for (metricIndex, metric) in metrics.enumerated() {
                    var identity = shared
                    identity.metric = metric.id
                    identity.ceiling = true
                    jobs.append(BatchJob(index: jobs.count, model: nil, responseSet: s, metricIndex: metricIndex,
                                         key: try identity.key()))
                }
            }
        }
        // Brain to brain: the second set's areas scored against the first's.
        for first in spec.responseSets.indices {
            for second in spec.responseSets.indices where second > first {
                for (metricIndex, metric) in metrics.enumerated() {
                    var identity = try setIdentity(spec.responseSets[first])
                    let other = try setIdentity(spec.responseSets[second])
                    identity.metric = metric.id
                    identity.pairedSet = other.responseSet
                    identity.pairedResponses = other.responses
                    jobs.append(BatchJob(index: jobs.count, model: nil, responseSet: first, pairedSet: second,
                                         metricIndex: metricIndex, key: try identity.key()))
                }
            }
        }
        return jobs
    }

    /// Expands a spec into jobs (the package version is no longer part of the keys).
    @available(*, deprecated, message: "the package version is not part of job keys; use expand(_:metrics:digests:algorithmVersion:)")
    public static func expand(_ spec: BatchSpec, metrics: [MetricEntry], digests: [String: String],
                              version: String) throws -> [BatchJob] {
        try expand(spec, metrics: metrics, digests: digests)
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
