import CortexNumerics
import Foundation
@testable import CortexIO

/// The arrays `scripts/reference/make_npy_fixtures.py` writes, recomputed from its formulas.
enum NPYExpected {
    /// A fixture under `Fixtures/npy/`.
    static func url(_ name: String) -> URL { Fixtures.url("npy/\(name)") }

    /// `np.arange(6).reshape(2, 3) / 7`.
    static let float64Ramp = NDArray<Double>(shape: [2, 3], generating: { Double($0) / 7 })
    /// `(np.arange(12, dtype=np.float32) / np.float32(3)).reshape(3, 4)`.
    static let float32Ramp = NDArray<Float>(shape: [3, 4], generating: { Float($0) / 3 })
    /// `(np.arange(6).reshape(2, 3) - 3).astype(np.int32)`.
    static let int32Ramp = NDArray<Int32>(shape: [2, 3], generating: { Int32($0) - 3 })
    /// `np.arange(24).reshape(2, 3, 4) * 0.5`.
    static let ramp3D = NDArray<Double>(shape: [2, 3, 4], generating: { Double($0) * 0.5 })

    /// `[0.0, -0.0, inf, -inf, nan, 5e-324, finfo(float64).max]`.
    static let specialValues: [Double] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude,
                                          .greatestFiniteMagnitude]

    /// `extremes(dtype)`: `[min, -1, 0, 1, max]` if signed, else `[0, 1, 2, max - 1, max]`.
    static func extremes<T: FixedWidthInteger>(_: T.Type) -> NDArray<T> {
        NDArray(shape: [5], scalars: T.isSigned ? [T.min, -1, 0, 1, T.max] : [0, 1, 2, T.max - 1, T.max])
    }

    /// The per-dtype fixture and its expected contents.
    static func fixture(for dtype: NPYDType) -> (file: String, array: AnyNDArray) {
        let array: AnyNDArray = switch dtype {
        case .bool: .bool(NDArray(shape: [2, 3], generating: { $0 % 3 == 0 }))
        case .int8: .int8(extremes(Int8.self))
        case .int16: .int16(extremes(Int16.self))
        case .int32: .int32(extremes(Int32.self))
        case .int64: .int64(extremes(Int64.self))
        case .uint8: .uint8(extremes(UInt8.self))
        case .uint16: .uint16(extremes(UInt16.self))
        case .uint32: .uint32(extremes(UInt32.self))
        case .uint64: .uint64(extremes(UInt64.self))
        case .float32: .float32(float32Ramp)
        case .float64: .float64(float64Ramp)
        }
        return ("\(dtype.rawValue).npy", array)
    }

    /// Naive reference conversion: every element through `Double(_:)`, bool as 0 or 1. (Closures,
    /// not `Double.init`, which for `UInt64` would pick `init(bitPattern:)`.)
    static func naiveDoubles(_ array: AnyNDArray) -> NDArray<Double> {
        switch array {
        case .bool(let a): a.map { $0 ? 1 : 0 }
        case .int8(let a): a.map { Double($0) }
        case .int16(let a): a.map { Double($0) }
        case .int32(let a): a.map { Double($0) }
        case .int64(let a): a.map { Double($0) }
        case .uint8(let a): a.map { Double($0) }
        case .uint16(let a): a.map { Double($0) }
        case .uint32(let a): a.map { Double($0) }
        case .uint64(let a): a.map { Double($0) }
        case .float32(let a): a.map { Double($0) }
        case .float64(let a): a
        }
    }

    /// The bytes our writer produces for `array`.
    static func writtenBytes(_ array: AnyNDArray, version: NPYWriteVersion) throws -> Data {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("ours.npy")
        try NPYFile.write(array, to: url, version: version)
        return try Data(contentsOf: url)
    }

    /// A `.npy` file made by hand: `header` text verbatim (no padding), then `data`.
    static func handMade(header: String, version: NPYVersion = .v1, data: [UInt8] = [],
                         magic: [UInt8] = NPYHeader.magic) -> [UInt8] {
        let text = Array(header.utf8)
        var bytes = magic + [version.number.major, version.number.minor]
        for i in 0..<version.lengthFieldSize { bytes.append(UInt8(truncatingIfNeeded: text.count >> (8 * i))) }
        return bytes + text + data
    }

    /// Writes `bytes` to a fresh file in `directory`.
    static func file(_ bytes: [UInt8], in directory: URL, name: String = "crafted.npy") throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }
}

extension NPYExpected {
    /// The native-endian bytes of the wrapped array's elements.
    static func rawBytes(_ array: AnyNDArray) -> [UInt8] {
        func bytes<T>(_ a: NDArray<T>) -> [UInt8] { a.withUnsafeBufferPointer { [UInt8](UnsafeRawBufferPointer($0)) } }
        return switch array {
        case .bool(let a): bytes(a)
        case .int8(let a): bytes(a)
        case .int16(let a): bytes(a)
        case .int32(let a): bytes(a)
        case .int64(let a): bytes(a)
        case .uint8(let a): bytes(a)
        case .uint16(let a): bytes(a)
        case .uint32(let a): bytes(a)
        case .uint64(let a): bytes(a)
        case .float32(let a): bytes(a)
        case .float64(let a): bytes(a)
        }
    }
}
