import CortexNumerics

/// The rows `firstRow...` of a streamed matrix, as a streamed matrix: each block is a view of the
/// underlying block that starts `firstRow` rows later (no copy). Used by ``FramePolicyMetric`` to
/// drop frame 0 of a layer that is never in memory whole.
struct RowSuffixSource<Base: ColumnChunkSource>: ColumnChunkSource {
    typealias Scalar = Base.Scalar
    let base: Base
    let firstRow: Int

    init(_ base: Base, firstRow: Int) {
        precondition(firstRow >= 0 && firstRow <= base.rowCount, "RowSuffixSource: first row \(firstRow) out of range")
        self.base = base
        self.firstRow = firstRow
    }

    var rowCount: Int { base.rowCount - firstRow }
    var columnCount: Int { base.columnCount }

    func withColumns<R, Failure: ColumnSourceFailure>(_ range: Range<Int>,
                                                      _ body: (ColumnBlock<Scalar>) throws(Failure) -> R) throws(Failure) -> R {
        let first = firstRow
        return try base.withColumns(range) { (block: ColumnBlock<Scalar>) throws(Failure) -> R in
            try body(ColumnBlock(base: block.base + first * block.rowStride, rowStride: block.rowStride,
                                 rows: block.rows - first, columns: block.columns))
        }
    }

    func didConsumeColumns(before column: Int) { base.didConsumeColumns(before: column) }
}
