/// What a `.npy` file's header says about the array that follows it.
///
/// A `.npy` file is a 6-byte magic string `\x93NUMPY`, two version bytes, a little-endian header
/// length (2 bytes in format 1.0, 4 bytes in 2.0 and 3.0), the header — a Python dict literal
/// such as `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and a
/// final newline — and then the raw elements, starting at `dataOffset`. NumPy pads the header so
/// `dataOffset` is a multiple of 64.
///
/// ```swift
/// let header = try NPYFile.header(of: url)   // reads only the first bytes
/// header.shape          // [100_000, 512]
/// header.dataOffset     // 128
/// ```
///
/// Reference: NumPy Enhancement Proposal 1, "A simple file format for NumPy arrays".
public struct NPYHeader: Sendable, Hashable {
    /// The container format version.
    public var version: NPYVersion
    /// The element type.
    public var dtype: NPYDType
    /// The byte order of the stored elements (irrelevant for one-byte dtypes).
    public var byteOrder: NPYByteOrder
    /// Whether the elements are stored column-major (first index fastest).
    public var fortranOrder: Bool
    /// The logical shape of the array; empty for a scalar.
    public var shape: [Int]
    /// Byte offset of the first element from the start of the file.
    public var dataOffset: Int

    /// Number of elements, the product of `shape` (1 for a scalar).
    public var count: Int { shape.reduce(1, *) }
    /// Number of bytes of element data, `count × dtype.itemSize`.
    public var dataByteCount: Int { count * dtype.itemSize }

    /// The magic string every `.npy` file starts with.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]   // "\x93NUMPY"
    /// NumPy aligns the start of the data to this many bytes.
    static let alignment = 64
    /// NumPy leaves room after the dict for the growth axis to reach this many digits.
    static let growthAxisMaximumDigits = 21

    /// Number of bytes before the header text: magic, version and length field.
    static func prefixLength(_ version: NPYVersion) -> Int { magic.count + 2 + version.lengthFieldSize }
}
