import CortexEngine
import CortexNumerics
import Foundation

/// An evolutionary search over (T, threshold, τ, width, depth) of the base model's family (for a
/// spiking transformer: T, embedding D and blocks, ``SearchSpace/transformers(steps:widths:blocks:)``)
/// (in the spirit of Auto-Spikformer, arXiv 2306.00807), trading test accuracy against the
/// energy the monitors measure (``SearchOptions`` states the fitness). Each candidate is an
/// ordinary training run, so the search is resumable at any instant and deterministic given the
/// seed:
///
///     search.json                   the ``SearchOptions``
///     candidates/<key>/             the candidate's ``TrainingRun`` folder (key: `T4-th1.5-tau2-w8-d18`)
///     candidates/<key>/result.json  its accuracy, energy and fitness (written when it is done)
///     candidates.csv                every evaluated candidate, best first (rewritten after each)
///
/// Generation 0 draws `population` candidates uniformly from the space; generation g > 0 keeps
/// the top quarter of everything evaluated so far as parents and fills the population half by
/// mutation (each gene redrawn with the mutation probability, at least one) and half by uniform
/// crossover of two parents. Draws come from `SplittableRandom(seed).derive(stream: g)`, and a
/// generation depends only on the results before it, so a resumed search redraws the same
/// candidates. A candidate met again is not retrained.
public struct ArchitectureSearch {
    public let directory: URL
    public let options: SearchOptions
    public let task: any TrainingTask

    public static let optionsFile = "search.json", tableFile = "candidates.csv", resultFile = "result.json"

    /// A new search (the folder must be new or empty, unless `replacing`).
    public init(directory: URL, options: SearchOptions, task: any TrainingTask, replacing: Bool = false) throws {
        let file = directory.appendingPathComponent(Self.optionsFile)
        do { try options.base.validate() } catch { throw TrainingError.invalidOptions(file: file.path, error) }
        guard options.space.isValid(for: options.base.transformer), options.population >= 2, options.generations >= 1,
              options.energyWeight.isFinite, options.energyWeight >= 0 else {
            throw TrainingError.badRunFolder(path: directory.path,
                                             reason: "a search needs a valid space, population ≥ 2, generations ≥ 1 and an energy weight ≥ 0")
        }
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        if !existing.isEmpty {
            guard replacing else { throw TrainingError.runFolderNotEmpty(path: directory.path, entries: existing.sorted()) }
            try FileManager.default.removeItem(at: directory)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try RunFolder.atomicWrite(try encoder.encode(options), to: file)
        self.directory = directory
        self.options = options
        self.task = task
    }

    /// The search stored in `directory`.
    public init(resuming directory: URL, task: (TrainingOptions) throws -> any TrainingTask) throws {
        let file = directory.appendingPathComponent(Self.optionsFile)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw TrainingError.badRunFolder(path: directory.path, reason: "no \(Self.optionsFile) (not a search folder)")
        }
        do { options = try JSONDecoder().decode(SearchOptions.self, from: data) } catch {
            throw TrainingError.unreadableFile(file: file.path, reason: TrainingRun<SpikingResNet>.reason(error))
        }
        self.directory = directory
        self.task = try task(options.base)
    }

    /// What a finished candidate scored.
    public struct Result: Sendable, Hashable, Codable {
        public var candidate: SearchCandidate
        public var accuracy: Double
        /// pJ per test example (all T steps).
        public var energy: Double
        public var fitness: Double
        /// The generation that first drew it.
        public var generation: Int
    }

    func folder(_ c: SearchCandidate) -> URL {
        directory.appendingPathComponent("candidates", isDirectory: true).appendingPathComponent(c.description, isDirectory: true)
    }

    /// The stored result of a candidate, if it finished.
    func stored(_ c: SearchCandidate) -> Result? {
        FileManager.default.contents(atPath: folder(c).appendingPathComponent(Self.resultFile).path)
            .flatMap { try? JSONDecoder().decode(Result.self, from: $0) }
    }

    /// Runs (or continues) every generation; `progress` receives the generation, the candidate and its run's progress.
    /// - Parameter stopAfterBatches: stop as if killed after this many training batches (tests).
    /// - Returns: every result, best first; `nil` when stopped by `stopAfterBatches`.
    public func run(stopAfterBatches: Int? = nil,
                    progress: (Int, SearchCandidate, TrainingProgress) -> Void = { _, _, _ in }) throws -> [Result]? {
        var results: [String: Result] = [:]
        var budget = stopAfterBatches
        for g in 0..<options.generations {
            for candidate in generation(g, after: Array(results.values)) {
                if results[candidate.description] != nil { continue }
                if let done = stored(candidate) {
                    results[candidate.description] = done
                    continue
                }
                let trained: (accuracy: Double, energy: Double)?
                switch options.base.transformer?.architecture {
                case nil:
                    trained = try train(candidate, generation: g, budget: &budget, progress: progress) {
                        SpikingResNet(configuration: $0.configuration, rng: &$1)
                    }
                case .spikformer?:
                    trained = try train(candidate, generation: g, budget: &budget, progress: progress) {
                        Spikformer(configuration: $0.transformer!, rng: &$1)
                    }
                case .spikeDrivenTransformer?:
                    trained = try train(candidate, generation: g, budget: &budget, progress: progress) {
                        SpikeDrivenTransformer(configuration: $0.transformer!, rng: &$1)
                    }
                }
                guard let (accuracy, energy) = trained else { return nil }
                let folder = self.folder(candidate)
                let result = Result(candidate: candidate, accuracy: accuracy, energy: energy,
                                    fitness: options.fitness(accuracy: accuracy, energy: energy), generation: g)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try RunFolder.atomicWrite(try encoder.encode(result), to: folder.appendingPathComponent(Self.resultFile))
                results[candidate.description] = result
                try RunFolder.atomicWrite(table(Array(results.values)), to: directory.appendingPathComponent(Self.tableFile))
            }
        }
        let ranked = Self.ranked(Array(results.values))
        try RunFolder.atomicWrite(table(ranked), to: directory.appendingPathComponent(Self.tableFile))
        return ranked
    }

    /// Trains (or continues) a candidate's run of the network `network` builds: its test accuracy
    /// and energy, or nil when stopped by the batch budget (decreased by the batches run).
    func train<N: RecordableNetwork>(_ candidate: SearchCandidate, generation g: Int, budget: inout Int?,
                                     progress: (Int, SearchCandidate, TrainingProgress) -> Void,
                                     network: @escaping TrainingRun<N>.NetworkBuilder) throws -> (accuracy: Double, energy: Double)? {
        let folder = self.folder(candidate)
        var run: TrainingRun<N>
        if FileManager.default.fileExists(atPath: RunFolder(folder).options.path) {
            run = try TrainingRun(resuming: folder, task: task, network: network)
        } else {
            run = try TrainingRun(directory: folder, options: candidate.options(base: options.base), task: task, replacing: true,
                                  network: network)
        }
        var batches = 0
        let finished = try run.train(stopAfterBatches: budget, progress: { batches += 1; progress(g, candidate, $0) })
        if !finished { return nil }
        if let b = budget { budget = b - batches }
        return (run.testAccuracy ?? 0, measureEnergy(run.model, steps: candidate.steps))
    }

    /// Best first: fitness, then the key (so ties are ordered the same every time).
    static func ranked(_ results: [Result]) -> [Result] {
        results.sorted { $0.fitness != $1.fitness ? $0.fitness > $1.fitness : $0.candidate.description < $1.candidate.description }
    }

    /// Generation `g`'s candidates, from the results of the generations before it.
    func generation(_ g: Int, after results: [Result]) -> [SearchCandidate] {
        var rng = SplittableRandom(seed: options.base.seed).derive(stream: 0x7365_6172_6368 &+ UInt64(g))   // "search" + g
        let space = options.space
        func draw<T>(_ values: [T]) -> T { values[rng.uniformInt(below: values.count)] }
        func random() -> SearchCandidate {
            SearchCandidate(steps: draw(space.steps), threshold: draw(space.thresholds), tau: draw(space.taus),
                            baseWidth: draw(space.widths), depth: draw(space.depths))
        }
        guard g > 0, !results.isEmpty else { return (0..<options.population).map { _ in random() } }
        let parents = Array(Self.ranked(results).prefix(max(2, options.population / 4))).map(\.candidate)
        var out: [SearchCandidate] = []
        for i in 0..<options.population {
            if i % 2 == 0 {                                                  // mutation
                var c = draw(parents)
                var changed = false
                while !changed {
                    if rng.uniformDouble() < options.mutationProbability { c.steps = draw(space.steps); changed = true }
                    if rng.uniformDouble() < options.mutationProbability { c.threshold = draw(space.thresholds); changed = true }
                    if rng.uniformDouble() < options.mutationProbability { c.tau = draw(space.taus); changed = true }
                    if rng.uniformDouble() < options.mutationProbability { c.baseWidth = draw(space.widths); changed = true }
                    if rng.uniformDouble() < options.mutationProbability { c.depth = draw(space.depths); changed = true }
                }
                out.append(c)
            } else {                                                         // uniform crossover
                let (a, b) = (draw(parents), draw(parents))
                out.append(SearchCandidate(steps: rng.uniformInt(below: 2) == 0 ? a.steps : b.steps,
                                           threshold: rng.uniformInt(below: 2) == 0 ? a.threshold : b.threshold,
                                           tau: rng.uniformInt(below: 2) == 0 ? a.tau : b.tau,
                                           baseWidth: rng.uniformInt(below: 2) == 0 ? a.baseWidth : b.baseWidth,
                                           depth: rng.uniformInt(below: 2) == 0 ? a.depth : b.depth))
            }
        }
        return out
    }

    /// pJ per example: the SOP monitor over the first ``SearchOptions/energyExamples`` test examples.
    func measureEnergy<N: RecordableNetwork>(_ network: N, steps: Int) -> Double {
        let n = min(options.energyExamples, task.count(.test))
        guard n > 0 else { return 0 }
        var net = network
        var monitor = SynapticOperationMonitor()
        var start = 0
        while start < n {
            let indices = Array(start..<min(n, start + options.base.batchSize))
            let prepared = task.preparedBatch(indices, split: .test, steps: steps, inputShape: net.inputShape)
            var state = net.initialState()
            _ = net.forward(Tensor(shape: prepared.shape, scalars: prepared.values), state: &state, mode: .inference,
                            recording: [], monitor: &monitor, firstStep: 0)
            start += indices.count
        }
        return monitor.totalEnergy() / Double(n)
    }

    /// candidates.csv: key, genes, generation, accuracy, energy (pJ per example), fitness.
    func table(_ results: [Result]) -> Data {
        var lines = ["candidate,steps,threshold,tau,base_width,depth,generation,test_accuracy,energy_pj_per_example,fitness"]
        for r in Self.ranked(results) {
            let c = r.candidate
            lines.append("\(c),\(c.steps),\(c.threshold),\(c.tau),\(c.baseWidth),\(c.depth),\(r.generation),\(r.accuracy),\(r.energy),\(r.fitness)")
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }
}
