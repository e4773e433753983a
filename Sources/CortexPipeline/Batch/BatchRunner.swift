import CortexIO
import CortexModels
import CortexNWB
import CortexNumerics
import CortexRuntime
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
        try BatchJob.expand(spec, metrics: metrics, digests: try digests())
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
        let jobs = try BatchJob.expand(spec, metrics: metrics, digests: digests)
        try FileManager.default.createDirectory(at: jobsDirectory, withIntermediateDirectories: true)
        let mine = jobs.filter { shard.contains($0) }
        // A cached result counts only if it decodes and belongs to its job: a truncated or damaged
        // entry is computed again (and replaced), never trusted.
        let cached = mine.filter { JobResult.valid(at: resultURL($0), key: $0.key) }
        let todo = mine.filter { !cached.contains($0) }
        guard !todo.isEmpty else { return Summary(jobs: mine, computed: [], cached: cached) }
        // Jobs of one model run next to each other, so its network runs once for every response set.
        let modelOrder = Dictionary(spec.models.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let ordered = todo.sorted {
            ($0.model.flatMap { modelOrder[$0.name] } ?? Int.max, $0.index) < ($1.model.flatMap { modelOrder[$0.name] } ?? Int.max, $1.index)
        }
        var brains: [Int: BrainResponses] = [:]
        var kept: (model: BatchSpec.Model, layers: StreamedLayers, training: ModelTraining)?
        for (i, job) in ordered.enumerated() {
            let metric = metrics[job.metricIndex]
            let plan = ComparisonPlan(metric: metric, statistics: spec.statistics, budget: spec.budget)
            let brain = try self.brain(job.responseSet, cache: &brains, digests: digests)
            let setNote = spec.namesResponseSets ? " · \(spec.responseSets[job.responseSet].label)" : ""
            let result: JobResult
            if let model = job.model {
                progress?(ProgressUpdate(completed: i, total: todo.count, message: "\(model.name) · \(metric.shortName)\(setNote)"))
                let sources = model.inputSources { digests[spec.resolve($0).path] }
                var scored: CompareResult.Model
                let rdms: [FrameRDM]
                switch model.source {
                case .features(let path):
                    let features = try FeatureFile(url: spec.resolve(path))
                    scored = try plan.scores(features: features, name: model.name,
                                             source: model.sourcePath, sources: sources, against: brain)
                    rdms = try plan.frameRDMs(features: features, scores: scored.scores, brain: brain)
                case .checkpoint(let run):
                    // The network runs once per model: its kept outputs serve every metric's and set's job.
                    if kept?.model != model {
                        kept = nil
                        let (layers, training) = try streamedLayers(model, run: run, plan: plan, brain: brain)
                        kept = (model, layers, training)
                    }
                    scored = try plan.scores(layers: kept!.layers, name: model.name, source: model.sourcePath,
                                             sources: sources, against: brain)
                    scored.scores.training = kept!.training
                    rdms = try plan.frameRDMs(layers: kept!.layers, scores: scored.scores, brain: brain)
                    if let options = spec.interventions {
                        scored.interventions = try interventions(options, run: run, plan: plan, brain: brain, unaltered: scored,
                                                                 layers: kept!.layers)
                    }
                }
                var modelResult = JobResult(key: job.key, index: job.index, metric: metric.label, responses: brain.provenance,
                                            model: scored, ceilings: nil)
                if !rdms.isEmpty { modelResult.rdms = try writeRDMs(rdms, key: job.key) }
                result = modelResult
            } else if let paired = job.pairedSet {
                let second = try self.brain(paired, cache: &brains, digests: digests)
                progress?(ProgressUpdate(completed: i, total: todo.count,
                                         message: "\(spec.responseSets[paired].label) vs \(spec.responseSets[job.responseSet].label) · \(metric.shortName)"))
                var pair = JobResult(key: job.key, index: job.index, metric: metric.label, responses: brain.provenance,
                                     model: nil, ceilings: nil)
                pair.responseSets = try plan.scores(second, against: brain)
                result = pair
            } else {
                progress?(ProgressUpdate(completed: i, total: todo.count, message: "noise ceilings · \(metric.shortName)\(setNote)"))
                result = JobResult(key: job.key, index: job.index, metric: metric.label, responses: brain.provenance,
                                   model: nil, ceilings: plan.ceilings(of: brain))
            }
            try JSONEncoder.sorted.encode(result).write(to: resultURL(job), options: .atomic)
        }
        progress?(ProgressUpdate(completed: todo.count, total: todo.count, message: "done"))
        return Summary(jobs: mine, computed: todo, cached: cached)
    }

    /// Runs a checkpoint model on its movie, keeping every scored layer's outputs in memory.
    func streamedLayers(_ model: BatchSpec.Model, run: BatchModel.CheckpointRun, plan: ComparisonPlan,
                        brain: BrainResponses) throws -> (StreamedLayers, ModelTraining) {
        let loaded = try ModelLoader.loadAnyFamily(.checkpoint(spec.resolve(run.checkpoint)), registryName: run.registryName)
        var network = loaded.network
        var extraction = FeatureExtraction(featureProtocol: run.featureProtocol ?? loaded.recordedProtocol ?? .video, steps: run.steps,
                                           layers: run.layers ?? network.defaultFeatureLayers)
        extraction.inputNormalization = loaded.inputNormalization
        return (try plan.streamedLayers(network: &network, name: model.name, source: run.checkpoint,
                                        movie: try MovieInput(contentsOf: spec.resolve(run.movie)), extraction: extraction,
                                        against: brain), ModelTraining(loaded))
    }

    func resultURL(_ job: BatchJob) -> URL { jobsDirectory.appendingPathComponent("\(job.key).json") }

    /// Writes a job's RDMs into `jobs/<key>.rdms/` (each file atomically) before its result marks
    /// the job finished.
    func writeRDMs(_ rdms: [FrameRDM], key: String) throws -> [FrameRDM.Entry] {
        let folder = JobResult.rdmDirectory(jobs: jobsDirectory, key: key)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var written = Set<String>()
        for rdm in rdms where written.insert(rdm.entry.file).inserted {
            try NPYFile.write(rdm.array, to: folder.appendingPathComponent(rdm.entry.file))
        }
        return rdms.map(\.entry)
    }

    /// One response set of the spec (its NWB sessions and response files pooled into one
    /// pseudo-population, ``BrainResponses/load(sessions:responseFiles:stimulus:areas:digests:producer:)``),
    /// its provenance carrying the set's name when the spec names its sets.
    func loadResponses(set index: Int, digests: [String: String]) throws -> BrainResponses {
        let set = spec.responseSets[index]
        var brain = try BrainResponses.load(sessions: set.sessions.map { ($0, spec.resolve($0)) },
                                            responseFiles: set.files.map { ($0, spec.resolve($0)) },
                                            stimulus: spec.stimulus, areas: spec.areas, digests: digests, producer: version)
        brain.provenance.name = set.name
        return brain
    }

    /// `loadResponses(set:digests:)` through a cache.
    func brain(_ index: Int, cache: inout [Int: BrainResponses], digests: [String: String]) throws -> BrainResponses {
        if let loaded = cache[index] { return loaded }
        let loaded = try loadResponses(set: index, digests: digests)
        cache[index] = loaded
        return loaded
    }
}
