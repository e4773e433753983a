import ArgumentParser
import CortexKit
import Foundation

/// `cortex ceiling RESPONSES.h5`: per-area split-half noise ceilings of a response file.
struct CeilingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ceiling",
        abstract: "Per-area noise ceilings of a response file (split-half neurons or trials).",
        discussion: """
            --method neurons (the study's): the area's units are split at random into two halves \
            --splits times and the metric compares the halves; mean ± SEM, no correction. \
            --method trials: the repeats (/<AREA>/trials, written by 'cortex responses --keep-trials') \
            are split in two halves, each averaged, compared, and Spearman–Brown corrected, 2r/(1 + r).
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable { case neurons, trials }

    @Argument(help: "A response file written by 'cortex responses'.")
    var file: String
    @Option(help: "The similarity metric.")
    var metric: MetricChoice.Kind = .tsrsa
    @Option(help: "Split-half neurons or trials.")
    var method: Method = .neurons
    @Option(help: "Number of random splits.")
    var splits = 100
    @Option(help: "Seed of the splits.")
    var seed: UInt64 = 1
    @Option(help: "Comma-separated areas (default: every area in the file).")
    var areas: String?
    @Flag(help: "Print one JSON object.")
    var json = false
    @OptionGroup var options: MetricOptions

    func validate() throws {
        guard splits >= 1 else { throw ValidationError("--splits must be ≥ 1, got \(splits)") }
    }

    func run() throws {
        let responses = try CommandLineFailure.wrapping { try ResponseFile.read(from: URL(fileURLWithPath: file)) }
        var selected = responses.areas
        if let areas {
            let wanted = areas.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for name in wanted where !selected.contains(where: { $0.name == name }) {
                throw CommandLineFailure("\(file) has no area \(name) (it has \(responses.areas.map(\.name).joined(separator: ", ")))")
            }
            selected = wanted.compactMap { name in responses.areas.first { $0.name == name } }
        }
        let chosen = options.metric(metric)
        let progress = ProgressDisplay(label: "ceilings")
        defer { progress.close() }
        var rows: [[String: Any]] = []
        for (i, area) in selected.enumerated() {
            progress.show(ProgressUpdate(completed: i, total: selected.count, message: area.name))
            let ceiling = try CommandLineFailure.wrapping { () throws -> NoiseCeiling in
                do {
                    switch method {
                    case .neurons:
                        return try NoiseCeiling.splitHalfNeurons(area.counts.transposed(), metric: chosen, splits: splits, seed: seed)
                    case .trials:
                        guard let trials = area.trials else {
                            throw CommandLineFailure("\(file): area \(area.name) has no /\(area.name)/trials; write it with 'cortex responses --keep-trials'")
                        }
                        return try NoiseCeiling.splitHalfTrials(trials.map { Double($0) }, metric: chosen, splits: splits,
                                                                seed: seed, spearmanBrown: true)
                    }
                } catch let error as CommandLineFailure {
                    throw error
                } catch {
                    throw CommandLineFailure("area \(area.name): \(commandLineMessage(error))")
                }
            }
            rows.append(["area": area.name, "units": area.unitIDs.count, "mean": ceiling.mean,
                         "sem": ceiling.standardError, "spearman_brown": ceiling.spearmanBrownCorrected])
        }
        progress.show(ProgressUpdate(completed: selected.count, total: selected.count, message: "done"))
        progress.close()
        if json {
            try printJSON(["metric": metric.rawValue, "name": options.label(metric), "method": method.rawValue, "splits": splits,
                           "seed": seed, "areas": rows])
            return
        }
        print("\(options.label(metric)) ceiling, split-half \(method.rawValue), \(splits) splits, seed \(seed)"
              + (method == .trials ? ", Spearman–Brown corrected" : ""))
        for row in rows {
            print((row["area"] as! String).padding(toLength: 8, withPad: " ", startingAt: 0)
                  + String(format: "%6d units  %.4f ± %.4f", row["units"] as! Int, row["mean"] as! Double, row["sem"] as! Double))
        }
    }
}
