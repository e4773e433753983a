/// Elementwise arithmetic on tensors of equal shape, scalar arithmetic and pointwise functions.
///
/// Shapes must match exactly; per-axis broadcasting is explicit (``Tensor/broadcast(along:to:)``),
/// so a shape mistake traps instead of silently broadcasting.
extension Tensor {
    @_specialize(where Scalar == Float)
    private static func checkShapes(_ a: Tensor, _ b: Tensor, _ name: String) {
        precondition(a.shape == b.shape, "Tensor.\(name): shapes \(a.shape) and \(b.shape) differ")
    }

    @_specialize(where Scalar == Float)
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        checkShapes(a, b, "+")
        return record(Elementwise.zip(a.scalars, b.scalars, +), shape: a.shape, inputs: [a, b], .add)
    }

    @_specialize(where Scalar == Float)
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        checkShapes(a, b, "-")
        return record(Elementwise.zip(a.scalars, b.scalars, -), shape: a.shape, inputs: [a, b], .subtract)
    }

    @_specialize(where Scalar == Float)
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        checkShapes(a, b, "*")
        return record(Elementwise.zip(a.scalars, b.scalars, *), shape: a.shape, inputs: [a, b],
                      .multiply(lhs: a.scalars, rhs: b.scalars))
    }

    @_specialize(where Scalar == Float)
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        checkShapes(a, b, "/")
        return record(Elementwise.zip(a.scalars, b.scalars, /), shape: a.shape, inputs: [a, b],
                      .divide(lhs: a.scalars, rhs: b.scalars))
    }

    @_specialize(where Scalar == Float)
    public static prefix func - (a: Tensor) -> Tensor {
        record(Elementwise.map(a.scalars) { -$0 }, shape: a.shape, inputs: [a], .negate)
    }

    @_specialize(where Scalar == Float)
    public static func + (a: Tensor, c: Scalar) -> Tensor {
        record(Elementwise.map(a.scalars) { $0 + c }, shape: a.shape, inputs: [a], .addScalar)
    }

    @_specialize(where Scalar == Float)
    public static func - (a: Tensor, c: Scalar) -> Tensor { a + (-c) }

    @_specialize(where Scalar == Float)
    public static func * (a: Tensor, c: Scalar) -> Tensor {
        record(Elementwise.map(a.scalars) { $0 * c }, shape: a.shape, inputs: [a], .multiplyScalar(c))
    }

    @_specialize(where Scalar == Float)
    public static func * (c: Scalar, a: Tensor) -> Tensor { a * c }

    @_specialize(where Scalar == Float)
    public static func / (a: Tensor, c: Scalar) -> Tensor { a * (1 / c) }

    /// eˣ elementwise.
    @_specialize(where Scalar == Float)
    public func exp() -> Tensor {
        let y = Elementwise.map(scalars) { Scalar.exponential($0) }
        return Tensor.record(y, shape: shape, inputs: [self], .exp(output: y))
    }

    /// ln x elementwise.
    @_specialize(where Scalar == Float)
    public func log() -> Tensor {
        Tensor.record(Elementwise.map(scalars) { Scalar.logarithm($0) }, shape: shape, inputs: [self],
                      .log(input: scalars))
    }

    /// max(x, 0) elementwise (gradient 0 at x = 0, as PyTorch).
    @_specialize(where Scalar == Float)
    public func relu() -> Tensor {
        Tensor.record(Elementwise.map(scalars) { $0 > 0 ? $0 : 0 }, shape: shape, inputs: [self],
                      .relu(input: scalars))
    }

    /// 1/(1 + e^(−x)) elementwise.
    @_specialize(where Scalar == Float)
    public func sigmoid() -> Tensor {
        let y = Elementwise.map(scalars) { 1 / (1 + Scalar.exponential(-$0)) }
        return Tensor.record(y, shape: shape, inputs: [self], .sigmoid(output: y))
    }

    /// x² elementwise (composite: x·x).
    @_specialize(where Scalar == Float)
    public func squared() -> Tensor { self * self }
}
