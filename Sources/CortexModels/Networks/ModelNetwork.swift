import CortexEngine
import CortexNumerics

/// Any network of the registry — SEW-ResNet/LoRaFB-SNet, Spikformer or Spike-driven Transformer —
/// as one ``RecordableNetwork``, so the commands that take "a network from the registry or a
/// checkpoint" (features, compare, batch runs) run every family through the same generic code.
///
/// Each call forwards to the wrapped network; layer names, state-dict names, monitors and
/// checkpoints are the wrapped network's. Its ``family`` is the wrapped network's
/// (``familyName``): write checkpoints with ``checkpointRecord``, not the static
/// ``RecordableNetwork/checkpointMetadata`` (whose family is the placeholder
/// ``family``, which no loader accepts).
public enum ModelNetwork: Layer {
    public typealias Scalar = Float
    case spikingResNet(SpikingResNet)
    case spikformer(Spikformer)
    case spikeDrivenTransformer(SpikeDrivenTransformer)

    /// The configuration of any family.
    public enum Configuration: Codable, Hashable, Sendable {
        case spikingResNet(ModelConfiguration)
        case transformer(SpikingTransformerConfiguration)
    }

    /// The wrapped network's family (`spiking-resnet`, `spikformer`, `spike-driven-transformer`).
    public var familyName: String {
        switch self {
        case .spikingResNet: return SpikingResNet.family
        case .spikformer: return Spikformer.family
        case .spikeDrivenTransformer: return SpikeDrivenTransformer.family
        }
    }

    /// The wrapped network's checkpoint metadata (family and configuration).
    public var checkpointRecord: [String: String] {
        switch self {
        case .spikingResNet(let n): return n.checkpointMetadata.entries
        case .spikformer(let n): return n.checkpointMetadata.entries
        case .spikeDrivenTransformer(let n): return n.checkpointMetadata.entries
        }
    }

    /// Reference-checkpoint tensors the forward pass never applies (empty for the ResNets).
    public var unusedTensorNames: [String] {
        switch self {
        case .spikingResNet: return []
        case .spikformer(let n): return n.unusedTensorNames
        case .spikeDrivenTransformer(let n): return n.unusedTensorNames
        }
    }

    /// The wrapped network as a ``RecordableNetwork`` existential (for properties).
    var recordable: any RecordableNetwork {
        switch self {
        case .spikingResNet(let n): return n
        case .spikformer(let n): return n
        case .spikeDrivenTransformer(let n): return n
        }
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        switch self {
        case .spikingResNet(var n): n.visitTensors(prefix: prefix, body); self = .spikingResNet(n)
        case .spikformer(var n): n.visitTensors(prefix: prefix, body); self = .spikformer(n)
        case .spikeDrivenTransformer(var n): n.visitTensors(prefix: prefix, body); self = .spikeDrivenTransformer(n)
        }
    }
}

extension ModelNetwork: RecordableNetwork {
    public typealias State = NetworkState

    /// A placeholder: see the type's documentation (``familyName`` is the wrapped network's).
    public static let family = "model-network"

    public init(configuration: Configuration, rng: inout SplittableRandom) {
        switch configuration {
        case .spikingResNet(let c): self = .spikingResNet(SpikingResNet(configuration: c, rng: &rng))
        case .transformer(let c):
            self = c.architecture == .spikformer ? .spikformer(Spikformer(configuration: c, rng: &rng))
                : .spikeDrivenTransformer(SpikeDrivenTransformer(configuration: c, rng: &rng))
        }
    }

    public var configuration: Configuration {
        switch self {
        case .spikingResNet(let n): return .spikingResNet(n.configuration)
        case .spikformer(let n): return .transformer(n.configuration)
        case .spikeDrivenTransformer(let n): return .transformer(n.configuration)
        }
    }

    public var layerNames: [String] { recordable.layerNames }
    public var defaultFeatureLayers: [String] { recordable.defaultFeatureLayers }
    public var layerUnitShapes: [String: [Int]] { recordable.layerUnitShapes }
    public var largestActivationPerSample: Int { recordable.largestActivationPerSample }
    public var monitorPaths: [String] { recordable.monitorPaths }
    public var inputShape: NetworkInputShape { recordable.inputShape }
    public func initialState() -> NetworkState { NetworkState() }

    public mutating func forward<M: LayerMonitor>(_ x: Tensor<Float>, state: inout NetworkState, mode: ExecutionMode,
                                                  recording: Set<String>, monitor: inout M, firstStep: Int)
        -> (logits: Tensor<Float>, recorded: [String: Tensor<Float>]) {
        switch self {
        case .spikingResNet(var n):
            defer { self = .spikingResNet(n) }
            return n.forward(x, state: &state, mode: mode, recording: recording, monitor: &monitor, firstStep: firstStep)
        case .spikformer(var n):
            defer { self = .spikformer(n) }
            return n.forward(x, state: &state, mode: mode, recording: recording, monitor: &monitor, firstStep: firstStep)
        case .spikeDrivenTransformer(var n):
            defer { self = .spikeDrivenTransformer(n) }
            return n.forward(x, state: &state, mode: mode, recording: recording, monitor: &monitor, firstStep: firstStep)
        }
    }
}
