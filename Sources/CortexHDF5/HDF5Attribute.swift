import CHDF5
import CortexNumerics

/// One attribute: a small named array (or scalar) attached to a group, dataset or the file.
///
/// Reads follow the dataset rules (see `HDF5Dataset+Read`): numbers convert from any stored width,
/// strings may be variable- or fixed-length, object references resolve to paths. In errors an
/// attribute is named `objectPath@name`, e.g. `/units@colnames`.
///
/// ```swift
/// let colnames = try units.attributes.open("colnames").readStrings()
/// let rate = try dataset.attributes.open("rate").readScalar(as: Double.self)
/// ```
///
/// Threads: as `HDF5File` (one thread at a time; libhdf5 serialises calls).
public final class HDF5Attribute: @unchecked Sendable {
    // @unchecked Sendable: immutable stored properties; libhdf5 (thread-safe build) serialises calls.

    /// The file the attribute belongs to (kept open by the attribute).
    public let file: HDF5File
    /// The absolute path of the object carrying the attribute.
    public let objectPath: String
    /// The attribute name.
    public let name: String
    /// The extent: `[]` for a scalar attribute.
    public let shape: [Int]
    /// The element type as stored.
    public let dataType: HDF5DataType
    /// The attribute identifier.
    let handle: HDF5Handle
    /// The stored type identifier.
    let typeHandle: HDF5Handle

    /// Reads type and extent of an open attribute.
    init(file: HDF5File, objectPath: String, name: String, handle: HDF5Handle) throws(HDF5Error) {
        let failure = { (reason: String) in
            HDF5FormatDiagnosis.objectOpenFailure(file: file.path, path: "\(objectPath)@\(name)", reason: reason)
        }
        self.file = file
        self.objectPath = objectPath
        self.name = name
        self.handle = handle
        typeHandle = try HDF5Handle.check(H5Aget_type(handle.id), kind: .datatype, orThrow: failure)
        dataType = HDF5DataType(typeID: typeHandle.id)
        let space = try HDF5Handle.check(H5Aget_space(handle.id), kind: .dataspace, orThrow: failure)
        shape = HDF5Dataspace.shape(of: space.id)
    }

    /// The attribute as named in errors: `objectPath@name`.
    public var path: String { "\(objectPath)@\(name)" }

    /// Total number of elements (1 for a scalar attribute).
    public var count: Int { HDF5Dataset.checkedProduct(shape) ?? Int.max }

    /// Reads every element converted to `T`, with the attribute's shape.
    public func read<T: HDF5Element>(as type: T.Type) throws(HDF5Error) -> NDArray<T> {
        try HDF5Library.guarded { () throws(HDF5Error) -> NDArray<T> in
            let reader = try reader()
            return NDArray(shape: reader.shape, scalars: try reader.numeric(as: T.self))
        }
    }

    /// Reads the single element converted to `T`.
    /// - Throws: `.shapeMismatch` unless the attribute holds exactly one element.
    public func readScalar<T: HDF5Element>(as type: T.Type) throws(HDF5Error) -> T {
        let values = try read(as: T.self).scalars
        guard values.count == 1, let value = values.first else {
            throw .shapeMismatch(file: file.path, path: path, expected: "exactly one element", found: shape)
        }
        return value
    }

    /// Reads every element as a string (variable- or fixed-length), row-major.
    public func readStrings() throws(HDF5Error) -> [String] {
        try HDF5Library.guarded { () throws(HDF5Error) -> [String] in try reader().strings() }
    }

    /// Reads the single string of a scalar (or one-element) string attribute.
    /// - Throws: `.shapeMismatch` unless the attribute holds exactly one element.
    public func readString() throws(HDF5Error) -> String {
        let values = try readStrings()
        guard values.count == 1, let value = values.first else {
            throw .shapeMismatch(file: file.path, path: path, expected: "exactly one string", found: shape)
        }
        return value
    }

    /// Resolves object references to target paths (NWB's `table` attribute, for example).
    public func readReferencePaths() throws(HDF5Error) -> [String] {
        try HDF5Library.guarded { () throws(HDF5Error) -> [String] in try reader().referencePaths() }
    }

    /// A reader over the whole attribute.
    private func reader() throws(HDF5Error) -> HDF5Reader {
        let space = try HDF5Handle.check(H5Aget_space(handle.id), kind: .dataspace) { reason in
            HDF5Error.readFailed(file: self.file.path, path: self.path, reason: reason)
        }
        return HDF5Reader(file: file, path: path, source: .attribute(handle), type: typeHandle,
                          dataType: dataType, shape: shape, memorySpace: space, fileSpace: nil)
    }
}
