import CortexEngine
import CortexNumerics

/// One Spike-driven Transformer block, module path `block.{i}` (BICLab/Spike-Driven-Transformer
/// `MS_Block_Conv`, `MS_SSA_Conv`, `MS_MLP_Conv`), on membrane-level maps `[T, B, C, H, W]`
/// (N = H·W tokens):
///
///     attn (SDSA):  S = shortcut_lif(x)
///                   Q, K, V = {q,k,v}_lif({q,k,v}_bn({q,k,v}_conv(S)))          1×1, no bias; heads of C/h
///                   out = x + proj_bn(proj_conv(Q ⊗ talking_heads_lif(Σ_N K ⊗ V)))   θ = 0.5
///     mlp:          out = x + fc2_bn(fc2_conv(fc2_lif(fc1_bn(fc1_conv(fc1_lif(x))))))   (+ x also after fc1
///                   when the hidden width equals C, as the reference's `res`)
///
/// Every branch starts with a LIF, so every convolution's input is binary; the residuals add
/// BN outputs (membrane shortcut). SDSA is linear in tokens and channels.
///
/// The reference module also holds a `talking_heads` Conv1d (h → h) its forward pass never
/// applies (its `attn_lif` neuron, unused too, has no tensors): ``unusedTensorNames``, kept as a
/// buffer so reference checkpoints load.
struct SpikeDrivenBlock {
    let embedDim: Int
    let heads: Int
    let hiddenDim: Int
    var q: Conv2d<Float>, k: Conv2d<Float>, v: Conv2d<Float>, proj: Conv2d<Float>
    var qNorm: BatchNorm2d<Float>, kNorm: BatchNorm2d<Float>, vNorm: BatchNorm2d<Float>, projNorm: BatchNorm2d<Float>
    var fc1: Conv2d<Float>, fc2: Conv2d<Float>
    var fc1Norm: BatchNorm2d<Float>, fc2Norm: BatchNorm2d<Float>
    /// The reference's unused `attn.talking_heads.weight` `[h, h, 1]`.
    var talkingHeads: Tensor<Float>

    static let unusedTensorNames = ["attn.talking_heads.weight"]

    init(embedDim d: Int, heads: Int, hiddenDim: Int, rng: inout SplittableRandom) {
        embedDim = d
        self.heads = heads
        self.hiddenDim = hiddenDim
        func pointwise(_ i: Int, _ o: Int, bias: Bool) -> Conv2d<Float> {
            Conv2d(inChannels: i, outChannels: o, kernel: (1, 1), bias: bias, rng: &rng)
        }
        q = pointwise(d, d, bias: false)
        k = pointwise(d, d, bias: false)
        v = pointwise(d, d, bias: false)
        let bound = 1 / Double(heads).squareRoot()                       // PyTorch's Conv1d default
        talkingHeads = Tensor(shape: [heads, heads, 1], generating: { _ in Float(Double.random(in: -bound...bound, using: &rng)) })
        proj = pointwise(d, d, bias: true)
        (qNorm, kNorm, vNorm, projNorm) = (BatchNorm2d(channels: d), BatchNorm2d(channels: d), BatchNorm2d(channels: d), BatchNorm2d(channels: d))
        fc1 = pointwise(d, hiddenDim, bias: true)
        fc2 = pointwise(hiddenDim, d, bias: true)
        fc1Norm = BatchNorm2d(channels: hiddenDim)
        fc2Norm = BatchNorm2d(channels: d)
    }

    /// Recordable layers of the block in order, per-frame shapes `[C, H, W]` (the column sum's
    /// spikes `[h, 1, d]` as the reference's `[T, B, h, 1, d]`).
    static func layers(path: String, embedDim d: Int, heads: Int, hiddenDim: Int, grid: (Int, Int)) -> [(name: String, shape: [Int])] {
        let (h, w) = grid
        let a = path + ".attn."
        return [(a + "shortcut_lif", [d, h, w]), (a + "q_lif", [d, h, w]), (a + "k_lif", [d, h, w]), (a + "v_lif", [d, h, w]),
                (a + "talking_heads_lif", [heads, 1, d / heads]), (path + ".attn", [d, h, w]),
                (path + ".mlp.fc1_lif", [d, h, w]), (path + ".mlp.fc2_lif", [hiddenDim, h, w]), (path, [d, h, w])]
    }

    static func monitorPaths(path: String) -> [String] {
        let a = path + ".attn.", m = path + ".mlp."
        return [a + "shortcut_lif", a + "q_conv", a + "q_lif", a + "k_conv", a + "k_lif", a + "v_conv", a + "v_lif",
                a + "kv_product", a + "talking_heads_lif", a + "proj_conv", path + ".attn",
                m + "fc1_lif", m + "fc1_conv", m + "fc2_lif", m + "fc2_conv", path]
    }

    /// `[T, B, C, H, W]` → `[T, B, heads, N, C/heads]` (the reference's flatten–transpose–reshape–permute).
    func splitHeads(_ x: Tensor<Float>) -> Tensor<Float> {
        let s = x.shape
        return x.reshaped([s[0], s[1], s[2], s[3] * s[4]]).transposed(2, 3)
            .reshaped([s[0], s[1], s[3] * s[4], heads, embedDim / heads]).permuted([0, 1, 3, 2, 4])
    }

    mutating func callAsFunction<M: LayerMonitor>(_ x: Tensor<Float>, path: String, state: inout NetworkState, mode: ExecutionMode,
                                                  recorder: inout TransformerRecording, monitor: inout M) -> Tensor<Float> {
        let a = path + ".attn."
        let s = x.shape
        let shortcut = recorder.fire(x, name: a + "shortcut_lif", state: &state, monitor: &monitor)
        recorder.synapse(a + "q_conv", input: shortcut, layer: q.synapticLayer(input: .spikes), monitor: &monitor)
        let qs = recorder.fire(q(shortcut), normalizedBy: &qNorm, mode: mode, name: a + "q_lif", state: &state, monitor: &monitor)
        recorder.synapse(a + "k_conv", input: shortcut, layer: k.synapticLayer(input: .spikes), monitor: &monitor)
        let ks = recorder.fire(k(shortcut), normalizedBy: &kNorm, mode: mode, name: a + "k_lif", state: &state, monitor: &monitor)
        recorder.synapse(a + "v_conv", input: shortcut, layer: v.synapticLayer(input: .spikes), monitor: &monitor)
        let vs = recorder.fire(v(shortcut), normalizedBy: &vNorm, mode: mode, name: a + "v_lif", state: &state, monitor: &monitor)
        // Heads are groups of D/h channels, so SDT's per-head column sums over N and the mask are
        // per-channel operations on the conv layout [T, B, C, H·W]: no head permutes (the reference's
        // [T, B, h, N, d] holds the same values; the sum over N runs in the same order).
        let (t, b, c, n) = (s[0], s[1], s[2], s[3] * s[4])
        if monitor.wants(a + "kv_product", .synapticInput) {
            AttentionProduct.record(a + "kv_product", splitHeads(qs), splitHeads(ks), splitHeads(vs), kind: .keyValueColumnSum,
                                    recorder: recorder, monitor: &monitor)
        }
        let columnSum = (ks * vs).reshaped([t, b, c, n]).sum(alongAxis: 3).reshaped([t, b, heads, 1, c / heads])   // [T, B, h, 1, d] as the reference
        let kv = recorder.fire(columnSum, name: a + "talking_heads_lif", threshold: 0.5, state: &state, monitor: &monitor)
        let merged = (qs.reshaped([t, b, c, n]) * kv.reshaped([t, b, c]).repeated(count: n, alongNewAxis: 3)).reshaped(s)   // [T, B, C, H, W]
        recorder.synapse(a + "proj_conv", input: merged, layer: proj.synapticLayer(input: .spikes), monitor: &monitor)
        let attnOut = projNorm(proj(merged), mode: mode) + x
        recorder.record(path + ".attn", attnOut, monitor: &monitor)

        let m = path + ".mlp."
        var identity = attnOut
        let first = recorder.fire(attnOut, name: m + "fc1_lif", state: &state, monitor: &monitor)
        recorder.synapse(m + "fc1_conv", input: first, layer: fc1.synapticLayer(input: .spikes), monitor: &monitor)
        var hidden = fc1Norm(fc1(first), mode: mode)
        if hiddenDim == embedDim {                                                          // the reference's `res`
            hidden = identity + hidden
            identity = hidden
        }
        let second = recorder.fire(hidden, name: m + "fc2_lif", state: &state, monitor: &monitor)
        recorder.synapse(m + "fc2_conv", input: second, layer: fc2.synapticLayer(input: .spikes), monitor: &monitor)
        let out = fc2Norm(fc2(second), mode: mode) + identity
        recorder.record(path, out, monitor: &monitor)
        return out
    }

    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        let a = prefix + "attn."
        q.visitTensors(prefix: a + "q_conv.", body)
        qNorm.visitTensors(prefix: a + "q_bn.", body)
        k.visitTensors(prefix: a + "k_conv.", body)
        kNorm.visitTensors(prefix: a + "k_bn.", body)
        v.visitTensors(prefix: a + "v_conv.", body)
        vNorm.visitTensors(prefix: a + "v_bn.", body)
        body(a + "talking_heads.weight", .buffer, &talkingHeads)
        proj.visitTensors(prefix: a + "proj_conv.", body)
        projNorm.visitTensors(prefix: a + "proj_bn.", body)
        let m = prefix + "mlp."
        fc1.visitTensors(prefix: m + "fc1_conv.", body)
        fc1Norm.visitTensors(prefix: m + "fc1_bn.", body)
        fc2.visitTensors(prefix: m + "fc2_conv.", body)
        fc2Norm.visitTensors(prefix: m + "fc2_bn.", body)
    }
}
