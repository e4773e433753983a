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
            (frames × units per layer); give --features several times to compare models side by side.
            """)

    @Option(help: "Response file written by `cortex responses`.")
    var responses: String?

    @Option(help: "NWB session(s) to build responses from on the fly (instead of --responses).")
    var nwb: [String] = []

    @Option(help: "Stimulus for --nwb.")
    var stimulus = "natural_movie_one"

    @Option(name: .customLong("features"), help: "Feature file of a model (repeat for several models).")
    var featureFiles: [String] = []

    @Option(help: "Comma-separated areas (default: every area in the responses).")
    var areas: String?

    @Option(help: "Metric: \(MetricChoice.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var metric: MetricChoice.Kind = .tsrsa

    @OptionGroup(title: "Metric options")
    var options: MetricOptions

    @Option(help: "Split-half-neurons noise ceiling per area with this many random splits (the study: 100).")
    var ceilingSplits: Int?

    @Option(help: "Circular-shift permutations for a p-value of each area's best layer (0 = none).")
    var permutations: Int = 0

    @Option(help: "Bootstrap resamples of neurons for a confidence interval of each area's best layer (0 = none).")
    var bootstrap: Int = 0

    @Option(help: "Seed of the ceiling splits, permutations and bootstrap.")
    var seed: UInt64 = 0

    @Flag(help: "Print the result JSON on stdout instead of the table.")
    var json = false

    @Option(name: .shortAndLong, help: "Write the result JSON here.")
    var output: String?

    @Option(help: "Also write report.html, report.md and figures into this folder.")
    var report: String?

    func validate() throws {
        if (responses == nil) == nwb.isEmpty { throw ValidationError("give either --responses or --nwb") }
        if featureFiles.isEmpty { throw ValidationError("give at least one --features file") }
        if let c = ceilingSplits, c < 1 { throw ValidationError("--ceiling-splits must be at least 1") }
        if permutations < 0 || bootstrap < 0 || bootstrap == 1 {
            throw ValidationError("--permutations must be ≥ 0 and --bootstrap 0 or ≥ 2")
        }
    }

    func run() throws {
        let choice = options.choice(metric)
        let wantedAreas = areas?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let progress = ProgressDisplay(label: "layers")
        defer { progress.close() }
        let result = try CommandLineFailure.wrapping { () throws -> CompareResult in
            let (responseFile, responseInfo) = try loadResponses()
            let stats = StatisticsOptions(ceilingSplits: ceilingSplits, permutations: permutations, bootstrap: bootstrap,
                                          seed: seed)
            let brain = try Comparison.brainMatrices(responseFile, areas: wantedAreas)
            var models: [CompareResult.Model] = []
            for path in featureFiles {
                let model = try FeatureFile(url: URL(fileURLWithPath: path))
                let scores = try Comparison.scores(model: model, responses: responseFile, responsesName: responseInfo.path,
                                                   areas: wantedAreas, metric: choice, progress: progress.handler)
                let statistics = stats.perModel
                    ? try Comparison.statistics(scores: scores, model: model, brain: brain, metric: choice.metric(), options: stats)
                    : nil
                models.append(CompareResult.Model(scores: scores, sha256: try SHA256.hexDigest(ofFile: model.url),
                                                  statistics: statistics))
            }
            let ceilings = stats.ceilingSplits.map {
                Comparison.ceilings(brain: brain, metric: choice.metric(), splits: $0, seed: seed)
            }
            return CompareResult(metric: choice.entry, responses: responseInfo, models: models, ceilings: ceilings,
                                 cortexKitVersion: CortexKitVersion.string, command: CommandLine.arguments)
        }
        let data = try result.jsonData()
        if let output { try CommandLineFailure.wrapping { try data.write(to: URL(fileURLWithPath: output), options: .atomic) } }
        if let report {
            _ = try CommandLineFailure.wrapping {
                try ReportDirectoryWriter(directory: report).write(ComparisonReport.document(result))
            }
        }
        if json {
            print(String(decoding: data, as: UTF8.self))
        } else {
            printTable(result)
        }
    }

    func loadResponses() throws -> (ResponseFile, CompareResult.Responses) {
        if let responses {
            let url = URL(fileURLWithPath: responses)
            let file = try ResponseFile.read(from: url)
            return (file, .init(path: responses, sha256: try SHA256.hexDigest(ofFile: url), stimulus: file.stimulus,
                                frames: file.frameCount, repeats: file.repeatCount))
        }
        let file = try ResponseFile.studyDefaults(sessions: nwb.map { ($0, URL(fileURLWithPath: $0)) }, stimulus: stimulus,
                                                  areas: nil, producer: "CortexKit \(CortexKitVersion.string)")
        let sources = file.sources
        return (file, .init(path: nwb.joined(separator: ","), sha256: sources.map(\.sha256).joined(separator: ","),
                            stimulus: file.stimulus, frames: file.frameCount, repeats: file.repeatCount))
    }

    func printTable(_ result: CompareResult) {
        print("metric: \(result.metric)")
        if let ceilings = result.ceilings {
            print("noise ceiling (split-half neurons, \(ceilings.first?.splits ?? 0) splits): "
                  + ceilings.map { "\($0.area) " + ($0.mean.map { String(format: "%.3f", $0) } ?? "–") }.joined(separator: ", "))
        }
        for model in result.models {
            let s = model.scores
            print("")
            print("\(s.model)  (\(s.source))")
            let width = max(8, (s.layers.map(\.name.count).max() ?? 0) + 2)
            print("layer".padding(toLength: width, withPad: " ", startingAt: 0)
                  + s.areas.map { $0.padding(toLength: 8, withPad: " ", startingAt: 0) }.joined())
            for (l, layer) in s.layers.enumerated() {
                print(layer.name.padding(toLength: width, withPad: " ", startingAt: 0)
                      + s.scores[l].map { String(format: "%-8.3f", $0) }.joined())
            }
            let best = model.best.map { "\($0.area) \($0.layer) \($0.score.map { String(format: "%.3f", $0) } ?? "–")" }
            print("best layer per area: " + best.joined(separator: ", "))
            print("mean over areas: " + (model.meanOverAreas.map { String(format: "%.3f", $0) } ?? "–"))
            for st in model.statistics ?? [] {
                var parts: [String] = []
                if let p = st.pValue { parts.append(String(format: "p = %.4g (%d circular shifts)", p, st.permutations)) }
                if let lo = st.lower, let hi = st.upper { parts.append(String(format: "%.0f%% CI [%.3f, %.3f]", st.level * 100, lo, hi)) }
                if !parts.isEmpty { print("  \(st.area) \(st.layer): " + parts.joined(separator: ", ")) }
            }
        }
    }
}
