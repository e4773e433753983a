import Testing
import CortexNumerics
@testable import CortexEngine

/// Linear → LIF → Linear over T steps, logits averaged over time (the reference study's readout).
struct SpikingMLP: Layer {
    var fc1: Linear<Float>
    var lif = LIFNeuron<Float>(tau: 2, threshold: 1, reset: .hard(0), detachReset: true,
                               surrogate: ATanSurrogate(alpha: 2))
    var fc2: Linear<Float>

    init(inputs: Int, hidden: Int, classes: Int, rng: inout SplittableRandom) {
        fc1 = Linear(inFeatures: inputs, outFeatures: hidden, rng: &rng)
        fc2 = Linear(inFeatures: hidden, outFeatures: classes, rng: &rng)
    }

    /// x `[B, inputs]` repeated over `steps` → logits `[B, classes]`.
    func callAsFunction(_ x: Tensor<Float>, steps: Int) -> Tensor<Float> {
        let sequence = Tensor.stack(Array(repeating: x, count: steps))      // [T, B, in]
        let currents = fc1(sequence)                                        // [T, B, hidden]
        let spikes = lif(currents * 2).spikes
        return fc2(spikes).mean(alongAxis: 0)
    }

    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        fc1.visitTensors(prefix: prefix + "fc1.", body)
        lif.visitTensors(prefix: prefix + "lif.", body)
        fc2.visitTensors(prefix: prefix + "fc2.", body)
    }
}

@Suite("Training sanity")
struct TrainingTests {
    /// Four Gaussian blobs in 8 dimensions, deterministic from the seed.
    static func blobs(count: Int, seed: UInt64) -> (Tensor<Float>, [Int]) {
        var rng = SplittableRandom(seed: seed)
        let centres = (0..<4).map { _ in (0..<8).map { _ in rng.standardNormal() * 1.5 } }
        var values: [Float] = []
        var labels: [Int] = []
        for i in 0..<count {
            let label = i % 4
            labels.append(label)
            values += centres[label].map { Float($0 + 0.3 * rng.standardNormal()) }
        }
        return (Tensor(shape: [count, 8], scalars: values), labels)
    }

    static func train(seed: UInt64, steps: Int) -> [Float] {
        let (x, y) = blobs(count: 64, seed: 5)
        var rng = SplittableRandom(seed: seed)
        var model = SpikingMLP(inputs: 8, hidden: 32, classes: 4, rng: &rng)
        var optimizer = SGD<Float>(learningRate: 0.2, momentum: 0.9)
        let schedule = LearningRateSchedule.cosine(0.2, total: steps, warmup: 5, minimum: 0.01)
        var losses: [Float] = []
        for step in 0..<steps {
            let graph = Graph<Float>()
            model.track(in: graph)
            let loss = model(x, steps: 4).crossEntropy(labels: y)
            graph.backward(from: loss)
            var gradients = model.gradients(in: graph)
            GradientClipping.clipGlobalNorm(&gradients, maxNorm: 5)
            optimizer.learningRate = schedule.rate(at: step)
            optimizer.step(&model, gradients: gradients)
            losses.append(loss.scalar)
        }
        return losses
    }

    @Test("a spiking MLP learns separable blobs (loss from ≈ ln 4 to < 0.2) and is bit-reproducible")
    func spikingMLPLearns() {
        let first = Self.train(seed: 11, steps: 80)
        #expect(first[0] > 0.9)
        #expect(first.last! < 0.2, "final loss \(first.last!)")
        let second = Self.train(seed: 11, steps: 80)
        #expect(first == second)
        let other = Self.train(seed: 12, steps: 3)
        #expect(other[0] != first[0])
    }

    @Test("a conv + BN net trains a step in Float and inference mode records no graph")
    func convNetStep() {
        var net = TinyNet(seed: 70, classes: 2)
        let x = Tensor<Float>(shape: [4, 1, 5, 5], generating: { Float(($0 * 7919) % 13) / 13 })
        let labels = [0, 1, 0, 1]
        func forward(_ net: inout TinyNet, mode: ExecutionMode) -> Tensor<Float> {
            let h = net.bn(net.conv(x), mode: mode).relu().adaptiveAvgPool2d(output: (1, 1)).flattened()
            return net.fc(h)
        }
        var adam = Adam<Float>(learningRate: 0.05)
        var losses: [Float] = []
        for _ in 0..<30 {
            let graph = Graph<Float>()
            net.track(in: graph)
            let loss = forward(&net, mode: .training).crossEntropy(labels: labels)
            graph.backward(from: loss)
            adam.step(&net, gradients: net.gradients(in: graph))
            losses.append(loss.scalar)
        }
        #expect(losses.last! < losses.first!)
        #expect(net.bn.batchesTracked.scalar == 30)
        let logits = forward(&net, mode: .inference)
        #expect(logits.graph == nil && net.bn.batchesTracked.scalar == 30)
    }
}
