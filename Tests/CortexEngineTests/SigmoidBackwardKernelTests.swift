import Foundation
import Testing
import CKernels
@testable import CortexEngine

/// The C backward for the sigmoid surrogate (`ck_neuron_backward_sigmoid_f32`) computes σ in Float
/// with a vectorisable e^x, where the Swift loop takes the Double derivative of ``SigmoidSurrogate``:
/// e^x against Foundation's Double exp, then the whole BPTT backward against the Swift loop.
@Suite("Sigmoid-surrogate neuron backward in C")
struct SigmoidBackwardKernelTests {
    @Test("e^x within 2 ulp of the Double exponential on [−87, 88]")
    func exponential() {
        var worst = 0.0
        for i in 0...70_000 {
            let x = -87 + 175 * Float(i) / 70_000
            let exact = Foundation.exp(Double(x))
            let ulp = Double(Float(exact).ulp)
            worst = max(worst, abs(Double(ck_vector_expf(x)) - exact) / ulp)
        }
        #expect(worst <= 2)
        #expect(ck_vector_expf(0) == 1 && ck_vector_expf(-200) > 0 && ck_vector_expf(200).isFinite)
    }

    static let configurations: [(NeuronCharge, NeuronReset, Bool, Double)] = [
        (.leaky(tau: 2), .hard(0), true, 4),
        (.leaky(tau: 2), .hard(-0.2), false, 2),
        (.leaky(tau: 3), .soft, false, 4),
        (.integrate, .hard(0), true, 5),
    ]

    @Test("BPTT backward within 1e-5 of the Swift loop's (Double derivative)", arguments: 0..<configurations.count)
    func backward(_ index: Int) {
        let (charge, reset, detach, alpha) = Self.configurations[index]
        let dynamics = NeuronDynamics(charge: charge, threshold: 0.5, reset: reset, detachReset: detach,
                                      surrogate: SigmoidSurrogate(alpha: alpha))
        let k: Float = { if case .leaky(let tau) = charge { return Float(1 / tau) }; return 1 }()
        let (steps, n) = (4, 2 * NeuronKernel.chunk + 13)
        let x = CKernelsTests.random(steps * n, seed: 71, scale: 1.5)
        let v0 = CKernelsTests.random(n, seed: 72, scale: 0.3)
        let joint = CKernelsTests.random((steps + 1) * n, seed: 73)
        let trace = NeuronKernel.forward(input: x, initial: v0, steps: steps, dynamics: dynamics, decay: k).trace!
        let fast = NeuronKernel.backward(trace, jointGradient: joint)
        let slow = NeuronKernel.backward(trace, jointGradient: joint, cKernels: false)
        func close(_ a: [Float], _ b: [Float]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }
        }
        #expect(close(fast.0, slow.0) && close(fast.1, slow.1))
        #expect(fast.0.contains { $0 != 0 })
    }
}
