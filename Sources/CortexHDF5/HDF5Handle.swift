import CHDF5

/// Owns one libhdf5 identifier and closes it exactly once, when the last reference goes away.
///
/// Every identifier the module opens (files, groups, datasets, attributes, data types, dataspaces,
/// property lists) is wrapped at once, so no early `throw` can leak it. An object's handle retains
/// the handle of its file (`owner`), so a file stays open while anything opened from it is alive.
final class HDF5Handle: @unchecked Sendable {
    // @unchecked Sendable: `id` and `owner` are immutable, and the thread-safe libhdf5 serialises
    // every call (including the close in deinit) behind its global lock.

    /// What kind of identifier this is, which decides the close function.
    enum Kind {
        case file, group, dataset, attribute, datatype, dataspace, propertyList, object
    }

    /// The raw libhdf5 identifier (valid until this handle is deinitialised).
    let id: hid_t
    /// The identifier kind.
    let kind: Kind
    /// A handle kept alive as long as this one (the file an object lives in).
    let owner: HDF5Handle?

    /// Takes ownership of `id`, which must be a valid (non-negative) identifier of `kind`.
    init(_ id: hid_t, kind: Kind, owner: HDF5Handle? = nil) {
        precondition(id >= 0, "HDF5Handle: invalid identifier \(id)")
        self.id = id
        self.kind = kind
        self.owner = owner
    }

    /// Wraps the result of an HDF5 call returning an identifier, or throws `failure(reason)` with the
    /// error-stack message when the call failed (negative identifier).
    static func check(_ id: hid_t, kind: Kind, owner: HDF5Handle? = nil,
                      orThrow failure: (String) -> HDF5Error) throws(HDF5Error) -> HDF5Handle {
        guard id >= 0 else { throw failure(HDF5Library.takeErrorMessage()) }
        return HDF5Handle(id, kind: kind, owner: owner)
    }

    deinit {
        ck_h5_silence_and_clear()
        let status: herr_t
        switch kind {
        case .file: status = H5Fclose(id)
        case .group: status = H5Gclose(id)
        case .dataset: status = H5Dclose(id)
        case .attribute: status = H5Aclose(id)
        case .datatype: status = H5Tclose(id)
        case .dataspace: status = H5Sclose(id)
        case .propertyList: status = H5Pclose(id)
        case .object: status = H5Oclose(id)
        }
        if status < 0 { ck_h5_silence_and_clear() }
    }
}
