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
            // (A concrete zero array: NDArray's generic `repeating:` initializer copies element by element.)
            var ga = NDArray<Double>(shape: [n, n], scalars: [Double](repeating: 0, count: n * n))
            LinearAlgebra.accumulateGram(into: &ga, y.selectingColumns(a), of: .rows, beta: 0)   // upper triangle
            let statsA = rowStatistics(y: y, columns: a, n: n, p: p)
            let statsB = rowStatistics(y: y, columns: b, n: n, p: p)
            // Common case (one lag, no silent frame): each half's distance triangle straight from the
            // upper triangles of G_A and G − G_A, centred on the way — no n × n copies; the same
            // operations in the same order as the general path below, so the same values bit for bit.
            if options.lags == 0...0, let da = distanceTriangle(ga, minus: nil, statsA, count: a.count, n: n),
               let db = distanceTriangle(full, minus: ga, statsB, count: b.count, n: n) {
                return Result { () throws(SimilarityError) in try options.comparison.compare(da, db) }
            }
            LinearAlgebra.symmetrizeUpper(&ga)
            var gb = full.scalars
            ga.withUnsafeBufferPointer { q in for i in 0..<(n * n) { gb[i] -= q[i] } }
            let gramA = centredGram(ga.scalars, statsA, count: a.count, n: n)
            let gramB = centredGram(gb, statsB, count: b.count, n: n)
            return Result { () throws(SimilarityError) in
                let halfA = FrameCorrelations(centredGram: NDArray(shape: [n, n], scalars: gramA), firstFrame: first,
                                              snapTolerance: snapTolerance)
                let halfB = FrameCorrelations(centredGram: NDArray(shape: [n, n], scalars: gramB), firstFrame: first,
                                              snapTolerance: snapTolerance)
                return try TSRSA.score(model: halfA, brain: halfB, options: options).score
            }
        }
        return NoiseCeiling(splitScores: try results.map { try $0.get() }, spearmanBrownCorrected: false)
    }

    /// |r| this close to 1 is set to ±1 (see the type's comment).
    static let snapTolerance = 1e-12

    /// Upper-triangle correlation distances 1 − r of one half, in `TSRSA.distances` order, from
    /// the upper triangle of a Gram (minus another's, for the complementary half) centred with
    /// the half's row sums: rᵢⱼ = (Gᵢⱼ − sᵢsⱼ/|H|)/√(dᵢdⱼ), snapped to ±1 within
    /// ``snapTolerance``; nil if a frame has zero variance in the half (the general path decides).
    static func distanceTriangle(_ g: NDArray<Double>, minus other: NDArray<Double>?, _ stats: RowStatistics, count: Int,
                                 n: Int) -> [Double]? {
        guard stats.diagonal.allSatisfy({ $0 > 0 }) else { return nil }
        let c = Double(count)
        var out = [Double](repeating: 0, count: n * (n - 1) / 2)
        g.withUnsafeBufferPointer { p in
            (other ?? g).withUnsafeBufferPointer { q in
                stats.sums.withUnsafeBufferPointer { s in
                    stats.diagonal.withUnsafeBufferPointer { d in
                        out.withUnsafeMutableBufferPointer { o in
                            var k = 0
                            for i in 0..<n {
                                for j in (i + 1)..<n {
                                    let raw = other == nil ? p[i * n + j] : p[i * n + j] - q[i * n + j]
                                    let value = (raw - s[i] * s[j] / c) / (d[i] * d[j]).squareRoot()
                                    let r = abs(value) >= 1 - snapTolerance ? (value > 0 ? 1 : -1) : value
                                    o[k] = 1 - r
                                    k += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// A half's row sums Σₖ yᵢₖ and centred sums of squares Σₖ (yᵢₖ − ȳᵢ)² over its columns; the
    /// latter exactly 0 for a frame constant within the half.
    struct RowStatistics {
        var sums: [Double]
        var diagonal: [Double]
    }

    static func rowStatistics(y: NDArray<Double>, columns: [Int], n: Int, p: Int) -> RowStatistics {
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
        return RowStatistics(sums: sums, diagonal: diagonal)
    }

    /// G̃ = G − s·sᵀ/|H| with the directly summed diagonal (full n × n, for the general path).
    static func centredGram(_ gram: [Double], _ stats: RowStatistics, count: Int, n: Int) -> [Double] {
        let c = Double(count)
        var g = gram
        for i in 0..<n {
            for j in 0..<n { g[i * n + j] -= stats.sums[i] * stats.sums[j] / c }
            g[i * n + i] = stats.diagonal[i]
        }
        return g
    }
}
