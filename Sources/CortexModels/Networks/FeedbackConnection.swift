import CortexEngine
import CortexNumerics

/// LoRaFB-SNet's feedback container around one stage (the reference code's `ConvRecurrent`),
/// given the stage output at the previous step O_{t−1} (zeros at t = 0):
///
///     R_t = SN(BN(DWConvTranspose(O_{t−1})))     k 3, s 2, p 1, output-pad 1, groups C_out, no bias
///     R_t = O_{t−1}                              stage 1 (stride 1, no transposed conv)
///
/// At t = 0, O_{−1} = 0 goes through the same path (R_0 = SN(BN(0)), as the reference code; checked
/// against `scripts/reference/torch_models.py`).
///     A_t = SN(BN(conv1×1(concat(x_t, R_t))))    C_in + C_out → C_in, no bias
///     O_t = stage(A_t)
///
/// State-dict names (under `recurrent_layer{k}.`): `dwconv`, `bn1` (stages 2–4 only), `pwconv`,
/// `bn`; the stage's blocks are `sub_module.{i}`. Neuron states: `recurrent_layer{k}.sn1` (after
/// `bn1`) and `recurrent_layer{k}.sn2` (after `bn`), as the reference's `relu1` / `relu2`.
public struct FeedbackConnection: Layer {
    public typealias Scalar = Float
    public var dwconv: ConvTranspose2d<Float>?
    public var bn1: BatchNorm2d<Float>?
    public var pwconv: Conv2d<Float>
    public var bn: BatchNorm2d<Float>
    public let inChannels: Int
    public let outChannels: Int
    public let neuron: NeuronKind
    /// Threshold and τ of the neurons (set by the network from its configuration).
    public var neuronConstants: NeuronConstants = .study

    public init(inChannels: Int, outChannels: Int, upsampling: Bool, neuron: NeuronKind, rng: inout SplittableRandom) {
        if upsampling {
            var t = ConvTranspose2d<Float>(inChannels: outChannels, outChannels: outChannels, kernel: (3, 3),
                                           stride: (2, 2), padding: (1, 1), outputPadding: (1, 1),
                                           groups: outChannels, bias: false, rng: &rng)
            t.weight = KaimingInitialization.normalFanOut(shape: t.weight.shape, rng: &rng)
            dwconv = t
            bn1 = BatchNorm2d(channels: outChannels)
        }
        pwconv = Conv2d(inChannels: inChannels + outChannels, outChannels: inChannels, kernel: (1, 1), bias: false,
                        rng: &rng)
        pwconv.weight = KaimingInitialization.normalFanOut(shape: pwconv.weight.shape, rng: &rng)
        bn = BatchNorm2d(channels: inChannels)
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.neuron = neuron
    }

    /// Spatial size of the stage output for an input of `size` (the stage's stride-2 3×3 conv).
    public func stageOutputSize(input size: (Int, Int)) -> (Int, Int) {
        dwconv == nil ? size : ((size.0 - 1) / 2 + 1, (size.1 - 1) / 2 + 1)
    }

    /// A_t from x_t `[1, B, C_in, H, W]` and O_{t−1} `[1, B, C_out, h, w]`.
    public mutating func fuse(_ x: Tensor<Float>, previous: Tensor<Float>?, path: String, state: inout NetworkState,
                              mode: ExecutionMode, renormalize: Bool = false) -> Tensor<Float> {
        var none = NoMonitor()
        return fuse(x, previous: previous, path: path, state: &state, mode: mode, renormalize: renormalize,
                    monitor: &none, step: 0)
    }

    /// The same at time step `step`, handing `monitor` the synaptic inputs of `dwconv` and `pwconv`
    /// and the neurons `sn1`, `sn2` (under `path` + `.dwconv` etc.).
    public mutating func fuse<M: LayerMonitor>(_ x: Tensor<Float>, previous: Tensor<Float>?, path: String,
                                               state: inout NetworkState, mode: ExecutionMode, renormalize: Bool = false,
                                               monitor: inout M, step: Int) -> Tensor<Float> {
        let sn = SpikingNeuronUnit(neuron, constants: neuronConstants)
        let size = stageOutputSize(input: (x.shape[3], x.shape[4]))
        // O_{t−1} = 0 at t = 0; stages 2–4 still pass it through dwconv → BN → SN, as the reference
        // code does, so R_0 = SN(BN(0)) = SN(β − γ·μ/σ) in inference, which is not zero in general.
        let o = previous ?? Tensor(shape: [1, x.shape[1], outChannels, size.0, size.1], repeating: 0)
        var r = o
        if let t = dwconv, var norm = bn1 {
            monitor.record(path + ".dwconv", .synapticInput, steps: o, firstStep: step,
                           synapse: t.synapticLayer(input: neuron.isSpiking ? .spikes : .analog))
            r = sn(t(o), normalizedBy: &norm, mode: mode, renormalize: renormalize, pendingKey: path + ".bn1",
                   name: path + ".sn1", state: &state, monitor: &monitor, firstStep: step)
            bn1 = norm
        }
        precondition(Array(r.shape.suffix(2)) == Array(x.shape.suffix(2)),
                     "LoRaFB-SNet: feedback \(r.shape) does not match stage input \(x.shape) (input size must be a multiple of 32)")
        let joined = Tensor.concatenate([x, r], along: 2)
        monitor.record(path + ".pwconv", .synapticInput, steps: joined, firstStep: step,
                       synapse: pwconv.synapticLayer(input: neuron.isSpiking ? .spikes : .analog))
        return sn(pwconv(joined), normalizedBy: &bn, mode: mode, renormalize: renormalize, pendingKey: path + ".bn",
                  name: path + ".sn2", state: &state, monitor: &monitor, firstStep: step)
    }

    /// Applies the pending renormalisation statistics of `bn1` and `bn`.
    mutating func applyPendingStatistics(path: String, state: inout NetworkState) {
        if var norm = bn1 {
            norm.applyPending(state.pendingStatistics.removeValue(forKey: path + ".bn1") ?? [])
            bn1 = norm
        }
        bn.applyPending(state.pendingStatistics.removeValue(forKey: path + ".bn") ?? [])
    }

    /// Visits `dwconv`, `bn1`, `pwconv`, `bn` (the stage itself is visited by the network).
    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        if var t = dwconv, var norm = bn1 {
            t.visitTensors(prefix: prefix + "dwconv.", body)
            norm.visitTensors(prefix: prefix + "bn1.", body)
            dwconv = t
            bn1 = norm
        }
        pwconv.visitTensors(prefix: prefix + "pwconv.", body)
        bn.visitTensors(prefix: prefix + "bn.", body)
    }
}
