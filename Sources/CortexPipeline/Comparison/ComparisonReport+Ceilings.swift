import CortexReports
import CortexSimilarity

extension ComparisonReport {
    /// The methods of a list of ceilings, as the report names them (e.g. "trial bounds: …").
    static func ceilingMethodsLabel(_ ceilings: [AreaCeiling]) -> String {
        Array(Set(ceilings.map(\.method))).sorted { $0.rawValue < $1.rawValue }.map(\.label).joined(separator: "; ")
    }

    /// Which ceiling is used and what it means, any fallback, and the footnote of the dagger.
    static func ceilingParagraphs(_ ceilings: [AreaCeiling], scores: [CeilingNormalisedScore]) -> [ReportBlock] {
        var text = "Noise ceiling: \(ceilingMethodsLabel(ceilings)), \(ceilings.first?.splits ?? 0) random splits. "
        let methods = Set(ceilings.map(\.method))
        if methods.contains(.trialBounds) {
            text += "The repeats of the movie are split at random into two halves, each averaged: the lower bound compares "
                + "one half with the other, the upper bound each half with the mean of all repeats (itself included, as in "
                + "rsatoolbox). The model is compared with the mean of all repeats; a noise-free model is expected to "
                + "score between the bounds, close to the upper one, which scores are given as % of. "
        }
        if methods.contains(.splitHalfTrials) {
            text += "Split-half trials: one half of the repeats against the other, Spearman–Brown corrected to all repeats "
                + "(the reliability of the mean; a noise-free model can score above it). "
        }
        if methods.contains(.splitHalfNeurons) {
            text += "Split-half neurons (the study's ceiling): one random half of an area's units against the other half. "
                + "It measures how well half a population predicts the other half, so a model compared with the whole "
                + "population can exceed it; it is not an upper bound. "
        }
        let fallbacks = ceilings.filter { $0.requestedMethod != nil }
        if let f = fallbacks.first, let requested = f.requestedMethod {
            text += "No trials were kept for \(fallbacks.map(\.area).joined(separator: ", ")): \(f.method.label) is used "
                + "there instead of \(requested.label) (write the responses with 'cortex responses --keep-trials'). "
        }
        var blocks: [ReportBlock] = [.paragraph(text)]
        let above = scores.filter(\.aboveCeiling)
        if !above.isEmpty {
            blocks.append(.paragraph("\(CeilingNormalisedScore.marker) Above the ceiling (\(above.count) of "
                + "\(scores.filter { $0.percent != nil }.count) best-layer scores: "
                + above.map { "\($0.model) in \($0.area)" }.joined(separator: ", ") + "). "
                + (above.allSatisfy { $0.ceilingMethod == .splitHalfNeurons }
                   ? "Expected against split-half neurons, which do not bound the score."
                   : "The score exceeds what the noise-free signal is expected to reach: check the ceiling's splits "
                     + "and repeats, and the model's selection among layers and lags (the best of many is biased up).")))
        }
        return blocks
    }

    /// What the bootstrap resampled in a result's statistics (e.g. "frame blocks of 30").
    static func resamplingLabel(_ result: CompareResult) -> String {
        let labels = Set(result.models.flatMap { ($0.statistics ?? []).filter { $0.lower != nil }.map { $0.resampling ?? "neurons" } })
        return labels.isEmpty ? "neurons" : labels.sorted().joined(separator: ", ")
    }

    /// How the p-value and the interval relate, and how many intervals contain their estimate.
    static func statisticsExplanation(_ result: CompareResult) -> String {
        var contained = 0, total = 0
        for m in result.models {
            for s in m.statistics ?? [] {
                guard let lo = s.lower, let hi = s.upper, let score = m.best.first(where: { $0.area == s.area })?.score else { continue }
                total += 1
                if lo <= score && score <= hi { contained += 1 }
            }
        }
        return "The p-value and the interval answer different questions. The p-value tests the null hypothesis that the "
            + "model is not aligned with the brain frame by frame: the brain's frames are shifted circularly, which keeps "
            + "each side's slow temporal structure, so the null scores are not centred on 0 and a score can be well above 0 "
            + "yet not significant. The interval (BCa: bias-corrected and accelerated, jackknife acceleration, unless "
            + "stated otherwise) describes how the score itself would vary over movies like this one, by resampling blocks "
            + "of frames for both sides alike (a pair of two copies of the same frame is left out of the RDM and Gram sums "
            + "of TSRSA, RSA and CKA, as it is no evidence of similarity and would raise every resample); it is not a "
            + "test against 0 nor against the null, so an interval excluding 0 "
            + "with a large p is not a contradiction. Neither accounts for choosing the best layer and lag."
            + (total > 0 ? " \(contained) of \(total) intervals contain their estimate." : "")
    }
}
