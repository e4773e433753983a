import CortexKit

/// The spiking CNN of BENCHMARKS.md "Engine (issue 5)", built from CortexEngine layers, with the
/// state-dict names of `scripts/bench/snn_peer.py` (SpikingJelly) so its weights load directly:
///
///     stem:   conv1 3×3 1→16 → bn1 → LIF
///     down1:  conv 3×3/2 16→32 → bn → LIF;   block1: SEW basic block (ADD), width 32
///     down2:  conv 3×3/2 32→64 → bn → LIF;   block2: SEW basic block (ADD), width 64
///     head:   adaptive average pool 1×1 → fc 64→10, logits averaged over T
///
/// LIF: τ = 2, V_th = 1, hard reset to 0, decay-input, reset *not* detached, ATan α = 2.
/// Convolutions have no bias.
struct BenchmarkSNN: Layer {
    typealias Scalar = Float

    /// conv → BN → LIF, the unit every stage is made of.
    struct ConvUnit {
        var conv: Conv2d<Float>
        var bn: BatchNorm2d<Float>

        init(_ inChannels: Int, _ outChannels: Int, stride: Int, rng: inout SplittableRandom) {
            conv = Conv2d(inChannels: inChannels, outChannels: outChannels, kernel: (3, 3), stride: (stride, stride),
                          padding: (1, 1), bias: false, rng: &rng)
            bn = BatchNorm2d(channels: outChannels)
        }

        mutating func callAsFunction(_ x: Tensor<Float>, mode: ExecutionMode) -> Tensor<Float> {
            BenchmarkSNN.neuron(conv(x), normalizedBy: &bn, mode: mode).spikes
        }

        mutating func visit(_ convName: String, _ bnName: String,
                            _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
            conv.visitTensors(prefix: convName + ".", body)
            bn.visitTensors(prefix: bnName + ".", body)
        }
    }

    static var neuron: LIFNeuron<Float> {
        LIFNeuron(tau: 2, threshold: 1, reset: .hard(0), detachReset: false, surrogate: ATanSurrogate(alpha: 2))
    }

    var stem, down1, block1a, block1b, down2, block2a, block2b: ConvUnit
    var fc: Linear<Float>

    init(rng: inout SplittableRandom) {
        stem = ConvUnit(1, 16, stride: 1, rng: &rng)
        down1 = ConvUnit(16, 32, stride: 2, rng: &rng)
        block1a = ConvUnit(32, 32, stride: 1, rng: &rng)
        block1b = ConvUnit(32, 32, stride: 1, rng: &rng)
        down2 = ConvUnit(32, 64, stride: 2, rng: &rng)
        block2a = ConvUnit(64, 64, stride: 1, rng: &rng)
        block2b = ConvUnit(64, 64, stride: 1, rng: &rng)
        fc = Linear(inFeatures: 64, outFeatures: 10, rng: &rng)
    }

    /// `x` `[T, B, 1, 28, 28]` → logits `[B, 10]` averaged over T.
    mutating func callAsFunction(_ x: Tensor<Float>, mode: ExecutionMode) -> Tensor<Float> {
        var h = stem(x, mode: mode)
        h = down1(h, mode: mode)
        h = block1b(block1a(h, mode: mode), mode: mode) + h
        h = down2(h, mode: mode)
        h = block2b(block2a(h, mode: mode), mode: mode) + h
        let pooled = h.adaptiveAvgPool2d(output: (1, 1)).reshaped([x.shape[0], x.shape[1], -1])
        return fc(pooled).mean(alongAxis: 0)
    }

    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        // SpikingJelly registers modules in construction order: conv1, bn1, down1, block1, down2, block2, fc.
        stem.visit(prefix + "conv1", prefix + "bn1", body)
        down1.visit(prefix + "down1.conv", prefix + "down1.bn", body)
        block1a.visit(prefix + "block1.conv1", prefix + "block1.bn1", body)
        block1b.visit(prefix + "block1.conv2", prefix + "block1.bn2", body)
        down2.visit(prefix + "down2.conv", prefix + "down2.bn", body)
        block2a.visit(prefix + "block2.conv1", prefix + "block2.bn1", body)
        block2b.visit(prefix + "block2.conv2", prefix + "block2.bn2", body)
        fc.visitTensors(prefix: prefix + "fc.", body)
    }
}
