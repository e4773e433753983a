import Foundation

/// Adam (Kingma & Ba 2015) as PyTorch's `torch.optim.Adam`; with `.decoupled` weight decay it is
/// AdamW. Per parameter, at step t:
///
///     m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²
///     p ← p − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
public struct Adam<Scalar: TensorScalar>: Optimizer {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var weightDecay: WeightDecay
    /// First and second moments and step count by parameter name.
    public private(set) var moments: [String: (m: [Scalar], v: [Scalar], step: Int)] = [:]

    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                weightDecay: WeightDecay = .none) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// AdamW with PyTorch's default decay 0.01.
    public static func adamW(learningRate: Double = 1e-3, weightDecay: Double = 0.01) -> Adam {
        Adam(learningRate: learningRate, weightDecay: .decoupled(weightDecay))
    }

    public mutating func step<L: Layer>(_ layer: inout L, gradients: [String: Tensor<Scalar>]) where L.Scalar == Scalar {
        layer.visitTensors(prefix: "") { name, role, tensor in
            guard role == .parameter, let gradient = gradients[name] else { return }
            var p = tensor.scalars
            var state = moments[name] ?? ([Scalar](repeating: 0, count: p.count), [Scalar](repeating: 0, count: p.count), 0)
            state.step += 1
            Self.update(&p, gradient: gradient.scalars, m: &state.m, v: &state.v, step: state.step,
                        learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
            moments[name] = state
            tensor = Tensor(shape: tensor.shape, scalars: p)
        }
    }

    /// One parameter's update at step `step` (1-based), the equations above.
    @_specialize(where Scalar == Float)
    static func update(_ p: inout [Scalar], gradient: [Scalar], m: inout [Scalar], v: inout [Scalar], step: Int,
                       learningRate: Double, beta1: Double, beta2: Double, epsilon: Double, weightDecay: WeightDecay) {
        var g = gradient
        switch weightDecay {
        case .none: break
        case .l2(let lambda): let l = Scalar(lambda); for i in g.indices { g[i] += l * p[i] }
        case .decoupled(let lambda): let d = Scalar(1 - learningRate * lambda); for i in p.indices { p[i] *= d }
        }
        let (b1, b2) = (Scalar(beta1), Scalar(beta2))
        let correction1 = Scalar(1 - pow(beta1, Double(step)))
        let correction2 = Scalar(1 - pow(beta2, Double(step)))
        let (lr, eps) = (Scalar(learningRate), Scalar(epsilon))
        for i in p.indices {
            m[i] = b1 * m[i] + (1 - b1) * g[i]
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
            p[i] -= lr * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + eps)
        }
    }
}
