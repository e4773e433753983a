import CortexNumerics

/// A Swift scalar type that has a `.npy` dtype, so `NDArray`s of it can be written and read.
///
/// `Bool`, `Int8`…`Int64`, `UInt8`…`UInt64`, `Float` and `Double` conform. The elements are
/// copied to and from files as raw bytes, so a conforming type's memory layout must be exactly
/// that of its dtype; do not add conformances outside CortexNumerics.
///
/// ```swift
/// try NPYFile.write(NDArray<Int32>(shape: [2], scalars: [7, 8]), to: url)   // '<i4'
/// ```
public protocol NPYElement: BitwiseCopyable, Sendable, Equatable {
    /// The dtype this type is stored as.
    static var npyDType: NPYDType { get }
}

extension Bool: NPYElement { public static var npyDType: NPYDType { .bool } }
extension Int8: NPYElement { public static var npyDType: NPYDType { .int8 } }
extension Int16: NPYElement { public static var npyDType: NPYDType { .int16 } }
extension Int32: NPYElement { public static var npyDType: NPYDType { .int32 } }
extension Int64: NPYElement { public static var npyDType: NPYDType { .int64 } }
extension UInt8: NPYElement { public static var npyDType: NPYDType { .uint8 } }
extension UInt16: NPYElement { public static var npyDType: NPYDType { .uint16 } }
extension UInt32: NPYElement { public static var npyDType: NPYDType { .uint32 } }
extension UInt64: NPYElement { public static var npyDType: NPYDType { .uint64 } }
extension Float: NPYElement { public static var npyDType: NPYDType { .float32 } }
extension Double: NPYElement { public static var npyDType: NPYDType { .float64 } }

extension NPYElement {
    /// Traps unless the type's layout matches its dtype (a wrong outside conformance).
    static func checkLayout() {
        let size = npyDType.itemSize
        precondition(MemoryLayout<Self>.size == size && MemoryLayout<Self>.stride == size,
                     "NPYElement: \(Self.self) is \(MemoryLayout<Self>.stride) bytes, dtype \(npyDType) needs \(size)")
    }
}
