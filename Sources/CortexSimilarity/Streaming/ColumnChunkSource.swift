import CortexNumerics

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

/// A `rows × columns` matrix (rows = frames or conditions, columns = units or features) that can be
/// read one block of columns at a time, so statistics over rows (Gram matrices, row sums) can be
/// accumulated for matrices too large for memory.
///
/// `NDArray` conforms (its blocks are views of its storage, no copy); ``NPYColumnSource`` reads a
/// memory-mapped `.npy` file. Implement it to stream from anything else (HDF5, a network layer
/// evaluated on the fly).
///
/// ```swift
/// let layer = try NPYColumnSource<Float>(url: url)       // 899 × 800,000, not loaded
/// let result = try TSRSA.score(model: layer, brain: visp)
/// ```
public protocol ColumnChunkSource {
    /// The element type of the blocks.
    associatedtype Scalar: BLASScalar
    /// Number of rows (frames or conditions).
    var rowCount: Int { get }
    /// Number of columns (units or features).
    var columnCount: Int { get }
    /// Calls `body` with a view of columns `range` (all rows).
    /// - Precondition: `range` lies within `0..<columnCount`.
    func withColumns<R>(_ range: Range<Int>,
                        _ body: (ColumnBlock<Scalar>) throws(SimilarityError) -> R) throws(SimilarityError) -> R
    /// Called after the columns before `column` have been consumed (blocks are requested in
    /// increasing order), so a source can release memory. The default does nothing.
    func didConsumeColumns(before column: Int)
}

extension ColumnChunkSource {
    public func didConsumeColumns(before column: Int) {}
}

/// An in-memory matrix is its own column source: blocks are views of its storage.
extension NDArray: ColumnChunkSource where Scalar: BLASScalar {
    /// `rows` of the matrix (traps unless rank 2).
    public var rowCount: Int { rows }
    /// `columns` of the matrix (traps unless rank 2).
    public var columnCount: Int { columns }

    public func withColumns<R>(_ range: Range<Int>,
                               _ body: (ColumnBlock<Scalar>) throws(SimilarityError) -> R) throws(SimilarityError) -> R {
        precondition(range.lowerBound >= 0 && range.upperBound <= columns, "withColumns: \(range) out of 0..<\(columns)")
        let (m, n) = (rows, columns)
        // `withUnsafeBufferPointer` rethrows untyped errors; carry the typed error out in a Result.
        let result: Result<R, SimilarityError> = withUnsafeBufferPointer { p in
            do throws(SimilarityError) {
                if let base = p.baseAddress {
                    return .success(try body(ColumnBlock(base: base + range.lowerBound, rowStride: n, rows: m,
                                                         columns: range.count)))
                }
                // Empty storage: hand out a valid pointer to nothing.
                let dummy = UnsafeMutablePointer<Scalar>.allocate(capacity: 1)
                defer { dummy.deallocate() }
                return .success(try body(ColumnBlock(base: dummy, rowStride: max(n, range.count), rows: m,
                                                     columns: range.count)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
