/// Elementwise arithmetic on tensors of equal shape, scalar arithmetic and pointwise functions.
///
/// Shapes must match exactly; per-axis broadcasting is explicit (``Tensor/broadcast(along:to:)``),
/// so a shape mistake traps instead of silently broadcasting.
extension Tensor {
    private static func checkShapes(_ a: Tensor, _ b: Tensor, _ name: String) {
        precondition(a.shape == b.shape, "Tensor.\(name): shapes \(a.shape) and \(b.shape) differ")
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor {
        checkShapes(a, b, "+")
        return record(Elementwise.zip(a.scalars, b.scalars, +), shape: a.shape, inputs: [a, b], .add)
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        checkShapes(a, b, "-")
        return record(Elementwise.zip(a.scalars, b.scalars, -), shape: a.shape, inputs: [a, b], .subtract)
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        checkShapes(a, b, "*")
        return record(Elementwise.zip(a.scalars, b.scalars, *), shape: a.shape, inputs: [a, b],
                      .multiply(lhs: a.scalars, rhs: b.scalars))
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        checkShapes(a, b, "/")
        return record(Elementwise.zip(a.scalars, b.scalars, /), shape: a.shape, inputs: [a, b],
                      .divide(lhs: a.scalars, rhs: b.scalars))
    }

    public static prefix func - (a: Tensor) -> Tensor {
        record(Elementwise.map(a.scalars) { -$0 }, shape: a.shape, inputs: [a], .negate)
    }

    public static func + (a: Tensor, c: Scalar) -> Tensor {
        record(Elementwise.map(a.scalars) { $0 + c }, shape: a.shape, inputs: [a], .addScalar)
    }

    public static func - (a: Tensor, c: Scalar) -> Tensor { a + (-c) }

    public static func * (a: Tensor, c: Scalar) -> Tensor {
        record(Elementwise.map(a.scalars) { $0 * c }, shape: a.shape, inputs: [a], .multiplyScalar(c))
    }

    public static func * (c: Scalar, a: Tensor) -> Tensor { a * c }

    public static func / (a: Tensor, c: Scalar) -> Tensor { a * (1 / c) }

    /// eˣ elementwise.
    public func exp() -> Tensor {
        let y = Elementwise.map(scalars) { Scalar.exponential($0) }
        return Tensor.record(y, shape: shape, inputs: [self], .exp(output: y))
    }

    /// ln x elementwise.
    public func log() -> Tensor {
        Tensor.record(Elementwise.map(scalars) { Scalar.logarithm($0) }, shape: shape, inputs: [self],
                      .log(input: scalars))
    }

    /// max(x, 0) elementwise (gradient 0 at x = 0, as PyTorch).
    public func relu() -> Tensor {
        Tensor.record(Elementwise.map(scalars) { $0 > 0 ? $0 : 0 }, shape: shape, inputs: [self],
                      .relu(input: scalars))
    }

    /// 1/(1 + e^(−x)) elementwise.
    public func sigmoid() -> Tensor {
        let y = Elementwise.map(scalars) { 1 / (1 + Scalar.exponential(-$0)) }
        return Tensor.record(y, shape: shape, inputs: [self], .sigmoid(output: y))
    }

    /// x² elementwise (composite: x·x).
    public func squared() -> Tensor { self * self }
}
