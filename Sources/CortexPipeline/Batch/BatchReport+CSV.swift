import Foundation

extension BatchReport {
    /// The columns of results.csv, in order. One row per model × metric × response set × layer ×
    /// area (`lag` empty: the score is the metric's, over its lag range when it has one), plus, for
    /// each area's best layer under a metric with a lag range, one row per lag (`lag` = k, the
    /// score at that lag). Statistics are computed for best layers only; `computed` names what a
    /// row has (`score`, `ceiling`, `p`, `p_selection`, `ci`, joined by `+`), so an empty cell
    /// means "not computed", never zero. Numbers are plain decimals (empty for NaN).
    ///
    /// - `model`, `network` (the network the feature file records), `family` (``ModelFamily``),
    ///   `metric` (short name), `response_set` (empty without named sets);
    /// - `layer`, `depth`, `area`, `lag`, `score`, `best_layer` (`true` on the area's best layer);
    /// - `ceiling`, `ceiling_lower`, `ceiling_method`, `percent_of_ceiling`, `above_ceiling`
    ///   (the area's noise ceiling, and the row's score as % of it, on every row of the area);
    /// - `p_value` (circular shifts, this layer), `p_value_selection` (max over layers and lags),
    ///   `permutations`;
    /// - `ci_lower`, `ci_upper`, `ci_level`, `ci_method`, `resampling` (bootstrap interval of the
    ///   best layer's score);
    /// - `firing_rate` (the layer's), `model_sops_per_frame`, `model_energy_pj_per_frame`;
    /// - `computed`.
    public static let csvColumns = [
        "model", "network", "family", "metric", "response_set", "layer", "depth", "area", "lag", "score", "best_layer",
        "ceiling", "ceiling_lower", "ceiling_method", "percent_of_ceiling", "above_ceiling",
        "p_value", "p_value_selection", "permutations", "ci_lower", "ci_upper", "ci_level", "ci_method", "resampling",
        "firing_rate", "model_sops_per_frame", "model_energy_pj_per_frame", "computed",
    ]

    /// results.csv (``csvColumns``).
    static func csv(_ comparisons: [CompareResult]) -> String {
        func number(_ v: Double?) -> String { v.map { $0.isFinite ? String($0) : "" } ?? "" }
        var lines = [csvColumns.joined(separator: ",")]
        for c in comparisons {
            for m in c.models {
                let s = m.scores
                let family = ModelFamily.of(network: s.network, label: s.model)
                let energy = [number(s.energy?.synapticOperationsPerFrame), number(s.energy?.energyPicojoulesPerFrame)]
                let hasLags = (c.metricOptions?.lags.count ?? 1) > 1
                for (a, area) in s.areas.enumerated() {
                    let ceiling = c.ceilings?.first { $0.area == area }
                    let bestIndex = s.bestLayerIndex(area: a)
                    let statistics = m.statistics?.first { $0.area == area }
                    let selection = m.selection?.first { $0.area == area }
                    for (l, layer) in s.layers.enumerated() {
                        let isBest = l == bestIndex
                        /// One row; `lag` and `score` vary between the layer row and its lag rows.
                        func row(lag: Int?, score: Double) -> String {
                            var computed = ["score"]
                            if ceiling?.mean != nil { computed.append("ceiling") }
                            let percent = CeilingNormalisedScore.percent(score: score, ceiling: ceiling?.mean)
                            let stats = isBest && lag == nil ? statistics : nil
                            let pSelection = isBest && lag == nil ? selection?.pValueSelection : nil
                            if stats?.pValue != nil { computed.append("p") }
                            if pSelection != nil { computed.append("p_selection") }
                            if stats?.lower != nil { computed.append("ci") }
                            let cells: [String] = [
                                csvField(s.model), csvField(s.network ?? ""), family.rawValue, csvField(c.metricShortName),
                                csvField(c.responses.name ?? ""), csvField(layer.name), String(layer.depth), csvField(area),
                                lag.map(String.init) ?? (hasLags ? "" : String(c.metricOptions?.lags.lowerBound ?? 0)),
                                number(score), String(isBest),
                                number(ceiling?.mean), number(ceiling?.lowerBound), ceiling.map { $0.method.rawValue } ?? "",
                                number(percent), percent.map { String($0 > 100) } ?? "",
                                number(stats?.pValue), number(pSelection), stats.map { String($0.permutations) } ?? "",
                                number(stats?.lower), number(stats?.upper), stats?.lower == nil ? "" : String(stats!.level),
                                stats?.intervalMethod?.rawValue ?? "", csvField(stats?.resampling ?? ""),
                                number(s.energy?.firingRate(of: layer.name))] + energy + [computed.joined(separator: "+")]
                            return cells.joined(separator: ",")
                        }
                        lines.append(row(lag: nil, score: s.scores[l][a]))
                        if isBest, hasLags, let profile = s.lagProfiles?.first(where: { $0.area == area && $0.layer == layer.name }) {
                            for (lag, score) in zip(profile.lags, profile.scores) { lines.append(row(lag: lag, score: score)) }
                        }
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
