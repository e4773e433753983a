import CortexModels
import CortexNWB
import CortexNumerics
import Foundation

/// Runs a batch: checks every input, builds the responses once, then runs each job of this shard
/// that has no cached result, writing each finished job atomically to `DIR/jobs/<key>.json`.
/// Interrupting (even `kill -9`) loses at most the running job; re-running redoes only what is
/// missing. Results are deterministic for a given spec.
public struct BatchRunner: Sendable {
    public let spec: BatchSpec
    public let outputDirectory: URL
    public let version: String
    /// The spec's metrics followed by the caller's own (custom metrics are passed as values).
    public let metrics: [MetricEntry]

    public init(spec: BatchSpec, outputDirectory: URL, version: String, extraMetrics: [MetricEntry] = []) {
        self.spec = spec
        self.outputDirectory = outputDirectory
        self.version = version
        self.metrics = spec.metrics.map(\.entry) + extraMetrics
    }

    /// The batch's jobs (models × metrics), with their cache keys.
    public func jobs() throws -> [BatchJob] {
        try BatchJob.expand(spec, metrics: metrics, digests: try digests(), version: version)
    }

    public var jobsDirectory: URL { outputDirectory.appendingPathComponent("jobs", isDirectory: true) }

    /// What a run did.
    public struct Summary: Sendable {
        public var jobs: [BatchJob]
        public var computed: [BatchJob]
        public var cached: [BatchJob]
    }

    /// Input digests (SHA-256 of every file the spec names), computed once.
    public func digests() throws -> [String: String] {
        try spec.checkInputs()
        var result: [String: String] = [:]
        for path in spec.sessions + spec.responses + spec.models.flatMap(\.inputs) {
            let url = spec.resolve(path)
            if result[url.path] == nil { result[url.path] = try SHA256.hexDigest(ofFile: url) }
        }
        return result
    }

    /// Runs this shard's missing jobs. `progress` gets (completed, total, job description).
    public func run(shard: BatchShard = .whole, progress: ProgressHandler? = nil) throws -> Summary {
        let digests = try digests()
        let jobs = try BatchJob.expand(spec, metrics: metrics, digests: digests, version: version)
        try FileManager.default.createDirectory(at: jobsDirectory, withIntermediateDirectories: true)
        let mine = jobs.filter { shard.contains($0) }
        let cached = mine.filter { FileManager.default.fileExists(atPath: resultURL($0).path) }
        let todo = mine.filter { !cached.contains($0) }
        guard !todo.isEmpty else { return Summary(jobs: mine, computed: [], cached: cached) }
        let (responses, info) = try loadResponses(digests: digests)
        let brain = try Comparison.brainMatrices(responses, areas: spec.areas)
        let stats = spec.statistics
        var kept: (model: BatchSpec.Model, layers: StreamedLayers)?
        for (i, job) in todo.enumerated() {
            let metric = metrics[job.metricIndex]
            let result: JobResult
            if let model = job.model {
                progress?(ProgressUpdate(completed: i, total: todo.count, message: "\(model.name) · \(metric.shortName)"))
                var scores: ModelScores
                let statistics: [AreaStatistics]?
                switch model.source {
                case .features(let path):
                    let features = try FeatureFile(url: spec.resolve(path))
                    scores = try Comparison.scores(model: features, responses: responses, responsesName: info.path,
                                                   areas: spec.areas, metric: metric.metric)
                    scores.model = model.name
                    statistics = stats.perModel
                        ? try Comparison.statistics(scores: scores, model: features, brain: brain, metric: metric.metric, options: stats)
                        : nil
                case .checkpoint(let run):
                    // The network runs once per model: its kept outputs serve every metric's job.
                    if kept?.model != model {
                        kept = nil
                        kept = (model, try streamedLayers(model, run: run, responses: responses, info: info))
                    }
                    let layers = kept!.layers
                    scores = try Comparison.scores(layers: layers, brain: brain, metric: metric.metric).scores
                    scores.model = model.name
                    statistics = stats.perModel
                        ? try Comparison.statistics(scores: scores, layers: layers, brain: brain, metric: metric.metric, options: stats)
                        : nil
                }
                scores.source = model.sourcePath
                result = JobResult(key: job.key, index: job.index, metric: metric.label, responses: info,
                                   model: CompareResult.Model(scores: scores, sha256: digests[spec.resolve(model.sourcePath).path] ?? "",
                                                              statistics: statistics), ceilings: nil)
            } else {
                progress?(ProgressUpdate(completed: i, total: todo.count, message: "noise ceilings · \(metric.shortName)"))
                let ceilings = Comparison.ceilings(brain: brain, metric: metric.metric, splits: stats.ceilingSplits ?? 100,
                                                       seed: stats.seed)
                result = JobResult(key: job.key, index: job.index, metric: metric.label, responses: info, model: nil,
                                   ceilings: ceilings)
            }
            try JSONEncoder.sorted.encode(result).write(to: resultURL(job), options: .atomic)
        }
        progress?(ProgressUpdate(completed: todo.count, total: todo.count, message: "done"))
        return Summary(jobs: mine, computed: todo, cached: cached)
    }

    /// Runs a checkpoint model on its movie, keeping every scored layer's outputs in memory.
    func streamedLayers(_ model: BatchSpec.Model, run: BatchModel.CheckpointRun, responses: ResponseFile,
                        info: CompareResult.Responses) throws -> StreamedLayers {
        let checkpoint = spec.resolve(run.checkpoint)
        var network = try ModelLoader.load(.checkpoint(checkpoint), registryName: run.registryName).network
        let movie = try MovieInput(contentsOf: spec.resolve(run.movie))
        let bins = responses.frameCount * responses.binsPerFrame
        guard movie.frameCount == bins else {
            throw PipelineError.frameMismatch(features: movie.url.path, frames: movie.frameCount, responses: info.path,
                                              responseFrames: bins)
        }
        let extraction = FeatureExtraction(featureProtocol: run.featureProtocol, steps: run.steps,
                                           layers: run.layers ?? network.defaultFeatureLayers)
        return try StreamedLayers(network: &network, model: model.name, source: run.checkpoint, movie: movie,
                                  extraction: extraction)
    }

    func resultURL(_ job: BatchJob) -> URL { jobsDirectory.appendingPathComponent("\(job.key).json") }

    /// The responses of the spec: response files and NWB sessions pooled into one pseudo-population.
    func loadResponses(digests: [String: String]) throws -> (ResponseFile, CompareResult.Responses) {
        var files = try spec.responses.map { try ResponseFile.read(from: spec.resolve($0)) }
        if !spec.sessions.isEmpty {
            files.insert(try ResponseFile.studyDefaults(sessions: spec.sessions.map { ($0, spec.resolve($0)) },
                                                        stimulus: spec.stimulus, areas: spec.areas, digests: digests,
                                                        producer: version), at: 0)
        }
        guard var merged = files.first else { throw PipelineError.invalidSpec(file: spec.file, line: nil, key: "sessions", reason: "no responses") }
        for other in files.dropFirst() {
            guard other.frameCount == merged.frameCount, other.stimulus == merged.stimulus else {
                throw PipelineError.frameMismatch(features: "responses", frames: other.frameCount,
                                                  responses: "the first responses", responseFrames: merged.frameCount)
            }
            for area in other.areas {
                if let i = merged.areas.firstIndex(where: { $0.name == area.name }) {
                    let a = merged.areas[i]
                    merged.areas[i] = .init(name: a.name, unitIDs: a.unitIDs + area.unitIDs,
                                            sessionIndex: a.sessionIndex + area.sessionIndex,
                                            counts: NDArray(shape: [a.unitIDs.count + area.unitIDs.count, a.counts.shape[1]],
                                                            scalars: a.counts.scalars + area.counts.scalars), trials: nil)
                } else {
                    merged.areas.append(area)
                }
            }
        }
        let paths = spec.sessions + spec.responses
        return (merged, .init(path: paths.joined(separator: ","),
                              sha256: paths.map { digests[spec.resolve($0).path] ?? "" }.joined(separator: ","),
                              stimulus: merged.stimulus, frames: merged.frameCount, repeats: merged.repeatCount))
    }
}

/// A finished job as stored in `jobs/<key>.json`.
public struct JobResult: Sendable, Codable {
    public var key: String
    public var index: Int
    /// The metric's label.
    public var metric: String
    public var responses: CompareResult.Responses
    /// The model's scores (nil for a ceiling job).
    public var model: CompareResult.Model?
    /// The areas' noise ceilings (ceiling jobs only).
    public var ceilings: [AreaCeiling]?
}
