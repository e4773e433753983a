import CortexEngine
import CortexNumerics

/// Spikformer (Zhou et al., "Spikformer: When spiking neural network meets transformer", ICLR 2023,
/// arXiv 2209.15425), multi-step over time with explicit state; module structure and state-dict
/// names of the reference code (ZK-Zhou/spikformer `cifar10/model.py`), so converted released
/// weights load:
///
///     patch_embed (SPS):  conv-BN-LIF stages D/8 → D/4 → D/2 → D with max-pools, RPE conv-BN-LIF
///                         added to the tokens                          → tokens [T, B, N, D]
///     block.{i}:          x ← x + SSA(x);  x ← x + MLP(x)              (``SpikformerBlock``)
///     head:               mean over tokens → Linear                    → logits [T, B, classes]
///
/// The reference averages the token means over T before `head`; `head` is affine, so the
/// per-step logits returned here average to the reference's. With ``Downsampling/cml`` the stem
/// pools membrane potentials (CML-Spikformer, its `block{k}_…` names).
///
/// Recordable layers (module paths, per-frame features flattened in the reference tensor's order
/// after T and B): the stem's neurons and pools (`patch_embed.proj_lif`, … `[C, H, W]`),
/// `patch_embed` (tokens × channels), per block `block.{i}.attn.{q,k,v}_lif`, `.attn.attn_lif`,
/// `.attn`, `.mlp.fc1_lif`, `.mlp`, `block.{i}`, then `head` (logits).
///
/// Known-unused reference parameters (``unusedTensorNames``): every block's `norm1` and `norm2`
/// LayerNorms, which the reference forward pass never applies — loaded and saved as buffers,
/// never applied nor trained.
public struct Spikformer: Layer {
    public typealias Scalar = Float
    public let configuration: SpikingTransformerConfiguration
    var patchEmbed: SpikingPatchSplitting
    var blocks: [SpikformerBlock]
    var head: Linear<Float>

    public init(configuration: SpikingTransformerConfiguration, rng: inout SplittableRandom) {
        precondition(configuration.architecture == .spikformer, "Spikformer: configuration is of \(configuration.architecture)")
        self.configuration = configuration
        patchEmbed = SpikingPatchSplitting(configuration: configuration, rng: &rng)
        blocks = (0..<configuration.blocks).map { _ in
            SpikformerBlock(embedDim: configuration.embedDim, heads: configuration.heads, hiddenDim: configuration.hiddenDim, rng: &rng)
        }
        head = Linear(inFeatures: configuration.embedDim, outFeatures: configuration.classes, rng: &rng)
    }

    /// Parameters of the reference checkpoints that the forward pass never applies.
    public var unusedTensorNames: [String] {
        blocks.indices.flatMap { i in SpikformerBlock.unusedTensorNames.map { "block.\(i).\($0)" } }
    }

    /// Recordable layers with their per-frame shapes, in network order.
    var layers: [(name: String, shape: [Int])] {
        let c = configuration
        return patchEmbed.layers
            + (0..<c.blocks).flatMap { SpikformerBlock.layers(path: "block.\($0)", tokens: c.tokens, embedDim: c.embedDim, hiddenDim: c.hiddenDim) }
            + [("head", [c.classes])]
    }

    public var layerNames: [String] { layers.map(\.name) }

    /// Every recordable layer except `head`.
    public var defaultFeatureLayers: [String] { layerNames.filter { $0 != "head" } }

    public var layerUnitShapes: [String: [Int]] { Dictionary(uniqueKeysWithValues: layers.map { ($0.name, $0.shape) }) }

    /// The attention scores Q·Kᵀ (heads × N × N per sample) when they outgrow every layer.
    public var largestActivationPerSample: Int {
        let c = configuration
        return max(widestLayerOrInput, c.heads.multipliedClamped(c.tokens).multipliedClamped(c.tokens))
    }

    public var monitorPaths: [String] {
        patchEmbed.monitorPaths + (0..<configuration.blocks).flatMap { SpikformerBlock.monitorPaths(path: "block.\($0)") } + ["head"]
    }

    public var inputShape: NetworkInputShape { configuration.inputShape }

    /// Runs `x` `[T, B, C, H, W]` from `state`; see ``RecordableNetwork``. Synaptic layers emit
    /// `.synapticInput` (the stem's `proj_conv` on pixels and `head` on token means are
    /// analog-input; token-wise linears are counted as 1×1 convolutions over the N tokens; the
    /// attention products `block.{i}.attn.qk_product`, `.qkv_product` as ``AttentionProduct``).
    public mutating func forward<M: LayerMonitor>(_ x: Tensor<Float>, state: inout NetworkState, mode: ExecutionMode,
                                                  recording: Set<String>, monitor: inout M, firstStep: Int)
        -> (logits: Tensor<Float>, recorded: [String: Tensor<Float>]) {
        precondition(x.rank == 5 && x.shape[2] == configuration.inputChannels,
                     "Spikformer: input must be [T, B, \(configuration.inputChannels), H, W], got \(x.shape)")
        var recorder = TransformerRecording(recording: recording, firstStep: firstStep)
        var h = patchEmbed(x, state: &state, mode: mode, recorder: &recorder, monitor: &monitor)
        for i in blocks.indices {
            h = blocks[i](h, path: "block.\(i)", state: &state, mode: mode, recorder: &recorder, monitor: &monitor)
        }
        let pooled = h.mean(alongAxis: 2)                                               // [T, B, D]
        recorder.synapse("head", input: pooled, layer: head.synapticLayer(input: .analog), monitor: &monitor)
        let logits = head(pooled)
        recorder.record("head", logits, monitor: &monitor)
        return (logits, recorder.recorded)
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        patchEmbed.visitTensors(prefix: prefix + "patch_embed.", body)
        for i in blocks.indices { blocks[i].visitTensors(prefix: prefix + "block.\(i).", body) }
        head.visitTensors(prefix: prefix + "head.", body)
    }
}

extension Spikformer: RecordableNetwork {
    public typealias State = NetworkState
    /// `spikformer`.
    public static let family = TransformerArchitecture.spikformer.family
    public func initialState() -> NetworkState { NetworkState() }
}
