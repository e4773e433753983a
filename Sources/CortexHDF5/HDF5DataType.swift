/// The element type stored in a dataset or attribute, as found in the file.
///
/// Inspection only: reading converts to the requested Swift type (see `HDF5Element`) and throws
/// `HDF5Error.typeMismatch` with this value when no conversion makes sense.
///
/// ```swift
/// switch try dataset.dataType {
/// case .integer(bytes: let bytes, signed: false): print("uint\(bytes * 8)")
/// case .string(variable: true, encoding: .utf8, size: _): print("vlen UTF-8")
/// default: break
/// }
/// ```
public indirect enum HDF5DataType: Sendable, Equatable, Hashable {
    /// A fixed-point integer of `bytes` bytes (either byte order).
    case integer(bytes: Int, signed: Bool)
    /// An IEEE floating-point number of `bytes` bytes (either byte order).
    case float(bytes: Int)
    /// Text: variable-length (`size` 0) or fixed-length of `size` bytes.
    case string(variable: Bool, encoding: StringEncoding, size: Int)
    /// An HDF5 reference.
    case reference(ReferenceKind)
    /// A record of named fields at byte offsets.
    case compound([CompoundField])
    /// Named integer values. h5py stores numpy `bool` as `int8 {FALSE = 0, TRUE = 1}` (`isBoolean`).
    case enumeration(base: HDF5DataType, members: [EnumMember])
    /// Anything else (arrays, variable-length sequences, opaque, bitfields, times), described.
    case other(String)

    /// The character set of a string type.
    public enum StringEncoding: Sendable, Equatable, Hashable {
        case ascii, utf8
    }

    /// What a reference points at.
    public enum ReferenceKind: Sendable, Equatable, Hashable {
        /// A whole object (`hobj_ref_t`, h5py's `ref_dtype`).
        case object
        /// A selection inside a dataset (`hdset_reg_ref_t`).
        case region
    }

    /// One field of a compound type.
    public struct CompoundField: Sendable, Equatable, Hashable {
        /// The field name.
        public let name: String
        /// The field's stored type.
        public let type: HDF5DataType
        /// Byte offset of the field inside one record.
        public let offset: Int

        /// A field description.
        public init(name: String, type: HDF5DataType, offset: Int) {
            self.name = name
            self.type = type
            self.offset = offset
        }
    }

    /// One named value of an enumeration.
    public struct EnumMember: Sendable, Equatable, Hashable {
        /// The member name, e.g. "TRUE".
        public let name: String
        /// Its integer value.
        public let value: Int64

        /// A member description.
        public init(name: String, value: Int64) {
            self.name = name
            self.value = value
        }
    }

    /// True for an integer enumeration with exactly the members FALSE = 0 and TRUE = 1 (any case),
    /// as h5py writes numpy `bool`.
    public var isBoolean: Bool {
        guard case .enumeration(base: .integer, let members) = self, members.count == 2 else { return false }
        let byName = Dictionary(members.map { ($0.name.uppercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        return byName["FALSE"] == 0 && byName["TRUE"] == 1
    }

    /// True for integer and floating-point types.
    public var isNumeric: Bool {
        switch self {
        case .integer, .float: return true
        default: return false
        }
    }
}

extension HDF5DataType: CustomStringConvertible {
    /// A compact numpy-like spelling: "int32", "uint16", "float64", "vlen utf8 string",
    /// "fixed ascii string (5 bytes)", "object reference", "compound {a: int32, …}", "bool enum".
    public var description: String {
        switch self {
        case .integer(let bytes, let signed):
            return "\(signed ? "int" : "uint")\(bytes * 8)"
        case .float(let bytes):
            return "float\(bytes * 8)"
        case .string(let variable, let encoding, let size):
            return variable ? "vlen \(encoding) string" : "fixed \(encoding) string (\(size) bytes)"
        case .reference(let kind):
            return "\(kind) reference"
        case .compound(let fields):
            return "compound {" + fields.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + "}"
        case .enumeration(let base, let members):
            if isBoolean { return "bool enum (\(base))" }
            return "enum \(base) {" + members.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + "}"
        case .other(let text):
            return text
        }
    }
}
