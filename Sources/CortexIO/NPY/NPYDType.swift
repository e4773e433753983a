/// The element types CortexKit reads from and writes to NumPy `.npy` files.
///
/// Each case is one NumPy dtype of fixed size; the byte order is kept apart in `NPYByteOrder`
/// because it only matters for how the bytes are laid out, not for the values. The header's
/// `descr` string is the byte-order character followed by the kind and the item size:
///
/// - `bool` ↔ `Bool`, descr `|b1` (one byte, 0 or 1)
/// - `int8`, `int16`, `int32`, `int64` ↔ `Int8`…`Int64`, descr `|i1`, `<i2`, `<i4`, `<i8`
/// - `uint8`, `uint16`, `uint32`, `uint64` ↔ `UInt8`…`UInt64`, descr `|u1`, `<u2`, `<u4`, `<u8`
/// - `float32` ↔ `Float`, descr `<f4`; `float64` ↔ `Double`, descr `<f8`
///
/// (Little-endian descrs shown; big-endian files use `>`.)
///
/// Other dtypes (complex, float16, strings, datetimes, structured records, Python objects) are
/// rejected with `NPYError.unsupportedDType`.
public enum NPYDType: String, Sendable, Hashable, CaseIterable {
    case bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64

    /// Size of one element in bytes (NumPy's `itemsize`).
    public var itemSize: Int {
        switch self {
        case .bool, .int8, .uint8: 1
        case .int16, .uint16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64: 8
        }
    }

    /// NumPy's kind character: `b` (boolean), `i` (signed), `u` (unsigned) or `f` (floating).
    public var kind: Character {
        switch self {
        case .bool: "b"
        case .int8, .int16, .int32, .int64: "i"
        case .uint8, .uint16, .uint32, .uint64: "u"
        case .float32, .float64: "f"
        }
    }

    /// The header `descr` string for this dtype stored in `byteOrder`, as NumPy writes it
    /// (`'<f8'`, `'>i4'`; one-byte types always use `'|'`).
    public func descr(byteOrder: NPYByteOrder) -> String {
        let order: Character = itemSize == 1 ? "|" : (byteOrder == .little ? "<" : ">")
        return "\(order)\(kind)\(itemSize)"
    }

    /// Parses a `descr` string such as `'<f8'`, `'>u2'`, `'|b1'`, `'=i4'` or `'f4'`.
    ///
    /// `'|'` ("not applicable") and `'='` and a missing order character mean the writer's native
    /// order, which NumPy treats as the reader's native order; `'?'` is accepted as `bool`.
    /// - Returns: the dtype and byte order, or `nil` when the string names no supported dtype.
    public static func parse(descr: String) -> (dtype: NPYDType, byteOrder: NPYByteOrder)? {
        var body = Substring(descr)
        var order = NPYByteOrder.native
        switch body.first {
        case "<": order = .little; body = body.dropFirst()
        case ">": order = .big; body = body.dropFirst()
        case "|", "=": body = body.dropFirst()
        default: break
        }
        if body == "?" { return (.bool, order) }
        let digits = body.dropFirst()
        guard let kind = body.first, !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }),
              let size = Int(digits) else { return nil }
        guard let dtype = allCases.first(where: { $0.kind == kind && $0.itemSize == size }) else { return nil }
        return (dtype, order)
    }
}
