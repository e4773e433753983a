/// Adler-32, the checksum ending a zlib stream (RFC 1950 §9): `a = 1 + Σ bytes`,
/// `b = Σ a` after each byte, both mod 65521; the value is `b << 16 | a`.
///
/// Sums are reduced every 5552 bytes (the largest run that cannot overflow 32 bits, as zlib does)
/// instead of after every byte.
/// Check value: `Adler32.checksum("Wikipedia".utf8) == 0x11E60398`.
enum Adler32 {
    static let modulus: UInt32 = 65_521

    /// The checksum of `bytes`.
    static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var a: UInt32 = 1, b: UInt32 = 0, run = 0
        for byte in bytes {
            a &+= UInt32(byte)
            b &+= a
            run += 1
            if run == 5552 { a %= modulus; b %= modulus; run = 0 }
        }
        return (b % modulus) << 16 | (a % modulus)
    }
}
