import CortexNumerics

/// A rows × columns `Float` matrix built row by row — a network layer's outputs arriving one chunk
/// of frames at a time — and kept in memory in a **lossless** compact encoding, readable back by
/// blocks of columns (``columns(as:)``). A Gram matrix over all rows needs every pair of rows, so
/// when rows arrive in chunks something about the earlier rows must be kept; this keeps all of
/// them, exactly, in a fraction of Float32's memory.
///
/// Encoding. Spiking layers take few distinct values: spikes (0, 1), sums of spikes through SEW
/// ADD connections (0, 1, 2, …), k/T means under the image protocol. The matrix keeps a codebook of
/// the distinct values seen, compared **by bit pattern** (so −0 and +0 stay distinct), and stores
/// each entry as its code in b bits, b = 1, 2, 4 or 8 for codebooks of at most 2, 4, 16 or 256
/// values; each row is packed into whole 64-bit words (a code never straddles a word). When the
/// codebook outgrows b, the stored rows are repacked at the next width (at most three times in a
/// matrix's life). A 257th distinct value switches the matrix to plain Float32 for good (the rows
/// stored so far are decoded into it). Decoding looks the stored bit pattern up, so every block
/// read back equals the appended values bit for bit — verified by construction, not by a check.
///
/// ```swift
/// var layer = CompactRowMatrix(columns: 16_384, expectedRows: 900)
/// layer.append(rows: 16, contentsOf: chunk)            // 16 × 16,384 spikes → 16 × 256 words
/// let r = try FrameCorrelations(source: layer.columns(as: Float.self), dropsFirstFrame: true)
/// layer.storage                                         // .codes(bitsPerEntry: 1, distinctValues: 2)
/// ```
///
/// - Complexity: append O(entries) (one hash look-up each); a block read O(rows × block width).
///   Memory rows × ⌈columns · b / 64⌉ × 8 bytes, b = 32 for the Float32 fallback.
public struct CompactRowMatrix: Sendable {
    /// How the entries are stored.
    public enum Storage: Sendable, Hashable {
        /// Codes of `bitsPerEntry` bits into a codebook of `distinctValues` values.
        case codes(bitsPerEntry: Int, distinctValues: Int)
        /// Plain Float32 (more than 256 distinct values).
        case float32
    }

    /// Number of columns (units).
    public let columnCount: Int
    /// Rows appended so far.
    public private(set) var rowCount = 0
    /// Rows the storage is reserved for (more may be appended; the storage then grows).
    public let expectedRows: Int

    /// Code → value.
    private var codebook: [Float] = []
    /// Value bit pattern → code.
    private var index = CodeIndex()
    /// Bits per code (1, 2, 4, 8) while coded.
    private var bits = 1
    /// Packed rows, `wordsPerRow` words each, while coded.
    private var words: [UInt64] = []
    /// Row-major values after the fallback.
    private var floats: [Float] = []
    private var isFloat32 = false

    /// An empty matrix of `columns` columns, with storage reserved for `expectedRows` rows.
    public init(columns: Int, expectedRows: Int = 0) {
        precondition(columns >= 0 && expectedRows >= 0, "CompactRowMatrix: negative size")
        columnCount = columns
        self.expectedRows = expectedRows
    }

    /// How the entries are stored now.
    public var storage: Storage {
        isFloat32 ? .float32 : .codes(bitsPerEntry: bits, distinctValues: codebook.count)
    }

    /// Bits per stored entry (32 for the Float32 fallback).
    public var bitsPerEntry: Int { isFloat32 ? 32 : bits }

    /// Bytes held by the storage (allocated capacity, codebook and index included).
    public var byteCount: Int {
        words.capacity * 8 + floats.capacity * 4 + codebook.capacity * 4 + CodeIndex.byteCount
    }

    /// Bytes per row at the current encoding.
    public var bytesPerRow: Int { isFloat32 ? columnCount * 4 : Self.wordsPerRow(columnCount, bits) * 8 }

    /// The largest number of distinct values kept as codes.
    public static let maximumCodebookSize = 256

    /// Appends `rows` rows, `values` row-major (`rows × columnCount` entries).
    public mutating func append(rows: Int, contentsOf values: [Float]) {
        values.withUnsafeBufferPointer { append(rows: rows, $0) }
    }

    /// Appends `rows` rows from a row-major buffer of `rows × columnCount` entries.
    public mutating func append(rows: Int, _ values: UnsafeBufferPointer<Float>) {
        precondition(rows >= 0 && values.count == rows * columnCount,
                     "CompactRowMatrix: \(values.count) values are not \(rows) rows of \(columnCount)")
        if rows == 0 { return }
        if columnCount == 0 {
            rowCount += rows
            return
        }
        if isFloat32 {
            appendFloats(values)
        } else if let codes = encode(values) {
            let needed = Self.bitWidth(forValues: codebook.count)
            if needed > bits { repack(to: needed) }
            pack(codes, rows: rows)
        } else {
            switchToFloat32()
            appendFloats(values)
        }
        rowCount += rows
    }

    // MARK: encoding

    /// Codes of `values`, growing the codebook; nil when more than 256 distinct values are needed
    /// (the codebook is then left as it was before this call's new values).
    private mutating func encode(_ values: UnsafeBufferPointer<Float>) -> [UInt8]? {
        var codes = [UInt8](repeating: 0, count: values.count)
        let before = codebook.count
        var lastKey = values[0].bitPattern &+ 1, lastCode: UInt8 = 0     // lastKey ≠ the first key
        let complete = codes.withUnsafeMutableBufferPointer { out -> Bool in
            for k in 0..<values.count {
                let key = values[k].bitPattern
                if key == lastKey { out[k] = lastCode; continue }
                var code = index.code(of: key)
                if code == nil {
                    guard codebook.count < Self.maximumCodebookSize else { return false }
                    code = UInt8(codebook.count)
                    index.insert(key, code: code!)
                    codebook.append(values[k])
                }
                lastKey = key
                lastCode = code!
                out[k] = lastCode
            }
            return true
        }
        if !complete {
            for value in codebook[before...] { index.remove(value.bitPattern) }
            codebook.removeSubrange(before...)
            return nil
        }
        return codes
    }

    /// Packs `rows` rows of codes at the current width after the stored rows.
    private mutating func pack(_ codes: [UInt8], rows: Int) {
        let perRow = Self.wordsPerRow(columnCount, bits)
        reserveWords(rowCount + rows, perRow: perRow)
        let start = words.count
        words.append(contentsOf: repeatElement(0, count: rows * perRow))
        let (p, width) = (columnCount, bits)
        words.withUnsafeMutableBufferPointer { w in
            codes.withUnsafeBufferPointer { c in
                for r in 0..<rows {
                    Self.packRow(c.baseAddress! + r * p, count: p, bits: width, into: w.baseAddress! + start + r * perRow)
                }
            }
        }
    }

    /// Repacks every stored row at `newBits` bits per code.
    private mutating func repack(to newBits: Int) {
        let (oldPerRow, newPerRow) = (Self.wordsPerRow(columnCount, bits), Self.wordsPerRow(columnCount, newBits))
        var repacked = [UInt64]()
        repacked.reserveCapacity(max(rowCount, expectedRows) * newPerRow)
        repacked.append(contentsOf: repeatElement(0, count: rowCount * newPerRow))
        var row = [UInt8](repeating: 0, count: columnCount)
        let (p, oldBits) = (columnCount, bits)
        words.withUnsafeBufferPointer { old in
            repacked.withUnsafeMutableBufferPointer { new in
                row.withUnsafeMutableBufferPointer { codes in
                    for r in 0..<rowCount {
                        for j in 0..<p { codes[j] = Self.code(old.baseAddress! + r * oldPerRow, column: j, bits: oldBits) }
                        Self.packRow(codes.baseAddress!, count: p, bits: newBits, into: new.baseAddress! + r * newPerRow)
                    }
                }
            }
        }
        words = repacked
        bits = newBits
    }

    /// Decodes the stored rows into Float32 storage and drops the codes.
    private mutating func switchToFloat32() {
        var decoded = [Float]()
        decoded.reserveCapacity(max(rowCount, expectedRows) * columnCount)
        decoded.append(contentsOf: repeatElement(0, count: rowCount * columnCount))
        decoded.withUnsafeMutableBufferPointer { out in
            decode(rows: 0..<rowCount, columns: 0..<columnCount, table: codebook, into: out.baseAddress!, rowStride: columnCount)
        }
        floats = decoded
        words = []
        codebook = []
        index = CodeIndex()
        isFloat32 = true
    }

    private mutating func appendFloats(_ values: UnsafeBufferPointer<Float>) {
        if floats.capacity < floats.count + values.count {
            floats.reserveCapacity(max(floats.count + values.count, expectedRows * columnCount))
        }
        floats.append(contentsOf: values)
    }

    private mutating func reserveWords(_ rows: Int, perRow: Int) {
        guard words.capacity < rows * perRow else { return }
        // Reserve for the expected rows at once (no doubling overshoot); past them, grow by half.
        let target = rows <= expectedRows ? expectedRows : rows + rows / 2
        words.reserveCapacity(target * perRow)
    }

    // MARK: decoding

    /// Writes rows `rows`, columns `columns` to `out[(i − rows.lowerBound) · rowStride + (j − columns.lowerBound)]`,
    /// converted to `Scalar` (exactly: Float → Float or Double).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func decode<Scalar: BLASScalar>(rows: Range<Int>, columns: Range<Int>, into out: UnsafeMutablePointer<Scalar>,
                                           rowStride: Int) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= rowCount && columns.lowerBound >= 0
                     && columns.upperBound <= columnCount && rowStride >= columns.count, "CompactRowMatrix: block out of range")
        if isFloat32 {
            floats.withUnsafeBufferPointer { f in
                for (i, r) in rows.enumerated() {
                    let src = f.baseAddress! + r * columnCount + columns.lowerBound
                    for j in 0..<columns.count { out[i * rowStride + j] = Scalar(src[j]) }
                }
            }
        } else {
            decode(rows: rows, columns: columns, table: codebook.map { Scalar($0) }, into: out, rowStride: rowStride)
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func decode<Scalar>(rows: Range<Int>, columns: Range<Int>, table: [Scalar], into out: UnsafeMutablePointer<Scalar>,
                                rowStride: Int) {
        let perRow = Self.wordsPerRow(columnCount, bits)
        let (width, mask) = (bits, (UInt64(1) << UInt64(bits)) - 1)
        let shift = width.trailingZeroBitCount                // codes per word = 64 / bits = 2^(6 − shift)
        let perWordLog = 6 - shift
        table.withUnsafeBufferPointer { t in
            words.withUnsafeBufferPointer { w in
                for (i, r) in rows.enumerated() {
                    let row = w.baseAddress! + r * perRow
                    let target = out + i * rowStride
                    for (k, j) in columns.enumerated() {
                        let word = row[j >> perWordLog]
                        let code = Int((word >> UInt64((j & ((1 << perWordLog) - 1)) * width)) & mask)
                        target[k] = t[code]
                    }
                }
            }
        }
    }

    // MARK: bit packing

    /// 64-bit words per row of `columns` codes of `bits` bits.
    public static func wordsPerRow(_ columns: Int, _ bits: Int) -> Int { (columns * bits + 63) / 64 }

    /// The narrowest width (1, 2, 4, 8) that codes `count` values.
    static func bitWidth(forValues count: Int) -> Int {
        count <= 2 ? 1 : count <= 4 ? 2 : count <= 16 ? 4 : 8
    }

    private static func packRow(_ codes: UnsafePointer<UInt8>, count: Int, bits: Int, into row: UnsafeMutablePointer<UInt64>) {
        let perWord = 64 / bits
        for j in 0..<count {
            row[j / perWord] |= UInt64(codes[j]) << UInt64((j % perWord) * bits)
        }
    }

    private static func code(_ row: UnsafePointer<UInt64>, column j: Int, bits: Int) -> UInt8 {
        let perWord = 64 / bits
        return UInt8((row[j / perWord] >> UInt64((j % perWord) * bits)) & ((1 << UInt64(bits)) - 1))
    }
}

/// Open-addressing map from a Float's bit pattern to its code (at most 256 keys in 1024 slots, so
/// probes stay short).
private struct CodeIndex: Sendable {
    static let slots = 1024
    static var byteCount: Int { slots * 6 }
    private var keys = [UInt32](repeating: 0, count: slots)
    /// Code + 1; 0 marks an empty slot.
    private var codes = [UInt16](repeating: 0, count: slots)

    @inline(__always)
    private static func home(_ key: UInt32) -> Int { Int((key &* 0x9E37_79B1) >> 22) }

    @inline(__always)
    func code(of key: UInt32) -> UInt8? {
        var s = Self.home(key)
        while codes[s] != 0 {
            if keys[s] == key { return UInt8(codes[s] - 1) }
            s = (s + 1) & (Self.slots - 1)
        }
        return nil
    }

    mutating func insert(_ key: UInt32, code: UInt8) {
        var s = Self.home(key)
        while codes[s] != 0 { s = (s + 1) & (Self.slots - 1) }
        keys[s] = key
        codes[s] = UInt16(code) + 1
    }

    /// Removes `key` (only used to undo the last insertions, so rebuilding the cluster is enough).
    mutating func remove(_ key: UInt32) {
        let pairs = (0..<Self.slots).compactMap { codes[$0] != 0 && keys[$0] != key ? (keys[$0], UInt8(codes[$0] - 1)) : nil }
        self = CodeIndex()
        for (k, c) in pairs { insert(k, code: c) }
    }
}

extension CompactRowMatrix {
    /// The matrix as a ``ColumnChunkSource`` of `Scalar` blocks (decoded on request, one block at
    /// a time), for Gram accumulation: ``FrameCorrelations``, ``CKA``, ``RDM``.
    public func columns<Scalar: BLASScalar>(as type: Scalar.Type) -> CompactRowColumns<Scalar> {
        CompactRowColumns(matrix: self)
    }

    /// The whole matrix decoded to `Scalar` (rows × columns in memory: for metrics that need it).
    public func decoded<Scalar: BLASScalar>(as type: Scalar.Type) -> NDArray<Scalar> {
        var out = [Scalar](repeating: 0, count: rowCount * columnCount)
        if !out.isEmpty {
            out.withUnsafeMutableBufferPointer {
                decode(rows: 0..<rowCount, columns: 0..<columnCount, into: $0.baseAddress!, rowStride: columnCount)
            }
        }
        return NDArray(shape: [rowCount, columnCount], scalars: out)
    }
}

/// A ``CompactRowMatrix`` read by blocks of columns, decoded to `Scalar` into a scratch block of
/// rows × block width (the only extra memory).
public struct CompactRowColumns<Scalar: BLASScalar>: ColumnChunkSource, Sendable {
    public let matrix: CompactRowMatrix

    public var rowCount: Int { matrix.rowCount }
    public var columnCount: Int { matrix.columnCount }

    public func withColumns<R, Failure: ColumnSourceFailure>(_ range: Range<Int>,
                                                             _ body: (ColumnBlock<Scalar>) throws(Failure) -> R) throws(Failure) -> R {
        precondition(range.lowerBound >= 0 && range.upperBound <= columnCount, "withColumns: \(range) out of 0..<\(columnCount)")
        var scratch = [Scalar](repeating: 0, count: max(1, rowCount * range.count))
        let result: Result<R, Failure> = scratch.withUnsafeMutableBufferPointer { p in
            matrix.decode(rows: 0..<rowCount, columns: range, into: p.baseAddress!, rowStride: range.count)
            do throws(Failure) {
                return .success(try body(ColumnBlock(base: UnsafePointer(p.baseAddress!), rowStride: max(range.count, 0),
                                                     rows: rowCount, columns: range.count)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
