/// A dense, row-major n-dimensional array with value semantics.
///
/// Storage is a Swift `Array`, so copies are cheap until one side mutates (copy-on-write) and an
/// `NDArray` can be passed between threads when its elements are `Sendable`. The last index varies
/// fastest (C order, as NumPy's default), so a matrix of `rows × columns` stores row `i` at
/// `scalars[i * columns ..< (i + 1) * columns]`.
///
/// Shapes are checked: building an array whose element count does not match its shape, or indexing
/// out of range, is a programmer error and traps. Errors in *data* (files, user input) are thrown
/// by the readers instead.
///
/// ```swift
/// let x = NDArray<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// x[1, 2]        // 6
/// x.shape        // [2, 3]
/// ```
///
/// Performance: the accessors are `@inlinable` so code in other modules is specialised for the
/// concrete element type (no generic dispatch per element).
@frozen
public struct NDArray<Scalar> {
    /// Storage behind `shape`; only this file's initialisers and `reshaped` set it.
    @usableFromInline internal var _shape: [Int]
    /// Storage behind `scalars`; element mutation goes through subscripts and buffer pointers.
    @usableFromInline internal var _scalars: [Scalar]

    /// Extent of each dimension; empty for a scalar (rank 0) array.
    @inlinable public var shape: [Int] { _shape }
    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    @inlinable public var scalars: [Scalar] { _scalars }

    /// Wraps `scalars` (row-major) with the given shape.
    /// - Precondition: every extent is ≥ 0 and their product equals `scalars.count`.
    @inlinable
    public init(shape: [Int], scalars: [Scalar]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "NDArray: negative extent in shape \(shape)")
        let count = shape.reduce(1, *)
        precondition(count == scalars.count,
                     "NDArray: shape \(shape) needs \(count) elements, got \(scalars.count)")
        self._shape = shape
        self._scalars = scalars
    }

    /// An array of the given shape with every element equal to `value`.
    @inlinable
    public init(shape: [Int], repeating value: Scalar) {
        precondition(shape.allSatisfy { $0 >= 0 }, "NDArray: negative extent in shape \(shape)")
        self._shape = shape
        self._scalars = Array(repeating: value, count: shape.reduce(1, *))
    }

    /// Builds an array by calling `body` once per element in row-major order with its flat index.
    @inlinable
    public init(shape: [Int], generating body: (Int) throws -> Scalar) rethrows {
        precondition(shape.allSatisfy { $0 >= 0 }, "NDArray: negative extent in shape \(shape)")
        let count = shape.reduce(1, *)
        var values: [Scalar] = []
        values.reserveCapacity(count)
        for i in 0..<count { values.append(try body(i)) }
        self._shape = shape
        self._scalars = values
    }

    /// An array whose storage `initializer` fills completely (for kernels such as BLAS with β = 0
    /// that overwrite every element; skips zero-filling large outputs).
    /// - Precondition: `initializer` initialises all `shape.reduce(1, *)` elements.
    @inlinable
    init(shape: [Int], unsafeUninitialized initializer: (inout UnsafeMutableBufferPointer<Scalar>) -> Void) {
        let count = shape.reduce(1, *)
        self._shape = shape
        self._scalars = Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            initializer(&buffer)
            initialized = count
        }
    }

    /// Number of dimensions.
    @inlinable public var rank: Int { _shape.count }
    /// Total number of elements.
    @inlinable public var count: Int { _scalars.count }

    /// Row-major strides in elements: `strides[k]` is the distance between neighbours along axis k.
    public var strides: [Int] {
        var result = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            result[axis] = step
            step *= shape[axis]
        }
        return result
    }

    /// The flat (row-major) offset of a multi-index; traps when out of range.

    @inlinable
    public func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == shape.count,
                     "NDArray: index \(index) has \(index.count) components for shape \(shape)")
        var offset = 0
        for axis in 0..<shape.count {
            let i = index[axis]
            precondition(i >= 0 && i < shape[axis], "NDArray: index \(index) out of range for shape \(shape)")
            offset = offset * shape[axis] + i
        }
        return offset
    }

    /// Element access by multi-index, e.g. `x[[0, 2, 1]]`.
    @inlinable
    public subscript(index: [Int]) -> Scalar {
        get { _scalars[flatIndex(index)] }
        set { _scalars[flatIndex(index)] = newValue }
    }

    /// Element access by variadic multi-index, e.g. `x[0, 2, 1]`.
    @inlinable
    public subscript(index: Int...) -> Scalar {
        get { _scalars[flatIndex(index)] }
        set { _scalars[flatIndex(index)] = newValue }
    }

    /// The same elements viewed with another shape of equal element count. One extent may be -1
    /// (inferred), as in NumPy.
    public func reshaped(_ newShape: [Int]) -> NDArray {
        var resolved = newShape
        if let hole = newShape.firstIndex(of: -1) {
            precondition(newShape.filter { $0 == -1 }.count == 1, "NDArray: more than one -1 in \(newShape)")
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            precondition(known > 0 && count % known == 0, "NDArray: cannot reshape \(shape) to \(newShape)")
            resolved[hole] = count / known
        }
        return NDArray(shape: resolved, scalars: scalars)
    }

    /// Applies `transform` to every element, keeping the shape.
    @inlinable
    public func map<Result>(_ transform: (Scalar) throws -> Result) rethrows -> NDArray<Result> {
        NDArray<Result>(shape: shape, scalars: try scalars.map(transform))
    }

    /// Read-only access to the contiguous row-major storage.

    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try _scalars.withUnsafeBufferPointer(body)
    }

    /// Mutable access to the contiguous row-major storage (the shape cannot change).

    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        try _scalars.withUnsafeMutableBufferPointer(body)
    }
}

extension NDArray: Sendable where Scalar: Sendable {}
extension NDArray: Equatable where Scalar: Equatable {}
extension NDArray: Hashable where Scalar: Hashable {}

extension NDArray: CustomStringConvertible {
    public var description: String {
        let preview = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "NDArray<\(Scalar.self)>(shape: \(shape), [\(preview)\(count > 8 ? ", …" : "")])"
    }
}
