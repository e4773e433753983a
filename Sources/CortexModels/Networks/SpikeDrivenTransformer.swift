import CortexEngine
import CortexNumerics

/// The Spike-driven Transformer (Yao et al., NeurIPS 2023, arXiv 2307.01694), multi-step over time
/// with explicit state; module structure and state-dict names of the reference code
/// (BICLab/Spike-Driven-Transformer `model/spikeformer.py`, `module/sps.py`, `module/ms_conv.py`):
///
///     patch_embed (MS_SPS):  conv-BN-LIF stages D/8 → D/4 → D/2 → D, max-pools per `pooling_stat`,
///                            RPE conv-BN added to the stage-3 BN output     → [T, B, D, h, w] (membrane level)
///     block.{i}:             SDSA and MLP with membrane shortcuts          (``SpikeDrivenBlock``)
///     head_lif, head:        mean over tokens → LIF → Linear               → logits [T, B, classes]
///
/// The reference averages the per-step logits over T (without TET); they are returned per step
/// here. With ``Downsampling/cml`` the stem's pooled stages max-pool their BN output before the
/// LIF (the reference already does so in its last stage).
///
/// Recordable layers (module paths; per-frame features are channels × height × width): the stem's
/// neurons and pools, `patch_embed`, per block `block.{i}.attn.shortcut_lif`, `.attn.{q,k,v}_lif`,
/// `.attn.talking_heads_lif`, `.attn`, `.mlp.fc1_lif`, `.mlp.fc2_lif`, `block.{i}`, then
/// `head_lif` and `head`.
///
/// Known-unused reference parameters (``unusedTensorNames``): every block's
/// `attn.talking_heads.weight` (a Conv1d the forward pass never applies); its `attn_lif` and the
/// stem's unused neurons hold no tensors.
public struct SpikeDrivenTransformer: Layer {
    public typealias Scalar = Float
    public let configuration: SpikingTransformerConfiguration
    var patchEmbed: SpikingPatchSplitting
    var blocks: [SpikeDrivenBlock]
    var head: Linear<Float>

    public init(configuration: SpikingTransformerConfiguration, rng: inout SplittableRandom) {
        precondition(configuration.architecture == .spikeDrivenTransformer,
                     "SpikeDrivenTransformer: configuration is of \(configuration.architecture)")
        self.configuration = configuration
        patchEmbed = SpikingPatchSplitting(configuration: configuration, rng: &rng)
        blocks = (0..<configuration.blocks).map { _ in
            SpikeDrivenBlock(embedDim: configuration.embedDim, heads: configuration.heads, hiddenDim: configuration.hiddenDim, rng: &rng)
        }
        head = Linear(inFeatures: configuration.embedDim, outFeatures: configuration.classes, rng: &rng)
    }

    /// Parameters of the reference checkpoints that the forward pass never applies.
    public var unusedTensorNames: [String] {
        blocks.indices.flatMap { i in SpikeDrivenBlock.unusedTensorNames.map { "block.\(i).\($0)" } }
    }

    var layers: [(name: String, shape: [Int])] {
        let c = configuration
        return patchEmbed.layers
            + (0..<c.blocks).flatMap {
                SpikeDrivenBlock.layers(path: "block.\($0)", embedDim: c.embedDim, heads: c.heads, hiddenDim: c.hiddenDim,
                                        grid: (c.tokenGrid.height, c.tokenGrid.width))
            }
            + [("head_lif", [c.embedDim]), ("head", [c.classes])]
    }

    public var layerNames: [String] { layers.map(\.name) }

    /// Every recordable layer except `head`.
    public var defaultFeatureLayers: [String] { layerNames.filter { $0 != "head" } }

    public var layerUnitShapes: [String: [Int]] { Dictionary(uniqueKeysWithValues: layers.map { ($0.name, $0.shape) }) }

    public var monitorPaths: [String] {
        patchEmbed.monitorPaths + (0..<configuration.blocks).flatMap { SpikeDrivenBlock.monitorPaths(path: "block.\($0)") }
            + ["head_lif", "head"]
    }

    public var inputShape: NetworkInputShape { configuration.inputShape }

    /// Runs `x` `[T, B, C, H, W]` from `state`; see ``RecordableNetwork``. Synaptic layers emit
    /// `.synapticInput` (the stem's `proj_conv` on pixels is analog-input, every other layer is fed
    /// spikes; the column sum Σ_N K ⊗ V as ``AttentionProduct``).
    public mutating func forward<M: LayerMonitor>(_ x: Tensor<Float>, state: inout NetworkState, mode: ExecutionMode,
                                                  recording: Set<String>, monitor: inout M, firstStep: Int)
        -> (logits: Tensor<Float>, recorded: [String: Tensor<Float>]) {
        precondition(x.rank == 5 && x.shape[2] == configuration.inputChannels,
                     "SpikeDrivenTransformer: input must be [T, B, \(configuration.inputChannels), H, W], got \(x.shape)")
        var recorder = TransformerRecording(recording: recording, firstStep: firstStep)
        var h = patchEmbed(x, state: &state, mode: mode, recorder: &recorder, monitor: &monitor)
        for i in blocks.indices {
            h = blocks[i](h, path: "block.\(i)", state: &state, mode: mode, recorder: &recorder, monitor: &monitor)
        }
        let s = h.shape
        let pooled = h.reshaped([s[0], s[1], s[2], -1]).mean(alongAxis: 3)                 // [T, B, D]
        let spikes = recorder.fire(pooled, name: "head_lif", state: &state, monitor: &monitor)
        recorder.synapse("head", input: spikes, layer: head.synapticLayer(input: .spikes), monitor: &monitor)
        let logits = head(spikes)
        recorder.record("head", logits, monitor: &monitor)
        return (logits, recorder.recorded)
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        patchEmbed.visitTensors(prefix: prefix + "patch_embed.", body)
        for i in blocks.indices { blocks[i].visitTensors(prefix: prefix + "block.\(i).", body) }
        head.visitTensors(prefix: prefix + "head.", body)
    }
}

extension SpikeDrivenTransformer: RecordableNetwork {
    public typealias State = NetworkState
    /// `spike-driven-transformer`.
    public static let family = TransformerArchitecture.spikeDrivenTransformer.family
    public func initialState() -> NetworkState { NetworkState() }
}
