import Foundation

/// A safetensors file in memory: named tensors (raw little-endian bytes) and string metadata.
///
/// Layout (https://github.com/huggingface/safetensors):
///
///     [8 bytes: header length L, UInt64 little-endian]
///     [L bytes: UTF-8 JSON {"__metadata__": {k: v, …},
///                           name: {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, …},
///               padded with spaces to a multiple of 8]
///     [data: each tensor's bytes at data_offsets relative to the end of the header]
///
/// Tensors are written in name order, contiguously. ``write(to:)`` is atomic (temporary file in
/// the same directory, then rename).
public struct SafetensorsFile: Sendable, Equatable {
    /// One stored tensor.
    public struct Entry: Sendable, Equatable {
        public var dtype: SafetensorsDType
        public var shape: [Int]
        /// Little-endian element bytes, `shape.product · dtype.size` of them.
        public var bytes: [UInt8]

        public init(dtype: SafetensorsDType, shape: [Int], bytes: [UInt8]) {
            precondition(SafetensorsFile.checkedProduct(shape + [dtype.size]) == bytes.count, "Safetensors entry: byte count does not match shape")
            self.dtype = dtype
            self.shape = shape
            self.bytes = bytes
        }
    }

    public var tensors: [String: Entry]
    public var metadata: [String: String]

    public init(tensors: [String: Entry] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    // MARK: encoding

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var header = "{"
        var parts: [String] = []
        if !metadata.isEmpty {
            let fields = metadata.keys.sorted().map { "\(Self.jsonString($0)):\(Self.jsonString(metadata[$0]!))" }
            parts.append("\"__metadata__\":{\(fields.joined(separator: ","))}")
        }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let e = tensors[name]!
            let shape = e.shape.map(String.init).joined(separator: ",")
            parts.append("\(Self.jsonString(name)):{\"dtype\":\"\(e.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + e.bytes.count)]}")
            offset += e.bytes.count
        }
        header += parts.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var out: [UInt8] = []
        out.reserveCapacity(8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: headerBytes)
        for name in names { out.append(contentsOf: tensors[name]!.bytes) }
        return out
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// Writes atomically: a temporary file next to `url`, then a rename over it.
    public func write(to url: URL) throws(CheckpointError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Data(encoded()).write(to: temporary)
        } catch {
            throw .io(path: url.path, reason: "cannot write temporary file: \(error)")
        }
        // rename(2) replaces the destination atomically within one file system.
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw .io(path: url.path, reason: "rename failed: \(String(cString: strerror(code)))")
        }
    }

    // MARK: decoding

    /// Parses a file's bytes, validating header length, JSON, dtypes, shapes and offsets.
    ///
    /// Sizes are computed with overflow checks (a shape of [2³², 2³²] is an error, not a trap); every
    /// tensor's byte range must lie inside the data section and no two ranges may overlap. A PyTorch
    /// `.pth`/`.pt` file (zip or pickle) is recognised and named, with the converter to run.
    public init(bytes: [UInt8], path: String? = nil) throws(CheckpointError) {
        func fail(_ reason: String) -> CheckpointError { .malformed(path: path, reason: reason) }
        // Checked only once the bytes fail as safetensors, so no valid file is ever taken for one.
        func failOrPyTorch(_ reason: String) -> CheckpointError {
            guard let kind = Self.pytorchKind(bytes) else { return fail(reason) }
            return fail("this is a PyTorch checkpoint (\(kind)), not safetensors; convert it with "
                + "`python scripts/convert_pth_to_safetensors.py MODEL.pth MODEL.safetensors`")
        }
        guard bytes.count >= 8 else { throw failOrPyTorch("shorter than the 8-byte header length") }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard length <= UInt64(bytes.count - 8) else {
            throw failOrPyTorch("header length \(length) exceeds file size \(bytes.count)")
        }
        let headerEnd = 8 + Int(length)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd]))
        } catch {
            throw failOrPyTorch("header is not JSON")
        }
        guard let object = json as? [String: Any] else { throw fail("header is not a JSON object") }
        let dataCount = bytes.count - headerEnd
        var tensors: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        var ranges: [(range: Range<Int>, name: String)] = []
        for (name, value) in object {
            if name == "__metadata__" {
                guard let map = value as? [String: Any] else { throw fail("__metadata__ is not an object") }
                for (k, v) in map {
                    guard let s = v as? String else { throw fail("__metadata__ value for '\(k)' is not a string") }
                    metadata[k] = s
                }
                continue
            }
            guard let info = value as? [String: Any],
                  let dtypeName = info["dtype"] as? String,
                  let shapeValues = info["shape"] as? [Any],
                  let offsetValues = info["data_offsets"] as? [Any], offsetValues.count == 2 else {
                throw fail("entry '\(name)' lacks dtype, shape or data_offsets")
            }
            guard let dtype = SafetensorsDType(rawValue: dtypeName) else { throw fail("'\(name)': unsupported dtype \(dtypeName)") }
            let shape = shapeValues.compactMap(Self.nonNegativeInteger)
            let offsets = offsetValues.compactMap(Self.nonNegativeInteger)
            guard shape.count == shapeValues.count, offsets.count == 2 else {
                throw fail("'\(name)': shape or offsets are not non-negative integers")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin <= end, end <= dataCount else {
                throw fail("'\(name)': data_offsets [\(begin), \(end)] outside the \(dataCount)-byte data section")
            }
            guard let byteCount = Self.checkedProduct(shape + [dtype.size]) else {
                throw fail("'\(name)': shape \(shape) of \(dtypeName) overflows (more than 2^63 bytes)")
            }
            guard end - begin == byteCount else {
                throw fail("'\(name)': \(end - begin) bytes for shape \(shape) of \(dtypeName)")
            }
            ranges.append((begin..<end, name))
            tensors[name] = Entry(dtype: dtype, shape: shape, bytes: Array(bytes[(headerEnd + begin)..<(headerEnd + end)]))
        }
        ranges.sort { ($0.range.lowerBound, $0.name) < ($1.range.lowerBound, $1.name) }
        for (previous, next) in zip(ranges, ranges.dropFirst()) where next.range.lowerBound < previous.range.upperBound {
            throw fail("'\(previous.name)' [\(previous.range.lowerBound), \(previous.range.upperBound)) and "
                + "'\(next.name)' [\(next.range.lowerBound), \(next.range.upperBound)) overlap")
        }
        self.init(tensors: tensors, metadata: metadata)
    }

    /// A JSON number that is a non-negative integer representable as `Int`, else nil.
    static func nonNegativeInteger(_ value: Any) -> Int? {
        // Bridging to Int succeeds only for values it represents exactly (not 0.5, 1e30, 2^64 − 1).
        if let integer = value as? Int { return integer >= 0 ? integer : nil }
        guard let double = (value as? NSNumber)?.doubleValue, double.isFinite, double >= 0, double < 0x1p63,
              double == double.rounded() else { return nil }
        return Int(double)
    }

    /// Π values, or nil on overflow.
    static func checkedProduct(_ values: [Int]) -> Int? {
        var product = 1
        for value in values {
            let (result, overflow) = product.multipliedReportingOverflow(by: value)
            if overflow { return nil }
            product = result
        }
        return product
    }

    /// "zip archive" or "pickle" when `bytes` start like a PyTorch checkpoint, else nil.
    ///
    /// `torch.save` writes a zip archive since PyTorch 1.6 ("PK\u{3}\u{4}") and a pickle before
    /// (protocol 2: 0x80 0x02). Asked only after the bytes failed to parse as safetensors.
    static func pytorchKind(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "a zip archive, as torch.save writes" }
        if bytes.count >= 2, bytes[0] == 0x80, (2...5).contains(bytes[1]) { return "a pickle, as older torch.save writes" }
        return nil
    }

    /// Reads and parses a file.
    public init(contentsOf url: URL) throws(CheckpointError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .io(path: url.path, reason: "\(error)") }
        try self.init(bytes: [UInt8](data), path: url.path)
    }
}
