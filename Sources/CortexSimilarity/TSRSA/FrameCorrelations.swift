import CortexNumerics

/// The Pearson correlations between all frames (rows) of one response matrix: the prepared form
/// of one side of TSRSA, computed once and reused across lags, layers or permutations.
///
/// rᵢⱼ = G̃ᵢⱼ/√(G̃ᵢᵢG̃ⱼⱼ) from the row-centred Gram matrix G̃ (one streamed `syrk`); the correlation
/// distance is 1 − rᵢⱼ. Rows and columns of a zero-variance frame are NaN.
///
/// Under another ``RDMDistance`` the matrix holds 1 − d(i, j), so TSRSA's 1 − rᵢⱼ is that distance:
/// `.spearman` correlates each frame's ranks over the units (the study's STSRSA), `.cosine` uses
/// the uncentred Gram (a zero-norm frame counts as zero-variance), and the Euclidean distances
/// come from ``RDM`` (exact on counts).
public struct FrameCorrelations: Sendable, Hashable {
    /// n × n correlation matrix over the kept frames.
    public let correlations: NDArray<Double>
    /// The caller's index of kept frame 0 (1 when the first frame was dropped).
    public let firstFrame: Int
    /// Kept-frame indices (0-based, in `correlations`) with zero variance.
    public let zeroVarianceFrames: [Int]

    /// Ranks of the full frame RDM (``TSRSA`` distances over every kept frame) under one tie
    /// policy, when prepared with ``ranked(for:)`` — so a layer or an area scored against many
    /// others is ranked once, not once per pair. `nil` when not prepared or when a zero-variance
    /// frame makes the full RDM undefined.
    public private(set) var fullRanks: RankedDistances?

    /// Number of kept frames.
    public var frameCount: Int { correlations.rows }

    /// This value with ``fullRanks`` computed for `comparison` when it is a Spearman correlation
    /// (other comparisons need no ranks: the value is returned unchanged). Scores do not change:
    /// ``TSRSA/score(model:brain:options:)`` uses the ranks only where it would rank the same
    /// vector itself.
    public func ranked(for comparison: RDMComparison) -> FrameCorrelations {
        guard case .spearman(let ties) = comparison, zeroVarianceFrames.isEmpty, frameCount >= 3,
              fullRanks?.ties != ties else { return self }
        let distances = TSRSA.distances(correlations, frames: Array(0..<frameCount))
        guard let ranks = try? Statistics.ranks(distances, ties: ties, nans: .error) else { return self }
        var copy = self
        copy.fullRanks = RankedDistances(ties: ties, ranks: ranks)
        return copy
    }

    /// Correlations between the frames of `source` (rows `firstFrame...`).
    /// - Throws: `.emptyInput`, `.nonFiniteEntry`.
    /// - Complexity: frames² × units flops (syrk), one pass over the data, O(frames²) memory.
    public init<S: ColumnChunkSource>(source: S, dropsFirstFrame: Bool, operand: SimilarityOperand = .first,
                                      blockColumns: Int = 2048, distance: RDMDistance = .correlation) throws(SimilarityError) {
        let first = dropsFirstFrame ? 1 : 0
        if let array = source as? NDArray<S.Scalar>, !array.isMatrix { throw .notAMatrix(operand: operand, shape: array.shape) }
        guard source.rowCount > 0, source.columnCount > 0 else {
            throw .emptyInput(operand: operand, shape: [source.rowCount, source.columnCount])
        }
        guard source.rowCount - first >= 3 else { throw .tooFewRows(found: max(0, source.rowCount - first), minimum: 3) }
        switch distance {
        case .correlation:
            let g = try GramAccumulator<S.Scalar>.gram(of: source, rows: first..<source.rowCount, centring: .rows,
                                                       operand: operand, blockColumns: blockColumns)
            self.init(centredGram: g, firstFrame: first, snapTolerance: 64 * Double(S.Scalar.ulpOfOne))
        case .spearman:
            // 1 − Spearman ρ between frames = the correlation distance of each frame's ranks.
            let ranks = try RDM.rowRanks(of: RowSuffixSource(source, firstRow: first), blockColumns: blockColumns,
                                         operand: operand, firstRow: first)
            let g = try GramAccumulator<Double>.gram(of: ranks, centring: .rows, operand: operand, blockColumns: blockColumns)
            self.init(centredGram: g, firstFrame: first, snapTolerance: 64 * Double.ulpOfOne)
        case .cosine:
            // The same ratio from the uncentred Gram; a zero-norm frame is listed as zero-variance.
            let g = try GramAccumulator<S.Scalar>.gram(of: source, rows: first..<source.rowCount, centring: .none,
                                                       operand: operand, blockColumns: blockColumns)
            self.init(centredGram: g, firstFrame: first, snapTolerance: 64 * Double(S.Scalar.ulpOfOne))
        case .euclidean, .squaredEuclideanPerChannel:
            // Stored as 1 − d so that TSRSA's distance 1 − r is d itself; no frame is undefined.
            let rdm: RDM
            do { rdm = try RDM(source: RowSuffixSource(source, firstRow: first), distance: distance, blockColumns: blockColumns) }
            catch .nonFiniteEntry(_, let row, let column) { throw .nonFiniteEntry(operand: operand, row: row + first, column: column) }
            let n = rdm.conditionCount
            var r = [Double](repeating: 1, count: n * n)
            var k = 0
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) {
                    r[i * n + j] = 1 - rdm.dissimilarities[k]
                    r[j * n + i] = r[i * n + j]
                    k += 1
                }
            }
            self.init(correlations: NDArray(shape: [n, n], scalars: r), firstFrame: first, zeroVarianceFrames: [])
        }
    }

    /// From a row-centred Gram matrix whose entries carry relative rounding error ≲ `snapTolerance`.
    init(centredGram g: NDArray<Double>, firstFrame: Int, snapTolerance: Double) {
        let n = g.rows
        var r = g.scalars
        let diagonal = (0..<n).map { r[$0 * n + $0] }
        let zero = (0..<n).filter { !(diagonal[$0] > 0) }
        // rᵢⱼ = G̃ᵢⱼ/√(G̃ᵢᵢG̃ⱼⱼ). Duplicated frames must tie exactly (the study's inputs have them):
        // the diagonal is bit-identical for identical rows (GramAccumulator), BLAS's off-diagonal
        // entries do not depend on position, so d(i, k) = d(i′, k) exactly; and |r| within the
        // Gram's rounding (`snapTolerance`, 64 ulps of the block precision) of 1 is set to ±1, so a
        // duplicated pair has distance exactly 0 rather than ±1 ulp of noise.
        for i in 0..<n {
            for j in 0..<n {
                if i == j {
                    r[i * n + j] = diagonal[i] > 0 ? 1 : .nan
                } else if diagonal[i] > 0 && diagonal[j] > 0 {
                    let value = r[i * n + j] / (diagonal[i] * diagonal[j]).squareRoot()
                    r[i * n + j] = abs(value) >= 1 - snapTolerance ? (value > 0 ? 1 : -1) : value
                } else {
                    r[i * n + j] = .nan
                }
            }
        }
        correlations = NDArray(shape: [n, n], scalars: r)
        self.firstFrame = firstFrame
        zeroVarianceFrames = zero
    }
}
