/// Writing a header byte-for-byte as NumPy 2.x does (`numpy.lib.format._write_array_header`).
extension NPYHeader {
    /// The header dict text NumPy writes for a C-order array, before padding:
    ///
    /// ```
    /// {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }␣␣…
    /// ```
    ///
    /// Keys are sorted, every entry ends in `", "`, and `21 − len(repr(shape[0]))` spaces follow
    /// the dict so the first extent can later grow in place (none for a scalar).
    static func dictText(dtype: NPYDType, byteOrder: NPYByteOrder, shape: [Int]) -> String {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)"
            : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        let dict = "{'descr': '\(dtype.descr(byteOrder: byteOrder))', 'fortran_order': False, 'shape': \(shapeText), }"
        let growth = shape.isEmpty ? 0 : max(0, growthAxisMaximumDigits - String(shape[0]).count)
        return dict + String(repeating: " ", count: growth)
    }

    /// Everything a C-order array's file holds before its data, and the header that describes it.
    ///
    /// The text is padded with spaces and a final `"\n"` so that the data starts at a multiple of
    /// 64 bytes; like NumPy, an already aligned length still gets a full 64 bytes of padding:
    /// `padding = 64 − (prefix + text + 1) mod 64`.
    ///
    /// - Parameters:
    ///   - dtype, byteOrder, shape: the array to describe (stored in C order).
    ///   - choice: `.smallest` picks 1.0 unless the header exceeds 65 535 bytes, then 2.0.
    ///   - path: the destination, for error messages.
    /// - Throws: `NPYError.headerTooLarge` when `.exactly(version)` cannot hold the header.
    static func encode(
        dtype: NPYDType, byteOrder: NPYByteOrder, shape: [Int], version choice: NPYWriteVersion, path: String
    ) throws(NPYError) -> (bytes: [UInt8], header: NPYHeader) {
        let text = Array(dictText(dtype: dtype, byteOrder: byteOrder, shape: shape).utf8)   // ASCII
        func paddedLength(_ version: NPYVersion) -> Int {
            let unpadded = text.count + 1
            return unpadded + alignment - (prefixLength(version) + unpadded) % alignment
        }
        let version: NPYVersion
        switch choice {
        case .smallest:
            version = paddedLength(.v1) <= NPYVersion.v1.maximumHeaderLength ? .v1 : .v2
        case .exactly(let requested):
            version = requested
        }
        let headerLength = paddedLength(version)
        guard headerLength <= version.maximumHeaderLength else {
            throw .headerTooLarge(path: path, version: version, byteCount: headerLength,
                                  limit: version.maximumHeaderLength)
        }

        var bytes = magic
        bytes.reserveCapacity(prefixLength(version) + headerLength)
        bytes += [version.number.major, version.number.minor]
        for i in 0..<version.lengthFieldSize { bytes.append(UInt8(truncatingIfNeeded: headerLength >> (8 * i))) }
        bytes += text
        bytes += [UInt8](repeating: 0x20, count: headerLength - text.count - 1)
        bytes.append(0x0A)

        let header = NPYHeader(version: version, dtype: dtype, byteOrder: byteOrder, fortranOrder: false,
                               shape: shape, dataOffset: bytes.count)
        return (bytes, header)
    }
}
