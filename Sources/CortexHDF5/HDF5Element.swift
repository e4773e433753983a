/// A Swift scalar type that HDF5 datasets and attributes can be read into and written from.
///
/// Conforming types have the memory layout of their `hdf5NativeType` (except `Bool`, which the
/// module converts through `Int8`). The module provides every conformance it supports; adding others
/// is not meaningful.
///
/// ```swift
/// let rates: NDArray<Double> = try dataset.read(as: Double.self)
/// let index: [Int64] = try units.dataset("spike_times_index").readVector(as: Int64.self)
/// ```
public protocol HDF5Element: Sendable {
    /// The native HDF5 memory type with this type's layout.
    static var hdf5NativeType: HDF5NativeType { get }
}

extension Int8: HDF5Element { public static var hdf5NativeType: HDF5NativeType { .int8 } }
extension Int16: HDF5Element { public static var hdf5NativeType: HDF5NativeType { .int16 } }
extension Int32: HDF5Element { public static var hdf5NativeType: HDF5NativeType { .int32 } }
extension Int64: HDF5Element { public static var hdf5NativeType: HDF5NativeType { .int64 } }
extension UInt8: HDF5Element { public static var hdf5NativeType: HDF5NativeType { .uint8 } }
extension UInt16: HDF5Element { public static var hdf5NativeType: HDF5NativeType { .uint16 } }
extension UInt32: HDF5Element { public static var hdf5NativeType: HDF5NativeType { .uint32 } }
extension UInt64: HDF5Element { public static var hdf5NativeType: HDF5NativeType { .uint64 } }
extension Float: HDF5Element { public static var hdf5NativeType: HDF5NativeType { .float32 } }
extension Double: HDF5Element { public static var hdf5NativeType: HDF5NativeType { .float64 } }
extension Bool: HDF5Element { public static var hdf5NativeType: HDF5NativeType { .bool } }

extension Int: HDF5Element {
    /// `Int` is 64-bit on every platform CortexKit supports.
    public static var hdf5NativeType: HDF5NativeType {
        MemoryLayout<Int>.size == 8 ? .int64 : .int32
    }
}
