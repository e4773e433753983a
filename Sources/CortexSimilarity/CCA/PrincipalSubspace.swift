import CortexNumerics

/// The principal subspace of a column-centred representation X̃ (n frames × p units): the left
/// singular vectors U (an orthonormal basis of the column space of X̃, i.e. of every linear read-out
/// of the units) and the singular values S, X̃ = U·S·Vᵀ.
///
/// Computed on the smaller side (``of(_:dimensions:operand:blockColumns:)``): when units ≥ frames,
/// from the n × n Gram matrix K = X̃X̃ᵀ = U·S²·Uᵀ (one streamed `syrk` and an n × n
/// eigendecomposition, so a layer with 800,000 units is never loaded); when frames > units, from a
/// thin SVD of the n × p data itself (O(n·p²), no n × n matrix), as numpy's `svd(full_matrices=False)`.
struct PrincipalSubspace: Sendable {
    /// n × k, orthonormal columns, in decreasing order of singular value.
    var basis: NDArray<Double>
    /// The k singular values s₁ ≥ … ≥ s_k > 0.
    var singularValues: [Double]
    /// ‖X̃‖²_F = trace(K) = Σ of every squared singular value (kept or not).
    var totalVariance: Double

    /// From the centred Gram matrix K (the route for units ≥ frames).
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
        let keep = Self.kept(variances: order.map { eigen.values[$0] }, dimensions: dimensions)
        let chosen = Array(order.prefix(keep))
        basis = NDArray(shape: [n, keep]) { e in eigen.vectors[e / keep, chosen[e % keep]] }
        singularValues = chosen.map { eigen.values[$0].squareRoot() }
        totalVariance = (0..<n).map { k.scalars[$0 * n + $0] }.reduce(0, +)
    }

    /// From the column-centred data X̃ (n × p) by a thin SVD (the route for frames > units).
    /// - Throws: as ``init(centredGram:dimensions:operand:)``.
    init(centredData x: NDArray<Double>, dimensions: CCADimensions, operand: SimilarityOperand) throws(SimilarityError) {
        let svd: LinearAlgebra.SVD<Double>
        do { svd = try LinearAlgebra.svd(x) } catch let error as LinearAlgebraError {
            throw .linearAlgebra(error)
        } catch { preconditionFailure("svd: \(error)") }
        let variances = svd.singularValues.map { $0 * $0 }
        let largest = variances.first ?? 0
        guard largest > 0 else { throw .degenerateRepresentation(operand: operand, selfSimilarity: largest) }
        let keep = Self.kept(variances: variances, dimensions: dimensions)
        basis = svd.u!.columnsPrefix(keep)
        singularValues = Array(svd.singularValues.prefix(keep))
        totalVariance = variances.reduce(0, +)
    }

    /// The subspace of a representation, on the smaller side: frames > units loads the n × p
    /// values (fewer than the n × n Gram would hold) and takes a thin SVD; otherwise the Gram is
    /// streamed from the source block by block.
    static func of<S: ColumnChunkSource>(_ source: S, dimensions: CCADimensions, operand: SimilarityOperand,
                                         blockColumns: Int) throws(SimilarityError) -> PrincipalSubspace {
        if source.columnCount < source.rowCount {
            return try PrincipalSubspace(centredData: try CentredData.load(source, operand: operand),
                                         dimensions: dimensions, operand: operand)
        }
        let k = try GramAccumulator<S.Scalar>.gram(of: source, centring: .columns, operand: operand, blockColumns: blockColumns)
        return try PrincipalSubspace(centredGram: k, dimensions: dimensions, operand: operand)
    }

    /// The same for column-centred data already in memory.
    static func of(centred x: NDArray<Double>, dimensions: CCADimensions,
                   operand: SimilarityOperand) throws(SimilarityError) -> PrincipalSubspace {
        if x.columns < x.rows { return try PrincipalSubspace(centredData: x, dimensions: dimensions, operand: operand) }
        return try PrincipalSubspace(centredGram: LinearAlgebra.gram(x), dimensions: dimensions, operand: operand)
    }

    /// How many of the variances s₁² ≥ s₂² ≥ … (s₁² > 0) `dimensions` keeps: those above numerical
    /// rank (> 10⁻¹² s₁²), cut to a count or a variance fraction.
    static func kept(variances: [Double], dimensions: CCADimensions) -> Int {
        let largest = variances[0]
        let rank = variances.filter { $0 > largest * 1e-12 }.count
        switch dimensions {
        case .all:
            return rank
        case .count(let c):
            precondition(c >= 1, "CCADimensions.count must be ≥ 1")
            return min(c, rank)
        case .varianceFraction(let f):
            precondition(f > 0 && f <= 1, "CCADimensions.varianceFraction must be in (0, 1]")
            let total = variances.prefix(rank).reduce(0, +)
            var running = 0.0
            var keep = 0
            for value in variances.prefix(rank) {
                running += value
                keep += 1
                if running >= f * total { break }
            }
            return keep
        }
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
