/// CRC-32 as used by PNG, zlib's gzip and Ethernet (ISO 3309 / ITU-T V.42): reflected polynomial
/// 0xEDB88320, initial value and final XOR 0xFFFFFFFF. Table-driven, one byte per step.
///
/// Check value: `CRC32.checksum("123456789".utf8) == 0xCBF43926`.
/// Reference: PNG specification (ISO/IEC 15948), Annex D.
struct CRC32: Sendable, Hashable {
    /// The 256-entry table for the reflected polynomial (immutable, computed once).
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private var state: UInt32 = 0xFFFF_FFFF

    init() {}

    /// Feeds more bytes.
    mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        var c = state
        for byte in bytes { c = Self.table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        state = c
    }

    /// The checksum of the bytes fed so far.
    var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// The checksum of `bytes`.
    static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
