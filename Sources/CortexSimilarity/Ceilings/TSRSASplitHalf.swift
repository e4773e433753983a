import CortexNumerics

/// The fast split-half-neurons ceiling for ``TSRSA``: one Gram product per split instead of two
/// preparations from scratch.
///
/// With each kept frame (row) shifted by its mean over all units, Y = X − m·1ᵀ, the full Gram
/// G = YYᵀ and the row sums s = Y·1 are computed once. For a split into unit sets A and B:
///
///     G_A = Y_A·Y_Aᵀ (one syrk over |A| ≈ p/2 columns),   G_B = G − G_A,
///     G̃_H = G_H − s_H·s_Hᵀ/|H|   (row-centred Gram of half H, since Pearson r is shift-invariant)
///
/// and the frame correlations of each half follow as r = G̃ᵢⱼ/√(G̃ᵢᵢG̃ⱼⱼ). The diagonals are summed
/// directly (Σ over the half of (yᵢₖ − ȳᵢ)²) and a frame constant within a half gets exactly zero
/// variance, so zero-variance handling is the same as ``FrameCorrelations``. The subtraction
/// G − G_A loses a few digits next to a direct product (relative error ≲ 10⁻¹³ on count data);
/// |r| within 10⁻¹² of 1 is snapped to ±1 so duplicated frames still tie exactly.
///
/// - Complexity: frames² × units (one full syrk) + splits × (frames² × units/2 + 2 rankings of
///   frames(frames − 1)/2 pairs); splits run in parallel.
enum TSRSASplitHalf {
    static func ceiling(_ responses: NDArray<Double>, options: TSRSAOptions, splits: Int, seed: UInt64,
                        workers: Int) throws -> NoiseCeiling {
        let first = options.dropsFirstFrame ? 1 : 0
        guard responses.rows > 0, responses.columns > 0 else {
            throw SimilarityError.emptyInput(operand: .first, shape: responses.shape)
        }
        guard responses.rows - first >= 3 else { throw SimilarityError.tooFewRows(found: max(0, responses.rows - first), minimum: 3) }
        let x = responses.rows(first..<responses.rows)
        let (n, p) = (x.rows, x.columns)
        if let bad = x.scalars.firstIndex(where: { !$0.isFinite }) {
            throw SimilarityError.nonFiniteEntry(operand: .first, row: bad / p + first, column: bad % p)
        }
        let means = x.rowMeans()
        let y = NDArray(shape: [n, p], generating: { x.scalars[$0] - means[$0 / p] })
        let full = LinearAlgebra.gram(y, of: .rows)
        let root = SplittableRandom(seed: seed)
        let results = ParallelFor.map(count: splits, workers: workers) { k -> Result<Double, SimilarityError> in
            let (a, b) = NoiseCeiling.halves(p, rng: root.derive(stream: UInt64(k)))
            let ya = y.selectingColumns(a)
            let ga = LinearAlgebra.gram(ya, of: .rows)
            var gb = full.scalars
            for i in 0..<(n * n) { gb[i] -= ga.scalars[i] }
            let halfA = correlations(gram: ga.scalars, y: y, columns: a, n: n, p: p, firstFrame: first)
            let halfB = correlations(gram: gb, y: y, columns: b, n: n, p: p, firstFrame: first)
            return Result { () throws(SimilarityError) in try TSRSA.score(model: halfA, brain: halfB, options: options).score }
        }
        return NoiseCeiling(splitScores: try results.map { try $0.get() }, spearmanBrownCorrected: false)
    }

    /// Frame correlations of the half `columns` from its uncentred (shifted) Gram matrix.
    static func correlations(gram: [Double], y: NDArray<Double>, columns: [Int], n: Int, p: Int,
                             firstFrame: Int) -> FrameCorrelations {
        let count = Double(columns.count)
        var sums = [Double](repeating: 0, count: n)
        var diagonal = [Double](repeating: 0, count: n)
        y.withUnsafeBufferPointer { v in
            for i in 0..<n {
                let row = i * p
                var s = 0.0
                for c in columns { s += v[row + c] }
                let mean = s / count
                var d = 0.0, constant = true
                let firstValue = v[row + columns[0]]
                for c in columns {
                    let e = v[row + c] - mean
                    d += e * e
                    if v[row + c] != firstValue { constant = false }
                }
                sums[i] = s
                diagonal[i] = constant ? 0 : d
            }
        }
        var g = gram
        for i in 0..<n {
            for j in 0..<n { g[i * n + j] -= sums[i] * sums[j] / count }
            g[i * n + i] = diagonal[i]
        }
        return FrameCorrelations(centredGram: NDArray(shape: [n, n], scalars: g), firstFrame: firstFrame,
                                 snapTolerance: 1e-12)
    }
}
