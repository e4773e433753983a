/// A `rows × columns` matrix (rows = frames or conditions, columns = units or features) that can be
/// read one block of columns at a time, so statistics over rows (Gram matrices, row sums) can be
/// accumulated for matrices too large for memory.
///
/// `NDArray` conforms (its blocks are views of its storage, no copy); CortexIO's `NPYColumnSource`
/// reads a memory-mapped `.npy` file and `HDF5ColumnSource` an HDF5 dataset. Implement it to stream
/// from anything else (a network layer evaluated on the fly).
///
/// The consumer's closure throws its own typed error (`SimilarityError` in CortexSimilarity); a
/// source that cannot deliver its columns throws `Failure.source(_:)` with a ``ColumnSourceError``.
///
/// ```swift
/// let layer = try NPYColumnSource<Float>(url: url)       // 899 × 800,000, not loaded
/// let result = try TSRSA.score(modelSource: layer, brainSource: visp)
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
    func withColumns<R, Failure: ColumnSourceFailure>(_ range: Range<Int>,
                                                      _ body: (ColumnBlock<Scalar>) throws(Failure) -> R) throws(Failure) -> R
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

    public func withColumns<R, Failure: ColumnSourceFailure>(_ range: Range<Int>,
                                                             _ body: (ColumnBlock<Scalar>) throws(Failure) -> R) throws(Failure) -> R {
        precondition(range.lowerBound >= 0 && range.upperBound <= columns, "withColumns: \(range) out of 0..<\(columns)")
        let (m, n) = (rows, columns)
        // `withUnsafeBufferPointer` rethrows untyped errors; carry the typed error out in a Result.
        let result: Result<R, Failure> = withUnsafeBufferPointer { p in
            do throws(Failure) {
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
