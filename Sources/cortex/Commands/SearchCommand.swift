import ArgumentParser
import CortexKit
import Foundation

/// `cortex search`: evolutionary search over T, threshold, τ, width and depth, accuracy against energy.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Evolutionary architecture search (T, threshold, τ, width, depth) trading test accuracy against energy (resumable).",
        discussion: """
        Every candidate trains as a run of 'cortex train' under <folder>/candidates/<key>/ with the base options, \
        its accuracy the test accuracy after the last epoch, its energy E the synaptic-operation monitor's pJ per \
        test example (0.9 pJ per accumulate, 4.6 pJ per multiply-accumulate). Fitness F = accuracy · (E / 1 µJ)^(−w), \
        w = --energy-weight. Generation 0 is drawn at random; later ones keep the top quarter of all candidates so \
        far and mutate (each gene redrawn with probability 0.2) or cross them over. Deterministic given --seed; \
        --resume continues after a kill. candidates.csv holds every candidate, best first.
        """)

    @Option(help: "Base model (a registry name; its architecture and input are kept). For a spiking transformer, --widths are embedding dimensions and --depths block counts (defaults 16,32 and 1,2; threshold 1 and τ 2 fixed).")
    var model: String?

    @Option(help: "image, video or video-discontinuous. (default: video)")
    var task: TaskChoice?

    @Option(help: "Candidates per generation. (default: 8)")
    var population: Int?

    @Option(help: "Generations. (default: 3)")
    var generations: Int?

    @Option(name: .customLong("energy-weight"), help: "w in F = accuracy · (E/E₀)^(−w); 0 ranks by accuracy. (default: 0.1)")
    var energyWeight: Double?

    @Option(name: .customLong("T-values"), help: "Comma-separated time steps to search. (default: 2,4,6)")
    var stepValues: String?

    @Option(help: "Comma-separated thresholds. (default: 1,1.5,2)")
    var thresholds: String?

    @Option(help: "Comma-separated LIF time constants τ ≥ 1. (default: 1.25,2,10)")
    var taus: String?

    @Option(help: "Comma-separated base widths. (default: 4,8)")
    var widths: String?

    @Option(help: "Comma-separated depths, 18 and/or 34. (default: 18,34)")
    var depths: String?

    @Option(help: "Epochs per candidate. (default: 1)")
    var epochs: Int?

    @Option(help: "Examples per batch. (default: 16)")
    var batch: Int?

    @Option(help: "Training examples per epoch. (default: 1024)")
    var trainExamples: Int?

    @Option(help: "Test examples (accuracy). (default: 256)")
    var testExamples: Int?

    @Option(help: "Peak learning rate. (default: 0.001, AdamW)")
    var lr: Double?

    @Option(help: "Seed of the search and of every candidate's run. (default: 0)")
    var seed: UInt64?

    @Option(help: "Movie for the video task. (default: datasets/demo-movie.npy)")
    var movie: String?

    @Option(help: "Folder of the Fashion-MNIST .gz files. (default: \(FashionMNIST.defaultDirectory.path))")
    var fashionMnist: String?

    @Option(help: "Continue the search in this folder.")
    var resume: String?

    @Option(name: .shortAndLong, help: "Search folder to create (new or empty).")
    var output: String?

    @Flag(help: "Replace a search already in the -o folder.")
    var force = false

    func validate() throws {
        if resume == nil && (model == nil || output == nil) { throw ValidationError("give --model and -o, or --resume") }
        if resume != nil && (output != nil || model != nil) { throw ValidationError("--resume continues its stored search; drop --model and -o") }
        if let population, population < 2 { throw ValidationError("--population must be at least 2") }
        if let generations, generations < 1 { throw ValidationError("--generations must be positive") }
        if let energyWeight, !(energyWeight.isFinite && energyWeight >= 0) { throw ValidationError("--energy-weight must be a number ≥ 0") }
        _ = try space()
    }

    /// A comma-separated list of numbers.
    static func list<T: LosslessStringConvertible>(_ text: String?, _ flag: String, default value: [T]) throws -> [T] {
        guard let text else { return value }
        let parts = text.split(separator: ",").map { T(String($0).trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { throw ValidationError("\(flag) takes comma-separated numbers, got '\(text)'") }
        return parts.compactMap { $0 }
    }

    /// The search space from the flags, with the family's defaults (a spiking transformer's:
    /// ``SearchSpace/transformers(steps:widths:blocks:)``).
    func space() throws -> SearchSpace {
        let transformer = model.flatMap(TransformerRegistry.configuration(named:))
        let d = transformer == nil ? SearchSpace() : SearchSpace.transformers()
        let space = SearchSpace(steps: try Self.list(stepValues, "--T-values", default: d.steps),
                                thresholds: try Self.list(thresholds, "--thresholds", default: d.thresholds),
                                taus: try Self.list(taus, "--taus", default: d.taus),
                                widths: try Self.list(widths, "--widths", default: d.widths),
                                depths: try Self.list(depths, "--depths", default: d.depths))
        guard space.isValid(for: transformer) else {
            guard let transformer else {
                throw ValidationError("search values out of range: T ≥ 1, thresholds > 0, taus ≥ 1, widths 1–256, depths 18 or 34")
            }
            throw ValidationError("search values out of range for \(model!): T ≥ 1, widths (embedding D) multiples of 8 and of its "
                                  + "\(transformer.heads) heads, depths (blocks) 1–64; thresholds 1 and taus 2 only (its LIF neurons have no other constants)")
        }
        return space
    }

    func run() throws {
        let search: ArchitectureSearch
        if let resume {
            search = try CommandLineFailure.wrapping {
                try ArchitectureSearch(resuming: URL(fileURLWithPath: resume)) { try TrainingData.task(for: $0) }
            }
        } else {
            var base: TrainingOptions
            if var transformer = TransformerRegistry.configuration(named: model!) {
                transformer.classes = 10
                base = TrainingOptions(modelName: model!, transformer: transformer, task: task ?? .video)
            } else {
                var configuration: ModelConfiguration
                do {
                    configuration = try ModelLoader.configuration(registryName: model!).configuration
                } catch {
                    throw CommandLineFailure(ModelLoading.message(error))
                }
                configuration.classes = 10
                base = TrainingOptions(modelName: model!, configuration: configuration, task: task ?? .video)
            }
            base.epochs = epochs ?? 1
            base.batchSize = batch ?? 16
            base.learningRate = lr ?? 1e-3
            base.optimizer = .adamw
            base.seed = seed ?? 0
            base.trainExamples = trainExamples ?? 1024
            base.testExamples = testExamples ?? 256
            if let movie { base.moviePath = movie }
            if let fashionMnist { base.fashionMNISTPath = fashionMnist }
            var options = SearchOptions(base: base, space: try space())
            if let population { options.population = population }
            if let generations { options.generations = generations }
            if let energyWeight { options.energyWeight = energyWeight }
            let task = try CommandLineFailure.wrapping { try TrainingData.task(for: base) }
            search = try CommandLineFailure.wrapping {
                try ArchitectureSearch(directory: URL(fileURLWithPath: output!), options: options, task: task, replacing: force)
            }
        }
        let progress = ProgressDisplay(label: "search")
        let results: [ArchitectureSearch.Result]
        do {
            results = try search.run { g, candidate, p in
                progress.show(ProgressUpdate(completed: p.epoch * p.batches + p.batch, total: p.epochs * p.batches,
                                             message: "generation \(g + 1)/\(search.options.generations) \(candidate)"))
            } ?? []
        } catch {
            progress.close()
            throw CommandLineFailure(String(describing: error))
        }
        progress.close()
        print("fitness F = accuracy · (E / 1 µJ)^(−\(search.options.energyWeight)), E = pJ per test example")
        print("rank  candidate                      gen  accuracy  energy (nJ/example)  fitness")
        for (i, r) in results.enumerated() {
            print(String(format: "%4d  %@  %3d  %7.1f %%  %19.2f  %7.4f", i + 1,
                         r.candidate.description.padding(toLength: 29, withPad: " ", startingAt: 0), r.generation,
                         100 * r.accuracy, r.energy / 1000, r.fitness))
        }
        print("table: \(search.directory.appendingPathComponent(ArchitectureSearch.tableFile).path)")
    }
}
