/// How many principal dimensions of each representation SVCCA, PWCCA and Procrustes keep.
public enum CCADimensions: Sendable, Hashable {
    /// Every dimension above numerical rank (eigenvalues of the centred Gram matrix above
    /// 10⁻¹² of the largest). With p₁ + p₂ ≥ n, every canonical correlation is then 1: reduce first.
    case all
    /// The top k principal dimensions (fewer when the rank is smaller).
    case count(Int)
    /// The fewest top dimensions explaining at least this fraction of the variance (Raghu et al.
    /// use 0.99).
    case varianceFraction(Double)
}
