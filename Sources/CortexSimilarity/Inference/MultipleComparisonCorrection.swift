/// How p-values of a family of tests (areas × model pairs) are adjusted for testing many at once.
///
/// ```swift
/// MultipleComparisonCorrection.holm.adjusted([0.01, 0.04, 0.03])                // [0.03, 0.06, 0.06]
/// MultipleComparisonCorrection.benjaminiHochberg.adjusted([0.01, 0.04, 0.03])   // [0.03, 0.04, 0.04]
/// ```
///
/// - ``holm``: Holm–Bonferroni step-down, controls the family-wise error rate under any
///   dependence (S. Holm, Scand. J. Stat. 6, 1979). With p₍₁₎ ≤ … ≤ p₍ₘ₎,
///   p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎).
/// - ``benjaminiHochberg``: step-up, controls the false discovery rate for independent or
///   positively dependent tests (Y. Benjamini, Y. Hochberg, JRSS B 57, 1995), as
///   `scipy.stats.false_discovery_control(p, method="bh")`: p̃₍ᵢ₎ = min_{j ≥ i} min(1, m p₍ⱼ₎ / j).
///
/// Missing p-values (nil) are not part of the family and stay nil.
public enum MultipleComparisonCorrection: String, Sendable, Hashable, Codable, CaseIterable {
    case holm
    case benjaminiHochberg = "bh"

    /// How reports name the correction.
    public var label: String {
        switch self {
        case .holm: return "Holm–Bonferroni"
        case .benjaminiHochberg: return "Benjamini–Hochberg (FDR)"
        }
    }

    /// The adjusted p-values, in the order given.
    /// - Complexity: O(m log m).
    public func adjusted(_ pValues: [Double?]) -> [Double?] {
        let present = pValues.indices.filter { pValues[$0] != nil }
        let adjusted = self.adjusted(present.map { pValues[$0]! })
        var out = [Double?](repeating: nil, count: pValues.count)
        for (k, i) in present.enumerated() { out[i] = adjusted[k] }
        return out
    }

    /// The adjusted p-values of a complete family, in the order given.
    public func adjusted(_ p: [Double]) -> [Double] {
        let m = p.count
        guard m > 0 else { return [] }
        // Stable order: equal p-values keep their input order (the result does not depend on it).
        let order = p.indices.sorted { (p[$0], $0) < (p[$1], $1) }
        var out = [Double](repeating: 0, count: m)
        switch self {
        case .holm:
            var running = 0.0
            for (rank, i) in order.enumerated() {
                running = max(running, min(1, Double(m - rank) * p[i]))
                out[i] = running
            }
        case .benjaminiHochberg:
            var running = 1.0
            for rank in stride(from: m - 1, through: 0, by: -1) {
                let i = order[rank]
                running = min(running, min(1, Double(m) * p[i] / Double(rank + 1)))
                out[i] = running
            }
        }
        return out
    }
}
