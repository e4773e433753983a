import CortexNumerics
import Testing
@testable import CortexEngine

/// Operation counts of pruned layers (issue 15): only non-zero weights count.
@Suite("Pruned synapse counts")
struct PrunedSynapseCountTests {
    /// A 0/1 pattern with about `keep` of the entries 1.
    static func pattern(_ shape: [Int], keep: Double, seed: UInt64) -> Tensor<Float> {
        var rng = SplittableRandom(seed: seed)
        return Tensor(shape: shape, generating: { _ in rng.uniformDouble() < keep ? 1 : 0 })
    }

    /// Σ of the layer's output on `x` with every non-zero weight replaced by 1: each
    /// (output, live weight) pair reading an input of value s counts s — the reference count.
    static func liveConvolutionSum(_ x: Tensor<Float>, mask: Tensor<Float>, layer: SynapticLayer) -> Double {
        switch layer.connectivity {
        case .convolution(let w):
            return x.conv2d(weight: mask, stride: (w.stride[0], w.stride[1]), padding: (w.padding[0], w.padding[1]),
                            dilation: (w.dilation[0], w.dilation[1]), groups: w.groups).scalars.reduce(0) { $0 + Double($1) }
        case .transposedConvolution(let w):
            return x.convTranspose2d(weight: mask, stride: (w.stride[0], w.stride[1]), padding: (w.padding[0], w.padding[1]),
                                     outputPadding: (w.outputPadding[0], w.outputPadding[1]), dilation: (w.dilation[0], w.dilation[1]),
                                     groups: w.groups).scalars.reduce(0) { $0 + Double($1) }
        case .fullyConnected:
            return x.matmul(mask, transposeOther: true).scalars.reduce(0) { $0 + Double($1) }
        case .activationProduct:
            preconditionFailure("activation products have no weights to prune")
        }
    }

    @Test("pruned SOPs equal Σ of a convolution by the live-weight pattern (conv, strided, grouped, transposed, linear)",
          arguments: 0..<5)
    func prunedMatchesLiveConvolution(_ index: Int) {
        var rng = SplittableRandom(seed: UInt64(index))
        let x: Tensor<Float>, mask: Tensor<Float>, layer: SynapticLayer
        switch index {
        case 0, 1, 2:
            let stride = index == 1 ? (2, 2) : (1, 1)
            let groups = index == 2 ? 2 : 1
            var conv = Conv2d<Float>(inChannels: 4, outChannels: 6, kernel: (3, 3), stride: stride, padding: (1, 1), groups: groups,
                                     bias: false, rng: &rng)
            mask = Self.pattern(conv.weight.shape, keep: 0.4, seed: 7 + UInt64(index))
            conv.weight = conv.weight * mask
            layer = conv.synapticLayer(input: .spikes)
            x = Self.pattern([2, 4, 7, 6], keep: 0.3, seed: 20)
        case 3:
            var conv = ConvTranspose2d<Float>(inChannels: 4, outChannels: 4, kernel: (3, 3), stride: (2, 2), padding: (1, 1),
                                              outputPadding: (1, 1), bias: false, rng: &rng)
            mask = Self.pattern(conv.weight.shape, keep: 0.5, seed: 11)
            conv.weight = conv.weight * mask
            layer = conv.synapticLayer(input: .spikes)
            x = Self.pattern([2, 4, 4, 5], keep: 0.4, seed: 21)
        default:
            var fc = Linear<Float>(inFeatures: 12, outFeatures: 5, rng: &rng)
            mask = Self.pattern(fc.weight.shape, keep: 0.3, seed: 12)
            fc.weight = fc.weight * mask
            layer = fc.synapticLayer(input: .spikes)
            x = Self.pattern([3, 12], keep: 0.5, seed: 22)
        }
        #expect(layer.liveWeights != nil)
        let counted = layer.synapticOperations(x)
        #expect(counted > 0)
        #expect(counted == Self.liveConvolutionSum(x, mask: mask, layer: layer))
        // dense MACs of the pruned layer: live weights × output positions
        if case .fullyConnected = layer.connectivity {
            #expect(layer.denseMACs(inputShape: x.shape) == 3 * Double(mask.scalars.reduce(0, +)))
        }
    }

    @Test("an unpruned layer records no live counts and counts as before; pruning lowers the count")
    func unprunedUnchanged() {
        var rng = SplittableRandom(seed: 5)
        var conv = Conv2d<Float>(inChannels: 3, outChannels: 4, kernel: (3, 3), padding: (1, 1), bias: false, rng: &rng)
        let x = Self.pattern([1, 3, 6, 6], keep: 0.5, seed: 6)
        let dense = conv.synapticLayer(input: .spikes)
        #expect(dense.liveWeights == nil)
        let before = dense.synapticOperations(x)
        conv.weight = conv.weight * Self.pattern(conv.weight.shape, keep: 0.5, seed: 8)
        let after = conv.synapticLayer(input: .spikes).synapticOperations(x)
        #expect(after < before && after > 0)
        // all weights alive but stated explicitly: the same count as the dense path
        var explicit = dense
        explicit.liveWeights = [Int](repeating: 4, count: 3 * 9)
        #expect(explicit.synapticOperations(x) == before)
        #expect(explicit.denseMACs(inputShape: x.shape) == dense.denseMACs(inputShape: x.shape))
    }
}
