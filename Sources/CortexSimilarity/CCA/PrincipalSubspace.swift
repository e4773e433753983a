import CortexNumerics

/// The principal subspace of a column-centred representation, from its n × n Gram matrix
/// K = X̃X̃ᵀ = U·S²·Uᵀ: the left singular vectors U (an orthonormal basis of the column space of
/// X̃, i.e. of every linear read-out of the units) and the singular values S.
///
/// Working from K (not an SVD of X̃) means the subspace of a layer with 800,000 features comes
/// from one streamed `syrk` plus an n × n eigendecomposition.
struct PrincipalSubspace: Sendable {
    /// n × k, orthonormal columns, in decreasing order of singular value.
    var basis: NDArray<Double>
    /// The k singular values s₁ ≥ … ≥ s_k > 0.
    var singularValues: [Double]

    /// - Throws: `.linearAlgebra` if the eigensolver fails; `.degenerateRepresentation` when
    ///   no dimension has positive variance.
    init(centredGram k: NDArray<Double>, dimensions: CCADimensions, operand: SimilarityOperand) throws(SimilarityError) {
        let eigen: LinearAlgebra.SymmetricEigen<Double>
        do { eigen = try LinearAlgebra.symmetricEigen(k) } catch let error as LinearAlgebraError {
            throw .linearAlgebra(error)
        } catch { preconditionFailure("symmetricEigen: \(error)") }
        let n = k.rows
        let order = Array((0..<n).reversed())   // descending eigenvalues
        let largest = eigen.values.last ?? 0
        guard largest > 0 else { throw .degenerateRepresentation(operand: operand, selfSimilarity: largest) }
        let rank = order.filter { eigen.values[$0] > largest * 1e-12 }.count
        var keep = rank
        switch dimensions {
        case .all: break
        case .count(let c):
            precondition(c >= 1, "CCADimensions.count must be ≥ 1")
            keep = min(c, rank)
        case .varianceFraction(let f):
            precondition(f > 0 && f <= 1, "CCADimensions.varianceFraction must be in (0, 1]")
            let total = order.prefix(rank).map { eigen.values[$0] }.reduce(0, +)
            var running = 0.0
            keep = 0
            for index in order.prefix(rank) {
                running += eigen.values[index]
                keep += 1
                if running >= f * total { break }
            }
        }
        let chosen = Array(order.prefix(keep))
        basis = NDArray(shape: [n, keep]) { e in eigen.vectors[e / keep, chosen[e % keep]] }
        singularValues = chosen.map { eigen.values[$0].squareRoot() }
    }

    /// The top `k` dimensions (k ≤ the kept count).
    func truncated(to k: Int) -> PrincipalSubspace {
        let (n, kept) = (basis.rows, singularValues.count)
        precondition(k >= 1 && k <= kept, "PrincipalSubspace: cannot keep \(k) of \(kept) dimensions")
        if k == kept { return self }
        var copy = self
        copy.basis = NDArray(shape: [n, k]) { e in basis.scalars[(e / k) * kept + e % k] }
        copy.singularValues = Array(singularValues.prefix(k))
        return copy
    }

    /// Both subspaces cut to what `cap` allows for n frames; returns the uncapped counts too.
    static func capped(_ x: PrincipalSubspace, _ y: PrincipalSubspace,
                       cap: CCADimensionCap) -> (x: PrincipalSubspace, y: PrincipalSubspace) {
        let (kx, ky) = cap.apply(x.singularValues.count, y.singularValues.count, frames: x.basis.rows)
        return (x.truncated(to: kx), y.truncated(to: ky))
    }

    /// Canonical correlations between two subspaces: the singular values of U_xᵀU_y, and the
    /// singular vectors (for canonical variates).
    static func canonical(_ x: PrincipalSubspace, _ y: PrincipalSubspace) throws(SimilarityError) -> LinearAlgebra.SVD<Double> {
        let m = LinearAlgebra.matmul(x.basis, y.basis, transposeA: true)
        do { return try LinearAlgebra.svd(m) } catch let error as LinearAlgebraError {
            throw .linearAlgebra(error)
        } catch { preconditionFailure("svd: \(error)") }
    }
}
