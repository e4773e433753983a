import CortexEngine
import CortexNumerics

/// The spiking patch splitting stem of Spikformer (`SPS`) and of the Spike-driven Transformer
/// (`MS_SPS`), module path `patch_embed`:
///
///     stage k = 0…3:  proj_conv{k} 3×3 (no bias) → proj_bn{k} → proj_lif{k}  [→ maxpool{k} 3×3/2 pad 1]
///     Spikformer:     out = rpe_lif(rpe_bn(rpe_conv(s))) + s            (s: the stage-3 spikes; values 0…2)
///     SDT:            stage 3 pools its BN output (x_feat) before proj_lif3;
///                     out = rpe_bn(rpe_conv(proj_lif3(x_feat))) + x_feat     (membrane level)
///
/// Stages carry D/8, D/4, D/2, D channels; ``SpikingTransformerConfiguration/pooledStages`` says
/// which pool. With ``Downsampling/cml`` every pooled stage is conv → BN → maxpool → LIF (the max
/// taken over membrane inputs, padding −∞); CML-Spikformer's module names are then those of its
/// code (`block{k+1}_conv`, `block{k+1}_bn`, `block{k+1}_mp`, `block{k+1}_lif`). Spikformer
/// returns tokens `[T, B, N, D]`, SDT `[T, B, D, h, w]`.
struct SpikingPatchSplitting {
    let configuration: SpikingTransformerConfiguration
    var convs: [Conv2d<Float>]
    var norms: [BatchNorm2d<Float>]
    var rpeConv: Conv2d<Float>
    var rpeNorm: BatchNorm2d<Float>

    init(configuration: SpikingTransformerConfiguration, rng: inout SplittableRandom) {
        self.configuration = configuration
        let widths = configuration.stemWidths
        convs = []
        norms = []
        var inChannels = configuration.inputChannels
        for width in widths {
            convs.append(Conv2d(inChannels: inChannels, outChannels: width, kernel: (3, 3), padding: (1, 1), bias: false, rng: &rng))
            norms.append(BatchNorm2d(channels: width))
            inChannels = width
        }
        rpeConv = Conv2d(inChannels: inChannels, outChannels: inChannels, kernel: (3, 3), padding: (1, 1), bias: false, rng: &rng)
        rpeNorm = BatchNorm2d(channels: inChannels)
    }

    // MARK: names

    /// CML-Spikformer names its stem modules `block{k}_…`; the others `proj_…{k}`.
    var usesBlockNames: Bool { configuration.architecture == .spikformer && configuration.downsampling == .cml }

    /// The module name of stage `stage`'s `part` (`conv`, `bn`, `lif`), without the `patch_embed.` prefix.
    func name(_ part: String, stage: Int) -> String {
        usesBlockNames ? "block\(stage + 1)_\(part)" : "proj_\(part)\(stage == 0 ? "" : String(stage))"
    }

    /// The module name of stage `stage`'s max-pool.
    func poolName(stage: Int) -> String {
        usesBlockNames ? "block\(stage + 1)_mp" : "maxpool\(stage == 0 ? "" : String(stage))"
    }

    /// Whether stage `stage` pools before its neuron (CML, and SDT's last stage always).
    func poolsBeforeNeuron(stage: Int) -> Bool {
        configuration.pooledStages[stage]
            && (configuration.downsampling == .cml || (configuration.architecture == .spikeDrivenTransformer && stage == 3))
    }

    /// Recordable layers of the stem in order, each with its per-frame shape (`[C, H, W]`; the
    /// stem's output: `[N, D]` for Spikformer, `[D, h, w]` for SDT).
    var layers: [(name: String, shape: [Int])] {
        let widths = configuration.stemWidths
        var (h, w) = (configuration.inputHeight, configuration.inputWidth)
        var result: [(String, [Int])] = []
        for stage in 0..<4 {
            let pooled = configuration.pooledStages[stage]
            let (ph, pw) = ((h - 1) / 2 + 1, (w - 1) / 2 + 1)
            if pooled && poolsBeforeNeuron(stage: stage) {
                result.append(("patch_embed." + poolName(stage: stage), [widths[stage], ph, pw]))
                result.append(("patch_embed." + name("lif", stage: stage), [widths[stage], ph, pw]))
            } else {
                result.append(("patch_embed." + name("lif", stage: stage), [widths[stage], h, w]))
                if pooled { result.append(("patch_embed." + poolName(stage: stage), [widths[stage], ph, pw])) }
            }
            if pooled { (h, w) = (ph, pw) }
        }
        let d = configuration.embedDim
        if configuration.architecture == .spikformer {
            result.append(("patch_embed.rpe_lif", [d, h, w]))
            result.append(("patch_embed", [h * w, d]))
        } else {
            result.append(("patch_embed", [d, h, w]))
        }
        return result
    }

    /// Every path a monitor sees, in computing order (synaptic layers, neurons, pools, the stem).
    var monitorPaths: [String] {
        var paths: [String] = []
        for stage in 0..<4 {
            paths.append("patch_embed." + name("conv", stage: stage))
            let pool = "patch_embed." + poolName(stage: stage), lif = "patch_embed." + name("lif", stage: stage)
            if configuration.pooledStages[stage] {
                paths += poolsBeforeNeuron(stage: stage) ? [pool, lif] : [lif, pool]
            } else {
                paths.append(lif)
            }
        }
        paths.append("patch_embed.rpe_conv")
        if configuration.architecture == .spikformer { paths.append("patch_embed.rpe_lif") }
        return paths + ["patch_embed"]
    }

    // MARK: forward

    /// Runs the stem on `x` `[T, B, C, H, W]`.
    mutating func callAsFunction<M: LayerMonitor>(_ x: Tensor<Float>, state: inout NetworkState, mode: ExecutionMode,
                                                  recorder: inout TransformerRecording, monitor: inout M) -> Tensor<Float> {
        var h = x
        var featureMap = x
        for stage in 0..<4 {
            let convName = "patch_embed." + name("conv", stage: stage)
            let input: SynapticLayer.Input = stage == 0 ? .analog : .spikes
            recorder.synapse(convName, input: h, layer: convs[stage].synapticLayer(input: input), monitor: &monitor)
            let lif = "patch_embed." + name("lif", stage: stage), pool = "patch_embed." + poolName(stage: stage)
            if !poolsBeforeNeuron(stage: stage) && !(configuration.architecture == .spikeDrivenTransformer && stage == 3) {
                // BN's output is not kept (only SDT's stage 3 is x_feat): BN and neuron, folded in inference
                h = recorder.fire(convs[stage](h), normalizedBy: &norms[stage], mode: mode, name: lif, state: &state, monitor: &monitor)
                if configuration.pooledStages[stage] {
                    h = h.maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1))
                    recorder.record(pool, h, monitor: &monitor)
                }
                continue
            }
            var m = norms[stage](convs[stage](h), mode: mode)
            if poolsBeforeNeuron(stage: stage) {
                m = m.maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1))
                recorder.record(pool, m, monitor: &monitor)
                featureMap = m
                h = recorder.fire(m, name: lif, state: &state, monitor: &monitor)
            } else {
                featureMap = m
                h = recorder.fire(m, name: lif, state: &state, monitor: &monitor)
                if configuration.pooledStages[stage] {
                    h = h.maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1))
                    recorder.record(pool, h, monitor: &monitor)
                }
            }
        }
        recorder.synapse("patch_embed.rpe_conv", input: h, layer: rpeConv.synapticLayer(input: .spikes), monitor: &monitor)
        let out: Tensor<Float>
        switch configuration.architecture {
        case .spikformer:
            // x_feat is the stage-3 output (spikes, pooled); the RPE spikes are added to it
            let spikes = recorder.fire(rpeConv(h), normalizedBy: &rpeNorm, mode: mode, name: "patch_embed.rpe_lif",
                                       state: &state, monitor: &monitor)
            let sum = spikes + h
            let (t, b, d) = (sum.shape[0], sum.shape[1], sum.shape[2])
            out = sum.reshaped([t, b, d, -1]).transposed(2, 3)                           // [T, B, N, D]
        case .spikeDrivenTransformer:
            // x_feat is the stage-3 BN output (pooled when stage 3 pools), membrane level
            out = rpeNorm(rpeConv(h), mode: mode) + featureMap
        }
        recorder.record("patch_embed", out, monitor: &monitor)
        return out
    }

    mutating func visitTensors(prefix: String, _ body: (String, TensorRole, inout Tensor<Float>) -> Void) {
        for stage in 0..<4 {
            convs[stage].visitTensors(prefix: prefix + name("conv", stage: stage) + ".", body)
            norms[stage].visitTensors(prefix: prefix + name("bn", stage: stage) + ".", body)
        }
        rpeConv.visitTensors(prefix: prefix + "rpe_conv.", body)
        rpeNorm.visitTensors(prefix: prefix + "rpe_bn.", body)
    }
}
