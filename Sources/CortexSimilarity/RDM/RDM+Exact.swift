import CortexNumerics

extension RDM {
    /// Pairs × units above which a Euclidean RDM of data with no common denominator uses the
    /// centred Gram (≈ 1 s of direct summation below it).
    static let directPathLimit = 1 << 30

    /// Euclidean RDMs whose ties survive: equal differences xᵢ − xⱼ = xₖ − xₗ give bit-identical
    /// distances.
    ///
    /// 1. Data with a common denominator R (integers, k/R; ``IntegerScale``): the uncentred Gram
    ///    of the integers R·x, exact in `Double`; d² = (Kᵢᵢ + Kⱼⱼ − 2Kᵢⱼ)/R². Gram speed.
    /// 2. Otherwise, when pairs × units ≤ ``directPathLimit``: Σₖ (xᵢₖ − xⱼₖ)² summed directly in
    ///    `Double`, in the same order for every pair.
    /// 3. Otherwise (a wide real-valued layer, where exact ties do not occur): the column-centred
    ///    Gram, as before.
    static func exactEuclidean<S: ColumnChunkSource>(_ source: S, distance: RDMDistance,
                                                     blockColumns: Int) throws(SimilarityError) -> RDM {
        let (n, p) = (source.rowCount, source.columnCount)
        let squared = distance == .squaredEuclideanPerChannel
        func finish(_ d2: Double) -> Double { squared ? d2 / Double(p) : d2.squareRoot() }
        if let scale = try IntegerScale.detect(in: source, blockColumns: blockColumns) {
            let k = try GramAccumulator<Double>.gram(of: IntegerScaledSource(base: source, denominator: Double(scale.denominator)),
                                                     centring: .none, blockColumns: blockColumns)
            let r2 = Double(scale.denominator) * Double(scale.denominator)
            var out = [Double]()
            out.reserveCapacity(pairCount(n))
            k.withUnsafeBufferPointer { g in
                for i in 0..<n {
                    for j in (i + 1)..<max(i + 1, n) {
                        out.append(finish((g[i * n + i] + g[j * n + j] - 2 * g[i * n + j]) / r2))
                    }
                }
            }
            return RDM(conditionCount: n, dissimilarities: out)
        }
        guard pairCount(n) * p <= directPathLimit else {
            let g = try GramAccumulator<S.Scalar>.gram(of: source, centring: .columns, blockColumns: blockColumns)
            return try fromGram(g, distance: distance, columns: p, operand: .first)
        }
        let x = try denseRows(of: source, blockColumns: blockColumns)
        var out = [Double](repeating: 0, count: pairCount(n))
        x.withUnsafeBufferPointer { v in
            let base = v.baseAddress!
            var index = 0
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) {
                    var s = 0.0
                    let (a, b) = (base + i * p, base + j * p)
                    for c in 0..<p { let d = a[c] - b[c]; s += d * d }
                    out[index] = finish(s)
                    index += 1
                }
            }
        }
        return RDM(conditionCount: n, dissimilarities: out)
    }

    /// A streamed matrix in memory, rows × columns as `Double`, after checking every entry is finite.
    static func denseRows<S: ColumnChunkSource>(of source: S, blockColumns: Int,
                                                operand: SimilarityOperand = .first,
                                                firstRow: Int = 0) throws(SimilarityError) -> NDArray<Double> {
        let (n, p) = (source.rowCount, source.columnCount)
        var out = [Double](repeating: 0, count: n * p)
        var start = 0
        while start < p {
            let end = min(p, start + max(1, blockColumns))
            try source.withColumns(start..<end) { (block: ColumnBlock<S.Scalar>) throws(SimilarityError) -> Void in
                for i in 0..<n {
                    let row = block.base + i * block.rowStride
                    for j in 0..<block.columns {
                        let x = Double(row[j])
                        guard x.isFinite else { throw .nonFiniteEntry(operand: operand, row: firstRow + i, column: start + j) }
                        out[i * p + start + j] = x
                    }
                }
            }
            source.didConsumeColumns(before: end)
            start = end
        }
        return NDArray(shape: [n, p], scalars: out)
    }

    /// Each row replaced by its ranks over the columns (average ranks for ties), as `Double`:
    /// the input of a Spearman correlation between rows.
    static func rowRanks<S: ColumnChunkSource>(of source: S, blockColumns: Int, operand: SimilarityOperand = .first,
                                               firstRow: Int = 0) throws(SimilarityError) -> NDArray<Double> {
        let x = try denseRows(of: source, blockColumns: blockColumns, operand: operand, firstRow: firstRow)
        let (n, p) = (x.rows, x.columns)
        var ranks = [Double](repeating: 0, count: n * p)
        x.withUnsafeBufferPointer { v in
            ranks.withUnsafeMutableBufferPointer { r in
                for i in 0..<n {
                    // Finite entries (checked above): ranking cannot fail.
                    try? Statistics.ranks(of: UnsafeBufferPointer(rebasing: v[(i * p)..<((i + 1) * p)]),
                                          into: UnsafeMutableBufferPointer(rebasing: r[(i * p)..<((i + 1) * p)]),
                                          ties: .average)
                }
            }
        }
        return NDArray(shape: [n, p], scalars: ranks)
    }
}
