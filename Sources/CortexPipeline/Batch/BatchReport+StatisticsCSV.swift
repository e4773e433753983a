import Foundation

extension BatchReport {
    /// `selection.csv`: one row per model × metric × area with in-sample and held-out selection:
    /// `model,metric,area,layer,lag,score,held_out_score,held_out_split,chosen_on_first,chosen_on_second,p_value_selection,permutations,response_set`
    /// (empty cells where a value is missing; `response_set` empty when the spec does not name its sets); nil when no model has a selection.
    static func selectionCSV(_ comparisons: [CompareResult]) -> String? {
        guard comparisons.contains(where: { $0.models.contains { $0.selection != nil } }) else { return nil }
        func number(_ v: Double?) -> String { v.map { $0.isFinite ? String($0) : "" } ?? "" }
        func choice(_ c: AreaSelection.Choice?) -> String { c.map { $0.layer + ($0.lag.map { "@\($0)" } ?? "") } ?? "" }
        var lines = ["model,metric,area,layer,lag,score,held_out_score,held_out_split,chosen_on_first,chosen_on_second,"
                     + "p_value_selection,permutations,response_set"]
        for c in comparisons {
            for m in c.models {
                for s in m.selection ?? [] {
                    lines.append([csvField(m.scores.model), csvField(c.metricShortName), csvField(s.area), csvField(s.layer ?? ""),
                                  s.lag.map(String.init) ?? "", number(s.score), number(s.heldOutScore),
                                  csvField(s.heldOutSplit ?? ""), csvField(choice(s.chosenOnFirst)), csvField(choice(s.chosenOnSecond)),
                                  number(s.pValueSelection), String(s.permutations),
                                  csvField(c.responses.name ?? "")].joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `paired.csv`: one row per metric × model pair × area (area `mean over areas` for the mean):
    /// `metric,model_a,model_b,area,difference,ci_lower,ci_upper,level,p_value,p_adjusted,correction,blocks,resamples,response_set`;
    /// nil when no comparison has paired rows.
    static func pairedCSV(_ comparisons: [CompareResult]) -> String? {
        guard comparisons.contains(where: { $0.pairedComparisons?.isEmpty == false }) else { return nil }
        func number(_ v: Double?) -> String { v.map { $0.isFinite ? String($0) : "" } ?? "" }
        var lines = ["metric,model_a,model_b,area,difference,ci_lower,ci_upper,level,p_value,p_adjusted,correction,blocks,resamples,response_set"]
        for c in comparisons {
            for r in c.pairedComparisons ?? [] {
                lines.append([csvField(c.metricShortName), csvField(r.modelA), csvField(r.modelB), csvField(r.scope),
                              number(r.difference), number(r.lower), number(r.upper), String(r.level), number(r.pValue),
                              number(r.pAdjusted), r.correction.rawValue, String(r.blocks), String(r.resamples),
                              csvField(c.responses.name ?? "")].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
