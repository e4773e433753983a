import CortexNumerics

/// An `NDArray` whose element type is known only at run time, one case per `NPYDType`.
///
/// `NPYFile.read(from:)` returns this because a file's dtype is data, not a type parameter.
/// Switch over it, or ask for the type you expect:
///
/// ```swift
/// let any = try NPYFile.read(from: url)
/// if let labels = any.array(of: Int64.self) { … }
/// switch any {
/// case .float32(let x): …
/// default: …
/// }
/// ```
public enum AnyNDArray: Sendable, Equatable {
    case bool(NDArray<Bool>)
    case int8(NDArray<Int8>)
    case int16(NDArray<Int16>)
    case int32(NDArray<Int32>)
    case int64(NDArray<Int64>)
    case uint8(NDArray<UInt8>)
    case uint16(NDArray<UInt16>)
    case uint32(NDArray<UInt32>)
    case uint64(NDArray<UInt64>)
    case float32(NDArray<Float>)
    case float64(NDArray<Double>)

    /// Wraps a typed array in the case of its element type.
    public init<T: NPYElement>(_ array: NDArray<T>) {
        func wrap<U: NPYElement>(_ make: (NDArray<U>) -> AnyNDArray) -> AnyNDArray {
            guard let typed = array as? NDArray<U> else {
                preconditionFailure("AnyNDArray: \(T.self) claims dtype \(T.npyDType) but is not \(U.self)")
            }
            return make(typed)
        }
        switch T.npyDType {
        case .bool: self = wrap(AnyNDArray.bool)
        case .int8: self = wrap(AnyNDArray.int8)
        case .int16: self = wrap(AnyNDArray.int16)
        case .int32: self = wrap(AnyNDArray.int32)
        case .int64: self = wrap(AnyNDArray.int64)
        case .uint8: self = wrap(AnyNDArray.uint8)
        case .uint16: self = wrap(AnyNDArray.uint16)
        case .uint32: self = wrap(AnyNDArray.uint32)
        case .uint64: self = wrap(AnyNDArray.uint64)
        case .float32: self = wrap(AnyNDArray.float32)
        case .float64: self = wrap(AnyNDArray.float64)
        }
    }

    /// The element type.
    public var dtype: NPYDType {
        switch self {
        case .bool: .bool
        case .int8: .int8
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .uint8: .uint8
        case .uint16: .uint16
        case .uint32: .uint32
        case .uint64: .uint64
        case .float32: .float32
        case .float64: .float64
        }
    }

    /// The shape of the wrapped array.
    public var shape: [Int] { payload.shape }

    /// The number of elements of the wrapped array.
    public var count: Int { shape.reduce(1, *) }

    /// The wrapped array if its elements are `T`, else `nil` (no conversion).
    public func array<T: NPYElement>(of type: T.Type) -> NDArray<T>? {
        payload.array as? NDArray<T>
    }

    /// The wrapped array's shape, and the array itself type-erased.
    private var payload: (shape: [Int], array: any Sendable) {
        switch self {
        case .bool(let a): (a.shape, a)
        case .int8(let a): (a.shape, a)
        case .int16(let a): (a.shape, a)
        case .int32(let a): (a.shape, a)
        case .int64(let a): (a.shape, a)
        case .uint8(let a): (a.shape, a)
        case .uint16(let a): (a.shape, a)
        case .uint32(let a): (a.shape, a)
        case .uint64(let a): (a.shape, a)
        case .float32(let a): (a.shape, a)
        case .float64(let a): (a.shape, a)
        }
    }
}
