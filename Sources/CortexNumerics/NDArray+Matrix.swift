/// Two-dimensional conveniences: an `NDArray` of rank 2 is a row-major matrix.
///
/// Throughout CortexKit a response or feature matrix has rows = frames (or conditions) and
/// columns = units (neurons, channels).
extension NDArray {
    /// A `rows × columns` matrix from row-major scalars.
    public init(rows: Int, columns: Int, scalars: [Scalar]) {
        self.init(shape: [rows, columns], scalars: scalars)
    }

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Scalar) {
        self.init(shape: [rows, columns], repeating: value)
    }

    /// A matrix from an array of equally long rows.
    public init(rowArrays: [[Scalar]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "NDArray: ragged rows")
        self.init(shape: [rowArrays.count, columns], scalars: rowArrays.flatMap { $0 })
    }

    /// Whether this array has rank 2.
    @inlinable
    public var isMatrix: Bool { shape.count == 2 }

    /// Element (i, j) of a matrix, without the allocation of the variadic subscript.
    @inlinable
    public subscript(i: Int, j: Int) -> Scalar {
        get {
            precondition(_shape.count == 2 && i >= 0 && i < _shape[0] && j >= 0 && j < _shape[1],
                         "NDArray: index [\(i), \(j)] out of range for shape \(_shape)")
            return _scalars[i * _shape[1] + j]
        }
        set {
            precondition(_shape.count == 2 && i >= 0 && i < _shape[0] && j >= 0 && j < _shape[1],
                         "NDArray: index [\(i), \(j)] out of range for shape \(_shape)")
            _scalars[i * _shape[1] + j] = newValue
        }
    }

    /// Number of rows of a matrix (traps unless rank 2).
    @inlinable
    public var rows: Int {
        precondition(shape.count == 2, "NDArray: rows of a rank-\(shape.count) array")
        return shape[0]
    }

    /// Number of columns of a matrix (traps unless rank 2).
    @inlinable
    public var columns: Int {
        precondition(shape.count == 2, "NDArray: columns of a rank-\(shape.count) array")
        return shape[1]
    }

    /// Row `i` of a matrix as a fresh array.
    @inlinable
    public func row(_ i: Int) -> [Scalar] {
        precondition(i >= 0 && i < rows, "NDArray: row \(i) out of range 0..<\(rows)")
        return Array(scalars[(i * columns)..<((i + 1) * columns)])
    }

    /// Column `j` of a matrix as a fresh array.
    @inlinable
    public func column(_ j: Int) -> [Scalar] {
        precondition(j >= 0 && j < columns, "NDArray: column \(j) out of range 0..<\(columns)")
        return (0..<rows).map { scalars[$0 * columns + j] }
    }

    /// The transpose of a matrix (a copy).
    @inlinable
    public func transposed() -> NDArray {
        let (m, n) = (rows, columns)
        if m == 0 || n == 0 { return NDArray(shape: [n, m], scalars: []) }
        return scalars.withUnsafeBufferPointer { src in
            var out = [Scalar]()
            out.reserveCapacity(m * n)
            for j in 0..<n { for i in 0..<m { out.append(src[i * n + j]) } }
            return NDArray(shape: [n, m], scalars: out)
        }
    }

    /// The matrix made of rows `range` (a copy).
    public func rows(_ range: Range<Int>) -> NDArray {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "NDArray: rows \(range) out of 0..<\(rows)")
        return NDArray(shape: [range.count, columns],
                       scalars: Array(scalars[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }
}

extension NDArray where Scalar: Numeric {
    /// An array of the given shape filled with zeros.
    public static func zeros(_ shape: [Int]) -> NDArray { NDArray(shape: shape, repeating: .zero) }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> NDArray {
        var m = NDArray(shape: [n, n], repeating: .zero)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }
}
