import Foundation
@testable import CortexReports

/// An independent reader for the PNGs our encoder writes (8-bit RGB, filter 0, stored deflate
/// blocks), checking every CRC, the zlib header and the Adler-32 along the way.
enum PNGDecoder {
    struct Failure: Error, CustomStringConvertible { var description: String }

    struct Image { var width: Int; var height: Int; var pixels: [RGBColor] }

    static func decode(base64: String) throws -> Image {
        guard let data = Data(base64Encoded: base64) else { throw Failure(description: "bad base64") }
        return try decode([UInt8](data))
    }

    static func decode(_ bytes: [UInt8]) throws -> Image {
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Failure(description: "signature") }
        var offset = 8
        var chunks: [(type: String, data: [UInt8])] = []
        func u32(_ at: Int) -> UInt32 { bytes[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        while offset < bytes.count {
            guard offset + 12 <= bytes.count else { throw Failure(description: "truncated chunk") }
            let length = Int(u32(offset))
            let typeAndData = Array(bytes[(offset + 4)..<(offset + 8 + length)])
            let crc = u32(offset + 8 + length)
            guard CRC32.checksum(typeAndData) == crc else { throw Failure(description: "CRC mismatch") }
            chunks.append((String(decoding: typeAndData.prefix(4), as: UTF8.self), Array(typeAndData.dropFirst(4))))
            offset += 12 + length
        }
        guard chunks.map(\.type) == ["IHDR", "IDAT", "IEND"] else { throw Failure(description: "chunks \(chunks.map(\.type))") }
        let ihdr = chunks[0].data
        let width = Int(ihdr[0..<4].reduce(0) { $0 << 8 | UInt32($1) }), height = Int(ihdr[4..<8].reduce(0) { $0 << 8 | UInt32($1) })
        guard Array(ihdr[8...]) == [8, 2, 0, 0, 0] else { throw Failure(description: "IHDR format") }
        let raw = try inflateStored(chunks[1].data)
        guard raw.count == height * (1 + 3 * width) else { throw Failure(description: "raw size \(raw.count)") }
        var pixels: [RGBColor] = []
        for row in 0..<height {
            let start = row * (1 + 3 * width)
            guard raw[start] == 0 else { throw Failure(description: "filter \(raw[start])") }
            for column in 0..<width {
                let p = start + 1 + 3 * column
                pixels.append(RGBColor(red: raw[p], green: raw[p + 1], blue: raw[p + 2]))
            }
        }
        return Image(width: width, height: height, pixels: pixels)
    }

    /// Inflates a zlib stream made only of stored blocks, verifying header and Adler-32.
    static func inflateStored(_ stream: [UInt8]) throws -> [UInt8] {
        guard stream.count >= 6, (UInt16(stream[0]) << 8 | UInt16(stream[1])) % 31 == 0, stream[0] & 0x0F == 8 else {
            throw Failure(description: "zlib header")
        }
        var offset = 2, out: [UInt8] = []
        while true {
            let header = stream[offset]
            guard header & 0b110 == 0 else { throw Failure(description: "not a stored block") }
            let length = Int(stream[offset + 1]) | Int(stream[offset + 2]) << 8
            let complement = Int(stream[offset + 3]) | Int(stream[offset + 4]) << 8
            guard length ^ complement == 0xFFFF else { throw Failure(description: "LEN/NLEN") }
            out += stream[(offset + 5)..<(offset + 5 + length)]
            offset += 5 + length
            if header & 1 == 1 { break }
        }
        let adler = stream[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard adler == Adler32.checksum(out), offset + 4 == stream.count else { throw Failure(description: "Adler-32") }
        return out
    }
}
