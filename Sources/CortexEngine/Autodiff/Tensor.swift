import CortexNumerics

/// A dense row-major tensor that may be tracked by a ``Graph`` for reverse-mode differentiation.
///
/// A tensor is a value: `shape`, `scalars` (copy-on-write storage) and, when it takes part in a
/// differentiable computation, the graph and node that produced it. Tensors without a graph are
/// constants; an operation records a node only when at least one input is tracked, so inference is
/// simply "compute without a graph" (no global switch).
///
/// ```swift
/// let graph = Graph<Double>()
/// let x = graph.leaf(Tensor(shape: [2], scalars: [1, 2]))
/// let loss = (x * x).sum()
/// graph.backward(from: loss)
/// graph.gradient(of: x)!.scalars   // [2, 4]
/// ```
///
/// Shapes follow the engine's conventions: `[N, C, H, W]` for images and `[T, B, …]` for sequences,
/// with time folded into the batch (``foldingTime()``) for stateless layers.
public struct Tensor<Scalar: TensorScalar> {
    /// Extent of each dimension; empty for a scalar.
    public let shape: [Int]
    /// The elements in row-major order.
    public let scalars: [Scalar]
    /// The graph recording this tensor's history, or `nil` for a constant.
    public let graph: Graph<Scalar>?
    /// Node index in `graph` (−1 for a constant).
    let node: Int
    /// Where this tensor's elements start in its node's output. 0 except for the outputs of a
    /// multi-output operation (the fused neuron's spikes and final membrane), whose output is the
    /// concatenation of its tensors without ever being materialised.
    let outputOffset: Int

    /// A constant tensor.
    /// - Precondition: `shape` is non-negative and its product equals `scalars.count`.
    public init(shape: [Int], scalars: [Scalar]) {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == scalars.count,
                     "Tensor: shape \(shape) does not match \(scalars.count) elements")
        self.shape = shape
        self.scalars = scalars
        self.graph = nil
        self.node = -1
        self.outputOffset = 0
    }

    /// A constant tensor with every element equal to `value`.
    /// (Specialised: unspecialised, the fill copies each element through a value witness — 6 % of
    /// an inference pass of the benchmark network went into resting membrane potentials.)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(shape: [Int], repeating value: Scalar) {
        self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// A constant tensor from an `NDArray`.
    public init(_ array: NDArray<Scalar>) {
        self.init(shape: array.shape, scalars: array.scalars)
    }

    /// A rank-0 constant.
    public init(scalar: Scalar) {
        self.init(shape: [], scalars: [scalar])
    }

    /// A constant whose elements come from `body(flatIndex)`.
    public init(shape: [Int], generating body: (Int) -> Scalar) {
        self.init(shape: shape, scalars: (0..<shape.reduce(1, *)).map(body))
    }

    init(shape: [Int], scalars: [Scalar], graph: Graph<Scalar>?, node: Int, outputOffset: Int = 0) {
        self.shape = shape
        self.scalars = scalars
        self.graph = graph
        self.node = node
        self.outputOffset = outputOffset
    }

    /// Number of elements.
    public var count: Int { scalars.count }
    /// Number of dimensions.
    public var rank: Int { shape.count }
    /// Whether a graph tracks this tensor.
    public var isTracked: Bool { graph != nil }
    /// The values as an `NDArray`.
    public var array: NDArray<Scalar> { NDArray(shape: shape, scalars: scalars) }
    /// The single element of a one-element tensor.
    public var scalar: Scalar {
        precondition(count == 1, "Tensor.scalar: tensor has \(count) elements")
        return scalars[0]
    }

    /// The same values as a constant (gradients stop here), like PyTorch's `detach()`.
    public func detached() -> Tensor { Tensor(shape: shape, scalars: scalars) }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor<\(Scalar.self)>(shape: \(shape), [\(preview)\(count > 8 ? ", …" : "")])"
    }
}
