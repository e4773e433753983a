import Testing
import Foundation
@testable import CortexEngine

/// A single parameter `weight` for optimiser arithmetic.
struct Scalars: Layer {
    var weight: Tensor<Double>
    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Double>) -> Void) {
        body(prefix + "weight", .parameter, &weight)
    }
}

/// A single Float parameter `weight`.
struct FloatScalars: Layer {
    var weight: Tensor<Float>
    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        body(prefix + "weight", .parameter, &weight)
    }
}

@Suite("Optimisers, schedules and clipping (PyTorch update formulas)")
struct OptimizerTests {
    func grad(_ values: [Double]) -> [String: Tensor<Double>] { ["weight": Tensor(shape: [values.count], scalars: values)] }

    @Test("SGD with momentum 0.9 and L2 decay: b₁ = g₁, b₂ = 0.9·b₁ + g₂")
    func sgdMomentum() {
        var p = Scalars(weight: Tensor(shape: [1], scalars: [1]))
        var sgd = SGD<Double>(learningRate: 0.1, momentum: 0.9, weightDecay: .l2(0.01))
        sgd.step(&p, gradients: grad([0.5]))
        let g1 = 0.5 + 0.01 * 1
        #expect(abs(p.weight.scalar - (1 - 0.1 * g1)) < 1e-15)
        let p1 = p.weight.scalar
        sgd.step(&p, gradients: grad([-0.2]))
        let g2 = -0.2 + 0.01 * p1
        #expect(abs(p.weight.scalar - (p1 - 0.1 * (0.9 * g1 + g2))) < 1e-15)
        var nesterov = SGD<Double>(learningRate: 0.1, momentum: 0.9, nesterov: true)
        var q = Scalars(weight: Tensor(shape: [1], scalars: [0]))
        nesterov.step(&q, gradients: grad([1]))
        #expect(abs(q.weight.scalar - (-0.1 * 1.9)) < 1e-15)
    }

    @Test("SGD with momentum and dampening, no decay (the in-place fast path): b = μ·b + (1 − d)·g, p −= lr·b, bit for bit")
    func sgdMomentumDampening() {
        let gradients: [[Float]] = [[0.5, -1.25, 3], [-0.2, 0.75, 0.1], [0.3, 0.3, -2]]
        var p = FloatScalars(weight: Tensor(shape: [3], scalars: [1, -2, 0.5]))
        var sgd = SGD<Float>(learningRate: 0.1, momentum: 0.9, dampening: 0.25)
        var (expected, buffer): ([Float], [Float]) = ([1, -2, 0.5], [])
        let (lr, mu, keep): (Float, Float, Float) = (0.1, 0.9, 1 - 0.25)
        for g in gradients {
            sgd.step(&p, gradients: ["weight": Tensor(shape: [3], scalars: g)])
            buffer = buffer.isEmpty ? g : (0..<3).map { mu * buffer[$0] + keep * g[$0] }
            expected = (0..<3).map { expected[$0] - lr * buffer[$0] }
            #expect(p.weight.scalars.map(\.bitPattern) == expected.map(\.bitPattern))
            #expect(sgd.buffers["weight"]!.map(\.bitPattern) == buffer.map(\.bitPattern))
        }
    }

    @Test("Adam's first step moves each parameter by lr·sign(g); AdamW also decays p by lr·λ·p")
    func adam() {
        var p = Scalars(weight: Tensor(shape: [2], scalars: [1, -1]))
        var adam = Adam<Double>(learningRate: 0.01)
        adam.step(&p, gradients: grad([3, -0.001]))
        #expect(abs(p.weight.scalars[0] - 0.99) < 1e-9 && abs(p.weight.scalars[1] - (-0.99)) < 1e-5)
        var q = Scalars(weight: Tensor(shape: [1], scalars: [2]))
        var adamW = Adam<Double>.adamW(learningRate: 0.1, weightDecay: 0.5)
        adamW.step(&q, gradients: grad([1]))
        #expect(abs(q.weight.scalar - (2 * (1 - 0.05) - 0.1)) < 1e-7)
        let q1 = q.weight.scalar
        // second step against the formula
        adamW.step(&q, gradients: grad([-2]))
        let m = 0.9 * 0.1 + 0.1 * -2, v = 0.999 * 0.001 + 0.001 * 4
        let expected = q1 * 0.95 - 0.1 * (m / (1 - 0.81)) / ((v / (1 - pow(0.999, 2))).squareRoot() + 1e-8)
        #expect(abs(q.weight.scalar - expected) < 1e-12)
    }

    @Test("schedules: cosine with linear warm-up, step decay")
    func schedules() {
        let cosine = LearningRateSchedule.cosine(0.1, total: 110, warmup: 10, minimum: 0)
        #expect(abs(cosine.rate(at: 0) - 0.01) < 1e-15)
        #expect(abs(cosine.rate(at: 9) - 0.1) < 1e-15)
        #expect(abs(cosine.rate(at: 10) - 0.1) < 1e-15)
        #expect(abs(cosine.rate(at: 60) - 0.05) < 1e-15)
        #expect(abs(cosine.rate(at: 110)) < 1e-15)
        let step = LearningRateSchedule.step(1, every: 30, gamma: 0.1)
        #expect(step.rate(at: 29) == 1 && abs(step.rate(at: 30) - 0.1) < 1e-15 && abs(step.rate(at: 65) - 0.01) < 1e-15)
    }

    @Test("global-norm clipping scales all gradients by max/(norm + 1e-6) only above the bound")
    func clipping() {
        var g: [String: Tensor<Double>] = ["a": Tensor(shape: [2], scalars: [3, 0]), "b": Tensor(shape: [1], scalars: [4])]
        let norm = GradientClipping.clipGlobalNorm(&g, maxNorm: 1)
        #expect(norm == 5)
        #expect(abs(g["a"]!.scalars[0] - 3 / (5 + 1e-6)) < 1e-15 && abs(g["b"]!.scalar - 4 / (5 + 1e-6)) < 1e-15)
        var small = g
        GradientClipping.clipGlobalNorm(&small, maxNorm: 10)
        #expect(small == g)
    }
}

extension Tensor: Equatable where Scalar: Equatable {
    public static func == (a: Tensor, b: Tensor) -> Bool { a.shape == b.shape && a.scalars == b.scalars }
}
