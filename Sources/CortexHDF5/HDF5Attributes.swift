import CHDF5
import CortexNumerics

/// The attributes of one object (the file's root group, a group or a dataset).
///
/// Obtained from `HDF5File.attributes`, `HDF5Group.attributes` or `HDF5Dataset.attributes`.
/// Convenience readers open, read and close in one call:
///
/// ```swift
/// let version = try file.attributes.string("nwb_version")
/// let colnames = try units.attributes.strings("colnames")
/// let conversion = try data.attributes.scalar("conversion", as: Double.self)
/// try results.attributes.write("seed", scalar: Int64(42))
/// ```
public struct HDF5Attributes: Sendable {
    /// The file the object belongs to.
    public let file: HDF5File
    /// The absolute path of the object carrying the attributes.
    public let objectPath: String
    /// The object identifier (the file identifier for the root group).
    let location: HDF5Handle

    init(file: HDF5File, objectPath: String, location: HDF5Handle) {
        self.file = file
        self.objectPath = objectPath
        self.location = location
    }

    /// The attribute names, sorted.
    public func names() throws(HDF5Error) -> [String] {
        try HDF5Library.guarded { () throws(HDF5Error) -> [String] in
            let collector = NameCollector()
            let context = Unmanaged.passUnretained(collector).toOpaque()
            var index: hsize_t = 0
            let status = H5Aiterate2(location.id, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, data in
                guard let name, let data else { return -1 }
                Unmanaged<NameCollector>.fromOpaque(data).takeUnretainedValue().names.append(String(cString: name))
                return 0
            }, context)
            guard status >= 0 else {
                throw .readFailed(file: file.path, path: objectPath, reason: HDF5Library.takeErrorMessage())
            }
            return collector.names
        }
    }

    /// Whether an attribute of this name exists.
    public func contains(_ name: String) -> Bool {
        HDF5Library.guarded { H5Aexists(location.id, name) > 0 }
    }

    /// Opens the attribute `name`, reading its type and extent.
    /// - Throws: `.objectMissing` (path `objectPath@name`) when there is none.
    public func open(_ name: String) throws(HDF5Error) -> HDF5Attribute {
        let path = "\(objectPath)@\(name)"
        return try HDF5Library.guarded { () throws(HDF5Error) -> HDF5Attribute in
            let exists = H5Aexists(location.id, name)
            guard exists > 0 else {
                if exists < 0 {
                    throw .readFailed(file: file.path, path: path, reason: HDF5Library.takeErrorMessage())
                }
                throw .objectMissing(file: file.path, path: path)
            }
            let id = H5Aopen(location.id, name, ck_h5p_default())
            guard id >= 0 else {
                throw HDF5FormatDiagnosis.objectOpenFailure(file: file.path, path: path,
                                                            reason: HDF5Library.takeErrorMessage())
            }
            return try HDF5Attribute(file: file, objectPath: objectPath, name: name,
                                     handle: HDF5Handle(id, kind: .attribute, owner: file.handle))
        }
    }

    /// Reads attribute `name` converted to `T`, with its shape.
    public func read<T: HDF5Element>(_ name: String, as type: T.Type) throws(HDF5Error) -> NDArray<T> {
        try open(name).read(as: T.self)
    }

    /// Reads the single element of attribute `name` converted to `T`.
    public func scalar<T: HDF5Element>(_ name: String, as type: T.Type) throws(HDF5Error) -> T {
        try open(name).readScalar(as: T.self)
    }

    /// Reads the single string of attribute `name` (variable- or fixed-length).
    public func string(_ name: String) throws(HDF5Error) -> String {
        try open(name).readString()
    }

    /// Reads every string of attribute `name`, row-major.
    public func strings(_ name: String) throws(HDF5Error) -> [String] {
        try open(name).readStrings()
    }
}

/// Accumulates attribute names during `H5Aiterate2` (used on one thread only).
private final class NameCollector {
    var names: [String] = []
}
