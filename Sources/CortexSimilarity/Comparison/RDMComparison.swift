import CortexNumerics

/// How two RDMs (or any two equally long vectors of dissimilarities) are compared.
///
/// Semantics follow rsatoolbox 0.3.2's `compare(rdm1, rdm2, method=…)` and scipy:
///
/// | case | equation | reference |
/// |---|---|---|
/// | `.spearman(ties: .average)` | Pearson r of average ranks | `scipy.stats.spearmanr`, rsatoolbox `'spearman'` |
/// | `.spearman(ties: .ordinal)` | 1 − 6Σ(rxₖ − ryₖ)²/(n³ − n), ranks = argsort∘argsort | the reference study's TSRSA |
/// | `.pearson` | Σ(x − x̄)(y − ȳ)/√(Σ(x − x̄)²Σ(y − ȳ)²) | rsatoolbox `'corr'` |
/// | `.kendallTauA` | (C − D)/(n(n − 1)/2) | rsatoolbox `'tau-a'` |
/// | `.kendallTauB` | (C − D)/√((n₀ − n₁)(n₀ − n₂)) | `scipy.stats.kendalltau`, rsatoolbox `'kendall'` |
/// | `.rhoA` | 12·Σ(rx − r̄)(ry − r̄)/(n³ − n), average ranks | rsatoolbox `'rho-a'` |
/// | `.cosine` | Σxy/(‖x‖‖y‖) | rsatoolbox `'cosine'` |
///
/// (C, D: concordant and discordant pairs; n₀ = n(n − 1)/2; n₁, n₂: pairs tied in x, in y.)
/// With ties, `.spearman(ties: .average)` ≠ `.rhoA` and `.kendallTauA` ≠ `.kendallTauB`.
///
/// ```swift
/// let rho = try RDMComparison.spearman(ties: .average).compare(rdmA, rdmB)
/// ```
///
/// Complexity: O(n) for the ranking, Pearson and cosine kinds (radix-sorted ranks); O(n log n)
/// for Kendall's τ (Knight's algorithm), so 403,651 pairs take milliseconds, not hours.
public enum RDMComparison: Sendable, Hashable {
    /// Spearman's ρ with the given tie policy (see the table).
    case spearman(ties: TiePolicy)
    /// Pearson's r.
    case pearson
    /// Kendall's τ_a (ties count as neither concordant nor discordant; denominator all pairs).
    case kendallTauA
    /// Kendall's τ_b (tie-corrected denominator).
    case kendallTauB
    /// rsatoolbox's ρ_a: the expected Spearman ρ under random tie-breaking.
    case rhoA
    /// Cosine similarity of the raw vectors.
    case cosine

    /// Compares two RDMs.
    /// - Throws: ``SimilarityError/lengthMismatch(first:second:)`` for different condition
    ///   counts, and the errors of the vector form of `compare`.
    public func compare(_ a: RDM, _ b: RDM) throws(SimilarityError) -> Double {
        guard a.conditionCount == b.conditionCount else {
            throw .lengthMismatch(first: a.dissimilarities.count, second: b.dissimilarities.count)
        }
        return try compare(a.dissimilarities, b.dissimilarities)
    }

    /// Compares two equally long vectors.
    /// - Throws: `.lengthMismatch`; `.tooFewRows` for fewer than 2 values;
    ///   `.nonFiniteValue` for NaN/∞ (never a silent NaN); `.constantInput` when a coefficient is
    ///   0/0 (a constant vector, or all pairs tied).
    public func compare(_ a: [Double], _ b: [Double]) throws(SimilarityError) -> Double {
        guard a.count == b.count else { throw .lengthMismatch(first: a.count, second: b.count) }
        guard a.count >= 2 else { throw .tooFewRows(found: a.count, minimum: 2) }
        if let i = a.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(operand: .first, index: i) }
        if let i = b.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(operand: .second, index: i) }
        switch self {
        case .pearson: return try VectorCorrelation.pearson(a, b)
        case .cosine: return try VectorCorrelation.cosine(a, b)
        case .spearman(let ties): return try VectorCorrelation.spearman(a, b, ties: ties)
        case .rhoA: return try VectorCorrelation.rhoA(a, b)
        case .kendallTauA: return try KendallTau.counts(a, b).tauA
        case .kendallTauB: return try KendallTau.counts(a, b).tauB()
        }
    }
}
