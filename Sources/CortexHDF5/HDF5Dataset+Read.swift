import CortexNumerics

/// Numeric reads: libhdf5 converts any stored integer width/sign/byte order and float32/64 into the
/// requested native type.
///
/// Conversion rules: integers → any `HDF5Element` (out-of-range values saturate); floats → `Float`
/// or `Double` only (asking for integers from floating-point data is a `typeMismatch`: read `Double`
/// and round explicitly); booleans from h5py's `int8 {FALSE, TRUE}` enumeration or from integers
/// (non-zero is `true`). Strings, references and compounds throw `typeMismatch`.
extension HDF5Dataset {
    /// Reads the whole dataset, converted to `T`, with the dataset's shape (`[]` for a scalar).
    ///
    /// ```swift
    /// let index = try file.dataset("/units/spike_times_index").read(as: Int64.self)  // from uint16/32/int64
    /// ```
    /// - Parameter memoryLimit: the most bytes the result may take (default: physical memory).
    /// - Throws: `.extentNotStored` when the file does not store the declared extent (sparse or
    ///   corrupt), `.readTooLarge` beyond `memoryLimit` — both before anything is allocated.
    /// - Complexity: one `H5Dread` of `count` elements.
    public func read<T: HDF5Element>(as type: T.Type,
                                     memoryLimit: Int = HDF5ReadLimit.defaultBytes) throws(HDF5Error) -> NDArray<T> {
        try HDF5Library.guarded { () throws(HDF5Error) -> NDArray<T> in
            var reader = try reader(rows: nil)
            reader.memoryLimit = memoryLimit
            return NDArray(shape: reader.shape, scalars: try reader.numeric(as: T.self))
        }
    }

    /// Reads rows `rows` of the first dimension (every other dimension whole): a hyperslab, so only
    /// those rows are read from disk (and decompressed) — for huge ragged columns read in chunks.
    ///
    /// `readRows(a..<b, as: T.self)` equals rows `a..<b` of `read(as: T.self)`; its shape is
    /// `[b - a] + shape.dropFirst()`.
    /// - Throws: `.shapeMismatch` for a scalar dataset or a range outside `0..<shape[0]`.
    public func readRows<T: HDF5Element>(_ rows: Range<Int>, as type: T.Type,
                                         memoryLimit: Int = HDF5ReadLimit.defaultBytes) throws(HDF5Error) -> NDArray<T> {
        try HDF5Library.guarded { () throws(HDF5Error) -> NDArray<T> in
            var reader = try reader(rows: rows)
            reader.memoryLimit = memoryLimit
            return NDArray(shape: reader.shape, scalars: try reader.numeric(as: T.self))
        }
    }

    /// Reads a one-dimensional dataset as a Swift array.
    /// - Throws: `.shapeMismatch` unless the rank is 1.
    public func readVector<T: HDF5Element>(as type: T.Type) throws(HDF5Error) -> [T] {
        guard rank == 1 else {
            throw .shapeMismatch(file: file.path, path: path, expected: "a one-dimensional dataset", found: shape)
        }
        return try read(as: T.self).scalars
    }

    /// Reads the single element of a scalar dataset (or of any dataset holding exactly one element).
    /// - Throws: `.shapeMismatch` unless the dataset holds exactly one element.
    public func readScalar<T: HDF5Element>(as type: T.Type) throws(HDF5Error) -> T {
        let values = try read(as: T.self).scalars
        guard values.count == 1, let value = values.first else {
            throw .shapeMismatch(file: file.path, path: path, expected: "exactly one element", found: shape)
        }
        return value
    }
}
