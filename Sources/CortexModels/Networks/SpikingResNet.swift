import CortexEngine
import CortexNumerics

/// SEW-ResNet and LoRaFB-SNet, multi-step over time with explicit state.
///
///     stem:   conv1 7×7/2 → bn1 → sn1 → maxpool 3/2 (pad 1)
///             (``Downsampling/cml``: conv1 → bn1 → maxpool → sn1, the max over membrane inputs)
///     stages: layer1…layer4 of SEW basic blocks, widths w, 2w, 4w, 8w (strides 1, 2, 2, 2)
///             (LoRaFB-SNet: each stage inside a ``FeedbackConnection``, run step by step)
///     head:   adaptive average pool to 1×1 → fc
///
/// State-dict names follow the reference PyTorch code (SpikingJelly SEW-ResNet; the study's
/// `RecurrentResNet`): `conv1`, `bn1`, `layer{k}.{i}.…` or `recurrent_layer{k}.sub_module.{i}.…`
/// with `recurrent_layer{k}.dwconv/bn1/pwconv/bn`, and `fc`.
///
/// Recordable layers (``layerNames``), as module paths: `sn1`, `maxpool`, every block
/// (`layer2.1` / `recurrent_layer2.sub_module.1`), `avgpool`, `fc`.
public struct SpikingResNet: Layer {
    public typealias Scalar = Float
    public let configuration: ModelConfiguration
    public var conv1: Conv2d<Float>
    public var bn1: BatchNorm2d<Float>
    /// `stages[k][i]` is block i of stage k + 1.
    public var stages: [[SEWBasicBlock]]
    /// One per stage for LoRaFB-SNet; empty for SEW-ResNet.
    public var feedback: [FeedbackConnection]
    public var fc: Linear<Float>

    public init(configuration: ModelConfiguration, rng: inout SplittableRandom) {
        self.configuration = configuration
        let w = configuration.baseWidth
        conv1 = Conv2d(inChannels: configuration.inputChannels, outChannels: w, kernel: (7, 7), stride: (2, 2),
                       padding: (3, 3), bias: false, rng: &rng)
        conv1.weight = KaimingInitialization.normalFanOut(shape: conv1.weight.shape, rng: &rng)
        bn1 = BatchNorm2d(channels: w)
        stages = []
        feedback = []
        var inChannels = w
        for (k, (blocks, width)) in zip(configuration.blocksPerStage, configuration.stageWidths).enumerated() {
            let stride = k == 0 ? 1 : 2
            var stage: [SEWBasicBlock] = []
            for i in 0..<blocks {
                stage.append(SEWBasicBlock(inChannels: i == 0 ? inChannels : width, outChannels: width,
                                           stride: i == 0 ? stride : 1, neuron: configuration.neuron,
                                           connect: configuration.connect, rng: &rng))
            }
            for i in stage.indices { stage[i].neuronConstants = configuration.neuronConstants }
            stages.append(stage)
            if configuration.isRecurrent {
                var connection = FeedbackConnection(inChannels: inChannels, outChannels: width, upsampling: k > 0,
                                                    neuron: configuration.neuron, rng: &rng)
                connection.neuronConstants = configuration.neuronConstants
                feedback.append(connection)
            }
            inChannels = width
        }
        fc = Linear(inFeatures: inChannels, outFeatures: configuration.classes, rng: &rng)
    }

    /// Module path of block `block` of stage `stage` (both from 0).
    public func blockPath(stage: Int, block: Int) -> String { configuration.blockPath(stage: stage, block: block) }

    /// Every recordable layer, in network order (the order is the layer's depth).
    public var layerNames: [String] { configuration.layerNames }

    /// The default layers for feature extraction: every recordable layer except `fc`.
    public var defaultFeatureLayers: [String] { layerNames.filter { $0 != "fc" } }

    /// Runs `x` `[T, B, C, H, W]` from `state` (updated to the state after the last step).
    ///
    /// - Parameters:
    ///   - mode: `.training` uses batch statistics and updates the BN running statistics.
    ///   - recording: layer names (``layerNames``) whose outputs to return, each `[T, B, …]`.
    /// - Returns: logits `[T, B, classes]` and the recorded outputs.
    public mutating func forward(_ x: Tensor<Float>, state: inout NetworkState, mode: ExecutionMode,
                                 recording: Set<String> = []) -> (logits: Tensor<Float>, recorded: [String: Tensor<Float>]) {
        var none = NoMonitor()
        return forward(x, state: &state, mode: mode, recording: recording, monitor: &none)
    }

    /// The same, streaming layer values to `monitor` one time step at a time while the network runs
    /// (memory independent of T; see ``LayerMonitor``).
    ///
    /// Monitor layer names are module paths: the recordable layers (``layerNames``: `sn1`,
    /// `maxpool`, blocks, `avgpool`, `fc`) emit ``MonitorSignal/output``; every neuron
    /// (`sn1`, `layer1.0.sn1`, `layer1.0.sn2`, `layer2.0.downsample_sn`, `recurrent_layer2.sn1`, …)
    /// emits its spikes as `.output` and its potential as `.membranePotential`; every synaptic
    /// layer (`conv1`, `layer1.0.conv1`, `layer1.0.conv2`, `layer2.0.downsample.0`,
    /// `recurrent_layer2.dwconv`, `recurrent_layer2.pwconv`, `fc`) emits `.synapticInput`. The stem
    /// `conv1` (pixels) and `fc` (pooled averages) are analog-input layers; the rest receive spikes
    /// or spike counts.
    ///
    /// - Parameter firstStep: the step number of `x`'s first time step in the events (e.g. the
    ///   movie frame a chunk starts at, when the state is carried over chunks).
    public mutating func forward<M: LayerMonitor>(_ x: Tensor<Float>, state: inout NetworkState, mode: ExecutionMode,
                                                  recording: Set<String> = [], monitor: inout M, firstStep: Int = 0)
        -> (logits: Tensor<Float>, recorded: [String: Tensor<Float>]) {
        precondition(x.rank == 5 && x.shape[2] == configuration.inputChannels,
                     "SpikingResNet: input must be [T, B, \(configuration.inputChannels), H, W], got \(x.shape)")
        var recorded: [String: Tensor<Float>] = [:]
        func record(_ name: String, _ value: Tensor<Float>) { if recording.contains(name) { recorded[name] = value } }
        let sn = SpikingNeuronUnit(configuration.neuron, constants: configuration.neuronConstants)
        monitor.record("conv1", .synapticInput, steps: x, firstStep: firstStep, synapse: conv1.synapticLayer(input: .analog))
        var h: Tensor<Float>
        if configuration.downsampling == .cml {
            // CML: max-pool the membrane input (padding −∞), then fire
            h = bn1(conv1(x), mode: mode).maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1))
            record("maxpool", h)
            monitor.record("maxpool", .output, steps: h, firstStep: firstStep)
            h = sn(h, name: "sn1", state: &state, monitor: &monitor, firstStep: firstStep)
            record("sn1", h)
        } else {
            h = sn(conv1(x), normalizedBy: &bn1, mode: mode, pendingKey: nil, name: "sn1", state: &state,
                   monitor: &monitor, firstStep: firstStep)
            record("sn1", h)
            h = h.maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1))
            record("maxpool", h)
            monitor.record("maxpool", .output, steps: h, firstStep: firstStep)
        }
        if configuration.isRecurrent {
            h = recurrentStages(h, state: &state, mode: mode, recording: recording, recorded: &recorded,
                                monitor: &monitor, firstStep: firstStep)
        } else {
            for k in stages.indices {
                for i in stages[k].indices {
                    let path = blockPath(stage: k, block: i)
                    h = stages[k][i](h, path: path, state: &state, mode: mode, monitor: &monitor, firstStep: firstStep)
                    record(path, h)
                    monitor.record(path, .output, steps: h, firstStep: firstStep)
                }
            }
        }
        let pooled = h.adaptiveAvgPool2d(output: (1, 1))
        record("avgpool", pooled)
        monitor.record("avgpool", .output, steps: pooled, firstStep: firstStep)
        let flat = pooled.reshaped([x.shape[0], x.shape[1], -1])
        monitor.record("fc", .synapticInput, steps: flat, firstStep: firstStep, synapse: fc.synapticLayer(input: .analog))
        let logits = fc(flat)
        record("fc", logits)
        monitor.record("fc", .output, steps: logits, firstStep: firstStep)
        return (logits, recorded)
    }

    /// LoRaFB-SNet's stages, one time step at a time (the feedback needs O_{t−1}).
    private mutating func recurrentStages<M: LayerMonitor>(_ input: Tensor<Float>, state: inout NetworkState,
                                                           mode: ExecutionMode, recording: Set<String>,
                                                           recorded: inout [String: Tensor<Float>],
                                                           monitor: inout M, firstStep: Int) -> Tensor<Float> {
        let steps = input.shape[0]
        let renormalize = configuration.stepNormalization == .renormalized
        var perStep: [String: [Tensor<Float>]] = [:]
        var outputs: [Tensor<Float>] = []
        for t in 0..<steps {
            var h = input.slice(along: 0, t..<(t + 1))                        // [1, B, C, H, W]
            for k in stages.indices {
                let containerPath = "recurrent_layer\(k + 1)"
                h = feedback[k].fuse(h, previous: state.feedback[k], path: containerPath, state: &state, mode: mode,
                                     renormalize: renormalize, monitor: &monitor, step: firstStep + t)
                for i in stages[k].indices {
                    let path = blockPath(stage: k, block: i)
                    h = stages[k][i](h, path: path, state: &state, mode: mode, renormalize: renormalize,
                                     monitor: &monitor, firstStep: firstStep + t)
                    if recording.contains(path) { perStep[path, default: []].append(h) }
                    monitor.record(path, .output, steps: h, firstStep: firstStep + t)
                }
                state.feedback[k] = h
            }
            outputs.append(h)
        }
        for (name, parts) in perStep { recorded[name] = Tensor.concatenate(parts, along: 0) }
        for k in stages.indices {                    // one running-statistics update per forward
            feedback[k].applyPendingStatistics(path: "recurrent_layer\(k + 1)", state: &state)
            for i in stages[k].indices { stages[k][i].applyPendingStatistics(path: blockPath(stage: k, block: i), state: &state) }
        }
        return Tensor.concatenate(outputs, along: 0)
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        conv1.visitTensors(prefix: prefix + "conv1.", body)
        bn1.visitTensors(prefix: prefix + "bn1.", body)
        for k in stages.indices {
            for i in stages[k].indices {
                stages[k][i].visitTensors(prefix: prefix + blockPath(stage: k, block: i) + ".", body)
            }
            // PyTorch registers `sub_module` first, then the feedback layers.
            if configuration.isRecurrent { feedback[k].visitTensors(prefix: prefix + "recurrent_layer\(k + 1).", body) }
        }
        fc.visitTensors(prefix: prefix + "fc.", body)
    }
}
