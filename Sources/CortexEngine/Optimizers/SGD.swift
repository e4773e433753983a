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
        layer.visitTensors(prefix: "") { name, role, tensor in
            guard role == .parameter, let gradient = gradients[name] else { return }
            var p = tensor.scalars
            let buffer = Self.update(&p, gradient: gradient.scalars, buffer: buffers[name], learningRate: Scalar(learningRate),
                                     momentum: Scalar(momentum), dampening: Scalar(dampening),
                                     weightDecay: weightDecay, nesterov: nesterov)
            if momentum != 0 { buffers[name] = buffer }
            tensor = Tensor(shape: tensor.shape, scalars: p)
        }
    }

    /// One parameter's update (the equations above); returns the new momentum buffer.
    @_specialize(where Scalar == Float)
    static func update(_ p: inout [Scalar], gradient: [Scalar], buffer: [Scalar]?, learningRate lr: Scalar,
                       momentum mu: Scalar, dampening damp: Scalar, weightDecay: WeightDecay, nesterov: Bool) -> [Scalar] {
        var g = gradient
        switch weightDecay {
        case .none: break
        case .l2(let lambda): let l = Scalar(lambda); for i in g.indices { g[i] += l * p[i] }
        case .decoupled(let lambda): let d = 1 - lr * Scalar(lambda); for i in p.indices { p[i] *= d }
        }
        var b: [Scalar] = []
        if mu != 0 {
            if var previous = buffer {
                for i in previous.indices { previous[i] = mu * previous[i] + (1 - damp) * g[i] }
                b = previous
            } else {
                b = g
            }
            if nesterov { for i in g.indices { g[i] += mu * b[i] } } else { g = b }
        }
        for i in p.indices { p[i] -= lr * g[i] }
        return b
    }
}
