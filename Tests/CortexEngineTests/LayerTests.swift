import Testing
import CortexNumerics
@testable import CortexEngine

@Suite("Layers: gradients through layers, PyTorch state names and update formulas")
struct LayerTests {
    typealias T = Tensor<Double>

    @Test("Linear: forward on [N, in] and [T, B, in]; gradients of x, weight, bias")
    func linear() {
        var rng = SplittableRandom(seed: 41)
        let layer = Linear<Double>(inFeatures: 4, outFeatures: 3, rng: &rng)
        #expect(layer.weight.scalars.allSatisfy { abs($0) <= 0.5 })
        let x = GradientCheck.random([2, 5, 4], seed: 42)
        let y = layer(x)
        #expect(y.shape == [2, 5, 3])
        let manual = (0..<4).reduce(layer.bias!.scalars[1]) { $0 + x.scalars[$1] * layer.weight.scalars[4 + $1] }
        #expect(abs(y.scalars[1] - manual) < 1e-12)
        #expect(GradientCheck.maxError([x, layer.weight, layer.bias!]) { Linear(weight: $0[1], bias: $0[2])($0[0]) } < 1e-7)
        #expect(layer.namedTensors().map(\.name) == ["weight", "bias"])
    }

    @Test("Conv2d layer with bias and time folding; gradients of x, weight, bias")
    func conv2d() {
        var rng = SplittableRandom(seed: 43)
        var conv = Conv2d<Double>(inChannels: 4, outChannels: 4, kernel: (3, 3), stride: (2, 2), padding: (1, 1),
                                  groups: 2, rng: &rng)
        let x = GradientCheck.random([3, 2, 4, 5, 5], seed: 44)   // [T, B, C, H, W]
        #expect(conv(x).shape == [3, 2, 4, 3, 3])
        let folded = conv(x.foldingTime())
        #expect(conv(x).scalars == folded.scalars)
        let base = conv
        #expect(GradientCheck.maxError([x.foldingTime(), base.weight, base.bias!]) {
            conv.weight = $0[1]
            conv.bias = $0[2]
            return conv($0[0])
        } < 1e-6)
    }

    @Test("ConvTranspose2d layer (depthwise, output padding) gives 2× upsampling and gradients")
    func convTranspose() {
        var rng = SplittableRandom(seed: 45)
        var layer = ConvTranspose2d<Double>(inChannels: 3, outChannels: 3, kernel: (3, 3), stride: (2, 2),
                                            padding: (1, 1), outputPadding: (1, 1), groups: 3, bias: false, rng: &rng)
        let x = GradientCheck.random([2, 3, 4, 3], seed: 46)
        #expect(layer(x).shape == [2, 3, 8, 6])
        #expect(layer.weight.shape == [3, 1, 3, 3])
        #expect(GradientCheck.maxError([x, layer.weight]) { layer.weight = $0[1]; return layer($0[0]) } < 1e-6)
    }

    @Test("BatchNorm2d running statistics follow PyTorch's update (momentum 0.1, unbiased variance)")
    func batchNormRunningStatistics() {
        var bn = BatchNorm2d<Double>(channels: 1)
        _ = bn(T(shape: [2, 1, 1, 2], scalars: [1, 2, 3, 4]), mode: .training)
        // μ = 2.5, σ²(unbiased) = 5/3
        #expect(abs(bn.runningMean.scalar - 0.25) < 1e-12)
        #expect(abs(bn.runningVariance.scalar - (0.9 + 0.1 * 5.0 / 3)) < 1e-12)
        #expect(bn.batchesTracked.scalar == 1)
        _ = bn(T(shape: [1, 1, 1, 3], scalars: [0, 0, 3]), mode: .training)   // μ = 1, σ² = 3
        #expect(abs(bn.runningMean.scalar - (0.9 * 0.25 + 0.1)) < 1e-12)
        #expect(abs(bn.runningVariance.scalar - (0.9 * (0.9 + 0.1 * 5.0 / 3) + 0.1 * 3)) < 1e-12)
        // inference uses the running statistics and leaves them alone
        let before = bn.runningMean.scalars
        let y = bn(T(shape: [1, 1, 1, 1], scalars: [2]), mode: .inference)
        #expect(abs(y.scalar - (2 - bn.runningMean.scalar) / (bn.runningVariance.scalar + 1e-5).squareRoot()) < 1e-12)
        #expect(bn.runningMean.scalars == before && bn.batchesTracked.scalar == 2)
        #expect(bn.namedTensors().map(\.name) == ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"])
    }

    @Test("BatchNorm2d layer gradients in training mode")
    func batchNormGradients() {
        let x = GradientCheck.random([3, 2, 3, 3], seed: 47)
        let gamma = GradientCheck.random([2], seed: 48)
        let beta = GradientCheck.random([2], seed: 49)
        #expect(GradientCheck.maxError([x, gamma, beta]) {
            var bn = BatchNorm2d<Double>(channels: 2)
            bn.weight = $0[1]
            bn.bias = $0[2]
            return bn($0[0], mode: .training)
        } < 1e-6)
    }

    @Test("Dropout: identity in inference; in training zeros ≈ p and survivors scaled by 1/(1 − p); seeded")
    func dropout() {
        let drop = Dropout(probability: 0.25)
        let x = T(shape: [4000], repeating: 1)
        var rng = SplittableRandom(seed: 50)
        #expect(drop(x, mode: .inference, rng: &rng).scalars == x.scalars)
        let y = drop(x, mode: .training, rng: &rng)
        let zeros = y.scalars.filter { $0 == 0 }.count
        #expect(abs(Double(zeros) / 4000 - 0.25) < 0.03)
        #expect(y.scalars.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3) < 1e-12 })
        var a = SplittableRandom(seed: 7), b = SplittableRandom(seed: 7)
        #expect(drop(x, mode: .training, rng: &a).scalars == drop(x, mode: .training, rng: &b).scalars)
    }

    @Test("Dropout's gradient is its mask; pooling layers equal the tensor functions")
    func dropoutAndPoolingLayers() {
        let x = GradientCheck.random([2, 3, 6, 6], seed: 52)
        #expect(GradientCheck.maxError([x]) {
            var rng = SplittableRandom(seed: 53)
            return Dropout(probability: 0.4)($0[0], mode: .training, rng: &rng)
        } < 1e-7)
        #expect(MaxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1))(x).scalars
                == x.maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1)).scalars)
        #expect(AvgPool2d(kernel: (2, 2))(x).scalars == x.avgPool2d(kernel: (2, 2), stride: (2, 2)).scalars)
        #expect(AdaptiveAvgPool2d(output: (1, 1))(x).shape == [2, 3, 1, 1])
        let sequence = GradientCheck.random([2, 2, 3, 4, 4], seed: 54)   // [T, B, C, H, W] needs no folding
        #expect(MaxPool2d(kernel: (2, 2))(sequence).shape == [2, 2, 3, 2, 2])
    }

    @Test("track/gradients/detach: a layer's parameters become leaves of one graph")
    func tracking() {
        var rng = SplittableRandom(seed: 51)
        var layer = Linear<Float>(inFeatures: 3, outFeatures: 2, rng: &rng)
        let graph = Graph<Float>()
        layer.track(in: graph)
        let loss = layer(Tensor(shape: [1, 3], scalars: [1, 2, 3])).sum()
        graph.backward(from: loss)
        let grads = layer.gradients(in: graph)
        #expect(grads["weight"]!.scalars == [1, 2, 3, 1, 2, 3])
        #expect(grads["bias"]!.scalars == [1, 1])
        layer.detach()
        #expect(layer.weight.graph == nil && layer.parameterCount == 8)
    }
}
