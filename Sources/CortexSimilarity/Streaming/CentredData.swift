import CortexNumerics

/// Reads a whole column source into memory as column-centred Double data, for the metrics that
/// work on the data itself when it has fewer units than frames (thin SVD, the units × units ridge
/// problem): n·p values, fewer than the n × n Gram matrix the wide route would hold.
enum CentredData {
    /// X̃ = X − column means, n × p in Double.
    /// - Throws: `.nonFiniteEntry` naming the first NaN or infinity (row, column).
    static func load<S: ColumnChunkSource>(_ source: S, operand: SimilarityOperand,
                                           blockColumns: Int = 2048) throws(SimilarityError) -> NDArray<Double> {
        let (n, p) = (source.rowCount, source.columnCount)
        let out = UnsafeMutableBufferPointer<Double>.allocate(capacity: n * p)
        defer { out.deallocate() }
        var start = 0
        while start < p {
            let end = min(p, start + blockColumns)
            try source.withColumns(start..<end) { (block) throws(SimilarityError) in
                for i in 0..<n {
                    let row = block.base + i * block.rowStride
                    for j in 0..<block.columns {
                        let v = Double(row[j])
                        guard v.isFinite else { throw .nonFiniteEntry(operand: operand, row: i, column: start + j) }
                        out[i * p + start + j] = v
                    }
                }
            }
            source.didConsumeColumns(before: end)
            start = end
        }
        return NDArray(rows: n, columns: p, scalars: Array(out)).columnCentred()
    }
}
