import CHDF5
import CortexNumerics

/// Writing attributes: numbers (native types; `Bool` as h5py's enumeration) and variable-length
/// UTF-8 strings, scalar or array. The file must be open for writing.
extension HDF5Attributes {
    /// Writes a scalar numeric attribute.
    /// - Throws: `.alreadyExists` when it exists and `ifExists` is `.fail`; `.writeFailed`.
    public func write<T: HDF5Element>(_ name: String, scalar value: T,
                                      ifExists: HDF5OverwritePolicy = .fail) throws(HDF5Error) {
        try write(name, array: NDArray(shape: [], scalars: [value]), ifExists: ifExists)
    }

    /// Writes a numeric attribute with the array's shape (`[]` → scalar).
    /// - Throws: `.alreadyExists` when it exists and `ifExists` is `.fail`; `.writeFailed`.
    public func write<T: HDF5Element>(_ name: String, array: NDArray<T>,
                                      ifExists: HDF5OverwritePolicy = .fail) throws(HDF5Error) {
        let path = "\(objectPath)@\(name)"
        try HDF5Library.guarded { () throws(HDF5Error) in
            let failure = { (reason: String) in HDF5Error.writeFailed(file: self.file.path, path: path, reason: reason) }
            let type = try HDF5TypeFactory.elementType(T.self, failure: failure)
            let attribute = try create(name, shape: array.shape, type: type, ifExists: ifExists)
            guard array.count > 0 else { return }
            let status = HDF5TypeFactory.withElements(array.scalars) { H5Awrite(attribute.id, type.id, $0) }
            guard status >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
        }
    }

    /// Writes a scalar variable-length UTF-8 string attribute (what h5py writes for a Python `str`).
    public func write(_ name: String, string: String, ifExists: HDF5OverwritePolicy = .fail) throws(HDF5Error) {
        try writeStrings(name, strings: [string], shape: [], ifExists: ifExists)
    }

    /// Writes a one-dimensional variable-length UTF-8 string attribute (e.g. NWB's `colnames`).
    public func write(_ name: String, strings: [String], ifExists: HDF5OverwritePolicy = .fail) throws(HDF5Error) {
        try writeStrings(name, strings: strings, shape: [strings.count], ifExists: ifExists)
    }

    private func writeStrings(_ name: String, strings: [String], shape: [Int],
                              ifExists: HDF5OverwritePolicy) throws(HDF5Error) {
        let path = "\(objectPath)@\(name)"
        try HDF5Library.guarded { () throws(HDF5Error) in
            let failure = { (reason: String) in HDF5Error.writeFailed(file: self.file.path, path: path, reason: reason) }
            let type = try HDF5TypeFactory.variableLengthUTF8(failure: failure)
            let attribute = try create(name, shape: shape, type: type, ifExists: ifExists)
            guard !strings.isEmpty else { return }
            let status = HDF5TypeFactory.withCStrings(strings) { H5Awrite(attribute.id, type.id, $0) }
            guard status >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
        }
    }

    /// Creates (or re-creates, per `ifExists`) an attribute of the given type and extent.
    private func create(_ name: String, shape: [Int], type: HDF5Handle,
                        ifExists: HDF5OverwritePolicy) throws(HDF5Error) -> HDF5Handle {
        let path = "\(objectPath)@\(name)"
        let failure = { (reason: String) in HDF5Error.writeFailed(file: self.file.path, path: path, reason: reason) }
        guard file.isWritable else { throw failure("the file is open read-only") }
        let exists = H5Aexists(location.id, name)
        guard exists >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
        if exists > 0 {
            guard ifExists == .replace else { throw .alreadyExists(file: file.path, path: path) }
            guard H5Adelete(location.id, name) >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
        }
        let space = try HDF5Handle.check(HDF5Dataspace.create(shape: shape), kind: .dataspace, orThrow: failure)
        return try HDF5Handle.check(H5Acreate2(location.id, name, type.id, space.id, ck_h5p_default(),
                                               ck_h5p_default()),
                                    kind: .attribute, owner: file.handle, orThrow: failure)
    }
}
