import CortexReports
import CortexSimilarity
import Foundation

/// The "Methods" section of a batch report, written from the options the batch actually ran with
/// (the spec's metrics and statistics, the responses' recorded filters and units, the models'
/// sources), so it is always true of the numbers beside it.
enum ReportMethods {
    static func blocks(spec: BatchSpec, comparisons: [CompareResult], responseSets: [ResponseSetComparison],
                       version: String, commit: String?) -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        blocks.append(.paragraph(data(comparisons)))
        blocks.append(.paragraph(models(comparisons)))
        for text in Set(comparisons.compactMap { $0.metricOptions }).sorted(by: { $0.description < $1.description }).map(metric) {
            blocks.append(.paragraph(text))
        }
        blocks.append(.paragraph(selection(comparisons, statistics: spec.statistics.perModel)))
        if let text = statistics(spec.statistics) { blocks.append(.paragraph(text)) }
        if !responseSets.isEmpty {
            blocks.append(.paragraph("Brain to brain: every two response sets are compared with the same metric, area by area "
                + "(the second set's responses against the first's); the joint ceiling of an area is √(c₁ · c₂)."))
        }
        blocks.append(.paragraph("Software: \(version)" + (commit.map { " (git commit \($0))" } ?? " (git commit not known: not run from a checkout)")
            + "; statistics seed \(spec.seed). Every number of this report is in results.json and results.csv."))
        return blocks
    }

    /// Each response set: sources, stimulus, frames, repeats, signal, filter and units per area.
    static func data(_ comparisons: [CompareResult]) -> String {
        var seen = Set<String>()
        let sets = comparisons.map(\.responses).filter { seen.insert($0.name ?? "").inserted }
        return sets.map { r in
            let signal = r.responseSignal
            let word = signal.isTwoPhoton ? "ROIs" : "Units"
            let sessions = r.sources.count == 1 ? "1 input" : "\(r.sources.count) inputs pooled per area"
            var text = (r.name.map { "Response set \"\($0)\": " } ?? "Responses: ")
                + "\(sessions) (\(r.sources.map { ($0.path as NSString).lastPathComponent }.joined(separator: ", "))), "
                + "stimulus \(r.stimulus), \(r.frames) frames"
                + (r.framePeriod.map { String(format: " of %.1f ms", $0 * 1000) } ?? "") + " × \(r.repeats) repeats; "
                + "\(signal.displayName) in \(signal.unit) per movie frame, averaged over repeats."
            if !signal.isTwoPhoton {
                let filter: String
                switch r.filter {
                case "allen-default": filter = "AllenSDK's default unit quality filter"
                case "none": filter = "no unit quality filter"
                case let other?: filter = "unit filter: \(other)"
                case nil: filter = "unit filter not recorded"
                }
                text += " Units: \(filter)" + (r.minimumRate.map { ", mean rate ≥ \(NumberFormat.significant(digits: 3).string($0)) spikes/s" } ?? "") + "."
            }
            if let units = r.units {
                text += " \(word) per area" + (units.contains { $0.perSession != nil } ? " (per input)" : "") + ": "
                    + units.map { u in "\(u.area) \(u.units)" + (u.perSession.map { " (" + $0.map(String.init).joined(separator: " + ") + ")" } ?? "") }
                        .joined(separator: ", ")
                    + " (\(units.reduce(0) { $0 + $1.units }) in all)."
            }
            return text
        }.joined(separator: " ")
    }

    /// Each model: its source, the network and family, and the energy model.
    static func models(_ comparisons: [CompareResult]) -> String {
        guard let first = comparisons.first else { return "" }
        let lines = first.models.map { m -> String in
            let family = ModelFamily.of(network: m.scores.network, label: m.scores.model)
            let sources = m.sources.map { "\($0.kind.spelling.replacingOccurrences(of: "_", with: " ")) \(($0.path as NSString).lastPathComponent)" }
            return "\(m.scores.model) (\(m.scores.network.map { "\($0), " } ?? "")\(family.label); \(m.scores.layers.count) layers; "
                + sources.joined(separator: ", ") + "; " + (m.scores.training?.summary ?? "training not recorded") + ")"
        }
        var text = "Models: " + lines.joined(separator: "; ") + "."
        if let e = first.models.compactMap({ $0.scores.energy }).first {
            text += " Energy per movie frame = \(NumberFormat.significant(digits: 2).string(e.picojoulesPerAccumulate)) pJ per "
                + "synaptic operation + \(NumberFormat.significant(digits: 2).string(e.picojoulesPerMultiplyAccumulate)) pJ per "
                + "multiply-accumulate of layers with analog input, counted while the features were extracted."
        }
        text += " Training task and test accuracy are those recorded in each checkpoint's metadata (cortex inspect on the checkpoint), "
            + "carried by the feature files cortex features writes; \"training not recorded\" marks features from elsewhere."
        return text
    }

    /// What a metric computes, with the options it ran with.
    static func metric(_ m: MetricChoice) -> String {
        let frames = m.dropFirstFrame ? "The first frame is dropped (the study's policy). " : "All frames are compared. "
        switch m.kind {
        case .tsrsa:
            let lags = m.lags == 0...0 ? "" : " With lags k = \(m.lags.lowerBound)…\(m.lags.upperBound), brain frame t + k is "
                + "compared with model frame t and the best lag is kept."
            return "\(m.description): time-series RSA. For the model layer and the brain area alike, the frames × units "
                + "matrix gives a frames × frames RDM (\(m.distance.rawValue) distance between frames' population vectors); "
                + "the score is the \(m.comparison.spelling) correlation between the two RDMs' upper triangles. " + frames
                + "Frames with zero variance: \(m.zeroVariance.rawValue)." + lags
        case .rsa:
            return "\(m.description): RSA between the model's and the area's \(m.distance.rawValue) RDMs over frames, "
                + "compared by \(m.comparison.spelling). " + frames
        case .ckaLinear, .ckaDebiased, .ckaRBF:
            let kernel = m.kind == .ckaRBF ? "RBF kernel (σ² = \(m.rbfThreshold)² × median squared distance)" : "linear kernel"
            let estimator = m.kind == .ckaDebiased ? "unbiased HSIC estimator (debiased CKA)" : "biased HSIC estimator"
            return "\(m.description): centred kernel alignment over frames, \(kernel), \(estimator). " + frames
        case .svcca, .pwcca, .procrustes:
            return "\(m.description): \(m.kind.rawValue) between the model's and the area's frames × units matrices. " + frames
        case .ridge:
            return "\(m.description): ridge regression from the layer to each unit, α = \(m.ridgeAlpha), \(m.ridgeFolds)-fold "
                + "cross-validated R², averaged over units. " + frames
        case .ridgeStudy:
            return "\(m.description): the study's regression, PCA of the layer to \(m.pcaDims) components then ridge "
                + "(α = \(m.ridgeAlpha)), in-sample R² averaged over units. " + frames
        }
    }

    /// How a score per area and the headline are chosen.
    static func selection(_ comparisons: [CompareResult], statistics: Bool) -> String {
        let layers = Set(comparisons.flatMap { $0.models.map(\.scores.layers.count) }).sorted().map(String.init).joined(separator: " / ")
        let lags = comparisons.compactMap { $0.metricOptions?.lags.count }.max() ?? 1
        return "Each area's score is the best of \(layers) layers" + (lags > 1 ? " × \(lags) lags" : "")
            + " (the highest finite score; the shallowest layer on ties), as in the study; the headline is the mean over "
            + "areas of these best scores. Choosing the best of many inflates a score"
            + (statistics ? ": the held-out selection and the selection-aware p-values account for it." : " (no statistics were run).")
    }

    /// Ceilings, permutations, bootstrap, held-out selection and paired tests, as run.
    static func statistics(_ s: StatisticsOptions) -> String? {
        var parts: [String] = []
        if let c = s.ceiling {
            parts.append("Noise ceilings: \(c.method.label), \(c.splits) random splits, standard error \(c.standardError.rawValue)"
                         + (c.fallbackWithoutTrials.map { "; without kept trials: \($0.label)" } ?? "") + ".")
        }
        if s.permutations > 0 {
            parts.append("p-values: \(s.permutations) circular shifts of the brain's frames"
                         + (s.minimumShift.map { " (at least \($0) frames)" } ?? " (at least the default minimum shift)")
                         + "; p = (1 + #{null ≥ observed}) / (1 + shifts); the selection-aware p takes the maximum over layers and lags of each shift.")
        }
        if s.bootstrap > 0 {
            let resampling = (s.resampling ?? .frames) == .frames
                ? "moving blocks of frames" + (s.blockLength.map { " (\($0) frames)" } ?? " (min(30, frames / 10))")
                : "neurons"
            parts.append("Intervals: \(s.bootstrap) bootstrap resamples of \(resampling), \(s.intervalMethod.rawValue) "
                         + "\(Int((s.level * 100).rounded())) % intervals.")
        }
        if s.perModel {
            switch s.selectionSplit {
            case .frameBlocks(let length)?:
                parts.append("Held-out selection: the layer and lag are chosen on one half (alternating frame blocks"
                             + (length.map { " of \($0) frames" } ?? "") + ") and scored on the other.")
            case .repeats?:
                parts.append("Held-out selection: the layer and lag are chosen on one half of the repeats and scored on the other.")
            case .off?, nil:
                break
            }
            parts.append("Paired model comparisons: sign-flip tests over \(s.pairedBlocks ?? StatisticsOptions.defaultPairedBlocks) "
                         + "frame blocks, adjusted by \((s.correction ?? .holm).label).")
        }
        return parts.isEmpty ? nil : "Statistics (seed \(s.seed)): " + parts.joined(separator: " ")
    }
}
