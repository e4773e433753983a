import CortexEngine
import CortexNumerics

/// A spike-element-wise basic block (Fang et al. 2021):
///
///     A = SN(BN(conv3×3(SN(BN(conv3×3_s(x))))))
///     S = x,  or SN(BN(conv1×1_s(x))) when the stride or width changes
///     out = g(A, S)        g = ADD / AND / IAND (``ConnectFunction``)
///
/// State-dict names as the reference code: `conv1`, `bn1`, `conv2`, `bn2`, `downsample.0` (conv),
/// `downsample.1` (BN); the neurons `sn1`, `sn2`, `downsample_sn` have no parameters.
/// Convolutions have no bias.
public struct SEWBasicBlock: Layer {
    public typealias Scalar = Float
    public var conv1: Conv2d<Float>
    public var bn1: BatchNorm2d<Float>
    public var conv2: Conv2d<Float>
    public var bn2: BatchNorm2d<Float>
    public var downsampleConv: Conv2d<Float>?
    public var downsampleNorm: BatchNorm2d<Float>?
    public let neuron: NeuronKind
    /// Threshold and τ of the neurons (set by the network from its configuration).
    public var neuronConstants: NeuronConstants = .study
    public let connect: ConnectFunction

    public init(inChannels: Int, outChannels: Int, stride: Int, neuron: NeuronKind, connect: ConnectFunction,
                rng: inout SplittableRandom) {
        conv1 = Conv2d(inChannels: inChannels, outChannels: outChannels, kernel: (3, 3), stride: (stride, stride),
                       padding: (1, 1), bias: false, rng: &rng)
        conv1.weight = KaimingInitialization.normalFanOut(shape: conv1.weight.shape, rng: &rng)
        bn1 = BatchNorm2d(channels: outChannels)
        conv2 = Conv2d(inChannels: outChannels, outChannels: outChannels, kernel: (3, 3), padding: (1, 1),
                       bias: false, rng: &rng)
        conv2.weight = KaimingInitialization.normalFanOut(shape: conv2.weight.shape, rng: &rng)
        bn2 = BatchNorm2d(channels: outChannels)
        if stride != 1 || inChannels != outChannels {
            var conv = Conv2d<Float>(inChannels: inChannels, outChannels: outChannels, kernel: (1, 1),
                                     stride: (stride, stride), bias: false, rng: &rng)
            conv.weight = KaimingInitialization.normalFanOut(shape: conv.weight.shape, rng: &rng)
            downsampleConv = conv
            downsampleNorm = BatchNorm2d(channels: outChannels)
        }
        self.neuron = neuron
        self.connect = connect
    }

    /// Runs the block on `x` `[T, B, C, H, W]`; neuron states are kept under `path` + `.sn1` etc.
    /// With `renormalize`, training uses batch renormalisation (``StepNormalization``).
    public mutating func callAsFunction(_ x: Tensor<Float>, path: String, state: inout NetworkState,
                                        mode: ExecutionMode, renormalize: Bool = false) -> Tensor<Float> {
        var none = NoMonitor()
        return callAsFunction(x, path: path, state: &state, mode: mode, renormalize: renormalize, monitor: &none, firstStep: 0)
    }

    /// The same, handing `monitor` the synaptic inputs of `conv1`, `conv2`, `downsample.0` and the
    /// neurons `sn1`, `sn2`, `downsample_sn` (under `path` + `.conv1` etc.); the block's own output
    /// is the caller's to report.
    public mutating func callAsFunction<M: LayerMonitor>(_ x: Tensor<Float>, path: String, state: inout NetworkState,
                                                         mode: ExecutionMode, renormalize: Bool = false,
                                                         monitor: inout M, firstStep: Int) -> Tensor<Float> {
        if !neuron.isSpiking {
            return rectified(x, path: path, state: &state, mode: mode, renormalize: renormalize, monitor: &monitor,
                             firstStep: firstStep)
        }
        let sn = SpikingNeuronUnit(neuron, constants: neuronConstants)
        monitor.record(path + ".conv1", .synapticInput, steps: x, firstStep: firstStep, synapse: conv1.synapticLayer(input: .spikes))
        var a = sn(conv1(x), normalizedBy: &bn1, mode: mode, renormalize: renormalize, pendingKey: path + ".bn1",
                   name: path + ".sn1", state: &state, monitor: &monitor, firstStep: firstStep)
        monitor.record(path + ".conv2", .synapticInput, steps: a, firstStep: firstStep, synapse: conv2.synapticLayer(input: .spikes))
        a = sn(conv2(a), normalizedBy: &bn2, mode: mode, renormalize: renormalize, pendingKey: path + ".bn2",
               name: path + ".sn2", state: &state, monitor: &monitor, firstStep: firstStep)
        var identity = x
        if let conv = downsampleConv, var norm = downsampleNorm {
            monitor.record(path + ".downsample.0", .synapticInput, steps: x, firstStep: firstStep,
                           synapse: conv.synapticLayer(input: .spikes))
            identity = sn(conv(x), normalizedBy: &norm, mode: mode, renormalize: renormalize,
                          pendingKey: path + ".downsample.1", name: path + ".downsample_sn", state: &state,
                          monitor: &monitor, firstStep: firstStep)
            downsampleNorm = norm
        }
        switch connect {
        case .add: return a + identity
        case .and: return a * identity
        case .iand: return (-a + 1) * identity
        }
    }

    /// The non-spiking twin's block (``NeuronKind/rectifiedLinear``), a standard ResNet basic block
    /// as the study's `LoRaFBCNet.py`: out = ReLU(BN(conv2(ReLU(BN(conv1(x))))) + S), S = x or
    /// BN(conv1×1(x)); the ReLUs report as `sn1` and `sn2`, inputs as analog.
    private mutating func rectified<M: LayerMonitor>(_ x: Tensor<Float>, path: String, state: inout NetworkState,
                                                     mode: ExecutionMode, renormalize: Bool, monitor: inout M,
                                                     firstStep: Int) -> Tensor<Float> {
        let relu = SpikingNeuronUnit.rectifiedLinear
        monitor.record(path + ".conv1", .synapticInput, steps: x, firstStep: firstStep, synapse: conv1.synapticLayer(input: .analog))
        var a = relu(bn1.normalize(conv1(x), mode: mode, renormalize: renormalize,
                                   pending: &state.pendingStatistics[path + ".bn1", default: []]),
                     name: path + ".sn1", state: &state, monitor: &monitor, firstStep: firstStep)
        monitor.record(path + ".conv2", .synapticInput, steps: a, firstStep: firstStep, synapse: conv2.synapticLayer(input: .analog))
        a = bn2.normalize(conv2(a), mode: mode, renormalize: renormalize, pending: &state.pendingStatistics[path + ".bn2", default: []])
        var identity = x
        if let conv = downsampleConv, var norm = downsampleNorm {
            monitor.record(path + ".downsample.0", .synapticInput, steps: x, firstStep: firstStep,
                           synapse: conv.synapticLayer(input: .analog))
            identity = norm.normalize(conv(x), mode: mode, renormalize: renormalize,
                                      pending: &state.pendingStatistics[path + ".downsample.1", default: []])
            downsampleNorm = norm
        }
        return relu(a + identity, name: path + ".sn2", state: &state, monitor: &monitor, firstStep: firstStep)
    }

    /// Applies the pending renormalisation statistics of this block (see ``NetworkState``).
    mutating func applyPendingStatistics(path: String, state: inout NetworkState) {
        bn1.applyPending(state.pendingStatistics.removeValue(forKey: path + ".bn1") ?? [])
        bn2.applyPending(state.pendingStatistics.removeValue(forKey: path + ".bn2") ?? [])
        if var norm = downsampleNorm {
            norm.applyPending(state.pendingStatistics.removeValue(forKey: path + ".downsample.1") ?? [])
            downsampleNorm = norm
        }
    }

    public mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        conv1.visitTensors(prefix: prefix + "conv1.", body)
        bn1.visitTensors(prefix: prefix + "bn1.", body)
        conv2.visitTensors(prefix: prefix + "conv2.", body)
        bn2.visitTensors(prefix: prefix + "bn2.", body)
        if var conv = downsampleConv, var norm = downsampleNorm {
            conv.visitTensors(prefix: prefix + "downsample.0.", body)
            norm.visitTensors(prefix: prefix + "downsample.1.", body)
            downsampleConv = conv
            downsampleNorm = norm
        }
    }
}
