import CortexNumerics

/// Orthogonal Procrustes shape distance between two representations of the same n stimuli:
/// centre the columns, scale each side to unit Frobenius norm, and find the rotation that best
/// aligns them. With X̃, Ỹ so normalised,
///
///     min_Q ‖X̃ − ỸQ‖²_F = 2 − 2‖X̃ᵀỸ‖_*   (Q orthogonal, ‖·‖_* the nuclear norm),
///
/// so ``similarity(_:_:blockColumns:)`` = ‖X̃ᵀỸ‖_* ∈ [0, 1] and ``distance(_:_:blockColumns:)`` =
/// √(2 − 2‖X̃ᵀỸ‖_*). The nuclear norm comes from each side's principal subspace X̃ = U_x S_x V_xᵀ
/// (``PrincipalSubspace``, on the smaller side: the streamed n × n Gram K = X̃X̃ᵀ = U_x S_x² U_xᵀ
/// when units ≥ frames, a thin SVD of the data when frames > units): the singular values of X̃ᵀỸ
/// are those of (U_x S_x)ᵀ(U_y S_y).
///
/// - Complexity: per side, O(n²p + n³) when p ≥ n, O(n·p²) when p < n.
/// - Reference: A. H. Williams, E. Kunz, S. Kornblith, S. Linderman, "Generalized shape metrics
///   on neural representations", NeurIPS 2021; F. Ding, J.-S. Denain, J. Steinhardt, "Grounding
///   representation similarity with statistical testing", NeurIPS 2021.
public enum Procrustes {
    /// ‖X̃ᵀỸ‖_* of the centred, unit-norm representations (1 when they match up to rotation).
    public static func similarity<X: ColumnChunkSource, Y: ColumnChunkSource>(
        _ x: X, _ y: Y, blockColumns: Int = 2048
    ) throws(SimilarityError) -> Double {
        try CKA.validate(x, y, estimator: .biased)
        let sx = try PrincipalSubspace.of(x, dimensions: .all, operand: .first, blockColumns: blockColumns)
        let sy = try PrincipalSubspace.of(y, dimensions: .all, operand: .second, blockColumns: blockColumns)
        return try similarity(sx, sy)
    }

    /// √(2 − 2‖X̃ᵀỸ‖_*) ∈ [0, √2].
    public static func distance<X: ColumnChunkSource, Y: ColumnChunkSource>(
        _ x: X, _ y: Y, blockColumns: Int = 2048
    ) throws(SimilarityError) -> Double {
        (2 - 2 * (try similarity(x, y, blockColumns: blockColumns))).squareRoot()
    }

    /// From both sides' full principal subspaces (X̃ = U_x S_x V_xᵀ): the singular values of X̃ᵀỸ
    /// are those of (U_x S_x)ᵀ(U_y S_y), a small r_x × r_y matrix (no square roots of noisy tiny
    /// eigenvalues), divided by √(‖X̃‖²_F ‖Ỹ‖²_F).
    static func similarity(_ sx: PrincipalSubspace, _ sy: PrincipalSubspace) throws(SimilarityError) -> Double {
        let (traceK, traceL) = (sx.totalVariance, sy.totalVariance)
        guard traceK > 0 else { throw .degenerateRepresentation(operand: .first, selfSimilarity: traceK) }
        guard traceL > 0 else { throw .degenerateRepresentation(operand: .second, selfSimilarity: traceL) }
        let bx = sx.basis.enumeratedScale { sx.singularValues[$0] }
        let by = sy.basis.enumeratedScale { sy.singularValues[$0] }
        let singular: [Double]
        do { singular = try LinearAlgebra.svd(LinearAlgebra.matmul(bx, by, transposeA: true), vectors: false).singularValues }
        catch let error as LinearAlgebraError { throw .linearAlgebra(error) }
        catch { preconditionFailure("svd: \(error)") }
        let nuclear = singular.reduce(0, +)
        return min(1, max(0, nuclear / (traceK * traceL).squareRoot()))
    }
}
