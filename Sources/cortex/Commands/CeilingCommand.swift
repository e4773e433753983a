import ArgumentParser
import CortexKit
import Foundation

extension CeilingMethod: ExpressibleByArgument {}

/// `cortex ceiling RESPONSES.h5`: per-area noise ceilings of a response file — the same
/// computation (``ComparisonPlan/ceilings(of:progress:)``) and defaults as `cortex compare
/// --ceiling-splits` and a spec's `statistics.ceiling-splits`, so the same seed gives the same
/// ceilings everywhere.
struct CeilingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ceiling",
        abstract: "Per-area noise ceilings of a response file (trial bounds, split-half trials or neurons).",
        discussion: """
            --method trial-bounds (default): the repeats are split in two halves, each averaged; lower \
            bound = one half against the other, upper bound = each half against the grand mean of all \
            repeats (the ceiling scores are divided by). Without trials it falls back to neurons and says so. \
            --method neurons (the study's): the area's units are split at random into two halves \
            --splits times and the metric compares the halves; mean ± SEM, no correction. \
            --method trials: the repeats (/<AREA>/trials, written by 'cortex responses --keep-trials') \
            are split in two halves, each averaged, compared, and Spearman–Brown corrected, 2r/(1 + r). \
            Each area's splits are seeded from --seed and the area's name, as in 'cortex compare' and \
            'cortex report'.
            """)

    @Argument(help: "A response file written by 'cortex responses'.")
    var file: String
    @Option(help: "The similarity metric.")
    var metric: MetricChoice.Kind = .tsrsa
    @Option(help: "trial-bounds (default; neurons without trials), trials or neurons.")
    var method: CeilingMethod?
    @Option(help: "Standard error over splits: ddof1 (sample SD) or ddof0 (the study's np.std).")
    var sem: CeilingStandardError = .ddof1
    @Option(help: "Number of random splits.")
    var splits = CeilingOptions.defaultSplits
    @Option(help: "Statistics seed (the splits of each area derive from it and the area's name).")
    var seed: UInt64 = StatisticsOptions.defaultSeed
    @Option(help: "Comma-separated areas (default: every area in the file).")
    var areas: String?
    @Flag(help: "Print one JSON object.")
    var json = false
    @OptionGroup var options: MetricOptions

    func validate() throws {
        do { try OptionLimits.check(.splits, splits) } catch { throw ValidationError(error.description) }
        try options.check(for: metric)
    }

    /// What `--json` prints.
    struct Output: Encodable {
        var metric: String
        var name: String
        var method: CeilingMethod
        var standardError: CeilingStandardError
        var splits: Int
        var seed: UInt64
        var areas: [AreaCeiling]
    }

    func run() throws {
        let wanted = areas?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let brain = try CommandLineFailure.wrapping {
            try BrainResponses.load(responseFiles: [(file, URL(fileURLWithPath: file))], areas: wanted,
                                    producer: "CortexKit \(CortexKitVersion.string)")
        }
        let plan = ComparisonPlan(metric: options.choice(metric).entry,
                                  statistics: StatisticsOptions(ceiling: CeilingOptions(method: method, splits: splits, standardError: sem),
                                                                seed: seed))
        let method = method ?? CeilingOptions.defaultMethod
        let progress = ProgressDisplay(label: "ceilings")
        let ceilings = plan.ceilings(of: brain, progress: progress.handler) ?? []
        progress.close()
        if json {
            try CommandLineJSON.print(Output(metric: metric.rawValue, name: options.label(metric), method: method, standardError: sem, splits: splits,
                                      seed: seed, areas: ceilings))
        } else {
            print("\(options.label(metric)) ceiling, \(method.label), \(splits) splits, seed \(seed), SEM \(sem.rawValue)")
            for c in ceilings {
                var value = c.mean.map { String(format: "%.4f ± %.4f", $0, c.standardError ?? .nan) } ?? "–"
                if let lower = c.lowerBound, let upper = c.upperBound {
                    value += String(format: "  (lower %.4f, upper %.4f)", lower, upper)
                }
                if let requested = c.requestedMethod { value += "  [\(c.method.rawValue): no trials for \(requested.rawValue)]" }
                print(c.area.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%6d units  ", c.units ?? 0) + value)
            }
        }
        // Every computed ceiling is printed; an area without one fails the command, loudly.
        let failed = ceilings.filter { $0.mean == nil }
        if !failed.isEmpty {
            // Areas failing for the same reason are named together: one reason, said once.
            var reasons: [(note: String, areas: [String])] = []
            for c in failed {
                let note = c.note ?? "undefined"
                if let i = reasons.firstIndex(where: { $0.note == note }) { reasons[i].areas.append(c.area) } else { reasons.append((note, [c.area])) }
            }
            throw CommandLineFailure("no ceiling for " + reasons.map { "\($0.areas.joined(separator: ", ")): \($0.note)" }
                .joined(separator: "; "))
        }
    }

}
