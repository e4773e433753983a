/// Updates a layer's parameters from named gradients (as ``Layer/gradients(in:)`` returns them).
/// Optimiser state (momentum buffers, moments) is keyed by parameter name and lives in the value.
public protocol Optimizer<Scalar> {
    associatedtype Scalar: TensorScalar
    /// Step size; set it from a ``LearningRateSchedule`` before each step.
    var learningRate: Double { get set }
    /// One update of every parameter that has a gradient; parameters without one are left alone.
    mutating func step<L: Layer>(_ layer: inout L, gradients: [String: Tensor<Scalar>]) where L.Scalar == Scalar
}
