/// Reading a header: the binary prefix, then the Python dict literal.
extension NPYHeader {
    /// Decodes the header text of a file of the given version.
    ///
    /// Accepts what `ast.literal_eval` would for NumPy's three keys: any spacing and newlines,
    /// single or double quotes, keys in any order, with or without a trailing comma, a tuple or
    /// list shape (`()` for a scalar, `(n,)` for 1-D) and Python 2's `3L` integers. Like NumPy,
    /// it rejects a dict with missing or extra keys.
    ///
    /// - Parameters:
    ///   - text: the header text, after decoding latin-1 (1.0, 2.0) or UTF-8 (3.0).
    ///   - version: the format version read from the prefix.
    ///   - dataOffset: where the elements start (prefix + header length).
    ///   - path: the file, for error messages.
    /// - Throws: `NPYError.unparsableHeader` or `NPYError.unsupportedDType`.
    static func parse(text: String, version: NPYVersion, dataOffset: Int, path: String) throws(NPYError) -> NPYHeader {
        func unparsable(_ reason: String) -> NPYError {
            let shown = text.count > 200 ? String(text.prefix(200)) + "…" : text
            return .unparsableHeader(path: path, reason: reason, header: shown)
        }
        let literal: PythonLiteral
        do {
            literal = try PythonLiteralParser.parse(text)
        } catch {
            throw unparsable("\(error.reason) at character \(error.offset)")
        }
        guard case .dict(let pairs) = literal else { throw unparsable("expected a dict") }
        var entries: [String: PythonLiteral] = [:]
        for (key, value) in pairs {
            guard case .string(let name) = key else {
                throw unparsable("dict key \(key.pythonDescription) is not a string")
            }
            entries[name] = value
        }
        guard entries.count == 3, let descrValue = entries["descr"], let orderValue = entries["fortran_order"],
              let shapeValue = entries["shape"] else {
            throw unparsable("expected keys descr, fortran_order, shape; found "
                             + (entries.isEmpty ? "none" : entries.keys.sorted().joined(separator: ", ")))
        }

        guard case .string(let descr) = descrValue else {
            // A list descr is a structured (record) dtype; anything else is not a dtype at all.
            if case .list = descrValue { throw .unsupportedDType(path: path, descr: descrValue.pythonDescription) }
            throw unparsable("descr \(descrValue.pythonDescription) is not a string")
        }
        guard let (dtype, byteOrder) = NPYDType.parse(descr: descr) else {
            throw .unsupportedDType(path: path, descr: descr)
        }

        guard case .boolean(let fortranOrder) = orderValue else {
            throw unparsable("fortran_order \(orderValue.pythonDescription) is not True or False")
        }

        let shapeItems: [PythonLiteral]
        switch shapeValue {
        case .tuple(let items), .list(let items): shapeItems = items
        default: throw unparsable("shape \(shapeValue.pythonDescription) is not a tuple")
        }
        var shape: [Int] = []
        var count = 1
        for item in shapeItems {
            guard case .integer(let extent) = item, extent >= 0 else {
                throw unparsable("shape entry \(item.pythonDescription) is not a non-negative integer")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw unparsable("shape \(shapeValue.pythonDescription) is too large") }
            count = product
            shape.append(extent)
        }
        let (bytes, o1) = count.multipliedReportingOverflow(by: dtype.itemSize)
        let (_, o2) = bytes.addingReportingOverflow(dataOffset)
        guard !o1 && !o2 else { throw unparsable("shape \(shapeValue.pythonDescription) is too large") }

        return NPYHeader(version: version, dtype: dtype, byteOrder: byteOrder, fortranOrder: fortranOrder,
                         shape: shape, dataOffset: dataOffset)
    }

    /// Reads and decodes the header at the start of an open file and checks that the file holds
    /// all the data it announces.
    ///
    /// - Throws: `NPYError.badMagic`, `.unsupportedVersion`, `.truncatedFile`,
    ///   `.unparsableHeader`, `.unsupportedDType` or `.io`.
    static func read(from file: NPYFileDescriptor) throws(NPYError) -> NPYHeader {
        let path = file.path
        let fileSize = try file.size()
        // Magic (6), version (2) and the longest length field (4).
        let prefix = try file.readBytes(count: 12, at: 0)

        guard prefix.count >= magic.count, Array(prefix.prefix(magic.count)) == magic else {
            if prefix.count < magic.count && magic.starts(with: prefix) && !prefix.isEmpty {
                throw .truncatedFile(path: path, expectedBytes: prefixLength(.v1), foundBytes: fileSize)
            }
            throw .badMagic(path: path, found: Array(prefix.prefix(8)))
        }
        guard prefix.count >= 8 else {
            throw .truncatedFile(path: path, expectedBytes: prefixLength(.v1), foundBytes: fileSize)
        }
        guard let version = NPYVersion(major: prefix[6], minor: prefix[7]) else {
            throw .unsupportedVersion(path: path, major: prefix[6], minor: prefix[7])
        }
        let headerStart = prefixLength(version)
        guard prefix.count >= headerStart else {
            throw .truncatedFile(path: path, expectedBytes: headerStart, foundBytes: fileSize)
        }
        // The length field is little-endian.
        let headerLength = prefix[8..<headerStart].reversed().reduce(0) { $0 << 8 | Int($1) }
        let dataOffset = headerStart + headerLength
        guard fileSize >= dataOffset else {
            throw .truncatedFile(path: path, expectedBytes: dataOffset, foundBytes: fileSize)
        }

        let headerBytes = try file.readBytes(count: headerLength, at: headerStart)
        guard headerBytes.count == headerLength else {
            throw .truncatedFile(path: path, expectedBytes: dataOffset, foundBytes: headerStart + headerBytes.count)
        }
        let text: String
        if version == .v3 {
            guard let utf8 = String(validating: headerBytes, as: UTF8.self) else {
                throw .unparsableHeader(path: path, reason: "header is not valid UTF-8",
                                        header: String(decoding: headerBytes.prefix(200), as: UTF8.self))
            }
            text = utf8
        } else {
            // Latin-1: every byte is the Unicode scalar of the same value.
            text = String(String.UnicodeScalarView(headerBytes.lazy.map { Unicode.Scalar($0) }))
        }

        let header = try parse(text: text, version: version, dataOffset: dataOffset, path: path)
        guard fileSize - dataOffset >= header.dataByteCount else {
            throw .truncatedFile(path: path, expectedBytes: dataOffset + header.dataByteCount, foundBytes: fileSize)
        }
        return header
    }
}
