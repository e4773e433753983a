import ArgumentParser
import CortexKit
import Foundation

/// `cortex report SPEC.yaml -o DIR`: a batch of comparisons described in YAML, run with caching
/// and shards, assembled into report.html / report.md / results.json / results.csv.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run a batch spec (YAML) into an HTML/Markdown report with JSON/CSV results.",
        subcommands: [Run.self, Merge.self],
        defaultSubcommand: Run.self)

    /// `cortex report [run] SPEC.yaml -o DIR [--shard i/N] [--emit-slurm FILE]`
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run the spec's jobs (cached by content hash) and write the report.",
            discussion: """
                Finished jobs are stored in DIR/jobs/ under a hash of their inputs and options, so an \
                interrupted run redoes only what is missing. With --shard i/N only every N-th job runs \
                (no report is written); combine shard folders with `cortex report merge`. \
                --emit-slurm writes an sbatch array script that runs the shards on a cluster.
                """)

        @Argument(help: "The batch spec (YAML).")
        var spec: String

        @Option(name: .shortAndLong, help: "Report folder.")
        var output: String

        @Option(help: "Run only the i-th of N job slices, e.g. 2/8 (1-based).")
        var shard: String?

        @Option(help: "Write an sbatch array script running N shards, as --emit-slurm FILE --shards N.")
        var emitSlurm: String?

        @Option(help: "Number of shards for --emit-slurm.")
        var shards: Int = 4

        @Option(help: "Lay the figure files (.svg beside report.md) out for a journal page: single (89 mm), double (183 mm) or WxH in mm.")
        var figureSize: String?

        func validate() throws {
            if let shard, BatchShard(parsing: shard) == nil { throw ValidationError("--shard must look like i/N with 1 ≤ i ≤ N, got \(shard)") }
            if shards < 1 { throw ValidationError("--shards must be at least 1") }
            if let figureSize, FigureSize(parsing: figureSize) == nil {
                throw ValidationError("--figure-size must be single, double, W or WxH in millimetres (30–500), got \(figureSize)")
            }
        }

        func run() throws {
            let specURL = URL(fileURLWithPath: spec)
            let outputURL = URL(fileURLWithPath: output)
            let parsed = try CommandLineFailure.wrapping { try BatchSpec(contentsOf: specURL) }
            try CommandLineFailure.wrapping {
                try OutputGuard.check(output: outputURL, inputs: [specURL] + parsed.inputFiles, isDirectory: true)
            }
            if let emitSlurm {
                try CommandLineFailure.wrapping {
                    let text = try SlurmScript.text(spec: spec, output: output, shards: shards)
                    // The job logs go into the report folder, which must exist before slurmd opens them.
                    try FileManager.default.createDirectory(at: outputURL, withIntermediateDirectories: true)
                    try Data(text.utf8).write(to: URL(fileURLWithPath: emitSlurm), options: .atomic)
                }
                print("wrote \(emitSlurm): sbatch array of \(shards) shards; then `cortex report merge \(output) --spec \(spec)`")
                return
            }
            let shard = shard.flatMap(BatchShard.init(parsing:)) ?? .whole
            let version = "CortexKit \(CortexKitVersion.string)"
            let runner = BatchRunner(spec: parsed, outputDirectory: outputURL, version: version)
            let progress = ProgressDisplay(label: "jobs")
            defer { progress.close() }
            let summary = try CommandLineFailure.wrapping {
                try FileManager.default.createDirectory(at: outputURL, withIntermediateDirectories: true)
                return try runner.run(shard: shard, progress: progress.handler)
            }
            print("jobs: \(summary.computed.count) computed, \(summary.cached.count) cached"
                  + (shard == .whole ? "" : " (shard \(shard))"))
            guard shard == .whole else { return }
            try CommandLineFailure.wrapping {
                try Self.assemble(spec: parsed, specPath: spec, jobDirectories: [runner.jobsDirectory], output: outputURL, version: version,
                                  figureSize: figureSize.flatMap(FigureSize.init(parsing:)))
            }
        }

        static func assemble(spec: BatchSpec, specPath: String, jobDirectories: [URL], output: URL, version: String,
                             figureSize: FigureSize? = nil) throws {
            let runner = BatchRunner(spec: spec, outputDirectory: output, version: version)
            let jobs = try runner.jobs()
            let comparisons = try BatchReport.comparisons(spec: spec, metrics: runner.metrics, jobs: jobs,
                                                          jobDirectories: jobDirectories, version: version)
            let pairs = try BatchReport.responseSetComparisons(spec: spec, metrics: runner.metrics, jobs: jobs,
                                                               jobDirectories: jobDirectories)
            let rdms = BatchReport.rdmFiles(spec: spec, metrics: runner.metrics, jobs: jobs, jobDirectories: jobDirectories)
            let files = try BatchReport.write(spec: spec, comparisons: comparisons, responseSets: pairs, to: output,
                                              command: CommandLine.arguments,
                                              version: version, specSHA256: try SHA256.hexDigest(ofFile: URL(fileURLWithPath: specPath)),
                                              commit: Bundle.main.executableURL.flatMap(GitCommit.find(near:)), figureSize: figureSize,
                                              rdms: rdms)
            print("report: \(files.html ?? output.appendingPathComponent("report.html").path)")
            let nameWidth = comparisons.flatMap { $0.models.map(\.scores.model.count) }.max().map { max($0 + 2, 24) } ?? 24
            func number(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "–    " }
            func pad(_ text: String) -> String { text.padding(toLength: nameWidth, withPad: " ", startingAt: 0) }
            for c in comparisons {
                // The headline says what each number is: the best of N layers (and M lags) per area.
                let layers = Set(c.models.map(\.scores.layers.count)).sorted().map(String.init).joined(separator: "/")
                let lags = c.metricOptions.map { $0.lags.count } ?? 1
                print("\(c.metric)" + (c.responses.name.map { " · \($0)" } ?? "")
                      + ": per area the best of \(layers) layers" + (lags > 1 ? " × \(lags) lags" : "") + ", mean over areas")
                for m in c.models {
                    let best = m.best.map { "\($0.area) \(number($0.score))" }.joined(separator: "  ")
                    print("  " + pad(m.scores.model) + "mean " + number(m.meanOverAreas) + "   " + best
                          + (m.scores.energy.map { String(format: "   %.3g pJ/frame (%.3g SOPs)", $0.energyPicojoulesPerFrame, $0.synapticOperationsPerFrame) } ?? ""))
                    // p of each area's best layer: selection-aware (max over layers) when computed.
                    let ps = m.best.compactMap { b -> String? in
                        let p = m.selection?.first { $0.area == b.area }?.pValueSelection
                            ?? m.statistics?.first { $0.area == b.area }?.pValue
                        return p.map { "\(b.area) " + number($0) }
                    }
                    if !ps.isEmpty {
                        let selectionAware = m.selection?.contains { $0.pValueSelection != nil } == true
                        print("  " + pad("  p" + (selectionAware ? " (max over layers)" : "")) + String(repeating: " ", count: 13)
                              + ps.joined(separator: "  "))
                    }
                }
                if let ceilings = c.ceilings, let first = c.models.first {
                    let values = first.best.map { b in ceilings.first { $0.area == b.area }?.mean }
                    let finite = values.compactMap { $0 }
                    let mean = finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count)
                    print("  " + pad("noise ceiling") + "mean " + number(mean) + "   "
                          + zip(first.best, values).map { "\($0.area) \(number($1))" }.joined(separator: "  "))
                }
            }
            for pair in pairs {
                let areas = pair.sameArea.map { row in
                    "\(row.area) " + (row.score.map { String(format: "%.3f", $0) } ?? "–")
                        + (row.percentOfJointCeiling.map { String(format: " (%.0f%% of joint ceiling)", $0) } ?? "")
                }
                print("\(pair.metric) · brain to brain, \(pair.second.name ?? "") against \(pair.first.name ?? ""): "
                      + (areas.isEmpty ? "no area in common" : areas.joined(separator: "  ")))
            }
            if !rdms.files.isEmpty {
                print("frame RDMs: \(Set(rdms.files.map(\.path)).count) file(s) in \(output.appendingPathComponent("rdms").path) (index.csv)")
            }
            for line in rdms.missing { FileHandle.standardError.write(Data("warning: RDMs missing: \(line)\n".utf8)) }
        }
    }

    /// `cortex report merge DIR [DIR…] --spec SPEC.yaml -o OUT`
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge", abstract: "Combine shard folders into one report.")

        @Argument(help: "Shard output folders (each with a jobs/ folder).")
        var folders: [String]

        @Option(help: "The batch spec the shards ran.")
        var spec: String

        @Option(name: .shortAndLong, help: "Report folder (default: the first shard folder).")
        var output: String?

        func run() throws {
            let parsed = try CommandLineFailure.wrapping { try BatchSpec(contentsOf: URL(fileURLWithPath: spec)) }
            let out = URL(fileURLWithPath: output ?? folders[0])
            try CommandLineFailure.wrapping {
                try Run.assemble(spec: parsed, specPath: spec,
                                 jobDirectories: folders.map { URL(fileURLWithPath: $0).appendingPathComponent("jobs") },
                                 output: out, version: "CortexKit \(CortexKitVersion.string)")
            }
        }
    }
}
