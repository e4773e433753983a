import CortexKit
import Foundation

/// The table lines of a model's interventions: per intervention the mean over areas, then each
/// area's unaltered and intervened score and the relative drop.
enum InterventionLines {
    static func lines(_ model: CompareResult.Model) -> [String] {
        func number(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "–" }
        func percent(_ v: Double?) -> String { v.map { String(format: "%+.1f%%", -$0 * 100) } ?? "–" }
        var lines: [String] = []
        for result in model.interventions ?? [] {
            let m = result.meanOverAreas
            lines.append("intervention \(result.intervention) (\(result.repeats) repeat\(result.repeats == 1 ? "" : "s"), "
                         + "\(result.layers.rawValue) layers): mean over areas \(number(m.unaltered)) → \(number(m.intervened)) "
                         + "(\(percent(m.relativeDrop)))")
            for a in result.areas {
                lines.append("  \(a.area) \(a.layer ?? "–"): \(number(a.unaltered)) → \(number(a.intervened)) (\(percent(a.relativeDrop)))")
            }
        }
        return lines
    }
}
