/// String reads: variable-length and fixed-length, ASCII and UTF-8.
///
/// Fixed-length elements are trimmed per the type's padding (null-terminated, null-padded,
/// space-padded); variable-length memory is reclaimed after decoding. Non-string datasets throw
/// `typeMismatch`.
extension HDF5Dataset {
    /// Reads every element as a `String`, in row-major order (one element for a scalar dataset).
    ///
    /// ```swift
    /// let locations = try file.dataset("/general/extracellular_ephys/electrodes/location").readStrings()
    /// ```
    public func readStrings() throws(HDF5Error) -> [String] {
        try HDF5Library.guarded { () throws(HDF5Error) -> [String] in try reader(rows: nil).strings() }
    }

    /// Reads rows `rows` of the first dimension as strings (row-major within the selection).
    /// - Throws: `.shapeMismatch` for a scalar dataset or a range outside `0..<shape[0]`.
    public func readStringRows(_ rows: Range<Int>) throws(HDF5Error) -> [String] {
        try HDF5Library.guarded { () throws(HDF5Error) -> [String] in try reader(rows: rows).strings() }
    }

    /// Reads the single string of a scalar string dataset (e.g. NWB's `/session_description`).
    /// - Throws: `.shapeMismatch` unless the dataset holds exactly one element.
    public func readString() throws(HDF5Error) -> String {
        let values = try readStrings()
        guard values.count == 1, let value = values.first else {
            throw .shapeMismatch(file: file.path, path: path, expected: "exactly one string", found: shape)
        }
        return value
    }
}
