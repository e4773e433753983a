import CortexNumerics
import Foundation

/// Reads and writes NumPy `.npy` files (format versions 1.0, 2.0 and 3.0).
///
/// ```swift
/// // Python: np.save("x.npy", np.arange(6.0).reshape(2, 3))
/// let any = try NPYFile.read(from: url)                 // AnyNDArray.float64, shape [2, 3]
/// let x = try NPYFile.read(from: url, as: Float.self)   // any numeric dtype → NDArray<Float>
/// let head = try NPYFile.readRows(0..<100, from: url, as: Double.self)   // only those rows
/// try NPYFile.write(x, to: outURL)                      // atomic; np.load reads it
/// ```
///
/// Supported dtypes are those of `NPYDType`, in either byte order; big-endian files are swapped
/// on read. Fortran-order files are reordered so the result is the same logical array NumPy
/// gives (`a[i, j, k]` ↔ `x[i, j, k]`). Bytes after the announced data are ignored, as NumPy does.
/// Files are written in C order and native byte order. Every problem with a file's contents
/// throws an `NPYError` naming the file; nothing traps on bad input.
///
/// Reference: NEP 1, "A simple file format for NumPy arrays"; `numpy/lib/_format_impl.py`.
public enum NPYFile {
    /// Reads only the header: dtype, byte order, shape, layout and where the data starts.
    ///
    /// Also checks that the file is long enough for the announced data, so a header returned here
    /// can be used to plan `readRows` calls on a file of any size.
    /// - Complexity: O(header length); the data is not read.
    public static func header(of url: URL) throws(NPYError) -> NPYHeader {
        try NPYReader(url: url).header
    }

    /// Reads the whole array in its stored dtype.
    ///
    /// - Throws: `NPYError` for a missing file, bad magic, unknown version, unparsable header,
    ///   unsupported dtype or truncated data.
    /// - Complexity: one `pread` of the data into the result for native-endian C-order files;
    ///   an extra byte-swap pass for big-endian and an extra reordering copy for Fortran order.
    public static func read(from url: URL) throws(NPYError) -> AnyNDArray {
        let reader = try NPYReader(url: url)
        switch reader.header.dtype {
        case .bool: return .bool(try reader.readAll(as: Bool.self))
        case .int8: return .int8(try reader.readAll(as: Int8.self))
        case .int16: return .int16(try reader.readAll(as: Int16.self))
        case .int32: return .int32(try reader.readAll(as: Int32.self))
        case .int64: return .int64(try reader.readAll(as: Int64.self))
        case .uint8: return .uint8(try reader.readAll(as: UInt8.self))
        case .uint16: return .uint16(try reader.readAll(as: UInt16.self))
        case .uint32: return .uint32(try reader.readAll(as: UInt32.self))
        case .uint64: return .uint64(try reader.readAll(as: UInt64.self))
        case .float32: return .float32(try reader.readAll(as: Float.self))
        case .float64: return .float64(try reader.readAll(as: Double.self))
        }
    }

    /// Reads the whole array converted to `Float` or `Double`.
    ///
    /// Every supported dtype converts, as NumPy's `astype` would: integers round to nearest,
    /// `float64 → Float` rounds to nearest, and `bool` becomes 0 or 1 (see `NPYFloatingPoint`).
    /// The same-type native-endian case is a plain read with no conversion pass.
    ///
    /// ```swift
    /// let rates = try NPYFile.read(from: url, as: Double.self)   // file may be '<f4', '>i2', '|b1', …
    /// ```
    public static func read<T: NPYFloatingPoint>(from url: URL, as type: T.Type) throws(NPYError) -> NDArray<T> {
        try NPYReader(url: url).readAll(as: T.self)
    }

    /// Reads rows `rows` (a range of the first index) of a C-order array of rank ≥ 1, in its
    /// stored dtype, without reading the rest of the data.
    ///
    /// The result has shape `[rows.count] + shape[1...]` and equals the slice `a[rows]` of the
    /// full array.
    /// - Throws: `NPYError.shapeMismatch` for a rank-0 array or rows outside `0..<shape[0]`,
    ///   `.fortranOrderUnsupported` for a Fortran-order file of rank ≥ 2, and the errors of
    ///   `read(from:)`.
    /// - Complexity: one `pread` of `rows.count × rowBytes` bytes at offset
    ///   `dataOffset + rows.lowerBound × rowBytes`.
    public static func readRows(_ rows: Range<Int>, from url: URL) throws(NPYError) -> AnyNDArray {
        let reader = try NPYReader(url: url)
        switch reader.header.dtype {
        case .bool: return .bool(try reader.readRows(rows, as: Bool.self))
        case .int8: return .int8(try reader.readRows(rows, as: Int8.self))
        case .int16: return .int16(try reader.readRows(rows, as: Int16.self))
        case .int32: return .int32(try reader.readRows(rows, as: Int32.self))
        case .int64: return .int64(try reader.readRows(rows, as: Int64.self))
        case .uint8: return .uint8(try reader.readRows(rows, as: UInt8.self))
        case .uint16: return .uint16(try reader.readRows(rows, as: UInt16.self))
        case .uint32: return .uint32(try reader.readRows(rows, as: UInt32.self))
        case .uint64: return .uint64(try reader.readRows(rows, as: UInt64.self))
        case .float32: return .float32(try reader.readRows(rows, as: Float.self))
        case .float64: return .float64(try reader.readRows(rows, as: Double.self))
        }
    }

    /// Reads rows `rows` of a C-order array of rank ≥ 1, converted to `Float` or `Double` as in
    /// `read(from:as:)`.
    ///
    /// ```swift
    /// let header = try NPYFile.header(of: url)
    /// for start in stride(from: 0, to: header.shape[0], by: 4096) {
    ///     let block = try NPYFile.readRows(start..<min(start + 4096, header.shape[0]), from: url, as: Float.self)
    ///     …
    /// }
    /// ```
    public static func readRows<T: NPYFloatingPoint>(_ rows: Range<Int>, from url: URL,
                                                     as type: T.Type) throws(NPYError) -> NDArray<T> {
        try NPYReader(url: url).readRows(rows, as: T.self)
    }
}
