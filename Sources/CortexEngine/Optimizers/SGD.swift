/// Stochastic gradient descent with momentum, as PyTorch's `torch.optim.SGD`:
///
///     g ← g + λ·p                          (L2 weight decay)
///     b ← g  (first step),  b ← μ·b + (1 − dampening)·g
///     g ← g + μ·b  (Nesterov)  or  g ← b
///     p ← p − lr·g
///
/// The reference study trains with lr 0.1, μ = 0.9.
public struct SGD<Scalar: TensorScalar>: Optimizer {
    public var learningRate: Double
    public var momentum: Double
    public var dampening: Double
    public var weightDecay: WeightDecay
    public var nesterov: Bool
    /// Momentum buffers b by parameter name.
    public private(set) var buffers: [String: [Scalar]] = [:]

    public init(learningRate: Double, momentum: Double = 0, dampening: Double = 0,
                weightDecay: WeightDecay = .none, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    public mutating func step<L: Layer>(_ layer: inout L, gradients: [String: Tensor<Scalar>]) where L.Scalar == Scalar {
        let (lr, mu, damp) = (Scalar(learningRate), Scalar(momentum), Scalar(dampening))
        layer.visitTensors(prefix: "") { name, role, tensor in
            guard role == .parameter, let gradient = gradients[name] else { return }
            var p = tensor.scalars
            var g = gradient.scalars
            switch weightDecay {
            case .none: break
            case .l2(let lambda): for i in g.indices { g[i] += Scalar(lambda) * p[i] }
            case .decoupled(let lambda): for i in p.indices { p[i] *= 1 - lr * Scalar(lambda) }
            }
            if momentum != 0 {
                var b: [Scalar]
                if let previous = buffers[name] {
                    b = previous
                    for i in b.indices { b[i] = mu * b[i] + (1 - damp) * g[i] }
                } else {
                    b = g
                }
                buffers[name] = b
                if nesterov { for i in g.indices { g[i] += mu * b[i] } } else { g = b }
            }
            for i in p.indices { p[i] -= lr * g[i] }
            tensor = Tensor(shape: tensor.shape, scalars: p)
        }
    }
}
