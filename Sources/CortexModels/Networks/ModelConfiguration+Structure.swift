/// What a configuration builds, known without allocating the network.
extension ModelConfiguration {
    /// Module path of block `block` of stage `stage` (both from 0).
    public func blockPath(stage: Int, block: Int) -> String {
        isRecurrent ? "recurrent_layer\(stage + 1).sub_module.\(block)" : "layer\(stage + 1).\(block)"
    }

    /// The input frames: ``inputChannels`` × ``inputHeight`` × ``inputWidth``.
    public var inputShape: NetworkInputShape {
        NetworkInputShape(channels: inputChannels, height: inputHeight, width: inputWidth)
    }

    /// Every recordable layer, in network order (position = depth in feature files):
    /// `sn1`, `maxpool`, every block, `avgpool`, `fc`.
    public var layerNames: [String] {
        var names = downsampling == .cml ? ["maxpool", "sn1"] : ["sn1", "maxpool"]
        for (k, blocks) in blocksPerStage.enumerated() { names += (0..<blocks).map { blockPath(stage: k, block: $0) } }
        return names + ["avgpool", "fc"]
    }

    /// Per-frame output shape of each recordable layer (``layerNames``), known without running
    /// the network: `[C, H, W]` for `sn1`, `maxpool`, the blocks and `avgpool` (`[C, 1, 1]`),
    /// `[classes]` for `fc`.
    ///
    /// Sizes follow the convolution arithmetic ⌊(n + 2·pad − kernel)/stride⌋ + 1: the stem's
    /// 7×7/2 (pad 3) convolution, the 3×3/2 (pad 1) max pool, then each stage's first block's
    /// 3×3 convolution with stride 1 (stage 1) or 2 (pad 1); feedback containers keep sizes.
    public var layerUnitShapes: [String: [Int]] {
        func out(_ n: Int, kernel: Int, stride: Int, pad: Int) -> Int { (n + 2 * pad - kernel) / stride + 1 }
        var h = out(inputHeight, kernel: 7, stride: 2, pad: 3), w = out(inputWidth, kernel: 7, stride: 2, pad: 3)
        var shapes: [String: [Int]] = ["sn1": [baseWidth, h, w]]
        h = out(h, kernel: 3, stride: 2, pad: 1)
        w = out(w, kernel: 3, stride: 2, pad: 1)
        shapes["maxpool"] = [baseWidth, h, w]
        if downsampling == .cml { shapes["sn1"] = [baseWidth, h, w] }        // sn1 fires on the pooled membrane
        var channels = baseWidth
        for (k, (blocks, width)) in zip(blocksPerStage, stageWidths).enumerated() {
            if k > 0 {
                h = out(h, kernel: 3, stride: 2, pad: 1)
                w = out(w, kernel: 3, stride: 2, pad: 1)
            }
            for i in 0..<blocks { shapes[blockPath(stage: k, block: i)] = [width, h, w] }
            channels = width
        }
        shapes["avgpool"] = [channels, 1, 1]
        shapes["fc"] = [classes]
        return shapes
    }

    /// Every module path a ``LayerMonitor`` can see, in the order the network first computes them:
    /// `conv1`, `sn1`, `maxpool`, then per stage (LoRaFB-SNet: `recurrent_layer{k}.dwconv`, `.sn1`,
    /// `.pwconv`, `.sn2`) and per block `….conv1`, `….sn1`, `….conv2`, `….sn2`, `….downsample.0`,
    /// `….downsample_sn` and the block itself, then `avgpool`, `fc`.
    public var monitorPaths: [String] {
        var paths = downsampling == .cml ? ["conv1", "maxpool", "sn1"] : ["conv1", "sn1", "maxpool"]
        var inChannels = baseWidth
        for (k, (blocks, width)) in zip(blocksPerStage, stageWidths).enumerated() {
            if isRecurrent {
                let container = "recurrent_layer\(k + 1)"
                if k > 0 { paths += [container + ".dwconv", container + ".sn1"] }
                paths += [container + ".pwconv", container + ".sn2"]
            }
            for i in 0..<blocks {
                let block = blockPath(stage: k, block: i)
                paths += [block + ".conv1", block + ".sn1", block + ".conv2", block + ".sn2"]
                if i == 0 && (k > 0 || inChannels != width) {
                    paths += [block + ".downsample.0"] + (neuron.isSpiking ? [block + ".downsample_sn"] : [])
                }
                if !neuron.isSpiking {               // the ReLU twin's block ends with its ReLU (`sn2`) after the sum
                    paths.removeAll { $0 == block + ".sn2" }
                    paths.append(block + ".sn2")
                }
                paths.append(block)
            }
            inChannels = width
        }
        return paths + ["avgpool", "fc"]
    }

    /// Trainable scalars, counted per layer: convolutions (no bias) C_in·C_out·k², BN 2C,
    /// depthwise transposed conv 9C, fc (in + 1)·classes.
    public var parameterCount: Int {
        let w = baseWidth
        var total = inputChannels * w * 49 + 2 * w
        var inChannels = w
        for (k, (blocks, out)) in zip(blocksPerStage, stageWidths).enumerated() {
            for i in 0..<blocks {
                let cin = i == 0 ? inChannels : out
                total += 9 * cin * out + 2 * out + 9 * out * out + 2 * out
                if i == 0 && (k > 0 || cin != out) { total += cin * out + 2 * out }
            }
            if isRecurrent {
                if k > 0 { total += 9 * out + 2 * out }
                total += (inChannels + out) * inChannels + 2 * inChannels
            }
            inChannels = out
        }
        return total + (inChannels + 1) * classes
    }
}
