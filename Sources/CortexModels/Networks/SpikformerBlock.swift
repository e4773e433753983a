import CortexEngine
import CortexNumerics

/// One Spikformer block, module path `block.{i}` (ZK-Zhou/spikformer `Block`, `SSA`, `MLP`), on
/// tokens `[T, B, N, D]`:
///
///     attn (SSA):  Q, K, V = {q,k,v}_lif({q,k,v}_bn({q,k,v}_linear(x)))        spikes, heads of D/h channels
///                  attn_lif(Q·Kᵀ·V · 0.125)   (θ = 0.5; no softmax)
///                  out = proj_lif(proj_bn(proj_linear(·)))
///     mlp:         fc2_lif(fc2_bn(fc2_linear(fc1_lif(fc1_bn(fc1_linear(x))))))
///     x ← x + attn(x);  x ← x + mlp(x)                                        (sums of spikes: 0, 1, 2, …)
///
/// BN is BatchNorm1d over tokens. Q·Kᵀ·V is computed as Q·(Kᵀ·V): the entries are integers (sums of
/// spike products) below 2²⁴, exact in Float in either order, so the result equals the reference's
/// (Q·Kᵀ)·V bit for bit at O(N·d²) instead of O(N²·d) per head.
///
/// The reference block also holds LayerNorms `norm1`, `norm2` that its forward pass never
/// applies; they are kept as buffers (loaded, saved, never used or trained) so reference
/// checkpoints load: ``unusedTensorNames``.
struct SpikformerBlock {
    let embedDim: Int
    let heads: Int
    var q: Linear<Float>, k: Linear<Float>, v: Linear<Float>, proj: Linear<Float>
    var qNorm: BatchNorm1d<Float>, kNorm: BatchNorm1d<Float>, vNorm: BatchNorm1d<Float>, projNorm: BatchNorm1d<Float>
    var fc1: Linear<Float>, fc2: Linear<Float>
    var fc1Norm: BatchNorm1d<Float>, fc2Norm: BatchNorm1d<Float>
    /// The reference's unused LayerNorms: `norm1.weight`, `norm1.bias`, `norm2.weight`, `norm2.bias`.
    var unused: [String: Tensor<Float>]

    /// SSA's scale (the reference's `self.scale = 0.125`).
    static let scale: Float = 0.125
    /// The tensors kept for reference checkpoints but never applied, relative to the block.
    static let unusedTensorNames = ["norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"]

    init(embedDim d: Int, heads: Int, hiddenDim: Int, rng: inout SplittableRandom) {
        embedDim = d
        self.heads = heads
        q = Linear(inFeatures: d, outFeatures: d, rng: &rng)
        k = Linear(inFeatures: d, outFeatures: d, rng: &rng)
        v = Linear(inFeatures: d, outFeatures: d, rng: &rng)
        proj = Linear(inFeatures: d, outFeatures: d, rng: &rng)
        (qNorm, kNorm, vNorm, projNorm) = (BatchNorm1d(channels: d), BatchNorm1d(channels: d), BatchNorm1d(channels: d), BatchNorm1d(channels: d))
        fc1 = Linear(inFeatures: d, outFeatures: hiddenDim, rng: &rng)
        fc2 = Linear(inFeatures: hiddenDim, outFeatures: d, rng: &rng)
        fc1Norm = BatchNorm1d(channels: hiddenDim)
        fc2Norm = BatchNorm1d(channels: d)
        unused = ["norm1.weight": Tensor(shape: [d], repeating: 1), "norm1.bias": Tensor(shape: [d], repeating: 0),
                  "norm2.weight": Tensor(shape: [d], repeating: 1), "norm2.bias": Tensor(shape: [d], repeating: 0)]
    }

    /// Recordable layers of the block in order (per-frame shape `[N, D]`, hidden `[N, D·r]`).
    static func layers(path: String, tokens n: Int, embedDim d: Int, hiddenDim: Int) -> [(name: String, shape: [Int])] {
        [(path + ".attn.q_lif", [n, d]), (path + ".attn.k_lif", [n, d]), (path + ".attn.v_lif", [n, d]),
         (path + ".attn.attn_lif", [n, d]), (path + ".attn", [n, d]), (path + ".mlp.fc1_lif", [n, hiddenDim]),
         (path + ".mlp", [n, d]), (path, [n, d])]
    }

    /// Every path a monitor sees, in computing order.
    static func monitorPaths(path: String) -> [String] {
        let a = path + ".attn.", m = path + ".mlp."
        return [a + "q_linear", a + "q_lif", a + "k_linear", a + "k_lif", a + "v_linear", a + "v_lif",
                a + "qk_product", a + "qkv_product", a + "attn_lif", a + "proj_linear", a + "proj_lif", path + ".attn",
                m + "fc1_linear", m + "fc1_lif", m + "fc2_linear", m + "fc2_lif", path + ".mlp", path]
    }

    /// `[T, B, N, D]` → `[T, B, heads, N, D/heads]`.
    func splitHeads(_ x: Tensor<Float>) -> Tensor<Float> {
        let s = x.shape
        return x.reshaped([s[0], s[1], s[2], heads, embedDim / heads]).permuted([0, 1, 3, 2, 4])
    }

    mutating func callAsFunction<M: LayerMonitor>(_ x: Tensor<Float>, path: String, state: inout NetworkState, mode: ExecutionMode,
                                                  recorder: inout TransformerRecording, monitor: inout M) -> Tensor<Float> {
        let a = path + ".attn."
        recorder.tokenSynapse(a + "q_linear", tokens: x, linear: q, input: .spikes, monitor: &monitor)
        let qs = recorder.fire(q(x), normalizedBy: &qNorm, mode: mode, name: a + "q_lif", state: &state, monitor: &monitor)
        recorder.tokenSynapse(a + "k_linear", tokens: x, linear: k, input: .spikes, monitor: &monitor)
        let ks = recorder.fire(k(x), normalizedBy: &kNorm, mode: mode, name: a + "k_lif", state: &state, monitor: &monitor)
        recorder.tokenSynapse(a + "v_linear", tokens: x, linear: v, input: .spikes, monitor: &monitor)
        let vs = recorder.fire(v(x), normalizedBy: &vNorm, mode: mode, name: a + "v_lif", state: &state, monitor: &monitor)
        let (qh, kh, vh) = (splitHeads(qs), splitHeads(ks), splitHeads(vs))
        AttentionProduct.record(a + "qk_product", qh, kh, kind: .queryKey, recorder: recorder, monitor: &monitor)
        AttentionProduct.record(a + "qkv_product", qh, kh, vh, kind: .scoresValue, recorder: recorder, monitor: &monitor)
        let product = qh.batchedMatmul(kh.batchedMatmul(vh, transposeSelf: true)) * Self.scale     // Q·(Kᵀ·V)·0.125
        let s = x.shape
        let merged = product.permuted([0, 1, 3, 2, 4]).reshaped(s)                                    // [T, B, N, D]
        let attention = recorder.fire(merged, name: a + "attn_lif", threshold: 0.5, state: &state, monitor: &monitor)
        recorder.tokenSynapse(a + "proj_linear", tokens: attention, linear: proj, input: .spikes, monitor: &monitor)
        let attnOut = recorder.fire(proj(attention), normalizedBy: &projNorm, mode: mode, name: a + "proj_lif", state: &state, monitor: &monitor)
        recorder.record(path + ".attn", attnOut, monitor: &monitor)
        let h = x + attnOut

        let m = path + ".mlp."
        recorder.tokenSynapse(m + "fc1_linear", tokens: h, linear: fc1, input: .spikes, monitor: &monitor)
        let hidden = recorder.fire(fc1(h), normalizedBy: &fc1Norm, mode: mode, name: m + "fc1_lif", state: &state, monitor: &monitor)
        recorder.tokenSynapse(m + "fc2_linear", tokens: hidden, linear: fc2, input: .spikes, monitor: &monitor)
        let mlpOut = recorder.fire(fc2(hidden), normalizedBy: &fc2Norm, mode: mode, name: m + "fc2_lif", state: &state, monitor: &monitor)
        recorder.record(path + ".mlp", mlpOut, monitor: &monitor)
        let out = h + mlpOut
        recorder.record(path, out, monitor: &monitor)
        return out
    }

    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        // the reference's registration order: norm1, attn (q, k, v, proj), norm2, mlp
        for name in ["norm1.weight", "norm1.bias"] { body(prefix + name, .buffer, &unused[name]!) }
        q.visitTensors(prefix: prefix + "attn.q_linear.", body)
        qNorm.visitTensors(prefix: prefix + "attn.q_bn.", body)
        k.visitTensors(prefix: prefix + "attn.k_linear.", body)
        kNorm.visitTensors(prefix: prefix + "attn.k_bn.", body)
        v.visitTensors(prefix: prefix + "attn.v_linear.", body)
        vNorm.visitTensors(prefix: prefix + "attn.v_bn.", body)
        proj.visitTensors(prefix: prefix + "attn.proj_linear.", body)
        projNorm.visitTensors(prefix: prefix + "attn.proj_bn.", body)
        for name in ["norm2.weight", "norm2.bias"] { body(prefix + name, .buffer, &unused[name]!) }
        fc1.visitTensors(prefix: prefix + "mlp.fc1_linear.", body)
        fc1Norm.visitTensors(prefix: prefix + "mlp.fc1_bn.", body)
        fc2.visitTensors(prefix: prefix + "mlp.fc2_linear.", body)
        fc2Norm.visitTensors(prefix: prefix + "mlp.fc2_bn.", body)
    }
}
