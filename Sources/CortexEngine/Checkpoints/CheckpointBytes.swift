/// Little-endian byte conversion for checkpoint payloads.
enum Checkpoint {
    static func bytes<T: FixedWidthInteger>(of values: [T]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(values.count * MemoryLayout<T>.size)
        for v in values { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }

    static func bytes(of values: [Float]) -> [UInt8] { bytes(of: values.map(\.bitPattern)) }
    static func bytes(of values: [Double]) -> [UInt8] { bytes(of: values.map(\.bitPattern)) }

    static func values<T: FixedWidthInteger>(_ type: T.Type, _ bytes: [UInt8]) -> [T] {
        let size = MemoryLayout<T>.size
        return (0..<(bytes.count / size)).map { i in
            var v: T = 0
            for b in 0..<size { v |= T(truncatingIfNeeded: bytes[i * size + b]) << (8 * b) }
            return v
        }
    }

    static func values(_ type: Float.Type, _ bytes: [UInt8]) -> [Float] { values(UInt32.self, bytes).map(Float.init(bitPattern:)) }
    static func values(_ type: Double.Type, _ bytes: [UInt8]) -> [Double] { values(UInt64.self, bytes).map(Double.init(bitPattern:)) }
}
