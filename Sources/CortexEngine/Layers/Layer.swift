/// A component with named tensors: parameters, buffers and counters, named as in PyTorch state
/// dicts (`conv1.weight`, `bn1.running_mean`, …).
///
/// A layer implements one method, ``visitTensors(prefix:_:)``; containers call it on their
/// children with `prefix + "child."`. Tracking for a training step, collecting gradients, optimiser
/// updates and checkpoints are all built on it.
///
/// ```swift
/// var fc = Linear<Float>(inFeatures: 4, outFeatures: 2, rng: &rng)
/// let graph = Graph<Float>()
/// fc.track(in: graph)
/// let loss = fc(x).crossEntropy(labels: y)
/// graph.backward(from: loss)
/// let grads = fc.gradients(in: graph)   // ["weight": …, "bias": …]
/// ```
public protocol Layer<Scalar> {
    associatedtype Scalar: TensorScalar
    /// Calls `body` on every named tensor, in a fixed order, allowing replacement.
    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Scalar>) -> Void)
}

extension Layer {
    /// Replaces every parameter with a leaf of `graph` (same values) so a backward pass reaches it.
    public mutating func track(in graph: Graph<Scalar>) {
        visitTensors(prefix: "") { _, role, tensor in
            if role == .parameter { tensor = graph.leaf(tensor.detached()) }
        }
    }

    /// Drops graph tracking from every parameter (for inference or checkpointing).
    public mutating func detach() {
        visitTensors(prefix: "") { _, _, tensor in tensor = tensor.detached() }
    }

    /// The gradients `graph` accumulated for this layer's tracked parameters, by name.
    public func gradients(in graph: Graph<Scalar>) -> [String: Tensor<Scalar>] {
        var copy = self
        var result: [String: Tensor<Scalar>] = [:]
        copy.visitTensors(prefix: "") { name, role, tensor in
            if role == .parameter, let g = graph.gradient(of: tensor) { result[name] = g }
        }
        return result
    }

    /// Every named tensor with its role, in visiting order.
    public func namedTensors() -> [(name: String, role: TensorRole, tensor: Tensor<Scalar>)] {
        var copy = self
        var result: [(name: String, role: TensorRole, tensor: Tensor<Scalar>)] = []
        copy.visitTensors(prefix: "") { name, role, tensor in result.append((name, role, tensor.detached())) }
        return result
    }

    /// Number of trainable scalars.
    public var parameterCount: Int {
        namedTensors().filter { $0.role == .parameter }.reduce(0) { $0 + $1.tensor.count }
    }
}
