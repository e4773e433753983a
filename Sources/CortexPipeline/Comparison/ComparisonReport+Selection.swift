import CortexReports
import CortexSimilarity

extension ComparisonReport {
    /// In-sample vs held-out best layer per model and area, with the selection-aware p-value;
    /// `nil` when no model has a selection.
    static func selectionTable(_ result: CompareResult) -> Table? {
        guard result.models.contains(where: { $0.selection != nil }) else { return nil }
        let columns = [TableColumn("model"), TableColumn("area"), TableColumn("best layer (in-sample)"),
                       .numeric("in-sample score"), .numeric("held-out score"), TableColumn("chosen on half 1 / half 2"),
                       .numeric("p (max over layers × lags)", format: .fixed(digits: 4))]
        var rows: [[TableCell]] = []
        for m in result.models {
            for s in m.selection ?? [] {
                let layer = (s.layer ?? "–") + (s.lag.map { " (lag \($0))" } ?? "")
                func label(_ c: AreaSelection.Choice?) -> String { c.map { $0.layer + ($0.lag.map { " (lag \($0))" } ?? "") } ?? "–" }
                rows.append([.text(m.scores.model), .text(s.area), .text(layer), s.score.map { .number($0) } ?? .text("–"),
                             s.heldOutScore.map { .number($0) } ?? .text("–"),
                             .text(s.heldOutScore == nil ? "–" : "\(label(s.chosenOnFirst)) / \(label(s.chosenOnSecond))"),
                             s.pValueSelection.map { .number($0) } ?? .text("–")])
            }
        }
        let splits = Set(result.models.flatMap { ($0.selection ?? []).compactMap(\.heldOutSplit) }).sorted()
        return Table(caption: "Layer selection: in-sample best (the study's number) and held-out"
                     + (splits.isEmpty ? "" : " (halves: \(splits.joined(separator: ", ")))"), columns: columns, rows: rows)
    }

    /// What the selection table means, for the report.
    static let selectionExplanation = "The in-sample score picks the best of all layers (× lags) on the same frames it is "
        + "scored on, which inflates it. The held-out score chooses the layer (and lag) on one half of the data — alternating "
        + "blocks of frames, or even vs odd repeats — scores that choice on the other half, does the same the other way round "
        + "and averages the two. The p-value compares the in-sample best with the maximum over all layers (× lags) under "
        + "circular shifts of the brain's frames (the same shift for every layer and lag), so it accounts for the selection; "
        + "it is the p-value of the statistics table."

    /// Every two models per area and on the mean over areas; `nil` without paired comparisons.
    static func pairedTable(_ result: CompareResult) -> Table? {
        guard let pairs = result.pairedComparisons, !pairs.isEmpty else { return nil }
        let level = pairs.first.map { String(format: "%.0f", $0.level * 100) } ?? "95"
        let columns = [TableColumn("model A"), TableColumn("model B"), TableColumn("area"), .numeric("A − B"),
                       .numeric("CI lower"), .numeric("CI upper"), .numeric("p (sign flips)", format: .fixed(digits: 4)),
                       .numeric("adjusted p", format: .fixed(digits: 4))]
        let rows: [[TableCell]] = pairs.map { r in
            [.text(r.modelA), .text(r.modelB), .text(r.scope), r.difference.map { .number($0) } ?? .text("–"),
             r.lower.map { .number($0) } ?? .text("–"), r.upper.map { .number($0) } ?? .text("–"),
             r.pValue.map { .number($0) } ?? .text("–"), r.pAdjusted.map { .number($0) } ?? .text("–")]
        }
        let correction = pairs.first?.correction.label ?? ""
        return Table(caption: "Which model is more cortex-like: model A vs model B per area (best layers) and on the mean over "
                     + "areas; \(level) % paired bootstrap intervals, \(correction)-adjusted p", columns: columns, rows: rows)
    }

    /// What the paired table means, for the report.
    static func pairedExplanation(_ result: CompareResult) -> String {
        let r = result.pairedComparisons?.first
        return "Both models are scored on the same resamples: the interval is the percentile interval of A − B over "
            + "\(r?.resamples ?? 0) paired bootstrap resamples of the area's neurons (the same neurons drawn for both models); "
            + "the p-value is a two-sided sign-flip test of A − B over \(r?.blocks ?? 0) consecutive frame blocks (the "
            + "difference scored within each block, signs flipped at random; exact over all 2^K sign vectors up to "
            + "\(PairedDifference.exactLimit) blocks). The interval asks how the difference varies with the neurons recorded, "
            + "the p-value whether it holds across the movie, so they usually but not always agree. Adjusted p: "
            + "\(r?.correction.label ?? "Holm–Bonferroni") over all area rows of all model pairs, and separately over the "
            + "mean-over-areas rows."
    }
}
