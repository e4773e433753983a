import CortexNumerics

/// Projection-weighted CCA (Morcos, Raghu & Bengio 2018): a weighted mean of the canonical
/// correlations, each weighted by how much of the representation its canonical variate accounts for.
///
///     PWCCA = Σᵢ αᵢ ρᵢ,   αᵢ ∝ Σⱼ |⟨hᵢ, x̃ⱼ⟩|,   Σᵢ αᵢ = 1,
///
/// with hᵢ the unit-norm canonical variates of the side with fewer units (X̃ column-centred, x̃ⱼ
/// its unit j over the n stimuli) and ρᵢ the canonical correlations after reducing each side to
/// `dimensions` (as ``SVCCA``). Morcos et al.'s code projects uncentred activities and drops
/// low-variance units by a threshold; here the activities are centred (the canonical variates
/// are), and rank deficiency is handled by the principal reduction.
///
/// - Complexity: as SVCCA plus O(n·p·m) for the projections (in-memory data).
/// - Reference: A. S. Morcos, M. Raghu, S. Bengio, "Insights on representational similarity in
///   neural networks with canonical correlation", NeurIPS 2018.
public enum PWCCA {
    /// PWCCA between two in-memory representations (rows = stimuli).
    public static func score<A: BLASScalar, B: BLASScalar>(
        _ x: NDArray<A>, _ y: NDArray<B>, dimensions: CCADimensions = .all
    ) throws(SimilarityError) -> Double {
        try analysis(x, y, dimensions: dimensions, cap: .none).score
    }

    /// The score with the dimensions behind it, after capping them (``CCADimensionCap``).
    public static func analysis<A: BLASScalar, B: BLASScalar>(
        _ x: NDArray<A>, _ y: NDArray<B>, dimensions: CCADimensions = .all, cap: CCADimensionCap
    ) throws(SimilarityError) -> CCAResult {
        guard x.isMatrix else { throw .notAMatrix(operand: .first, shape: x.shape) }
        guard y.isMatrix else { throw .notAMatrix(operand: .second, shape: y.shape) }
        try CKA.validate(x, y, estimator: .biased)
        let xd = try CKA.doubleColumnCentred(x, .first), yd = try CKA.doubleColumnCentred(y, .second)
        let ux = try PrincipalSubspace.of(centred: xd, dimensions: dimensions, operand: .first)
        let uy = try PrincipalSubspace.of(centred: yd, dimensions: dimensions, operand: .second)
        let (sx, sy) = PrincipalSubspace.capped(ux, uy, cap: cap)
        let svd = try PrincipalSubspace.canonical(sx, sy)
        let m = svd.singularValues.count
        let rho = svd.singularValues.map { min(1, max(0, $0)) }
        // Canonical variates of the side with fewer units: H = U·A (n × m), orthonormal columns.
        let useX = xd.columns <= yd.columns
        let (data, subspace) = useX ? (xd, sx) : (yd, sy)
        let directions = useX ? svd.u! : svd.vt!.transposed()
        let h = LinearAlgebra.matmul(subspace.basis, directions.columnsPrefix(m))
        let projections = LinearAlgebra.matmul(data, h, transposeA: true)   // p × m: ⟨x̃ⱼ, hᵢ⟩
        var weights = [Double](repeating: 0, count: m)
        projections.withUnsafeBufferPointer { p in
            for j in 0..<data.columns { for i in 0..<m { weights[i] += abs(p[j * m + i]) } }
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { throw .degenerateRepresentation(operand: useX ? .first : .second, selfSimilarity: 0) }
        return CCAResult(score: zip(weights, rho).map { $0 / total * $1 }.reduce(0, +), frames: xd.rows,
                         kx: sx.singularValues.count, ky: sy.singularValues.count,
                         uncappedKx: ux.singularValues.count, uncappedKy: uy.singularValues.count, canonicalCorrelations: rho)
    }
}

extension NDArray where Scalar == Double {
    /// Column j multiplied by factor(j).
    func enumeratedScale(_ factor: (Int) -> Double) -> NDArray<Double> {
        let p = columns
        return NDArray(shape: shape) { scalars[$0] * factor($0 % p) }
    }

    /// The first `k` columns.
    func columnsPrefix(_ k: Int) -> NDArray<Double> {
        let p = columns
        return NDArray(shape: [rows, k]) { e in scalars[(e / k) * p + e % k] }
    }
}
