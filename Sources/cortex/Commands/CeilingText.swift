import ArgumentParser
import CortexKit
import Foundation

extension CeilingStandardError: ExpressibleByArgument {}
extension IntervalResampling: ExpressibleByArgument {}

/// How `cortex compare` prints noise ceilings and ceiling-normalised scores (a percentage above
/// 100 carries ``CeilingNormalisedScore/marker`` and a footnote line).
enum CeilingText {
    /// The ceiling lines: the method(s) used, then every area's ceiling (with trial bounds: lower–upper).
    static func lines(_ ceilings: [AreaCeiling]) -> [String] {
        guard let first = ceilings.first else { return [] }
        let methods = Array(Set(ceilings.map(\.method))).sorted { $0.rawValue < $1.rawValue }
        var lines = ["noise ceiling (\(methods.map(\.label).joined(separator: "; ")), \(first.splits) splits): "
            + ceilings.map { c -> String in
                guard let mean = c.mean else { return "\(c.area) –" }
                if let lower = c.lowerBound, let upper = c.upperBound {
                    return String(format: "%@ %.3f (lower %.3f, upper %.3f)", c.area, mean, lower, upper)
                }
                return String(format: "%@ %.3f", c.area, mean)
            }.joined(separator: ", ")]
        let fallbacks = ceilings.filter { $0.requestedMethod != nil }
        if let f = fallbacks.first, let requested = f.requestedMethod {
            lines.append("  no trials in \(fallbacks.map(\.area).joined(separator: ", ")): \(f.method.label) used instead of "
                         + "\(requested.label); it is not an upper bound (write responses with --keep-trials)")
        }
        return lines
    }

    /// "% of ceiling: VISp 87.5 %, VISl 112.3 %† …" for one model, with a footnote when marked; nil
    /// when no area has both a score and a ceiling.
    static func percentLine(_ model: CompareResult.Model, ceilings: [AreaCeiling]) -> String? {
        let scores = CompareResult.ceilingNormalised(models: [model], ceilings: ceilings)
        let parts = scores.compactMap { s in s.percent.map { "\(s.area) " + CeilingNormalisedScore.text($0) } }
        guard !parts.isEmpty else { return nil }
        let above = scores.contains { $0.aboveCeiling }
        return "% of ceiling: " + parts.joined(separator: ", ")
            + (above ? "  (\(CeilingNormalisedScore.marker) above the ceiling)" : "")
    }
}
