import ArgumentParser
import CortexKit
import Foundation

extension MultipleComparisonCorrection: ExpressibleByArgument {}

extension HeldOutSplit: ExpressibleByArgument {
    public init?(argument: String) { self.init(label: argument) }
    public static var allValueStrings: [String] { ["frame-blocks", "frame-blocks:L", "repeats", "off"] }
}

/// `--held-out`, `--held-out-block`, `--paired-blocks`, `--correction`: held-out layer/lag
/// selection and paired model comparisons (``AreaSelection``, ``ModelPairDifference``), computed
/// with the statistics (`--permutations` or `--bootstrap`).
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("held-out"),
            help: "Held-out layer/lag selection: frame-blocks (even vs odd blocks of frames; default with --permutations or --bootstrap), repeats (even vs odd repeats; needs trials) or off.")
    var heldOut: HeldOutSplit?

    @Option(name: .customLong("held-out-block"), help: "Frames per block of --held-out frame-blocks (default: min(30, frames / 8)).")
    var heldOutBlock: Int?

    @Option(name: .customLong("paired-blocks"),
            help: "Frame blocks of the sign-flip test comparing every two models (default: \(StatisticsOptions.defaultPairedBlocks); with --permutations or --bootstrap and two or more models).")
    var pairedBlocks: Int?

    @Option(help: "Correction of the paired comparisons' p-values over areas and model pairs: holm (Holm–Bonferroni, default) or bh (Benjamini–Hochberg).")
    var correction: MultipleComparisonCorrection?

    func validate() throws {
        if let heldOutBlock {
            guard heldOutBlock >= 1 && heldOutBlock <= OptionLimits.maximumFrames else {
                throw ValidationError("--held-out-block must be an integer from 1 to \(OptionLimits.maximumFrames), got \(heldOutBlock)")
            }
            switch heldOut {
            case nil, .frameBlocks(nil)?: break
            default: throw ValidationError("--held-out-block is only used with --held-out frame-blocks")
            }
        }
        if let pairedBlocks, !(2...StatisticsOptions.maximumPairedBlocks).contains(pairedBlocks) {
            throw ValidationError("--paired-blocks must be an integer from 2 to \(StatisticsOptions.maximumPairedBlocks), got \(pairedBlocks)")
        }
    }

    /// Adds these options to `statistics`.
    func apply(to statistics: inout StatisticsOptions) {
        statistics.heldOut = heldOutBlock.map { .frameBlocks(length: $0) } ?? heldOut
        statistics.pairedBlocks = pairedBlocks
        statistics.correction = correction
    }

    /// The lines `cortex compare` prints for one model's selection (in-sample vs held-out).
    static func selectionLines(_ model: CompareResult.Model) -> [String] {
        (model.selection ?? []).map { s in
            var parts = ["in-sample " + (s.score.map { String(format: "%.3f", $0) } ?? "–")]
            if let h = s.heldOutScore { parts.append(String(format: "held-out %.3f (%@)", h, s.heldOutSplit ?? "")) }
            if let p = s.pValueSelection {
                parts.append(String(format: "p = %.4g (max over %d layers×lags, %d circular shifts)", p, s.candidates, s.permutations))
            }
            return "  \(s.area) selection: " + parts.joined(separator: ", ") + (s.note.map { " [\($0)]" } ?? "")
        }
    }

    /// The lines `cortex compare` prints for the paired comparisons.
    static func pairedLines(_ result: CompareResult) -> [String] {
        guard let rows = result.pairedComparisons, !rows.isEmpty else { return [] }
        var lines = ["", "paired comparisons (A − B; \(rows[0].correction.label)-adjusted p):"]
        for r in rows {
            var text = "  \(r.modelA) − \(r.modelB), \(r.scope): " + (r.difference.map { String(format: "%+.3f", $0) } ?? "–")
            if let lo = r.lower, let hi = r.upper { text += String(format: ", %.0f%% CI [%.3f, %.3f]", r.level * 100, lo, hi) }
            if let p = r.pValue { text += String(format: ", p = %.4g (%d blocks)", p, r.blocks) }
            if let q = r.pAdjusted { text += String(format: ", adjusted %.4g", q) }
            lines.append(text)
        }
        return lines
    }
}
