import CortexKit
import Foundation

/// `cortex-bench snn [--quick] [--repeats N] [--data DIR] [--model NAME]`: training and inference throughput of
/// ``BenchmarkSNN`` (BENCHMARKS.md "Engine (issue 5)"), on the weights, input and labels that
/// `scripts/bench/snn_peer.py export` wrote to `DIR/snn_check.safetensors` (default `bench-data/`).
/// With `--model spikformer-2-64` or `spike-driven-transformer-2-64`: that transformer against
/// `scripts/bench/transformer_peer.py` (`DIR/NAME_check.safetensors`).
/// With `--model sew-resnet18-w16` or `lorafb-snet18-w16`: that registry model instead (its
/// `DIR/NAME_check.safetensors`, from the reference PyTorch models), with per-step batch
/// statistics in training as the reference code (no batch renormalisation).
///
/// First a cross-check: the first training step's loss and gradients against SpikingJelly's on the
/// same weights. Then timings as the peer takes them: two warm-up calls, then the best and median
/// of `repeats` runs of `steps` calls (`--repeats N` times N calls each, e.g. for a profile). A training step is forward + backward + SGD (lr 0.1,
/// momentum 0.9) in training mode; inference is a forward pass in inference mode, untracked.
enum SNNBenchmarks {
    struct Case: Codable {
        var name: String
        var bestSeconds: Double
        var medianSeconds: Double
        /// Process CPU time (all threads) per call, averaged over the timed runs.
        var cpuSeconds: Double
    }

    struct Check: Codable {
        var loss: Double
        var peerLoss: Double
        var lossRelativeError: Double
        /// max over parameters of ‖g − g_peer‖ / ‖g_peer‖.
        var worstGradientRelativeError: Double
        var worstGradient: String
    }

    struct Output: Codable {
        var tool: String
        var blasCore: String
        var model: String
        var batch: Int
        var steps: Int
        var check: Check
        var results: [Case]
    }

    static func processCPUNanoseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    static func floats(_ entry: SafetensorsFile.Entry) -> [Float] {
        precondition(entry.dtype == .float32, "snn: expected F32")
        return entry.bytes.withUnsafeBytes { raw in Array(raw.bindMemory(to: Float.self)) }
    }

    static func norm(_ v: [Float]) -> Double { v.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot() }

    static func main(arguments: [String]) throws {
        let quick = arguments.contains("--quick")
        let repeats = arguments.firstIndex(of: "--repeats").flatMap { Int(arguments[$0 + 1]) }
        let folder = arguments.firstIndex(of: "--data").map { URL(fileURLWithPath: arguments[$0 + 1]) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("bench-data")
        var rng = SplittableRandom(seed: 0)
        let output: Output
        if let index = arguments.firstIndex(of: "--model"), let transformer = TransformerRegistry.configuration(named: arguments[index + 1]) {
            // A spiking transformer against scripts/bench/transformer_peer.py (its reference modules).
            let name = arguments[index + 1]
            let file = try SafetensorsFile(contentsOf: folder.appendingPathComponent("\(name)_check.safetensors"))
            output = try run(AveragedModel(network: ModelNetwork(configuration: .transformer(transformer), rng: &rng)),
                             file: file, quick: quick, repeats: repeats, name: name)
        } else if let index = arguments.firstIndex(of: "--model") {
            let name = arguments[index + 1]
            guard var configuration = ModelRegistry.configuration(named: name) else {
                throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "snn: unknown model \(name)"])
            }
            configuration.stepNormalization = .batchStatistics
            let file = try SafetensorsFile(contentsOf: folder.appendingPathComponent("\(name)_check.safetensors"))
            output = try run(AveragedNetwork(network: SpikingResNet(configuration: configuration, rng: &rng)),
                             file: file, quick: quick, repeats: repeats, name: name)
        } else {
            let file = try SafetensorsFile(contentsOf: folder.appendingPathComponent("snn_check.safetensors"))
            output = try run(BenchmarkSNN(rng: &rng), file: file, quick: quick, repeats: repeats, name: "benchmark SNN")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(output), as: UTF8.self))
    }

    /// The cross-check and the timings of `network` on the weights, input and labels of `file`.
    static func run<Network: BenchmarkedNetwork>(_ network: Network, file: SafetensorsFile, quick: Bool,
                                                 repeats requested: Int? = nil, name: String) throws -> Output {
        var weights = SafetensorsFile()
        for (name, entry) in file.tensors where name.hasPrefix("model.") {
            weights.tensors[String(name.dropFirst("model.".count))] = entry
        }
        var model = network
        try model.load(stateDict: weights)
        let inputEntry = file.tensors["input"]!
        let x = Tensor<Float>(shape: inputEntry.shape, scalars: floats(inputEntry))
        let labels = file.tensors["labels"]!.bytes.withUnsafeBytes { Array($0.bindMemory(to: Int64.self)) }.map { Int($0) }
        let peerLoss = Double(floats(file.tensors["loss"]!)[0])

        var optimizer = SGD<Float>(learningRate: 0.1, momentum: 0.9)
        /// One training step; returns the loss and the gradients (before the update).
        func trainStep() -> (Float, [String: Tensor<Float>]) {
            let graph = Graph<Float>()
            model.track(in: graph)
            let loss = model(x, mode: .training).crossEntropy(labels: labels)
            graph.backward(from: loss)
            let gradients = model.gradients(in: graph)
            model.detach()
            optimizer.step(&model, gradients: gradients)
            return (loss.scalar, gradients)
        }

        // Cross-check on a copy, so the timed runs start from the same weights as the peer's.
        let initial = model
        let (loss, gradients) = trainStep()
        var worst = (0.0, "")
        // A bias followed by a training-mode BN has gradient 0 in exact arithmetic (the BN removes
        // the mean): both sides hold rounding noise there (~1e-9), whose relative error means nothing.
        let largest = file.tensors.filter { $0.key.hasPrefix("grad.") }.values.map { norm(floats($0)) }.max() ?? 0
        for (name, g) in gradients {
            guard let peer = file.tensors["grad." + name].map(floats), norm(peer) > 1e-6 * largest else { continue }
            let error = norm(zip(g.scalars, peer).map { $0 - $1 }) / max(norm(peer), 1e-30)
            if error > worst.0 { worst = (error, name) }
        }
        let check = Check(loss: Double(loss), peerLoss: peerLoss,
                          lossRelativeError: abs(Double(loss) - peerLoss) / abs(peerLoss),
                          worstGradientRelativeError: worst.0, worstGradient: worst.1)
        model = initial
        optimizer = SGD<Float>(learningRate: 0.1, momentum: 0.9)

        let (steps, repeats) = (1, max(1, requested ?? (quick ? 3 : 7)))
        func timed(_ body: () -> Void) -> Case {
            body(); body()
            let clock = ContinuousClock()
            var times: [Double] = []
            let cpuStart = processCPUNanoseconds()
            for _ in 0..<repeats {
                let d = clock.measure { for _ in 0..<steps { body() } }
                times.append((Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18) / Double(steps))
            }
            let cpu = Double(processCPUNanoseconds() - cpuStart) * 1e-9 / Double(repeats * steps)
            times.sort()
            return Case(name: "", bestSeconds: times[0], medianSeconds: times[times.count / 2], cpuSeconds: cpu)
        }
        var training = timed { _ = trainStep() }
        training.name = "training step"
        var inference = timed { _ = model(x, mode: .inference) }
        inference.name = "inference"

        return Output(tool: "CortexKit \(CortexKitVersion.string), \(BLASRuntime.report.threads) BLAS threads, \(ParallelFor.defaultWorkers) workers",
                      blasCore: BLASRuntime.report.coreInUse, model: name, batch: x.shape[1], steps: x.shape[0],
                      check: check, results: [training, inference])
    }
}

/// A network the benchmark can train: input `[T, B, C, H, W]` → logits `[B, classes]`.
protocol BenchmarkedNetwork: Layer where Scalar == Float {
    mutating func callAsFunction(_ x: Tensor<Float>, mode: ExecutionMode) -> Tensor<Float>
}

extension BenchmarkSNN: BenchmarkedNetwork {}

/// Any registry model (a spiking transformer) from rest, its logits averaged over T.
struct AveragedModel: BenchmarkedNetwork {
    typealias Scalar = Float
    var network: ModelNetwork

    mutating func callAsFunction(_ x: Tensor<Float>, mode: ExecutionMode) -> Tensor<Float> {
        var state = NetworkState()
        return network.forward(x, state: &state, mode: mode).logits.mean(alongAxis: 0)
    }

    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        network.visitTensors(prefix: prefix, body)
    }
}

/// A registry model from rest, its logits averaged over T.
struct AveragedNetwork: BenchmarkedNetwork {
    typealias Scalar = Float
    var network: SpikingResNet

    mutating func callAsFunction(_ x: Tensor<Float>, mode: ExecutionMode) -> Tensor<Float> {
        var state = NetworkState()
        return network.forward(x, state: &state, mode: mode).logits.mean(alongAxis: 0)
    }

    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        network.visitTensors(prefix: prefix, body)
    }
}
