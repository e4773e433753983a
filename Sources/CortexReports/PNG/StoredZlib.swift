/// A zlib stream (RFC 1950) whose deflate data (RFC 1951) are *stored* blocks only.
///
/// Stored blocks copy bytes verbatim (≤ 65 535 per block, each with a 5-byte header: BFINAL/BTYPE
/// = 00, then LEN and its one's complement NLEN, little-endian). No compression: RDM images are
/// small and this keeps the encoder short, dependency-free and obviously correct; any inflater
/// reads it. Layout: `0x78 0x01` header, blocks, big-endian Adler-32 of the uncompressed bytes.
enum StoredZlib {
    /// Largest payload of one stored block.
    static let maximumBlockSize = 65_535

    /// The zlib stream holding `bytes`.
    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]  // CM = 8 (deflate), CINFO = 7; FLEVEL 0; (0x7801 % 31 == 0)
        out.reserveCapacity(bytes.count + bytes.count / maximumBlockSize * 5 + 16)
        var start = 0
        repeat {
            let end = min(start + maximumBlockSize, bytes.count)
            let length = UInt16(end - start)
            out.append(end == bytes.count ? 0x01 : 0x00)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += bytes[start..<end]
            start = end
        } while start < bytes.count
        let adler = Adler32.checksum(bytes)
        out += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return out
    }
}
