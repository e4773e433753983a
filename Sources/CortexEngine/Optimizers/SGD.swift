import CortexNumerics

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
            // Parameter and buffer are taken out of the tensor and the table, so the update writes
            // them in place instead of copying each (the copies were most of the optimiser's time).
            let shape = tensor.shape
            var p = tensor.scalars
            tensor = Tensor(shape: [0], scalars: [])
            var buffer = buffers.removeValue(forKey: name)
            Self.update(&p, gradient: gradient.scalars, buffer: &buffer, learningRate: Scalar(learningRate),
                        momentum: Scalar(momentum), dampening: Scalar(dampening),
                        weightDecay: weightDecay, nesterov: nesterov)
            if momentum != 0 { buffers[name] = buffer }
            tensor = Tensor(shape: shape, scalars: p)
        }
    }

    /// One parameter's update (the equations above) in one pass, element by element with the
    /// operations in the order written; `buffer` is the momentum buffer (`nil` before the first step,
    /// set by it; untouched without momentum).
    @_specialize(where Scalar == Float)
    static func update(_ p: inout [Scalar], gradient: [Scalar], buffer: inout [Scalar]?, learningRate lr: Scalar,
                       momentum mu: Scalar, dampening damp: Scalar, weightDecay: WeightDecay, nesterov: Bool) {
        precondition(gradient.count == p.count && (buffer?.count ?? p.count) == p.count, "SGD: gradient/buffer size")
        let (l2, decay): (Scalar?, Scalar?) = {
            switch weightDecay {
            case .none: return (nil, nil)
            case .l2(let lambda): return (Scalar(lambda), nil)
            case .decoupled(let lambda): return (nil, 1 - lr * Scalar(lambda))
            }
        }()
        let first = buffer == nil
        var b = buffer.take() ?? (mu != 0 ? [Scalar](repeating: 0, count: p.count) : [])   // moved out: mutated without a copy
        let n = p.count
        if l2 == nil, decay == nil, mu != 0, !first, !nesterov {
            // The usual step (momentum, no decay), written into a new array: a convolution's
            // PackedWeightCache holds the old one, so an in-place update would first copy it
            // (copy-on-write; a serial memmove of every weight per step). Same operations as the
            // general loop without its per-element branches; large parameters in parallel chunks.
            let keep = 1 - damp
            p = [Scalar](unsafeUninitializedCapacity: n) { out, count in
                p.withUnsafeBufferPointer { pp in
                    b.withUnsafeMutableBufferPointer { pb in
                        gradient.withUnsafeBufferPointer { pg in
                            let (old, momenta, grads, new) = (SendableConstPointer(base: pp.baseAddress!), SendablePointer(base: pb.baseAddress!),
                                                              SendableConstPointer(base: pg.baseAddress!), SendablePointer(base: out.baseAddress!))
                            ParallelFor.run(count: n, minimumChunk: 1 << 15) { range in
                                for i in range {
                                    let bi = mu * momenta.base[i] + keep * grads.base[i]
                                    momenta.base[i] = bi
                                    new.base[i] = old.base[i] - lr * bi
                                }
                            }
                        }
                    }
                }
                count = n
            }
            buffer = b
            return
        }
        p.withUnsafeMutableBufferPointer { pp in
            b.withUnsafeMutableBufferPointer { pb in
                gradient.withUnsafeBufferPointer { pg in
                    for i in 0..<n {
                        var g = pg[i]
                        if let l2 { g += l2 * pp[i] }
                        if let decay { pp[i] *= decay }
                        if mu != 0 {
                            let bi = first ? g : mu * pb[i] + (1 - damp) * g
                            pb[i] = bi
                            g = nesterov ? g + mu * bi : bi
                        }
                        pp[i] -= lr * g
                    }
                }
            }
        }
        if mu != 0 || !first { buffer = b }
    }
}
