/// A row-major view of a block of columns of a larger matrix: element (i, j) of the block is
/// `base[i * rowStride + j]`. Valid only inside the closure that receives it.
public struct ColumnBlock<Scalar: BLASScalar> {
    /// Element (0, 0) of the block.
    public let base: UnsafePointer<Scalar>
    /// Distance in elements between the starts of consecutive rows (≥ `columns`).
    public let rowStride: Int
    /// Number of rows.
    public let rows: Int
    /// Number of columns in the block.
    public let columns: Int

    public init(base: UnsafePointer<Scalar>, rowStride: Int, rows: Int, columns: Int) {
        precondition(rowStride >= columns && rows >= 0 && columns >= 0, "ColumnBlock: invalid geometry")
        self.base = base
        self.rowStride = rowStride
        self.rows = rows
        self.columns = columns
    }
}
