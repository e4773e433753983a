import ArgumentParser
import CortexKit
import Foundation


/// `cortex compare`: every layer of one or more models against every area — the layers × areas
/// table, best layer per area, mean over areas — as JSON and optionally an HTML/Markdown report.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Score model layers against brain areas: layers × areas table, best layer per area, mean.",
        discussion: """
            Brain responses come from a response file (cortex responses) or straight from NWB sessions \
            (--nwb, counted with the study's defaults). Model features come from feature files \
            (frames × units per layer), or straight from a network watching a movie (--checkpoint with \
            --movie, and the options of 'cortex features'): no feature file is written, the layer outputs \
            are kept in memory in a lossless compact encoding (1-8 bits per unit for spiking layers, \
            32 for a layer of more than 256 distinct values) and scored exactly as from a file. \
            Give --features or --checkpoint several times to compare models side by side. \
            With --checkpoint, TSRSA, RSA and CKA accumulate their Gram matrices from the kept outputs; \
            SVCCA, PWCCA, Procrustes, ridge and the statistics (--permutations, --bootstrap) hold one \
            layer as float64 while it is scored. The memory needed is checked against --memory-budget \
            before the network runs and after every chunk of frames.
            """)

    @Option(help: "Response file written by `cortex responses`.")
    var responses: String?

    @Option(help: "NWB session(s) to build responses from on the fly (instead of --responses).")
    var nwb: [String] = []

    @Option(help: "Stimulus for --nwb.")
    var stimulus = "natural_movie_one"

    @Option(name: .customLong("features"),
            help: "Feature file of a model, optionally labelled NAME=PATH (repeat for several models).")
    var featureArguments: [String] = []

    @Option(name: .customLong("checkpoint"),
            help: "A model checkpoint (safetensors, or 'random' with --model) to run on --movie, optionally labelled NAME=PATH (repeat for several models).")
    var checkpointArguments: [String] = []

    /// `--features` as (label, path) pairs.
    var featureFiles: [LabelledPath] { featureArguments.map(LabelledPath.init(argument:)) }
    /// `--checkpoint` as (label, path) pairs.
    var checkpoints: [LabelledPath] { checkpointArguments.map(LabelledPath.init(argument:)) }

    @Option(help: "The movie for --checkpoint: a .npy of uint8 frames × H × W (float32 frames × C × H × W with --as-is).")
    var movie: String?

    @Option(help: "Model name for --checkpoint (see 'cortex models'); optional when a checkpoint records its configuration.")
    var model: String?

    @Option(help: "Seed of random weights (--checkpoint random).")
    var weightsSeed: UInt64 = 0

    @OptionGroup(title: "Model options (--checkpoint)")
    var extraction: ExtractionOptions

    @OptionGroup(title: "Model overrides (--checkpoint)")
    var overrides: ModelOverrides

    @OptionGroup(title: "Temporal interventions (--checkpoint)")
    var interventions: InterventionArguments

    @Option(help: "Memory the kept layer outputs and scoring of one --checkpoint model may use (e.g. 1G, 512M).")
    var memoryBudget: MemoryBudget = .standard

    @Flag(help: "Print each --checkpoint model's forward-pass and similarity times and memory on stderr.")
    var verbose = false

    @Option(help: "Comma-separated areas (default: every area in the responses).")
    var areas: String?

    @Option(help: "Metric: \(MetricChoice.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var metric: MetricChoice.Kind = .tsrsa

    @OptionGroup(title: "Metric options")
    var options: MetricOptions

    @Option(help: "Noise ceiling per area with this many random splits (the study: 100).")
    var ceilingSplits: Int?

    @Option(help: "Noise ceiling method: trial-bounds (default: lower = half of the repeats vs the other half, upper = half vs the grand mean, the ceiling; falls back to neurons, named, without trials), trials (split-half repeats, Spearman–Brown) or neurons (split-half neurons, the study's). Implies a ceiling.")
    var ceilingMethod: CeilingMethod?

    @Option(help: "Standard error of the ceiling over splits: ddof1 (sample SD) or ddof0 (the study's np.std).")
    var ceilingSem: CeilingStandardError = .ddof1

    @Option(help: "Smallest circular shift of the permutations in frames (default: min(30, compared frames / 4)).")
    var minShift: Int?

    @Option(help: "Circular-shift permutations for a p-value of each area's best layer (0 = none).")
    var permutations: Int = 0

    @Option(help: "Bootstrap resamples for a confidence interval of each area's best layer (0 = none).")
    var bootstrap: Int = 0

    @Option(name: .customLong("ci-method"), help: "How intervals are read off the bootstrap replicates: bca (default; jackknife acceleration), percentile, basic or bc (bias-corrected).")
    var ciMethod: BootstrapIntervalMethod = StatisticsOptions.defaultInterval

    @Option(help: "What the bootstrap resamples: frames (moving blocks, the default) or neurons.")
    var resample: IntervalResampling = .frames

    @Option(help: "Frames per block of the frame bootstrap (default: min(30, compared frames / 10)).")
    var blockLength: Int?

    @Option(help: "Statistics seed: ceiling splits, permutations and bootstrap (per area, from this seed and the area's name).")
    var seed: UInt64 = StatisticsOptions.defaultSeed

    @OptionGroup(title: "Layer selection and model comparison (with --permutations or --bootstrap)")
    var selection: SelectionOptions

    @Flag(help: "Print the result JSON on stdout instead of the table.")
    var json = false

    @Option(name: .shortAndLong, help: "Write the result JSON here.")
    var output: String?

    @Option(help: "Also write report.html, report.md and figures into this folder.")
    var report: String?

    @Option(help: "With --report: lay the figure files out for a journal page: single (89 mm), double (183 mm) or WxH in mm.")
    var figureSize: String?

    func validate() throws {
        if (responses == nil) == nwb.isEmpty { throw ValidationError("give either --responses or --nwb") }
        if let figureSize, FigureSize(parsing: figureSize) == nil {
            throw ValidationError("--figure-size must be single, double, W or WxH in millimetres (30–500), got \(figureSize)")
        }
        try options.check(for: metric)
        if featureFiles.isEmpty && checkpoints.isEmpty {
            throw ValidationError("give at least one --features file or --checkpoint (with --movie)")
        }
        if !checkpoints.isEmpty && movie == nil { throw ValidationError("--checkpoint needs --movie") }
        if checkpoints.isEmpty && movie != nil { throw ValidationError("--movie is only used with --checkpoint") }
        if !interventions.spellings.isEmpty && checkpoints.isEmpty {
            throw ValidationError("--intervention re-runs a network on the movie: give --checkpoint models (feature files cannot watch it again)")
        }
        do { try OptionLimits.validate(statistics) } catch { throw ValidationError(error.description) }
        if let blockLength, blockLength < 1 { throw ValidationError("--block-length must be ≥ 1, got \(blockLength)") }
    }

    /// The comparison's statistics as the plan carries them.
    var statistics: StatisticsOptions {
        let ceiling = (ceilingSplits != nil || ceilingMethod != nil)
            ? CeilingOptions(method: ceilingMethod, splits: ceilingSplits ?? CeilingOptions.defaultSplits, standardError: ceilingSem)
            : nil
        var options = StatisticsOptions(ceiling: ceiling, permutations: permutations, bootstrap: bootstrap,
                                        interval: ciMethod == StatisticsOptions.defaultInterval ? nil : ciMethod,
                                        minimumShift: minShift, seed: seed)
        options.resampling = resample == .frames ? nil : resample
        options.blockLength = blockLength
        selection.apply(to: &options)
        return options
    }

    /// Every file the comparison reads.
    var inputs: [URL] {
        (nwb + (responses.map { [$0] } ?? []) + featureFiles.map(\.path) + checkpoints.map(\.path).filter { $0 != "random" }
            + (movie.map { [$0] } ?? []))
            .map { URL(fileURLWithPath: $0) }
    }

    func run() throws {
        try CommandLineFailure.wrapping {
            if let output { try OutputGuard.check(output: URL(fileURLWithPath: output), inputs: inputs) }
            if let report { try OutputGuard.check(output: URL(fileURLWithPath: report), inputs: inputs, isDirectory: true) }
        }
        let plan = ComparisonPlan(metric: options.choice(metric).entry, statistics: statistics, budget: memoryBudget)
        let wantedAreas = areas?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let progress = ProgressDisplay(label: "layers")
        defer { progress.close() }
        var rdms: [(name: String, rdms: [FrameRDM])] = []
        let result = try CommandLineFailure.wrapping(hintFlags: options.hintFlags(metric)) { () throws -> CompareResult in
            let brain = try BrainResponses.load(sessions: nwb.map { ($0, URL(fileURLWithPath: $0)) },
                                                responseFiles: responses.map { [($0, URL(fileURLWithPath: $0))] } ?? [],
                                                stimulus: stimulus, areas: wantedAreas,
                                                producer: "CortexKit \(CortexKitVersion.string)")
            var models: [CompareResult.Model] = []
            let files = try featureFiles.map { ($0, try FeatureFile(url: URL(fileURLWithPath: $0.path))) }
            try LabelledPath.checkUnique(files.map { $0.0.label ?? $0.1.model } + checkpoints.compactMap(\.label))
            for (entry, file) in files {
                let model = try plan.scores(features: file, name: entry.label, source: entry.path, against: brain,
                                            progress: progress.handler)
                models.append(model)
                // The report exports the frame RDMs of the areas and of each area's best layer.
                if report != nil { rdms.append((model.scores.model, try plan.frameRDMs(features: file, scores: model.scores, brain: brain))) }
            }
            if let movie, !checkpoints.isEmpty {
                let frames = try MovieInput(contentsOf: URL(fileURLWithPath: movie), asIs: extraction.asIs)
                for entry in checkpoints {
                    let (model, modelRDMs) = try streamedModel(entry.path, label: entry.label, movie: frames, plan: plan, brain: brain,
                                                               progress: progress)
                    models.append(model)
                    rdms.append((model.scores.model, modelRDMs))
                }
            }
            try LabelledPath.checkUnique(models.map(\.scores.model))
            return plan.result(responses: brain, models: models, ceilings: plan.ceilings(of: brain),
                               version: CortexKitVersion.string, command: CommandLine.arguments)
        }
        let data = try result.jsonData()
        if let output { try CommandLineFailure.wrapping { try data.write(to: URL(fileURLWithPath: output), options: .atomic) } }
        if let report {
            _ = try CommandLineFailure.wrapping {
                try ReportDirectoryWriter(directory: report, figureSize: figureSize.flatMap(FigureSize.init(parsing:)))
                    .write(ComparisonReport.document(result))
                // rdms/ with index.csv, as batch reports have (TSRSA only).
                try BatchReport.writeRDMs(BatchReport.rdmFiles(models: rdms, metric: plan.metric), to: URL(fileURLWithPath: report))
            }
        }
        if json {
            print(String(decoding: data, as: UTF8.self))
        } else {
            printTable(result)
        }
    }

    /// One --checkpoint model: forward pass on the movie into memory, then the scores.
    func streamedModel(_ path: String, label: String?, movie: MovieInput, plan: ComparisonPlan, brain: BrainResponses,
                       progress: ProgressDisplay) throws -> (CompareResult.Model, [FrameRDM]) {
        let loaded = try ModelLoading.loadAnyFamily(modelName: model, checkpoint: path, seed: weightsSeed, overrides: overrides,
                                           asIsMovie: extraction.asIs ? movie : nil)
        var network = loaded.network
        let name = label ?? loaded.name
        let run = try extraction.extraction(for: loaded)
        if verbose {
            let line = "\(name): protocol \(FeatureFile.protocolLabel(run))\(extraction.resolvedProtocol(for: loaded).note)\n"
            printToStandardError(line)
        }
        let frames = ProgressDisplay(label: "\(name) frames")
        let layers: StreamedLayers
        do {
            defer { frames.close() }
            layers = try plan.streamedLayers(network: &network, name: name, source: path, movie: movie, extraction: run,
                                             against: brain, forwardProgress: frames.handler)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let weights = try InputSource.weights(ModelLoading.source(checkpoint: path, weightsSeed: weightsSeed), path: path)
        var scored = try plan.scores(layers: layers, sources: [weights, try .file(.movie, path: movie.url.path, url: movie.url)],
                                     against: brain, progress: progress.handler)
        scored.scores.training = ModelTraining(loaded)
        if let options = interventions.value {
            let runs = ProgressDisplay(label: "\(name) interventions")
            defer { runs.close() }
            scored.interventions = try plan.interventions(options, network: &network, unaltered: scored, layers: layers,
                                                          movie: movie, extraction: run, against: brain,
                                                          progress: runs.handler)
        }
        if verbose {
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let line = String(format: "%@: forward %.2f s (%d frames, %d layers, %@ kept), similarity and statistics %.2f s\n", name,
                              layers.forwardSeconds, layers.frameCount, layers.layers.count,
                              MemoryBudget.format(layers.keptBytes), seconds)
            printToStandardError(line)
        }
        return (scored, report == nil ? [] : try plan.frameRDMs(layers: layers, scores: scored.scores, brain: brain))
    }

    /// The table for people. Every line passes through ``TerminalText/clean(_:)``: model, layer and
    /// area names come from files and may hold control characters.
    func printTable(_ result: CompareResult) {
        func show(_ line: String) { print(TerminalText.clean(line)) }
        show("metric: \(result.metric)")
        if let units = result.responses.units {
            let word = result.responses.responseSignal.isTwoPhoton ? "ROIs" : "units"
            show("\(word) per area: " + units.map { "\($0.area) \($0.units)" }.joined(separator: ", "))
        }
        if let ceilings = result.ceilings {
            for line in CeilingText.lines(ceilings) { show(line) }
        }
        for model in result.models {
            let s = model.scores
            show("")
            show("\(s.model)  (\(s.source))")
            let width = max(8, (s.layers.map(\.name.count).max() ?? 0) + 2)
            show("layer".padding(toLength: width, withPad: " ", startingAt: 0)
                  + s.areas.map { $0.padding(toLength: 8, withPad: " ", startingAt: 0) }.joined())
            for (l, layer) in s.layers.enumerated() {
                show(layer.name.padding(toLength: width, withPad: " ", startingAt: 0)
                      + s.scores[l].map { String(format: "%-8.3f", $0) }.joined())
            }
            let best = model.best.map { "\($0.area) \($0.layer ?? "–") \($0.score.map { String(format: "%.3f", $0) } ?? "–")" }
            show("best layer per area: " + best.joined(separator: ", "))
            if let ceilings = result.ceilings, let line = CeilingText.percentLine(model, ceilings: ceilings) { show(line) }
            let missing = model.best.filter { $0.score == nil }.map(\.area)
            show("mean over areas: " + (model.meanOverAreas.map { String(format: "%.3f", $0) } ?? "–")
                  + (missing.isEmpty ? "" : " (no finite score in \(missing.joined(separator: ", ")): the mean is undefined)"))
            if let energy = model.scores.energy { show(FeaturesCommand.energyLine(energy)) }
            for line in InterventionLines.lines(model) { show(line) }
            for c in model.controls ?? [] {
                var parts: [String] = []
                if let control = c.control { parts.append(String(format: "control (frames shuffled, seed %llu) %.3f", c.seed, control)) }
                if let kx = c.kX, let ky = c.kY, let n = c.n { parts.append("k_x \(kx), k_y \(ky), n \(n)") }
                if !parts.isEmpty { show("  \(c.area) \(c.layer): " + parts.joined(separator: ", ")) }
                if let warning = c.warning {
                    printToStandardError("cortex: warning: \(s.model) \(c.area) \(c.layer): \(warning)\n")
                }
            }
            for st in model.statistics ?? [] {
                var parts: [String] = []
                if let p = st.pValue { parts.append(String(format: "p = %.4g (%d circular shifts)", p, st.permutations)) }
                if let lo = st.lower, let hi = st.upper {
                    parts.append(String(format: "%.0f%% CI [%.3f, %.3f]", st.level * 100, lo, hi)
                                 + " (\(st.intervalMethod?.rawValue ?? "?"), \(st.resampling ?? "neurons") resampled)")
                }
                if !parts.isEmpty { show("  \(st.area) \(st.layer): " + parts.joined(separator: ", ")) }
            }
            SelectionOptions.selectionLines(model).forEach(show)
        }
        SelectionOptions.pairedLines(result).forEach(show)
    }
}
