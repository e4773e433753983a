import CHDF5

extension HDF5Reader {
    // MARK: object references

    /// Resolves every object reference to the absolute path of the object it points at.
    /// Null references (h5py's `Reference()`) resolve to "".
    func referencePaths() throws(HDF5Error) -> [String] {
        guard dataType == .reference(.object) else { throw mismatch("object references") }
        let references = try direct(memoryType: ck_h5t_std_ref_obj(), as: hobj_ref_t.self)
        return try references.map { (reference) throws(HDF5Error) in try resolve(reference) }
    }

    /// The path of the object a reference points at (`H5Rdereference2` + `H5Iget_name`).
    func resolve(_ reference: hobj_ref_t) throws(HDF5Error) -> String {
        guard reference != 0 else { return "" }
        var value = reference
        let id = H5Rdereference2(file.handle.id, ck_h5p_default(), H5R_OBJECT, &value)
        guard id >= 0 else {
            throw .readFailed(file: file.path, path: path,
                              reason: "cannot resolve object reference: \(HDF5Library.takeErrorMessage())")
        }
        let object = HDF5Handle(id, kind: .object)
        let length = H5Iget_name(object.id, nil, 0)
        guard length > 0 else {
            ck_h5_silence_and_clear()
            return ""  // an object without a name (unlinked)
        }
        var name = [CChar](repeating: 0, count: length + 1)
        guard H5Iget_name(object.id, &name, name.count) >= 0 else { throw failure() }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: compound fields

    /// Reads one numeric field of a compound type, converted to `T` (the rules of `numeric(as:)`).
    func compoundField<T: HDF5Element>(_ name: String, as _: T.Type) throws(HDF5Error) -> [T] {
        let field = try compoundMember(name)
        let native = T.hdf5NativeType
        try Self.checkNumeric(stored: field.type, requested: native) { (expected: String) in
            HDF5Error.typeMismatch(file: file.path, path: path, expected: "field '\(name)' as \(expected)",
                                   found: field.type)
        }
        guard count > 0 else { return [] }
        if case .enumeration(_, let members) = field.type {
            let memberType = try enumMemoryType(members: members)
            defer { withExtendedLifetime(memberType) {} }  // keep the type open through the read
            let values = try readField(name, memberType: memberType.id, as: Int64.self)
            return try Self.convert(values, to: T.self) { failure() }
        }
        if native == .bool {
            let values = try readField(name, memberType: ck_h5t_native_int64(), as: Int64.self)
            return try Self.convert(values, to: T.self) { failure() }
        }
        return try readField(name, memberType: native.predefinedID, as: T.self)
    }

    /// Resolves an object-reference field of a compound type to object paths.
    func compoundReferencePaths(_ name: String) throws(HDF5Error) -> [String] {
        let field = try compoundMember(name)
        guard field.type == .reference(.object) else {
            throw .typeMismatch(file: file.path, path: path, expected: "field '\(name)' as object references",
                                found: field.type)
        }
        let references = try readField(name, memberType: ck_h5t_std_ref_obj(), as: hobj_ref_t.self)
        return try references.map { (reference) throws(HDF5Error) in try resolve(reference) }
    }

    /// The stored field named `name`, or `fieldMissing` / `typeMismatch` (not a compound).
    private func compoundMember(_ name: String) throws(HDF5Error) -> HDF5DataType.CompoundField {
        guard case .compound(let fields) = dataType else { throw mismatch("a compound type with field '\(name)'") }
        guard let field = fields.first(where: { $0.name == name }) else {
            throw .fieldMissing(file: file.path, path: path, field: name, available: fields.map(\.name))
        }
        return field
    }

    /// Reads one field through a one-member compound memory type: libhdf5 matches members by name
    /// and converts the field's type to `memberType`.
    private func readField<T>(_ name: String, memberType: hid_t, as _: T.Type) throws(HDF5Error) -> [T] {
        let memoryType = try HDF5Handle.check(H5Tcreate(H5T_COMPOUND, MemoryLayout<T>.stride),
                                              kind: .datatype) { _ in failure() }
        guard H5Tinsert(memoryType.id, name, 0, memberType) >= 0 else { throw failure() }
        return try direct(memoryType: memoryType.id, as: T.self)
    }
}
