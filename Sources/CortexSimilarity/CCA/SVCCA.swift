import CortexNumerics

/// Singular vector canonical correlation analysis (Raghu et al. 2017): reduce each
/// representation to its top principal dimensions, then take the mean canonical correlation
/// between the two reduced representations.
///
///     SVCCA(X, Y) = (1/m) Σᵢ ρᵢ,   ρᵢ = σᵢ(U_xᵀ U_y),   m = min(k_x, k_y),
///
/// where U_x (n × k_x) spans the top k_x principal dimensions of column-centred X. Each principal
/// basis is computed on its smaller side (``PrincipalSubspace``): from the streamed n × n Gram
/// matrix when the side has at least as many units as frames, else from a thin SVD of the data.
///
/// ```swift
/// let score = try SVCCA.score(layer, brain, dimensions: .varianceFraction(0.99))
/// ```
///
/// - Complexity: per side, O(n²p + n³) when p ≥ n (Gram, eigendecomposition), O(n·p²) when p < n
///   (thin SVD).
/// - Reference: M. Raghu, J. Gilmer, J. Yosinski, J. Sohl-Dickstein, "SVCCA: Singular vector
///   canonical correlation analysis for deep learning dynamics and interpretability", NeurIPS 2017.
public enum SVCCA {
    /// Mean canonical correlation after reducing each side to `dimensions`.
    /// - Throws: `.notAMatrix`, `.emptyInput`, `.rowCountMismatch`, `.tooFewRows` (< 2),
    ///   `.nonFiniteEntry`, `.degenerateRepresentation` (a constant side).
    public static func score<X: ColumnChunkSource, Y: ColumnChunkSource>(
        _ x: X, _ y: Y, dimensions: CCADimensions = .all, blockColumns: Int = 2048
    ) throws(SimilarityError) -> Double {
        let rho = try canonicalCorrelations(x, y, dimensions: dimensions, blockColumns: blockColumns)
        return rho.reduce(0, +) / Double(rho.count)
    }

    /// The score with the dimensions behind it, after capping them (``CCADimensionCap``).
    public static func analysis<X: ColumnChunkSource, Y: ColumnChunkSource>(
        _ x: X, _ y: Y, dimensions: CCADimensions = .all, cap: CCADimensionCap, blockColumns: Int = 2048
    ) throws(SimilarityError) -> CCAResult {
        try CKA.validate(x, y, estimator: .biased)
        let sx = try PrincipalSubspace.of(x, dimensions: dimensions, operand: .first, blockColumns: blockColumns)
        let sy = try PrincipalSubspace.of(y, dimensions: dimensions, operand: .second, blockColumns: blockColumns)
        let (cx, cy) = PrincipalSubspace.capped(sx, sy, cap: cap)
        let rho = try PrincipalSubspace.canonical(cx, cy).singularValues.map { min(1, max(0, $0)) }
        return CCAResult(score: rho.reduce(0, +) / Double(rho.count), frames: x.rowCount,
                         kx: cx.singularValues.count, ky: cy.singularValues.count,
                         uncappedKx: sx.singularValues.count, uncappedKy: sy.singularValues.count, canonicalCorrelations: rho)
    }

    /// The canonical correlations ρ₁ ≥ … ≥ ρ_m between the reduced representations.
    public static func canonicalCorrelations<X: ColumnChunkSource, Y: ColumnChunkSource>(
        _ x: X, _ y: Y, dimensions: CCADimensions = .all, blockColumns: Int = 2048
    ) throws(SimilarityError) -> [Double] {
        try CKA.validate(x, y, estimator: .biased)
        let sx = try PrincipalSubspace.of(x, dimensions: dimensions, operand: .first, blockColumns: blockColumns)
        let sy = try PrincipalSubspace.of(y, dimensions: dimensions, operand: .second, blockColumns: blockColumns)
        return try PrincipalSubspace.canonical(sx, sy).singularValues.map { min(1, max(0, $0)) }
    }
}
