import CHDF5

extension HDF5DataType {
    /// Describes an open HDF5 data type (the caller keeps ownership of `typeID`).
    /// Never fails: anything unreadable becomes `.other`.
    init(typeID: hid_t) {
        let size = H5Tget_size(typeID)
        switch H5Tget_class(typeID) {
        case H5T_INTEGER:
            self = .integer(bytes: size, signed: H5Tget_sign(typeID) == H5T_SGN_2)
        case H5T_FLOAT:
            self = .float(bytes: size)
        case H5T_STRING:
            let variable = H5Tis_variable_str(typeID) > 0
            let encoding: StringEncoding = H5Tget_cset(typeID) == H5T_CSET_UTF8 ? .utf8 : .ascii
            self = .string(variable: variable, encoding: encoding, size: variable ? 0 : size)
        case H5T_REFERENCE:
            self = .reference(H5Tequal(typeID, ck_h5t_std_ref_obj()) > 0 ? .object : .region)
        case H5T_COMPOUND:
            self = .compound(Self.compoundFields(of: typeID))
        case H5T_ENUM:
            self = Self.enumeration(of: typeID)
        case H5T_ARRAY:
            self = .other(Self.arrayDescription(of: typeID))
        case H5T_VLEN:
            let base = H5Tget_super(typeID)
            guard base >= 0 else { self = .other("variable-length sequence"); break }
            let handle = HDF5Handle(base, kind: .datatype)
            self = .other("variable-length sequence of \(HDF5DataType(typeID: handle.id))")
        case H5T_OPAQUE:
            self = .other("opaque (\(size) bytes)")
        case H5T_BITFIELD:
            self = .other("bitfield (\(size) bytes)")
        case H5T_TIME:
            self = .other("time (\(size) bytes)")
        default:
            self = .other("unknown HDF5 type class")
        }
        ck_h5_silence_and_clear()
    }

    /// The name of member `index` of a compound or enumeration type.
    static func memberName(of typeID: hid_t, index: UInt32) -> String {
        guard let pointer = H5Tget_member_name(typeID, index) else { return "" }
        defer { H5free_memory(pointer) }
        return String(cString: pointer)
    }

    private static func compoundFields(of typeID: hid_t) -> [CompoundField] {
        let count = H5Tget_nmembers(typeID)
        guard count > 0 else { return [] }
        return (0..<UInt32(count)).map { index in
            let memberType = H5Tget_member_type(typeID, index)
            let type: HDF5DataType
            if memberType >= 0 {
                let handle = HDF5Handle(memberType, kind: .datatype)
                type = HDF5DataType(typeID: handle.id)
            } else {
                type = .other("unreadable member type")
            }
            return CompoundField(name: memberName(of: typeID, index: index), type: type,
                                 offset: H5Tget_member_offset(typeID, index))
        }
    }

    private static func enumeration(of typeID: hid_t) -> HDF5DataType {
        let baseID = H5Tget_super(typeID)
        guard baseID >= 0 else { return .other("enumeration with unreadable base type") }
        let base = HDF5Handle(baseID, kind: .datatype)
        let count = max(0, Int(H5Tget_nmembers(typeID)))
        let baseSize = H5Tget_size(base.id)
        var members: [EnumMember] = []
        for index in 0..<UInt32(count) {
            // Convert the stored value (any width, either byte order) to a native Int64.
            var buffer = [UInt8](repeating: 0, count: max(baseSize, 8))
            let converted = buffer.withUnsafeMutableBytes { raw -> Bool in
                H5Tget_member_value(typeID, index, raw.baseAddress) >= 0
                    && H5Tconvert(base.id, ck_h5t_native_int64(), 1, raw.baseAddress, nil, ck_h5p_default()) >= 0
            }
            let value = buffer.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
            members.append(EnumMember(name: memberName(of: typeID, index: index), value: converted ? value : 0))
        }
        return .enumeration(base: HDF5DataType(typeID: base.id), members: members)
    }

    private static func arrayDescription(of typeID: hid_t) -> String {
        let rank = H5Tget_array_ndims(typeID)
        var dims = [hsize_t](repeating: 0, count: max(Int(rank), 0))
        if rank > 0 { _ = H5Tget_array_dims2(typeID, &dims) }
        let baseID = H5Tget_super(typeID)
        guard baseID >= 0 else { return "array \(dims)" }
        let base = HDF5Handle(baseID, kind: .datatype)
        return "array \(dims.map { Int($0) }) of \(HDF5DataType(typeID: base.id))"
    }
}
