import CortexNumerics
import Foundation
import Testing
@testable import CortexEngine

/// conv3×3 → BatchNorm2d (training) → LIF against PyTorch + SpikingJelly
/// (`scripts/reference/spikingjelly_reference.py`, part B): the weights are read through the
/// engine's safetensors loader under their PyTorch names, one forward and backward in Float.
@Suite("Conv → BN → LIF block against PyTorch/SpikingJelly")
struct ConvBlockReferenceTests {
    /// `Sequential(SeqToANNContainer(Conv2d(3, 4, 3, padding=1, bias=False), BatchNorm2d(4)), LIFNode)`:
    /// state-dict names `0.0.weight` and `0.1.{weight, bias, running_mean, running_var, num_batches_tracked}`.
    struct Block: Layer {
        typealias Scalar = Float
        var conv: Conv2d<Float>
        var bn = BatchNorm2d<Float>(channels: 4, momentum: 0.1)
        let neuron = LIFNeuron<Float>(tau: 2, threshold: 1, reset: .hard(0), detachReset: true,
                                      surrogate: ATanSurrogate(alpha: 2))

        init() {
            var rng = SplittableRandom(seed: 0)
            conv = Conv2d(inChannels: 3, outChannels: 4, kernel: (3, 3), padding: (1, 1), bias: false, rng: &rng)
        }

        mutating func callAsFunction(_ x: Tensor<Float>) -> Tensor<Float> {
            neuron(bn(conv(x), mode: .training)).spikes
        }

        mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
            conv.visitTensors(prefix: prefix + "0.0.", body)
            bn.visitTensors(prefix: prefix + "0.1.", body)
        }
    }

    static func elementwise(_ a: [Float], _ b: [Double]) -> Double {
        ReferenceFixture.elementwiseRelativeError(a.map(Double.init), b)
    }

    @Test("forward, loss, input and weight gradients, and BN running statistics match within 1e-4 relative")
    func matches() throws {
        let expected = try ReferenceFixture("conv_block_expected.safetensors")
        var block = Block()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/conv_block_weights.safetensors")
        try block.load(from: url)
        #expect(block.bn.batchesTracked.scalar == 3)
        let graph = Graph<Float>()
        block.track(in: graph)
        let x = graph.leaf(expected.tensor("x", as: Float.self))
        let out = block(x)
        let loss = (out * expected.tensor("r", as: Float.self)).sum()
        graph.backward(from: loss)

        #expect(out.shape == [4, 2, 4, 8, 8])
        let spikes = out.scalars.map(Double.init), reference = expected.values("out")
        let flips = zip(spikes, reference).filter { $0 != $1 }.count
        #expect(flips == 0, "\(flips) spikes differ (the script reports no |H − V_th| below 3.7e-3)")
        #expect(abs(Double(loss.scalar) - expected.values("loss")[0]) <= 1e-4 * abs(expected.values("loss")[0]))
        let gradients = block.gradients(in: graph)
        for (mine, key) in [(graph.gradient(of: x)!.scalars, "grad_x"), (gradients["0.0.weight"]!.scalars, "grad/0.0.weight"),
                            (gradients["0.1.weight"]!.scalars, "grad/0.1.weight"), (gradients["0.1.bias"]!.scalars, "grad/0.1.bias")] {
            let error = Self.elementwise(mine, expected.values(key))
            #expect(error < 1e-4, "\(key): relative error \(error)")
        }
        for (mine, key) in [(block.bn.runningMean.scalars, "after/0.1.running_mean"),
                            (block.bn.runningVariance.scalars, "after/0.1.running_var")] {
            let error = Self.elementwise(mine, expected.values(key))
            #expect(error < 1e-4, "\(key): relative error \(error)")
        }
        #expect(Double(block.bn.batchesTracked.scalar) == expected.values("after/0.1.num_batches_tracked")[0])
    }
}
