import Testing
@testable import CortexReports

@Suite("PNG encoder")
struct PNGTests {
    @Test("CRC-32 and Adler-32 match their published check values")
    func checksums() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Adler32.checksum([UInt8]()) == 1)
    }

    @Test("Adler-32 with deferred reduction equals the per-byte definition on long inputs")
    func adlerLong() {
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ $0 >> 5) }
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        #expect(Adler32.checksum(bytes) == b << 16 | a)
    }

    @Test("CRC-32 fed in pieces equals CRC-32 of the whole")
    func crcIncremental() {
        let bytes = Array("The quick brown fox jumps over the lazy dog".utf8)
        var crc = CRC32()
        crc.update(bytes[..<10])
        crc.update(bytes[10...])
        #expect(crc.value == CRC32.checksum(bytes))
        #expect(crc.value == 0x414F_A339)
    }

    @Test("stored zlib splits at 65 535 bytes and inflates back to the input")
    func zlibBlocks() throws {
        for count in [0, 1, 65_535, 65_536, 140_000] {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 31) }
            let stream = StoredZlib.encode(bytes)
            #expect(stream.count == 2 + 4 + bytes.count + 5 * max(1, (count + 65_534) / 65_535))
            #expect(try PNGDecoder.inflateStored(stream) == bytes)
        }
    }

    @Test("an encoded image decodes to the same pixels")
    func roundTrip() throws {
        for (width, height) in [(1, 1), (3, 2), (7, 5), (150, 160)] {
            let pixels = (0..<(width * height)).map {
                RGBColor(red: UInt8(truncatingIfNeeded: $0), green: UInt8(truncatingIfNeeded: $0 * 3), blue: UInt8(truncatingIfNeeded: $0 / 7))
            }
            let image = PNGImage(width: width, height: height, pixels: pixels)
            let decoded = try PNGDecoder.decode(image.encoded)
            #expect(decoded.width == width && decoded.height == height)
            #expect(decoded.pixels == pixels)
        }
    }

    @Test("the data URI is base64 of the encoded bytes")
    func dataURI() throws {
        let image = PNGImage(width: 2, height: 1, pixels: [RGBColor(hex: 0xFF0000), RGBColor(hex: 0x0000FF)])
        #expect(image.dataURI.hasPrefix("data:image/png;base64,iVBORw0KGgo"))
        let decoded = try PNGDecoder.decode(base64: String(image.dataURI.dropFirst(22)))
        #expect(decoded.pixels.map(\.hex) == ["#ff0000", "#0000ff"])
    }
}
