import CortexEngine
import CortexNumerics

/// A network whose layers can be recorded, whose state carries across calls, and whose
/// checkpoint records its configuration — what feature extraction, streamed comparison, energy
/// monitoring, training and the model loader need from a network, whatever its family.
///
/// ``SpikingResNet`` conforms (SEW-ResNet and LoRaFB-SNet). A conforming type is a ``Layer``
/// (its tensors have state-dict names, so it saves and loads safetensors), runs multi-step input
/// `[T, B, C, H, W]` from an explicit ``State`` it updates, returns the outputs of the recordable
/// layers it was asked for, and hands every time step to a ``LayerMonitor``.
///
/// ```swift
/// func firingLayers<N: RecordableNetwork>(_ network: inout N, _ x: Tensor<Float>) -> [String: Tensor<Float>] {
///     var state = network.initialState()
///     var none = NoMonitor()
///     return network.forward(x, state: &state, mode: .inference, recording: Set(network.defaultFeatureLayers),
///                            monitor: &none, firstStep: 0).recorded
/// }
/// ```
///
/// Generic code takes `<N: RecordableNetwork>` (specialised per network), not an existential, so
/// the per-step calls stay direct.
public protocol RecordableNetwork: Layer where Scalar == Float {
    /// The value that builds the network (its checkpoint records it, see ``CheckpointMetadata``).
    associatedtype Configuration: Codable, Hashable, Sendable
    /// What carries from one call of ``forward(_:state:mode:recording:monitor:firstStep:)`` to the next
    /// (membrane potentials, feedback, …).
    associatedtype State

    /// The family's name in checkpoint metadata (`CheckpointMetadata.family`), e.g. `spiking-resnet`.
    static var family: String { get }

    /// A network of `configuration` with weights drawn from `rng`.
    init(configuration: Configuration, rng: inout SplittableRandom)

    /// The configuration the network was built from.
    var configuration: Configuration { get }

    /// Every recordable layer, in network order (the order is the layer's depth in feature files).
    var layerNames: [String] { get }

    /// The layers recorded when none are named (for feature extraction).
    var defaultFeatureLayers: [String] { get }

    /// Per-frame output shape of each recordable layer (`[C, H, W]` or `[F]`), known without
    /// running the network.
    var layerUnitShapes: [String: [Int]] { get }

    /// Elements of the largest tensor one sample passes through in one time step, known without
    /// running the network (memory estimates before a run, ``FeatureExtraction``): the input or
    /// the widest recordable layer, unless the network holds something larger (Spikformer's
    /// attention scores, heads × N × N).
    var largestActivationPerSample: Int { get }

    /// Every layer path a ``LayerMonitor`` can see, in the order the network computes them (the
    /// order of energy tables).
    var monitorPaths: [String] { get }

    /// The frames the network takes: channels, height and width of `x`'s last three axes.
    var inputShape: NetworkInputShape { get }

    /// The state before the first time step (a reset).
    func initialState() -> State

    /// Runs `x` `[T, B, C, H, W]` from `state` (updated to the state after the last step).
    ///
    /// - Parameters:
    ///   - mode: `.training` uses batch statistics and updates running statistics.
    ///   - recording: names from ``layerNames`` whose outputs to return, each `[T, B, …unit shape]`.
    ///   - monitor: receives the layer values one time step at a time while the network runs.
    ///   - firstStep: the step number of `x`'s first time step in the monitor's events.
    /// - Returns: the outputs of the last layer `[T, B, …]` and the recorded layers.
    mutating func forward<M: LayerMonitor>(_ x: Tensor<Float>, state: inout State, mode: ExecutionMode,
                                           recording: Set<String>, monitor: inout M, firstStep: Int)
        -> (logits: Tensor<Float>, recorded: [String: Tensor<Float>])
}

extension RecordableNetwork {
    /// The input or the widest recordable layer, in elements per sample and time step.
    public var largestActivationPerSample: Int { widestLayerOrInput }

    /// Estimated bytes a training step on `samples` samples (batch × T) holds at its peak: 3 floats
    /// per recordable unit (the values saved for the backward pass between recorded layers: a
    /// convolution's input, batch norm's x̂, a neuron's trace) plus the largest activation's
    /// working set (saturating). Peak RSS of `cortex train` (batch 16, T 4) against this estimate:
    /// sew-resnet18-w16 at 256² 0.86 / 0.71 GB (1.2×), lorafb-snet18-w16 at 256² 1.21 / 0.71 GB (1.7×),
    /// spike-driven-transformer-2-64 at 128² 2.03 / 2.60 GB (0.78×) and at 256² 7.66 / 10.40 GB (0.74×),
    /// spikformer-2-64 at 128² 2.30 / 6.56 GB (0.35×): an estimate for refusing sizes that cannot
    /// fit, not a bound.
    public func trainingBytes(samples: Int) -> Int {
        let units = layerUnitShapes.values.reduce(0) { sum, shape in
            let (total, overflow) = sum.addingReportingOverflow(shape.reduce(1) { $0.multipliedClamped($1) })
            return overflow ? .max : total
        }
        let (perSample, overflow) = units.multipliedClamped(12).addingReportingOverflow(largestActivationPerSample.multipliedClamped(16))
        return overflow ? .max : perSample.multipliedClamped(samples)
    }

    /// The larger of the input frame and the widest recordable layer, in elements (saturating).
    public var widestLayerOrInput: Int {
        let input = inputShape.channels.multipliedClamped(inputShape.height).multipliedClamped(inputShape.width)
        return layerUnitShapes.values.map { $0.reduce(1) { $0.multipliedClamped($1) } }.reduce(input, max)
    }

    /// ``forward(_:state:mode:recording:monitor:firstStep:)`` without a monitor.
    public mutating func forward(_ x: Tensor<Float>, state: inout State, mode: ExecutionMode,
                                 recording: Set<String> = []) -> (logits: Tensor<Float>, recorded: [String: Tensor<Float>]) {
        var none = NoMonitor()
        return forward(x, state: &state, mode: mode, recording: recording, monitor: &none, firstStep: 0)
    }

    /// The checkpoint metadata entry recording this network's family and configuration (see
    /// ``CheckpointMetadata``); training adds its task, normalisation and accuracy.
    public var checkpointMetadata: CheckpointMetadata<Configuration> {
        CheckpointMetadata(family: Self.family, configuration: configuration)
    }
}
