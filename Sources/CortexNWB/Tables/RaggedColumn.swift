import CortexHDF5

/// A ragged (variable-length per row) DynamicTable column: a flat `data` dataset plus an `index`
/// dataset of **exclusive end offsets**.
///
/// Row `i` owns `data[index[i-1] ..< index[i]]`, with `index[-1] = 0`:
///
///     index = [3, 3, 7]   →   row 0: data[0..<3], row 1: data[3..<3] (empty), row 2: data[3..<7]
///
/// The index may be stored as any integer width (uint8/16/32/64, int64…). Opening validates it —
/// every offset ≥ 0, non-decreasing, the last ≤ the data length — so a row count is never silently
/// wrong. The data is **not** loaded: read rows with ``readRows(_:as:)``, one HDF5 hyperslab per call,
/// so a 130 M-element `spike_times` column is read a block of units at a time.
///
/// Complexity: opening reads the index (O(rows)); `readRows` reads exactly the rows' elements.
public struct RaggedColumn: Sendable {
    /// The flat data dataset.
    public let data: HDF5Dataset
    /// The absolute path of the index dataset.
    public let indexPath: String
    /// The exclusive end offsets (validated), one per row, in elements of the first dimension of `data`.
    public let ends: [Int]

    /// Reads and validates the index of a ragged column.
    /// - Throws: `.invalidRaggedIndex` naming the index dataset (negative, decreasing or past-the-data
    ///   offsets, non-integer or multi-dimensional index); `.columnShape` for a scalar data dataset.
    public init(data: HDF5Dataset, index: HDF5Dataset) throws(NWBError) {
        let file = data.file.path
        guard index.rank == 1 else {
            throw .invalidRaggedIndex(file: file, path: index.path,
                                      reason: "expected a one-dimensional index, found shape \(index.shape)")
        }
        guard case .integer = index.dataType else {
            throw .invalidRaggedIndex(file: file, path: index.path,
                                      reason: "expected integer offsets, found \(index.dataType)")
        }
        guard data.rank >= 1 else {
            throw .columnShape(file: file, path: data.path, expected: "a dataset with rows", found: data.shape)
        }
        let raw = try nwbHDF5 { () throws(HDF5Error) in try index.readVector(as: Int64.self) }
        let length = data.shape[0]
        var previous: Int64 = 0
        for (row, end) in raw.enumerated() {
            guard end >= previous else {
                let what = end < 0 ? "is negative" : "is smaller than the previous offset \(previous)"
                throw .invalidRaggedIndex(file: file, path: index.path,
                                          reason: "offset \(end) of row \(row) \(what) (offsets must be non-decreasing)")
            }
            previous = end
        }
        guard previous <= Int64(length) else {
            throw .invalidRaggedIndex(file: file, path: index.path,
                                      reason: "last offset \(previous) is past the end of \(data.path) "
                                        + "(\(length) elements)")
        }
        self.data = data
        indexPath = index.path
        ends = raw.map { Int($0) }
    }

    /// Number of rows.
    public var rowCount: Int { ends.count }

    /// The element range of row `row` in `data`.
    public func range(ofRow row: Int) -> Range<Int> {
        precondition(row >= 0 && row < ends.count, "RaggedColumn: row \(row) out of 0..<\(ends.count)")
        return (row == 0 ? 0 : ends[row - 1])..<ends[row]
    }

    /// The element range covering rows `rows` (contiguous in `data`).
    public func range(ofRows rows: Range<Int>) -> Range<Int> {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= ends.count,
                     "RaggedColumn: rows \(rows) out of 0..<\(ends.count)")
        if rows.isEmpty { return 0..<0 }
        return range(ofRow: rows.lowerBound).lowerBound..<ends[rows.upperBound - 1]
    }

    /// Number of elements of row `row`.
    public func count(ofRow row: Int) -> Int { range(ofRow: row).count }

    /// Reads rows `rows` with one hyperslab: the flat values of those rows (trailing dimensions of a
    /// multi-dimensional column flattened) and, per row, its range inside `values`.
    ///
    /// - Complexity: one read of `range(ofRows:).count` elements.
    public func readRows<T: HDF5Element>(_ rows: Range<Int>, as type: T.Type) throws(NWBError)
        -> (values: [T], rowRanges: [Range<Int>]) {
        let span = range(ofRows: rows)
        let values: [T] = span.isEmpty ? [] : try nwbHDF5 { () throws(HDF5Error) in
            try data.readRows(span, as: T.self).scalars
        }
        return (values, valueRanges(of: rows, in: span))
    }

    /// Calls `body` with the flat values of rows `rows` and each row's range in them, as
    /// ``readRows(_:as:)`` gives them, but without a copy when the data is stored contiguously as
    /// plain `T` values (a read-only memory map, see `HDF5Dataset.withMappedRows`); otherwise the
    /// rows are read into an array first. The buffer is valid only inside `body`.
    /// - Complexity: a mapping of the rows' bytes, or one read of them.
    public func withRows<T: HDF5Element & BitwiseCopyable, R>(
        _ rows: Range<Int>, as type: T.Type,
        _ body: (UnsafeBufferPointer<T>, [Range<Int>]) throws(NWBError) -> R
    ) throws(NWBError) -> R {
        let span = range(ofRows: rows)
        let ranges = valueRanges(of: rows, in: span)
        if !span.isEmpty, let mapped = try data.withMappedRows(span, as: T.self, { (values) throws(NWBError) -> R in
            try body(values, ranges)
        }) {
            // Pages of a file cut short while mapped may have read as zeros: reject the result.
            guard data.mappedRowsAreIntact(span, as: T.self) else {
                throw .hdf5(.readFailed(file: data.file.path, path: data.path,
                                        reason: "the file was cut short while it was being read; read it again once it is complete"))
            }
            return mapped
        }
        let values = try readRows(rows, as: T.self).values
        return try values.withUnsafeBufferPointer { (buffer) throws(NWBError) -> R in try body(buffer, ranges) }
    }

    /// Each row's range among the flat values of `span` (trailing dimensions flattened).
    private func valueRanges(of rows: Range<Int>, in span: Range<Int>) -> [Range<Int>] {
        let width = data.shape.dropFirst().reduce(1, *)
        return rows.map { row in
            let r = range(ofRow: row)
            return ((r.lowerBound - span.lowerBound) * width)..<((r.upperBound - span.lowerBound) * width)
        }
    }

    /// Reads one row's values.
    public func readRow<T: HDF5Element>(_ row: Int, as type: T.Type) throws(NWBError) -> [T] {
        try readRows(row..<(row + 1), as: T.self).values
    }
}
