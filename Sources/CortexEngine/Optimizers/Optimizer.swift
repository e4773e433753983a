/// Updates a layer's parameters from named gradients (as ``Layer/gradients(in:)`` returns them).
/// Optimiser state (momentum buffers, moments) is keyed by parameter name and lives in the value.
public protocol Optimizer<Scalar> {
    associatedtype Scalar: TensorScalar
    /// Step size; set it from a ``LearningRateSchedule`` before each step.
    var learningRate: Double { get set }
    /// One update of every parameter that has a gradient; parameters without one are left alone.
    mutating func step<L: Layer>(_ layer: inout L, gradients: [String: Tensor<Scalar>]) where L.Scalar == Scalar
}

/// How weight decay λ enters an update.
public enum WeightDecay: Sendable, Hashable {
    case none
    /// L2 penalty added to the gradient: g ← g + λ·p (PyTorch `SGD`/`Adam` `weight_decay`).
    case l2(Double)
    /// Decoupled decay applied to the parameter: p ← p·(1 − lr·λ) (AdamW, Loshchilov & Hutter 2019).
    case decoupled(Double)
}
