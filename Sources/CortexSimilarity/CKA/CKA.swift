import CortexNumerics
import Foundation

/// Centred kernel alignment (Kornblith et al. 2019) between two representations of the same n
/// stimuli (rows), with p₁ and p₂ features (columns):
///
///     CKA(K, L) = HSIC(K, L) / √(HSIC(K, K) · HSIC(L, L)),
///
/// with K, L the kernel Gram matrices over rows. For the linear kernel and the biased estimator,
/// on column-centred X, Y, this is ‖YᵀX‖²_F / (‖XᵀX‖_F ‖YᵀY‖_F).
///
/// ```swift
/// let linear = try CKA.score(x, y)                                        // linear, biased
/// let rbf = try CKA.score(x, y, kernel: .rbf(threshold: 1))
/// let debiased = try CKA.score(x, y, estimator: .unbiased)
/// let streamed = try CKA.score(source: try NPYColumnSource<Float>(url: big), y)   // 899 × 800k layer
/// ```
///
/// CKA is invariant to orthogonal transforms and isotropic scaling of either side, and
/// CKA(X, X) = 1. The Gram path builds each n × n Gram matrix by a streamed `syrk` over column
/// blocks, exact column centring per block, so a layer never has to fit in memory.
///
/// - Complexity: Gram space O(n²(p₁ + p₂)) flops, O(n²) memory; feature space O(n(p₁ + p₂)²).
/// - Reference: S. Kornblith, M. Norouzi, H. Lee, G. Hinton, "Similarity of neural network
///   representations revisited", ICML 2019 (and their reference notebook); L. Song, A. Smola,
///   A. Gretton, J. Bedo, K. Borgwardt, "Feature selection via dependence maximization",
///   JMLR 13, 2012 (unbiased HSIC).
public enum CKA {
    /// CKA between two in-memory matrices (rows = stimuli/frames).
    /// - Throws: `.notAMatrix`, `.emptyInput`, `.rowCountMismatch`, `.tooFewRows` (n < 2, or
    ///   n < 4 for the unbiased estimator), `.nonFiniteEntry`, `.degenerateRepresentation` (a side
    ///   with zero self-similarity, e.g. all rows equal).
    public static func score<A: BLASScalar, B: BLASScalar>(
        _ x: NDArray<A>, _ y: NDArray<B>, kernel: CKAKernel = .linear, estimator: HSICEstimator = .biased,
        space: CKASpace = .automatic
    ) throws(SimilarityError) -> Double {
        guard x.isMatrix else { throw .notAMatrix(operand: .first, shape: x.shape) }
        guard y.isMatrix else { throw .notAMatrix(operand: .second, shape: y.shape) }
        try validate(x, y, estimator: estimator)
        let useFeatures = kernel == .linear && estimator == .biased
            && (space == .features || (space == .automatic && x.columns + y.columns < x.rows))
        if useFeatures {
            return try featureSpaceLinear(try doubleColumnCentred(x, .first), try doubleColumnCentred(y, .second))
        }
        return try score(source: x, y, kernel: kernel, estimator: estimator)
    }

    /// CKA between two streamed matrices, always in Gram space; equals the in-memory result.
    public static func score<X: ColumnChunkSource, Y: ColumnChunkSource>(
        source x: X, _ y: Y, kernel: CKAKernel = .linear, estimator: HSICEstimator = .biased,
        blockColumns: Int = GramAccumulator<Float>.defaultBlockColumns
    ) throws(SimilarityError) -> Double {
        try validate(x, y, estimator: estimator)
        let k = try kernelGram(source: x, kernel: kernel, operand: .first, blockColumns: blockColumns)
        let l = try kernelGram(source: y, kernel: kernel, operand: .second, blockColumns: blockColumns)
        return try score(kernelX: k, kernelY: l, estimator: estimator)
    }

    /// The kernel Gram matrix over the rows of `source` (the prepared form of one side: compute
    /// it once to compare one representation with many).
    public static func kernelGram<S: ColumnChunkSource>(
        source: S, kernel: CKAKernel, operand: SimilarityOperand = .first, blockColumns: Int = GramAccumulator<Float>.defaultBlockColumns
    ) throws(SimilarityError) -> NDArray<Double> {
        // The linear kernel needs no column centring here: `score(kernelX:kernelY:)` centres the
        // Gram (H·K·H = (HX)(HX)ᵀ), so the big matrix is read once by syrk and never copied to
        // centre it (Kornblith's numpy code does the same). RBF distances are computed from a
        // column-centred Gram to keep cancellation small.
        let centring: GramCentring = kernel == .linear ? .none : .columns
        // Uncentred blocks are not copied, so wider blocks cost no memory: let syrk run on 8× the
        // default width (its speed grows with k; single-precision sums stay ≤ 16,384 terms, still
        // shorter than numpy's float32 product over all columns).
        let width = centring == .none && blockColumns == GramAccumulator<S.Scalar>.defaultBlockColumns
            ? 8 * blockColumns : blockColumns
        let linear = try GramAccumulator<S.Scalar>.gram(of: source, centring: centring, operand: operand,
                                                        blockColumns: width)
        switch kernel {
        case .linear: return linear
        case .rbf(let threshold): return try rbf(fromLinear: linear, threshold: threshold, operand: operand)
        }
    }

    /// CKA from two kernel Gram matrices (any centring; they are centred here).
    public static func score(kernelX k: NDArray<Double>, kernelY l: NDArray<Double>,
                             estimator: HSICEstimator = .biased) throws(SimilarityError) -> Double {
        guard k.rows == l.rows else { throw .rowCountMismatch(first: k.rows, second: l.rows) }
        let kc = centred(k, estimator: estimator), lc = centred(l, estimator: estimator)
        let (kk, ll, kl) = frobeniusProducts(kc, lc)
        guard kk > 0 else { throw .degenerateRepresentation(operand: .first, selfSimilarity: kk) }
        guard ll > 0 else { throw .degenerateRepresentation(operand: .second, selfSimilarity: ll) }
        let value = kl / (kk.squareRoot() * ll.squareRoot())
        // The biased score lies in [0, 1]; the unbiased one may be slightly negative.
        return estimator == .biased ? min(1, max(0, value)) : min(1, value)
    }

    /// Kornblith's `center_gram`: H·K·H (biased), or U-centring with zero diagonal (unbiased):
    /// K̃ᵢⱼ = Kᵢⱼ − mᵢ − mⱼ for i ≠ j with mᵢ = Σₖ Kᵢₖ/(n − 2) − Σₖₗ Kₖₗ/(2(n − 1)(n − 2)) and the
    /// diagonal of K zeroed first; ⟨K̃, L̃⟩/(n(n − 3)) is then Song et al.'s unbiased HSIC.
    static func centred(_ k: NDArray<Double>, estimator: HSICEstimator) -> NDArray<Double> {
        let n = k.rows
        var g = k.scalars
        var means = [Double](repeating: 0, count: n)
        switch estimator {
        case .biased:
            for i in 0..<n { for j in 0..<n { means[j] += g[i * n + j] } }
            for j in 0..<n { means[j] /= Double(n) }
            let half = means.reduce(0, +) / Double(n) / 2
            for j in 0..<n { means[j] -= half }
            for i in 0..<n { for j in 0..<n { g[i * n + j] -= means[i] + means[j] } }
        case .unbiased:
            for i in 0..<n { g[i * n + i] = 0 }
            for i in 0..<n { for j in 0..<n { means[j] += g[i * n + j] } }
            for j in 0..<n { means[j] /= Double(n - 2) }
            let correction = means.reduce(0, +) / (2 * Double(n - 1))
            for j in 0..<n { means[j] -= correction }
            for i in 0..<n { for j in 0..<n { g[i * n + j] -= means[i] + means[j] } }
            for i in 0..<n { g[i * n + i] = 0 }
        }
        return NDArray(shape: [n, n], scalars: g)
    }

    /// ⟨K, K⟩, ⟨L, L⟩, ⟨K, L⟩ (Frobenius) in one pass.
    static func frobeniusProducts(_ k: NDArray<Double>, _ l: NDArray<Double>) -> (Double, Double, Double) {
        var kk = 0.0, ll = 0.0, kl = 0.0
        k.withUnsafeBufferPointer { a in
            l.withUnsafeBufferPointer { b in
                for i in 0..<a.count {
                    kk += a[i] * a[i]
                    ll += b[i] * b[i]
                    kl += a[i] * b[i]
                }
            }
        }
        return (kk, ll, kl)
    }

    /// RBF Gram from a linear Gram: d²ᵢⱼ = Kᵢᵢ + Kⱼⱼ − 2Kᵢⱼ (shift-invariant, so the column-centred
    /// Gram serves), σ² = threshold² · median(d²) over all n² entries (NumPy's median).
    static func rbf(fromLinear k: NDArray<Double>, threshold: Double, operand: SimilarityOperand) throws(SimilarityError) -> NDArray<Double> {
        precondition(threshold > 0 && threshold.isFinite, "CKA: rbf threshold must be positive, got \(threshold)")
        let n = k.rows
        let diagonal = (0..<n).map { k.scalars[$0 * n + $0] }
        var d2 = k.scalars
        for i in 0..<n { for j in 0..<n { d2[i * n + j] = i == j ? 0 : max(0, diagonal[i] + diagonal[j] - 2 * d2[i * n + j]) } }
        let median: Double
        do throws(StatisticsError) { median = try Statistics.median(d2) } catch { median = .nan }
        guard median > 0 else { throw .degenerateRepresentation(operand: operand, selfSimilarity: median) }
        let scale = -1 / (2 * threshold * threshold * median)
        return NDArray(shape: [n, n], scalars: d2.map { Foundation.exp($0 * scale) })
    }

    /// Linear CKA in feature space on column-centred X, Y: ‖YᵀX‖²_F/(‖XᵀX‖_F ‖YᵀY‖_F).
    static func featureSpaceLinear(_ x: NDArray<Double>, _ y: NDArray<Double>) throws(SimilarityError) -> Double {
        let xx = LinearAlgebra.gram(x, of: .columns), yy = LinearAlgebra.gram(y, of: .columns)
        let yx = LinearAlgebra.matmul(y, x, transposeA: true)
        let nx = xx.frobeniusNorm(), ny = yy.frobeniusNorm(), nyx = yx.frobeniusNorm()
        guard nx > 0 else { throw .degenerateRepresentation(operand: .first, selfSimilarity: nx) }
        guard ny > 0 else { throw .degenerateRepresentation(operand: .second, selfSimilarity: ny) }
        return min(1, max(0, nyx * nyx / (nx * ny)))
    }

    /// A column-centred `Double` copy (feature space is used only for few features).
    static func doubleColumnCentred<T: BLASScalar>(_ x: NDArray<T>, _ operand: SimilarityOperand) throws(SimilarityError) -> NDArray<Double> {
        let d = x.map { Double($0) }
        if let i = d.scalars.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteEntry(operand: operand, row: i / x.columns, column: i % x.columns)
        }
        return d.columnCentred()
    }

    static func validate<X: ColumnChunkSource, Y: ColumnChunkSource>(_ x: X, _ y: Y, estimator: HSICEstimator) throws(SimilarityError) {
        // An in-memory array of the wrong rank would trap in rowCount: report it instead.
        if let array = x as? NDArray<X.Scalar>, !array.isMatrix { throw .notAMatrix(operand: .first, shape: array.shape) }
        if let array = y as? NDArray<Y.Scalar>, !array.isMatrix { throw .notAMatrix(operand: .second, shape: array.shape) }
        guard x.rowCount > 0, x.columnCount > 0 else { throw .emptyInput(operand: .first, shape: [x.rowCount, x.columnCount]) }
        guard y.rowCount > 0, y.columnCount > 0 else { throw .emptyInput(operand: .second, shape: [y.rowCount, y.columnCount]) }
        guard x.rowCount == y.rowCount else { throw .rowCountMismatch(first: x.rowCount, second: y.rowCount) }
        let minimum = estimator == .unbiased ? 4 : 2
        guard x.rowCount >= minimum else { throw .tooFewRows(found: x.rowCount, minimum: minimum) }
    }
}
