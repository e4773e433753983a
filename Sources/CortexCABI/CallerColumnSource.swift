import CortexKit

/// A caller's matrix (``CMatrixView``) as a CortexKit column source, so TSRSA streams it straight
/// from the caller's memory: with unit column stride (C order, or a row slice of it) each block of
/// columns is a view of that memory, no copy; otherwise (Fortran order, column steps) each block
/// is gathered into a small row-major buffer, one block at a time.
struct CallerColumnSource<Scalar: BLASScalar>: ColumnChunkSource {
    let base: UnsafePointer<Scalar>
    let rowCount: Int
    let columnCount: Int
    let rowStride: Int
    let columnStride: Int

    init(_ view: CMatrixView) {
        precondition(MemoryLayout<Scalar>.size == (view.element == .float64 ? 8 : 4), "CallerColumnSource: element type")
        base = view.data.assumingMemoryBound(to: Scalar.self)
        rowCount = view.rows
        columnCount = view.columns
        rowStride = view.rowStride
        columnStride = view.columnStride
    }

    /// Whether blocks are views of the caller's memory (no copy).
    var readsInPlace: Bool { columnStride == 1 && rowStride >= columnCount }

    func withColumns<R, Failure: ColumnSourceFailure>(_ range: Range<Int>,
                                                      _ body: (ColumnBlock<Scalar>) throws(Failure) -> R) throws(Failure) -> R {
        precondition(range.lowerBound >= 0 && range.upperBound <= columnCount, "withColumns: \(range) out of 0..<\(columnCount)")
        if readsInPlace {
            return try body(ColumnBlock(base: base + range.lowerBound, rowStride: rowStride, rows: rowCount, columns: range.count))
        }
        let width = range.count
        let buffer = UnsafeMutablePointer<Scalar>.allocate(capacity: max(1, rowCount * width))
        defer { buffer.deallocate() }
        for i in 0..<rowCount {
            let row = base + i * rowStride + range.lowerBound * columnStride
            for j in 0..<width { buffer[i * width + j] = row[j * columnStride] }
        }
        return try body(ColumnBlock(base: UnsafePointer(buffer), rowStride: width, rows: rowCount, columns: width))
    }
}
