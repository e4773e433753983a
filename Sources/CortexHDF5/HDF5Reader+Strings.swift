import CHDF5

extension HDF5Reader {
    /// Reads every element as a Swift `String`, in row-major order.
    ///
    /// - Variable-length strings are read as C strings in the stored character set (libhdf5 cannot
    ///   convert between ASCII and UTF-8), then their memory is returned with `H5Dvlen_reclaim`
    ///   (`H5Treclaim` is not exported below HDF5 1.12). A null pointer reads as "".
    /// - Fixed-length strings are read as raw bytes and trimmed per the type's padding: null-terminated
    ///   → up to the first NUL; null-padded → trailing NULs removed; space-padded → trailing spaces
    ///   removed.
    /// - Bytes that are not valid UTF-8 are replaced by U+FFFD.
    func strings() throws(HDF5Error) -> [String] {
        guard case .string(let variable, _, let size) = dataType else { throw mismatch("strings") }
        guard count > 0 else { return [] }
        try checkMemory(elementBytes: variable ? MemoryLayout<UnsafeMutablePointer<CChar>?>.stride : max(size, 1))
        return variable ? try variableLengthStrings() : try fixedLengthStrings(size: size)
    }

    private func variableLengthStrings() throws(HDF5Error) -> [String] {
        let memoryType = try HDF5Handle.check(H5Tcopy(ck_h5t_c_s1()), kind: .datatype) { _ in failure() }
        guard H5Tset_size(memoryType.id, ck_h5t_variable()) >= 0,
              H5Tset_cset(memoryType.id, H5Tget_cset(type.id)) >= 0 else { throw failure() }
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
        let status = pointers.withUnsafeMutableBytes { read(memoryType: memoryType.id, into: $0.baseAddress!) }
        guard status >= 0 else { throw failure() }
        let values = pointers.map { pointer in pointer.map { String(cString: $0) } ?? "" }
        let reclaimed = pointers.withUnsafeMutableBytes { raw in
            H5Dvlen_reclaim(memoryType.id, memorySpace.id, ck_h5p_default(), raw.baseAddress)
        }
        if reclaimed < 0 { ck_h5_silence_and_clear() }
        return values
    }

    private func fixedLengthStrings(size: Int) throws(HDF5Error) -> [String] {
        guard size > 0 else { return Array(repeating: "", count: count) }
        // Reading with a copy of the stored type performs no conversion: the bytes are as on disk.
        let memoryType = try HDF5Handle.check(H5Tcopy(type.id), kind: .datatype) { _ in failure() }
        let padding = H5Tget_strpad(type.id)
        var bytes = [UInt8](repeating: 0, count: count * size)
        let status = bytes.withUnsafeMutableBytes { read(memoryType: memoryType.id, into: $0.baseAddress!) }
        guard status >= 0 else { throw failure() }
        return (0..<count).map { index in
            Self.trim(bytes[index * size ..< (index + 1) * size], padding: padding)
        }
    }

    /// Decodes one fixed-length element according to its padding.
    static func trim(_ element: ArraySlice<UInt8>, padding: H5T_str_t) -> String {
        var end = element.endIndex
        switch padding {
        case H5T_STR_NULLTERM:
            end = element.firstIndex(of: 0) ?? element.endIndex
        case H5T_STR_SPACEPAD:
            while end > element.startIndex && element[end - 1] == UInt8(ascii: " ") { end -= 1 }
        default:  // H5T_STR_NULLPAD
            while end > element.startIndex && element[end - 1] == 0 { end -= 1 }
        }
        return String(decoding: element[element.startIndex..<end], as: UTF8.self)
    }
}
