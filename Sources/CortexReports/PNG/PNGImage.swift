import Foundation

/// An 8-bit RGB image and its PNG encoding (ISO/IEC 15948): signature, IHDR, one IDAT with a
/// stored-block zlib stream of filter-type-0 scanlines, IEND; each chunk with its CRC-32.
///
/// ```swift
/// let image = PNGImage(width: 2, height: 1, pixels: [RGBColor(hex: 0xff0000), RGBColor(hex: 0x0000ff)])
/// let uri = image.dataURI   // "data:image/png;base64,iVBORw0KGgo…"
/// ```
struct PNGImage: Sendable, Hashable {
    let width: Int
    let height: Int
    /// Row-major pixels, `width × height` of them.
    let pixels: [RGBColor]

    /// - Precondition: width, height ≥ 1 and `pixels.count == width * height`.
    init(width: Int, height: Int, pixels: [RGBColor]) {
        precondition(width >= 1 && height >= 1 && pixels.count == width * height,
                     "PNGImage: \(pixels.count) pixels for \(width) × \(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The 8-byte PNG signature.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG file bytes.
    var encoded: [UInt8] {
        var ihdr: [UInt8] = []
        ihdr += Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height))
        ihdr += [8, 2, 0, 0, 0]  // bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (1 + 3 * width))
        for row in 0..<height {
            raw.append(0)  // filter type 0 (None)
            for pixel in pixels[(row * width)..<((row + 1) * width)] { raw += [pixel.red, pixel.green, pixel.blue] }
        }
        return Self.signature + Self.chunk("IHDR", ihdr) + Self.chunk("IDAT", StoredZlib.encode(raw))
            + Self.chunk("IEND", [])
    }

    /// `data:image/png;base64,…` for embedding in SVG or HTML.
    var dataURI: String { "data:image/png;base64," + Data(encoded).base64EncodedString() }

    /// One chunk: length, type, data, CRC-32 of type and data.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        precondition(typeBytes.count == 4, "PNG chunk types have four letters")
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(CRC32.checksum(typeBytes + data))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
