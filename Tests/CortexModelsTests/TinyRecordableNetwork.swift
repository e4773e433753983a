import CortexEngine
import CortexNumerics
@testable import CortexModels

/// A test-only network of another family, to show that ``RecordableNetwork`` is all that feature
/// extraction, loading and training need:
///
///     running_sum: s_t = s_{t−1} + mean(x_t)   per sample, s carried in the state   unit shape [1]
///     fc:          Linear(C·H·W → classes) of each frame                            unit shape [classes]
struct TinyRecordableNetwork: RecordableNetwork {
    struct Configuration: Codable, Hashable, Sendable {
        var channels = 1
        var height = 4
        var width = 4
        var classes = 3
    }

    /// Each sample's running sum (empty before the first step).
    struct State { var sums: [Float] = [] }

    static let family = "tiny-test"
    let configuration: Configuration
    var fc: Linear<Float>

    init(configuration: Configuration, rng: inout SplittableRandom) {
        self.configuration = configuration
        fc = Linear(inFeatures: configuration.channels * configuration.height * configuration.width,
                    outFeatures: configuration.classes, rng: &rng)
    }

    var layerNames: [String] { ["running_sum", "fc"] }
    var defaultFeatureLayers: [String] { ["running_sum"] }
    var layerUnitShapes: [String: [Int]] { ["running_sum": [1], "fc": [configuration.classes]] }
    var monitorPaths: [String] { ["running_sum", "fc"] }
    var inputShape: NetworkInputShape {
        NetworkInputShape(channels: configuration.channels, height: configuration.height, width: configuration.width)
    }

    func initialState() -> State { State() }

    mutating func forward<M: LayerMonitor>(_ x: Tensor<Float>, state: inout State, mode: ExecutionMode,
                                           recording: Set<String>, monitor: inout M, firstStep: Int)
        -> (logits: Tensor<Float>, recorded: [String: Tensor<Float>]) {
        let (steps, batch) = (x.shape[0], x.shape[1])
        let size = x.count / (steps * batch)
        if state.sums.isEmpty { state.sums = [Float](repeating: 0, count: batch) }
        var sums = [Float](repeating: 0, count: steps * batch)
        let values = x.scalars
        for t in 0..<steps {
            for b in 0..<batch {
                let start = (t * batch + b) * size
                state.sums[b] += values[start..<(start + size)].reduce(0, +) / Float(size)
                sums[t * batch + b] = state.sums[b]
            }
        }
        let running = Tensor(shape: [steps, batch, 1], scalars: sums)
        monitor.record("running_sum", .output, steps: running, firstStep: firstStep)
        let logits = fc(x.reshaped([steps, batch, size]))
        monitor.record("fc", .output, steps: logits, firstStep: firstStep)
        var recorded: [String: Tensor<Float>] = [:]
        if recording.contains("running_sum") { recorded["running_sum"] = running }
        if recording.contains("fc") { recorded["fc"] = logits }
        return (logits, recorded)
    }

    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        fc.visitTensors(prefix: prefix + "fc.", body)
    }
}
