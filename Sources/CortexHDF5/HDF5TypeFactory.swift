import CHDF5
import Foundation

/// Builds the data types and memory buffers used when writing.
///
/// Files are written with native (little-endian on supported machines) numeric types, booleans as
/// h5py writes numpy `bool` (an `int8` enumeration `{FALSE = 0, TRUE = 1}`, so h5py reads them back
/// as `bool`), and strings as variable-length UTF-8 (h5py's `str`).
enum HDF5TypeFactory {
    /// An owned data type for elements of `T` (a copy of the native type, or the boolean enumeration).
    static func elementType<T: HDF5Element>(_: T.Type, failure: (String) -> HDF5Error) throws(HDF5Error) -> HDF5Handle {
        let native = T.hdf5NativeType
        guard native == .bool else {
            return try HDF5Handle.check(H5Tcopy(native.predefinedID), kind: .datatype, orThrow: failure)
        }
        let type = try HDF5Handle.check(H5Tenum_create(ck_h5t_native_int8()), kind: .datatype, orThrow: failure)
        var no: Int8 = 0
        var yes: Int8 = 1
        guard H5Tenum_insert(type.id, "FALSE", &no) >= 0, H5Tenum_insert(type.id, "TRUE", &yes) >= 0 else {
            throw failure(HDF5Library.takeErrorMessage())
        }
        return type
    }

    /// An owned variable-length UTF-8 string type.
    static func variableLengthUTF8(failure: (String) -> HDF5Error) throws(HDF5Error) -> HDF5Handle {
        let type = try HDF5Handle.check(H5Tcopy(ck_h5t_c_s1()), kind: .datatype, orThrow: failure)
        guard H5Tset_size(type.id, ck_h5t_variable()) >= 0, H5Tset_cset(type.id, H5T_CSET_UTF8) >= 0 else {
            throw failure(HDF5Library.takeErrorMessage())
        }
        return type
    }

    /// Calls `body` with the elements laid out as `elementType(T.self)` expects (`Bool` as `Int8`).
    static func withElements<T: HDF5Element>(_ scalars: [T], _ body: (UnsafeRawPointer?) -> herr_t) -> herr_t {
        if T.hdf5NativeType == .bool {
            // T is Bool here; the cast cannot fail.
            let bytes = (scalars as! [Bool]).map { Int8($0 ? 1 : 0) }
            return bytes.withUnsafeBytes { body($0.baseAddress) }
        }
        return scalars.withUnsafeBytes { body($0.baseAddress) }
    }

    /// Calls `body` with an array of C string pointers (what a variable-length string buffer is).
    /// Strings are copied with `strdup` and freed afterwards; an embedded NUL ends a string early.
    static func withCStrings(_ strings: [String], _ body: (UnsafeRawPointer?) -> herr_t) -> herr_t {
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBytes { body($0.baseAddress) }
    }
}
