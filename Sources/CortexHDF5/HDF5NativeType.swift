import CHDF5

/// The in-memory element types the module reads into and writes from.
///
/// Reading asks libhdf5 to convert whatever is stored (any integer width or sign, either byte order,
/// float32/64) into one of these native types, so a `uint16` index column and an `int64` one both
/// read as `Int64`. `bool` follows h5py: it is stored as an `int8` enumeration `{FALSE = 0, TRUE = 1}`.
public enum HDF5NativeType: Sendable, Equatable, Hashable, CaseIterable {
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case float32, float64
    case bool

    /// True for the eight integer types.
    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: return true
        case .float32, .float64, .bool: return false
        }
    }

    /// True for float32 and float64.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// Size of one element in memory, in bytes.
    public var byteCount: Int {
        switch self {
        case .int8, .uint8, .bool: return 1
        case .int16, .uint16: return 2
        case .int32, .uint32, .float32: return 4
        case .int64, .uint64, .float64: return 8
        }
    }

    /// The predefined native HDF5 type (never closed). `bool` has no predefined type: callers build
    /// the enumeration with `HDF5TypeFactory.booleanEnum()`; here it maps to its `int8` base.
    var predefinedID: hid_t {
        switch self {
        case .int8, .bool: return ck_h5t_native_int8()
        case .int16: return ck_h5t_native_int16()
        case .int32: return ck_h5t_native_int32()
        case .int64: return ck_h5t_native_int64()
        case .uint8: return ck_h5t_native_uint8()
        case .uint16: return ck_h5t_native_uint16()
        case .uint32: return ck_h5t_native_uint32()
        case .uint64: return ck_h5t_native_uint64()
        case .float32: return ck_h5t_native_float()
        case .float64: return ck_h5t_native_double()
        }
    }
}
